//! Terminal tables, never coloured, at any width: a table that cannot fit degrades to a
//! stacked layout (one block per row). Text is laid out in time linear in its length: a word
//! longer than its column could ever be is cut, with `…`, before the table is laid out.
//!
//! comfy-table lays out a table whose text must wrap. A table that fits with every cell on one
//! line, the usual case, is drawn here the way comfy-table draws it (a test compares the two on
//! generated tables), a row at a time: a scenario of a million lines never holds its table in
//! memory twice.

use std::borrow::Cow;
use std::fmt::{self, Write};

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use super::{Section, Sheet};

/// The sheet as terminal tables `width` columns wide.
pub fn table(sheet: &Sheet, width: u16) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_table(sheet, width, &mut out);
    out
}

/// [`table`], written to `out` as it is drawn.
pub fn write_table(sheet: &Sheet, width: u16, out: &mut dyn Write) -> fmt::Result {
    let sheet = &*sheet.visible();
    let width = usize::from(width);
    writeln!(out, "{}", wrap(&sheet.title, width, ""))?;
    if let Some(d) = &sheet.description {
        writeln!(out, "{}", wrap(d, width, ""))?;
    }
    for section in sheet.sections.iter().chain(&sheet.assertions) {
        writeln!(out, "\n{}", wrap(&section.heading, width, ""))?;
        // A table that fits on one line a cell needs no layout (and its words no cutting).
        if let Some(widths) = one_line_widths(section, width) {
            draw_one_line(section, &widths, out)?;
        } else if let Some(layout) = Layout::of(section, width) {
            writeln!(out, "{}", draw(section, &layout, width))?;
        } else {
            stacked(out, section, width)?;
        }
        for note in &section.notes {
            writeln!(out, "{}", wrap(note, width, ""))?;
        }
    }
    if let Some(conventions) = &sheet.conventions {
        let text = format!("Conventions: {conventions}");
        writeln!(out, "\n{}", wrap(&text, width, ""))?;
    }
    if let Some(sampling) = &sheet.sampling {
        writeln!(out, "{}", wrap(&format!("Ranges: {sampling}"), width, ""))?;
    }
    if let Some(rough) = &sheet.rough {
        writeln!(out, "{}", wrap(&format!("Rough: {rough}"), width, ""))?;
    }
    Ok(())
}

/// Display width of a text, as a terminal shows it (and comfy-table measures it): most
/// characters take a column, East Asian wide characters and emoji two.
pub(super) fn columns(text: &str) -> usize {
    if is_plain(text) {
        text.len()
    } else {
        text.width()
    }
}

