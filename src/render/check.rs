//! The documents of `bote check` for CI: one JSON document for every file checked, and JUnit
//! XML, which CI systems (GitLab, Jenkins, GitHub test reporters) display as test results:
//! one `testsuite` per file, one `testcase` per assertion, a failed assertion as a `failure`,
//! a file that could not be checked as one `testcase` holding an `error`.

use std::fmt::Write as _;

use serde::Serialize;

use super::json::{AssertionJson, ErrorBody, SCHEMA, assertion_json, error_body, to_string};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::report::Report;

/// The outcome of checking one file.
pub struct CheckedFile<'a> {
    /// The path as given.
    pub file: &'a str,
    /// Its report, or the error that stopped it.
    pub result: Result<&'a Report, &'a Diagnostic>,
    /// What the file's diagnostics are drawn against.
    pub sources: &'a SourceMap,
}

impl CheckedFile<'_> {
    fn counts(&self) -> (usize, usize) {
        match self.result {
            Ok(report) => (report.assertions.len(), report.failed()),
            Err(_) => (0, 0),
        }
    }
}

#[derive(Serialize)]
struct CheckJson<'a> {
    schema: u32,
    files: Vec<FileJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    /// `ok`, `failed` or `error`.
    status: &'static str,
    /// The files it imported; absent when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    imports: &'a [String],
    assertions: Vec<AssertionJson<'a>>,
    /// Values that check but are rarely meant (`B^2`), each as `{"message", "file", "line",
    /// "column"}`; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<ErrorBody<'a>>,
    error: Option<ErrorBody<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    files: usize,
    assertions: usize,
    passed: usize,
    failed: usize,
    errors: usize,
}

/// `bote check --format json`: `{"schema", "files": [{"file", "status", "assertions", "error"}],
/// "summary": {"files", "assertions", "passed", "failed", "errors"}}`.
pub fn check_json(files: &[CheckedFile]) -> String {
    let mut summary = SummaryJson {
        files: files.len(),
        assertions: 0,
        passed: 0,
        failed: 0,
        errors: 0,
    };
    let files = files
        .iter()
        .map(|f| {
            let (total, failed) = f.counts();
            summary.assertions += total;
            summary.passed += total - failed;
            summary.failed += failed;
            match f.result {
                Ok(report) => FileJson {
                    file: f.file,
                    status: if failed == 0 { "ok" } else { "failed" },
                    imports: &report.imports,
                    assertions: report.assertions.iter().map(assertion_json).collect(),
                    warnings: report
                        .warnings
                        .iter()
                        .map(|w| error_body(w, f.sources))
                        .collect(),
                    error: None,
                },
                Err(d) => {
                    summary.errors += 1;
                    FileJson {
                        file: f.file,
                        status: "error",
                        imports: &[],
                        assertions: Vec::new(),
                        warnings: Vec::new(),
                        error: Some(error_body(d, f.sources)),
                    }
                }
            }
        })
        .collect();
    to_string(&CheckJson {
        schema: SCHEMA,
        files,
        summary,
    })
}

/// `bote check --format junit`: JUnit XML. Failure and error bodies hold the diagnostic as
/// drawn on a terminal, without colour.
pub fn junit(files: &[CheckedFile]) -> String {
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    let mut suites = String::new();
    for f in files {
        let file = escape(f.file);
        let (suite_tests, suite_failures, suite_errors) = match f.result {
            Ok(report) => (report.assertions.len(), report.failed(), 0),
            Err(_) => (1, 0, 1),
        };
        tests += suite_tests;
        failures += suite_failures;
        errors += suite_errors;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{file}\" tests=\"{suite_tests}\" failures=\"{suite_failures}\" \
             errors=\"{suite_errors}\" skipped=\"0\">"
        );
        match f.result {
            Ok(report) => {
                for a in &report.assertions {
                    // An imported file's assertion: `line` is in that file.
                    let at = a.file.as_deref().map_or_else(|| file.clone(), escape);
                    let _ = write!(
                        suites,
                        "    <testcase name=\"{}\" classname=\"{file}\" file=\"{at}\" \
                         line=\"{}\"",
                        escape(&a.text),
                        a.line
                    );
                    if a.passed {
                        suites.push_str("/>\n");
                    } else {
                        let d = a.to_diagnostic();
                        let _ = writeln!(
                            suites,
                            ">\n      <failure message=\"{}\" type=\"assertion\">{}</failure>\n    \
                             </testcase>",
                            escape(&d.message),
                            escape(&d.render(f.sources, false))
                        );
                    }
                }
            }
            Err(d) => {
                let _ = writeln!(
                    suites,
                    "    <testcase name=\"{file}\" classname=\"{file}\" file=\"{file}\">\n      \
                     <error message=\"{}\" type=\"input\">{}</error>\n    </testcase>",
                    escape(&d.message),
                    escape(&d.render(f.sources, false))
                );
            }
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bote check\" \
         tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{suites}</testsuites>\n"
    )
}

/// Text as XML 1.0 character data or an attribute value: the five markup characters as
/// entities, and the control characters XML cannot hold (all below U+0020 but tab, line feed
/// and carriage return) as U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape(r#"assert a < b & "c" > 'd'"#),
            "assert a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(escape("tab\tok\u{1}\u{FFFF}"), "tab\tok\u{FFFD}\u{FFFD}");
    }
}
