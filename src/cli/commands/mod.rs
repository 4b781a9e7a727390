//! One module per command. Each takes its config and the `Output`, calls the library, and
//! returns its `Exit`; a failed write is an `Err` for `cli::run`. The helpers here are
//! shared by several commands: reading a scenario and running the pipeline on it.

pub mod check;
pub mod eval;
pub mod generate;
pub mod numbers;
pub mod run;
pub mod sla;
pub mod slo;

use std::path::Path;

use anyhow::{Context as _, anyhow};
use bote::Input;
use bote::conventions::Conventions;
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::{self, Sheet};
use bote::report::{self, Report};

use super::config::TableFormat;

/// How a run's memory is released.
#[derive(Clone, Copy, PartialEq)]
enum Teardown {
    /// Freed as usual: `check` runs many files in one process.
    Free,
    /// Left to the operating system: `run` exits right after printing, and freeing a large
    /// scenario's trees node by node costs more than evaluating them.
    AtExit,
}

/// Parses, checks and evaluates `inputs` with `--set` overrides, and reports on the result:
/// the commands' one call into the pipeline. Sources go to `sources`.
fn evaluate(
    inputs: &[Input],
    set: &[(String, String)],
    precision: usize,
    teardown: Teardown,
    sources: &mut SourceMap,
) -> Result<Report, Diagnostic> {
    let run = bote::run(inputs, set, Conventions::default(), sources)?;
    let report = report::build(&run, sources, precision);
    if teardown == Teardown::AtExit {
        std::mem::forget(run);
    }
    Ok(report)
}

/// Reads and evaluates one scenario file; its text goes to `sources`.
fn scenario(
    path: &Path,
    set: &[(String, String)],
    precision: usize,
    teardown: Teardown,
    sources: &mut SourceMap,
) -> Result<Report, Diagnostic> {
    let text = read_source(path).map_err(|e| Diagnostic::new(format!("{e:#}")))?;
    let name = path.display().to_string();
    let inputs = [Input {
        name: &name,
        text: &text,
    }];
    evaluate(&inputs, set, precision, teardown, sources)
}

/// Reads a scenario file as UTF-8 text, within the size limit.
fn read_source(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() > bote::MAX_INPUT_BYTES {
        return Err(anyhow!(
            "`{}` is too large: {} bytes (the limit is {})",
            path.display(),
            bytes.len(),
            bote::MAX_INPUT_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "`{}` is not valid UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// A sheet as a terminal table `width` columns wide, or as Markdown.
fn sheet_text(sheet: &Sheet, format: TableFormat, width: u16) -> String {
    match format {
        TableFormat::Markdown => render::markdown(sheet),
        TableFormat::Table | TableFormat::Json => render::table(sheet, width),
    }
}
