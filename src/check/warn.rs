//! Warnings: values that check but are rarely meant. A dimension with information or time to
//! a power above one (B², s², B·s) is almost always a slip, most often `1B` (one byte)
//! written for a billion; the warning traces it back to that literal. It is given where the
//! dimension arises, not again for every value computed from it.

use crate::ast::{Expr, ExprKind};
use crate::check::typecheck::Typer;
use crate::ir::Warning;
use crate::quantity::Dimension;
use crate::span::Span;

/// Information or time to a power above one, together or alone: B², s², B·s.
pub fn suspicious(dim: Dimension) -> bool {
    let (information, time) = (dim.information(), dim.time());
    information >= 2 || time >= 2 || (information >= 1 && time >= 1)
}

impl Typer<'_> {
    /// A warning for `what` (a definition's name or an expression's text), of dimension `dim`, lowered
    /// from `expr` and shown at `span`, unless its dimension is fine or comes from a
    /// definition it uses that is warned about already.
    pub fn warning(&self, what: &str, expr: &Expr, dim: Dimension, span: Span) -> Option<Warning> {
        if !suspicious(dim) || self.inherits_suspicion(expr) {
            return None;
        }
        let unit = dim.base_unit(&self.scope.count_units);
        let help = match self.byte_hint(&[expr]) {
            Some(hint) => hint.to_string(),
            None => "a size times a size or a duration, or a duration times a duration, is \
                     rarely meant: check the formula"
                .to_string(),
        };
        Some(Warning {
            span,
            message: format!(
                "`{what}` is in {unit} ({}), which is rarely meant",
                dim.describe(&self.scope.count_units)
            ),
            label: unit,
            help,
        })
    }

    /// Does `expr` use a definition whose own dimension is suspicious?
    fn inherits_suspicion(&self, expr: &Expr) -> bool {
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            if let ExprKind::Name(name) = &e.kind
                && let Some(i) = self.scope.definition(name)
                && let Some(Some((dim, _))) = self.types.get(i)
                && suspicious(*dim)
            {
                return true;
            }
            stack.extend(e.children());
        }
        false
    }
}
