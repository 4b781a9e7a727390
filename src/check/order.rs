//! Order: which definitions each one uses, and an order in which every definition follows
//! those it uses. A cycle is an error naming its members (the first few of a long one). Iterative, so that a chain of
//! 10,000 definitions cannot overflow the stack.

use crate::ast::{BinOp, Expr, ExprKind};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::scope::Scope;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The definitions an expression uses directly, sorted.
pub fn dependencies(scope: &Scope, expr: &Expr) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        if let ExprKind::Name(n) = &e.kind
            && let Some(i) = scope.definition(n)
            && !out.contains(&i)
        {
            out.push(i);
        }
        // `2 posts`: a word after a number, not the definition `posts`.
        if let ExprKind::Binary {
            op: BinOp::ImplicitMul,
            lhs,
            rhs,
            ..
        } = &e.kind
            && matches!(&rhs.kind, ExprKind::Name(n) if scope.word(n).is_some())
        {
            stack.push(lhs);
            continue;
        }
        stack.extend(e.children());
    }
    out.sort_unstable();
    out
}

/// Every definition after those it uses. `names` gives each definition's name and where it
/// was written, for the cycle error.
pub fn topological_order(
    deps: &[Vec<usize>],
    names: &[(&str, Span)],
) -> Result<Vec<usize>, CheckError> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; deps.len()];
    let mut order = Vec::with_capacity(deps.len());
    for root in 0..deps.len() {
        if state[root] != State::New {
            continue;
        }
        // (node, next dependency to visit)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                match state[dep] {
                    State::New => {
                        state[dep] = State::Open;
                        stack.push((dep, 0));
                    }
                    State::Open => {
                        let from = stack.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                        let members: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        return Err(cycle_error(&members, names));
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

fn cycle_error(members: &[usize], names: &[(&str, Span)]) -> CheckError {
    // The path from the cycle's first member in the source; a long one by its first steps.
    let start = (0..members.len())
        .min_by_key(|&k| names[members[k]].1.start)
        .unwrap_or(0);
    let step = |k: usize| names[members[(start + k) % members.len()]].0;
    let path = if members.len() <= PATH_SHOWN {
        (0..=members.len())
            .map(step)
            .collect::<Vec<_>>()
            .join(" → ")
    } else {
        let first: Vec<&str> = (0..PATH_SHOWN - 1).map(step).collect();
        format!(
            "{} → … ({} more) → {} → {}",
            first.join(" → "),
            members.len() - PATH_SHOWN,
            step(members.len() - 1),
            step(0)
        )
    };
    let first = names[members.get(start).copied().unwrap_or(0)].1;
    CheckError::new(
        CheckErrorKind::Cycle {
            members: members
                .iter()
                .map(|&i| (names[i].0.to_string(), names[i].1))
                .collect(),
            path,
            set: None,
        },
        first,
    )
}

/// The steps of a cycle's path shown in full.
const PATH_SHOWN: usize = 8;

/// The names a cycle's message lists before `and N more`.
const CYCLE_NAMES_SHOWN: usize = 8;

/// A cycle, drawn: its members in source order, the first of a long one named, and why an
/// override made it if one did.
pub(super) fn cycle_diagnostic(
    members: &[(String, Span)],
    path: &str,
    set: Option<(&str, super::Flag)>,
) -> Diagnostic {
    // In source order; a long cycle is named by its first members.
    let mut members: Vec<&(String, Span)> = members.iter().collect();
    members.sort_unstable_by_key(|(_, s)| s.start);
    let mut list = members
        .iter()
        .take(CYCLE_NAMES_SHOWN)
        .map(|(n, _)| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if members.len() > CYCLE_NAMES_SHOWN {
        list.push_str(&format!(" and {} more", members.len() - CYCLE_NAMES_SHOWN));
    }
    let mut d = Diagnostic::new(format!(
        "definitions depend on each other in a cycle: {list}"
    ));
    for (k, (_, s)) in members.iter().enumerate() {
        let text = "part of the cycle";
        d = if k == 0 {
            d.primary(*s, text)
        } else {
            d.secondary(*s, text)
        };
    }
    match set {
        Some((name, flag)) => {
            let example = match flag {
                super::Flag::Set => format!("--set {name}=2"),
                super::Flag::Vary => format!("--vary {name}=1..2"),
            };
            d.help(format!(
                "{path}: `{} {name}=…` replaces the definition of `{name}`, so its value \
                 cannot use `{name}` or a value computed from it; give the value itself, e.g. `{example}`",
                flag.option()
            ))
        }
        None => d.help(format!("{path}; define one of them without the others")),
    }
}
