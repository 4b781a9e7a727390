//! How a value reads on a chart's axis: in the unit its table shows it in (`174K /s`,
//! `2.5 TB`, `99.9%`), whatever the number.

use crate::format::Style;
use crate::quantity::Kind;
use crate::report::ValueReport;
use crate::value::Number;

/// Axis labels in the unit `v` is shown in: `174K /s`, `2.5 TB`, `99.9%`.
pub fn label_like(v: &ValueReport, style: Style) -> impl Fn(Number) -> String {
    let point = v.point();
    let scale = if point != 0.0 && v.shown.value.is_finite() && point.is_finite() {
        v.shown.value / point
    } else {
        1.0
    };
    let unit = v.shown.unit.clone();
    let counted = matches!(v.kind, Kind::Count | Kind::Traffic);
    let kind = v.kind;
    move |x| {
        if kind == Kind::Availability {
            // Never rounded up to 100%.
            let lacks = 1.0 - x;
            return format!("{}%", style.availability_percent(x, lacks));
        }
        if kind == Kind::Cost {
            return format!(
                "${}{}",
                style.count(x * scale),
                unit.trim_start_matches('$')
            );
        }
        let y = x * scale;
        let n = if counted {
            style.count(y)
        } else {
            style.number(y)
        };
        match unit.as_str() {
            "" => n,
            "%" => format!("{n}%"),
            u => format!("{n} {u}"),
        }
    }
}
