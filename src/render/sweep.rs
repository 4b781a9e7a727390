//! A sweep as tables: one row per step of one input, or, for two inputs, a grid per shown
//! value (the first input down, the second across); and as CSV, one row per point. The
//! break-even of `--until` is a sentence and the shown values where it is read.

use std::fmt::Write as _;

use super::plot::{self, label_like};
use super::table::columns;
use super::{Rows, Section, Sheet};
use crate::format::{self, Style};
use crate::report::ValueReport;
use crate::sweep::{BreakEven, Found, Sweep};

/// What a sweep's tables are titled with.
pub struct SweepTitle<'a> {
    /// The scenario's title, or its file's name.
    pub scenario: &'a str,
    /// Geometric steps (`--log`).
    pub log: bool,
}

/// The sweep laid out as tables. With a `width`, a table of one input whose values would not
/// fit in it is split into several, each starting with the input.
pub fn sweep_sheet(sweep: &Sweep, title: &SweepTitle, width: Option<usize>) -> Sheet {
    let spacing = if title.log { "geometric" } else { "even" };
    let sections = match sweep.inputs.as_slice() {
        [input] => column_groups(sweep, width)
            .into_iter()
            .map(|group| line_section(sweep, input, &group))
            .collect(),
        [down, across] => (0..sweep.shown.len())
            .map(|i| grid_section(sweep, down, across, i))
            .collect(),
        _ => Vec::new(),
    };
    let ranges = describe_ranges(sweep);
    Sheet {
        title: title.scenario.to_string(),
        description: Some(format!(
            "{ranges}, in {} {spacing} steps",
            steps_of(sweep).join(" × ")
        )),
        sections,
        assertions: None,
        conventions: Some(sweep.conventions.describe()),
        sampling: sweep.sampling.as_ref().map(super::sheet::sampling),
        rough: None,
    }
}

/// `dau from 100M to 1bn`, for each input.
fn describe_ranges(sweep: &Sweep) -> String {
    let (Some(first), Some(last)) = (sweep.points.first(), sweep.points.last()) else {
        return String::new();
    };
    sweep
        .inputs
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let shown = |p: &crate::sweep::Point| p.inputs.get(i).map(|v| v.shown.text.clone());
            format!(
                "{name} from {} to {}",
                shown(first).unwrap_or_default(),
                shown(last).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// How many steps each input takes.
fn steps_of(sweep: &Sweep) -> Vec<String> {
    sweep.shape.iter().map(usize::to_string).collect()
}

/// The shown values in groups whose tables, each with the input's column first, fit in
/// `width` columns; one group without a width. A value too wide for any table is a group
/// of its own (the table renderer then stacks it).
fn column_groups(sweep: &Sweep, width: Option<usize>) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..sweep.shown.len()).collect();
    let Some(width) = width else {
        return vec![all];
    };
    // A column's cells, its header included, with a space either side and a border.
    let column_width = |header: &str, cells: &mut dyn Iterator<Item = &str>| {
        cells
            .map(columns)
            .chain([columns(header)])
            .max()
            .unwrap_or(0)
            + 3
    };
    let input = column_width(
        sweep.inputs.first().map_or("", String::as_str),
        &mut sweep
            .points
            .iter()
            .filter_map(|p| p.inputs.first().map(|v| v.shown.text.as_str())),
    ) + 1;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut used = input;
    for i in all {
        let w = column_width(
            &sweep.shown[i],
            &mut sweep
                .points
                .iter()
                .filter_map(|p| p.values.get(i).map(|v| v.shown.text.as_str())),
        );
        match groups.last_mut() {
            Some(group) if used + w <= width => group.push(i),
            _ => {
                groups.push(vec![i]);
                used = input;
            }
        }
        used += w;
    }
    groups
}

/// One row per step: the input, then the shown values `group`.
fn line_section(sweep: &Sweep, input: &str, group: &[usize]) -> Section {
    let columns = std::iter::once(input)
        .chain(group.iter().map(|&i| sweep.shown[i].as_str()))
        .map(|c| c.to_string().into())
        .collect::<Vec<_>>();
    let numeric = (0..columns.len()).collect();
    Section {
        heading: "Sweep".into(),
        rows: Rows::from_cells(
            columns.len(),
            sweep.points.iter().map(|p| {
                let values = group.iter().filter_map(|&i| p.values.get(i));
                p.inputs
                    .iter()
                    .take(1)
                    .chain(values)
                    .map(|v| v.shown.text.clone())
                    .collect::<Vec<_>>()
            }),
        ),
        columns,
        numeric,
        notes: Vec::new(),
    }
}

/// The shown value `i` at each point of a grid: the first input down, the second across.
fn grid_section(sweep: &Sweep, down: &str, across: &str, i: usize) -> Section {
    let n = sweep.shape.get(1).copied().unwrap_or(1).max(1);
    let across_steps: Vec<&ValueReport> = sweep
        .points
        .iter()
        .take(n)
        .filter_map(|p| p.inputs.get(1))
        .collect();
    let columns: Vec<_> = std::iter::once(format!("{down} ╲ {across}"))
        .chain(across_steps.iter().map(|v| v.shown.text.clone()))
        .map(Into::into)
        .collect();
    let rows = sweep.points.chunks(n).map(|row| {
        let head = row.first().map(|p| p.inputs[0].shown.text.clone());
        head.into_iter()
            .chain(row.iter().map(|p| {
                p.values
                    .get(i)
                    .map(|v| v.shown.text.clone())
                    .unwrap_or_default()
            }))
            .collect::<Vec<_>>()
    });
    let name = sweep.shown.get(i).cloned().unwrap_or_default();
    Section {
        heading: name.into(),
        numeric: (0..columns.len()).collect(),
        rows: Rows::from_cells(columns.len(), rows),
        columns,
        notes: Vec::new(),
    }
}

