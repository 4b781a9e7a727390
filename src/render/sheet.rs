//! A scenario's report laid out as a [`Sheet`]: its inputs first, then a table for each kind
//! of value, its assertions and the conventions in force. [`SheetBuilder`] takes the values
//! one at a time (it is a report [`Sink`]) and keeps only their cells, so a scenario's sheet
//! can be laid out while it is evaluated, its reports never all held.

use std::borrow::Cow;

use crate::format::{self, Style};
use crate::quantity::{Conventions, Kind};
use crate::report::{Downtime, Report, Sink, ValueReport};
use crate::value::Number;

use super::{Layout, Rows, Section, Sheet, TABLES};

#[derive(Clone)]
pub struct SheetOptions {
    pub explain: bool,
    /// Columns `rough` and `off by` (see [`crate::report::rough`]), and its rules under the
    /// tables.
    pub rough: bool,
    pub style: Style,
    /// The name shown when the file has no title.
    pub fallback_title: String,
}

/// The sheet of a report whose values it holds (see [`SheetBuilder`] for one that does not).
pub fn sheet(report: &Report, options: &SheetOptions) -> Sheet {
    let mut builder = SheetBuilder::new(options);
    builder.begin(&report.conventions);
    for v in &report.values {
        builder.add(v);
    }
    builder.finish(report)
}

/// Lays out values as they come, then the rest of the sheet from the report they were in.
pub struct SheetBuilder<'o> {
    options: &'o SheetOptions,
    conventions: Conventions,
    /// The inputs, then one part for each of [`TABLES`].
    parts: Vec<Part>,
}

/// The rows of one table so far.
struct Part {
    layout: Layout,
    rows: Rows,
    /// Whether any row has a description: the column is dropped when none does.
    with_description: bool,
    /// Whether any row has a rough figure: the `rough` and `off by` columns are dropped when
    /// none does.
    with_rough: bool,
    /// Lines shown under the table.
    notes: Vec<String>,
    /// With steps and rough figures, each description as a line for under the table, where
    /// it goes when the table has rough figures.
    descriptions: Vec<String>,
}

/// The columns before the description of a layout.
fn leading_columns(layout: Layout) -> &'static [&'static str] {
    match layout {
        Layout::Plain => &["name", "value"],
        Layout::Bandwidth => &["name", "bits/s", "bytes/s"],
        Layout::Availability => &["name", "available", "nines", "day", "week", "month", "year"],
    }
}

impl<'o> SheetBuilder<'o> {
    pub fn new(options: &'o SheetOptions) -> Self {
        let layouts = std::iter::once(Layout::Plain).chain(TABLES.iter().map(|t| t.2));
        let parts = layouts
            .map(|layout| {
                let leading = leading_columns(layout).len();
                // Seven columns fill 80: an availability's description and formula go under
                // its table instead.
                let columns = match layout {
                    Layout::Availability => leading,
                    _ => {
                        leading + 1 + usize::from(options.explain) + 2 * usize::from(options.rough)
                    }
                };
                Part {
                    layout,
                    rows: Rows::new(columns),
                    with_description: false,
                    with_rough: false,
                    notes: Vec::new(),
                    descriptions: Vec::new(),
                }
            })
            .collect();
        SheetBuilder {
            options,
            conventions: Conventions::default(),
            parts,
        }
    }

    /// Lays out one value in its table.
    pub fn add(&mut self, v: &ValueReport) {
        let index = if is_input(v) {
            0
        } else {
            match TABLES
                .iter()
                .position(|(_, kinds, _)| kinds.contains(&v.kind))
            {
                Some(i) => i + 1,
                None => return,
            }
        };
        let options = self.options;
        let conventions = &self.conventions;
        let part = &mut self.parts[index];
        let description = description_of(v);
        match part.layout {
            Layout::Availability => {
                let explain = options.explain;
                let steps = || match v.steps() {
                    Some(steps) => steps.join(" = "),
                    None => v.expr.clone(),
                };
                part.notes.extend(match (explain, description.is_empty()) {
                    (true, true) => Some(format!("{} = {}", name_of(v), steps())),
                    (true, false) => Some(format!("{} = {}: {description}", name_of(v), steps())),
                    (false, false) => Some(format!("{}: {description}", name_of(v))),
                    (false, true) => None,
                });
                let cells = availability_cells(v, conventions, &options.style);
                part.rows.push(
                    std::iter::once(name_of(v).into()).chain(cells.into_iter().map(Cow::Owned)),
                );
            }
            layout => {
                part.with_description |= !description.is_empty();
                // Steps and rough figures fill a table: its descriptions may go under it.
                if options.explain && options.rough && !description.is_empty() {
                    part.descriptions
                        .push(format!("{}: {description}", name_of(v)));
                }
                let value = v.shown.text.as_str();
                let (first, second) = match (layout, v.rate.as_deref()) {
                    (Layout::Bandwidth, Some((bits, bytes))) => {
                        (bits.as_str(), Some(bytes.as_str()))
                    }
                    (Layout::Bandwidth, None) => (value, Some("")),
                    _ => (value, None),
                };
                let formula = options.explain.then(|| formula_of(v));
                let rough = v.rough().filter(|r| r.differs);
                part.with_rough |= rough.is_some();
                let rough = options.rough.then(|| {
                    let cell = |text: Option<String>| Cow::Owned(text.unwrap_or_default());
                    [
                        cell(rough.map(|r| r.text())),
                        cell(rough.and_then(|r| r.off_by_text())),
                    ]
                });
                let row = [Cow::Borrowed(name_of(v)), Cow::Borrowed(first)]
                    .into_iter()
                    .chain(second.map(Cow::Borrowed))
                    .chain(rough.into_iter().flatten())
                    .chain([description])
                    .chain(formula);
                part.rows.push(row);
            }
        }
    }

