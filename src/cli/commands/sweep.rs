//! `bote sweep FILE --vary NAME=LO..HI`: a scenario at each step of one input (a table and a
//! line chart per shown value) or two (a grid), or, with `--until`, the break-even where a
//! condition first holds. The scenario is read and checked once; the session re-evaluates it
//! at each step (see `bote::sweep`).

use std::io;

use bote::Session;
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::quantity::conventions::Conventions;
use bote::render::{self, SweepTitle, json};
use bote::sweep::{self, Answer};

use super::{load, read_scenario};
use crate::cli::config::{SheetFormat, SweepConfig};
use crate::cli::output::{Exit, Output};

pub fn run(config: SweepConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SheetFormat::Json;
    let mut sources = SourceMap::default();
    let (answer, title) = match compute(&config, &mut sources) {
        Ok(answer) => answer,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    let log = config.request.log;
    match answer {
        Answer::BreakEven(b) => match config.format {
            SheetFormat::Json => out.write_line(&json::break_even(&b))?,
            _ => out.write(&render::break_even_text(&b))?,
        },
        Answer::Points(sweep) => {
            let heading = SweepTitle {
                scenario: &title,
                log,
            };
            match config.format {
                SheetFormat::Json => out.write_line(&json::sweep(&sweep))?,
                SheetFormat::Csv => out.write(&render::sweep_csv(&sweep))?,
                SheetFormat::Markdown => {
                    let sheet = render::sweep_sheet(&sweep, &heading, None);
                    out.write(&render::markdown(&sheet))?;
                }
                SheetFormat::Table => {
                    let width = out.width();
                    let sheet = render::sweep_sheet(&sweep, &heading, Some(usize::from(width)));
                    out.write_with(|w| render::write_table(&sheet, width, w))?;
                    if sweep.inputs.len() == 1 && !config.request.show.is_empty() {
                        for chart in render::sweep_charts(&sweep, log, config.style, width) {
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
    if config.request.until.is_some() && config.format == SheetFormat::Csv {
        return Err(
            Diagnostic::new("--until answers with a sentence, or with --format json")
                .help("leave out --format csv"),
        );
    }
    let (name, text) = read_scenario(&config.file)?;
    let mut session = Session::with_sources(Conventions::default(), std::mem::take(sources));
    session.set_sampling(config.sampling);
    let answer = load(&mut session, &[(&name, &text)], &config.set)
        .and_then(|()| sweep::answer(&mut session, &config.request, &config.style));
    *sources = session.take_sources();
    let title = session
        .title()
        .map_or_else(|| super::fallback_title(&config.file), str::to_string);
    answer
        .map(|a| (a, title))
        .map_err(|e| e.to_diagnostic(sources))
}
