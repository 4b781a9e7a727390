//! The report: what each computed value is (its [`Kind`], hence its table) and how it is
//! shown. Renderers (text, tables, JSON) read reports; they compute nothing themselves.

mod commandline;
mod downtime;
pub mod numbers;
mod restate;
pub mod rough;
pub mod sla;
pub mod slo;
mod steps;
mod value;
pub(crate) mod written;

use std::collections::HashMap;
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::eval::Sampling;
use crate::eval::{Entry, EvalError, Evaluation};
use crate::format::{self, Frame, Shown, Style};
use crate::quantity::{Conventions, Dimension, Kind};
use crate::sample::Summary;
use crate::span::Span;
use crate::value::{Number, Value};

pub use downtime::{AvailabilityReport, Downtime};
pub use restate::{Digits, Restater};
pub use value::definitions;
use value::{Facts, ValueFacts, definition_report, readings_within, value_report, warnings_within};

/// The most significant digits a failed assertion's sides are shown with, when fewer would
/// make them look equal.
const MAX_PRECISION: usize = 15;

/// One computed value: a definition, or an expression statement (`name` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueReport {
    pub name: Option<String>,
    /// The source of the statement (for `eval`) or of the defining expression (for a scenario).
    pub expr: String,
    pub kind: Kind,
    pub shown: Shown,
    /// In base units.
    pub value: Value,
    /// Shared by the values of a dimension: a scenario has few.
    pub base_unit: Rc<str>,
    pub description: Option<String>,
    /// A definition that uses no other definition.
    pub input: bool,
    pub overridden: bool,
    /// Boxed, as are other rare parts: a scenario of a million statements holds a million
    /// reports.
    pub availability: Option<Box<AvailabilityReport>>,
    /// For a data rate: the value in bits per second and in bytes per second.
    pub rate: Option<Box<(String, String)>>,
    /// For an uncertain value: its percentiles, mean and spread, in base units.
    pub distribution: Option<Box<Summary>>,
    /// The statement, in the session's sources: which input it came from.
    pub span: Span,
    pub line: usize,
    /// Position among the program's statements.
    pub order: usize,
    /// How the checker read a part of the formula that could mean two things
    /// (`servers + 30%` is `servers × 1.3`).
    pub readings: Vec<String>,
    /// The warnings about this value: its message, then its help.
    pub warnings: Vec<String>,
    /// The imported file that defines it; `None` for the program's own sources.
    pub file: Option<String>,
    /// Its worked steps and rough figure, when asked for (see [`Work`]).
    pub work: Option<Box<Worked>>,
}

/// What `--explain` and `--rough` add to a value, boxed together: most reports have neither.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Worked {
    /// The formula, then each line of its derivation, the last the value as shown (see
    /// `steps`).
    pub steps: Option<Box<[String]>>,
    /// Its rough figure (see [`rough`]).
    pub rough: Option<rough::Rough>,
}

impl ValueReport {
    /// Its worked steps, with `--explain`.
    pub fn steps(&self) -> Option<&[String]> {
        self.work.as_deref()?.steps.as_deref()
    }

    /// Its rough figure, with `--rough` (none for a range or an availability).
    pub fn rough(&self) -> Option<&rough::Rough> {
        self.work.as_deref()?.rough.as_ref()
    }

    /// The number that stands for the value: an uncertain one's median, from its summary.
    pub fn point(&self) -> Number {
        self.distribution
            .as_deref()
            .map_or_else(|| self.value.point(), |d| d.p50)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssertionReport {
    pub text: String,
    pub line: usize,
    /// Position among the program's statements.
    pub order: usize,
    pub lhs_span: Span,
    pub rhs_span: Span,
    pub passed: bool,
    pub lhs: Shown,
    pub rhs: Shown,
    /// Both sides in base units.
    pub lhs_value: Value,
    pub rhs_value: Value,
    pub tolerance: Option<Shown>,
    /// The imported file it is in; `None` for the program's own sources.
    pub file: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: Option<String>,
    pub description: Option<String>,
    pub conventions: Conventions,
    /// The files the program imported, by the names its diagnostics use.
    pub imports: Vec<String>,
    /// Definitions and expression statements, in file order.
    pub values: Vec<ValueReport>,
    pub assertions: Vec<AssertionReport>,
    /// Values that check but are rarely meant (`B^2`), drawn like errors, headed `warning:`.
    pub warnings: Vec<Diagnostic>,
    /// How uncertain values were sampled; `None` when there are none.
    pub sampling: Option<Sampling>,
    /// The rough calendar, when the values have rough figures (`--rough`).
    pub rough: Option<Conventions>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.assertions.iter().filter(|a| !a.passed).count()
    }

    /// Each failed assertion, drawn like an error.
    pub fn failures(&self) -> Vec<Diagnostic> {
        self.assertions
            .iter()
            .filter(|a| !a.passed)
            .map(AssertionReport::to_diagnostic)
            .collect()
    }
}

/// What a program's title and description say, and the files it imported, for the report's
/// head.
#[derive(Clone, Copy, Debug, Default)]
pub struct Heading<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub imports: &'a [String],
}