/// One row per point: each varied input and shown value in base units (`name`), its base
/// unit (`name_base_unit`: `B`, `1/s`, `1` for a plain number) and as shown
/// (`name_display`); an uncertain shown value adds its 5th and 95th percentiles
/// (`name_p5`, `name_p95`), its base value being its median.
pub fn sweep_csv(sweep: &Sweep) -> String {
    let names = sweep.inputs.iter().chain(&sweep.shown);
    let uncertain: Vec<bool> = sweep
        .shown
        .iter()
        .enumerate()
        .map(|(i, _)| {
            sweep
                .points
                .iter()
                .any(|p| p.values.get(i).is_some_and(|v| v.distribution.is_some()))
        })
        .collect();
    let mut header = Vec::new();
    for (i, name) in names.enumerate() {
        header.push(name.clone());
        header.push(format!("{name}_base_unit"));
        header.push(format!("{name}_display"));
        if i >= sweep.inputs.len() && uncertain[i - sweep.inputs.len()] {
            header.push(format!("{name}_p5"));
            header.push(format!("{name}_p95"));
        }
    }
    let mut out = String::new();
    super::csv::row(&mut out, &header);
    for p in &sweep.points {
        let mut fields = Vec::new();
        for v in &p.inputs {
            fields.push(format::machine_text(v.point()));
            fields.push(v.base_unit.to_string());
            fields.push(v.shown.text.clone());
        }
        for (v, &ranged) in p.values.iter().zip(&uncertain) {
            fields.push(format::machine_text(v.point()));
            fields.push(v.base_unit.to_string());
            fields.push(v.shown.text.clone());
            if ranged {
                let d = v.distribution.as_deref();
                fields.extend(
                    [d.map(|d| d.p5), d.map(|d| d.p95)]
                        .map(|x| x.map(format::machine_text).unwrap_or_default()),
                );
            }
        }
        super::csv::row(&mut out, &fields);
    }
    out
}

/// The break-even as a sentence: where the condition first holds, or that it already does,
/// or never does, in the range.
fn break_even_sentence(b: &BreakEven) -> String {
    let input = b.input.name.as_deref().unwrap_or("the input");
    let at = &b.input.shown.text;
    let sides = format!("{} and {}", b.lhs.display, b.rhs.display);
    match b.found {
        Found::At => format!(
            "`{}` starts to hold at {input} = {at} (its sides there: {sides}).",
            b.condition
        ),
        Found::AtStart => format!(
            "`{}` holds already at {input} = {at}, the start of the range (its sides: {sides}).",
            b.condition
        ),
        Found::Never => format!(
            "`{}` holds at none of the {} steps from {input} = {} to {} (its sides at {at}: {sides}).",
            b.condition, b.steps, b.range.0, b.range.1
        ),
    }
}

/// The break-even as text: the sentence, then each shown value where it is read.
pub fn break_even_text(b: &BreakEven) -> String {
    let mut out = break_even_sentence(b);
    out.push('\n');
    let width = b
        .values
        .iter()
        .filter_map(|v| v.name.as_deref())
        .map(str::len)
        .max()
        .unwrap_or(0);
    for v in &b.values {
        let name = v.name.as_deref().unwrap_or("");
        let _ = writeln!(out, "  {name:width$}  {}", v.shown.text);
    }
    out
}

/// A line chart of each shown value against the input, `width` columns wide (for a sweep
/// of one input).
pub fn sweep_charts(sweep: &Sweep, log: bool, style: Style, width: u16) -> Vec<String> {
    let (Some(first), Some(last)) = (sweep.points.first(), sweep.points.last()) else {
        return Vec::new();
    };
    let (Some(input_first), Some(input_last)) = (first.inputs.first(), last.inputs.first()) else {
        return Vec::new();
    };
    let (lo, hi) = (input_first.point(), input_last.point());
    let middle = if log {
        lo.signum() * (lo * hi).sqrt()
    } else {
        lo + (hi - lo) / 2.0
    };
    let middle = label_like(input_last, style)(middle);
    let x = plot::XAxis {
        first: &input_first.shown.text,
        middle: &middle,
        last: &input_last.shown.text,
    };
    let input = &sweep.inputs[0];
    (0..sweep.shown.len())
        .filter_map(|i| {
            let values: Vec<_> = sweep
                .points
                .iter()
                .filter_map(|p| p.values.get(i))
                .collect();
            let ys: Vec<f64> = values.iter().map(|v| v.point()).collect();
            let largest = values
                .iter()
                .max_by(|a, b| a.point().abs().total_cmp(&b.point().abs()))?;
            let medians = if values.iter().any(|v| v.distribution.is_some()) {
                ", medians"
            } else {
                ""
            };
            let scale = if log { ", geometric steps" } else { "" };
            let title = format!("{} against {input}{scale}{medians}", sweep.shown[i]);
            let label = label_like(largest, style);
            Some(plot::line(&title, &ys, &x, usize::from(width), &label))
        })
        .collect()
}
