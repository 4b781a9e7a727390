//! CSV: one row per value, for spreadsheets. Columns:
//! `name,kind,value,unit,base_value,base_unit,display,description`.

use std::fmt::Write as _;

use crate::format;
use crate::report::Report;

pub fn csv(report: &Report) -> String {
    let mut out = String::from("name,kind,value,unit,base_value,base_unit,display,description\n");
    for v in &report.values {
        let fields = [
            v.name.clone().unwrap_or_else(|| v.expr.clone()),
            v.kind.name().to_string(),
            format::for_machines(v.shown.value).to_string(),
            v.shown.unit.clone(),
            format::for_machines(v.value.point()).to_string(),
            v.base_unit.clone(),
            v.shown.text.clone(),
            v.description.clone().unwrap_or_default(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        let _ = writeln!(out, "{}", quoted.join(","));
    }
    out
}

/// RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
