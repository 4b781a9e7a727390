//! Diagnostics: one type for every stage's errors, drawn by hand in the rustc style.
//!
//! ```text
//! error: cannot add Information and Time
//!  --> <expr>:1:6
//!   |
//! 1 | 1 GB + 1 s
//!   | ---- ^ --- Time
//!   | |
//!   | Information
//!   |
//!   = help: …
//! ```
//!
//! Spans index a [`SourceMap`]: every source (a file, an expression, a `--set` value) gets its
//! own range of one offset space, so a diagnostic can point into any of them.

use std::fmt::Write as _;

use crate::invisible::escape;

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// An error stops the program; a warning is printed and the program goes on.
    pub warning: bool,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub text: String,
    pub primary: bool,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            warning: false,
            message: message.into(),
            labels: Vec::new(),
            help: Vec::new(),
        }
    }

    /// A warning: drawn like an error, headed `warning:`.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::new(message)
        }
    }

    pub fn primary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
            primary: true,
        });
        self
    }

    pub fn secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
            primary: false,
        });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help.push(text.into());
        self
    }

    /// Where the error is: the primary label, else the first.
    pub fn location<'a>(&self, sources: &'a SourceMap) -> Option<Location<'a>> {
        let label = self
            .labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())?;
        sources.locate(label.span.start)
    }

    /// The labels drawn, located and in drawing order (files in order of first mention, then
    /// by position), and how many more were left out: the primary label and the first others,
    /// at most [`MAX_LABELS`], so that a diagnostic's size is bounded whatever it is about.
    fn shown_labels<'a>(
        &'a self,
        sources: &'a SourceMap,
    ) -> (Vec<(&'a Label, Location<'a>)>, usize) {
        let mut located: Vec<(&Label, Location)> = self
            .labels
            .iter()
            .filter_map(|l| sources.locate(l.span.start).map(|loc| (l, loc)))
            .collect();
        let total = located.len();
        if total > MAX_LABELS {
            let primary = located.iter().position(|(l, _)| l.primary).unwrap_or(0);
            let mut kept: Vec<(&Label, Location)> = Vec::with_capacity(MAX_LABELS);
            for (i, entry) in located.into_iter().enumerate() {
                if i == primary || kept.len() + usize::from(i < primary) < MAX_LABELS {
                    kept.push(entry);
                }
            }
            located = kept;
        }
        let mut files: Vec<&str> = Vec::new();
        for (_, loc) in &located {
            if !files.contains(&loc.file) {
                files.push(loc.file);
            }
        }
        let rank = |file: &str| files.iter().position(|f| *f == file);
        located.sort_by_key(|(label, loc)| (rank(loc.file), loc.line, label.span.start));
        let hidden = total - located.len();
        (located, hidden)
    }

    pub fn render(&self, sources: &SourceMap, color: bool) -> String {
        let paint = Paint { color };
        let mut out = String::new();
        let severity = if self.warning {
            paint.warning("warning")
        } else {
            paint.error("error")
        };
        let _ = writeln!(
            out,
            "{severity}{}",
            paint.bold(&format!(": {}", escape(&self.message)))
        );
        let (located, hidden) = self.shown_labels(sources);
        let gutter = located
            .iter()
            .map(|(_, loc)| loc.line.to_string().len())
            .max()
            .unwrap_or(0);
        let pad = " ".repeat(gutter);
        if let Some(loc) = self.location(sources) {
            let _ = writeln!(
                out,
                "{pad}{} {}:{}:{}",
                paint.blue("-->"),
                escape(loc.file),
                loc.line,
                loc.column
            );
        }
        // One block per source line: `located` is in file order within each file, files in
        // order of first mention, so each line's labels are adjacent.
        for on_line in located.chunk_by(|(_, a), (_, b)| a.file == b.file && a.line == b.line) {
            let on_line: Vec<&(&Label, Location)> = on_line.iter().collect();
            let (file, line) = (on_line[0].1.file, on_line[0].1.line);
            let Some((_, first)) = on_line.first() else {
                continue;
            };
            // A block from another source than the header's says where it is.
            let header_file = self.location(sources).map(|l| l.file);
            if header_file.is_some_and(|f| f != file) {
                let _ = writeln!(
                    out,
                    "{pad}{} {}:{}:{}",
                    paint.blue(":::"),
                    escape(file),
                    line,
                    first.column
                );
            }
            let _ = writeln!(out, "{pad} {}", paint.blue("|"));
            // A long line is shown as a window around its first label.
            let first_col = on_line.iter().map(|(_, l)| l.column - 1).min().unwrap_or(0);
            let line_chars = first.line_text.chars().count();
            let skip = if line_chars > MAX_SHOWN {
                first_col.saturating_sub(MAX_SHOWN / 4)
            } else {
                0
            };
            let mut shown: String = first
                .line_text
                .chars()
                .skip(skip)
                .take(MAX_SHOWN)
                .map(|c| match c {
                    '\t' => ' ',
                    c if crate::invisible::is_hidden(c) => '\u{FFFD}',
                    c => c,
                })
                .collect();
            let ellipsis = usize::from(skip > 0);
            if skip > 0 {
                shown.insert(0, '…');
            }
            if skip + MAX_SHOWN < line_chars {
                shown.push('…');
            }
            let _ = writeln!(
                out,
                "{} {} {}",
                paint.blue(&format!("{line:>gutter$}")),
                paint.blue("|"),
                shown.trim_end()
            );
            let marks: Vec<Mark> = on_line
                .iter()
                .map(|(label, loc)| {
                    let line_chars = loc.line_text.chars().count();
                    let span_chars = sources.char_len(label.span).max(1);
                    let width = span_chars.min(line_chars.saturating_sub(loc.column - 1).max(1));
                    Mark {
                        col: (loc.column - 1 + ellipsis).saturating_sub(skip),
                        width: width.min(MAX_SHOWN),
                        primary: label.primary,
                        text: escape(&label.text),
                    }
                })
                .collect();
            draw_marks(&mut out, &pad, marks, &paint);
        }
        if hidden > 0 {
            let _ = writeln!(out, "{pad} {}", paint.blue("|"));
            let places = if hidden == 1 { "place" } else { "places" };
            let _ = writeln!(
                out,
                "{pad} {} {hidden} more {places} not shown",
                paint.blue("=")
            );
        }
        if !self.help.is_empty() {
            if !located.is_empty() && hidden == 0 {
                let _ = writeln!(out, "{pad} {}", paint.blue("|"));
            }
            for help in &self.help {
                let _ = writeln!(
                    out,
                    "{pad} {} {}",
                    paint.blue("="),
                    paint.bold(&format!("help: {}", escape(help)))
                );
            }
        }
        out
    }
}

