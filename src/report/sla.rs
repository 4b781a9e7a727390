//! The report of `bote sla`: availabilities, given as expressions or derived from downtime
//! budgets (`--downtime '5 min/month'`), with the downtime each allows per period. Arguments
//! are checked here, so that every wrong one is an error pointing into it.

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::format::{Shown, Style};
use crate::quantity::conventions::Conventions;
use crate::value::Number;

use super::Downtime;
use super::commandline::{dimension_words, evaluate, fraction_in_range};

/// What `bote sla` was asked.
#[derive(Clone, Debug)]
pub struct SlaRequest {
    /// Availabilities: `99.95%`, `nines(4)`, any expression.
    pub availabilities: Vec<String>,
    /// Downtime budgets as time per period: `5 min/month`.
    pub downtime: Vec<String>,
    /// The calendar before any `calendar` statement in the arguments.
    pub calendar: Conventions,
    /// Significant digits of the shown availabilities.
    pub style: Style,
}

/// Where a row came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An availability as given.
    Given,
    /// A `--downtime` budget: the availability it allows.
    Budget,
}

/// One availability and the downtime it allows.
#[derive(Clone, Debug, PartialEq)]
pub struct SlaRow {
    pub origin: Origin,
    /// The argument's text, without `--downtime`.
    pub expr: String,
    pub fraction: Number,
    /// What the fraction lacks of 1, exact where the fraction rounds to 1 (`nines(20)`).
    pub unavailability: Number,
    /// `99.95% (3.3 nines)`.
    pub shown: Shown,
    pub downtime: Downtime,
}

impl SlaRow {
    /// The argument as typed on the command line: `99.9%`, `--downtime 5 min/month`.
    pub fn argument(&self) -> String {
        match self.origin {
            Origin::Given => self.expr.clone(),
            Origin::Budget => format!("--downtime {}", self.expr),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SlaReport {
    /// The calendar in force after the arguments' `calendar` statements.
    pub conventions: Conventions,
    /// Given availabilities first, then budgets, each in command-line order.
    pub rows: Vec<SlaRow>,
    /// Each failed `assert` among the arguments.
    pub failures: Vec<Diagnostic>,
}

/// Evaluates and checks the arguments; an error points into the argument at fault, whose
/// text `sources` then holds.
pub fn build(request: &SlaRequest, sources: &mut SourceMap) -> Result<SlaReport, Diagnostic> {
    // Availabilities and downtime budgets are two programs; a `calendar` statement among the
    // availabilities applies to the budgets too.
    let given: Vec<(String, String)> = request
        .availabilities
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("<availability {}>", i + 1), a.clone()))
        .collect();
    let budgets: Vec<(String, String)> = request
        .downtime
        .iter()
        .map(|d| ("--downtime".to_string(), d.clone()))
        .collect();
    let first = evaluate(&given, request.calendar, sources)?;
    let second = evaluate(&budgets, first.conventions, sources)?;
    let conventions = second.conventions;
    let mut rows = Vec::new();
    let mut row = |origin, expr: &str, (fraction, unavailability)| {
        rows.push(SlaRow {
            origin,
            expr: expr.to_string(),
            fraction,
            unavailability,
            shown: request.style.availability(fraction, unavailability),
            downtime: Downtime::of(unavailability, &conventions),
        });
    };
    for v in &first.values {
        let fraction = fraction_in_range(v, "an availability")?;
        row(Origin::Given, sources.slice(v.span), fraction);
    }
    for v in &second.values {
        if !v.dim.is_none() {
            return Err(Diagnostic::new(format!(
                "a downtime budget is a duration per period, but this is {}",
                dimension_words(v.dim)
            ))
            .primary(v.span, dimension_words(v.dim))
            .help("e.g. `--downtime '5 min/month'` or `--downtime '52.6 min/year'`"));
        }
        let (down, _) = fraction_in_range(v, "a downtime budget per period")?;
        row(Origin::Budget, sources.slice(v.span), (1.0 - down, down));
    }
    if rows.is_empty() {
        return Err(
            Diagnostic::new("nothing to show: no availability was given")
                .help("e.g. `bote sla 99.9%` or `bote sla --downtime '5 min/month'`"),
        );
    }
    let mut failures = first.failures;
    failures.extend(second.failures);
    Ok(SlaReport {
        conventions,
        rows,
        failures,
    })
}
