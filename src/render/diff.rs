//! `bote diff` drawn: the assertions that flipped and the values that changed, as terminal
//! tables, Markdown for a pull request (its first line a summary), or CSV. The JSON document
//! lives in [`crate::render::json`].

use std::fmt::{self, Write as _};

use super::{Rows, Section, Sheet, csv, markdown, sheet, table};
use crate::diff::{AssertionDiff, Diff, Status, ValueDiff, counted};
use crate::eval::Sampling;
use crate::format::{self, Style};
use crate::report::AssertionReport;

/// One side of a comparison: a scenario file and the overrides applied to it.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub file: &'a str,
    pub set: &'a [(String, String)],
}

impl Side<'_> {
    /// `plan.bote`, or `plan.bote with replication = 2, dau = 1bn`.
    pub fn label(&self) -> String {
        let set: Vec<String> = self
            .set
            .iter()
            .map(|(name, expr)| format!("{name} = {expr}"))
            .collect();
        match set.is_empty() {
            true => self.file.to_string(),
            false => format!("{} with {}", self.file, set.join(", ")),
        }
    }
}

/// A diff and what it needs to be drawn.
#[derive(Clone, Copy, Debug)]
pub struct Compared<'a> {
    pub diff: &'a Diff<'a>,
    pub before: Side<'a>,
    pub after: Side<'a>,
    /// `--all`: list the unchanged values and assertions too.
    pub all: bool,
    pub style: Style,
    /// How ranges were sampled, when either side has any.
    pub sampling: Option<Sampling>,
}

impl Compared<'_> {
    /// The values listed: those that changed, or, with `--all`, every one.
    pub fn values(&self) -> impl Iterator<Item = &ValueDiff<'_>> {
        let all = self.all;
        self.diff
            .values
            .iter()
            .filter(move |v| all || v.status != Status::Unchanged)
    }

    /// The assertions listed: those that flipped, were added or removed, or, with `--all`,
    /// every one.
    pub fn assertions(&self) -> impl Iterator<Item = &AssertionDiff<'_>> {
        let all = self.all;
        self.diff
            .assertions
            .iter()
            .filter(move |a| all || a.status != Status::Unchanged)
    }

    /// The line under the tables: what was not listed, and (with `failing`) how many
    /// assertions fail on both sides; or that nothing changed.
    fn footer(&self, failing: bool) -> Option<String> {
        let diff = self.diff;
        if !diff.any_change() {
            return Some(diff.summary(&self.style));
        }
        let values = diff.unchanged_values();
        let assertions = diff.unchanged_assertions();
        let mut counts = vec![counted(values, "value")];
        if !diff.assertions.is_empty() {
            counts.push(counted(assertions, "assertion"));
        }
        let listed = if self.all { "" } else { " (--all lists them)" };
        // A failure that did not change is still a failure.
        let failing = match diff.failing_on_both_sides().count() {
            _ if !failing => String::new(),
            0 => String::new(),
            1 => "; 1 assertion fails on both sides".to_string(),
            n => format!("; {n} assertions fail on both sides"),
        };
        (values + assertions > 0)
            .then(|| format!("{} unchanged{listed}{failing}.", counts.join(" and ")))
    }

    /// The tables: assertions, then values.
    fn sections(&self) -> Vec<Section> {
        let style = &self.style;
        let assertions = Rows::from_cells(
            4,
            self.assertions().map(|a| {
                let sides = |side: fn(&AssertionReport) -> &str| {
                    moved(a.before.map(side), a.after.map(side))
                };
                [
                    result(a),
                    a.text.clone(),
                    sides(|s| &s.lhs.text),
                    sides(|s| &s.rhs.text),
                ]
            }),
        );
        let values = Rows::from_cells(
            4,
            self.values().map(|v| {
                let (before, after) = v.shown(style);
                [v.name.clone(), before, after, v.change(style)]
            }),
        );
        let mut sections = Vec::new();
        if !assertions.is_empty() {
            sections.push(Section {
                heading: "Assertions".into(),
                columns: ["result", "assertion", "left", "right"]
                    .map(Into::into)
                    .to_vec(),
                rows: assertions,
                numeric: vec![2, 3],
                notes: Vec::new(),
            });
        }
        if !values.is_empty() {
            sections.push(Section {
                heading: "Values".into(),
                columns: ["name", "before", "after", "change"]
                    .map(Into::into)
                    .to_vec(),
                rows: values,
                numeric: vec![1, 2],
                notes: Vec::new(),
            });
        }
        sections
    }
}

/// An assertion's result on each side, as the run table says it: `passed → FAILED`,
/// `added (passed)`, `removed (FAILED)`, `passed`.
fn result(a: &AssertionDiff) -> String {
    let said = |s: &AssertionReport| if s.passed { "passed" } else { "FAILED" };
    match (a.before, a.after) {
        (Some(b), Some(a)) if b.passed == a.passed => said(a).to_string(),
        (Some(b), Some(a)) => format!("{} → {}", said(b), said(a)),
        (None, Some(a)) => format!("added ({})", said(a)),
        (Some(b), None) => format!("removed ({})", said(b)),
        (None, None) => String::new(),
    }
}

