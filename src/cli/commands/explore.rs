//! `run --plot`, `--sensitivity` and `--tornado`: charts drawn after the tables, to see an
//! uncertain value's spread and which input moves a result the most.
//!
//! The charts are computed before the tables are drawn (a name that is not defined is an
//! error before any output), from the report's values; `--tornado` runs the scenario again
//! with each input set low and then high.

use std::borrow::Cow;
use std::path::Path;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::quantity::Kind;
use bote::render::plot::{self, Bar, label_like};
use bote::report::{Report, ValueReport};
use bote::{Number, Sampling, Style};

use super::scenario;
use crate::cli::config::Explore;

/// What a chart is drawn from: the scenario and how it was run.
pub struct Run<'a> {
    pub file: &'a Path,
    pub set: &'a [(String, String)],
    pub style: Style,
    pub sampling: Sampling,
}

/// The charts `explore` asks for, each a block of lines `width` columns wide, in the order
/// of the flags: plots, then sensitivity, then tornado.
pub fn charts(
    explore: &Explore,
    report: &Report,
    run: &Run,
    width: usize,
) -> Result<Vec<String>, Diagnostic> {
    let mut charts = Vec::new();
    for name in &explore.plot {
        let v = find(report, name)?;
        let samples = uncertain(v, name, "--plot")?;
        let d = v.distribution.as_deref();
        let marks: Vec<(&str, Number)> = d.map_or_else(Vec::new, |d| {
            vec![("p5", d.p5), ("p50", d.p50), ("p95", d.p95)]
        });
        let title = format!(
            "{name}: {} samples",
            bote::format::group_thousands(samples.len())
        );
        let label = label_like(v, run.style);
        charts.push(plot::histogram(&title, &samples, &marks, width, &label));
    }
    if let Some(name) = &explore.sensitivity {
        charts.push(sensitivity(report, name, width)?);
    }
    if let Some(name) = &explore.tornado {
        charts.push(tornado(report, name, explore.swing, run, width)?);
    }
    Ok(charts)
}

/// The value `name` defines, or an error that suggests the closest name.
fn find<'r>(report: &'r Report, name: &str) -> Result<&'r ValueReport, Diagnostic> {
    let named = || report.values.iter().filter_map(|v| v.name.as_deref());
    report
        .values
        .iter()
        .find(|v| v.name.as_deref() == Some(name))
        .ok_or_else(|| bote::suggest::no_such_value(name, named()))
}

/// The samples of an uncertain value; an error for a certain one.
fn uncertain<'v>(
    v: &'v ValueReport,
    name: &str,
    flag: &str,
) -> Result<Cow<'v, [Number]>, Diagnostic> {
    v.value.sample_numbers().ok_or_else(|| {
        Diagnostic::new(format!(
            "`{name}` is certain ({}): {flag} needs an uncertain value",
            v.shown.text
        ))
        .help("give an input a range, e.g. `dau = 300M to 700M`, or use --tornado")
    })
}

/// Each uncertain input's share of `name`'s spread.
fn sensitivity(report: &Report, name: &str, width: usize) -> Result<String, Diagnostic> {
    let target = find(report, name)?;
    let output = uncertain(target, name, "--sensitivity")?;
    let inputs: Vec<(&str, Cow<[Number]>)> = report
        .values
        .iter()
        .filter(|v| v.input)
        .filter_map(|v| Some((v.name.as_deref()?, v.value.sample_numbers()?)))
        .collect();
    // Not normalised among the named inputs: what none of them explains (a range written
    // inline, interactions) is left over, and the chart says so.
    let slices: Vec<&[Number]> = inputs.iter().map(|(_, xs)| &xs[..]).collect();
    let mut shares = bote::sample::explained(&slices, &output);
    let total: Number = shares.iter().sum();
    if total > 1.0 {
        shares.iter_mut().for_each(|s| *s /= total);
    }
    let mut rows: Vec<(String, Number)> = inputs
        .iter()
        .zip(shares)
        .map(|((n, _), s)| ((*n).to_string(), s))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let title = format!("{name}: which named uncertain input explains its spread");
    Ok(plot::shares(&title, &rows, width))
}

/// `name` with each input moved down and up: a certain input by `swing`, an uncertain one to
/// its 5th and 95th percentiles. An availability is not moved (a swing of 20% of one is not
/// a plan anyone makes).
fn tornado(
    report: &Report,
    name: &str,
    swing: Number,
    run: &Run,
    width: usize,
) -> Result<String, Diagnostic> {
    let target = find(report, name)?;
    let base = target.point();
    let mut bars = Vec::new();
    for v in report
        .values
        .iter()
        .filter(|v| v.input && v.kind != Kind::Availability)
    {
        let Some(input) = v.name.as_deref() else {
            continue;
        };
        let (low, high) = match v.distribution.as_deref() {
            Some(d) => (d.p5, d.p95),
            None => {
                let x = v.point();
                (x * (1.0 - swing), x * (1.0 + swing))
            }
        };
        let at = |x: Number| -> Result<Number, Diagnostic> {
            let mut set = run.set.to_vec();
            set.retain(|(n, _)| n != input);
            set.push((input.to_string(), as_expression(x, &v.base_unit)));
            let mut sources = SourceMap::default();
            // An error of the moved scenario is said with what was moved, and drawn against
            // its own sources, which the caller does not have.
            let how = (&run.style, &run.sampling, Default::default());
            let moved = scenario(run.file, &set, how, &mut sources).map_err(|d| {
                let drawn = d.render(&sources, false);
                let first = drawn
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ");
                Diagnostic::new(format!(
                    "--tornado: with `{input}` moved to {}, the scenario fails: {first}",
                    label_like(v, run.style)(x)
                ))
                .help("a smaller --swing may keep it in range")
            })?;
            Ok(find(&moved, name)?.point())
        };
        bars.push(Bar {
            name: input.to_string(),
            low: at(low)?,
            high: at(high)?,
        });
    }
    if bars.is_empty() {
        return Err(Diagnostic::new("the scenario has no input to move")
            .help("--tornado moves the values defined by numbers alone, such as `dau = 500M`"));
    }
    let how = if report.sampling.is_some() {
        format!(
            "each input at its 5th and 95th percentile, or ±{}%",
            swing * 100.0
        )
    } else {
        format!("each input ±{}%", swing * 100.0)
    };
    let label = label_like(target, run.style);
    Ok(plot::tornado(
        &format!("{name}: {how}"),
        base,
        &bars,
        width,
        &label,
    ))
}

/// A number in base units as an expression of the language: `2500000 * (B)`, `0.5 * (1/s)`.
fn as_expression(x: Number, base_unit: &str) -> String {
    let number = bote::format::machine_text(x);
    if base_unit == "1" || base_unit.is_empty() {
        format!("({number})")
    } else {
        format!("({number} * ({base_unit}))")
    }
}
