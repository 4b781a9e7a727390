//! The break-even of `--until`: where a condition (an `assert` the caller adds to the
//! program) starts to hold along one input, found on the input's steps first and then by
//! bisection between the first step where it holds and the one before.

use super::{Axis, BISECTION_TOLERANCE, at_point, indices};
use crate::ast::CmpOp;
use crate::diagnostic::Diagnostic;
use crate::eval::{AssertOutcome, Entry, Evaluation};
use crate::format::{self, Frame, Style};
use crate::ir::Checked;
use crate::report::{self, ValueReport};
use crate::session::{Error, Session};
use crate::value::Number;

/// Where a condition first holds along one input.
#[derive(Clone, Debug)]
pub struct BreakEven {
    /// The condition as written.
    pub condition: String,
    /// The ends of the range looked along, as written.
    pub range: (String, String),
    /// How many steps the condition was tested at before the bisection.
    pub steps: usize,
    pub found: Found,
    /// The input where the answer is read: the break-even, the start of the range, or its
    /// end when the condition never holds.
    pub input: ValueReport,
    /// The condition's two sides there.
    pub lhs: Side,
    pub rhs: Side,
    /// The shown values there.
    pub values: Vec<ValueReport>,
}

/// One side of the condition: its value in base units (the median of an uncertain one), and
/// as shown.
#[derive(Clone, Debug)]
pub struct Side {
    pub base_value: Number,
    pub display: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// The condition holds from this value of the input on.
    At,
    /// It holds at the start of the range already.
    AtStart,
    /// It holds nowhere on the steps: the answer is read at the end of the range.
    Never,
}

/// Finds where `condition` (the last assertion of the session's program: the caller adds
/// it as `assert …` before [`vary`]) first holds along `axis`: on its steps, then by
/// bisection (geometric with `log`) between the first step where it holds and the one before.
pub fn break_even(
    session: &mut Session,
    axis: &Axis,
    condition: &str,
    shown: &[String],
    log: bool,
    style: &Style,
) -> Result<BreakEven, Error> {
    let indices = indices(session, std::iter::once(&axis.name).chain(shown))?;
    if let Some(a) = session.check()?.assertions.last()
        && !is_threshold(a.op)
    {
        return Err(Error::Input(
            Diagnostic::new("--until needs a condition that holds from some point on")
                .primary(a.span, "`==` and `~=` hold at a point or on a band")
                .help("compare with <, <=, > or >=: `--until 'peak_qps > 1M /s'`"),
        ));
    }
    let holds = |session: &mut Session, x: Number| -> Result<bool, Error> {
        session.pin(&axis.name, x)?;
        let at = [(axis.name.as_str(), x)];
        let evaluation = session.evaluate().map_err(|e| at_point(e, session, &at))?;
        Ok(outcome(&evaluation)
            .map_err(|e| at_point(e, session, &at))?
            .passed)
    };
    let mut first = None;
    for (i, &x) in axis.steps.iter().enumerate() {
        if holds(session, x)? {
            first = Some(i);
            break;
        }
    }
    let (found, x) = match first {
        None => (Found::Never, axis.steps.last().copied().unwrap_or(0.0)),
        Some(0) => (Found::AtStart, axis.steps[0]),
        Some(i) => {
            let (fails, held) = (axis.steps[i - 1], axis.steps[i]);
            let x = bisect(fails, held, log, span_of(&axis.steps), |x| {
                holds(session, x)
            })?;
            (Found::At, x)
        }
    };
    session.pin(&axis.name, x)?;
    let at = [(axis.name.as_str(), x)];
    // One evaluation at the answer: the condition's sides and the values shown.
    let evaluation = session.evaluate().map_err(|e| at_point(e, session, &at))?;
    let sides = outcome(&evaluation).map_err(|e| at_point(e, session, &at))?;
    let (lhs, rhs) = sides_shown(evaluation.checked, &sides, style)?;
    let mut values = report::definitions(&evaluation, &indices, session.sources(), style);
    let rest = values.split_off(1);
    let input = values.pop().ok_or_else(|| {
        Error::Input(Diagnostic::new(
            "internal error: the varied input has no report",
        ))
    })?;
    Ok(BreakEven {
        condition: condition.to_string(),
        range: Default::default(),
        steps: axis.steps.len(),
        found,
        input,
        lhs,
        rhs,
        values: rest,
    })
}

