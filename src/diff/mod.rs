//! Two reports compared: what changed between a capacity plan and another (or the same plan
//! with `--set` overrides), for `bote diff`. Values are matched by name (an expression
//! statement by its text), assertions by their text, each in the canonical layout of `bote
//! fmt` (so that spacing does not count); what only one side has is added or removed.
//!
//! A value has changed when its number differs by more than [`TOLERANCE`], relative to the
//! larger of the two: the same figure reached by arithmetic in another order differs in its
//! last bits, and that is not a change. An uncertain value has changed when either end of its
//! 90% range has, or its median has by more than the sampling can tell
//! ([`MEDIAN_ERRORS`] standard errors: `10 to 20` and `5 to 40` have one median, which two
//! samplings put a few parts in a million apart); an availability when what it lacks of 1
//! has (99.99999999% and 99.999999999% are 1 to fifteen digits). A value whose dimension
//! changed (a size that became a rate) has changed, with no ratio.

mod change;

use std::collections::HashMap;

use crate::format::Style;
use crate::report::{AssertionReport, Report, ValueReport};
use crate::value::Number;

/// The relative difference below which two numbers are the same value.
pub const TOLERANCE: Number = 1e-12;

/// How many standard errors of their difference two sampled medians may lie apart and still
/// be the same median.
pub const MEDIAN_ERRORS: Number = 2.0;

/// How many changed values the summary names.
const HEADLINES: usize = 2;

/// The most significant digits a changed value is shown with when fewer would make its two
/// sides look equal.
const MAX_PRECISION: usize = 15;

/// What became of a value or an assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Unchanged,
    Changed,
    /// Only the after side has it.
    Added,
    /// Only the before side has it.
    Removed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// A value on either side, or both.
#[derive(Clone, Debug)]
pub struct ValueDiff<'a> {
    /// Its name, or an expression statement's text in the canonical layout of `bote fmt`.
    pub name: String,
    pub before: Option<&'a ValueReport>,
    pub after: Option<&'a ValueReport>,
    pub status: Status,
    /// How far apart, in base units, the two sides' medians may be and still be the same
    /// median: [`MEDIAN_ERRORS`] standard errors of the difference of two sampled medians; 0
    /// when neither side is uncertain.
    pub median_tolerance: Number,
}

/// An assertion on either side, or both. It has changed when it passes on one side and
/// fails on the other.
#[derive(Clone, Debug)]
pub struct AssertionDiff<'a> {
    /// Its text without `assert`, in the canonical layout of `bote fmt`.
    pub text: String,
    pub before: Option<&'a AssertionReport>,
    pub after: Option<&'a AssertionReport>,
    pub status: Status,
}

/// Two reports compared.
#[derive(Clone, Debug)]
pub struct Diff<'a> {
    /// Those that flipped, then those added, those removed, and the unchanged.
    pub assertions: Vec<AssertionDiff<'a>>,
    /// The after side's values in its order (changed, added and unchanged), then the removed
    /// ones in the before side's order.
    pub values: Vec<ValueDiff<'a>>,
}

/// `text` with each run of whitespace one space, trimmed.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A statement's text in the canonical layout of `bote fmt`, by which two sides match it:
/// `assert x<3` is `assert x < 3`, `x*2` is `x * 2`. The spaces are the only thing that
/// changes (numbers, names, units and parentheses stay as written). A text that does not lay
/// out on its own has its whitespace collapsed.
fn canonical(statement: &str) -> String {
    match crate::layout::format(statement) {
        Ok(text) => collapsed(&text),
        Err(_) => collapsed(statement),
    }
}

/// What matches a value across the two sides: its name, or an expression statement's text
/// and which of the statements with that text it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Name(String),
    Expression(String, usize),
}

/// Each item's key: `key` of it, and, for items that share one, which of them it is.
fn keyed<T>(items: &[T], key: impl Fn(&T) -> (String, bool)) -> Vec<Key> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .iter()
        .map(|item| match key(item) {
            (name, true) => Key::Name(name),
            (text, false) => {
                let n = seen.entry(text.clone()).or_default();
                *n += 1;
                Key::Expression(text, *n)
            }
        })
        .collect()
}

/// Pairs the items of two sides by key: the after side's in order, each with its match, then
/// the before side's that have none; each pair with its key's text (a name, or a statement's
/// text in the canonical layout), computed once.
fn paired<'a, T>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&T) -> (String, bool),
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let before_keys = keyed(before, &key);
    let after_keys = keyed(after, &key);
    let mut unmatched: HashMap<&Key, &T> = before_keys.iter().zip(before).collect();
    let mut pairs: Vec<(String, Option<&T>, Option<&T>)> = after_keys
        .iter()
        .zip(after)
        .map(|(k, a)| (k.text().to_string(), unmatched.remove(k), Some(a)))
        .collect();
    pairs.extend(
        before_keys
            .iter()
            .zip(before)
            .filter(|(k, _)| unmatched.contains_key(k))
            .map(|(k, b)| (k.text().to_string(), Some(b), None)),
    );
    pairs
}

