//! Readings: where an input could mean two things, the checker takes the one a person means,
//! and records it for `--explain`. `x / 100 MB/s` divides by the rate, but `x / 10 GB /
//! servers` reads left to right, since `servers` is a definition; `x + 30%` is 30% more,
//! `99.9% + 0.05%` adds, and `servers + headroom` (a percentage by name) is an error that
//! shows both readings.

use crate::ast::{BinOp, Expr, ExprKind};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::scope::Meaning;
use crate::check::typecheck::Typer;
use crate::ir::{Arith, Node, Note, Typed};
use crate::quantity::{Dimension, ValueKind};
use crate::span::Span;
use crate::value::Number;

impl Typer<'_> {
    /// `x / 10 GB / servers`: the parser joined `10 GB / servers` into one quantity, but
    /// `servers` is a definition, not a unit, so the division reads left to right again:
    /// `(x / 10 GB) / servers`. `None` when every name after a `/` is a unit (`x / 100 MB/s`
    /// divides by the rate).
    pub(super) fn left_to_right(
        &self,
        lhs: &Expr,
        rhs: &Expr,
        op_span: Span,
    ) -> Result<Option<Expr>, CheckError> {
        let mut per = Vec::new();
        let mut head = rhs;
        while let ExprKind::Binary {
            op: BinOp::PerUnit,
            op_span,
            lhs,
            rhs,
        } = &head.kind
        {
            per.push((*op_span, rhs.as_ref()));
            head = lhs;
        }
        let mut all_units = true;
        for (_, unit) in &per {
            let mut stack = vec![*unit];
            while let Some(e) = stack.pop() {
                if let ExprKind::Name(name) = &e.kind
                    && !matches!(
                        self.scope.meaning(name, e.span)?,
                        Meaning::Unit { .. } | Meaning::Word { .. }
                    )
                {
                    all_units = false;
                }
                stack.extend(e.children());
            }
        }
        if all_units {
            return Ok(None);
        }
        let divide = |op_span: Span, a: Expr, b: Expr| Expr {
            span: a.span.to(b.span),
            depth: a.depth.max(b.depth) + 1,
            kind: ExprKind::Binary {
                op: BinOp::Div,
                op_span,
                lhs: Box::new(a),
                rhs: Box::new(b),
            },
        };
        let mut acc = divide(op_span, lhs.clone(), head.clone());
        for (op_span, unit) in per.into_iter().rev() {
            acc = divide(op_span, acc, unit.clone());
        }
        Ok(Some(acc))
    }

    /// Is `lhs ± rhs` a change by a percentage? `x + 30%` is 30% more, `x × (1 + 30%)`, and
    /// `x - 20%` is `x × (1 - 20%)`, when the right operand is a percentage literal and the
    /// left is not itself a percentage or an availability (`99.9% + 0.05%` adds). Adding a
    /// percentage that is a name to a plain number could mean either, so it is an error that
    /// shows both readings; `1 - hit_rate` means the same either way.
    pub(super) fn is_percent_change(
        &self,
        op: BinOp,
        op_span: Span,
        lhs: &Expr,
        rhs: &Expr,
        l: &Typed,
        r: &Typed,
    ) -> Result<bool, CheckError> {
        let relative = |k| matches!(k, ValueKind::Percent | ValueKind::Availability);
        if !relative(l.kind)
            && let Some(p) = percent_literal(rhs)
        {
            let factor = if op == BinOp::Add {
                100.0 + p
            } else {
                100.0 - p
            } / 100.0;
            let lhs_text = self.sources.slice(lhs.span);
            let text = format!(
                "{lhs_text} {} {} = {lhs_text} × {factor}",
                op.symbol(),
                self.sources.slice(rhs.span)
            );
            self.readings.borrow_mut().push(Note {
                span: lhs.span.to(rhs.span),
                text,
            });
            return Ok(true);
        }
        // One side a percentage or an availability (or a product of literals with a
        // percentage in it: `30% * 2`), the other a plain number: 30% more, or plus 0.3?
        let (lp, rp) = (
            relative(l.kind) || literal_percent_product(lhs),
            relative(r.kind) || literal_percent_product(rhs),
        );
        if lp == rp || !l.dim.is_none() || !r.dim.is_none() {
            return Ok(false);
        }
        // `1 - hit_rate` means the same either way.
        let plain = if lp { rhs } else { lhs };
        if matches!(plain.kind, ExprKind::Number(n) if n == 1.0) {
            return Ok(false);
        }
        let (percent, other) = if lp { (lhs, rhs) } else { (rhs, lhs) };
        let percent_typed = if lp { l } else { r };
        let percent_text = self.sources.slice(percent.span);
        // How to write the percentage's value as a plain number: `1 * (hd)`, or the number.
        let value = match percent_typed.const_value() {
            Some(v) if literal_percent_product(percent) => format!("{v}"),
            _ => format!("1 * ({percent_text})"),
        };
        let sign = op.symbol();
        let as_number = if lp {
            format!("{value} {sign} {}", self.sources.slice(rhs.span))
        } else {
            format!("{} {sign} {value}", self.sources.slice(lhs.span))
        };
        Err(CheckError::new(
            CheckErrorKind::AmbiguousPercent {
                subtract: op == BinOp::Sub,
                lhs: self.sources.slice(lhs.span).to_string(),
                rhs: self.sources.slice(rhs.span).to_string(),
                percent: self.sources.slice(percent.span).to_string(),
                plain: self.sources.slice(other.span).to_string(),
                percent_span: percent.span,
                as_number,
            },
            op_span,
        ))
    }
}

