//! Property: every span lies inside its parent's — each expression inside its statement, each
//! child inside its node — and every statement and every diagnostic label lies inside its own
//! source. Checked over every scenario and every error fixture, so that a caret can never point
//! past the text it underlines.

use std::path::Path;

use bote::ast::{Expr, Program, StmtKind, Target};
use bote::span::Span;
use bote::{Conventions, Session};

use crate::common::files_under;

fn inside(child: Span, parent: Span) -> bool {
    child.start >= parent.start && child.end <= parent.end && child.start <= child.end
}

/// Every node of `root` lies inside its parent, and `root` inside `parent`.
fn check_tree(root: &Expr, parent: Span, what: &str) {
    let mut stack = vec![(root, parent)];
    while let Some((e, parent)) = stack.pop() {
        assert!(
            inside(e.span, parent),
            "{what}: {:?} lies outside {parent:?}",
            e.span
        );
        stack.extend(e.children().map(|child| (child, e.span)));
    }
}

/// The expressions a statement holds.
fn target(t: &Option<Box<Target>>) -> Option<&Expr> {
    match t.as_deref() {
        Some(Target::Unit { expr, .. }) => Some(expr),
        _ => None,
    }
}

fn expressions(kind: &StmtKind) -> Vec<&Expr> {
    match kind {
        StmtKind::Define {
            value, target: t, ..
        }
        | StmtKind::Eval { value, target: t } => std::iter::once(value).chain(target(t)).collect(),
        StmtKind::Assert {
            lhs,
            rhs,
            tolerance,
            ..
        } => [Some(lhs.as_ref()), Some(rhs.as_ref()), tolerance.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        StmtKind::CalendarLength { value, .. } => vec![value],
        StmtKind::UnitDecl { .. } | StmtKind::Calendar { .. } => Vec::new(),
    }
}

fn check_program(program: &Program, source: Span, what: &str) {
    for st in &program.statements {
        assert!(
            inside(st.span, source),
            "{what}: statement outside its source"
        );
        for e in expressions(&st.kind) {
            check_tree(e, st.span, what);
        }
    }
}

#[test]
fn spans_nest_in_every_scenario_and_error_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = files_under(&root.join("scenarios"), "bote");
    paths.extend(files_under(&root.join("tests/errors"), "bote"));
    paths.extend(files_under(&root.join("tests/fixtures"), "bote"));
    assert!(paths.len() > 40, "too few files found: {}", paths.len());
    let (mut parsed, mut rejected) = (0, 0);
    for path in paths {
        let what = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("readable UTF-8");
        // Spans start at an offset other than zero, as they do for a second source.
        let base = 1000;
        let source = Span::new(base, base + text.len());
        match bote::syntax::parse_program(&text, base) {
            Ok(program) => {
                check_program(&program, source, &what);
                parsed += 1;
            }
            Err(e) => {
                assert!(inside(e.span, source), "{what}: parse error outside");
                rejected += 1;
            }
        }
        // Whatever stage rejects the file, its diagnostic points inside the file.
        let mut session = Session::new(Conventions::default());
        let result = session
            .add(&what, &text)
            .and_then(|()| session.check().map(|_| ()))
            .and_then(|()| session.evaluate().map(|_| ()));
        if let Err(e) = result {
            let diagnostic = e.to_diagnostic(session.sources());
            for label in &diagnostic.labels {
                assert!(
                    inside(label.span, Span::new(0, text.len())),
                    "{what}: label {:?} outside the file",
                    label.span
                );
            }
        }
    }
    assert!(parsed > 0 && rejected > 0);
}
