//! What a parse error is: [`ParseError`], a [`ParseErrorKind`] at a span, and
//! [`ParseError::to_diagnostic`], the one place a parse error becomes a [`Diagnostic`] with its
//! message, labels and help.

use super::{MAX_NESTING, MAX_TREE_DEPTH};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub kind: ParseErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParseErrorKind {
    /// `expected {0}`; the renderer adds what was found.
    Expected(&'static str),
    UnclosedParen {
        open: Span,
    },
    /// `import "common.bote` with no closing quote on the line.
    UnclosedQuote {
        open: Span,
    },
    TooDeep,
    TooTall,
    NumberOutOfRange,
    /// A nonzero literal that rounds to zero (`1e-400`).
    NumberTooSmall,
    BadCharacter(char),
    ApproxNeedsTolerance,
    ToleranceNeedsApprox,
    UnknownCalendar(String),
    Keyword(String),
    /// `10k million`, `1e3k`: two scales on one number.
    DoubleScale,
    /// `min (1, 2)`: a space between a function and its `(`.
    SpacedCall(String),
}

impl ParseError {
    /// The error as it is shown: `found` names the text under the span, or the end of the line
    /// or input when the span is empty.
    pub fn to_diagnostic(&self, sources: &SourceMap) -> Diagnostic {
        let found = {
            let text = sources.slice(self.span);
            let next = sources.slice(Span {
                start: self.span.start,
                end: self.span.start.saturating_add(1),
            });
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && crate::invisible::is_hidden(c)
            {
                format!("{}, which is invisible", crate::invisible::describe(c))
            } else if !text.is_empty() {
                format!("`{}`", crate::invisible::escape(text))
            } else if next == "\n" {
                "the end of the line".to_string()
            } else {
                "the end of the input".to_string()
            }
        };
        match &self.kind {
            ParseErrorKind::Expected(what) => Diagnostic::new(format!("expected {what}, found {found}"))
                .primary(self.span, format!("expected {what}")),
            ParseErrorKind::UnclosedParen { open } => Diagnostic::new("unclosed parenthesis")
                .primary(self.span, "expected `)`")
                .secondary(*open, "opened here"),
            ParseErrorKind::UnclosedQuote { open } => Diagnostic::new("unclosed quote")
                .primary(self.span, "expected `\"`")
                .secondary(*open, "opened here")
                .help("a path ends with `\"` on the same line: `import \"common.bote\"`"),
            ParseErrorKind::TooDeep => Diagnostic::new(format!(
                "expression nested too deeply (more than {MAX_NESTING} levels)"
            ))
            .primary(self.span, "too deep")
            .help("split it into named definitions"),
            ParseErrorKind::TooTall => Diagnostic::new(format!(
                "expression too long (more than {MAX_TREE_DEPTH} operations in one chain)"
            ))
            .primary(self.span, "too long")
            .help("split it into named definitions"),
            ParseErrorKind::NumberOutOfRange => Diagnostic::new("number too large")
                .primary(self.span, "beyond about 1.8e308")
                .help("numbers are 64-bit floating point; use a larger unit"),
            ParseErrorKind::NumberTooSmall => Diagnostic::new("number too small")
                .primary(self.span, "below about 4.9e-324, it would be 0")
                .help("numbers are 64-bit floating point; use a smaller unit"),
            ParseErrorKind::BadCharacter(c) => {
                Diagnostic::new(format!("unexpected character U+{:04X}", *c as u32))
                    .primary(self.span, "not allowed here")
            }
            ParseErrorKind::ApproxNeedsTolerance => Diagnostic::new("`~=` needs a tolerance")
                .primary(self.span, "expected `within`")
                .help("e.g. `assert total ~= 110 PB within 1%`"),
            ParseErrorKind::ToleranceNeedsApprox => Diagnostic::new("`within` goes with `~=`")
                .primary(self.span, "")
                .help("e.g. `assert total ~= 110 PB within 1%`"),
            ParseErrorKind::UnknownCalendar(name) => {
                let names: Vec<String> = crate::quantity::conventions::CALENDARS
                    .iter()
                    .map(|c| format!("`{}` ({})", c.name, c.about))
                    .collect();
                Diagnostic::new(format!("unknown calendar `{name}`"))
                    .primary(self.span, "not a calendar")
                    .help(format!(
                        "the calendars are {}; or set one length: `calendar year = 365 days`",
                        names.join(", ")
                    ))
            }
            ParseErrorKind::SpacedCall(name) => Diagnostic::new(format!(
                "a call to `{name}` needs its `(` right after the name"
            ))
            .primary(self.span, "space before `(`")
            .help(format!("write `{name}(…)`; a name followed by a space is a value or unit")),
            ParseErrorKind::DoubleScale => Diagnostic::new("a number takes one scale")
                .primary(self.span, "a second scale")
                .help("write one of an exponent (`1e9`), a suffix (`1bn`) or a word (`1 billion`)"),
            ParseErrorKind::Keyword(word) => Diagnostic::new(format!("expected an expression, found the keyword `{word}`"))
                .primary(self.span, "a keyword")
                .help("`per`, `in`, `to` and `within` join two expressions; scale words follow a number (`100 million`)"),
        }
    }
}
