//! The report: what each computed value is (its kind, its table) and how it is shown.
//! Renderers (text, tables, JSON) read reports; they compute nothing themselves.

mod commandline;
pub mod numbers;
pub mod sla;
pub mod slo;

use crate::Run;
use crate::check::{Item, ResolvedTarget, ValueKind};
use crate::conventions::{Conventions, DAY_S, WEEK_S};
use crate::diagnostic::SourceMap;
use crate::dimension::Dimension;
use crate::eval::{Number, Outcome};
use crate::format::{self, Shown, Style};
use crate::reliability;
use crate::span::Span;

/// The kind of a value, which decides its table. Serialized in lower case in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Traffic,
    Storage,
    Bandwidth,
    Availability,
    Duration,
    Count,
    Other,
}

impl Kind {
    pub fn of(dim: Dimension, kind: ValueKind) -> Kind {
        if kind == ValueKind::Availability {
            Kind::Availability
        } else if dim.is_none() {
            Kind::Count
        } else if dim == Dimension::INFORMATION {
            Kind::Storage
        } else if dim == Dimension::DATA_RATE {
            Kind::Bandwidth
        } else if dim == Dimension::TIME {
            Kind::Duration
        } else if dim.is_countlike() && dim.time() == -1 {
            Kind::Traffic
        } else if dim.is_countlike() && dim.time() == 0 {
            Kind::Count
        } else {
            Kind::Other
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Traffic => "traffic",
            Kind::Storage => "storage",
            Kind::Bandwidth => "bandwidth",
            Kind::Availability => "availability",
            Kind::Duration => "duration",
            Kind::Count => "count",
            Kind::Other => "other",
        }
    }
}

/// Downtime an availability allows, per period, in seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Downtime {
    pub day: Number,
    pub week: Number,
    pub month: Number,
    pub quarter: Number,
    pub year: Number,
}

