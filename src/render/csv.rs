//! CSV: one row per value, for spreadsheets, then one row per assertion. Columns:
//! `name,kind,value,unit,base_value,base_unit,display,description`. An assertion's row has
//! `kind` `assertion`, its text as written in `name`, `passed` or `failed` in `value`, and
//! both sides as shown in `display` (`2 GB vs 1.5 GB`); its unit columns are empty.
//!
//! A scenario with ranges has three more columns, `p5,p50,p95`: an uncertain value's
//! percentiles in base units (empty for a certain value, and for an assertion).

use std::fmt::Write as _;

use crate::format;
use crate::report::Report;

pub fn csv(report: &Report) -> String {
    let ranges = report.sampling.is_some();
    let mut out = String::from("name,kind,value,unit,base_value,base_unit,display,description");
    out.push_str(if ranges { ",p5,p50,p95\n" } else { "\n" });
    for v in &report.values {
        let mut fields = vec![
            v.name.clone().unwrap_or_else(|| v.expr.clone()),
            v.kind.name().to_string(),
            format::machine_text(v.shown.value),
            v.shown.unit.clone(),
            format::machine_text(v.point()),
            v.base_unit.to_string(),
            v.shown.text.clone(),
            v.description.clone().unwrap_or_default(),
        ];
        if ranges {
            let d = v.distribution.as_deref();
            fields.extend(
                [d.map(|d| d.p5), d.map(|d| d.p50), d.map(|d| d.p95)]
                    .map(|x| x.map(format::machine_text).unwrap_or_default()),
            );
        }
        row(&mut out, &fields);
    }
    for a in &report.assertions {
        let sides = match &a.tolerance {
            Some(t) => format!("{} vs {} (±{})", a.lhs.text, a.rhs.text, t.text),
            None => format!("{} vs {}", a.lhs.text, a.rhs.text),
        };
        let mut fields = vec![
            a.text.clone(),
            "assertion".to_string(),
            if a.passed { "passed" } else { "failed" }.to_string(),
            String::new(),
            String::new(),
            String::new(),
            sides,
            String::new(),
        ];
        if ranges {
            fields.extend([String::new(), String::new(), String::new()]);
        }
        row(&mut out, &fields);
    }
    out
}

pub(super) fn row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    let _ = writeln!(out, "{}", quoted.join(","));
}

/// RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
