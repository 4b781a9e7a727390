//! Terminal tables, drawn with comfy-table and never coloured, at any width: a table that
//! cannot fit degrades to a stacked layout (one block per row). Text is laid out in time
//! linear in its length: a word longer than its column could ever be is cut, with `…`, before
//! comfy-table sees it.

use std::borrow::Cow;
use std::fmt::Write as _;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{Section, Sheet};

pub fn table(sheet: &Sheet, width: u16) -> String {
    let sheet = &*sheet.visible();
    let width = usize::from(width);
    let mut out = String::new();
    let _ = writeln!(out, "{}", wrap(&sheet.title, width, ""));
    if let Some(d) = &sheet.description {
        let _ = writeln!(out, "{}", wrap(d, width, ""));
    }
    for section in sheet.sections.iter().chain(&sheet.assertions) {
        let _ = writeln!(out, "\n{}", wrap(section.heading, width, ""));
        match Layout::of(section, width) {
            Some(layout) => {
                let _ = writeln!(out, "{}", draw(section, &layout, width));
            }
            None => stacked(&mut out, section, width),
        }
        for note in &section.notes {
            let _ = writeln!(out, "{}", wrap(note, width, ""));
        }
    }
    if let Some(conventions) = &sheet.conventions {
        let text = format!("Conventions: {conventions}");
        let _ = writeln!(out, "\n{}", wrap(&text, width, ""));
    }
    out
}

/// Display width of a text: one column a character.
fn columns(text: &str) -> usize {
    text.chars().count()
}

/// `word` cut to at most `max` columns, its last one `…`.
fn cut(word: &str, max: usize) -> String {
    let keep = max.saturating_sub(1).max(1);
    let mut out: String = word.chars().take(keep).collect();
    out.push('…');
    out
}

/// `text` with every word longer than `max` columns cut to `max`; borrowed when none is.
fn cut_words(text: &str, max: usize) -> Cow<'_, str> {
    if text.split(' ').all(|w| columns(w) <= max) {
        return Cow::Borrowed(text);
    }
    let words: Vec<Cow<str>> = text
        .split(' ')
        .map(|w| {
            if columns(w) <= max {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(cut(w, max))
            }
        })
        .collect();
    Cow::Owned(words.join(" "))
}

/// Greedy word wrap at `width` columns. The text's leading spaces are kept; lines after the
/// first start with `indent`; a word too long for a line is cut.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let body = text.trim_start_matches(' ');
    let mut lead = &text[..text.len() - body.len()];
    let mut indent = indent;
    // Too narrow to indent: every column goes to the text.
    if columns(lead).max(columns(indent)) + 2 > width {
        (lead, indent) = ("", "");
    }
    let room = width
        .saturating_sub(columns(lead).max(columns(indent)))
        .max(2);
    let mut out = String::from(lead);
    let mut line_len = columns(lead);
    let mut first = true;
    for word in body.split(' ') {
        let word = if columns(word) > room {
            Cow::Owned(cut(word, room))
        } else {
            Cow::Borrowed(word)
        };
        let len = columns(&word);
        if !first && line_len + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            line_len = columns(indent);
        } else if !first {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(&word);
        line_len += len;
        first = false;
    }
    out
}

/// Cell padding: one column each side.
const PADDING: usize = 2;
/// A text column is never narrower than this (or its widest cell, if less).
const NARROWEST_TEXT: usize = 10;
/// A text column need not be wider than this to hold its longest word.
const FLOOR: usize = 16;

/// Where every column's words must fit, when the table fits at all.
struct Layout {
    /// Per column: the longest word it may hold; `None` for numbers, which are never cut.
    longest_word: Vec<Option<usize>>,
}