/// The most labels a diagnostic draws; the others are counted.
pub const MAX_LABELS: usize = 12;

/// The longest stretch of a source line a diagnostic shows.
const MAX_SHOWN: usize = 100;

struct Mark<'a> {
    col: usize,
    width: usize,
    primary: bool,
    text: std::borrow::Cow<'a, str>,
}

fn draw_marks(out: &mut String, pad: &str, mut marks: Vec<Mark>, paint: &Paint) {
    marks.sort_by_key(|m| m.col);
    let bar = paint.blue("|");
    let mut row = String::new();
    let mut at = 0;
    for m in &marks {
        if m.col < at {
            continue;
        }
        row.push_str(&" ".repeat(m.col - at));
        let glyph = if m.primary { "^" } else { "-" };
        row.push_str(&paint.mark(&glyph.repeat(m.width), m.primary));
        at = m.col + m.width;
    }
    // The rightmost label's text goes on the underline row; the others hang below it.
    let mut hanging: Vec<&Mark> = marks.iter().filter(|m| !m.text.is_empty()).collect();
    if let Some(last) = hanging.pop_if(|m| std::ptr::eq(*m, marks.last().unwrap_or(m))) {
        let _ = write!(row, " {}", paint.mark(&last.text, last.primary));
    }
    let _ = writeln!(out, "{pad} {bar} {}", row.trim_end());
    while let Some(current) = hanging.pop() {
        let mut connectors = String::new();
        let mut at = 0;
        for m in hanging.iter().chain(std::iter::once(&current)) {
            connectors.push_str(&" ".repeat(m.col.saturating_sub(at)));
            connectors.push_str(&paint.mark("|", m.primary));
            at = m.col + 1;
        }
        let _ = writeln!(out, "{pad} {bar} {connectors}");
        let mut text = String::new();
        let mut at = 0;
        for m in &hanging {
            text.push_str(&" ".repeat(m.col.saturating_sub(at)));
            text.push_str(&paint.mark("|", m.primary));
            at = m.col + 1;
        }
        text.push_str(&" ".repeat(current.col.saturating_sub(at)));
        text.push_str(&paint.mark(&current.text, current.primary));
        let _ = writeln!(out, "{pad} {bar} {text}");
    }
}

struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn error(&self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    fn warning(&self, s: &str) -> String {
        self.wrap("1;33", s)
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn blue(&self, s: &str) -> String {
        self.wrap("1;34", s)
    }
    fn mark(&self, s: &str, primary: bool) -> String {
        if primary {
            self.wrap("1;31", s)
        } else {
            self.wrap("1;34", s)
        }
    }
}

/// The sources of one run, sharing one offset space. Offsets are `u32` (see [`Span`]): a
/// source that would take the space past `u32::MAX` is refused.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Clone, Debug)]
struct SourceFile {
    name: String,
    text: String,
    base: u32,
    /// Offset (from `base`) of the start of each line, so that locating a span is a binary
    /// search.
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// The offset just past the end of the text: a span may end there, and an error at the end
    /// of the input starts there.
    fn end(&self) -> u32 {
        // `add` checked that `base + len` fits.
        self.base
            .saturating_add(u32::try_from(self.text.len()).unwrap_or(u32::MAX))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Location<'a> {
    pub file: &'a str,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub line_text: &'a str,
}

/// The last offset a source may reach: every offset of every source fits a [`Span`]'s `u32`.
const MAX_OFFSET: u32 = u32::MAX;

impl SourceMap {
    /// Adds a source and returns the offset its spans start at; an error if its offsets would
    /// pass `u32::MAX` (a run reading about 4 GiB of sources).
    pub fn add(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> Result<usize, Diagnostic> {
        self.add_within(MAX_OFFSET, name.into(), text.into())
    }

    /// [`SourceMap::add`] with offsets up to `limit`: tests try the refusal on small sources.
    fn add_within(&mut self, limit: u32, name: String, text: String) -> Result<usize, Diagnostic> {
        // One offset between sources, so that the end of one is not the start of the next.
        let base = self.files.last().map_or(0, |f| u64::from(f.end()) + 1);
        let end = base + text.len() as u64;
        let (Ok(base), true) = (u32::try_from(base), end <= u64::from(limit)) else {
            return Err(Diagnostic::new(format!(
                "input too large: `{name}` takes the sources of this run past {limit} bytes"
            ))
            .help("read fewer or smaller files in one run"));
        };
        // Sized exactly: a large source has millions of lines.
        let mut line_starts = Vec::with_capacity(1 + text.bytes().filter(|&b| b == b'\n').count());
        line_starts.push(0);
        // Each is at most `end`, which fits a `u32`: the conversion never fails.
        line_starts.extend(
            text.match_indices('\n')
                .filter_map(|(i, _)| u32::try_from(i + 1).ok()),
        );
        self.files.push(SourceFile {
            name,
            text,
            base,
            line_starts,
        });
        Ok(base as usize)
    }

    fn file_of(&self, offset: u32) -> Option<&SourceFile> {
        self.files
            .iter()
            .rev()
            .find(|f| offset >= f.base && offset <= f.end())
    }

    /// The source text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.file_of(span.start)
            .and_then(|f| {
                let start = (span.start - f.base) as usize;
                let end = span.end.saturating_sub(f.base) as usize;
                f.text.get(start..end)
            })
            .unwrap_or("")
    }

    fn char_len(&self, span: Span) -> usize {
        self.slice(span).chars().take_while(|&c| c != '\n').count()
    }

    pub fn locate(&self, offset: u32) -> Option<Location<'_>> {
        let file = self.file_of(offset)?;
        let local = offset - file.base;
        // The number of line starts at or before `local` is the 1-based line number.
        let line = file.line_starts.partition_point(|&start| start <= local);
        let line_start = file.line_starts[line - 1] as usize;
        let local = local as usize;
        let line_end = file.text[local..]
            .find('\n')
            .map_or(file.text.len(), |i| local + i);
        Some(Location {
            file: &file.name,
            line,
            column: file.text.get(line_start..local)?.chars().count() + 1,
            line_text: &file.text[line_start..line_end],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_hanging_labels() {
        let mut sources = SourceMap::default();
        sources.add("<expr>", "1 GB + 1 s").unwrap();
        let d = Diagnostic::new("cannot add Information and Time")
            .secondary(Span::new(0, 4), "Information")
            .primary(Span::new(5, 6), "")
            .secondary(Span::new(7, 10), "Time");
        insta::assert_snapshot!(d.render(&sources, false), @r"
        error: cannot add Information and Time
         --> <expr>:1:6
          |
        1 | 1 GB + 1 s
          | ---- ^ --- Time
          | |
          | Information
        ");
    }

    #[test]
    fn long_lines_are_windowed() {
        let mut sources = SourceMap::default();
        let line = format!("{}x{}", "1+".repeat(200), "+1".repeat(200));
        sources.add("<expr>", line).unwrap();
        let d = Diagnostic::new("unknown name `x`").primary(Span::new(400, 401), "here");
        let rendered = d.render(&sources, false);
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[3].starts_with("1 | …"), "{rendered}");
        assert!(lines[3].ends_with('…'));
        let caret = lines[4].find('^').unwrap();
        assert_eq!(lines[3].chars().nth(caret), Some('x'), "{rendered}");
    }

    #[test]
    fn locates_across_sources() {
        let mut sources = SourceMap::default();
        sources.add("a.bote", "x = 1\ny = 2").unwrap();
        let base = sources.add("--set y", "3 +").unwrap();
        let loc = sources.locate(u32::try_from(base + 3).unwrap()).unwrap();
        assert_eq!((loc.file, loc.line, loc.column), ("--set y", 1, 4));
        let loc = sources.locate(8).unwrap();
        assert_eq!(
            (loc.file, loc.line, loc.column, loc.line_text),
            ("a.bote", 2, 3, "y = 2")
        );
    }

    #[test]
    fn refuses_a_source_past_the_last_offset() {
        let mut sources = SourceMap::default();
        let add = |sources: &mut SourceMap, name: &str, text: &str| {
            sources.add_within(20, name.to_string(), text.to_string())
        };
        assert_eq!(add(&mut sources, "a", "0123456789").unwrap(), 0);
        // Offsets 11 to 20: the last one allowed is the end of this source.
        assert_eq!(add(&mut sources, "b", "abcdefghi").unwrap(), 11);
        let refused = add(&mut sources, "c", "").unwrap_err();
        assert_eq!(
            refused.message,
            "input too large: `c` takes the sources of this run past 20 bytes"
        );
        // Nothing of the refused source was kept: the last offset is still the end of `b`.
        assert_eq!(sources.locate(20).map(|l| l.file), Some("b"));
        assert_eq!(sources.locate(21), None);
    }
}
