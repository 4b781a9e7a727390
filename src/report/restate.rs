//! A number written in the unit a value is shown in, as its table writes it: a chart's axis
//! labels (`174K /s`, `2.5 TB`, `$16.4M /month`), and `bote diff`'s two sides of a value
//! with the digits that tell them apart.

use super::ValueReport;
use crate::format::Style;
use crate::quantity::Kind;
use crate::value::Number;

/// How a plain count or an amount of money is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// With a scale suffix: `1.5K`, `$16.4M`.
    Scaled,
    /// In plain digits, as the tables write a count below 10,000: `1500.001`, `$1500`.
    Plain,
}

/// How a value writes a number: its kind, the unit it is shown in, and the factor from its
/// base units to that unit.
#[derive(Clone, Debug)]
pub struct Restater {
    kind: Kind,
    unit: String,
    scale: Number,
}

impl Restater {
    /// The way `v` is shown.
    pub fn of(v: &ValueReport) -> Restater {
        let point = v.point();
        let scale = if point != 0.0 && point.is_finite() && v.shown.value.is_finite() {
            v.shown.value / point
        } else {
            1.0
        };
        Restater {
            kind: v.kind,
            unit: v.shown.unit.clone(),
            scale,
        }
    }

    /// `x`, in base units, as a number of the unit it is shown in.
    pub fn scaled(&self, x: Number) -> Number {
        x * self.scale
    }

    /// Whether `digits` changes how this value writes a number: only a plain count and
    /// money are written in plain digits by the tables.
    pub fn has_plain_digits(&self) -> bool {
        self.kind == Kind::Cost || (self.kind == Kind::Count && self.unit.is_empty())
    }

    /// `x`, in base units, in the unit the value is shown in: `73.1 PB`, `174K /s`, `99.95%`,
    /// `$20K /month`, `-$5`. An availability is never rounded up to 100% (it lacks 1 − `x`).
    pub fn text(&self, x: Number, style: &Style, digits: Digits) -> String {
        if self.kind == Kind::Availability {
            return format!("{}%", style.availability_percent(x, 1.0 - x));
        }
        let y = self.scaled(x);
        let unit = self.unit.as_str();
        let amount = |y: Number| match digits {
            Digits::Plain if self.has_plain_digits() => style.number(y),
            _ => style.count(y),
        };
        match (self.kind, unit) {
            // `$16 /month`, `$20K`, `-$5`: the sign before the `$`, as the tables write it.
            (Kind::Cost, _) => {
                let sign = if y < 0.0 { "-" } else { "" };
                match unit.trim_start_matches('$') {
                    "" => format!("{sign}${}", amount(y.abs())),
                    per => format!("{sign}${} {per}", amount(y.abs())),
                }
            }
            (_, "") => amount(y),
            (_, "%") => format!("{}%", style.number(y)),
            // `20% /year`: a percentage over a time, as an input written so is shown.
            (_, u) if u.starts_with('%') => format!("{}% {}", style.number(y), &u[1..]),
            (Kind::Count | Kind::Traffic, _) => format!("{} {unit}", style.count(y)),
            _ => format!("{} {unit}", style.number(y)),
        }
    }
}
