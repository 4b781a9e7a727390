//! Interview rounding (`--rough`): each value as a candidate works it out at a whiteboard,
//! beside the exact one. The program is evaluated a second time in the rough calendar
//! ([`Conventions::rough`]: a day of 10^5 s, and the longer periods counted in those days),
//! and the result is shown at two significant digits. How far it is from the exact value,
//! in the unit both are shown in, is said in whole percent ("rough is 14% low").
//!
//! A value with a range behind it, or an availability, has no rough figure: its spread, or
//! its nines, say more than a rounding would.

use crate::eval::{Entry, Evaluation};
use crate::format::{self, Frame, Shown, Style};
use crate::ir::{ResolvedTarget, Typed};
use crate::quantity::conventions::{ROUGH_MONTH_DAYS, ROUGH_QUARTER_DAYS, ROUGH_YEAR_DAYS};
use crate::quantity::{Conventions, Dimension, Kind, units};
use crate::value::{Number, Value};

use super::ValueReport;
use super::steps::{self, Deriver};

/// The significant digits of a rough figure.
pub const PRECISION: usize = 2;

/// A value worked out the way a candidate would.
#[derive(Clone, Debug, PartialEq)]
pub struct Rough {
    /// In base units, computed in the rough calendar.
    pub base_value: Number,
    /// At two significant digits, in the rough calendar's units (a rough `day` is 10^5 s);
    /// its text without `≈` and without a remark in parentheses.
    pub shown: Shown,
    /// How far it is from the exact value, as a fraction (`-0.136`: 13.6% low), compared in
    /// the unit both are shown in (in base units when they are shown in different units).
    pub off_by: Number,
    /// Whether it reads differently from the exact value: when it does not, nothing is shown.
    pub differs: bool,
    /// With `--explain`, when it differs: its worked steps after the formula, the first left
    /// out when it is the exact steps' (the same values substituted).
    pub steps: Option<Box<[String]>>,
}

impl Rough {
    /// How far off it is, in whole percent; `None` when that rounds to 0.
    pub fn percent(&self) -> Option<i64> {
        let percent = (self.off_by * 100.0).round();
        (percent.is_finite() && percent != 0.0).then_some(percent as i64)
    }

    /// `≈ 10K /s`.
    pub fn text(&self) -> String {
        format!("≈ {}", self.shown.text)
    }

    /// `rough is 14% low`; `None` when it is not off by a whole percent.
    pub fn off_by_text(&self) -> Option<String> {
        self.percent().map(|p| {
            let side = if p < 0 { "low" } else { "high" };
            format!("rough is {}% {side}", p.abs())
        })
    }

    /// The rough figure beside the exact one, as `bote eval` prints it:
    /// `≈ 10K /s (exact 11.6K /s, −14%)`, or `≈ 37 TB (exact 36.5 TB)` when it is off by
    /// less than a whole percent.
    pub fn beside(&self, exact: &ValueReport) -> String {
        let exact = steps::plain(&exact.shown.text);
        match self.signed_percent() {
            Some(percent) => format!("{} (exact {exact}, {percent})", self.text()),
            None => format!("{} (exact {exact})", self.text()),
        }
    }

    /// `−14%` (a true minus sign), `+16%`; `None` when it is not off by a whole percent.
    pub fn signed_percent(&self) -> Option<String> {
        self.percent().map(|p| {
            let sign = if p < 0 { '−' } else { '+' };
            format!("{sign}{}%", p.abs())
        })
    }
}

/// The rules of the rough calendar and figures, for the foot of a table.
pub fn rules() -> String {
    let c = Conventions::rough();
    format!(
        "1 day = {} s; a week is 7 such days, a month {}, a quarter {}, a year {} ({} s); \
         hours and minutes are exact; figures to {PRECISION} significant digits, off by in \
         whole percent",
        steps::powers_of_ten(c.day_s),
        ROUGH_MONTH_DAYS,
        ROUGH_QUARTER_DAYS,
        ROUGH_YEAR_DAYS,
        steps::powers_of_ten(c.year_s),
    )
}

impl Rounder<'_> {
    /// The unit the exact value is shown in, as a conversion target in the rough calendar,
    /// so that the rough figure is said in it too: `min`, `/s`, `req/day` (a rough day).
    /// `None` where the display has a rule of its own (money, percentages) or the unit is not
    /// a plain one.
    fn same_unit(&self, exact: &ValueReport, dim: Dimension) -> Option<ResolvedTarget> {
        let unit = exact.shown.unit.as_str();
        if unit.is_empty() || matches!(exact.kind, Kind::Cost | Kind::Percent | Kind::Availability)
        {
            return None;
        }
        let size = |name: &str| -> Option<Number> {
            if name.is_empty() {
                return Some(1.0);
            }
            if let Some(u) = units::lookup(name) {
                return Some(u.factor(self.frame.conventions));
            }
            let counted = self.frame.count_units.iter().any(|u| u == name)
                || units::count_word(name).is_some();
            counted.then_some(1.0)
        };
        let factor = match unit.split_once('/') {
            Some((things, per)) => size(things.trim())? / size(per.trim())?,
            None => size(unit)?,
        };
        (factor.is_finite() && factor > 0.0).then(|| ResolvedTarget::Unit {
            factor,
            dim,
            text: unit.to_string(),
        })
    }
}