/// What a report adds to each value when asked: its worked steps (`--explain`) and its
/// rough figure (`--rough`), from a second evaluation in the rough calendar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub steps: bool,
    pub rough: bool,
}

/// Where a report's values go as they are made: kept in the report ([`build`]), or laid out
/// at once by a consumer that keeps only what it shows (a table's cells), so that the reports
/// of a program of millions of statements never take memory all at once.
pub trait Sink {
    /// Called once, before any value, with the calendar the values are shown in.
    fn begin(&mut self, _conventions: &Conventions) {}
    fn value(&mut self, value: ValueReport);
}

impl Sink for Vec<ValueReport> {
    fn value(&mut self, value: ValueReport) {
        self.push(value);
    }
}

/// Reports every output statement of an evaluation; the first that cannot be computed is
/// the error.
pub fn build(
    evaluation: &Evaluation,
    heading: Heading,
    sources: &SourceMap,
    style: &Style,
) -> Result<Report, EvalError> {
    let mut values = Vec::with_capacity(evaluation.checked.items.len());
    let mut report = build_into(evaluation, heading, sources, style, &mut values)?;
    report.values = values;
    Ok(report)
}

/// [`build`], with each value handed to `sink` as it is made instead of kept: the report's
/// `values` stay empty.
pub fn build_into(
    evaluation: &Evaluation,
    heading: Heading,
    sources: &SourceMap,
    style: &Style,
    sink: &mut dyn Sink,
) -> Result<Report, EvalError> {
    build_with(
        evaluation,
        None,
        Work::default(),
        heading,
        sources,
        style,
        sink,
    )
}