/// A side of an assertion on both sides: `110 PB → 73.1 PB`, or `100 PB` when it reads the
/// same.
fn moved(before: Option<&str>, after: Option<&str>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if a != b => format!("{b} → {a}"),
        (_, Some(text)) | (Some(text), None) => text.to_string(),
        (None, None) => String::new(),
    }
}

/// The diff as terminal tables `width` columns wide, written to `out`: both sides' labels,
/// the tables, what was not listed, and how ranges were sampled.
pub fn diff_table(compared: &Compared, width: u16, out: &mut dyn fmt::Write) -> fmt::Result {
    let sheet = Sheet {
        title: format!("before: {}", compared.before.label()),
        description: Some(format!("after:  {}", compared.after.label())),
        sections: compared.sections(),
        assertions: None,
        conventions: None,
        sampling: None,
        rough: None,
    };
    table::write_table(&sheet, width, out)?;
    let width = usize::from(width);
    if let Some(footer) = compared.footer(true) {
        writeln!(out, "\n{}", table::wrap(&footer, width, ""))?;
    }
    if let Some(s) = &compared.sampling {
        let ranges = format!("Ranges: {}", sheet::sampling(s));
        writeln!(out, "{}", table::wrap(&ranges, width, ""))?;
    }
    Ok(())
}

/// The diff as Markdown for a pull request: a summary sentence, both sides, the tables.
pub fn diff_markdown(compared: &Compared) -> String {
    let mut out = String::new();
    let code = |text: &str| format!("`{}`", text.replace('`', "'"));
    let side = |s: &Side| {
        let set: Vec<String> = s
            .set
            .iter()
            .map(|(name, expr)| code(&format!("{name} = {expr}")))
            .collect();
        match set.is_empty() {
            true => code(s.file),
            false => format!("{} with {}", code(s.file), set.join(", ")),
        }
    };
    let summary = compared.diff.summary_quoting(&compared.style, &code);
    let _ = writeln!(
        out,
        "{}\n\nBefore: {}; after: {}.",
        markdown::escape(&summary),
        side(&compared.before),
        side(&compared.after)
    );
    for section in compared.sections() {
        markdown::write_section(&mut out, &section);
    }
    // The summary above says how many assertions fail on both sides.
    if let Some(footer) = compared
        .footer(false)
        .filter(|_| compared.diff.any_change())
    {
        let _ = writeln!(out, "\n_{}_", markdown::escape(&footer));
    }
    if let Some(s) = &compared.sampling {
        let _ = writeln!(out, "\n_Ranges: {}._", sheet::sampling(s));
    }
    out
}

/// The diff as CSV, one row per value listed, then one per assertion listed. Columns:
/// `name,kind,status,before,after,before_base,before_unit,after_base,after_unit,ratio,change`;
/// with ranges, four more: `before_p5,before_p95,after_p5,after_p95`, in base units.
pub fn diff_csv(compared: &Compared) -> String {
    let ranges = compared.sampling.is_some();
    let mut out = String::from(
        "name,kind,status,before,after,before_base,before_unit,after_base,after_unit,ratio,change",
    );
    out.push_str(if ranges {
        ",before_p5,before_p95,after_p5,after_p95\n"
    } else {
        "\n"
    });
    let style = &compared.style;
    let number = |x: Option<f64>| x.map(format::machine_text).unwrap_or_default();
    for v in compared.values() {
        let (before, after) = v.shown(style);
        let kind = v.after.or(v.before).map_or("", |r| r.kind.name());
        let unit = |r: Option<&crate::report::ValueReport>| {
            r.map_or_else(String::new, |r| r.base_unit.to_string())
        };
        let mut fields = vec![
            v.name.clone(),
            kind.to_string(),
            v.status.name().to_string(),
            before,
            after,
            number(v.before.map(|r| r.point())),
            unit(v.before),
            number(v.after.map(|r| r.point())),
            unit(v.after),
            number(v.ratio()),
            v.change(style),
        ];
        if ranges {
            for side in [v.before, v.after] {
                let d = side.and_then(|r| r.distribution.as_deref());
                fields.push(number(d.map(|d| d.p5)));
                fields.push(number(d.map(|d| d.p95)));
            }
        }
        csv::row(&mut out, &fields);
    }
    for a in compared.assertions() {
        let result = |s: Option<&AssertionReport>| {
            s.map_or("", |s| if s.passed { "passed" } else { "failed" })
                .to_string()
        };
        let mut fields = vec![
            a.text.clone(),
            "assertion".to_string(),
            a.status.name().to_string(),
            result(a.before),
            result(a.after),
        ];
        fields.extend((0..5).map(|_| String::new()));
        fields.push(a.change().to_string());
        if ranges {
            fields.extend((0..4).map(|_| String::new()));
        }
        csv::row(&mut out, &fields);
    }
    out
}
