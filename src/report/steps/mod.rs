//! Worked steps (`--explain`): a value's derivation as a person writes it on a whiteboard,
//! built from the checked tree and the source text it keeps spans into. The lines:
//!
//! 1. the formula as written, `*` as `×` and a subtraction as `−`;
//! 2. each definition and reference number it uses replaced by its value as the tables show
//!    it;
//! 3. the plain numbers multiplied out and the conversions spelled: `500M × 30` is `15bn`,
//!    `/ day` is `/ 86,400 s`, `x + 30%` is `x × 1.3`, `5 years` is `5 × 31,557,600 s`
//!    (a unit is spelled only where the result is not shown in it);
//! 4. the value as the tables show it.
//!
//! A line that reads like the one before is left out, so an input is its literal alone. Each
//! line is a real intermediate value: the lines after the first parse back as they are, once
//! `×`, `−` and thousands commas are read as `*`, `-` and nothing, and re-evaluate to the
//! value within the precision their numbers are shown with (`tests/it/steps.rs` holds every
//! scenario to that); the last drops what the tables say after a value (`(3.3 nines)`). A
//! value with a range behind it shows its formula and its result as the tables do (median and
//! range): its median is not what the medians of its parts would give.

use crate::builtins::{self, Kernel};
use crate::diagnostic::SourceMap;
use crate::eval::Evaluation;
use crate::format::{self, Frame, Shown, Style};
use crate::ir::{Arith, Node, Typed};
use crate::quantity::{Dimension, units};
use crate::span::Span;

mod text;

use text::{Level, closing, distinct, fit, grouped, whiteboard};
pub(crate) use text::{plain, powers_of_ten};

/// What a derivation is drawn from: the evaluation whose values it substitutes, the sources
/// its formulas are written in, and how its numbers are shown.
pub(crate) struct Deriver<'a> {
    pub evaluation: &'a Evaluation<'a>,
    pub sources: &'a SourceMap,
    pub frame: Frame<'a>,
    pub style: Style,
}

/// The line being written: names replaced by values, or that and the numbers worked out.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Substitute,
    Work,
}

/// A replacement of the source between two offsets (equal offsets: an insertion).
struct Edit {
    start: u32,
    end: u32,
    text: String,
}

