//! `bote sweep FILE --vary NAME=LO..HI`: a scenario at each step of one input (a table and a
//! line chart per shown value) or two (a grid), or, with `--until`, the break-even where a
//! condition first holds. The scenario is read and checked once; the session re-evaluates it
//! at each step (see `bote::sweep`).

use std::io;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::quantity::conventions::Conventions;
use bote::render::{self, SweepTitle, json, plot};
use bote::sweep::{self, Axis, BreakEven, Sweep};
use bote::{Session, Style};

use super::explore::label_like;
use super::{load, read_scenario};
use crate::cli::config::{SweepConfig, SweepFormat};
use crate::cli::output::{Exit, Output};

/// What a sweep answers: its steps, or the break-even of `--until`.
enum Answer {
    Steps(Sweep),
    BreakEven(Box<BreakEven>, (String, String)),
}

pub fn run(config: SweepConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SweepFormat::Json;
    let mut sources = SourceMap::default();
    let (answer, title) = match compute(&config, &mut sources) {
        Ok(answer) => answer,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    match answer {
        Answer::BreakEven(b, range) => match config.format {
            SweepFormat::Json => out.write_line(&json::break_even(&b))?,
            _ => out.write(&render::break_even_text(&b, (&range.0, &range.1)))?,
        },
        Answer::Steps(sweep) => {
            let heading = SweepTitle {
                scenario: &title,
                log: config.log,
            };
            match config.format {
                SweepFormat::Json => out.write_line(&json::sweep(&sweep))?,
                SweepFormat::Csv => out.write(&render::sweep_csv(&sweep))?,
                SweepFormat::Markdown => {
                    let sheet = render::sweep_sheet(&sweep, &heading, None);
                    out.write(&render::markdown(&sheet))?;
                }
                SweepFormat::Table => {
                    let width = out.width();
                    let sheet = render::sweep_sheet(&sweep, &heading, Some(usize::from(width)));
                    out.write_with(|w| render::write_table(&sheet, width, w))?;
                    if sweep.inputs.len() == 1 && !config.show.is_empty() {
                        for chart in charts(&sweep, config.log, config.style, width) {
                            out.write("\n")?;
                            out.write(&chart)?;
                        }
                    } else if sweep.inputs.len() == 1 {
                        out.write("\nName values with --show to chart them.\n")?;
                    }
                }
            }
        }
    }
    Ok(Exit::Ok)
}

/// Reads the scenario, sets up its inputs' ranges and computes the answer; the scenario's
/// title (or its file's name) comes with it. Sources go to `sources`, for diagnostics.
fn compute(config: &SweepConfig, sources: &mut SourceMap) -> Result<(Answer, String), Diagnostic> {
    if config.vary.len() > 2 {
        return Err(Diagnostic::new("a sweep varies one input or two")
            .help("give --vary once for a table and charts, twice for a grid"));
    }
    if config.until.is_some() && config.vary.len() != 1 {
        return Err(
            Diagnostic::new("--until looks along one input").help("give --vary once with --until")
        );
    }
    if config.until.is_some() && config.format == SweepFormat::Csv {
        return Err(
            Diagnostic::new("--until answers with a sentence, or with --format json")
                .help("leave out --format csv"),
        );
    }
    if let [a, b] = config.vary.as_slice()
        && a.name == b.name
    {
        return Err(Diagnostic::new(format!("`{}` is varied twice", a.name))
            .help("vary two different inputs for a grid"));
    }
    let (name, text) = read_scenario(&config.file)?;
    let mut session = Session::with_sources(Conventions::default(), std::mem::take(sources));
    session.set_sampling(config.sampling);
    let answer = answer(config, &mut session, &name, &text);
    *sources = session.take_sources();
    let title = session_title(&session, &config.file, &name);
    answer
        .map(|a| (a, title))
        .map_err(|e| e.to_diagnostic(sources))
}

/// The scenario's title, or its file's name.
fn session_title(session: &Session, file: &std::path::Path, name: &str) -> String {
    session.title().map_or_else(
        || {
            if super::is_stdin(file) {
                "standard input".to_string()
            } else {
                file.file_stem()
                    .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
            }
        },
        str::to_string,
    )
}

fn answer(
    config: &SweepConfig,
    session: &mut Session,
    name: &str,
    text: &str,
) -> Result<Answer, bote::Error> {
    load(session, &[(name, text)], &config.set)?;
    if let Some(until) = &config.until {
        session.add("<--until>", &sweep::condition_statement(until))?;
    }
    let ranges: Vec<(&str, &str, &str)> = config
        .vary
        .iter()
        .map(|v| (v.name.as_str(), v.lo.as_str(), v.hi.as_str()))
        .collect();
    let ends = sweep::vary(session, &ranges)?;
    let mut axes = Vec::new();
    for (v, (lo, hi)) in config.vary.iter().zip(ends) {
        let steps = sweep::steps(lo, hi, config.steps, config.log).map_err(|message| {
            Diagnostic::new(format!(
                "cannot step `{}` from {} to {}",
                v.name, v.lo, v.hi
            ))
            .help(message)
        })?;
        axes.push(Axis {
            name: v.name.clone(),
            steps,
        });
    }
    let names: Vec<&str> = config.vary.iter().map(|v| v.name.as_str()).collect();
    let shown = if config.show.is_empty() {
        let dependents = session.dependents(&names)?;
        if dependents.is_empty() && config.until.is_none() {
            return Err(Diagnostic::new(format!(
                "no value of the scenario depends on {}",
                names.join(" or ")
            ))
            .help("name the values to show with --show")
            .into());
        }
        dependents
    } else {
        config.show.clone()
    };
    match &config.until {
        Some(until) => {
            let axis = &axes[0];
            let b = sweep::break_even(session, axis, until, &shown, config.log, &config.style)?;
            let range = (config.vary[0].lo.clone(), config.vary[0].hi.clone());
            Ok(Answer::BreakEven(Box::new(b), range))
        }
        None => Ok(Answer::Steps(sweep::sweep(
            session,
            &axes,
            &shown,
            &config.style,
        )?)),
    }
}

/// A line chart of each shown value against the input.
fn charts(sweep: &Sweep, log: bool, style: Style, width: u16) -> Vec<String> {
    let (Some(first), Some(last)) = (sweep.points.first(), sweep.points.last()) else {
        return Vec::new();
    };
    let (Some(input_first), Some(input_last)) = (first.inputs.first(), last.inputs.first()) else {
        return Vec::new();
    };
    let (lo, hi) = (input_first.point(), input_last.point());
    let middle = if log {
        lo.signum() * (lo * hi).sqrt()
    } else {
        lo + (hi - lo) / 2.0
    };
    let middle = label_like(input_last, style)(middle);
    let x = plot::XAxis {
        first: &input_first.shown.text,
        middle: &middle,
        last: &input_last.shown.text,
    };
    let input = &sweep.inputs[0];
    (0..sweep.shown.len())
        .filter_map(|i| {
            let values: Vec<_> = sweep
                .points
                .iter()
                .filter_map(|p| p.values.get(i))
                .collect();
            let ys: Vec<f64> = values.iter().map(|v| v.point()).collect();
            let largest = values
                .iter()
                .max_by(|a, b| a.point().abs().total_cmp(&b.point().abs()))?;
            let medians = if values.iter().any(|v| v.distribution.is_some()) {
                ", medians"
            } else {
                ""
            };
            let scale = if log { ", log scale" } else { "" };
            let title = format!("{} against {input}{scale}{medians}", sweep.shown[i]);
            let label = label_like(largest, style);
            Some(plot::line(&title, &ys, &x, usize::from(width), &label))
        })
        .collect()
}
