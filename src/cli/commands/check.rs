//! `bote check FILE…`: each scenario's assertions, one line per file and a summary; the
//! exit status is the worst file's.

use std::io;

use bote::Style;
use bote::diagnostic::SourceMap;

use super::{Teardown, scenario};
use crate::cli::config::CheckConfig;
use crate::cli::output::{Exit, Output};

pub fn run(config: CheckConfig, out: &mut Output) -> io::Result<Exit> {
    let mut worst = Exit::Ok;
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for path in &config.files {
        let mut sources = SourceMap::default();
        let report = match scenario(
            path,
            &config.set,
            &Style::default(),
            Teardown::Free,
            &mut sources,
        ) {
            Ok(report) => report,
            Err(d) => {
                broken += 1;
                worst = worst.max(out.input_error(&d, &sources, false)?);
                continue;
            }
        };
        let total = report.assertions.len();
        let file_failed = report.failed();
        passed += total - file_failed;
        failed += file_failed;
        if file_failed == 0 {
            out.write_line(&format!(
                "ok: {} ({total} assertion{})",
                path.display(),
                plural(total)
            ))?;
        } else {
            out.write_line(&format!(
                "FAILED: {} ({file_failed} of {total} assertion{})",
                path.display(),
                plural(total),
            ))?;
            worst = worst.max(out.failures(&report.failures(), &sources)?);
        }
    }
    let files = config.files.len();
    out.write_line(&format!(
        "\n{files} file{}: {passed} assertion{} passed, {failed} failed{}",
        plural(files),
        plural(passed),
        if broken > 0 {
            format!(", {broken} with errors")
        } else {
            String::new()
        }
    ))?;
    Ok(worst)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
