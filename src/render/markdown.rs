//! Markdown: GitHub-flavoured pipe tables, for design docs and pull requests.

use std::fmt::Write as _;

use super::{Section, Sheet};

pub fn markdown(sheet: &Sheet) -> String {
    let sheet = &*sheet.visible();
    let mut out = String::new();
    let _ = writeln!(out, "## {}", escape(&sheet.title));
    if let Some(d) = &sheet.description {
        let _ = writeln!(out, "\n{}", escape(d));
    }
    for section in sheet.sections.iter().chain(&sheet.assertions) {
        write_section(&mut out, section);
    }
    if let Some(conventions) = &sheet.conventions {
        let _ = writeln!(out, "\n_Conventions: {}._", escape(conventions));
    }
    if let Some(sampling) = &sheet.sampling {
        let _ = writeln!(out, "\n_Ranges: {}._", escape(sampling));
    }
    if let Some(rough) = &sheet.rough {
        let _ = writeln!(out, "\n_Rough: {}._", escape(rough));
    }
    out
}

/// A section as a heading and a pipe table, after a blank line, and its notes as a list.
pub(super) fn write_section(out: &mut String, section: &Section) {
    let _ = writeln!(out, "\n### {}\n", section.heading);
    let header: Vec<String> = section.columns.iter().map(|c| escape(c)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..section.columns.len())
        .map(|i| {
            if section.numeric.contains(&i) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in section.rows.iter() {
        let cells: Vec<String> = row.iter().map(escape).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if !section.notes.is_empty() {
        out.push('\n');
        for note in &section.notes {
            let _ = writeln!(out, "- {}", escape(note));
        }
    }
}

/// Pipes would end a cell; newlines would end a row.
pub(super) fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
