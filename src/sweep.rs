//! Sweeps: a scenario evaluated at each step of one input (a line per step) or of two (a
//! grid), and the break-even point where a condition first holds.
//!
//! The scenario is parsed and checked once; [`Session::vary`] checks both ends of the range
//! against the input's dimension and kind, and each step [`Session::pin`]s a number in place
//! of the input and evaluates again. A break-even is found on the steps first (the first
//! step where the condition holds), then by bisection between that step and the one before,
//! to twelve significant digits.

use crate::ast::CmpOp;
use crate::diagnostic::Diagnostic;
use crate::eval::{AssertOutcome, Entry, Sampling};
use crate::format::{self, Frame, Style};
use crate::quantity::Conventions;
use crate::report::{self, ValueReport, written};
use crate::session::{Error, Session};
use crate::value::Number;

/// The most steps of one input: a chart has fewer columns, a table more rows than anyone
/// reads.
pub const MAX_STEPS: usize = 10_000;
/// The most points of a grid (steps of one input times steps of the other): each point keeps
/// the report of every value shown.
pub const MAX_POINTS: usize = 100_000;
/// Where the break-even's bisection stops: its bracket is this narrow, relative to its ends.
const BISECTION_TOLERANCE: Number = 1e-12;

/// `--vary name=lo..hi`, as written: each end is an expression of the language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vary {
    pub name: String,
    pub lo: String,
    pub hi: String,
}

impl Vary {
    /// Reads `name=lo..hi`; the error says what is missing.
    pub fn parse(text: &str) -> Result<Vary, String> {
        let (name, range) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not NAME=LO..HI: there is no `=`"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("`{text}` names no input before `=`"));
        }
        let (lo, hi) = range.split_once("..").ok_or_else(|| {
            format!("`{range}` is not a range LO..HI: write both ends, e.g. `{name}=100M..1bn`")
        })?;
        let (lo, hi) = (lo.trim(), hi.trim());
        if lo.is_empty() || hi.is_empty() || hi.contains("..") {
            return Err(format!(
                "`{range}` is not a range LO..HI: write both ends, e.g. `{name}=100M..1bn`"
            ));
        }
        Ok(Vary {
            name: name.to_string(),
            lo: lo.to_string(),
            hi: hi.to_string(),
        })
    }
}

/// An input's steps, in base units: both ends included, evenly spaced, or geometrically
/// with `log` (both ends must then have the same sign, and neither be zero).
pub fn steps(lo: Number, hi: Number, count: usize, log: bool) -> Result<Vec<Number>, String> {
    if !(2..=MAX_STEPS).contains(&count) {
        return Err(format!(
            "--steps must be from 2 to {MAX_STEPS} (both ends of the range are steps), not {count}"
        ));
    }
    if log && (lo == 0.0 || hi == 0.0 || (lo < 0.0) != (hi < 0.0)) {
        return Err(
            "--log spaces steps by a constant factor: both ends must be above zero (or both below)"
                .to_string(),
        );
    }
    let last = (count - 1) as Number;
    Ok((0..count)
        .map(|i| {
            if i == count - 1 {
                return hi;
            }
            let t = i as Number / last;
            if log {
                lo * (hi / lo).powf(t)
            } else {
                lo + (hi - lo) * t
            }
        })
        .collect())
}

/// What `bote sweep` is asked: the inputs to vary (one or two), the steps of each, and what
/// to show or look for.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub vary: Vec<Vary>,
    /// Steps of each input, both ends included.
    pub steps: usize,
    /// Geometric steps.
    pub log: bool,
    /// The values shown; empty: every value that depends on the varied inputs.
    pub show: Vec<String>,
    /// A condition whose break-even is wanted (one input).
    pub until: Option<String>,
}

/// What a sweep answers: its points, or the break-even of `--until`.
#[derive(Clone, Debug)]
pub enum Answer {
    Points(Sweep),
    BreakEven(Box<BreakEven>),
}

