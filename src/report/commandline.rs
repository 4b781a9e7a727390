//! Short programs given as command-line arguments (`bote sla 99.9%`, `--window '28 days'`):
//! [`evaluate`] runs them through the pipeline and keeps each expression statement's value;
//! the other functions check that a value is what an argument must hold. [`evaluate`] is the
//! only place the reliability reports drive the pipeline. [`duration_option`] also reads the
//! durations of alert rules (`4w`, `1h30m`), which are not the language's.

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::eval::Entry;
use crate::format::Style;
use crate::quantity::conventions::{Conventions, DAY_S, HOUR_S, MINUTE_S, WEEK_S};
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
    let entries = evaluation
        .entries()
        .collect::<Result<Vec<_>, _>>()
        .map_err(crate::Error::Eval)?;
    // `bote sla '99.9% to 99.99%'` would answer for the median alone.
    for entry in &entries {
        if let Entry::Expression { expression, value } = entry
            && value.is_uncertain()
        {
            return Err(crate::Error::Input(
                crate::Diagnostic::new("`bote sla` and `bote slo` take certain numbers")
                    .primary(expression.span, "a range")
                    .help(
                        "for an uncertain availability, write it in a scenario, \
                         `sla = availability(99.9% to 99.99%)`, and `bote run` it",
                    ),
            ));
        }
    }
    let values = entries
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
    .map_err(crate::Error::Eval)?
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

/// The units of an alert rule's duration (Prometheus, Alertmanager, Sloth), largest first.
/// No `y`: a year's length is a calendar convention, so `1 year` goes through the language.
const SRE_UNITS: &[(&str, Number)] = &[
    ("w", WEEK_S),
    ("d", DAY_S),
    ("h", HOUR_S),
    ("m", MINUTE_S),
    ("s", 1.0),
    ("ms", 1e-3),
];

/// A duration as alert rules write it, in seconds: whole numbers each followed by a unit,
/// units from largest to smallest, each at most once: `4w`, `28d`, `6h`, `30m`, `90s`,
/// `1h30m`, `500ms`. `None` for anything else, which is then read as the language.
pub fn sre_duration(text: &str) -> Option<Number> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    let mut seconds = 0.0;
    // Units must come in the order of `SRE_UNITS`: the next one is searched from here.
    let mut next_unit = 0;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return None;
        }
        let count: Number = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let letters = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let unit = &rest[..letters];
        rest = &rest[letters..];
        let offset = SRE_UNITS[next_unit..]
            .iter()
            .position(|(u, _)| *u == unit)?;
        seconds += count * SRE_UNITS[next_unit + offset].1;
        next_unit += offset + 1;
    }
    seconds.is_finite().then_some(seconds)
}

/// A duration option such as `--window`: an alert-rule duration (`4w`, `1h30m`) or any
/// expression of the language (`'28 days'`, `'1 month'`), evaluated under `conventions`.
/// Its text joins `sources` as `name`; `what` names it in errors ("the window"). Returns the
/// value and the failed assertions among it.
pub fn duration_option(
    name: &str,
    what: &str,
    text: &str,
    conventions: Conventions,
    sources: &mut SourceMap,
    example: &str,
) -> Result<(ArgumentValue, Vec<Diagnostic>), Diagnostic> {
    if let Some(seconds) = sre_duration(text) {
        let base = sources.add(name, text)?;
        let value = ArgumentValue {
            span: Span::new(base, base + text.len()),
            number: seconds,
            unavailability: crate::value::complement(seconds),
            dim: Dimension::TIME,
        };
        return Ok((value, Vec::new()));
    }
    let help = format!(
        "`{name}` takes a duration: {example}, or one as alert rules write it \
         (`4w`, `28d`, `6h`, `1h30m`)"
    );
    let evaluated = evaluate(
        &[(name.to_string(), text.to_string())],
        conventions,
        sources,
    )
    .map_err(|d| d.help(help.clone()))?;
    let value = single(&evaluated, Dimension::TIME, what, example)?;
    Ok((value, evaluated.failures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_rule_durations() {
        assert_eq!(sre_duration("4w"), Some(4.0 * WEEK_S));
        assert_eq!(sre_duration("28d"), Some(28.0 * DAY_S));
        assert_eq!(sre_duration("6h"), Some(6.0 * HOUR_S));
        assert_eq!(sre_duration("30m"), Some(1800.0));
        assert_eq!(sre_duration("90s"), Some(90.0));
        assert_eq!(sre_duration("500ms"), Some(0.5));
        assert_eq!(sre_duration("1h30m"), Some(5400.0));
        assert_eq!(
            sre_duration("1w2d3h4m5s6ms"),
            Some(WEEK_S + 2.0 * DAY_S + 3.0 * HOUR_S + 245.006)
        );
        assert_eq!(sre_duration(" 6h "), Some(6.0 * HOUR_S));
    }

    #[test]
    fn anything_else_is_left_to_the_language() {
        for text in [
            "", "h", "4", "30 days", "1.5h", "1y", "4W", "30M", "1m1h", "1h1h", "-5m", "1h 30m",
            "6hours", "30min",
        ] {
            assert_eq!(sre_duration(text), None, "{text:?}");
        }
    }
}
