//! An uncertain value shown as its median and its 90% range, in the median's readable unit:
//! `174K /s (95.1K–310K)`, `1.73 MB (1–3)`, `99.97% (99.91%–99.991%)`. Where the ends would
//! read in other units than the median (`999 KB` beside `1.73 MB`), each keeps its own.

use super::{Frame, Shown, Style, bit_rate, show};
use crate::ir::ResolvedTarget;
use crate::quantity::{Dimension, Kind, ValueKind};
use crate::sample::Summary;
use crate::value::{Number, Value};

/// The 5th, 50th and 95th percentiles of an uncertain value, and, for an availability, what
/// each lacks of 1 (the 5th percentile of an availability lacks the most).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Percentiles {
    pub p5: Number,
    pub p50: Number,
    pub p95: Number,
    pub lacks: Option<[Number; 3]>,
}

impl Percentiles {
    /// `None` for a certain value.
    pub fn of(value: &Value) -> Option<Percentiles> {
        let s = value.summaries()?;
        Some(Percentiles::from_summaries(&s.numbers, s.lacks.as_ref()))
    }

    /// From the summary of the samples and, for an availability, that of what they lack of 1
    /// (its 5th percentile lacks what the complements' 95th does).
    pub fn from_summaries(numbers: &Summary, lacks: Option<&Summary>) -> Percentiles {
        match lacks {
            Some(l) => Percentiles {
                p5: 1.0 - l.p95,
                p50: 1.0 - l.p50,
                p95: 1.0 - l.p5,
                lacks: Some([l.p95, l.p50, l.p5]),
            },
            None => Percentiles {
                p5: numbers.p5,
                p50: numbers.p50,
                p95: numbers.p95,
                lacks: None,
            },
        }
    }
}

/// The display of an uncertain value with these percentiles; `None` when its 90% range is a
/// single number (`x - x`: uncertain by construction, but every trial agrees).
pub fn show_uncertain(
    p: &Percentiles,
    dim: Dimension,
    kind: ValueKind,
    target: Option<&ResolvedTarget>,
    frame: &Frame,
    style: &Style,
) -> Option<Shown> {
    if p.p5 == p.p95 {
        return None;
    }
    if let (Kind::Availability, Some(lacks), None | Some(ResolvedTarget::Percent)) =
        (Kind::of(dim, kind), p.lacks, target)
    {
        let [lo, mid, hi] = [(p.p5, lacks[0]), (p.p50, lacks[1]), (p.p95, lacks[2])]
            .map(|(f, c)| format!("{}%", style.availability_percent(f, c)));
        return Some(Shown {
            value: p.p50 * 100.0,
            unit: "%".into(),
            text: format!("{mid} ({lo}–{hi})"),
        });
    }
    let one = |x: Number| {
        if Kind::of(dim, kind) == Kind::Bandwidth && target.is_none() {
            bit_rate(x, style)
        } else {
            show(x, dim, kind, target, frame, style)
        }
    };
    let (lo, mid, hi) = (one(p.p5), one(p.p50), one(p.p95));
    Some(Shown {
        text: spread(&lo, &mid, &hi),
        ..mid
    })
}

/// `10,000`: a count of samples, grouped in thousands.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A median and its range as `mid (lo–hi)`, the ends without the median's unit when both
/// read in it.
pub fn spread(lo: &Shown, mid: &Shown, hi: &Shown) -> String {
    let suffix = format!(" {}", mid.unit);
    let shared = !mid.unit.is_empty()
        && [lo, hi]
            .iter()
            .all(|s| s.unit == mid.unit && s.text.ends_with(&suffix));
    let end = |s: &Shown| match s.text.strip_suffix(&suffix) {
        Some(number) if shared => number.to_string(),
        _ => s.text.clone(),
    };
    format!("{} ({}–{})", mid.text, end(lo), end(hi))
}

/// An uncertain data rate in bits and in bytes per second, each with its range.
pub fn rates(p: &Percentiles, style: &Style) -> (String, String) {
    let both = |f: fn(Number, &Style) -> Shown| {
        spread(&f(p.p5, style), &f(p.p50, style), &f(p.p95, style))
    };
    (both(super::bit_rate), both(super::byte_rate))
}
