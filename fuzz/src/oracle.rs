//! What the `oracle` target holds every output to, beyond not panicking: "no silent wrong
//! answer" made checkable.
//!
//! - Every JSON document parses (serde_json).
//! - No number in JSON is `null`, except the fields documented as nullable (`title`,
//!   `description`, `nines` for exactly 100%, an error's `file`/`line`/`column`, a checked
//!   file's `error`): serde_json writes a non-finite `f64` as `null`, so a `null` number is an
//!   `inf` or a `NaN`.
//! - No `display` text in JSON shows `inf` or `NaN` where a number stands.
//! - In CSV, every value row's `value` and `base_value` are finite numbers.
//! - `--set NAME=FORMULA`, where FORMULA is the definition's own, changes no value and no
//!   assertion's outcome (a metamorphic check of overrides).
//!
//! Names and units are the fuzzer's to choose (`unit inf` makes `5 inf`), so a word of the
//! input is never taken for a number shown.

use bote::ast::StmtKind;
use bote::report::Report;
use serde_json::Value;

use crate::{Case, FILE, Mode, Outputs, evaluate};

/// JSON fields that may be `null`. `nines` may be too, beside an `unavailability` of 0 (exactly
/// 100%): that is checked apart.
const NULLABLE: &[&str] = &["title", "description", "file", "line", "column", "error"];

/// Panics with a message naming the output and the place in it when an output breaks a rule.
pub fn check(case: &Case, outputs: &Outputs) {
    let words = words(&case.all_text());
    for (what, text) in &outputs.json {
        let doc: Value = match serde_json::from_str(text) {
            Ok(doc) => doc,
            Err(e) => panic!("{what} JSON does not parse ({e}):\n{text}"),
        };
        walk(&doc, "$", &mut |path, fields| {
            let display = fields.get("display").and_then(Value::as_str).unwrap_or("");
            if fields.get("nines").is_some_and(Value::is_null)
                && fields.get("unavailability").and_then(Value::as_f64) != Some(0.0)
            {
                panic!(
                    "{what} JSON has null nines at {path} for an unavailability that is not 0:\n{text}"
                );
            }
            for (key, value) in fields {
                let nullable = NULLABLE.contains(&key.as_str()) || key == "nines";
                if value.is_null() && !nullable {
                    panic!("{what} JSON has null at {path}.{key} (a non-finite number):\n{text}");
                }
            }
            if let Some(token) = non_finite(display, &words) {
                panic!("{what} JSON shows `{token}` at {path}.display: {display:?}\n{text}");
            }
        });
    }
    if let Some(csv) = &outputs.csv
    {
        check_csv(csv);
    }
    set_to_itself(case);
}

/// A scenario that evaluates gives the same values when one of its definitions is `--set` to
/// its own formula. Which definition is picked depends on the input's length.
fn set_to_itself(case: &Case) {
    if case.mode != Mode::Run || !case.set.is_empty() {
        return;
    }
    // Line ends as the session reads them (a lone CR ends a line), so that a formula is the
    // text of one statement, as the program sees it.
    let body = case.body.replace("\r\n", "\n").replace('\r', "\n");
    let Ok(program) = bote::syntax::parse_program(&body, 0) else {
        return;
    };
    let definitions: Vec<(String, String)> = program
        .statements
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Define { name, value, .. } => {
                Some((name.to_string(), value.span.text(&body).trim().to_string()))
            }
            _ => None,
        })
        .collect();
    if definitions.is_empty() {
        return;
    }
    let set = [definitions[case.body.len() % definitions.len()].clone()];
    let (name, formula) = &set[0];
    if formula.is_empty() {
        return;
    }
    let Ok(before) = evaluate(&[(FILE, &case.body)], case, &[]).0 else {
        return;
    };
    let (after, sources) = evaluate(&[(FILE, &case.body)], case, &set);
    let after = match after {
        Ok(after) => after,
        Err(d) => panic!(
            "--set {name}={formula} (its own formula) is an error:\n{}",
            d.render(&sources, false)
        ),
    };
    compare(&before, &after, name, formula);
}

fn compare(before: &Report, after: &Report, name: &str, formula: &str) {
    let what = format!("--set {name}={formula} (its own formula)");
    assert_eq!(
        before.values.len(),
        after.values.len(),
        "{what} changes the number of values"
    );
    for (b, a) in before.values.iter().zip(&after.values) {
        let (x, y) = (b.value.point(), a.value.point());
        assert!(
            x == y || (x.is_nan() && y.is_nan()),
            "{what} changes `{}` from {x:e} ({}) to {y:e} ({})",
            b.name.as_deref().unwrap_or(&b.expr),
            b.shown.text,
            a.shown.text
        );
        assert_eq!(b.kind, a.kind, "{what} changes the kind of `{}`", b.expr);
    }
    for (b, a) in before.assertions.iter().zip(&after.assertions) {
        assert_eq!(
            b.passed, a.passed,
            "{what} changes the outcome of `{}`",
            b.text
        );
    }
}

/// Calls `visit` on every object of `doc`, with its path.
fn walk(doc: &Value, path: &str, visit: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    match doc {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), visit);
            }
        }
        Value::Object(fields) => {
            visit(path, fields);
            for (k, v) in fields {
                walk(v, &format!("{path}.{k}"), visit);
            }
        }
        _ => {}
    }
}

/// The lowercased identifiers of the input: words the user may have made names or units.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The first token of `display` that is a non-finite number as Rust writes one (`inf`, `-inf`,
/// `NaN`, perhaps with `$`, `%`, a scale suffix or parentheses around it), unless the input
/// has that word.
pub fn non_finite<'a>(display: &'a str, words: &[String]) -> Option<&'a str> {
    display
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '/' || c == '·')
        .find(|token| {
            let core = token
                .trim_start_matches(['$', '-', '+', '±'])
                .trim_end_matches(['%', ',']);
            let core = ["K", "M", "bn", "T"]
                .iter()
                .find_map(|s| core.strip_suffix(s))
                .unwrap_or(core)
                .to_lowercase();
            matches!(core.as_str(), "inf" | "infinity" | "nan") && !words.contains(&core)
        })
}

/// `name,kind,value,unit,base_value,base_unit,display,description` (and `p5,p50,p95` with
/// ranges): every row as wide as the header, numbers finite; a percentile, where there is
/// one, finite too.
fn check_csv(csv: &str) {
    let rows = parse_csv(csv);
    let mut rows = rows.iter();
    let header = rows.next();
    let width = header.map_or(0, Vec::len);
    assert!(
        width == 8 || width == 11,
        "CSV header has not 8 or 11 fields:\n{csv}"
    );
    for row in rows {
        assert_eq!(row.len(), width, "CSV row {row:?} is not as wide as the header:\n{csv}");
        if row[1] == "assertion" {
            continue;
        }
        for column in [2, 4] {
            let finite = row[column].parse::<f64>().is_ok_and(f64::is_finite);
            assert!(
                finite,
                "CSV field {column} of {row:?} is not a finite number:\n{csv}"
            );
        }
        for column in 8..width {
            let ok = row[column].is_empty() || row[column].parse::<f64>().is_ok_and(f64::is_finite);
            assert!(ok, "CSV percentile {column} of {row:?} is not finite:\n{csv}");
        }
    }
}

/// RFC 4180 rows: a quoted field may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
