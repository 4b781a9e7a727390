//! Rendering a scenario report: the tables a person draws on a whiteboard, as a terminal
//! table, Markdown or CSV (JSON lives in [`crate::render::json`]). [`Sheet`] lays the report out once;
//! each format only draws it.

mod check;
mod csv;
mod derivation;
pub mod diff;
pub mod json;
mod markdown;
pub mod plot;
mod reliability;
mod rows;
mod sheet;
mod sweep;
mod table;

pub use check::{CheckedFile, check_json, junit};
pub use csv::csv;
pub use derivation::derivation;
pub use diff::{diff_csv, diff_markdown, diff_table};
pub use markdown::markdown;
pub use reliability::{numbers_sheet, sla_sheet, slo_sheet};
pub use rows::{Row, Rows};
pub use sheet::{SheetBuilder, SheetOptions, sheet};
pub use sweep::{SweepTitle, break_even_text, sweep_charts, sweep_csv, sweep_sheet};
pub use table::{table, write_table};

use std::borrow::Cow;

use crate::quantity::Kind;

/// The report laid out as titled tables of text cells.
#[derive(Clone)]
pub struct Sheet {
    pub title: String,
    pub description: Option<String>,
    pub sections: Vec<Section>,
    pub assertions: Option<Section>,
    /// The calendar conventions in force, where they matter.
    pub conventions: Option<String>,
    /// How ranges were computed, when there are any.
    pub sampling: Option<String>,
    /// The rules of the rough figures, with `--rough`.
    pub rough: Option<String>,
}

#[derive(Clone)]
pub struct Section {
    pub heading: Cow<'static, str>,
    pub columns: Vec<Cow<'static, str>>,
    pub rows: Rows,
    /// Columns whose text is a number, aligned right.
    pub numeric: Vec<usize>,
    /// Lines shown under the table: descriptions that would make it too wide.
    pub notes: Vec<String>,
}

/// How a table lays out its values.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Name and value.
    Plain,
    /// Bits per second and bytes per second.
    Bandwidth,
    /// The availability, its nines and the downtime it allows.
    Availability,
}

/// The tables in order, which kinds of value each holds, and its layout. Inputs come first and
/// take every definition that uses no other, except availabilities, which need their own
/// columns.
const TABLES: &[(&str, &[Kind], Layout)] = &[
    ("Traffic", &[Kind::Traffic], Layout::Plain),
    ("Storage", &[Kind::Storage], Layout::Plain),
    ("Bandwidth", &[Kind::Bandwidth], Layout::Bandwidth),
    ("Cost", &[Kind::Cost], Layout::Plain),
    ("Availability", &[Kind::Availability], Layout::Availability),
    ("Durations", &[Kind::Duration], Layout::Plain),
    (
        "Other",
        &[Kind::Count, Kind::Percent, Kind::Other],
        Layout::Plain,
    ),
];

impl Sheet {
    /// The sheet as a terminal or a Markdown reader may see it: each invisible or
    /// reordering character written `<U+XXXX>`. Borrowed when there is none.
    pub fn visible(&self) -> std::borrow::Cow<'_, Sheet> {
        let texts = || {
            let sections = self.sections.iter().chain(&self.assertions);
            fn cells(s: &Section) -> impl Iterator<Item = &str> {
                let notes = s.notes.iter().map(String::as_str);
                s.rows.iter().flat_map(|r| r.iter()).chain(notes)
            }
            std::iter::once(self.title.as_str())
                .chain(self.description.as_deref())
                .chain(self.conventions.as_deref())
                .chain(sections.flat_map(cells))
        };
        if !texts().any(|t| t.chars().any(crate::invisible::is_hidden)) {
            return std::borrow::Cow::Borrowed(self);
        }
        let show = |t: &str| crate::invisible::escape(t).into_owned();
        let section = |s: &Section| Section {
            heading: s.heading.clone(),
            columns: s.columns.clone(),
            numeric: s.numeric.clone(),
            rows: s.rows.map(show),
            notes: s.notes.iter().map(|n| show(n)).collect(),
        };
        std::borrow::Cow::Owned(Sheet {
            title: show(&self.title),
            description: self.description.as_deref().map(show),
            sections: self.sections.iter().map(section).collect(),
            assertions: self.assertions.as_ref().map(section),
            conventions: self.conventions.as_deref().map(show),
            sampling: self.sampling.clone(),
            rough: self.rough.clone(),
        })
    }
}