    /// The sheet: the tables laid out so far, and the rest from `report`.
    pub fn finish(self, report: &Report) -> Sheet {
        let options = self.options;
        let sections = self.parts.into_iter().enumerate().filter_map(|(i, part)| {
            if part.rows.is_empty() {
                return None;
            }
            let heading = match (i, part.layout) {
                (0, _) => "Inputs",
                (_, Layout::Availability) => {
                    "Availability (downtime allowed per day, week, month, year)"
                }
                _ => TABLES[i - 1].0,
            };
            let leading = leading_columns(part.layout);
            let mut columns: Vec<Cow<'static, str>> = leading.iter().map(|&c| c.into()).collect();
            let mut rows = part.rows;
            let mut notes = part.notes;
            let mut with_description = part.with_description;
            if !part.descriptions.is_empty() && part.with_rough {
                notes.extend(part.descriptions);
                with_description = false;
            }
            if part.layout != Layout::Availability {
                if options.rough && part.with_rough {
                    columns.extend(["rough".into(), "off by".into()]);
                } else if options.rough {
                    rows = rows
                        .without_column(leading.len())
                        .without_column(leading.len());
                }
                if with_description {
                    columns.push("description".into());
                } else {
                    rows = rows.without_column(columns.len());
                }
                if options.explain {
                    columns.push("steps".into());
                }
            }
            Some(Section {
                heading: heading.into(),
                columns,
                rows,
                // A rough figure is a number too.
                numeric: (1..leading.len())
                    .chain((options.rough && part.with_rough).then_some(leading.len()))
                    .collect(),
                notes,
            })
        });
        Sheet {
            title: report
                .title
                .clone()
                .unwrap_or_else(|| options.fallback_title.clone()),
            description: report.description.clone(),
            sections: sections.collect(),
            assertions: assertions(report),
            conventions: Some(report.conventions.describe()),
            rough: options.rough.then(crate::report::rough::rules),
            sampling: report.sampling.as_ref().map(sampling),
        }
    }
}

/// How ranges were computed, under the tables.
pub(super) fn sampling(s: &crate::eval::Sampling) -> String {
    format!(
        "median (5th–95th percentile) of {} samples, seed {}",
        format::group_thousands(s.samples),
        s.seed
    )
}

impl Sink for SheetBuilder<'_> {
    fn begin(&mut self, conventions: &Conventions) {
        self.conventions = *conventions;
    }

    fn value(&mut self, value: ValueReport) {
        self.add(&value);
    }
}

fn assertions(report: &Report) -> Option<Section> {
    (!report.assertions.is_empty()).then(|| Section {
        heading: "Assertions".into(),
        columns: ["result", "assertion", "left", "right"]
            .map(Into::into)
            .to_vec(),
        rows: Rows::from_cells(
            4,
            report.assertions.iter().map(|a| {
                [
                    if a.passed { "passed" } else { "FAILED" },
                    a.text.trim_start_matches("assert").trim(),
                    &a.lhs.text,
                    &a.rhs.text,
                ]
            }),
        ),
        numeric: vec![2, 3],
        notes: Vec::new(),
    })
}

fn is_input(v: &ValueReport) -> bool {
    v.input && v.kind != Kind::Availability
}

/// A definition's name, or an expression statement's text.
fn name_of(v: &ValueReport) -> &str {
    v.name.as_deref().unwrap_or(&v.expr)
}

fn description_of(v: &ValueReport) -> Cow<'_, str> {
    let mut d = Cow::Borrowed(v.description.as_deref().unwrap_or_default());
    let mut mark = |note: String| {
        d = if d.is_empty() {
            note.into()
        } else {
            format!("{d} {note}").into()
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

/// The worked steps, each after the first on its own line after `=`, then the rough ones
/// after `≈`; for a report made
/// without them, the formula as written, then how any part of it that could mean two things
/// was read.
fn formula_of(v: &ValueReport) -> Cow<'_, str> {
    if let Some([first, rest @ ..]) = v.steps() {
        let mut text = first.clone();
        for step in rest {
            text.push_str("\n= ");
            text.push_str(step);
        }
        let rough = v.rough().and_then(|r| r.steps.as_deref());
        for step in rough.into_iter().flatten() {
            text.push_str("\n≈ ");
            text.push_str(step);
        }
        return Cow::Owned(text);
    }
    if v.readings.is_empty() {
        Cow::Borrowed(&v.expr)
    } else {
        let readings: Vec<String> = v.readings.iter().map(|r| format!("(read {r})")).collect();
        Cow::Owned(format!("{}\n{}", v.expr, readings.join("\n")))
    }
}

/// An availability's cells after its name: the availability, its nines, and the downtime it
/// allows per day, week, month and year.
fn availability_cells(v: &ValueReport, conventions: &Conventions, style: &Style) -> Vec<String> {
    let Some(a) = &v.availability else {
        return vec![v.shown.text.clone(); 6];
    };
    let down = |s: Number| format::duration(s, conventions, style).text;
    let periods = |d: &Downtime| [d.day, d.week, d.month, d.year];
    let downtimes: Vec<String> = match &a.downtime_range {
        // An uncertain availability: the median's downtime and its range.
        Some((least, most)) => periods(&a.downtime)
            .into_iter()
            .zip(periods(least).into_iter().zip(periods(most)))
            .map(|(mid, (lo, hi))| {
                let show = |s| format::duration(s, conventions, style);
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