/// Printable ASCII only: a column a byte.
fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// `word` cut to at most `max` columns, its last one `…`.
fn cut(word: &str, max: usize) -> String {
    let keep = max.saturating_sub(1).max(1);
    let mut out = String::new();
    let mut used = 0;
    for c in word.chars() {
        used += c.width().unwrap_or(0);
        // At least one character, however wide.
        if used > keep && !out.is_empty() {
            break;
        }
        out.push(c);
    }
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
pub(super) fn wrap(text: &str, width: usize, indent: &str) -> String {
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
                .chain(std::iter::once(&*section.columns[i]))
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
    for row in section.rows.iter() {
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
fn stacked(out: &mut dyn Write, section: &Section, width: usize) -> fmt::Result {
    for row in section.rows.iter() {
        let mut cells = row.iter().zip(&section.columns);
        if let Some((first, _)) = cells.next() {
            writeln!(out, "{}", wrap(first, width, ""))?;
        }
        for (cell, column) in cells.filter(|(c, _)| !c.is_empty()) {
            writeln!(
                out,
                "{}",
                wrap(&format!("  {column}: {cell}"), width, "    ")
            )?;
        }
    }
    Ok(())
}

/// The width of each column when the whole table fits in `width` columns with every cell on
/// one line, as comfy-table measures them (display width, at least 1); `None` when it does not
/// fit, or a cell holds a line break or another control character, which comfy-table lays out.
fn one_line_widths(section: &Section, width: usize) -> Option<Vec<usize>> {
    let n = section.columns.len();
    let mut widths: Vec<usize> = section.columns.iter().map(|h| columns(h).max(1)).collect();
    for row in section.rows.iter() {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            if !is_plain(cell) && cell.chars().any(char::is_control) {
                return None;
            }
            *w = (*w).max(columns(cell));
        }
    }
    // Borders: one before each column and one after the last.
    let total = n + 1 + widths.iter().map(|w| w + PADDING).sum::<usize>();
    (total <= width).then_some(widths)
}

/// `n` spaces, a slice at a time: a table of many rows pads every cell.
fn spaces(out: &mut dyn Write, mut n: usize) -> fmt::Result {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let now = n.min(SPACES.len());
        out.write_str(&SPACES[..now])?;
        n -= now;
    }
    Ok(())
}

/// Draws a table whose cells each fit on one line in `widths`, in comfy-table's
/// `UTF8_FULL_CONDENSED` style: numbers aligned right, text left, one space of padding.
fn draw_one_line(section: &Section, widths: &[usize], out: &mut dyn Write) -> fmt::Result {
    let rule = |out: &mut dyn Write, [left, line, cross, right]: [char; 4]| -> fmt::Result {
        out.write_char(left)?;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.write_char(cross)?;
            }
            for _ in 0..w + PADDING {
                out.write_char(line)?;
            }
        }
        out.write_char(right)?;
        out.write_char('\n')
    };
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> fmt::Result {
        out.write_str("│")?;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.write_str("┆")?;
            }
            let cell = cells.next().unwrap_or("");
            let pad = w - columns(cell);
            out.write_char(' ')?;
            if section.numeric.contains(&i) {
                spaces(out, pad)?;
                out.write_str(cell)?;
            } else {
                out.write_str(cell)?;
                spaces(out, pad)?;
            }
            out.write_char(' ')?;
        }
        out.write_str("│\n")
    };
    rule(out, ['┌', '─', '┬', '┐'])?;
    line(out, &mut section.columns.iter().map(|c| &**c))?;
    rule(out, ['╞', '═', '╪', '╡'])?;
    for row in section.rows.iter() {
        line(out, &mut row.iter())?;
    }
    rule(out, ['└', '─', '┴', '┘'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so the comparison below is the same on
    /// every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn cell(&mut self) -> String {
            const PIECES: &[&str] = &[
                "a", "peak_qps", "1.2K", " ", "  ", "99.95%", "…", "µs", "×", "名前", "é", "→",
                "😀", "-", "9", "TB", "", "\t",
            ];
            (0..self.below(10))
                .map(|_| PIECES[self.below(PIECES.len())])
                .collect()
        }
    }

    #[test]
    fn one_line_tables_are_drawn_as_comfy_table_draws_them() {
        const HEADINGS: &[&str] = &["name", "value", "description", "x", "nines", ""];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut compared = 0;
        for _ in 0..20_000 {
            let n = 1 + rng.below(4);
            let section = Section {
                heading: "Test".into(),
                columns: (0..n)
                    .map(|_| HEADINGS[rng.below(HEADINGS.len())].into())
                    .collect(),
                rows: (0..rng.below(5))
                    .map(|_| {
                        (0..n - rng.below(2).min(n - 1))
                            .map(|_| rng.cell())
                            .collect()
                    })
                    .collect(),
                numeric: (0..n).filter(|_| rng.below(2) == 0).collect(),
                notes: Vec::new(),
            };
            let width = 1 + rng.below(60);
            let Some(widths) = one_line_widths(&section, width) else {
                continue;
            };
            let mut ours = String::new();
            draw_one_line(&section, &widths, &mut ours).unwrap();
            // comfy-table with the style and alignment of `draw`, but not its lower bounds
            // on text columns, which only matter to text that wraps (and which comfy-table
            // enforces before it sees that the table fits, wrapping text that need not).
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width as u16)
                .set_header(section.columns.clone());
            for row in section.rows.iter() {
                t.add_row(row.iter());
            }
            for &i in &section.numeric {
                if let Some(column) = t.column_mut(i) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
            }
            let comfy = format!("{t}\n");
            assert_eq!(
                ours, comfy,
                "columns {:?}, rows {:?}",
                section.columns, section.rows
            );
            compared += 1;
        }
        // Most generated tables fit; the test must not pass by comparing none.
        assert!(compared > 1000, "only {compared} tables compared");
    }

    #[test]
    fn wrap_cuts_only_words_longer_than_a_line() {
        assert_eq!(wrap("a bb ccc", 4, ""), "a bb\nccc");
        assert_eq!(wrap("abcdefgh ij", 5, "  "), "ab…\n  ij");
        assert_eq!(cut_words("ok toolongword", 5), "ok tool…");
    }
}
