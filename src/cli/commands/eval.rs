//! `bote eval EXPR…`: each value on its own line, or a JSON array.
//!
//! The arguments form one program, so a definition in one serves the others, in any order.
//! Each argument is also its own input: when the program has an error, the argument it points
//! into is set aside with its error and the rest is evaluated again, until what remains is
//! correct. Every other argument prints its results; one that uses a name defined only in a
//! set-aside argument fails in turn ("unknown name"). The exit status is then 2.
//!
//! An argument may `import` a file (relative to the current directory): its definitions serve
//! the arguments, but only the arguments' own results are printed; a failed assertion in it
//! is drawn and fails the command all the same.

use std::io;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render;
use bote::render::json::{self, EvalInput};
use bote::report::Report;
use bote::{Conventions, Session};

use super::{STDIN_NAME, evaluate, read_stdin};
use crate::cli::config::{EvalConfig, EvalFormat};
use crate::cli::output::{Exit, Output};

/// An argument set aside for its error, drawn against the sources of the attempt that found
/// it.
struct SetAside {
    argument: usize,
    diagnostic: Diagnostic,
    sources: SourceMap,
}

pub fn run(config: EvalConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == EvalFormat::Json;
    let several = config.exprs.len() > 1;
    let mut texts: Vec<(String, String)> = Vec::new();
    for (i, expr) in config.exprs.into_iter().enumerate() {
        if expr == "-" {
            match read_stdin() {
                Ok(text) => texts.push((STDIN_NAME.into(), text)),
                Err(d) => return out.input_error(&d, &SourceMap::default(), as_json),
            }
        } else {
            let name = if several {
                format!("<expr {}>", i + 1)
            } else {
                "<expr>".to_string()
            };
            texts.push((name, expr));
        }
    }
    let mut remaining: Vec<usize> = (0..texts.len()).collect();
    let mut set_aside: Vec<SetAside> = Vec::new();
    let (report, sources) = loop {
        let inputs: Vec<(&str, &str)> = remaining
            .iter()
            .map(|&i| (texts[i].0.as_str(), texts[i].1.as_str()))
            .collect();
        let mut sources = SourceMap::default();
        let d = match evaluate(
            &inputs,
            &[],
            (&config.style, &config.sampling, config.work),
            &mut sources,
        ) {
            Ok(report) => break (Some(report), sources),
            Err(d) => d,
        };
        // The argument the error points into; an error in no argument stops everything.
        let culprit = d.location(&sources).and_then(|at| {
            remaining
                .iter()
                .position(|&i| several && texts[i].0 == at.file)
        });
        let Some(position) = culprit else {
            return out.input_error(&d, &sources, as_json);
        };
        let diagnostic = explain_unknown_name(d, &set_aside, &texts);
        set_aside.push(SetAside {
            argument: remaining.remove(position),
            diagnostic,
            sources,
        });
        if remaining.is_empty() {
            break (None, SourceMap::default());
        }
    };
    set_aside.sort_by_key(|s| s.argument);
    let (report, full) = match report {
        Some(report) => (own(&report), report),
        // Not one argument could be evaluated: the JSON reader gets the first error, as for a
        // single argument.
        None => return every_argument_failed(&set_aside, out, as_json),
    };
    if set_aside.is_empty() && report.values.is_empty() && report.assertions.is_empty() {
        let d = Diagnostic::new("nothing to evaluate")
            .help("pass an expression, e.g. `bote eval '100M * 10 / day -> /s'`");
        return out.input_error(&d, &sources, as_json);
    }
    let exit = if set_aside.is_empty() {
        match config.format {
            EvalFormat::Json => out.write_line(&json::eval_results(&report))?,
            EvalFormat::Text => out.write(&text(&report))?,
        }
        Exit::Ok
    } else {
        let parts = by_argument(&report, &sources, &texts, &remaining);
        match config.format {
            EvalFormat::Json => {
                let inputs: Vec<EvalInput> = (0..texts.len())
                    .filter_map(|i| input(i, &parts, &set_aside, &texts))
                    .collect();
                out.write_line(&json::eval_inputs(&inputs))?;
                for s in &set_aside {
                    out.diagnostic(&s.diagnostic, &s.sources)?;
                }
            }
            EvalFormat::Text => {
                // In argument order, so that on a terminal each error sits among the results.
                for i in 0..texts.len() {
                    if let Some(s) = set_aside.iter().find(|s| s.argument == i) {
                        out.diagnostic(&s.diagnostic, &s.sources)?;
                    } else if let Some((_, part)) = parts.iter().find(|(a, _)| *a == i) {
                        out.write(&text(part))?;
                    }
                }
            }
        }
        Exit::Input
    };
    out.warnings(&full.warnings, &sources)?;
    Ok(exit.max(out.failures(&full.failures(), &sources)?))
}

