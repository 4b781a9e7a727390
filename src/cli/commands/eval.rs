//! `bote eval EXPR…`: each value on its own line, or a JSON array.

use std::fmt::Write as _;
use std::io;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::json;
use bote::report::Report;

use super::{STDIN_NAME, Teardown, evaluate, read_stdin};
use crate::cli::config::{EvalConfig, EvalFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: EvalConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == EvalFormat::Json;
    let mut sources = SourceMap::default();
    let several = config.exprs.len() > 1;
    let mut texts: Vec<(String, String)> = Vec::new();
    for (i, expr) in config.exprs.into_iter().enumerate() {
        if expr == "-" {
            match read_stdin() {
                Ok(text) => texts.push((STDIN_NAME.into(), text)),
                Err(d) => return out.input_error(&d, &sources, as_json),
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
    let inputs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let report = match evaluate(&inputs, &[], &config.style, Teardown::Free, &mut sources) {
        Ok(report) => report,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    if report.values.is_empty() && report.assertions.is_empty() {
        let d = Diagnostic::new("nothing to evaluate")
            .help("pass an expression, e.g. `bote eval '100M * 10 / day -> /s'`");
        return out.input_error(&d, &sources, as_json);
    }
    match config.format {
        EvalFormat::Json => out.write_line(&json::eval_results(&report))?,
        EvalFormat::Text => out.write(&text(&report))?,
    }
    out.failures(&report.failures(), &sources)
}

/// One line per value: `name = value`, or the value of an expression statement.
fn text(report: &Report) -> String {
    let mut text = String::new();
    for v in &report.values {
        let _ = match &v.name {
            Some(name) => writeln!(text, "{name} = {}", v.shown.text),
            None => writeln!(text, "{}", v.shown.text),
        };
    }
    text
}
