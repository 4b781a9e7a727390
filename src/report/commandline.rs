//! Short programs given as command-line arguments (`bote sla 99.9%`, `--window '28 days'`):
//! [`evaluate`] runs them through the pipeline and keeps each expression statement's value;
//! the other functions check that a value is what an argument must hold. [`evaluate`] is the
//! only place the reliability reports drive the pipeline.

use crate::Input;
use crate::check::Item;
use crate::conventions::Conventions;
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::dimension::Dimension;
use crate::eval::{Number, Outcome};
use crate::format;
use crate::reliability;
use crate::span::Span;

/// One expression statement's value.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    pub span: Span,
    pub number: Number,
    pub dim: Dimension,
}

/// What the arguments computed.
pub struct Evaluated {
    pub values: Vec<Value>,
    /// The conventions in force after their `calendar` statements.
    pub conventions: Conventions,
    /// Each failed `assert`, as a diagnostic.
    pub failures: Vec<Diagnostic>,
}

/// Evaluates named sources (`("--window", "28 days")`) as one program, starting from
/// `conventions`.
pub fn evaluate(
    texts: &[(String, String)],
    conventions: Conventions,
    sources: &mut SourceMap,
) -> Result<Evaluated, Diagnostic> {
    let inputs: Vec<Input> = texts
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let run = crate::run(&inputs, &[], conventions, sources)?;
    let mut values = Vec::new();
    for (item, outcome) in run.checked.items.iter().zip(&run.evaluated.outcomes) {
        if let (Item::Eval { span, expr, .. }, Outcome::Eval(number)) = (item, outcome) {
            values.push(Value {
                span: *span,
                number: *number,
                dim: expr.dim,
            });
        }
    }
    let failures = super::build(&run, sources, format::DEFAULT_PRECISION)
        .assertions
        .iter()
        .filter(|a| !a.passed)
        .map(|a| a.to_diagnostic())
        .collect();
    Ok(Evaluated {
        values,
        conventions: run.checked.conventions,
        failures,
    })
}

/// A value's dimension in words: "a plain number", "Time"…
pub fn dimension_words(dim: Dimension) -> String {
    if dim.is_none() {
        "a plain number".to_string()
    } else {
        dim.describe(&[])
    }
}

/// The one value an option such as `--window` holds, of the given dimension.
pub fn single(
    evaluated: &Evaluated,
    dim: Dimension,
    what: &str,
    example: &str,
) -> Result<Value, Diagnostic> {
    let mut values = evaluated.values.iter();
    let Some(v) = values.next() else {
        return Err(Diagnostic::new(format!("{what} is empty")).help(format!("e.g. {example}")));
    };
    if let Some(extra) = values.next() {
        return Err(
            Diagnostic::new(format!("{what} is one value, but this gives more"))
                .primary(extra.span, "a second value")
                .help(format!("e.g. {example}")),
        );
    }
    if v.dim != dim {
        return Err(Diagnostic::new(format!(
            "{what} must be {}, but this is {}",
            dimension_words(dim),
            dimension_words(v.dim)
        ))
        .primary(v.span, dimension_words(v.dim))
        .help(format!("e.g. {example}")));
    }
    Ok(*v)
}

/// A plain number in [0, 1], such as an availability.
pub fn fraction_in_range(v: &Value, what: &str) -> Result<Number, Diagnostic> {
    if !v.dim.is_none() {
        return Err(Diagnostic::new(format!(
            "{what} is a fraction such as `99.95%`, but this is {}",
            v.dim.describe(&[])
        ))
        .primary(v.span, v.dim.describe(&[])));
    }
    match reliability::not_a_fraction(v.number, what) {
        None => Ok(v.number),
        Some(message) => Err(Diagnostic::new(message).primary(v.span, "out of range")),
    }
}