/// Answers `request` about the scenario read into `session` (with its `--set` overrides):
/// adds the `--until` condition, sets up the inputs' ranges, and sweeps them or looks for
/// the break-even.
pub fn answer(session: &mut Session, request: &Request, style: &Style) -> Result<Answer, Error> {
    let refuse =
        |message: String, help: &str| Err(Error::Input(Diagnostic::new(message).help(help)));
    match request.vary.as_slice() {
        [] | [_, _, _, ..] => {
            return refuse(
                "a sweep varies one input or two".into(),
                "give --vary once for a table and charts, twice for a grid",
            );
        }
        [a, b] if a.name == b.name => {
            return refuse(
                format!("`{}` is varied twice", a.name),
                "vary two different inputs for a grid",
            );
        }
        [_, _] if request.until.is_some() => {
            return refuse(
                "--until looks along one input".into(),
                "give --vary once with --until",
            );
        }
        [_, _] if request.steps.saturating_mul(request.steps) > MAX_POINTS => {
            return refuse(
                format!(
                    "a grid of {0} × {0} steps is more than {1} points",
                    request.steps,
                    crate::format::group_thousands(MAX_POINTS)
                ),
                "give a grid at most 316 --steps",
            );
        }
        _ => {}
    }
    if let Some(until) = &request.until {
        session.add("<--until>", &condition_statement(until))?;
    }
    let ranges: Vec<(&str, &str, &str)> = request
        .vary
        .iter()
        .map(|v| (v.name.as_str(), v.lo.as_str(), v.hi.as_str()))
        .collect();
    let ends = vary(session, &ranges)?;
    let mut axes = Vec::new();
    for (v, (lo, hi)) in request.vary.iter().zip(ends) {
        let steps = steps(lo, hi, request.steps, request.log).map_err(|message| {
            Error::Input(
                Diagnostic::new(format!(
                    "cannot step `{}` from {} to {}",
                    v.name, v.lo, v.hi
                ))
                .help(message),
            )
        })?;
        axes.push(Axis {
            name: v.name.clone(),
            steps,
        });
    }
    let names: Vec<&str> = request.vary.iter().map(|v| v.name.as_str()).collect();
    let shown = if request.show.is_empty() {
        let dependents = session.dependents(&names)?;
        if dependents.is_empty() && request.until.is_none() {
            return refuse(
                format!("no value of the scenario depends on {}", names.join(" or ")),
                "name the values to show with --show",
            );
        }
        dependents
    } else {
        request.show.clone()
    };
    match (&request.until, axes.as_slice()) {
        (Some(until), [axis]) => {
            let mut b = break_even(session, axis, until, &shown, request.log, style)?;
            let v = &request.vary[0];
            b.range = (v.lo.clone(), v.hi.clone());
            Ok(Answer::BreakEven(Box::new(b)))
        }
        _ => Ok(Answer::Points(sweep(session, &axes, &shown, style)?)),
    }
}

/// Sets up a session for a sweep of `ranges` (each input's name and the texts of its ends):
/// [`Session::vary`], and each input shown in the units its range was written in (`1 year..
/// 10 years` steps through years), as an input written so would be. Returns each input's
/// ends in base units.
pub fn vary(
    session: &mut Session,
    ranges: &[(&str, &str, &str)],
) -> Result<Vec<(Number, Number)>, Error> {
    let ends = session.vary(ranges)?;
    if let (Some(checked), sources) = session.checked_mut() {
        for &(name, _, _) in ranges {
            let count_units = &checked.count_units;
            if let Some(def) = checked.definitions.iter_mut().find(|d| d.name == name)
                && def.target.is_none()
            {
                def.target = written::as_written(&def.expr, sources, count_units).map(Box::new);
            }
        }
    }
    Ok(ends)
}

/// One input of a sweep and its steps.
#[derive(Clone, Debug)]
pub struct Axis {
    pub name: String,
    pub steps: Vec<Number>,
}

/// A scenario at each point of a sweep.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// The varied inputs' names, then the shown values'.
    pub inputs: Vec<String>,
    pub shown: Vec<String>,
    /// One per point: with two inputs, the first input's steps in order, each with every
    /// step of the second.
    pub points: Vec<Point>,
    /// The calendar the values are computed in.
    pub conventions: Conventions,
    /// How uncertain values were sampled, when any value is uncertain.
    pub sampling: Option<Sampling>,
}

