//! `bote run FILE` (or `bote FILE`; `-` reads standard input): a scenario's tables, JSON,
//! Markdown or CSV.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render::json;
use bote::render::{self, SheetOptions};

use bote::diagnostic::Diagnostic;

use super::{explore, is_stdin, scenario};
use crate::cli::config::{RunConfig, SheetFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: RunConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SheetFormat::Json;
    let mut sources = SourceMap::default();
    let mut report = match scenario(
        &config.file,
        &config.set,
        (&config.style, &config.sampling),
        &mut sources,
    ) {
        Ok(report) => report,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    let options = SheetOptions {
        explain: config.explain,
        style: config.style,
        fallback_title: if is_stdin(&config.file) {
            "standard input".into()
        } else {
            config
                .file
                .file_stem()
                .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
        },
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
    // alone, so the report is freed first and the two never take memory at once.
    let warnings = std::mem::take(&mut report.warnings);
    let failures = report.failures();
    match config.format {
        SheetFormat::Json => {
            out.write_line(&json::scenario(&report, &config.file.display().to_string()))?;
        }
        SheetFormat::Csv => out.write(&render::csv(&report))?,
        SheetFormat::Markdown => {
            let sheet = render::sheet(&report, &options);
            drop(report);
            out.write(&render::markdown(&sheet))?;
        }
        SheetFormat::Table => {
            let sheet = render::sheet(&report, &options);
            drop(report);
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
