//! `bote diff FILE [AFTER] [--set NAME=EXPR]…`: two capacity plans compared, or one with
//! itself under overrides. Each side is read once (standard input too) and evaluated on its
//! own; an error in either is drawn against that side's sources, exit 2.

use std::io;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::diff::Diff;
use bote::render::diff::{Compared, Side};
use bote::render::{self, json};
use bote::report::{Report, Work};

use super::{evaluate, is_stdin, read_scenario};
use crate::cli::config::{DiffConfig, SheetFormat};
use crate::cli::output::{Exit, Output};

/// One side, evaluated: its name, its report, and the sources its diagnostics are drawn
/// against.
struct Evaluated {
    name: String,
    report: Report,
    sources: SourceMap,
}

pub fn run(config: DiffConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == SheetFormat::Json;
    let no_sources = SourceMap::default();
    if let Some(d) = nothing_to_compare(&config) {
        return out.input_error(&d, &no_sources, as_json);
    }
    let before_text = match read_scenario(&config.before) {
        Ok(read) => read,
        Err(d) => return out.input_error(&d, &no_sources, as_json),
    };
    let after_text = match &config.after {
        Some(path) => match read_scenario(path) {
            Ok(read) => read,
            Err(d) => return out.input_error(&d, &no_sources, as_json),
        },
        None => before_text.clone(),
    };
    let side = |(name, text): (String, String), set: &[(String, String)]| {
        let mut sources = SourceMap::default();
        let how = (&config.style, &config.sampling, Work::default());
        match evaluate(&[(&name, &text)], set, how, &mut sources) {
            Ok(report) => Ok(Evaluated {
                name,
                report,
                sources,
            }),
            Err(d) => Err((d, sources)),
        }
    };
    let before = match side(before_text, &[]) {
        Ok(side) => side,
        Err((d, sources)) => return out.input_error(&d, &sources, as_json),
    };
    let after = match side(after_text, &config.set) {
        Ok(side) => side,
        Err((d, sources)) => return out.input_error(&d, &sources, as_json),
    };
    let diff = Diff::new(&before.report, &after.report);
    let compared = Compared {
        diff: &diff,
        before: Side {
            file: &before.name,
            set: &[],
        },
        after: Side {
            file: &after.name,
            set: &config.set,
        },
        all: config.all,
        style: config.style,
        sampling: after.report.sampling.or(before.report.sampling),
    };
    match config.format {
        SheetFormat::Table => {
            let width = out.width();
            out.write_with(|w| render::diff_table(&compared, width, w))?;
        }
        SheetFormat::Markdown => out.write(&render::diff_markdown(&compared))?,
        SheetFormat::Csv => out.write(&render::diff_csv(&compared))?,
        SheetFormat::Json => out.write_line(&json::diff(&compared))?,
    }
    // The same file on both sides has the same warnings: they are said once.
    if config.after.is_some() {
        out.warnings(&before.report.warnings, &before.sources)?;
    }
    out.warnings(&after.report.warnings, &after.sources)?;
    Ok(if config.fail_on_change && diff.any_change() {
        Exit::Failed
    } else {
        Exit::Ok
    })
}

/// One file and no override, or standard input on both sides: an error that says what to
/// give.
fn nothing_to_compare(config: &DiffConfig) -> Option<Diagnostic> {
    match &config.after {
        None if config.set.is_empty() => Some(
            Diagnostic::new("bote diff needs a second file, or --set to change the first").help(
                "e.g. `bote diff plan.bote --set replication=2`, or `bote diff old.bote new.bote`",
            ),
        ),
        Some(after) if is_stdin(after) && is_stdin(&config.before) => Some(
            Diagnostic::new("standard input can be only one side of a diff")
                .help("give the other side as a file"),
        ),
        _ => None,
    }
}
