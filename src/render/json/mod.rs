//! The JSON wire types: serde structs, apart from the table renderer. Field names here are a
//! documented contract (see the README); change them only with the schema number.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::format;
use crate::report::{AssertionReport, Report, ValueReport};
use crate::sample::Summary;
use crate::value::Number;

mod diff;
mod reliability;
mod sweep;

pub use diff::{DIFF_SCHEMA, diff};
pub use reliability::{AlertJson, NumberJson, Sla, SlaRow, Slo, numbers, sla, slo};
pub use sweep::{break_even, sweep};

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
    /// With `--rough`, as in the scenario JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rough: Option<RoughJson<'a>>,
}

/// A value's rough figure (`--rough`), as a candidate would work it out.
#[derive(Serialize)]
pub struct RoughJson<'a> {
    /// In `unit`, unrounded.
    pub value: Number,
    pub unit: &'a str,
    /// In base units, computed in the rough calendar.
    pub base_value: Number,
    /// At two significant digits, without `≈`.
    pub display: &'a str,
    /// How far it is from the exact value: rough / exact − 1, in the unit both are shown in.
    pub off_by: Number,
    /// With `--explain`, when it reads differently from the exact value: its worked steps
    /// after the formula.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<&'a [String]>,
}

impl<'a> RoughJson<'a> {
    fn of(v: &'a ValueReport) -> Option<Self> {
        v.rough().map(|r| RoughJson {
            value: r.shown.value,
            unit: &r.shown.unit,
            base_value: r.base_value,
            display: &r.shown.text,
            off_by: r.off_by,
            steps: r.steps.as_deref(),
        })
    }
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
        steps: v.steps(),
        rough: RoughJson::of(v),
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
    /// With `--rough`: the rough calendar its values' rough figures are worked out in.
    #[serde(skip_serializing_if = "Option::is_none")]
    rough_conventions: Option<CalendarJson>,
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
    /// With `--rough`: its rough figure; absent for a range or an availability.
    #[serde(skip_serializing_if = "Option::is_none")]
    rough: Option<RoughJson<'a>>,
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
        rough_conventions: report.rough.as_ref().map(CalendarJson::of),
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
        steps: v.steps(),
        rough: RoughJson::of(v),
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
            week_s: c.week_s(),
            day_s: c.day_s,
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