/// The largest magnitude among the steps: the scale a bisection of evenly spaced steps
/// narrows its bracket against (so that a crossing at 0 is found as 0, not as the smallest
/// number the halving reaches).
fn span_of(steps: &[Number]) -> Number {
    steps.iter().fold(0.0, |m: Number, x| m.max(x.abs()))
}

/// The point between `fails` (where the condition does not hold) and `held` (where it does)
/// where it starts to hold, by bisection: geometric with `log`, to [`BISECTION_TOLERANCE`]
/// of the bracket's ends (with `log`) or of `scale` (evenly spaced steps). A point within
/// that tolerance of 0 is 0.
fn bisect(
    mut fails: Number,
    mut held: Number,
    log: bool,
    scale: Number,
    mut holds: impl FnMut(Number) -> Result<bool, Error>,
) -> Result<Number, Error> {
    let close = |a: Number, b: Number| {
        let against = if log { a.abs().max(b.abs()) } else { scale };
        (a - b).abs() <= BISECTION_TOLERANCE * against
    };
    for _ in 0..2_000 {
        if close(fails, held) {
            break;
        }
        let middle = if log {
            // The square roots first: `fails * held` can underflow or overflow.
            fails.signum() * fails.abs().sqrt() * held.abs().sqrt()
        } else {
            fails / 2.0 + held / 2.0
        };
        let between = if fails < held {
            fails < middle && middle < held
        } else {
            held < middle && middle < fails
        };
        if !between {
            break;
        }
        if holds(middle)? {
            held = middle;
        } else {
            fails = middle;
        }
    }
    if !log && held.abs() <= BISECTION_TOLERANCE * scale {
        return Ok(0.0);
    }
    Ok(held)
}

/// What the program's last assertion (the condition) found in an evaluation.
fn outcome(evaluation: &Evaluation) -> Result<AssertOutcome, Error> {
    let mut last = None;
    for entry in evaluation.entries() {
        if let Entry::Assertion { outcome, .. } = entry.map_err(Error::Eval)? {
            last = Some(outcome);
        }
    }
    last.ok_or_else(|| Error::Input(Diagnostic::new("internal error: no condition to test")))
}

/// The condition's sides, as a table shows them.
fn sides_shown(
    checked: &Checked,
    sides: &AssertOutcome,
    style: &Style,
) -> Result<(Side, Side), Error> {
    let Some(a) = checked.assertions.last() else {
        return Err(Error::Input(Diagnostic::new(
            "internal error: no condition to show",
        )));
    };
    let frame = Frame {
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let show = |v: &crate::value::Value| Side {
        base_value: v.point(),
        display: format::show_value(v, a.lhs.dim, a.lhs.kind, None, &frame, style).text,
    };
    Ok((show(&sides.lhs), show(&sides.rhs)))
}

/// `peak_qps > 1M /s` as the statement the session checks: `assert` and the condition, which
/// may start with `assert` itself.
pub fn condition_statement(condition: &str) -> String {
    let condition = condition.trim();
    let bare = condition
        .strip_prefix("assert")
        .filter(|rest| rest.starts_with([' ', '\t']))
        .map_or(condition, str::trim_start);
    format!("assert {bare}")
}

/// Whether a condition's comparison is one a bisection can look for: every one but `~=`
/// (which holds on a band, not from a point on) and `==` (at a single point).
fn is_threshold(op: CmpOp) -> bool {
    !matches!(op, CmpOp::Eq | CmpOp::Approx)
}
