//! The JSON wire types: serde structs, apart from the table renderer. Field names here are a
//! documented contract (see the README); change them only with the schema number.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::format;
use crate::reliability;
use crate::report::numbers::NumbersReport;
use crate::report::sla::SlaReport;
use crate::report::slo::SloReport;
use crate::report::{AssertionReport, Report, ValueReport};
use crate::sample::Summary;
use crate::value::Number;

/// The version of the scenario JSON; bumped on any incompatible change.
pub const SCHEMA: u32 = 1;
/// The schema of a scenario document with ranges: schema 1 and the fields `samples`, `seed`
/// and each uncertain value's `distribution`.
pub const SCHEMA_WITH_RANGES: u32 = 2;

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
    /// Why the value is rarely meant (`B^2`); absent when it is fine.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub warnings: &'a [String],
    /// For an uncertain value, as in the scenario JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution: Option<&'a Summary>,
    /// With `--explain`, as in the scenario JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<&'a [String]>,
}

/// An assertion in `bote eval` output; its sides have the shape of the scenario JSON's.
#[derive(Serialize)]
pub struct EvalAssertion<'a> {
    pub expr: &'a str,
    pub passed: bool,
    pub lhs: SideJson<'a>,
    pub rhs: SideJson<'a>,
}

/// An argument of `bote eval` that was set aside for its error.
#[derive(Serialize)]
pub struct EvalFailure<'a> {
    pub expr: &'a str,
    pub error: ErrorBody<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum EvalEntry<'a> {
    Value(EvalResult<'a>),
    Assertion(EvalAssertion<'a>),
    Failure(EvalFailure<'a>),
}

/// One argument of `bote eval`: the part of the report that came from it, or its error.
pub enum EvalInput<'a> {
    Results(&'a Report),
    Failed {
        expr: &'a str,
        diagnostic: &'a Diagnostic,
        sources: &'a SourceMap,
    },
}

/// `bote eval --format json` when some arguments failed: one array, each argument's entries
/// at its place, a failed one as `{"expr", "error"}`.
pub fn eval_inputs(inputs: &[EvalInput]) -> String {
    let mut entries = Vec::new();
    for input in inputs {
        match input {
            EvalInput::Results(report) => entries.extend(eval_entries(report)),
            EvalInput::Failed {
                expr,
                diagnostic,
                sources,
            } => entries.push(EvalEntry::Failure(EvalFailure {
                expr,
                error: error_body(diagnostic, sources),
            })),
        }
    }
    to_string(&entries)
}

pub fn eval_results(report: &Report) -> String {
    to_string(&eval_entries(report))
}

/// A report's values and assertions in statement order.
fn eval_entries(report: &Report) -> Vec<EvalEntry<'_>> {
    let mut entries: Vec<(usize, EvalEntry)> = report
        .values
        .iter()
        .map(|v| (v.order, EvalEntry::Value(eval_result(v))))
        .collect();
    for a in &report.assertions {
        entries.push((
            a.order,
            EvalEntry::Assertion(EvalAssertion {
                expr: &a.text,
                passed: a.passed,
                lhs: SideJson::lhs(a),
                rhs: SideJson::rhs(a),
            }),
        ));
    }
    entries.sort_by_key(|(order, _)| *order);
    entries.into_iter().map(|(_, e)| e).collect()
}

fn eval_result(v: &ValueReport) -> EvalResult<'_> {
    EvalResult {
        expr: &v.expr,
        name: v.name.as_deref(),
        value: v.shown.value,
        unit: &v.shown.unit,
        base_value: v.point(),
        base_unit: &v.base_unit,
        display: &v.shown.text,
        warnings: &v.warnings,
        distribution: v.distribution.as_deref(),
        steps: v.steps.as_deref(),
    }
}

#[derive(Serialize)]
struct Scenario<'a> {
    schema: u32,
    title: Option<&'a str>,
    description: Option<&'a str>,
    file: &'a str,
    /// The imported files; absent when there are none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    imports: &'a [String],
    conventions: CalendarJson,
    /// Monte Carlo samples of each uncertain value, and the seed; absent without ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    samples: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    values: Vec<ValueJson<'a>>,
    assertions: Vec<AssertionJson<'a>>,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    name: &'a str,
    kind: &'static str,
    value: Number,
    unit: &'a str,
    base_value: Number,
    base_unit: &'a str,
    display: &'a str,
    formula: &'a str,
    /// How the checker read what could mean two things; absent when nothing could.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    readings: &'a [String],
    /// Why the value is rarely meant (`B^2`); absent when it is fine.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    description: Option<&'a str>,
    input: bool,
    /// The imported file that defines it; absent for the scenario's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability: Option<AvailabilityJson>,
    /// For an uncertain value (its `value` and `base_value` are the median): percentiles,
    /// mean, standard deviation and extremes, in base units.
    #[serde(skip_serializing_if = "Option::is_none")]
    distribution: Option<&'a Summary>,
    /// With `--explain`: the formula, each line of its derivation, and the value as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<&'a [String]>,
}

#[derive(Serialize)]
struct AvailabilityJson {
    fraction: Number,
    unavailability: Number,
    /// `null` for exactly 100%.
    nines: Option<Number>,
    downtime_s: DowntimeSeconds,
}

#[derive(Serialize)]
pub(crate) struct AssertionJson<'a> {
    text: &'a str,
    /// The imported file it is in; absent for the scenario's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    line: usize,
    passed: bool,
    lhs: SideJson<'a>,
    rhs: SideJson<'a>,
}

