//! The JSON wire types: serde structs, apart from the table renderer. Field names here are a
//! documented contract (see the README); change them only with the schema number.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::eval::Number;
use crate::report::{Report, ValueReport};

/// One result of `bote eval --format json`.
#[derive(Serialize)]
pub struct EvalResult<'a> {
    pub expr: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    pub value: Number,
    pub unit: &'a str,
    pub base_value: Number,
    pub base_unit: &'a str,
    pub display: &'a str,
}

/// An assertion in `bote eval` output.
#[derive(Serialize)]
pub struct EvalAssertion<'a> {
    pub expr: &'a str,
    pub passed: bool,
    pub lhs: &'a str,
    pub rhs: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum EvalEntry<'a> {
    Value(EvalResult<'a>),
    Assertion(EvalAssertion<'a>),
}

pub fn eval_results(report: &Report) -> String {
    let mut entries: Vec<(usize, EvalEntry)> = report
        .values
        .iter()
        .map(|v| (v.line, EvalEntry::Value(eval_result(v))))
        .collect();
    for a in &report.assertions {
        entries.push((
            a.line,
            EvalEntry::Assertion(EvalAssertion {
                expr: &a.text,
                passed: a.passed,
                lhs: &a.lhs.text,
                rhs: &a.rhs.text,
            }),
        ));
    }
    entries.sort_by_key(|(line, _)| *line);
    let entries: Vec<EvalEntry> = entries.into_iter().map(|(_, e)| e).collect();
    to_string(&entries)
}

fn eval_result(v: &ValueReport) -> EvalResult<'_> {
    EvalResult {
        expr: &v.expr,
        name: v.name.as_deref(),
        value: v.shown.value,
        unit: &v.shown.unit,
        base_value: v.base_value,
        base_unit: &v.base_unit,
        display: &v.shown.text,
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: ErrorBody<'a>,
}

/// `{"error": {"message", "file", "line", "column"}}`
pub fn error(d: &Diagnostic, sources: &SourceMap) -> String {
    let loc = d.location(sources);
    to_string(&ErrorJson {
        error: ErrorBody {
            message: &d.message,
            file: loc.as_ref().map(|l| l.file),
            line: loc.as_ref().map(|l| l.line),
            column: loc.as_ref().map(|l| l.column),
        },
    })
}

pub fn to_string<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and finite numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