/// The varied inputs at one point, and the shown values there, in the order named.
#[derive(Clone, Debug)]
pub struct Point {
    pub inputs: Vec<ValueReport>,
    pub values: Vec<ValueReport>,
}

/// Evaluates a session, whose inputs [`Session::vary`] has set up, at every point of `axes`
/// (one or two), and reports the inputs and the `shown` definitions at each.
pub fn sweep(
    session: &mut Session,
    axes: &[Axis],
    shown: &[String],
    style: &Style,
) -> Result<Sweep, Error> {
    let inputs: Vec<String> = axes.iter().map(|a| a.name.clone()).collect();
    let indices = indices(session, inputs.iter().chain(shown))?;
    let (first, second) = match axes {
        [one] => (one, None),
        [one, two] => (one, Some(two)),
        _ => {
            return Err(Error::Input(Diagnostic::new(
                "a sweep varies one input or two",
            )));
        }
    };
    let mut points = Vec::new();
    for &x in &first.steps {
        session.pin(&first.name, x)?;
        let inner: &[Number] = second.map_or(&[0.0], |s| &s.steps);
        for &y in inner {
            let mut at = vec![(first.name.as_str(), x)];
            if let Some(second) = second {
                session.pin(&second.name, y)?;
                at.push((second.name.as_str(), y));
            }
            let mut values = reports_at(session, &indices, &at, style)?;
            let values_shown = values.split_off(inputs.len());
            points.push(Point {
                inputs: values,
                values: values_shown,
            });
        }
    }
    let uncertain = points
        .iter()
        .flat_map(|p| &p.values)
        .any(|v| v.distribution.is_some());
    Ok(Sweep {
        inputs,
        shown: shown.to_vec(),
        points,
        conventions: session.check()?.conventions,
        sampling: uncertain.then(|| session.sampling()),
    })
}

/// The index of each named definition in the session's checked program; an unknown name is
/// an error that suggests the closest.
fn indices<'a>(
    session: &mut Session,
    names: impl Iterator<Item = &'a String>,
) -> Result<Vec<usize>, Error> {
    let checked = session.check()?;
    names
        .map(|name| {
            checked
                .definitions
                .iter()
                .position(|d| &d.name == name)
                .ok_or_else(|| {
                    let defined = checked.definitions.iter().map(|d| d.name.as_str());
                    let d = Diagnostic::new(format!("the scenario defines no `{name}`"));
                    Error::Input(match crate::suggest::closest(name, defined) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help("name a value the scenario defines"),
                    })
                })
        })
        .collect()
}

/// The reports of the definitions `indices` with the session's inputs pinned at `at`; an
/// error there says where.
fn reports_at(
    session: &Session,
    indices: &[usize],
    at: &[(&str, Number)],
    style: &Style,
) -> Result<Vec<ValueReport>, Error> {
    let evaluation = session.evaluate().map_err(|e| at_point(e, session, at))?;
    Ok(report::definitions(
        &evaluation,
        indices,
        session.sources(),
        style,
    ))
}

/// An error of the scenario at one point of a sweep, said with the point.
fn at_point(error: Error, session: &Session, at: &[(&str, Number)]) -> Error {
    let mut d = error.to_diagnostic(session.sources());
    let point: Vec<String> = at
        .iter()
        .map(|&(name, x)| format!("{name} = {}", shown_input(session, name, x)))
        .collect();
    d.message = format!("with {}: {}", point.join(", "), d.message);
    Error::Input(d)
}

