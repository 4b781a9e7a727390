//! The JSON of `bote sla`, `bote slo` and `bote numbers`.

use serde::Serialize;

use super::{CalendarJson, DowntimeSeconds, to_string};
use crate::reliability;
use crate::report::numbers::NumbersReport;
use crate::report::sla::SlaReport;
use crate::report::slo::SloReport;
use crate::value::Number;

/// `bote sla --format json`.
pub fn sla(report: &SlaReport) -> String {
    let arguments: Vec<String> = report.rows.iter().map(|row| row.argument()).collect();
    let doc = Sla {
        conventions: CalendarJson::of(&report.conventions),
        availabilities: report
            .rows
            .iter()
            .zip(&arguments)
            .map(|(row, expr)| SlaRow {
                expr,
                fraction: row.fraction,
                unavailability: row.unavailability,
                percent: row.fraction * 100.0,
                nines: reliability::count_nines(row.unavailability),
                display: &row.shown.text,
                downtime_s: (&row.downtime).into(),
            })
            .collect(),
    };
    to_string(&doc)
}

/// `bote sla --format json`.
#[derive(Serialize)]
pub struct Sla<'a> {
    pub conventions: CalendarJson,
    pub availabilities: Vec<SlaRow<'a>>,
}

#[derive(Serialize)]
pub struct SlaRow<'a> {
    /// The availability as given, or `--downtime …`.
    pub expr: &'a str,
    pub fraction: Number,
    /// What it lacks of 1: exact where the fraction rounds to 1 (`nines(20)`).
    pub unavailability: Number,
    pub percent: Number,
    /// `null` for exactly 100%.
    pub nines: Option<Number>,
    pub display: &'a str,
    pub downtime_s: DowntimeSeconds,
}

/// `bote slo --format json`.
pub fn slo(report: &SloReport) -> String {
    to_string(&Slo {
        slo: report.target,
        window_s: report.window_s,
        budget_s: report.budget_s,
        requests: report.requests,
        budget_requests: report.budget_requests,
        burn_rate: report.burn_rate,
        exhaustion_s: report.exhaustion_s,
        alerts: report.alerts.iter().map(Into::into).collect(),
        conventions: CalendarJson::of(&report.conventions),
    })
}

/// `bote slo --format json`.
#[derive(Serialize)]
pub struct Slo {
    pub slo: Number,
    pub window_s: Number,
    pub budget_s: Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_requests: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burn_rate: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exhaustion_s: Option<Number>,
    pub alerts: Vec<AlertJson>,
    pub conventions: CalendarJson,
}

#[derive(Serialize)]
pub struct AlertJson {
    pub budget_fraction: Number,
    pub long_window_s: Number,
    pub short_window_s: Number,
    pub burn_rate: Number,
    pub error_rate: Number,
    pub exhaustion_s: Number,
    pub action: &'static str,
}

impl From<&crate::reliability::Alert> for AlertJson {
    fn from(a: &crate::reliability::Alert) -> Self {
        AlertJson {
            budget_fraction: a.budget_fraction,
            long_window_s: a.long_window_s,
            short_window_s: a.short_window_s,
            burn_rate: a.burn_rate,
            error_rate: a.error_rate,
            exhaustion_s: a.exhaustion_s,
            action: a.action,
        }
    }
}

/// `bote numbers --format json`: an array of [`NumberJson`].
pub fn numbers(report: &NumbersReport) -> String {
    let entries: Vec<NumberJson> = report
        .entries
        .iter()
        .map(|e| NumberJson {
            name: e.reference.name,
            value: e.shown.value,
            unit: &e.shown.unit,
            base_value: e.reference.value,
            base_unit: e.reference.dim.base_unit(&[]),
            display: &e.shown.text,
            about: e.reference.about,
            source: e.reference.source,
            year: e.reference.year,
        })
        .collect();
    to_string(&entries)
}

/// One entry of `bote numbers --format json`.
#[derive(Serialize)]
pub struct NumberJson<'a> {
    pub name: &'a str,
    pub value: Number,
    pub unit: &'a str,
    pub base_value: Number,
    pub base_unit: String,
    pub display: &'a str,
    pub about: &'a str,
    pub source: &'a str,
    pub year: u16,
}