impl Downtime {
    pub fn of(fraction: Number, c: &Conventions) -> Downtime {
        let down = |period| reliability::downtime(fraction, period);
        Downtime {
            day: down(DAY_S),
            week: down(WEEK_S),
            month: down(c.month_s),
            quarter: down(c.quarter_s),
            year: down(c.year_s),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AvailabilityReport {
    pub fraction: Number,
    pub nines: Number,
    pub downtime: Downtime,
}

/// One computed value: a definition, or an expression statement (`name` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueReport {
    pub name: Option<String>,
    /// The source of the statement (for `eval`) or of the defining expression (for a scenario).
    pub expr: String,
    pub kind: Kind,
    pub shown: Shown,
    pub base_value: Number,
    pub base_unit: String,
    pub description: Option<String>,
    /// A definition that uses no other definition.
    pub input: bool,
    pub overridden: bool,
    pub availability: Option<AvailabilityReport>,
    /// For a data rate: the value in bits per second and in bytes per second.
    pub rate: Option<(String, String)>,
    pub line: usize,
    /// Position among the program's statements.
    pub order: usize,
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
    pub lhs_base: Number,
    pub rhs_base: Number,
    pub tolerance: Option<Shown>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: Option<String>,
    pub description: Option<String>,
    pub conventions: Conventions,
    /// Definitions and expression statements, in file order.
    pub values: Vec<ValueReport>,
    pub assertions: Vec<AssertionReport>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.assertions.iter().filter(|a| !a.passed).count()
    }
}

pub fn build(run: &Run, sources: &SourceMap, precision: usize) -> Report {
    let checked = &run.checked;
    let style = Style {
        precision,
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let line_of = |span: Span| sources.locate(span.start).map_or(0, |l| l.line);
    let mut values = Vec::new();
    let mut assertions = Vec::new();
    for (order, (item, outcome)) in checked
        .items
        .iter()
        .zip(&run.evaluated.outcomes)
        .enumerate()
    {
        match (item, outcome) {
            (Item::Define(i), Outcome::Define(_)) => {
                let def = &checked.definitions[*i];
                let number = run.evaluated.values[*i];
                // The formula as written, with its `-> unit`; a `--set` value has none.
                let formula = if def.overridden {
                    def.expr.span
                } else {
                    Span::new(def.expr.span.start, def.span.end)
                };
                values.push(value_report(
                    Some(def.name.clone()),
                    sources.slice(formula).to_string(),
                    number,
                    def.expr.dim,
                    def.expr.kind,
                    def.target.as_ref(),
                    &style,
                    ValueFacts {
                        description: def.comment.clone(),
                        input: def.deps.is_empty(),
                        overridden: def.overridden,
                        line: line_of(def.span),
                        order,
                    },
                ));
            }
            (Item::Eval { span, expr, target }, Outcome::Eval(number)) => {
                values.push(value_report(
                    None,
                    sources.slice(*span).to_string(),
                    *number,
                    expr.dim,
                    expr.kind,
                    target.as_ref(),
                    &style,
                    ValueFacts {
                        description: None,
                        input: false,
                        overridden: false,
                        line: line_of(*span),
                        order,
                    },
                ));
            }
            (Item::Assert(a), Outcome::Assert(o)) => {
                // Compact sides: a data rate in bits only.
                let show = |n| {
                    if a.lhs.dim == Dimension::DATA_RATE {
                        format::bit_rate(n, style.precision)
                    } else {
                        format::show(n, a.lhs.dim, a.lhs.kind, None, &style)
                    }
                };
                assertions.push(AssertionReport {
                    text: sources.slice(a.span).to_string(),
                    line: line_of(a.span),
                    order,
                    lhs_span: a.lhs.span,
                    rhs_span: a.rhs.span,
                    passed: o.passed,
                    lhs: show(o.lhs),
                    rhs: show(o.rhs),
                    lhs_base: o.lhs,
                    rhs_base: o.rhs,
                    tolerance: o.tolerance.map(show),
                });
            }
            _ => {}
        }
    }
    Report {
        title: run.title.clone(),
        description: run.description.clone(),
        conventions: checked.conventions,
        values,
        assertions,
    }
}

struct ValueFacts {
    description: Option<String>,
    input: bool,
    overridden: bool,
    line: usize,
    order: usize,
}

#[allow(clippy::too_many_arguments)]
fn value_report(
    name: Option<String>,
    expr: String,
    number: Number,
    dim: Dimension,
    value_kind: ValueKind,
    target: Option<&ResolvedTarget>,
    style: &Style,
    facts: ValueFacts,
) -> ValueReport {
    let kind = Kind::of(dim, value_kind);
    let availability = (kind == Kind::Availability).then(|| AvailabilityReport {
        fraction: number,
        nines: format::nines(number),
        downtime: Downtime::of(number, style.conventions),
    });
    let shown = format::show(number, dim, value_kind, target, style);
    let rate = (kind == Kind::Bandwidth).then(|| {
        let p = style.precision;
        let (bits, bytes) = (format::bit_rate(number, p), format::byte_rate(number, p));
        // A conversion the user asked for is honoured in its own column.
        match target {
            Some(ResolvedTarget::Unit { text, .. })
                if text.contains("bit") || text.ends_with("bps") =>
            {
                (shown.text.clone(), bytes.text)
            }
            Some(_) => (bits.text, shown.text.clone()),
            None => (bits.text, bytes.text),
        }
    });
    ValueReport {
        name,
        expr,
        kind,
        shown,
        rate,
        base_value: number,
        base_unit: dim.base_unit(style.count_units),
        description: facts.description,
        input: facts.input,
        overridden: facts.overridden,
        availability,
        line: facts.line,
        order: facts.order,
    }
}

impl AssertionReport {
    /// A failed assertion drawn like an error: both sides labelled with their values.
    pub fn to_diagnostic(&self) -> crate::diagnostic::Diagnostic {
        let claim = self.text.trim_start_matches("assert").trim();
        let mut d = crate::diagnostic::Diagnostic::new(format!("assertion failed: {claim}"))
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
