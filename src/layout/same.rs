//! Whether two readings of a program mean the same: the same leading comment, imports and
//! statements, node by node, with the same numbers, names, operators, conversion targets and
//! descriptions. Where each node lies is not compared (that is what formatting changes), but
//! the few things the later stages read from the layout are: an empty span (the `1` of
//! `-> /s`, which was never written) and the order of a product's sides (`$20` is written
//! sign first).

use crate::ast::{Expr, ExprKind, Program, Statement, StmtKind, Target};
use crate::span::Span;

/// The first part of `a` (read from `a_src`) that `b` (read from `b_src`) reads differently,
/// as a span of `a_src`: a statement, an import, or the leading comment; `None` when they
/// mean the same.
pub(super) fn first_difference(a_src: &str, a: &Program, b_src: &str, b: &Program) -> Option<Span> {
    if a.title != b.title || a.description != b.description {
        return Some(Span::new(0, 0));
    }
    for (i, x) in a.imports.iter().enumerate() {
        match b.imports.get(i) {
            Some(y) if x.path == y.path && x.at == y.at => {}
            _ => return Some(x.path_span),
        }
    }
    for (i, x) in a.statements.iter().enumerate() {
        match b.statements.get(i) {
            Some(y) if same_statement(a_src, x, b_src, y) => {}
            _ => return Some(x.span),
        }
    }
    let end = Span::new(a_src.len(), a_src.len());
    (b.imports.len() != a.imports.len() || b.statements.len() != a.statements.len()).then_some(end)
}

fn same_statement(a_src: &str, a: &Statement, b_src: &str, b: &Statement) -> bool {
    a.comment.text(a_src) == b.comment.text(b_src) && same_kind(&a.kind, &b.kind)
}

fn same_kind(a: &StmtKind, b: &StmtKind) -> bool {
    use StmtKind as S;
    match (a, b) {
        (
            S::Define {
                name,
                value,
                target,
                ..
            },
            S::Define {
                name: name_b,
                value: value_b,
                target: target_b,
                ..
            },
        ) => name == name_b && same(value, value_b) && same_target(target, target_b),
        (
            S::Eval { value, target },
            S::Eval {
                value: value_b,
                target: target_b,
            },
        ) => same(value, value_b) && same_target(target, target_b),
        (
            S::Assert {
                lhs,
                op,
                rhs,
                tolerance,
            },
            S::Assert {
                lhs: lhs_b,
                op: op_b,
                rhs: rhs_b,
                tolerance: tolerance_b,
            },
        ) => {
            op == op_b
                && same(lhs, lhs_b)
                && same(rhs, rhs_b)
                && match (tolerance, tolerance_b) {
                    (None, None) => true,
                    (Some(x), Some(y)) => same(x, y),
                    _ => false,
                }
        }
        (S::UnitDecl { name, .. }, S::UnitDecl { name: name_b, .. })
        | (S::Calendar { name, .. }, S::Calendar { name: name_b, .. }) => name == name_b,
        (
            S::CalendarLength { unit, value, .. },
            S::CalendarLength {
                unit: unit_b,
                value: value_b,
                ..
            },
        ) => unit == unit_b && same(value, value_b),
        _ => false,
    }
}

fn same_target(a: &Option<Box<Target>>, b: &Option<Box<Target>>) -> bool {
    match (a.as_deref(), b.as_deref()) {
        (None, None) | (Some(Target::Percent(_)), Some(Target::Percent(_))) => true,
        (
            Some(Target::Unit { expr, text, via_to }),
            Some(Target::Unit {
                expr: expr_b,
                text: text_b,
                via_to: via_to_b,
            }),
        ) => text == text_b && via_to.is_some() == via_to_b.is_some() && same(expr, expr_b),
        _ => false,
    }
}

/// The same tree, but for where its nodes lie.
fn same(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    if a.depth != b.depth || a.span.is_empty() != b.span.is_empty() {
        return false;
    }
    match (&a.kind, &b.kind) {
        (K::Number(x), K::Number(y)) => x.to_bits() == y.to_bits(),
        (K::Name(x), K::Name(y)) => x == y,
        (K::Neg(x), K::Neg(y)) | (K::Percent(x), K::Percent(y)) => same(x, y),
        (
            K::Binary { op, lhs, rhs, .. },
            K::Binary {
                op: op_b,
                lhs: lhs_b,
                rhs: rhs_b,
                ..
            },
        ) => {
            op == op_b
                && (lhs.span.start <= rhs.span.start) == (lhs_b.span.start <= rhs_b.span.start)
                && same(lhs, lhs_b)
                && same(rhs, rhs_b)
        }
        (K::Call(x), K::Call(y)) => {
            x.name == y.name
                && x.args.len() == y.args.len()
                && x.args.iter().zip(&y.args).all(|(p, q)| same(p, q))
        }
        (
            K::Range { lo, hi, .. },
            K::Range {
                lo: lo_b, hi: hi_b, ..
            },
        ) => same(lo, lo_b) && same(hi, hi_b),
        (
            K::Compare { op, lhs, rhs, .. },
            K::Compare {
                op: op_b,
                lhs: lhs_b,
                rhs: rhs_b,
                ..
            },
        ) => op == op_b && same(lhs, lhs_b) && same(rhs, rhs_b),
        _ => false,
    }
}