/// `l ± r` as the change it means: `l × (1 ± r)`, with `l`'s dimension and kind.
pub(super) fn percent_change(span: Span, op: BinOp, l: Typed, r: Typed) -> Typed {
    let plain = |node, span| Typed {
        node,
        dim: Dimension::NONE,
        kind: ValueKind::Plain,
        span,
    };
    let arith = if op == BinOp::Add {
        Arith::Add
    } else {
        Arith::Sub
    };
    let r_span = r.span;
    let one = plain(Node::Const(1.0), r_span);
    let factor = plain(Node::Bin(arith, Box::new(one), Box::new(r)), r_span);
    let (dim, kind) = (l.dim, l.kind);
    Typed {
        node: Node::Bin(Arith::Mul, Box::new(l), Box::new(factor)),
        dim,
        kind,
        span,
    }
}

/// The kind of `l op r`. Availabilities multiplied are an availability (components in
/// series); percentages multiplied, added or subtracted (`99.9% + 0.05%`, `20% * 99.9%`) are
/// a percentage, and so is a percentage with an availability. Anything else is plain.
pub(super) fn result_kind(arith: Arith, l: ValueKind, r: ValueKind) -> ValueKind {
    use ValueKind::{Availability, Percent, Plain};
    match (arith, l, r) {
        (Arith::Mul, Availability, Availability) => Availability,
        (Arith::Pow, Percent, _) => Percent,
        (Arith::Mul | Arith::Add | Arith::Sub, Percent, Percent | Availability)
        | (Arith::Mul | Arith::Add | Arith::Sub, Availability, Percent) => Percent,
        _ => Plain,
    }
}

/// `30%` or `-30%`, written as a literal: its number.
fn percent_literal(e: &Expr) -> Option<Number> {
    match &e.kind {
        ExprKind::Percent(x) => match x.kind {
            ExprKind::Number(p) => Some(p),
            _ => None,
        },
        ExprKind::Neg(x) => percent_literal(x).map(|p| -p),
        _ => None,
    }
}

/// Numbers and percentage literals only, with a percentage among them: `30% * 2`, `30%^2`.
fn literal_percent_product(e: &Expr) -> bool {
    fn walk(e: &Expr, found: &mut bool) -> bool {
        match &e.kind {
            ExprKind::Number(_) => true,
            ExprKind::Percent(x) if matches!(x.kind, ExprKind::Number(_)) => {
                *found = true;
                true
            }
            ExprKind::Neg(x) => walk(x, found),
            ExprKind::Binary {
                op: BinOp::Mul | BinOp::Div | BinOp::Pow,
                lhs,
                rhs,
                ..
            } => walk(lhs, found) && walk(rhs, found),
            _ => false,
        }
    }
    let mut found = false;
    walk(e, &mut found) && found
}