impl Layout {
    /// The layout of `section` in `width` columns, or `None` when even its numbers and its
    /// narrowest text columns do not fit.
    fn of(section: &Section, width: usize) -> Option<Layout> {
        let n = section.columns.len();
        let cells = |i: usize| {
            section
                .rows
                .iter()
                .filter_map(move |r| r.get(i))
                .map(String::as_str)
                .chain(std::iter::once(section.columns[i]))
        };
        let widest: Vec<usize> = (0..n)
            .map(|i| cells(i).map(columns).max().unwrap_or(0))
            .collect();
        let is_numeric = |i: usize| section.numeric.contains(&i);
        // Borders: one before each column and one after the last.
        let fixed: usize = n
            + 1
            + (0..n)
                .filter(|&i| is_numeric(i))
                .map(|i| widest[i] + PADDING)
                .sum::<usize>();
        let text: Vec<usize> = (0..n).filter(|&i| !is_numeric(i)).collect();
        let narrowest = |i: usize| widest[i].min(NARROWEST_TEXT);
        let room = width.checked_sub(fixed)?;
        if text.iter().map(|&i| narrowest(i) + PADDING).sum::<usize>() > room {
            return None;
        }
        // Each text column's floor: as wide as its longest word, within what the others'
        // narrowest widths leave; the widest floor gives way until all fit.
        let mut floors: Vec<usize> = vec![0; n];
        for &i in &text {
            let longest = cells(i)
                .flat_map(|c| c.split(' '))
                .map(columns)
                .max()
                .unwrap_or(0);
            floors[i] = widest[i].min(FLOOR).max(longest);
        }
        while text.iter().map(|&i| floors[i] + PADDING).sum::<usize>() > room {
            let Some(&i) = text.iter().max_by_key(|&&i| floors[i]) else {
                break;
            };
            let excess = text.iter().map(|&i| floors[i] + PADDING).sum::<usize>() - room;
            floors[i] = floors[i].saturating_sub(excess).max(narrowest(i));
        }
        let longest_word = (0..n)
            .map(|i| (!is_numeric(i)).then_some(floors[i]))
            .collect();
        Some(Layout { longest_word })
    }

    fn fit<'a>(&self, i: usize, cell: &'a str) -> Cow<'a, str> {
        match self.longest_word.get(i).copied().flatten() {
            Some(max) => cut_words(cell, max),
            None => Cow::Borrowed(cell),
        }
    }
}

fn draw(section: &Section, layout: &Layout, width: usize) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(section.columns.clone());
    for row in &section.rows {
        t.add_row(
            row.iter()
                .enumerate()
                .map(|(i, cell)| layout.fit(i, cell).into_owned()),
        );
    }
    // Text wraps between words, never inside one (a name cut in two reads as two names), and
    // never into a sliver: a column is as wide as its longest word, which `Layout` has cut to
    // fit.
    for (i, floor) in layout.longest_word.iter().enumerate() {
        if let (Some(floor), Some(column)) = (floor, t.column_mut(i)) {
            let floor = u16::try_from(floor + PADDING).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
        }
    }
    for &i in &section.numeric {
        if let Some(column) = t.column_mut(i) {
            // A number split across lines reads as two numbers: text columns wrap instead.
            column.set_cell_alignment(CellAlignment::Right);
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    t
}

/// A table too wide for the terminal: each row as a block, its first cell on a line of its own
/// and each other non-empty cell under it as `column: text`.
fn stacked(out: &mut String, section: &Section, width: usize) {
    for row in &section.rows {
        let mut cells = row.iter().zip(&section.columns);
        if let Some((first, _)) = cells.next() {
            let _ = writeln!(out, "{}", wrap(first, width, ""));
        }
        for (cell, column) in cells.filter(|(c, _)| !c.is_empty()) {
            let _ = writeln!(
                out,
                "{}",
                wrap(&format!("  {column}: {cell}"), width, "    ")
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_cuts_only_words_longer_than_a_line() {
        assert_eq!(wrap("a bb ccc", 4, ""), "a bb\nccc");
        assert_eq!(wrap("abcdefgh ij", 5, "  "), "ab…\n  ij");
        assert_eq!(cut_words("ok toolongword", 5), "ok tool…");
    }
}