/// The values and assertions of the arguments, without those of the files they import.
fn own(report: &Report) -> Report {
    Report {
        values: report
            .values
            .iter()
            .filter(|v| v.file.is_none())
            .cloned()
            .collect(),
        assertions: report
            .assertions
            .iter()
            .filter(|a| a.file.is_none())
            .cloned()
            .collect(),
        ..report.clone()
    }
}

/// The argument `i` as an entry of the JSON array.
fn input<'a>(
    i: usize,
    parts: &'a [(usize, Report)],
    set_aside: &'a [SetAside],
    texts: &'a [(String, String)],
) -> Option<EvalInput<'a>> {
    if let Some(s) = set_aside.iter().find(|s| s.argument == i) {
        return Some(EvalInput::Failed {
            expr: &texts[i].1,
            diagnostic: &s.diagnostic,
            sources: &s.sources,
        });
    }
    parts
        .iter()
        .find(|(a, _)| *a == i)
        .map(|(_, part)| EvalInput::Results(part))
}

/// Each evaluated argument with the part of the report that came from it.
fn by_argument(
    report: &Report,
    sources: &SourceMap,
    texts: &[(String, String)],
    evaluated: &[usize],
) -> Vec<(usize, Report)> {
    let from = |i: usize, start: u32| {
        sources
            .locate(start)
            .is_some_and(|at| at.file == texts[i].0)
    };
    evaluated
        .iter()
        .map(|&i| {
            let part = Report {
                values: report
                    .values
                    .iter()
                    .filter(|v| from(i, v.span.start))
                    .cloned()
                    .collect(),
                assertions: report
                    .assertions
                    .iter()
                    .filter(|a| from(i, a.lhs_span.start))
                    .cloned()
                    .collect(),
                ..report.clone()
            };
            (i, part)
        })
        .collect()
}

/// An unknown name that an argument set aside defines: the help says where it went.
fn explain_unknown_name(
    d: Diagnostic,
    set_aside: &[SetAside],
    texts: &[(String, String)],
) -> Diagnostic {
    let Some(name) = d
        .message
        .strip_prefix("unknown name `")
        .and_then(|rest| rest.strip_suffix('`'))
    else {
        return d;
    };
    let defined_in = set_aside
        .iter()
        .map(|s| &texts[s.argument])
        .find(|(input, text)| {
            let mut session = Session::new(Conventions::default());
            session.add(input, text).is_ok() && session.defines(name)
        });
    match defined_in {
        Some((input, _)) => {
            let help = format!("`{name}` is defined in {input}, which has an error");
            d.help(help)
        }
        None => d,
    }
}

/// Every argument was set aside: each error on standard error, the first also as JSON.
fn every_argument_failed(
    set_aside: &[SetAside],
    out: &mut Output,
    as_json: bool,
) -> io::Result<Exit> {
    for (n, s) in set_aside.iter().enumerate() {
        out.input_error(&s.diagnostic, &s.sources, as_json && n == 0)?;
    }
    Ok(Exit::Input)
}

/// One line per value, or its worked steps (see [`render::derivation`]). The REPL prints
/// each line's values with it too.
pub(super) fn text(report: &Report) -> String {
    report.values.iter().map(render::derivation).collect()
}
