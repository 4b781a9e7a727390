//! `x to hi` where `hi` starts with a name: a conversion when `hi` is a unit (`1 GB to MB`,
//! `daily to req/s`), a range when it names a value (`low to high`). The parser cannot tell,
//! so it reads a conversion and marks it ([`Target::Unit`]'s `via_to`); this pass, which
//! knows the program's names, turns the ones whose target names a value into ranges before
//! anything else is checked, so that the high end counts as a dependency like any other.
//! A name that is both a definition and a count word (`users`) could be either, and is an
//! error that shows both readings.

use std::collections::HashSet;

use crate::ast::{Expr, ExprKind, Program, StmtKind, Target};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::uncertain::UncertainError;
use crate::quantity::{reference, units};
use crate::span::Span;

/// The program with every `to` whose target names a value turned into a range; `None` when
/// there is none (the common case costs a scan, not a copy).
pub fn resolve(program: &Program) -> Result<Option<Program>, CheckError> {
    let defined: HashSet<&str> = program
        .statements
        .iter()
        .filter_map(|st| match &st.kind {
            StmtKind::Define { name, .. } => Some(&**name),
            _ => None,
        })
        .collect();
    // The statements to rewrite, found before anything is copied.
    let mut rewrite = Vec::new();
    for (i, st) in program.statements.iter().enumerate() {
        if let Some(target) = to_target(&st.kind)
            && names_value(target, &defined)?
        {
            rewrite.push(i);
        }
    }
    if rewrite.is_empty() {
        return Ok(None);
    }
    let mut program = program.clone();
    for i in rewrite {
        let (StmtKind::Define { value, target, .. } | StmtKind::Eval { value, target }) =
            &mut program.statements[i].kind
        else {
            continue;
        };
        let Some(Target::Unit {
            expr: hi,
            via_to: Some(to_span),
            ..
        }) = target.take().map(|t| *t)
        else {
            continue;
        };
        let lo = std::mem::replace(
            value,
            Expr {
                kind: ExprKind::Number(0.0),
                span: Span::default(),
                depth: 0,
            },
        );
        *value = Expr {
            span: lo.span.to(hi.span),
            depth: lo.depth.max(hi.depth) + 1,
            kind: ExprKind::Range {
                lo: Box::new(lo),
                to_span,
                hi: Box::new(hi),
            },
        };
    }
    Ok(Some(program))
}

/// A statement's conversion target, when it followed `to`.
fn to_target(kind: &StmtKind) -> Option<&Expr> {
    let (StmtKind::Define {
        target: Some(t), ..
    }
    | StmtKind::Eval {
        target: Some(t), ..
    }) = kind
    else {
        return None;
    };
    match t.as_ref() {
        Target::Unit {
            expr,
            via_to: Some(_),
            ..
        } => Some(expr),
        _ => None,
    }
}

/// Whether a target names a value: a number other than the `1` of `1/s`, a definition, or a
/// reference number. A definition named like a count word is both, and an error.
fn names_value(target: &Expr, defined: &HashSet<&str>) -> Result<bool, CheckError> {
    let mut stack = vec![target];
    let mut value = false;
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Number(n) => value |= *n != 1.0,
            ExprKind::Name(name) => {
                let is_definition = defined.contains(name.as_str());
                if is_definition && is_word(name) {
                    return Err(CheckError::new(
                        CheckErrorKind::Uncertain(UncertainError::AmbiguousTo {
                            name: name.clone(),
                        }),
                        e.span,
                    ));
                }
                value |= is_definition || reference::lookup(name).is_some();
            }
            _ => stack.extend(e.children()),
        }
    }
    Ok(value)
}

/// A count or rate word, which may stand as a unit after `to` (`to users/s`, `to QPS`).
fn is_word(name: &str) -> bool {
    units::COUNT_WORDS.iter().any(|forms| forms.contains(&name))
        || units::RATE_WORDS.contains(&name)
        || units::lookup(name).is_some()
}
