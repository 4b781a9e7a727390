//! The parser on any text: it never panics, every span of the tree it builds nests inside its
//! parent's and lies on character boundaries of the source, and every parse error's span lies
//! inside the source and draws as a diagnostic. And `bote fmt` (`layout::format`) on any text
//! that parses: it never finds that its layout would change the meaning (the error it returns
//! instead of such a file), and formatting its output again changes nothing.

#![no_main]

use bote::ast::{Expr, StmtKind, Target};
use bote::diagnostic::SourceMap;
use bote::layout::{self, FormatError};
use bote::span::Span;
use bote::syntax::{self, ParseError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A second source in the map, so that spans start at a nonzero base as they do for every
    // source after the first (imports, `--set`, `eval` arguments).
    let mut sources = SourceMap::default();
    if sources.add("<first>", "x = 1\n").is_err() {
        return;
    }
    let Ok(base) = sources.add("<fuzz>", text.as_ref()) else {
        return;
    };
    let source = Span::new(base, base + text.len());

    match syntax::parse_program(&text, base) {
        Ok(program) => {
            for statement in &program.statements {
                spanned(&text, base, statement.span, source, "statement");
                for e in expressions(&statement.kind) {
                    tree(&text, base, e, statement.span);
                }
            }
            for import in &program.imports {
                spanned(&text, base, import.path_span, source, "import path");
            }
        }
        Err(e) => error(&text, base, &e, source, &sources),
    }
    formatted(&text);
    match syntax::parse_expression(&text, base) {
        Ok(e) => tree(&text, base, &e, source),
        Err(e) => error(&text, base, &e, source, &sources),
    }
});

/// Formats `text`: a text that parses (as the session reads it: see `layout::format`) is
/// formatted, the same program, and formatting it again changes nothing.
fn formatted(text: &str) {
    let once = match layout::format(text) {
        Ok(once) => once,
        Err(FormatError::Parse { .. }) => return,
        Err(FormatError::Changed { span, .. }) => {
            panic!("fmt would change the meaning at {span:?} of {text:?}")
        }
    };
    match layout::format(&once) {
        Ok(twice) => assert_eq!(twice, once, "formatting {text:?} twice differs"),
        Err(e) => panic!("the formatted text of {text:?} fails: {e:?}\n{once}"),
    }
}

fn error(text: &str, base: usize, e: &ParseError, source: Span, sources: &SourceMap) {
    // An empty span may sit just past the end: "expected …, found the end of the input".
    spanned(text, base, e.span, source, "parse error");
    let d = e.to_diagnostic(sources);
    let _ = d.render(sources, false);
    let _ = d.location(sources);
}

/// `span` lies inside `parent` and cuts the source at character boundaries.
fn spanned(text: &str, base: usize, span: Span, parent: Span, what: &str) {
    assert!(
        span.start <= span.end && span.start >= parent.start && span.end <= parent.end,
        "{what} span {span:?} outside {parent:?} in {text:?}"
    );
    let (start, end) = (span.range().start - base, span.range().end - base);
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} span {span:?} cuts a character in {text:?}"
    );
}

fn tree(text: &str, base: usize, root: &Expr, parent: Span) {
    let mut stack = vec![(root, parent)];
    while let Some((e, parent)) = stack.pop() {
        spanned(text, base, e.span, parent, "expression");
        stack.extend(e.children().map(|child| (child, e.span)));
    }
}

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
