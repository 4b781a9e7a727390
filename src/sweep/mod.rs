//! Sweeps: a scenario evaluated at each step of one input (a line per step) or of two (a
//! grid), and the break-even point where a condition first holds.
//!
//! The scenario is parsed and checked once; [`vary`] checks both ends of the range
//! against the input's dimension and kind, and each step [`Session::pin`]s a number in place
//! of the input and evaluates again. A break-even is found on the steps first (the first
//! step where the condition holds), then by bisection between that step and the one before,
//! to twelve significant digits.

use crate::diagnostic::Diagnostic;
use crate::eval::Sampling;
use crate::format::{self, Frame, Shown, Style};
use crate::quantity::Conventions;
use crate::report::{self, ValueReport, written};
use crate::session::{Error, Session};
use crate::value::Number;

mod until;

pub use until::{BreakEven, Found, Side, break_even, condition_statement};

/// The most steps of one input: a chart has fewer columns, a table more rows than anyone
/// reads.
pub const MAX_STEPS: usize = 10_000;
/// The most points of a grid (steps of one input times steps of the other): each point keeps
/// the report of every value shown.
pub const MAX_POINTS: usize = 100_000;
/// The most significant digits a step of an input is shown with, to tell it from another.
const MOST_DIGITS: usize = 15;
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
            // Each form where it cannot overflow: `hi - lo` and `hi / lo` can, for ends near
            // the largest or smallest numbers.
            match (log, hi - lo, hi / lo) {
                (false, span, _) if span.is_finite() => lo + span * t,
                (false, _, _) => lo * (1.0 - t) + hi * t,
                (true, _, ratio) if ratio.is_finite() && ratio != 0.0 => lo * ratio.powf(t),
                (true, _, _) => lo.signum() * (lo.abs().ln() * (1.0 - t) + hi.abs().ln() * t).exp(),
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
        if lo == hi {
            return refuse(
                format!(
                    "`{}` from {} to {} does not vary: both ends are the same",
                    v.name, v.lo, v.hi
                ),
                "give two different ends",
            );
        }
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
    // Each value once, and not the varied inputs again: they lead every row already.
    let mut shown: Vec<String> = shown
        .into_iter()
        .filter(|n| !names.contains(&n.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    shown.retain(|n| seen.insert(n.clone()));
    if shown.is_empty() && request.until.is_none() {
        return refuse(
            "--show names only the varied inputs, which lead every row".into(),
            "name the values to show, e.g. --show total_storage",
        );
    }
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
/// [`Session::vary_end`] for each end, and each input shown in the units its range was written in (`1 year..
/// 10 years` steps through years), as an input written so would be. Returns each input's
/// ends in base units.
pub fn vary(
    session: &mut Session,
    ranges: &[(&str, &str, &str)],
) -> Result<Vec<(Number, Number)>, Error> {
    for &(name, _, _) in ranges {
        if let Some(span) = session.overridden_at(name) {
            return Err(Error::Input(
                Diagnostic::new(format!("`{name}` is given both --set and --vary"))
                    .primary(span, "set here")
                    .help("leave out the --set: --vary sets the input at each step"),
            ));
        }
    }
    let mut ends = Vec::new();
    let mut same_units = Vec::new();
    for &(name, lo_text, hi_text) in ranges {
        let lo = session.vary_end(name, lo_text)?;
        let lo_units = written_units(session, name);
        let lo_periods = session.growth_periods();
        let hi = session.vary_end(name, hi_text)?;
        same_units.push(lo_units.is_some() && lo_units == written_units(session, name));
        // Each step is pinned into the program checked at `hi`, whose growth rates compound
        // per the periods `hi` states: `lo` must state the same.
        if lo_periods != session.growth_periods() {
            return Err(Error::Input(
                Diagnostic::new(format!(
                    "the ends of --vary {name} state a growth rate over different periods: \
                     `{lo_text}` and `{hi_text}`"
                ))
                .help(format!(
                    "a growth compounds once per the period it is stated in: write both ends \
                     over one period, e.g. `--vary '{name}=10%/year..30%/year'`"
                )),
            ));
        }
        ends.push((lo, hi));
    }
    if let (Some(checked), sources) = session.checked_mut() {
        for (&(name, _, _), same) in ranges.iter().zip(same_units) {
            let count_units = &checked.count_units;
            if let Some(def) = checked.definitions.iter_mut().find(|d| d.name == name)
                && def.target.is_none()
                && same
            {
                def.target = written::as_written(&def.expr, sources, count_units).map(Box::new);
            }
        }
    }
    Ok(ends)
}

/// The units the checked program's definition `name` is written in (`years` of `1 year`),
/// if it is a number and units.
fn written_units(session: &mut Session, name: &str) -> Option<String> {
    let (checked, sources) = session.checked_mut();
    let checked = checked?;
    let def = checked.definitions.iter().find(|d| d.name == name)?;
    match written::as_written(&def.expr, sources, &checked.count_units)? {
        crate::ir::ResolvedTarget::Unit { text, .. } => Some(text),
        crate::ir::ResolvedTarget::Percent => None,
    }
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
    /// How many steps each input takes.
    pub shape: Vec<usize>,
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

/// Evaluates a session, whose inputs [`vary`] has set up, at every point of `axes`
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
    for (k, axis) in axes.iter().enumerate() {
        relabel(session, &mut points, k, &axis.name, style);
    }
    let uncertain = points
        .iter()
        .flat_map(|p| &p.values)
        .any(|v| v.distribution.is_some());
    Ok(Sweep {
        inputs,
        shown: shown.to_vec(),
        points,
        shape: axes.iter().map(|a| a.steps.len()).collect(),
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
                    Error::Input(crate::suggest::no_such_value(name, defined))
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
    let style = Style::with_precision(format::DEFAULT_PRECISION);
    show_input(session, name, x, &style).map_or_else(|| format::machine_text(x), |s| s.text)
}

/// A value `x` of input `name`, in the units its column uses, at `style`.
fn show_input(session: &Session, name: &str, x: Number, style: &Style) -> Option<Shown> {
    let checked = session.checked()?;
    let def = checked.definitions.iter().find(|d| d.name == name)?;
    let frame = Frame {
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let value = crate::value::Value::scalar(x);
    let target = def.target.as_deref();
    Some(format::show_value(
        &value,
        def.expr.dim,
        def.expr.kind,
        target,
        &frame,
        style,
    ))
}

/// Steps of input `k` that read alike at the display precision (`1bn` for 1bn and 1.001bn)
/// are shown with as many more digits as tell them apart.
fn relabel(session: &Session, points: &mut [Point], k: usize, name: &str, style: &Style) {
    // A label seen before with another value: a set of labels, in time linear in the steps.
    let alike = |points: &[Point]| {
        let mut seen: std::collections::HashMap<&str, Number> = std::collections::HashMap::new();
        points.iter().filter_map(|p| p.inputs.get(k)).any(|v| {
            let x = v.point();
            *seen.entry(&v.shown.text).or_insert(x) != x
        })
    };
    let mut precision = style.precision;
    while alike(points) && precision < MOST_DIGITS {
        precision += 1;
        let finer = Style::with_precision(precision);
        for v in points.iter_mut().filter_map(|p| p.inputs.get_mut(k)) {
            if let Some(shown) = show_input(session, name, v.point(), &finer) {
                v.shown = shown;
            }
        }
    }
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
