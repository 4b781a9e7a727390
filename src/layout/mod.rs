//! `bote fmt`: a scenario file in the canonical layout, its meaning unchanged. The file is
//! parsed, and written back a line at a time: each statement on a line of its own (from its
//! tree, spaced as [`crate::syntax::print`] spaces expressions), each `import` as written,
//! each comment verbatim. Within a block (lines with no blank line between them) the `=` of
//! the definitions line up, and so do the trailing comments; runs of blank lines become one.
//!
//! The formatted text is then parsed again and compared with the first reading, node by node
//! but for where each node lies ([`same`]): a difference is a bug of this module, and is an
//! error ([`FormatError::Changed`]) rather than a file that means something else.

mod same;

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr as _;

use crate::ast::{Expr, Program, Statement, StmtKind, Target};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::span::Span;
use crate::syntax::print::{self, Mode};
use crate::syntax::{self, ParseError};

/// Why a text could not be formatted.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatError {
    /// The text does not parse. `source` is the text as it was parsed (without a byte-order
    /// mark, a lone carriage return read as a newline), which the error's span points into.
    Parse { error: ParseError, source: String },
    /// The formatted text would read differently: a bug of the formatter. `span` is the first
    /// statement (or import, or the leading comment) that would change, in `source`.
    Changed { span: Span, source: String },
}

impl FormatError {
    /// The error as a diagnostic about the file `name`, with the sources it is drawn against.
    pub fn to_diagnostic(&self, name: &str) -> (Diagnostic, SourceMap) {
        let (FormatError::Parse { source, .. } | FormatError::Changed { source, .. }) = self;
        let mut sources = SourceMap::default();
        // The first source of a map starts at offset 0, where the spans of `format` start.
        if let Err(too_large) = sources.add(name, source.as_str()) {
            return (too_large, sources);
        }
        let diagnostic = match self {
            FormatError::Parse { error, .. } => error.to_diagnostic(&sources),
            FormatError::Changed { span, .. } => Diagnostic::new(format!(
                "bote fmt would change the meaning of `{name}`; the file is left unchanged"
            ))
            .primary(*span, "this would read differently once formatted")
            .help("this is a bug in bote fmt: please report it, with the file"),
        };
        (diagnostic, sources)
    }
}

/// `text` in the canonical layout; an error if it does not parse, or (a bug) if the layout
/// would change what it means.
pub fn format(text: &str) -> Result<String, FormatError> {
    let source = crate::session::normalized(text);
    let program = match syntax::parse_program(&source, 0) {
        Ok(program) => program,
        Err(error) => {
            return Err(FormatError::Parse {
                error,
                source: source.into_owned(),
            });
        }
    };
    let formatted = lay_out(&source, &program);
    let changed = match syntax::parse_program(&formatted, 0) {
        Ok(again) => same::first_difference(&source, &program, &formatted, &again),
        Err(_) => Some(Span::new(0, source.len())),
    };
    match changed {
        None => Ok(formatted),
        Some(span) => Err(FormatError::Changed {
            span,
            source: source.into_owned(),
        }),
    }
}

/// A line of the output.
enum Line {
    Blank,
    /// A comment alone on its line, from its `#`.
    Comment(String),
    Code {
        /// What stands before a definition's `=` (`dau`, `calendar year`), which the block
        /// aligns; `None` for a line without `=`.
        head: Option<String>,
        /// The rest: after the `=` of a definition, else the whole statement.
        body: String,
        /// A trailing comment, from its `#`.
        comment: Option<String>,
    },
}

/// A statement or an import, where it lies in the source.
enum Item<'a> {
    Statement(&'a Statement),
    Import { path: &'a str, span: Span },
}

impl Item<'_> {
    fn span(&self) -> Span {
        match self {
            Item::Statement(s) => s.span,
            Item::Import { span, .. } => *span,
        }
    }
}

/// The statements and imports of `program`, in source order.
fn items(program: &Program) -> Vec<Item<'_>> {
    let mut out = Vec::with_capacity(program.statements.len() + program.imports.len());
    let mut imports = program.imports.iter().peekable();
    for statement in &program.statements {
        while let Some(import) = imports.next_if(|i| i.path_span.start < statement.span.start) {
            out.push(Item::Import {
                path: &import.path,
                span: import.path_span,
            });
        }
        out.push(Item::Statement(statement));
    }
    out.extend(imports.map(|import| Item::Import {
        path: &import.path,
        span: import.path_span,
    }));
    out
}

/// Blanks as the parser skips them.
const BLANKS: [char; 3] = [' ', '\t', '\r'];

