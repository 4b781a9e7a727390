//! Short programs given as command-line arguments (`bote sla 99.9%`, `--window '28 days'`):
//! [`evaluate`] runs them through the pipeline and keeps each expression statement's value;
//! the other functions check that a value is what an argument must hold. [`evaluate`] is the
//! only place the reliability reports drive the pipeline.

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::eval::Entry;
use crate::format::Style;
use crate::quantity::conventions::Conventions;
use crate::quantity::dimension::Dimension;
use crate::reliability;
use crate::session::Session;
use crate::span::Span;
use crate::value::Number;

/// The value of one expression statement in an argument.
#[derive(Clone, Copy, Debug)]
pub struct ArgumentValue {
    pub span: Span,
    pub number: Number,
    /// What `number` lacks of 1, exact for an availability (`nines(20)` is 1 − 1e-20).
    pub unavailability: Number,
    pub dim: Dimension,
}

/// What the arguments computed.
pub struct Evaluated {
    pub values: Vec<ArgumentValue>,
    /// The conventions in force after their `calendar` statements.
    pub conventions: Conventions,
    /// Each failed `assert`, as a diagnostic.
    pub failures: Vec<Diagnostic>,
}

/// Evaluates named sources (`("--window", "28 days")`) as one program, starting from
/// `conventions`. Their text joins `sources`, so that every diagnostic of a command, whichever
/// argument it points into, is drawn against one map.
pub fn evaluate(
    texts: &[(String, String)],
    conventions: Conventions,
    sources: &mut SourceMap,
) -> Result<Evaluated, Diagnostic> {
    let mut session = Session::with_sources(conventions, std::mem::take(sources));
    let result = evaluate_in(&mut session, texts);
    let evaluated = result.map_err(|e| e.to_diagnostic(session.sources()));
    *sources = session.take_sources();
    evaluated
}

fn evaluate_in(
    session: &mut Session,
    texts: &[(String, String)],
) -> Result<Evaluated, crate::Error> {
    for (name, text) in texts {
        session.add(name, text)?;
    }
    session.check()?;
    let evaluation = session.evaluate()?;
    let values = evaluation
        .entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Expression { expression, value } => Some(ArgumentValue {
                span: expression.span,
                number: value.point(),
                unavailability: value.complement(),
                dim: expression.expr.dim,
            }),
            _ => None,
        })
        .collect();
    let failures = super::build(
        &evaluation,
        super::Heading::default(),
        session.sources(),
        &Style::default(),
    )
    .failures();
    Ok(Evaluated {
        values,
        conventions: evaluation.checked.conventions,
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
) -> Result<ArgumentValue, Diagnostic> {
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

/// A plain number in [0, 1], such as an availability: the fraction and what it lacks of 1.
pub fn fraction_in_range(v: &ArgumentValue, what: &str) -> Result<(Number, Number), Diagnostic> {
    if !v.dim.is_none() {
        return Err(Diagnostic::new(format!(
            "{what} is a fraction such as `99.95%`, but this is {}",
            v.dim.describe(&[])
        ))
        .primary(v.span, v.dim.describe(&[])));
    }
    match reliability::not_a_fraction(v.number, what) {
        None => Ok((v.number, v.unavailability)),
        Some(message) => Err(Diagnostic::new(message).primary(v.span, "out of range")),
    }
}
