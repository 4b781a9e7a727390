//! The `bote diff --format json` document (documented in the README): both sides, the
//! assertions that flipped, the values that changed, were added or removed, and how many are
//! unchanged. A value's sides have the shape of the scenario JSON's values.

use serde::Serialize;

use super::{AssertionJson, assertion_json, to_string};
use crate::diff::{AssertionDiff, Status, ValueDiff};
use crate::render::diff::{Compared, Side};
use crate::report::ValueReport;
use crate::sample::Summary;
use crate::value::Number;

/// The version of the diff document; bumped on any incompatible change.
pub const DIFF_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct DiffJson<'a> {
    schema: u32,
    before: SideJson<'a>,
    after: SideJson<'a>,
    /// Monte Carlo samples and seed, when either side has ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    samples: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    summary: String,
    assertions: Vec<AssertionChangeJson<'a>>,
    changed: Vec<ValueChangeJson<'a>>,
    added: Vec<ValueChangeJson<'a>>,
    removed: Vec<ValueChangeJson<'a>>,
    /// How many values are the same on both sides.
    unchanged: usize,
    unchanged_assertions: usize,
    /// With `--all`: the unchanged values.
    #[serde(skip_serializing_if = "Option::is_none")]
    unchanged_values: Option<Vec<ValueChangeJson<'a>>>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    file: &'a str,
    set: Vec<SetJson<'a>>,
    /// `plan.bote with replication = 2`.
    label: String,
}

#[derive(Serialize)]
struct SetJson<'a> {
    name: &'a str,
    expr: &'a str,
}

#[derive(Serialize)]
struct AssertionChangeJson<'a> {
    text: &'a str,
    /// `changed` (its result flipped), `added`, `removed` or `unchanged`.
    status: &'static str,
    /// `now fails`, `now holds`, `added`, `removed`, or empty.
    change: &'static str,
    before: Option<AssertionJson<'a>>,
    after: Option<AssertionJson<'a>>,
}

#[derive(Serialize)]
struct ValueChangeJson<'a> {
    name: &'a str,
    before: Option<ValueSideJson<'a>>,
    after: Option<ValueSideJson<'a>>,
    /// After / before, in base units (of the medians); `null` from 0, or across dimensions.
    ratio: Option<Number>,
    /// As the table shows it: `×0.667 (−33.3%)`.
    change: String,
}

#[derive(Serialize)]
struct ValueSideJson<'a> {
    kind: &'static str,
    value: Number,
    unit: &'a str,
    base_value: Number,
    base_unit: &'a str,
    display: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    distribution: Option<&'a Summary>,
}

fn side<'a>(s: &Side<'a>) -> SideJson<'a> {
    SideJson {
        file: s.file,
        set: s
            .set
            .iter()
            .map(|(name, expr)| SetJson { name, expr })
            .collect(),
        label: s.label(),
    }
}

fn value_side(v: &ValueReport, display: String) -> ValueSideJson<'_> {
    ValueSideJson {
        kind: v.kind.name(),
        value: v.shown.value,
        unit: &v.shown.unit,
        base_value: v.point(),
        base_unit: &v.base_unit,
        display,
        distribution: v.distribution.as_deref(),
    }
}

fn value_change<'a>(v: &'a ValueDiff<'a>, compared: &Compared) -> ValueChangeJson<'a> {
    let (before, after) = v.shown(&compared.style);
    ValueChangeJson {
        name: &v.name,
        before: v.before.map(|b| value_side(b, before)),
        after: v.after.map(|a| value_side(a, after)),
        ratio: v.ratio(),
        change: v.change(&compared.style),
    }
}

fn assertion_change<'a>(a: &'a AssertionDiff<'a>) -> AssertionChangeJson<'a> {
    AssertionChangeJson {
        text: &a.text,
        status: a.status.name(),
        change: a.change(),
        before: a.before.map(assertion_json),
        after: a.after.map(assertion_json),
    }
}

/// The diff document.
pub fn diff(compared: &Compared) -> String {
    let values = |status: Status| -> Vec<ValueChangeJson> {
        compared
            .diff
            .values
            .iter()
            .filter(|v| v.status == status)
            .map(|v| value_change(v, compared))
            .collect()
    };
    let doc = DiffJson {
        schema: DIFF_SCHEMA,
        before: side(&compared.before),
        after: side(&compared.after),
        samples: compared.sampling.map(|s| s.samples),
        seed: compared.sampling.map(|s| s.seed),
        summary: compared.diff.summary(&compared.style),
        assertions: compared.assertions().map(assertion_change).collect(),
        changed: values(Status::Changed),
        added: values(Status::Added),
        removed: values(Status::Removed),
        unchanged: compared.diff.unchanged_values(),
        unchanged_assertions: compared.diff.unchanged_assertions(),
        unchanged_values: compared.all.then(|| values(Status::Unchanged)),
    };
    to_string(&doc)
}
