//! `bote run FILE` (or `bote FILE`; `-` reads standard input): a scenario's tables, JSON,
//! Markdown or CSV.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render::json;
use bote::render::{self, SheetOptions};

use super::{Teardown, is_stdin, scenario};
use crate::cli::config::{RunConfig, SheetFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: RunConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SheetFormat::Json;
    let mut sources = SourceMap::default();
    let report = match scenario(
        &config.file,
        &config.set,
        &config.style,
        Teardown::AtExit,
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
    let text = match config.format {
        SheetFormat::Json => json::scenario(&report, &config.file.display().to_string()) + "\n",
        SheetFormat::Csv => render::csv(&report),
        SheetFormat::Markdown => render::markdown(&render::sheet(&report, &options)),
        SheetFormat::Table => render::table(&render::sheet(&report, &options), out.width()),
    };
    out.write(&text)?;
    out.warnings(&report.warnings, &sources)?;
    // The terminal table shows failed assertions in its Assertions table; the other formats
    // usually go to a file or a program, so each failure is also drawn on standard error,
    // as `eval` does.
    let exit = match config.format {
        SheetFormat::Table if report.failed() > 0 => Exit::Failed,
        SheetFormat::Table => Exit::Ok,
        _ => out.failures(&report.failures(), &sources)?,
    };
    // See `Teardown::AtExit`.
    std::mem::forget(report);
    std::mem::forget(sources);
    Ok(exit)
}
