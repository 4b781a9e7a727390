//! One value's report: how a definition or an expression statement is shown, with what the
//! checker noted about it, for [`super::build_with`] and for sweeps ([`definitions`]).

use std::rc::Rc;

use super::{AvailabilityReport, Downtime, ValueReport, written};
use crate::diagnostic::SourceMap;
use crate::eval::Evaluation;
use crate::format::{self, Frame, Style};
use crate::ir::ResolvedTarget;
use crate::quantity::{Dimension, Kind, ValueKind};
use crate::reliability;
use crate::span::Span;
use crate::value::Value;

/// The reports of the definitions `which` (indices into the checked program's definitions)
/// alone, without the rest of the program's output: for a sweep, which evaluates a program
/// at many points and shows a few of its values at each.
pub fn definitions(
    evaluation: &Evaluation,
    which: &[usize],
    sources: &SourceMap,
    style: &Style,
) -> Vec<ValueReport> {
    let checked = evaluation.checked;
    let frame = Frame {
        conventions: &checked.conventions,
        count_units: &checked.count_units,
    };
    let facts = Facts {
        checked,
        sources,
        frame: &frame,
        imports: &[],
    };
    which
        .iter()
        .filter_map(|&i| {
            let def = checked.definitions.get(i)?;
            let value = evaluation.values.get(i)?;
            let base_unit = def.expr.dim.base_unit(&checked.count_units).into();
            Some(definition_report(&facts, def, value, base_unit, i, style))
        })
        .collect()
}

/// What a value's report reads besides the value: the sources its formula is cut from, the
/// frame it is shown in, and the imported files, to say which one defines it.
pub(super) struct Facts<'a> {
    pub(super) checked: &'a crate::ir::Checked,
    pub(super) sources: &'a SourceMap,
    pub(super) frame: &'a Frame<'a>,
    pub(super) imports: &'a [String],
}

impl Facts<'_> {
    pub(super) fn line_of(&self, span: Span) -> usize {
        self.sources.locate(span.start).map_or(0, |l| l.line)
    }

    pub(super) fn imported_from(&self, span: Span) -> Option<String> {
        self.sources
            .locate(span.start)
            .map(|l| l.file)
            .filter(|file| self.imports.iter().any(|i| i == file))
            .map(str::to_string)
    }
}

/// The report of definition `def`, whose value is `value`, at position `order` among the
/// program's output statements.
pub(super) fn definition_report(
    facts: &Facts,
    def: &crate::ir::Definition,
    value: &Value,
    base_unit: Rc<str>,
    order: usize,
    style: &Style,
) -> ValueReport {
    // The formula as written, with its `-> unit`; a `--set` value has none.
    let formula = if def.overridden {
        def.expr.span
    } else {
        Span {
            start: def.expr.span.start,
            end: def.span.end,
        }
    };
    let count_units = facts.frame.count_units;
    // `->` wins; an input is shown in the units it was written in.
    let written = (def.target.is_none() && def.deps.is_empty())
        .then(|| written::as_written(&def.expr, facts.sources, count_units))
        .flatten();
    value_report(
        Some(def.name.clone()),
        facts.sources.slice(formula).to_string(),
        value,
        def.expr.dim,
        def.expr.kind,
        def.target.as_deref().or(written.as_ref()),
        facts.frame,
        style,
        ValueFacts {
            base_unit,
            readings: readings_within(facts.checked, def.span),
            warnings: warnings_within(facts.checked, def.span),
            description: def.comment.clone(),
            input: def.deps.is_empty(),
            as_written: written.is_some(),
            overridden: def.overridden,
            span: def.span,
            line: facts.line_of(def.span),
            file: facts.imported_from(def.span),
            order,
        },
    )
}

pub(super) struct ValueFacts {
    pub(super) base_unit: Rc<str>,
    pub(super) readings: Vec<String>,
    pub(super) warnings: Vec<String>,
    pub(super) description: Option<String>,
    pub(super) input: bool,
    /// Shown in the units it was written in (see [`written`]).
    pub(super) as_written: bool,
    pub(super) overridden: bool,
    pub(super) span: Span,
    pub(super) line: usize,
    pub(super) file: Option<String>,
    pub(super) order: usize,
}

