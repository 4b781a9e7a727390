//! The JSON of `bote sweep`: an array with one object per point, each holding the varied
//! inputs and the shown values keyed by name, every one in the value shape of the scenario
//! document (`kind`, `value`, `unit`, `base_value`, `base_unit`, `display`, and
//! `distribution` when uncertain);
//! and the object of `--until`.

use serde::Serialize;
use serde::ser::{SerializeMap as _, Serializer};

use super::{SideJson, to_string};
use crate::report::ValueReport;
use crate::sample::Summary;
use crate::sweep::{BreakEven, Found, Side, Sweep};
use crate::value::Number;

/// A value at one point of a sweep.
#[derive(Serialize)]
struct PointValue<'a> {
    kind: &'static str,
    value: Number,
    unit: &'a str,
    base_value: Number,
    base_unit: &'a str,
    display: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    distribution: Option<&'a Summary>,
}

impl<'a> PointValue<'a> {
    fn of(v: &'a ValueReport) -> Self {
        PointValue {
            kind: v.kind.name(),
            value: v.shown.value,
            unit: &v.shown.unit,
            base_value: v.point(),
            base_unit: &v.base_unit,
            display: &v.shown.text,
            distribution: v.distribution.as_deref(),
        }
    }
}

/// Values keyed by name, in the order given (a JSON object keeps no order, but a reader of
/// the text sees the inputs first).
struct Named<'a>(Vec<&'a ValueReport>);

impl Serialize for Named<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for v in &self.0 {
            map.serialize_entry(v.name.as_deref().unwrap_or(&v.expr), &PointValue::of(v))?;
        }
        map.end()
    }
}

/// `bote sweep --format json`.
pub fn sweep(sweep: &Sweep) -> String {
    let points: Vec<Named> = sweep
        .points
        .iter()
        .map(|p| Named(p.inputs.iter().chain(&p.values).collect()))
        .collect();
    to_string(&points)
}

#[derive(Serialize)]
struct BreakEvenJson<'a> {
    condition: &'a str,
    /// `at`: the condition holds from `input` on; `start`: it holds at the start of the range
    /// already; `never`: nowhere in it (`input` is the end of the range).
    found: &'static str,
    input: Named<'a>,
    lhs: SideJson<'a>,
    rhs: SideJson<'a>,
    values: Named<'a>,
}

/// One side of the condition, in the shape of an assertion's sides.
fn side(side: &Side) -> SideJson<'_> {
    SideJson {
        base_value: side.base_value,
        display: &side.display,
    }
}

/// `bote sweep --until … --format json`.
pub fn break_even(b: &BreakEven) -> String {
    to_string(&BreakEvenJson {
        condition: &b.condition,
        found: match b.found {
            Found::At => "at",
            Found::AtStart => "start",
            Found::Never => "never",
        },
        input: Named(vec![&b.input]),
        lhs: side(&b.lhs),
        rhs: side(&b.rhs),
        values: Named(b.values.iter().collect()),
    })
}