/// [`build_into`], each value with the additions `work` asks for; its rough figure comes
/// from `rough`, the program evaluated in the rough calendar.
pub fn build_with(
    evaluation: &Evaluation,
    rough: Option<&Evaluation>,
    work: Work,
    heading: Heading,
    sources: &SourceMap,
    style: &Style,
    sink: &mut dyn Sink,
) -> Result<Report, EvalError> {
    let checked = evaluation.checked;
    let frame = Frame {
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let deriver = steps::Deriver {
        evaluation,
        sources,
        frame,
        style: *style,
    };
    let derive = |expr: &crate::ir::Typed, v: &mut ValueReport| {
        if work.steps {
            let steps = deriver.derive(expr, &v.shown.text).into_boxed_slice();
            v.work.get_or_insert_with(Box::default).steps = Some(steps);
        }
    };
    let rounder = rough.map(|evaluation| rough::Rounder {
        evaluation,
        sources,
        frame: Frame {
            conventions: &evaluation.checked.conventions,
            count_units: &evaluation.checked.count_units,
        },
        steps: work.steps,
    });
    // The rough evaluation's entries, in step with the exact ones: the same program.
    let mut rough_entries = rough.map(Evaluation::entries);
    let facts = Facts {
        checked,
        sources,
        frame: &frame,
        imports: heading.imports,
    };
    let line_of = |span: Span| facts.line_of(span);
    let imported_from = |span: Span| facts.imported_from(span);
    let mut assertions = Vec::new();
    // A scenario has few dimensions: each one's base unit is spelled once.
    let mut base_units: HashMap<Dimension, Rc<str>> = HashMap::new();
    let mut base_unit = |dim: Dimension| -> Rc<str> {
        let spelled = base_units.entry(dim);
        spelled
            .or_insert_with(|| dim.base_unit(frame.count_units).into())
            .clone()
    };
    sink.begin(&checked.conventions);
    let mut uncertain = evaluation.values.iter().any(Value::is_uncertain);
    for (order, entry) in evaluation.entries().enumerate() {
        let rough_entry = rough_entries.as_mut().and_then(Iterator::next);
        let rough_of = |report: &ValueReport| {
            let entry = rough_entry.as_ref()?.as_ref().ok()?;
            rounder.as_ref()?.entry(report, entry)
        };
        match entry? {
            Entry::Definition {
                definition: def,
                value,
                ..
            } => {
                let mut report =
                    definition_report(&facts, def, &value, base_unit(def.expr.dim), order, style);
                derive(&def.expr, &mut report);
                if let Some(rough) = rough_of(&report) {
                    report.work.get_or_insert_with(Box::default).rough = Some(rough);
                }
                sink.value(report);
            }
            Entry::Expression { expression, value } => {
                uncertain |= value.is_uncertain();
                let mut report = value_report(
                    None,
                    sources.slice(expression.span).to_string(),
                    &value,
                    expression.expr.dim,
                    expression.expr.kind,
                    expression.target.as_deref(),
                    &frame,
                    style,
                    ValueFacts {
                        base_unit: base_unit(expression.expr.dim),
                        readings: readings_within(checked, expression.span),
                        warnings: warnings_within(checked, expression.span),
                        description: None,
                        input: false,
                        as_written: false,
                        overridden: false,
                        span: expression.span,
                        line: line_of(expression.span),
                        file: imported_from(expression.span),
                        order,
                    },
                );
                derive(&expression.expr, &mut report);
                if let Some(rough) = rough_of(&report) {
                    report.work.get_or_insert_with(Box::default).rough = Some(rough);
                }
                sink.value(report);
            }
            Entry::Assertion {
                assertion: a,
                outcome,
            } => {
                // Compact sides: a data rate in bits only.
                let show = |v: &Value, style: &Style| {
                    if Kind::of(a.lhs.dim, a.lhs.kind) == Kind::Bandwidth {
                        format::bit_rate(v.point(), style)
                    } else {
                        format::show_value(v, a.lhs.dim, a.lhs.kind, None, &frame, style)
                    }
                };
                // A failed comparison whose sides look equal shows the digits that differ.
                let sides_style = if outcome.passed {
                    *style
                } else {
                    (style.precision..=MAX_PRECISION)
                        .map(Style::with_precision)
                        .find(|s| show(&outcome.lhs, s).text != show(&outcome.rhs, s).text)
                        .unwrap_or(*style)
                };
                assertions.push(AssertionReport {
                    text: sources.slice(a.span).to_string(),
                    line: line_of(a.span),
                    order,
                    lhs_span: a.lhs.span,
                    rhs_span: a.rhs.span,
                    passed: outcome.passed,
                    lhs: show(&outcome.lhs, &sides_style),
                    rhs: show(&outcome.rhs, &sides_style),
                    tolerance: outcome.tolerance.as_ref().map(|t| show(t, style)),
                    lhs_value: outcome.lhs,
                    rhs_value: outcome.rhs,
                    file: imported_from(a.span),
                });
            }
        }
    }
    Ok(Report {
        title: heading.title.map(str::to_string),
        description: heading.description.map(str::to_string),
        conventions: checked.conventions,
        imports: heading.imports.to_vec(),
        values: Vec::new(),
        assertions,
        warnings: checked.warnings.iter().map(|w| w.to_diagnostic()).collect(),
        sampling: uncertain.then_some(evaluation.sampling),
        rough: rough.map(|r| r.checked.conventions),
    })
}

impl AssertionReport {
    /// A failed assertion drawn like an error: both sides labelled with their values.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let claim = self.text.trim_start_matches("assert").trim();
        let mut d = Diagnostic::new(format!("assertion failed: {claim}"))
            .secondary(self.lhs_span, self.lhs.text.clone())
            .primary(self.rhs_span, self.rhs.text.clone());
        if let Some(t) = &self.tolerance {
            d = d.help(format!(
                "the two sides differ by more than the tolerance of ±{}",
                t.text
            ));
        }
        d
    }
}

#[cfg(test)]
mod tests {
    /// Every value of a scenario has a report, held until the output is drawn: its rare parts
    /// (an availability's downtimes, a data rate's two units) are boxed.
    #[test]
    fn a_value_report_stays_small() {
        let size = std::mem::size_of::<super::ValueReport>();
        assert!(size <= 304, "{size} bytes");
    }
}