/// The warnings about what lies inside `span`, each as one line.
pub(super) fn warnings_within(checked: &crate::ir::Checked, span: Span) -> Vec<String> {
    within(&checked.warnings, span, |w| w.span)
        .map(|w| format!("{}; {}", w.message, w.help))
        .collect()
}

/// The readings the checker took inside `span`.
pub(super) fn readings_within(checked: &crate::ir::Checked, span: Span) -> Vec<String> {
    within(&checked.readings, span, |n| n.span)
        .map(|n| n.text.clone())
        .collect()
}

/// The notes inside `span`, from notes sorted by where they start: a binary search, so that
/// a program with a note on every line is not quadratic.
fn within<T>(notes: &[T], span: Span, of: fn(&T) -> Span) -> impl Iterator<Item = &T> {
    let first = notes.partition_point(|n| of(n).start < span.start);
    notes[first..]
        .iter()
        .take_while(move |n| of(n).start < span.end)
        .filter(move |n| of(n).end <= span.end)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn value_report(
    name: Option<String>,
    expr: String,
    value: &Value,
    dim: Dimension,
    value_kind: ValueKind,
    target: Option<&ResolvedTarget>,
    frame: &Frame,
    style: &Style,
    facts: ValueFacts,
) -> ValueReport {
    let kind = Kind::of(dim, value_kind);
    // An uncertain value is summarised once: its percentiles, and, for an availability, what
    // its trials lack of 1.
    let summaries = value.summaries();
    let distribution = summaries.as_ref().map(|s| s.numbers);
    let lacks = summaries.and_then(|s| s.lacks);
    let percentiles = distribution
        .as_ref()
        .map(|d| format::Percentiles::from_summaries(d, lacks.as_ref()));
    let number = percentiles.map_or_else(|| value.point(), |p| p.p50);
    let availability = (kind == Kind::Availability).then(|| {
        let unavailability = lacks.map_or_else(|| value.complement(), |l| l.p50);
        let of = |c| Downtime::of(c, frame.conventions);
        Box::new(AvailabilityReport {
            fraction: number,
            unavailability,
            nines: reliability::count_nines(unavailability),
            downtime: of(unavailability),
            downtime_range: percentiles
                .and_then(|p| p.lacks)
                .map(|[most, _, least]| (of(least), of(most))),
        })
    });
    let shown = percentiles
        .and_then(|p| format::show_uncertain(&p, dim, value_kind, target, frame, style))
        .unwrap_or_else(|| format::show_value(value, dim, value_kind, target, frame, style));
    let uncertain_rate = percentiles
        .filter(|_| kind == Kind::Bandwidth)
        .map(|p| format::rates(&p, style));
    let rate = (kind == Kind::Bandwidth).then(|| {
        let (bits, bytes) = match uncertain_rate {
            Some((bits, bytes)) => (bits, bytes),
            None => (
                format::bit_rate(number, style).text,
                format::byte_rate(number, style).text,
            ),
        };
        // A conversion the user asked for is honoured in its own column.
        match target {
            Some(ResolvedTarget::Unit { text, .. })
                if text.contains("bit") || text.ends_with("bps") =>
            {
                (shown.text.clone(), bytes)
            }
            Some(_) => (bits, shown.text.clone()),
            None => (bits, bytes),
        }
    });
    // A data rate as written keeps the other unit beside it: `5 Mbps (625 kB/s)`.
    let mut shown = shown;
    if let (true, Some((bits, bytes))) = (facts.as_written, &rate) {
        let other = if *bits == shown.text { bytes } else { bits };
        shown.text = format!("{} ({other})", shown.text);
    }
    ValueReport {
        name,
        expr,
        kind,
        shown,
        rate: rate.map(Box::new),
        distribution: distribution.map(Box::new),
        value: value.clone(),
        base_unit: facts.base_unit,
        description: facts.description,
        input: facts.input,
        overridden: facts.overridden,
        availability,
        span: facts.span,
        line: facts.line,
        order: facts.order,
        readings: facts.readings,
        warnings: facts.warnings,
        file: facts.file,
        work: None,
    }
}