/// A value `x` of input `name` as its column shows it (in base units if it cannot be).
fn shown_input(session: &Session, name: &str, x: Number) -> String {
    let found = session
        .checked()
        .and_then(|c| Some((c, c.definitions.iter().find(|d| d.name == name)?)));
    let Some((checked, def)) = found else {
        return format::machine_text(x);
    };
    let frame = Frame {
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let value = crate::value::Value::scalar(x);
    let target = def.target.as_deref();
    let style = Style::with_precision(format::DEFAULT_PRECISION);
    format::show_value(&value, def.expr.dim, def.expr.kind, target, &frame, &style).text
}

/// Where a condition first holds along one input.
#[derive(Clone, Debug)]
pub struct BreakEven {
    /// The condition as written.
    pub condition: String,
    /// The ends of the range looked along, as written.
    pub range: (String, String),
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
/// it as `assert …` before [`Session::vary`]) first holds along `axis`: on its steps, then by
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
        Ok(outcome(session)
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
            let (mut fails, mut held) = (axis.steps[i - 1], axis.steps[i]);
            for _ in 0..200 {
                let middle = if log {
                    fails.signum() * (fails * held).sqrt()
                } else {
                    fails + (held - fails) / 2.0
                };
                let between = (middle - fails) * (held - middle) > 0.0;
                if !between {
                    break;
                }
                if holds(session, middle)? {
                    held = middle;
                } else {
                    fails = middle;
                }
                if (held - fails).abs() <= BISECTION_TOLERANCE * held.abs().max(fails.abs()) {
                    break;
                }
            }
            (Found::At, held)
        }
    };
    session.pin(&axis.name, x)?;
    let at = [(axis.name.as_str(), x)];
    let sides = outcome(session).map_err(|e| at_point(e, session, &at))?;
    let (lhs, rhs) = sides_shown(session, &sides, style)?;
    let mut values = reports_at(session, &indices, &at, style)?;
    let rest = values.split_off(1);
    let input = values.pop().ok_or_else(|| {
        Error::Input(Diagnostic::new(
            "internal error: the varied input has no report",
        ))
    })?;
    Ok(BreakEven {
        condition: condition.to_string(),
        range: Default::default(),
        found,
        input,
        lhs,
        rhs,
        values: rest,
    })
}

/// What the program's last assertion (the condition) finds at the pinned point.
fn outcome(session: &Session) -> Result<AssertOutcome, Error> {
    let evaluation = session.evaluate()?;
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
    session: &mut Session,
    sides: &AssertOutcome,
    style: &Style,
) -> Result<(Side, Side), Error> {
    let checked = session.check()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_reads_both_ends() {
        assert_eq!(
            Vary::parse("dau=100M..1bn"),
            Ok(Vary {
                name: "dau".into(),
                lo: "100M".into(),
                hi: "1bn".into()
            })
        );
        let spaced = Vary::parse("retention = 1 year .. 10 years").unwrap();
        assert_eq!((&*spaced.lo, &*spaced.hi), ("1 year", "10 years"));
        assert!(Vary::parse("dau").unwrap_err().contains("no `=`"));
        assert!(Vary::parse("dau=100M").unwrap_err().contains("LO..HI"));
        assert!(Vary::parse("dau=..1bn").unwrap_err().contains("LO..HI"));
        assert!(Vary::parse("dau=1..2..3").unwrap_err().contains("LO..HI"));
        assert!(Vary::parse("=1..2").unwrap_err().contains("names no input"));
    }

    #[test]
    fn steps_include_both_ends() {
        assert_eq!(steps(0.0, 10.0, 3, false).unwrap(), [0.0, 5.0, 10.0]);
        assert_eq!(steps(10.0, 0.0, 3, false).unwrap(), [10.0, 5.0, 0.0]);
        let log = steps(100.0, 10_000.0, 3, true).unwrap();
        assert_eq!(log.len(), 3);
        assert!((log[1] - 1_000.0).abs() < 1e-9, "{log:?}");
        assert_eq!(log[2], 10_000.0);
        let negative = steps(-1.0, -100.0, 3, true).unwrap();
        assert!((negative[1] + 10.0).abs() < 1e-12, "{negative:?}");
    }

    #[test]
    fn steps_refuse_what_they_cannot_space() {
        assert!(steps(1.0, 2.0, 1, false).unwrap_err().contains("from 2"));
        assert!(steps(1.0, 2.0, MAX_STEPS + 1, false).is_err());
        assert!(steps(0.0, 2.0, 5, true).unwrap_err().contains("--log"));
        assert!(steps(-1.0, 2.0, 5, true).unwrap_err().contains("--log"));
    }

    #[test]
    fn a_condition_is_asserted_once() {
        assert_eq!(condition_statement("x > 1"), "assert x > 1");
        assert_eq!(condition_statement(" assert x > 1"), "assert x > 1");
        assert_eq!(condition_statement("asserts > 1"), "assert asserts > 1");
    }
}