/// The rough side of one value: what the rough evaluation computed for it, and how it is
/// shown.
pub(crate) struct Side<'a> {
    pub value: &'a Value,
    pub expr: &'a Typed,
    /// `-> unit`, or the units an input was written in, resolved in the rough calendar.
    pub target: Option<&'a ResolvedTarget>,
}

/// What a rough evaluation needs to show its values.
pub(crate) struct Rounder<'a> {
    pub evaluation: &'a Evaluation<'a>,
    pub sources: &'a crate::diagnostic::SourceMap,
    pub frame: Frame<'a>,
    pub steps: bool,
}

impl Rounder<'_> {
    /// The rough figure of `exact`, from the rough evaluation's `entry` for the same
    /// statement.
    pub fn entry(&self, exact: &ValueReport, entry: &Entry) -> Option<Rough> {
        match entry {
            Entry::Definition {
                definition, value, ..
            } => {
                let count_units = &self.evaluation.checked.count_units;
                let written = (definition.target.is_none() && definition.deps.is_empty())
                    .then(|| {
                        super::written::as_written(&definition.expr, self.sources, count_units)
                    })
                    .flatten();
                let target = definition.target.as_deref().or(written.as_ref());
                self.rough(
                    exact,
                    Side {
                        value,
                        expr: &definition.expr,
                        target,
                    },
                )
            }
            Entry::Expression { expression, value } => self.rough(
                exact,
                Side {
                    value,
                    expr: &expression.expr,
                    target: expression.target.as_deref(),
                },
            ),
            Entry::Assertion { .. } => None,
        }
    }

    /// The rough figure of `exact`, from its `side` of the rough evaluation; `None` for a
    /// value with a range behind it or an availability.
    pub fn rough(&self, exact: &ValueReport, side: Side) -> Option<Rough> {
        let style = Style::with_precision(PRECISION);
        let deriver = Deriver {
            evaluation: self.evaluation,
            sources: self.sources,
            frame: self.frame,
            style,
        };
        if exact.kind == Kind::Availability
            || exact.distribution.is_some()
            || side.value.is_uncertain()
            || deriver.opaque(side.expr)
        {
            return None;
        }
        let same_unit = match side.target {
            Some(_) => None,
            None => self.same_unit(exact, side.expr.dim),
        };
        let target = side.target.or(same_unit.as_ref());
        let show = |value: &Value| {
            let shown = format::show_value(
                value,
                side.expr.dim,
                side.expr.kind,
                target,
                &self.frame,
                &style,
            );
            Shown {
                text: steps::plain(&shown.text).to_string(),
                ..shown
            }
        };
        let base_value = side.value.point();
        let unrounded = show(side.value);
        // Two significant digits, integer digits included as a candidate says them (333 /s
        // is 330 /s), which the tables' rule keeps; the number is compared unrounded.
        let rounded = format::round_sig(unrounded.value, PRECISION);
        let shown = if rounded != unrounded.value && unrounded.value != 0.0 {
            let scaled = base_value * rounded / unrounded.value;
            Shown {
                value: unrounded.value,
                ..show(&Value::scalar(scaled))
            }
        } else {
            unrounded
        };
        let ratio = if shown.unit == exact.shown.unit && exact.shown.value != 0.0 {
            shown.value / exact.shown.value
        } else {
            base_value / exact.point()
        };
        let off_by = if ratio.is_finite() { ratio - 1.0 } else { 0.0 };
        // An input is as given: it has a rough figure only where the calendar moves it.
        let moved = (off_by * 100.0).round() != 0.0;
        let differs = shown.text != steps::plain(&exact.shown.text) && (moved || !exact.input);
        let steps = (self.steps && differs).then(|| {
            let mut lines = deriver.derive(side.expr, &shown.text);
            lines.remove(0);
            let substituted = exact.steps().and_then(|s| s.get(1));
            if lines.len() > 1 && lines.first() == substituted {
                lines.remove(0);
            }
            lines.into_boxed_slice()
        });
        Some(Rough {
            base_value,
            shown,
            off_by,
            differs,
            steps,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rough(off_by: Number) -> Rough {
        Rough {
            base_value: 0.0,
            shown: Shown {
                value: 0.0,
                unit: String::new(),
                text: "10K /s".into(),
            },
            off_by,
            differs: true,
            steps: None,
        }
    }

    #[test]
    fn off_by_is_in_whole_percent() {
        assert_eq!(
            rough(1e4 / 11_574.07 - 1.0).off_by_text().as_deref(),
            Some("rough is 14% low")
        );
        assert_eq!(
            rough(0.157).off_by_text().as_deref(),
            Some("rough is 16% high")
        );
        assert_eq!(rough(0.157).signed_percent().as_deref(), Some("+16%"));
        assert_eq!(rough(-0.136).signed_percent().as_deref(), Some("−14%"));
        assert_eq!(rough(0.004).off_by_text(), None);
        assert_eq!(rough(-0.136).text(), "≈ 10K /s");
    }

    #[test]
    fn the_rules_are_those_of_the_calendar() {
        assert_eq!(
            rules(),
            "1 day = 10^5 s; a week is 7 such days, a month 30, a quarter 90, a year 365 \
             (3.65 × 10^7 s); hours and minutes are exact; figures to 2 significant digits, \
             off by in whole percent"
        );
    }
}
