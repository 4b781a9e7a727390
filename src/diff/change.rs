//! How a change reads: a value's two sides as shown, its ratio and change column, and the
//! sentence the summary makes of it.

use super::{
    AssertionDiff, MAX_PRECISION, Status, ValueDiff, percentiles, same, same_kind, same_median,
    unavailability,
};
use crate::format::Style;
use crate::quantity::Kind;
use crate::report::{Digits, Restater, ValueReport};
use crate::value::Number;

impl AssertionDiff<'_> {
    /// `now fails`, `now holds`, `added`, `removed`; empty when its result is the same.
    pub fn change(&self) -> &'static str {
        match self.status {
            Status::Changed if self.after.is_some_and(|a| a.passed) => "now holds",
            Status::Changed => "now fails",
            Status::Unchanged => "",
            status => status.name(),
        }
    }
}

impl ValueDiff<'_> {
    /// After / before: of the numbers, of an uncertain value's medians. `None` unless both
    /// sides have it with the same dimension, and the before side is not 0.
    pub fn ratio(&self) -> Option<Number> {
        let (b, a) = (self.before?, self.after?);
        let ratio = a.point() / b.point();
        (same_kind(b, a) && b.point() != 0.0 && ratio.is_finite()).then_some(ratio)
    }

    /// The before and after sides as shown; when they would read as the same number though
    /// the value changed (`1.5K` and `1500`), both in one form with as many more digits as
    /// tell them apart (`1500 → 1500.001`). Empty for a side that is absent.
    pub fn shown(&self, style: &Style) -> (String, String) {
        let text = |v: Option<&ValueReport>| v.map_or_else(String::new, |v| v.shown.text.clone());
        let (before, after) = (text(self.before), text(self.after));
        let (Some(b), Some(a)) = (self.before, self.after) else {
            return (before, after);
        };
        let certain = b.distribution.is_none() && a.distribution.is_none();
        if self.status != Status::Changed || !certain || !same_kind(b, a) {
            return (before, after);
        }
        // Plain digits where the tables write both sides so (below 10,000), else both with a
        // scale suffix: never `1.5K → 1500.001`.
        let below = |v: &ValueReport| Restater::of(v).scaled(v.point()).abs() < 1e4;
        let digits = match below(b) && below(a) {
            true => Digits::Plain,
            false => Digits::Scaled,
        };
        let restated = |s: &Style| {
            (
                restate(b, b.point(), s, digits),
                restate(a, a.point(), s, digits),
            )
        };
        let (b_restated, a_restated) = restated(style);
        if before != after && b_restated != a_restated {
            return (before, after);
        }
        (style.precision + 1..=MAX_PRECISION)
            .map(Style::with_precision)
            .map(|s| restated(&s))
            .find(|(b, a)| b != a)
            .unwrap_or((before, after))
    }

    /// The change, as a person reads it: `×0.667 (−33.3%)`; for an availability, in
    /// percentage points and the ratio of the downtimes it allows (`+0.05 pp (downtime
    /// ×0.5)`); for a percentage, in points and its ratio; below zero, the signed difference
    /// and the ratio of the magnitudes (`−2 (magnitude ×2)`); across zero, the difference
    /// (`+4 (changes sign)`); `from 0`; `same median, wider 90% range`; `was a size, now a
    /// rate`; `added`, `removed`; empty when unchanged.
    pub fn change(&self, style: &Style) -> String {
        match self.reading(style) {
            Reading {
                head,
                detail: Some(detail),
                ..
            } => format!("{head} ({detail})"),
            Reading { head, .. } => head,
        }
    }

    /// The change in two parts, the second said in parentheses by the table and after a
    /// comma by the summary (which never nests parentheses).
    fn reading(&self, style: &Style) -> Reading {
        let said = |head: String, detail: Option<String>| Reading {
            head,
            detail,
            scaled: false,
        };
        let (b, a) = match (self.before, self.after, self.status) {
            (_, _, Status::Unchanged) => return said(String::new(), None),
            (Some(b), Some(a), _) => (b, a),
            (_, _, status) => return said(status.name().to_string(), None),
        };
        if !same_kind(b, a) {
            return said(format!("was {}, now {}", noun(b), noun(a)), None);
        }
        let [b5, b50, b95] = percentiles(b);
        let [a5, a50, a95] = percentiles(a);
        if self.median_kept() {
            let (was, now) = (b95 - b5, a95 - a5);
            let range = if same(was, now) {
                "other"
            } else if now > was {
                "wider"
            } else {
                "narrower"
            };
            // Two medians within sampling error of each other may still be shown apart.
            let median = if restate(b, b50, style, Digits::Scaled)
                == restate(a, a50, style, Digits::Scaled)
            {
                "same median"
            } else {
                "median within sampling error"
            };
            return said(format!("{median}, {range} 90% range"), None);
        }
        if let Some((lacked, lacks)) = unavailability(b).zip(unavailability(a)) {
            let points = format!("{} pp", signed((lacked - lacks) * 100.0, style));
            let downtime = match lacked {
                0.0 => "downtime from 0".to_string(),
                _ => format!("downtime {}", times(lacks / lacked, style)),
            };
            return said(points, Some(downtime));
        }
        let Some(ratio) = self.ratio() else {
            return said("from 0".to_string(), None);
        };
        // A ratio of negative numbers is one of magnitudes: -2 to -4 is ×2, and falls.
        let times = if ratio < 0.0 {
            "changes sign".to_string()
        } else if b50 < 0.0 && a50 == 0.0 {
            "to 0".to_string()
        } else if b50 < 0.0 {
            format!("magnitude {}", times(ratio, style))
        } else {
            times(ratio, style)
        };
        if a.kind == Kind::Percent {
            let points = format!("{} pp", signed((a50 - b50) * 100.0, style));
            return said(points, Some(times));
        }
        if ratio < 0.0 || b50 < 0.0 {
            let difference = a50 - b50;
            let sign = if difference < 0.0 { '−' } else { '+' };
            let amount = restate(a, difference.abs(), style, Digits::Scaled);
            return said(format!("{sign}{amount}"), Some(times));
        }
        Reading {
            head: times,
            detail: Some(format!("{}%", signed((ratio - 1.0) * 100.0, style))),
            scaled: true,
        }
    }

    /// Whether the value changed and kept its median (only an uncertain value can): what
    /// it lacks of 1, for an availability; within sampling error, for a range.
    fn median_kept(&self) -> bool {
        let (Some(b), Some(a)) = (self.before, self.after) else {
            return false;
        };
        let tolerance = self.median_tolerance;
        same_kind(b, a)
            && match unavailability(b).zip(unavailability(a)) {
                Some((lacked, lacks)) => same_median(lacked, lacks, tolerance),
                None => same_median(b.point(), a.point(), tolerance),
            }
    }

    /// `total_storage falls from 110 PB to 73.1 PB (×0.667)`.
    pub(super) fn sentence(&self, style: &Style, quote: &dyn Fn(&str) -> String) -> String {
        let (before, after) = self.shown(style);
        let up = match (self.before, self.after) {
            _ if self.median_kept() => None,
            (Some(b), Some(a)) if same_kind(b, a) => match (unavailability(b), unavailability(a)) {
                (Some(lacked), Some(lacks)) => Some(lacks < lacked),
                _ => Some(a.point() > b.point()),
            },
            _ => None,
        };
        let verb = match up {
            Some(true) => "rises",
            Some(false) => "falls",
            None => "changes",
        };
        // A ratio of positive numbers says it all: `(×0.667)`.
        let change = match self.reading(style) {
            Reading {
                head, scaled: true, ..
            } => head,
            Reading {
                head,
                detail: Some(detail),
                ..
            } => format!("{head}, {detail}"),
            Reading { head, .. } => head,
        };
        let name = quote(&self.name);
        format!("{name} {verb} from {before} to {after} ({change})")
    }
}

