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
    NotANumber,
    /// A value outside a function's domain, with the message that says so.
    Domain(String),
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
            EvalErrorKind::NotANumber => {
                Diagnostic::new("the result is not a number").primary(self.span, "undefined here")
            }
            EvalErrorKind::Domain(message) => {
                Diagnostic::new(message.clone()).primary(self.span, "out of range")
            }
        }
    }
}
