//! `bote run FILE` (or `bote FILE`; `-` reads standard input): a scenario's tables, JSON,
//! Markdown or CSV.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render::json;
use bote::render::{self, SheetOptions};

use super::{is_stdin, scenario};
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
