//! What can still go wrong once dimensions are settled: errors that depend on values.
//! [`EvalError::to_diagnostic`] is the one place they are worded.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub kind: EvalErrorKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EvalErrorKind {
    DivisionByZero,
    Overflow,
    /// A result of numbers that are not 0, too small for a double, which would read as 0.
    Underflow,
    /// `within -200%`.
    NegativeTolerance,
    /// Finite in base units, but not in the unit asked for.
    ConversionOverflow {
        unit: String,
    },
    NotANumber,
    /// A value outside a function's domain, with the message that says so.
    Domain(String),
    /// A distribution's parameters that describe none (`5 to 1`, `normal(1, -1)`), or a
    /// model's arguments outside its domain (`mm1_wait(100%, 10 ms)`): what is wrong, the
    /// label under them, and what to write instead.
    Parameters {
        message: String,
        label: String,
        help: String,
    },
}

impl EvalError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match &self.kind {
            EvalErrorKind::DivisionByZero => {
                Diagnostic::new("division by zero").primary(self.span, "this is zero")
            }
            EvalErrorKind::Overflow => Diagnostic::new("the result is too large to represent")
                .primary(self.span, "overflows to infinity")
                .help("numbers must stay below about 1.8e308 in base units"),
            EvalErrorKind::Underflow => Diagnostic::new("the result is too small to represent")
                .primary(self.span, "underflows to 0")
                .help("numbers must stay above about 5e-324 in base units; use larger units or fewer factors"),
            EvalErrorKind::ConversionOverflow { unit } => {
                Diagnostic::new(format!("the result is too large to represent in `{unit}`"))
                    .primary(self.span, "overflows to infinity when converted")
                    .help("convert to a larger unit")
            }
            EvalErrorKind::NegativeTolerance => Diagnostic::new("a tolerance cannot be negative")
                .primary(self.span, "below zero")
                .help("write how far apart the sides may be, e.g. `within 1%` or `within 5 GB`"),
            EvalErrorKind::NotANumber => {
                Diagnostic::new("the result is not a number").primary(self.span, "undefined here")
            }
            EvalErrorKind::Domain(message) => {
                Diagnostic::new(message.clone()).primary(self.span, "out of range")
            }
            EvalErrorKind::Parameters {
                message,
                label,
                help,
            } => Diagnostic::new(message.clone())
                .primary(self.span, label.clone())
                .help(help.clone()),
        }
    }
}