/// A change in two parts: `×0.667` and `−33.3%`, `+0.05 pp` and `downtime ×0.5`.
struct Reading {
    head: String,
    detail: Option<String>,
    /// The head is the ratio of two positive numbers.
    scaled: bool,
}

/// `×0.667`, at the style's precision, or with as many more digits as keep a ratio that
/// is not 1 from reading `×1`.
fn times(ratio: Number, style: &Style) -> String {
    let text = (style.precision..=MAX_PRECISION)
        .map(|p| Style::with_precision(p).number(ratio))
        .find(|t| ratio == 1.0 || t != "1")
        .unwrap_or_else(|| style.number(ratio));
    format!("×{text}")
}

/// `+50`, `−33.3` (a true minus sign).
fn signed(x: Number, style: &Style) -> String {
    let sign = if x < 0.0 { '−' } else { '+' };
    format!("{sign}{}", style.number(x.abs()))
}

/// What kind of value `v` is, for `was a size, now a rate`.
fn noun(v: &ValueReport) -> String {
    match v.kind {
        Kind::Traffic => "a rate".into(),
        Kind::Storage => "a size".into(),
        Kind::Bandwidth => "a data rate".into(),
        Kind::Availability => "an availability".into(),
        Kind::Duration => "a duration".into(),
        Kind::Count => "a number".into(),
        Kind::Percent => "a percentage".into(),
        Kind::Cost | Kind::Other => format!("in {}", v.base_unit),
    }
}

/// `x`, a number in `v`'s base units, in the unit `v` is shown in: `73.1 PB`, `174K /s`,
/// `99.95%`, `$20K /month`; an availability keeps what it lacks of 1 exact.
fn restate(v: &ValueReport, x: Number, style: &Style, digits: Digits) -> String {
    if let Some(a) = v.availability.as_deref() {
        return format!("{}%", style.availability_percent(x, a.unavailability));
    }
    Restater::of(v).text(x, style, digits)
}
