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
        let relative = matches!(l.kind, ValueKind::Percent | ValueKind::Availability);
        if relative || r.kind != ValueKind::Percent {
            return Ok(false);
        }
        if let ExprKind::Percent(x) = &rhs.kind
            && let ExprKind::Number(p) = x.kind
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
        let one = matches!(lhs.kind, ExprKind::Number(n) if n == 1.0);
        if one || !l.dim.is_none() {
            return Ok(false);
        }
        Err(CheckError::new(
            CheckErrorKind::AmbiguousPercent {
                subtract: op == BinOp::Sub,
                lhs: self.sources.slice(lhs.span).to_string(),
                rhs: self.sources.slice(rhs.span).to_string(),
                rhs_span: rhs.span,
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
        (Arith::Mul | Arith::Add | Arith::Sub, Percent, Percent | Availability)
        | (Arith::Mul | Arith::Add | Arith::Sub, Availability, Percent) => Percent,
        _ => Plain,
    }
}
