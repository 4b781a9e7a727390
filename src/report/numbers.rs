//! The report of `bote numbers`: every reference number, shown as a person reads it, with
//! its sources numbered once for citation.

use crate::format::{self, Frame, Shown, Style};
use crate::quantity::conventions::Conventions;
use crate::quantity::reference::{REFERENCES, Reference};
use crate::quantity::{Kind, ValueKind};

pub struct NumberEntry {
    pub reference: &'static Reference,
    pub shown: Shown,
    /// The number of its source in [`NumbersReport::sources`], from 1.
    pub citation: usize,
}

pub struct NumbersReport {
    /// In the order of the reference table.
    pub entries: Vec<NumberEntry>,
    /// Each distinct source once, in order of first use.
    pub sources: Vec<&'static str>,
}

pub fn build(style: &Style) -> NumbersReport {
    let conventions = Conventions::default();
    let frame = Frame {
        conventions: &conventions,
        count_units: &[],
    };
    let mut sources: Vec<&'static str> = Vec::new();
    let entries = REFERENCES
        .iter()
        .map(|r| {
            let shown = if Kind::of(r.dim, ValueKind::Plain) == Kind::Bandwidth {
                // One unit in a table cell: bytes per second.
                format::byte_rate(r.value, style)
            } else {
                format::show(r.value, r.dim, ValueKind::Plain, None, &frame, style)
            };
            let citation = match sources.iter().position(|s| *s == r.source) {
                Some(i) => i + 1,
                None => {
                    sources.push(r.source);
                    sources.len()
                }
            };
            NumberEntry {
                reference: r,
                shown,
                citation,
            }
        })
        .collect();
    NumbersReport { entries, sources }
}
