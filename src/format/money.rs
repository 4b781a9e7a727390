//! Money: amounts with `$` and a suffix (`$0.02`, `$20K`), a rate per month, a price per GB.

use crate::quantity::Dimension;
use crate::value::Number;

use super::{Frame, Shown, number_text, plain_count_text};

/// An amount of money per `per` (empty, `/month`, `/GB`): `$0.02`, `$1500`, `$20K /month`,
/// `-$5`.
pub(super) fn money(v: Number, per: &str, p: usize) -> Shown {
    let digits = plain_count_text(v.abs(), p);
    let sign = if v < 0.0 { "-" } else { "" };
    let amount = format!("{sign}${digits}");
    Shown {
        value: v,
        unit: format!("${per}"),
        text: if per.is_empty() {
            amount
        } else {
            format!("{amount} {per}")
        },
    }
}

/// Money, per month when it is a rate, per GB when it is a price of storage: `$1.2M`,
/// `$20K /month`, `$0.02 /GB`, `$0.02 /GB/month`.
pub(super) fn cost(number: Number, dim: Dimension, frame: &Frame, p: usize) -> Shown {
    let month = frame.conventions.month_s;
    let gb = 1e9;
    let per_time = Dimension::MONEY.per(Dimension::TIME);
    let per_byte = Dimension::MONEY.per(Dimension::INFORMATION);
    let per_byte_time = per_byte.and_then(|d| d.per(Dimension::TIME));
    let (v, per) = if dim == Dimension::MONEY {
        (number, "")
    } else if Some(dim) == per_time {
        (number * month, "/month")
    } else if Some(dim) == per_byte {
        (number * gb, "/GB")
    } else if Some(dim) == per_byte_time {
        (number * gb * month, "/GB/month")
    } else {
        (Number::NAN, "")
    };
    if !v.is_finite() {
        let unit = dim.base_unit(frame.count_units);
        return Shown {
            value: number,
            text: format!("{} {unit}", number_text(number, p)),
            unit,
        };
    }
    money(v, per, p)
}
