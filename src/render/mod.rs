//! Rendering a scenario report: the tables a person draws on a whiteboard, as a terminal
//! table, Markdown or CSV (JSON lives in [`crate::render::json`]). [`Sheet`] lays the report out once;
//! each format only draws it.

mod check;
mod csv;
pub mod json;
mod markdown;
pub mod plot;
mod reliability;
mod table;

pub use check::{CheckedFile, check_json, junit};
pub use csv::csv;
pub use markdown::markdown;
pub use reliability::{numbers_sheet, sla_sheet, slo_sheet};
pub use table::{table, write_table};

use crate::format::{self, Style};
use crate::quantity::Kind;
use crate::report::{Downtime, Report, ValueReport};
use crate::value::Number;

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
}

#[derive(Clone)]
pub struct Section {
    pub heading: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
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
            std::iter::once(&self.title)
                .chain(&self.description)
                .chain(&self.conventions)
                .chain(sections.flat_map(|s| s.rows.iter().flatten().chain(&s.notes)))
        };
        if !texts().any(|t| t.chars().any(crate::invisible::is_hidden)) {
            return std::borrow::Cow::Borrowed(self);
        }
        let show = |t: &String| crate::invisible::escape(t).into_owned();
        let section = |s: &Section| Section {
            heading: s.heading,
            columns: s.columns.clone(),
            numeric: s.numeric.clone(),
            rows: s
                .rows
                .iter()
                .map(|r| r.iter().map(show).collect())
                .collect(),
            notes: s.notes.iter().map(show).collect(),
        };
        std::borrow::Cow::Owned(Sheet {
            title: show(&self.title),
            description: self.description.as_ref().map(show),
            sections: self.sections.iter().map(section).collect(),
            assertions: self.assertions.as_ref().map(section),
            conventions: self.conventions.as_ref().map(show),
            sampling: self.sampling.clone(),
        })
    }
}

pub struct SheetOptions {
    pub explain: bool,
    pub style: Style,
    /// The name shown when the file has no title.
    pub fallback_title: String,
}

fn is_input(v: &ValueReport) -> bool {
    v.input && v.kind != Kind::Availability
}

pub fn sheet(report: &Report, options: &SheetOptions) -> Sheet {
    let mut sections = Vec::new();
    let inputs: Vec<&ValueReport> = report.values.iter().filter(|v| is_input(v)).collect();
    if !inputs.is_empty() {
        sections.push(plain_section("Inputs", &inputs, options));
    }
    for &(heading, kinds, layout) in TABLES {
        let rows: Vec<&ValueReport> = report
            .values
            .iter()
            .filter(|v| !is_input(v) && kinds.contains(&v.kind))
            .collect();
        if rows.is_empty() {
            continue;
        }
        sections.push(match layout {
            Layout::Bandwidth => bandwidth_section(&rows, options),
            Layout::Availability => availability_section(report, &rows, options),
            Layout::Plain => plain_section(heading, &rows, options),
        });
    }
    let assertions = (!report.assertions.is_empty()).then(|| Section {
        heading: "Assertions",
        columns: vec!["result", "assertion", "left", "right"],
        rows: report
            .assertions
            .iter()
            .map(|a| {
                vec![
                    if a.passed { "passed" } else { "FAILED" }.to_string(),
                    a.text.trim_start_matches("assert").trim().to_string(),
                    a.lhs.text.clone(),
                    a.rhs.text.clone(),
                ]
            })
            .collect(),
        numeric: vec![2, 3],
        notes: Vec::new(),
    });
    Sheet {
        title: report
            .title
            .clone()
            .unwrap_or_else(|| options.fallback_title.clone()),
        description: report.description.clone(),
        sections,
        assertions,
        conventions: Some(report.conventions.describe()),
        sampling: report.sampling.map(|s| {
            format!(
                "median (5th–95th percentile) of {} samples, seed {}",
                format::group_thousands(s.samples),
                s.seed
            )
        }),
    }
}

fn name_of(v: &ValueReport) -> String {
    v.name.clone().unwrap_or_else(|| v.expr.clone())
}

fn description_of(v: &ValueReport) -> String {
    let mut d = v.description.clone().unwrap_or_default();
    let mut mark = |note: String| {
        d = if d.is_empty() {
            note
        } else {
            format!("{d} {note}")
        };
    };
    // The file's name alone keeps the column narrow; JSON and diagnostics have its path.
    if let Some(file) = &v.file {
        let name = std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
        mark(format!("(from {name})"));
    }
    if v.overridden {
        mark("(set on the command line)".to_string());
    }
    d
}

