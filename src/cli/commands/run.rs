//! `bote run FILE` (or `bote FILE`; `-` reads standard input): a scenario's tables, JSON,
//! Markdown or CSV.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render::json;
use bote::render::{self, Sheet, SheetBuilder, SheetOptions};
use bote::report::{Report, Sink, Work};

use bote::diagnostic::Diagnostic;

use super::{Disposal, explore, fallback_title, scenario_into};
use crate::cli::config::{RunConfig, SheetFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: RunConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SheetFormat::Json;
    let options = SheetOptions {
        explain: config.explain,
        rough: config.rough,
        style: config.style,
        fallback_title: fallback_title(&config.file),
    };
    // A table or Markdown is laid out as the values are made, keeping only their cells;
    // the other formats and the charts read every value's report.
    let drawn = matches!(config.format, SheetFormat::Table | SheetFormat::Markdown)
        && !config.explore.any();
    let mut builder = SheetBuilder::new(&options);
    let mut values = Vec::new();
    let sink: &mut dyn Sink = if drawn { &mut builder } else { &mut values };
    let mut sources = SourceMap::default();
    let work = Work {
        steps: config.explain,
        rough: config.rough,
    };
    let how = (&config.style, &config.sampling, work);
    let ran = scenario_into(
        &config.file,
        &config.set,
        how,
        &mut sources,
        sink,
        Disposal::AtExit,
    );
    let mut report = match ran {
        Ok(report) => Report { values, ..report },
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    // Charts come after the tables but are computed first: a wrong name is an error before
    // any output, and the report is freed before the tables are drawn.
    let charts = if config.explore.any() {
        if config.format != SheetFormat::Table {
            let d = Diagnostic::new("--plot, --sensitivity and --tornado draw in the terminal")
                .help("use them without --format, or with --format table");
            return out.input_error(&d, &sources, as_json);
        }
        let run = explore::Run {
            file: &config.file,
            set: &config.set,
            style: config.style,
            sampling: config.sampling,
        };
        match explore::charts(&config.explore, &report, &run, usize::from(out.width())) {
            Ok(charts) => charts,
            Err(d) => return out.input_error(&d, &sources, as_json),
        }
    } else {
        Vec::new()
    };
    // What is said after the output, taken now: a table or Markdown is drawn from the sheet
    // alone, so the report is freed first.
    let warnings = std::mem::take(&mut report.warnings);
    let failures = report.failures();
    match config.format {
        SheetFormat::Json => {
            out.write_line(&json::scenario(&report, &config.file.display().to_string()))?;
        }
        SheetFormat::Csv => out.write(&render::csv(&report))?,
        SheetFormat::Markdown => {
            let sheet = sheet(builder, report);
            out.write(&render::markdown(&sheet))?;
        }
        SheetFormat::Table => {
            let sheet = sheet(builder, report);
            let width = out.width();
            out.write_with(|w| render::write_table(&sheet, width, w))?;
            for chart in &charts {
                out.write("\n")?;
                out.write(chart)?;
            }
        }
    }
    out.warnings(&warnings, &sources)?;
    // The terminal table shows failed assertions in its Assertions table; the other formats
    // usually go to a file or a program, so each failure is also drawn on standard error,
    // as `eval` does.
    let exit = match config.format {
        SheetFormat::Table if !failures.is_empty() => Exit::Failed,
        SheetFormat::Table => Exit::Ok,
        _ => out.failures(&failures, &sources)?,
    };
    Ok(exit)
}

/// The sheet of a report: the values laid out by `builder` as they were made, or, when the
/// report kept them (for charts), laid out now.
fn sheet(mut builder: SheetBuilder, report: Report) -> Sheet {
    for v in &report.values {
        builder.add(v);
    }
    builder.finish(&report)
}
