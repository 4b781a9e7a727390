//! `bote check FILE…`: each scenario's assertions, one line per file and a summary, or one
//! JSON or JUnit document for all files; the exit status is the worst file's.
//!
//! A `--set` override applies to the files that define its name and is skipped by the
//! others, so that one command line can check several plans that share some assumptions;
//! an override that no file defines is an error, since it would change nothing.

use std::io;
use std::path::{Path, PathBuf};

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::{self, CheckedFile};
use bote::report::Report;
use bote::span::Span;
use bote::{Conventions, Sampling, Session, Style};

use super::{Files, read_scenario, resolved};
use crate::cli::config::{CheckConfig, CheckFormat};
use crate::cli::output::{Exit, Output};

/// What checking one file gave: its report, or the error that stopped it. Either way, the
/// sources its diagnostics are drawn against.
struct Checked {
    path: PathBuf,
    outcome: Result<Report, Diagnostic>,
    sources: SourceMap,
}

pub fn run(config: CheckConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == CheckFormat::Json;
    let files = match check_all(&config.files, &config.set, config.sampling) {
        Ok(files) => files,
        Err((d, sources)) => return out.input_error(&d, &sources, as_json),
    };
    if config.format == CheckFormat::Text {
        return text(&files, out);
    }
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    let checked: Vec<CheckedFile> = files
        .iter()
        .zip(&paths)
        .map(|(f, path)| CheckedFile {
            file: path,
            result: f.outcome.as_ref(),
            sources: &f.sources,
        })
        .collect();
    out.write(&match config.format {
        CheckFormat::Junit => render::junit(&checked),
        _ => render::check_json(&checked) + "\n",
    })?;
    // The document is for a program; the log on standard error is for the person reading CI.
    let mut worst = Exit::Ok;
    for f in &files {
        worst = worst.max(match &f.outcome {
            Ok(report) => {
                out.warnings(&report.warnings, &f.sources)?;
                out.failures(&report.failures(), &f.sources)?
            }
            Err(d) => out.input_error(d, &f.sources, false)?,
        });
    }
    Ok(worst)
}

/// Reads every file, applies the overrides that each defines, and checks it. An override
/// that no readable file defines is an error before any file is checked.
fn check_all(
    paths: &[PathBuf],
    set: &[(String, String)],
    sampling: Sampling,
) -> Result<Vec<Checked>, (Diagnostic, SourceMap)> {
    let mut loaded = Vec::new();
    for path in paths {
        loaded.push((
            path,
            load(path).map(|mut s| {
                s.set_sampling(sampling);
                s
            }),
        ));
    }
    let sessions = || loaded.iter().filter_map(|(_, s)| s.as_ref().ok());
    for (name, value) in set {
        if !sessions().any(|s| s.defines(name)) {
            let defined = sessions().flat_map(Session::defined_names);
            let files: Vec<String> = loaded
                .iter()
                .filter(|(_, s)| s.is_ok())
                .map(|(p, _)| format!("`{}`", p.display()))
                .collect();
            return Err(set_unknown(
                name,
                value,
                &files,
                bote::suggest::closest(name, defined),
            ));
        }
    }
    Ok(loaded
        .into_iter()
        .map(|(path, read)| match read {
            Ok(session) => check_one(path, session, set),
            Err((d, sources)) => Checked {
                path: path.clone(),
                outcome: Err(d),
                sources,
            },
        })
        .collect())
}

/// A file read and parsed into a session of its own.
fn load(path: &Path) -> Result<Session, (Diagnostic, SourceMap)> {
    let (name, text) = read_scenario(path).map_err(|d| (d, SourceMap::default()))?;
    let mut session = Session::new(Conventions::default());
    match session.add_with(&resolved(&name), &text, &mut Files) {
        Ok(()) => Ok(session),
        Err(e) => Err((e.to_diagnostic(session.sources()), session.take_sources())),
    }
}

fn check_one(path: &Path, mut session: Session, set: &[(String, String)]) -> Checked {
    let own: Vec<&(String, String)> = set.iter().filter(|(n, _)| session.defines(n)).collect();
    let result = own
        .into_iter()
        .try_for_each(|(name, value)| session.set(name, value))
        .and_then(|()| bote::report(&mut session, &Style::default()));
    let outcome = result.map_err(|e| e.to_diagnostic(session.sources()));
    Checked {
        path: path.to_path_buf(),
        outcome,
        sources: session.take_sources(),
    }
}

/// `--set name=value` where no file defines `name`.
fn set_unknown(
    name: &str,
    value: &str,
    files: &[String],
    suggestion: Option<String>,
) -> (Diagnostic, SourceMap) {
    let mut sources = SourceMap::default();
    let base = match sources.add("<--set>", format!("{name}={value}")) {
        Ok(base) => base,
        Err(d) => return (d, sources),
    };
    let files = match files {
        [] => "no file was read".to_string(),
        [one] => format!("{one} does not define it"),
        many => format!("none of {} defines it", many.join(", ")),
    };
    let d = Diagnostic::new(format!("cannot set `{name}`: {files}")).primary(
        Span::new(base, base + name.len()),
        "not defined in any file",
    );
    let d = match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("an override applies to the files that define its name"),
    };
    (d, sources)
}

/// One line per file, each failure drawn on standard error, and a summary.
fn text(files: &[Checked], out: &mut Output) -> io::Result<Exit> {
    let mut worst = Exit::Ok;
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for file in files {
        let report = match &file.outcome {
            Ok(report) => report,
            Err(d) => {
                broken += 1;
                worst = worst.max(out.input_error(d, &file.sources, false)?);
                continue;
            }
        };
        out.warnings(&report.warnings, &file.sources)?;
        let path = file.path.display();
        let total = report.assertions.len();
        let file_failed = report.failed();
        passed += total - file_failed;
        failed += file_failed;
        if file_failed == 0 {
            out.write_line(&format!("ok: {path} ({total} assertion{})", plural(total)))?;
        } else {
            out.write_line(&format!(
                "FAILED: {path} ({file_failed} of {total} assertion{})",
                plural(total),
            ))?;
            worst = worst.max(out.failures(&report.failures(), &file.sources)?);
        }
    }
    let count = files.len();
    out.write_line(&format!(
        "\n{count} file{}: {passed} assertion{} passed, {failed} failed{}",
        plural(count),
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