/// The program, parsed from `src`, laid out.
fn lay_out(src: &str, program: &Program) -> String {
    let items = items(program);
    let mut items = items.iter().peekable();
    let mut lines = Vec::new();
    let mut line_start = 0;
    for raw in src.split('\n') {
        let line_end = line_start + raw.len();
        let mut code = Vec::new();
        while let Some(item) = items.next_if(|i| (i.span().start as usize) < line_end + 1) {
            code.push(item);
        }
        let after = code
            .last()
            .map_or(line_start, |i| i.span().end as usize)
            .clamp(line_start, line_end);
        let rest = &src[after..line_end];
        let comment = rest.find('#').map(|at| {
            let attached = !code.is_empty() && rest[..at].trim_matches(BLANKS).is_empty();
            (rest[at..].trim_end().to_string(), attached)
        });
        let last = code.len().saturating_sub(1);
        for (i, item) in code.iter().enumerate() {
            let (head, body) = item_text(src, item);
            let comment = match &comment {
                Some((text, true)) if i == last => Some(text.clone()),
                _ => None,
            };
            lines.push(Line::Code {
                head,
                body,
                comment,
            });
        }
        match comment {
            Some((text, false)) => lines.push(Line::Comment(text)),
            Some((_, true)) => {}
            None if code.is_empty() => lines.push(Line::Blank),
            None => {}
        }
        line_start = line_end + 1;
    }
    render(&lines)
}

/// The lines, blank runs made one, each block aligned.
fn render(lines: &[Line]) -> String {
    let mut out = String::new();
    let blocks = lines
        .split(|line| matches!(line, Line::Blank))
        .filter(|block| !block.is_empty());
    for (i, block) in blocks.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        block_text(block, &mut out);
    }
    out
}

/// A block of lines with no blank between them: `=` and trailing comments aligned.
fn block_text(block: &[Line], out: &mut String) {
    let head_width = block
        .iter()
        .filter_map(|line| match line {
            Line::Code { head: Some(h), .. } => Some(h.width()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let code = |head: &Option<String>, body: &str| match head {
        Some(h) => format!("{h}{} = {body}", " ".repeat(head_width - h.width())),
        None => body.to_string(),
    };
    let comment_column = block
        .iter()
        .filter_map(|line| match line {
            Line::Code {
                head,
                body,
                comment: Some(_),
            } => Some(code(head, body).width()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for line in block {
        match line {
            Line::Blank => {}
            Line::Comment(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Line::Code {
                head,
                body,
                comment,
            } => {
                let code = code(head, body);
                out.push_str(&code);
                if let Some(comment) = comment {
                    let pad = comment_column - code.width() + 2;
                    let _ = write!(out, "{}{comment}", " ".repeat(pad));
                }
                out.push('\n');
            }
        }
    }
}

/// A statement or an import as its line shows it: the head before an aligned `=`, if any,
/// and the rest.
fn item_text(src: &str, item: &Item) -> (Option<String>, String) {
    let statement = match item {
        Item::Import { path, .. } => return (None, format!("import \"{path}\"")),
        Item::Statement(statement) => statement,
    };
    let start = statement.span.start as usize;
    match &statement.kind {
        StmtKind::Define {
            name,
            name_span,
            value,
            target,
        } => {
            let from = after(src, name_span.end as usize, "=");
            let body = converted(src, from, value, target.as_deref());
            (Some(name.to_string()), body)
        }
        StmtKind::Eval { value, target } => (None, converted(src, start, value, target.as_deref())),
        StmtKind::Assert {
            lhs,
            op,
            rhs,
            tolerance,
        } => {
            let mut text = format!("assert {}", expression(src, start + "assert".len(), lhs));
            let from = after(src, lhs.span.end as usize, op.symbol());
            let _ = write!(text, " {} {}", op.symbol(), expression(src, from, rhs));
            if let Some(tolerance) = tolerance {
                let from = after(src, rhs.span.end as usize, "within");
                let _ = write!(text, " within {}", expression(src, from, tolerance));
            }
            (None, text)
        }
        StmtKind::UnitDecl { name, .. } => (None, format!("unit {name}")),
        StmtKind::Calendar { name, .. } => (None, format!("calendar {name}")),
        StmtKind::CalendarLength {
            unit_span, value, ..
        } => {
            let from = after(src, unit_span.end as usize, "=");
            let head = format!("calendar {}", unit_span.text(src));
            (Some(head), expression(src, from, value))
        }
    }
}

fn expression(src: &str, from: usize, expr: &Expr) -> String {
    print::expression(src, 0, from, expr, Mode::Value)
}

/// The offset just past `token`, the next thing in `src` after `at` but blanks.
fn after(src: &str, at: usize, token: &str) -> usize {
    let rest = src.get(at..).unwrap_or("");
    let blanks = rest.len() - rest.trim_start_matches(BLANKS).len();
    at + blanks + token.len()
}

/// A value and its conversion, `-> GB/day`, with the keyword its author chose (`->`, `in` or
/// `to`). The target's text is already in the canonical layout (see [`Target::Unit`]).
fn converted(src: &str, from: usize, value: &Expr, target: Option<&Target>) -> String {
    let mut text = expression(src, from, value);
    let Some(target) = target else {
        return text;
    };
    let rest = src.get(value.span.end as usize..).unwrap_or("");
    let rest = rest.trim_start_matches(BLANKS);
    let keyword = ["->", "in", "to"]
        .into_iter()
        .find(|k| rest.starts_with(k))
        .unwrap_or("->");
    let unit = match target {
        Target::Percent(_) => "%",
        Target::Unit { text, .. } => text,
    };
    let _ = write!(text, " {keyword} {unit}");
    text
}

#[cfg(test)]
mod tests;
