//! Terminal tables, drawn with comfy-table and never coloured.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{Section, Sheet};

pub fn table(sheet: &Sheet, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", wrap(&sheet.title, width));
    if let Some(d) = &sheet.description {
        let _ = writeln!(out, "{}", wrap(d, width));
    }
    for section in sheet.sections.iter().chain(&sheet.assertions) {
        let _ = writeln!(out, "\n{}", section.heading);
        let _ = writeln!(out, "{}", draw(section, width));
        for note in &section.notes {
            let _ = writeln!(out, "{}", wrap(&format!("  {note}"), width));
        }
    }
    if let Some(conventions) = &sheet.conventions {
        let _ = writeln!(
            out,
            "\n{}",
            wrap(&format!("Conventions: {conventions}"), width)
        );
    }
    out
}

/// Greedy word wrap at `width` columns.
fn wrap(text: &str, width: u16) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > usize::from(width) {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

fn draw(section: &Section, width: u16) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(section.columns.clone());
    for row in &section.rows {
        t.add_row(row.clone());
    }
    // Text wraps between words, never inside one (a name cut in two reads as two names), and
    // never into a sliver: a column is at least as wide as its longest word, and at least 16
    // columns or its own width if less.
    for (i, name) in section.columns.iter().enumerate() {
        let cells = || {
            section
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(String::as_str)
                .chain(std::iter::once(*name))
        };
        let widest = cells().map(|c| c.chars().count()).max().unwrap_or(0);
        let longest_word = cells()
            .flat_map(str::split_whitespace)
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        // Widths include the cell padding, one column each side.
        let floor = widest.min(16).max(longest_word) + 2;
        if let Some(column) = t.column_mut(i) {
            let floor = u16::try_from(floor).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
        }
    }
    for &i in &section.numeric {
        if let Some(column) = t.column_mut(i) {
            // A number split across lines reads as two numbers: text columns wrap instead,
            // and a terminal too narrow for the numbers gets a wider table.
            column.set_cell_alignment(CellAlignment::Right);
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    t
}