/// Builds a section from fixed leading columns, then description and formula where any row
/// has one (or `--explain` asks for formulas).
fn section(
    heading: &'static str,
    mut columns: Vec<&'static str>,
    numeric: Vec<usize>,
    rows: &[&ValueReport],
    cells: impl Fn(&ValueReport) -> Vec<String>,
    options: &SheetOptions,
) -> Section {
    let with_description = rows.iter().any(|v| !description_of(v).is_empty());
    if with_description {
        columns.push("description");
    }
    if options.explain {
        columns.push("formula");
    }
    let rows = rows
        .iter()
        .map(|v| {
            let mut row = vec![name_of(v)];
            row.extend(cells(v));
            if with_description {
                row.push(description_of(v));
            }
            if options.explain {
                row.push(formula_of(v));
            }
            row
        })
        .collect();
    Section {
        heading,
        columns,
        rows,
        numeric,
        notes: Vec::new(),
    }
}

/// The formula as written, then how any part of it that could mean two things was read.
fn formula_of(v: &ValueReport) -> String {
    if v.readings.is_empty() {
        v.expr.clone()
    } else {
        let readings: Vec<String> = v.readings.iter().map(|r| format!("(read {r})")).collect();
        format!("{}\n{}", v.expr, readings.join("\n"))
    }
}

fn plain_section(heading: &'static str, rows: &[&ValueReport], options: &SheetOptions) -> Section {
    section(
        heading,
        vec!["name", "value"],
        vec![1],
        rows,
        |v| vec![v.shown.text.clone()],
        options,
    )
}

fn bandwidth_section(rows: &[&ValueReport], options: &SheetOptions) -> Section {
    section(
        "Bandwidth",
        vec!["name", "bits/s", "bytes/s"],
        vec![1, 2],
        rows,
        |v| match v.rate.as_deref() {
            Some((bits, bytes)) => vec![bits.clone(), bytes.clone()],
            None => vec![v.shown.text.clone(), String::new()],
        },
        options,
    )
}

fn availability_section(report: &Report, rows: &[&ValueReport], options: &SheetOptions) -> Section {
    let style = &options.style;
    let down = |s: Number| format::duration(s, &report.conventions, style).text;
    // Seven columns fill 80: formulas and descriptions go under the table instead.
    let notes = rows
        .iter()
        .filter_map(|v| {
            let d = description_of(v);
            match (options.explain, d.is_empty()) {
                (true, true) => Some(format!("{} = {}", name_of(v), v.expr)),
                (true, false) => Some(format!("{} = {}: {d}", name_of(v), v.expr)),
                (false, false) => Some(format!("{}: {d}", name_of(v))),
                (false, true) => None,
            }
        })
        .collect();
    let rows = rows
        .iter()
        .map(|v| {
            let mut row = vec![name_of(v)];
            row.extend(match &v.availability {
                Some(a) => {
                    let periods = |d: &Downtime| [d.day, d.week, d.month, d.year];
                    let downtimes: Vec<String> = match &a.downtime_range {
                        // An uncertain availability: the median's downtime and its range.
                        Some((least, most)) => periods(&a.downtime)
                            .into_iter()
                            .zip(periods(least).into_iter().zip(periods(most)))
                            .map(|(mid, (lo, hi))| {
                                let show = |s| format::duration(s, &report.conventions, style);
                                format::spread(&show(lo), &show(mid), &show(hi))
                            })
                            .collect(),
                        None => periods(&a.downtime).into_iter().map(down).collect(),
                    };
                    let available = match a.downtime_range {
                        Some(_) => v.shown.text.clone(),
                        None => format!(
                            "{}%",
                            style.availability_percent(a.fraction, a.unavailability)
                        ),
                    };
                    [available, format::nines_text(a.nines)]
                        .into_iter()
                        .chain(downtimes)
                        .collect()
                }
                None => vec![v.shown.text.clone(); 6],
            });
            row
        })
        .collect();
    let columns = vec!["name", "available", "nines", "day", "week", "month", "year"];
    Section {
        heading: "Availability (downtime allowed per day, week, month, year)",
        columns,
        rows,
        numeric: vec![1, 2, 3, 4, 5, 6],
        notes,
    }
}