/// One side of an assertion, in `eval` and scenario JSON alike.
#[derive(Serialize)]
pub struct SideJson<'a> {
    pub base_value: Number,
    pub display: &'a str,
}

impl<'a> SideJson<'a> {
    fn lhs(a: &'a AssertionReport) -> Self {
        SideJson {
            base_value: a.lhs_value.point(),
            display: &a.lhs.text,
        }
    }

    fn rhs(a: &'a AssertionReport) -> Self {
        SideJson {
            base_value: a.rhs_value.point(),
            display: &a.rhs.text,
        }
    }
}

/// The scenario document (schema 1, or 2 with ranges), documented field by field in the
/// README.
pub fn scenario(report: &Report, file: &str) -> String {
    let doc = Scenario {
        schema: if report.sampling.is_some() {
            SCHEMA_WITH_RANGES
        } else {
            SCHEMA
        },
        samples: report.sampling.map(|s| s.samples),
        seed: report.sampling.map(|s| s.seed),
        title: report.title.as_deref(),
        description: report.description.as_deref(),
        file,
        imports: &report.imports,
        conventions: CalendarJson::of(&report.conventions),
        values: report.values.iter().map(value_json).collect(),
        assertions: report.assertions.iter().map(assertion_json).collect(),
    };
    to_string(&doc)
}

fn value_json(v: &ValueReport) -> ValueJson<'_> {
    ValueJson {
        name: v.name.as_deref().unwrap_or(&v.expr),
        kind: v.kind.name(),
        value: v.shown.value,
        unit: &v.shown.unit,
        base_value: v.point(),
        base_unit: &v.base_unit,
        display: &v.shown.text,
        formula: &v.expr,
        readings: &v.readings,
        warnings: &v.warnings,
        description: v.description.as_deref(),
        input: v.input,
        file: v.file.as_deref(),
        availability: v.availability.as_ref().map(|a| AvailabilityJson {
            fraction: a.fraction,
            unavailability: a.unavailability,
            nines: a.nines,
            downtime_s: (&a.downtime).into(),
        }),
        distribution: v.distribution.as_deref(),
        steps: v.steps.as_deref(),
    }
}

pub(crate) fn assertion_json(a: &AssertionReport) -> AssertionJson<'_> {
    AssertionJson {
        text: &a.text,
        file: a.file.as_deref(),
        line: a.line,
        passed: a.passed,
        lhs: SideJson::lhs(a),
        rhs: SideJson::rhs(a),
    }
}

/// Where and what an input error is.
#[derive(Serialize)]
pub struct ErrorBody<'a> {
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: ErrorBody<'a>,
}

/// `{"error": {"message", "file", "line", "column"}}`
pub fn error(d: &Diagnostic, sources: &SourceMap) -> String {
    to_string(&ErrorJson {
        error: error_body(d, sources),
    })
}

/// `{"message", "file", "line", "column"}`, each position `null` when there is none.
pub fn error_body<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> ErrorBody<'a> {
    let loc = d.location(sources);
    ErrorBody {
        message: &d.message,
        file: loc.as_ref().map(|l| l.file),
        line: loc.as_ref().map(|l| l.line),
        column: loc.as_ref().map(|l| l.column),
    }
}

/// Every JSON document bote writes, pretty-printed, each number rounded to 15 significant
/// digits (see [`Rounded`]).
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Rounded::default());
    // Serializing plain structs of strings and finite numbers into memory cannot fail.
    match value.serialize(&mut serializer) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// serde_json's pretty layout, with every floating-point number rounded to 15 significant
/// digits ([`format::for_machines`]): the one place JSON numbers are written.
#[derive(Default)]
struct Rounded(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Rounded {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        self.0.write_f64(w, format::for_machines(x))
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The calendar lengths in force, in seconds.
#[derive(Serialize)]
pub struct CalendarJson {
    pub year_s: Number,
    pub month_s: Number,
    pub quarter_s: Number,
    pub week_s: Number,
    pub day_s: Number,
}

impl CalendarJson {
    pub fn of(c: &crate::quantity::conventions::Conventions) -> Self {
        CalendarJson {
            year_s: c.year_s,
            month_s: c.month_s,
            quarter_s: c.quarter_s,
            week_s: crate::quantity::conventions::WEEK_S,
            day_s: crate::quantity::conventions::DAY_S,
        }
    }
}

/// Downtime per period, in seconds.
#[derive(Serialize)]
pub struct DowntimeSeconds {
    pub day: Number,
    pub week: Number,
    pub month: Number,
    pub quarter: Number,
    pub year: Number,
}

impl From<&crate::report::Downtime> for DowntimeSeconds {
    fn from(d: &crate::report::Downtime) -> Self {
        DowntimeSeconds {
            day: d.day,
            week: d.week,
            month: d.month,
            quarter: d.quarter,
            year: d.year,
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_to_15_digits() {
        let doc = [
            0.9990000000000001,
            1000000.0000000009,
            2592000.0,
            1e-20,
            0.1 + 0.2,
        ];
        let text = to_string(&doc);
        let numbers: Vec<&str> = text
            .lines()
            .map(|l| l.trim().trim_end_matches(','))
            .collect();
        assert_eq!(
            numbers,
            ["[", "0.999", "1000000.0", "2592000.0", "1e-20", "0.3", "]"]
        );
    }
}