impl Key {
    /// The name, or the statement's text.
    fn text(&self) -> &str {
        match self {
            Key::Name(text) | Key::Expression(text, _) => text,
        }
    }
}

/// The same number, within [`TOLERANCE`].
fn same(a: Number, b: Number) -> bool {
    a == b || (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

/// The same median: the same number within [`TOLERANCE`], or two sampled medians within
/// `tolerance` of each other (see [`ValueDiff::median_tolerance`]).
fn same_median(a: Number, b: Number, tolerance: Number) -> bool {
    same(a, b) || (a - b).abs() <= tolerance
}

/// The Monte Carlo standard error of `v`'s median sampled `samples` times, in base units; 0
/// for a certain value. A sampled median's is 1 / (2 f √n), f the density at the median;
/// f is read off the quartiles, 0.5 / (p75 − p25), so the error is the interquartile range
/// over √n, whatever the shape (for a normal or a log-normal range, a little more than the
/// exact 1.2533 σ / √n).
fn median_error(v: &ValueReport, samples: Option<usize>) -> Number {
    match (v.distribution.as_deref(), samples) {
        (Some(d), Some(n)) if n > 0 => ((d.p75 - d.p25) / (n as Number).sqrt()).abs(),
        _ => 0.0,
    }
}

/// A value's 5th, 50th and 95th percentiles; a certain value's are its number.
fn percentiles(v: &ValueReport) -> [Number; 3] {
    match v.distribution.as_deref() {
        Some(d) => [d.p5, d.p50, d.p95],
        None => [v.point(); 3],
    }
}

/// Whether two values have the same dimension and kind.
fn same_kind(a: &ValueReport, b: &ValueReport) -> bool {
    a.kind == b.kind && a.base_unit == b.base_unit
}

fn unavailability(v: &ValueReport) -> Option<Number> {
    v.availability.as_deref().map(|a| a.unavailability)
}

fn value_status(before: &ValueReport, after: &ValueReport, median_tolerance: Number) -> Status {
    let [b5, b50, b95] = percentiles(before);
    let [a5, a50, a95] = percentiles(after);
    let numbers_same = same(b5, a5) && same(b95, a95) && same_median(b50, a50, median_tolerance);
    let lacks_same = match (unavailability(before), unavailability(after)) {
        (Some(a), Some(b)) => same_median(a, b, median_tolerance),
        _ => true,
    };
    if same_kind(before, after) && numbers_same && lacks_same {
        Status::Unchanged
    } else {
        Status::Changed
    }
}

impl<'a> Diff<'a> {
    /// `before` and `after` compared.
    pub fn new(before: &'a Report, after: &'a Report) -> Diff<'a> {
        let value_key = |v: &ValueReport| match &v.name {
            Some(name) => (name.clone(), true),
            None => (canonical(&v.expr), false),
        };
        let before_samples = before.sampling.map(|s| s.samples);
        let after_samples = after.sampling.map(|s| s.samples);
        let values = paired(&before.values, &after.values, value_key)
            .into_iter()
            .map(|(name, b, a)| {
                let errors = [
                    b.map_or(0.0, |b| median_error(b, before_samples)),
                    a.map_or(0.0, |a| median_error(a, after_samples)),
                ];
                let median_tolerance = MEDIAN_ERRORS * errors[0].hypot(errors[1]);
                let status = match (b, a) {
                    (Some(b), Some(a)) => value_status(b, a, median_tolerance),
                    (None, _) => Status::Added,
                    (_, None) => Status::Removed,
                };
                ValueDiff {
                    name,
                    before: b,
                    after: a,
                    status,
                    median_tolerance,
                }
            })
            .collect();
        let claim = |a: &AssertionReport| {
            let text = canonical(&a.text);
            text.strip_prefix("assert ").unwrap_or(&text).to_string()
        };
        let mut assertions: Vec<AssertionDiff> =
            paired(&before.assertions, &after.assertions, |a| (claim(a), false))
                .into_iter()
                .map(|(text, b, a)| {
                    let status = match (b, a) {
                        (Some(b), Some(a)) if b.passed == a.passed => Status::Unchanged,
                        (Some(_), Some(_)) => Status::Changed,
                        (None, _) => Status::Added,
                        (_, None) => Status::Removed,
                    };
                    AssertionDiff {
                        text,
                        before: b,
                        after: a,
                        status,
                    }
                })
                .collect();
        // Stable: each group keeps the order of its side.
        assertions.sort_by_key(|a| match a.status {
            Status::Changed => 0,
            Status::Added => 1,
            Status::Removed => 2,
            Status::Unchanged => 3,
        });
        Diff { assertions, values }
    }

    /// Whether anything changed: a value, or an assertion's result, or either one only on
    /// one side.
    pub fn any_change(&self) -> bool {
        let changed = |s: Status| s != Status::Unchanged;
        self.values.iter().any(|v| changed(v.status))
            || self.assertions.iter().any(|a| changed(a.status))
    }

    /// How many values are the same on both sides.
    pub fn unchanged_values(&self) -> usize {
        let same = |v: &&ValueDiff| v.status == Status::Unchanged;
        self.values.iter().filter(same).count()
    }

    /// How many assertions have the same result on both sides.
    pub fn unchanged_assertions(&self) -> usize {
        let same = |a: &&AssertionDiff| a.status == Status::Unchanged;
        self.assertions.iter().filter(same).count()
    }

    /// The assertions that fail on both sides.
    pub fn failing_on_both_sides(&self) -> impl Iterator<Item = &AssertionDiff<'a>> {
        let failing = |a: &&AssertionDiff| {
            a.status == Status::Unchanged && a.after.is_some_and(|after| !after.passed)
        };
        self.assertions.iter().filter(failing)
    }

    /// One sentence a reviewer reads first: the assertions that flipped, then the values
    /// that changed, those computed from others before the inputs, in the after side's order
    /// (at most [`HEADLINES`], and how many more), how many were added and removed, and how
    /// many assertions fail on both sides.
    pub fn summary(&self, style: &Style) -> String {
        self.summary_quoting(style, &|text| text.to_string())
    }

    /// [`Diff::summary`], each name, formula and assertion passed through `quote` (Markdown
    /// sets them in code, where `*` is not emphasis).
    pub fn summary_quoting(&self, style: &Style, quote: &dyn Fn(&str) -> String) -> String {
        // A failure that did not change is still a failure.
        let failing: Vec<&AssertionDiff> = self.failing_on_both_sides().collect();
        let failing = match failing.as_slice() {
            [] => None,
            [one] => Some(format!(
                "assertion {} fails on both sides",
                quote(&one.text)
            )),
            many => Some(format!("{} assertions fail on both sides", many.len())),
        };
        if !self.any_change() {
            let values = counted(self.values.len(), "value");
            let subject = match self.assertions.len() {
                0 => values,
                n => format!("{values} and {}", counted(n, "assertion")),
            };
            let verb = match self.values.len() + self.assertions.len() {
                1 => "is",
                _ => "are",
            };
            return match failing {
                None => format!("Nothing changed: {subject} {verb} the same."),
                Some(failing) => {
                    format!("Nothing changed: {subject} {verb} the same; {failing}.")
                }
            };
        }
        let mut parts = Vec::new();
        for a in self
            .assertions
            .iter()
            .filter(|a| a.status == Status::Changed)
        {
            parts.push(format!("assertion {} {}", quote(&a.text), a.change()));
        }
        let changed: Vec<&ValueDiff> = self
            .values
            .iter()
            .filter(|v| v.status == Status::Changed)
            .collect();
        let computed: Vec<&&ValueDiff> = changed
            .iter()
            .filter(|v| v.after.is_some_and(|a| !a.input))
            .collect();
        let headline: Vec<&&ValueDiff> = if computed.is_empty() {
            changed.iter().collect()
        } else {
            computed
        };
        for v in headline.iter().take(HEADLINES) {
            parts.push(v.sentence(style, quote));
        }
        let more = changed.len() - HEADLINES.min(headline.len());
        if more > 0 {
            parts.push(format!("{} changed", counted(more, "more value")));
        }
        let values = |status| self.values.iter().filter(|v| v.status == status).count();
        let assertions = |status| {
            self.assertions
                .iter()
                .filter(|a| a.status == status)
                .count()
        };
        for (noun, added, removed) in [
            ("value", values(Status::Added), values(Status::Removed)),
            (
                "assertion",
                assertions(Status::Added),
                assertions(Status::Removed),
            ),
        ] {
            match (added, removed) {
                (0, 0) => {}
                (n, 0) => parts.push(format!("{} added", counted(n, noun))),
                (0, n) => parts.push(format!("{} removed", counted(n, noun))),
                (a, r) => parts.push(format!("{} added, {r} removed", counted(a, noun))),
            }
        }
        parts.extend(failing);
        // A value's name keeps its case.
        let sentence = parts.join("; ");
        match sentence.strip_prefix("assertion ") {
            Some(rest) => format!("Assertion {rest}."),
            None => sentence + ".",
        }
    }
}

/// `1 value`, `3 values`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests;