impl Deriver<'_> {
    /// The lines of `expr`'s derivation, ending with `shown`, its value as the tables show it.
    pub fn derive(&self, expr: &Typed, shown: &str) -> Vec<String> {
        let formula = whiteboard(&self.apply(expr.span, &[]));
        if self.opaque(expr) {
            return distinct(vec![formula, shown.to_string()]);
        }
        let result = plain(shown).to_string();
        let substituted = self.line(expr, Pass::Substitute, &result);
        let worked = self.line(expr, Pass::Work, &result);
        distinct(vec![formula, substituted, worked, result])
    }

    /// Whether a range lies behind the expression: a sampled value, a comparison, a summary
    /// of samples (`prob`, `mean`), or a definition with a range in it.
    pub fn opaque(&self, t: &Typed) -> bool {
        match &t.node {
            Node::Const(_) => false,
            Node::Var(i) => self
                .evaluation
                .values
                .get(*i)
                .is_none_or(|v| v.is_uncertain()),
            Node::Dist(_) | Node::Cmp(..) => true,
            Node::Neg(x) => self.opaque(x),
            Node::Bin(_, l, r) => self.opaque(l) || self.opaque(r),
            Node::Call(func, args) => {
                matches!(builtins::get(*func).kernel, Kernel::Uncertain)
                    || args.iter().any(|a| self.opaque(a))
            }
        }
    }

    fn line(&self, expr: &Typed, pass: Pass, result: &str) -> String {
        let mut edits = Vec::new();
        let walk = Walk {
            pass,
            result_units: words(result),
        };
        self.edits(expr, Level::Product, &walk, true, &mut edits);
        whiteboard(&self.apply(expr.span, &edits))
    }

    /// The source of `span` with `edits` (in order, not overlapping) made; a comma of the
    /// source is followed by a space, so that every comma without one groups thousands.
    fn apply(&self, span: Span, edits: &[Edit]) -> String {
        let mut out = String::new();
        let mut at = span.start;
        let source = |start: u32, end: u32, out: &mut String| {
            let text = self.sources.slice(Span { start, end });
            out.push_str(&text.replace(',', ", "));
        };
        for edit in edits {
            if edit.start < at || edit.end > span.end {
                continue;
            }
            source(at, edit.start, &mut out);
            out.push_str(&edit.text);
            at = edit.end;
        }
        source(at, span.end, &mut out);
        out
    }

    /// The edits that write `t` for `walk.pass`, where a text of at most `room` stands bare.
    fn edits(&self, t: &Typed, room: Level, walk: &Walk, root: bool, out: &mut Vec<Edit>) {
        let room = if self.parenthesised(t) {
            Level::Product
        } else {
            room
        };
        let replace = |text: String, out: &mut Vec<Edit>| {
            out.push(Edit {
                start: t.span.start,
                end: t.span.end,
                text: fit(text, room),
            });
        };
        match &t.node {
            Node::Var(i) => {
                if let Some(text) = self.definition_text(*i, walk) {
                    replace(text, out);
                }
            }
            Node::Const(_) => {
                if let Some(text) = self.constant_text(t, walk) {
                    replace(text, out);
                }
            }
            Node::Neg(x) => self.edits(x, Level::Atom, walk, false, out),
            Node::Call(_, args) => {
                for a in args {
                    self.edits(a, Level::Product, walk, false, out);
                }
            }
            Node::Dist(_) | Node::Cmp(..) => {}
            Node::Bin(op, l, r) => {
                if walk.pass == Pass::Work {
                    if !root && let Some(text) = self.folded(t) {
                        return replace(text, out);
                    }
                    if self.worked_binary(t, room, walk, out) {
                        return;
                    }
                }
                let (left, right) = self.rooms(*op, l, r);
                self.edits(l, left, walk, false, out);
                if r.span.start >= l.span.end {
                    self.edits(r, right, walk, false, out);
                }
            }
        }
    }

    /// The rooms of a binary operation's operands, by the operator written between them.
    fn rooms(&self, op: Arith, l: &Typed, r: &Typed) -> (Level, Level) {
        let between = self.between(l, r);
        let implicit = between.trim().is_empty();
        match op {
            Arith::Add | Arith::Sub => (Level::Product, Level::Product),
            Arith::Mul if implicit => (Level::Atom, Level::Atom),
            Arith::Mul => (Level::Product, Level::Product),
            Arith::Div => (Level::Product, Level::Quantity),
            Arith::Pow => (Level::Atom, Level::Atom),
        }
    }

    /// The source between two operands: their operator.
    fn between(&self, l: &Typed, r: &Typed) -> &str {
        if r.span.start < l.span.end {
            return "";
        }
        self.sources.slice(Span {
            start: l.span.end,
            end: r.span.start,
        })
    }

    /// The worked forms of a binary operation, written as edits: `x + 30%` as `x × 1.3`,
    /// `30 days` as `30 × 86,400 s`. `false` when it is neither.
    fn worked_binary(&self, t: &Typed, room: Level, walk: &Walk, out: &mut Vec<Edit>) -> bool {
        let Node::Bin(Arith::Mul, l, r) = &t.node else {
            return false;
        };
        // `x + 30%` was checked as `x × (1 + 30%)`: the factor and its `1` carry the span of
        // the percentage.
        if let Node::Bin(Arith::Add | Arith::Sub, one, percent) = &r.node
            && one.span == percent.span
            && r.span == percent.span
            && matches!(one.node, Node::Const(c) if c == 1.0)
            && let Some(factor) = r.const_value()
        {
            self.wrapped(t, room, Level::Product, out, |out| {
                self.edits(l, Level::Product, walk, false, out);
                out.push(Edit {
                    start: l.span.end,
                    end: percent.span.end,
                    text: format!(" × {factor}"),
                });
            });
            return true;
        }
        // `30 days`: a number times a unit of time, written without an operator.
        if self.between(l, r).trim().is_empty()
            && let Some(seconds) = self.spelled_unit(r, walk)
        {
            if matches!(l.node, Node::Const(c) if c == 1.0) {
                out.push(Edit {
                    start: t.span.start,
                    end: t.span.end,
                    text: fit(seconds, room),
                });
            } else {
                self.wrapped(t, room, Level::Product, out, |out| {
                    self.edits(l, Level::Product, walk, false, out);
                    out.push(Edit {
                        start: l.span.end,
                        end: r.span.end,
                        text: format!(" × {seconds}"),
                    });
                });
            }
            return true;
        }
        false
    }

    /// The edits of `inner`, in parentheses when `level` does not fit `room`.
    fn wrapped(
        &self,
        t: &Typed,
        room: Level,
        level: Level,
        out: &mut Vec<Edit>,
        inner: impl FnOnce(&mut Vec<Edit>),
    ) {
        let wrap = level > room;
        let at = |offset: u32, text: &str| Edit {
            start: offset,
            end: offset,
            text: text.to_string(),
        };
        if wrap {
            out.push(at(t.span.start, "("));
        }
        inner(out);
        if wrap {
            out.push(at(t.span.end, ")"));
        }
    }

    /// Whether `t`'s source is one pair of parentheses around the rest.
    fn parenthesised(&self, t: &Typed) -> bool {
        let text = self.sources.slice(t.span);
        text.starts_with('(') && closing(text) == Some(text.len() - 1)
    }

    /// Definition `i` as the tables show it, and in the worked line its unit of time spelled
    /// in seconds: `5 years` as `5 × 31,557,600 s`, `20bn /day` as `20bn / 86,400 s`.
    fn definition_text(&self, i: usize, walk: &Walk) -> Option<String> {
        let checked = self.evaluation.checked;
        let def = checked.definitions.get(i)?;
        let value = self.evaluation.values.get(i)?;
        let written = (def.target.is_none() && def.deps.is_empty())
            .then(|| super::written::as_written(&def.expr, self.sources, &checked.count_units))
            .flatten();
        let target = def.target.as_deref().or(written.as_ref());
        let shown = format::show_value(
            value,
            def.expr.dim,
            def.expr.kind,
            target,
            &self.frame,
            &self.style,
        );
        let text = plain(&shown.text).to_string();
        if walk.pass == Pass::Work
            && let Some(spelled) = self.spelled_shown(&shown, &text, walk)
        {
            return Some(spelled);
        }
        Some(text)
    }

    /// A shown duration or rate with its unit of time in seconds, where the result is not
    /// shown in that unit.
    fn spelled_shown(&self, shown: &Shown, text: &str, walk: &Walk) -> Option<String> {
        let number = text.strip_suffix(shown.unit.as_str())?.trim_end();
        let (things, period) = match shown.unit.rsplit_once('/') {
            Some((things, period)) => (Some(things), period),
            None => (None, shown.unit.as_str()),
        };
        let seconds = self.seconds_of(period, walk)?;
        let per = fit(seconds.clone(), Level::Quantity);
        Some(match things {
            Some("") => format!("{number} / {per}"),
            Some(things) => format!("{number} {things} / {per}"),
            None if number == "1" => seconds,
            None => format!("{number} × {seconds}"),
        })
    }

    /// A constant as the line shows it: a reference number by its value, and in the worked
    /// line a unit of time longer than a second in seconds. `None`: as written.
    fn constant_text(&self, t: &Typed, walk: &Walk) -> Option<String> {
        let name = self.sources.slice(t.span);
        if let Some(reference) = crate::quantity::reference::lookup(name) {
            let shown = format::show(
                reference.value,
                reference.dim,
                t.kind,
                None,
                &self.frame,
                &self.style,
            );
            return Some(plain(&shown.text).to_string());
        }
        match walk.pass {
            Pass::Work => self.spelled_unit(t, walk),
            Pass::Substitute => None,
        }
    }

    /// A unit of time longer than a second, written as a name (`day`, `years`), in seconds:
    /// `86,400 s`; `None` for anything else, or where the result is shown in that unit.
    fn spelled_unit(&self, t: &Typed, walk: &Walk) -> Option<String> {
        if t.dim != Dimension::TIME || !matches!(t.node, Node::Const(_)) {
            return None;
        }
        self.seconds_of(self.sources.slice(t.span), walk)
    }

    /// The length of the unit of time `name` in seconds, as the line writes it.
    fn seconds_of(&self, name: &str, walk: &Walk) -> Option<String> {
        let unit = units::lookup(name)?;
        if unit.def.dim != Dimension::TIME || walk.shows(unit.def.names) {
            return None;
        }
        let conventions = self.frame.conventions;
        let seconds = unit.factor(conventions);
        // A rough day and what is counted in rough days, as a candidate writes them.
        let text = if conventions.rough && seconds >= conventions.day_s {
            powers_of_ten(seconds)
        } else {
            grouped(seconds)
        };
        (seconds > 1.0).then(|| format!("{text} s"))
    }

    /// A part of the formula made of plain numbers only, worked out: `500M × 30` is `15bn`.
    /// A power of numbers (`2^30`) is a way to write one number, and stays.
    fn folded(&self, t: &Typed) -> Option<String> {
        let power_of_numbers =
            matches!(&t.node, Node::Bin(Arith::Pow, ..)) && t.const_value().is_some();
        if !t.dim.is_none() || !plain_numbers(t) || power_of_numbers {
            return None;
        }
        let value = self.evaluation.value_of(t).ok()?;
        let shown = format::show_value(&value, t.dim, t.kind, None, &self.frame, &self.style);
        Some(plain(&shown.text).to_string())
    }
}

/// What a line is written for, and the units its result is shown in (not spelled out).
struct Walk {
    pass: Pass,
    result_units: Vec<String>,
}

impl Walk {
    fn shows(&self, names: &[&str]) -> bool {
        self.result_units
            .iter()
            .any(|w| names.contains(&w.as_str()))
    }
}

/// The words of a text: `10 GB/day` has `GB` and `day`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// An operation on plain numbers only (definitions and constants without units).
fn plain_numbers(t: &Typed) -> bool {
    let leaf = |t: &Typed| t.dim.is_none() && matches!(t.node, Node::Const(_) | Node::Var(_));
    fn all(t: &Typed, leaf: &dyn Fn(&Typed) -> bool) -> bool {
        match &t.node {
            Node::Bin(_, l, r) => all(l, leaf) && all(r, leaf),
            Node::Neg(x) => all(x, leaf),
            _ => leaf(t),
        }
    }
    matches!(t.node, Node::Bin(..) | Node::Neg(_)) && all(t, &leaf)
}
