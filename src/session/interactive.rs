//! Interactive use of a session, for the REPL. A typed line joins the program like any source
//! ([`Session::add_line`]) and can be taken back when it fails ([`Session::checkpoint`],
//! [`Session::restore`]), so that an error never leaves the session broken. Once the line has
//! been shown, [`Session::settle_line`] keeps what a scenario would keep: definitions,
//! declarations and assertions stay; expression statements, shown once, do not, except the
//! last result, which becomes a definition of its own (`_1`, `_2`, …) whose name was never
//! typed.
//!
//! `_` and `ans` in a typed line are read as the name of the last result at the time the line
//! is typed, not as a name that moves on: `peak = ans * 3` keeps meaning the result it followed,
//! whatever is computed after it. Like every value, a result follows the definitions it is
//! computed from (`x * 2` is recomputed when `x` is redefined). A program that defines `_` or
//! `ans` itself keeps that meaning.
//!
//! [`Session::to_scenario`] writes the session as a scenario file that a batch session reads
//! back to the same values: every statement as it was typed, a `_` or `ans` written as the
//! result it was read as, and a result only where something kept uses it.

use std::collections::{HashMap, HashSet};

use crate::ast::{Expr, ExprKind, Program, Statement, StmtKind};
use crate::import::{Loader, Resolved};
use crate::span::Span;

use super::{Error, Link, Session};

/// The names a typed line uses for the last result.
pub const LAST_RESULT_NAMES: [&str; 2] = ["_", "ans"];

/// What `_` and `ans` read as.
#[derive(Clone, Debug, Default)]
pub(super) struct Results {
    /// The last definition or kept result of a typed line.
    last: Option<Box<str>>,
    /// How many results have been named, so that a new one gets a new name.
    named: usize,
    /// Whether the source being added is a typed line: only there are `_` and `ans` aliases
    /// (a scenario file that uses them without defining them is wrong, and says so).
    reading_line: bool,
}

impl Results {
    /// Reads each `_` and `ans` of a typed line as the last result, unless the program read so
    /// far or the line itself defines that name.
    pub(super) fn read_aliases(&self, parsed: &mut Program, program: &Program) {
        let (true, Some(last)) = (self.reading_line, self.last.as_deref()) else {
            return;
        };
        let aliases: Vec<&str> = LAST_RESULT_NAMES
            .into_iter()
            .filter(|name| !defines(program, name) && !defines(parsed, name))
            .collect();
        for statement in &mut parsed.statements {
            for expr in statement.expressions_mut() {
                rename(expr, &aliases, last);
            }
        }
    }

    /// Whether a typed line is being added (its title is not the program's).
    pub(super) fn reading_line(&self) -> bool {
        self.reading_line
    }
}

/// What [`Session::restore`] goes back to: the program and the last result before a line.
/// Sources are not taken back: a diagnostic already drawn may point into them.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    program: Program,
    loaded: usize,
    imports: usize,
    results: Results,
}

impl Session {
    /// The program as it is, for [`Session::restore`].
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            program: self.program.clone(),
            loaded: self.loaded.len(),
            imports: self.imports.len(),
            results: self.results.clone(),
        }
    }

    /// Takes back everything added since `checkpoint`: a typed line that failed to check or
    /// evaluate leaves the session as it was.
    pub fn restore(&mut self, checkpoint: Checkpoint) {
        self.program = checkpoint.program;
        self.loaded.truncate(checkpoint.loaded);
        self.imports.truncate(checkpoint.imports);
        self.results = checkpoint.results;
        self.checked = None;
    }

    /// Adds a line typed in an interactive session, as [`Session::add_with`] adds a source,
    /// with `_` and `ans` read as the last result. Returns the span of the line's source: the
    /// statements and values the line made start within it.
    pub fn add_line(
        &mut self,
        file: &Resolved,
        text: &str,
        loader: &mut dyn Loader,
    ) -> Result<Span, Error> {
        let mut chain = vec![Link {
            file: file.clone(),
            via: None,
        }];
        self.results.reading_line = true;
        let added = self.add_file(text, loader, &mut chain);
        self.results.reading_line = false;
        let base = added?;
        Ok(Span::new(base, base + text.len()))
    }

    /// The name `_` and `ans` read as in the next typed line, if a line has made a value.
    pub fn last_result(&self) -> Option<&str> {
        self.results.last.as_deref()
    }

    /// Keeps what a typed line, evaluated and shown, leaves in the session (see the module
    /// doc): its last value is the last result, and its other expression statements go.
    /// Results that nothing kept uses any more go too.
    pub fn settle_line(&mut self, line: Span) {
        let within = |s: &Statement| s.span.start >= line.start && s.span.start <= line.end;
        let last = self
            .program
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                within(s) && matches!(s.kind, StmtKind::Define { .. } | StmtKind::Eval { .. })
            })
            .max_by_key(|(_, s)| s.span.start)
            .map(|(i, _)| i);
        if let Some(i) = last {
            let name = match &self.program.statements[i].kind {
                StmtKind::Define { name, .. } => name.clone(),
                _ => {
                    let name = self.new_result_name();
                    keep_as_result(&mut self.program.statements[i], &name);
                    name
                }
            };
            self.results.last = Some(name);
        }
        self.program
            .statements
            .retain(|s| !(within(s) && matches!(s.kind, StmtKind::Eval { .. })));
        let needed: HashSet<String> = self
            .needed_results(true)
            .into_iter()
            .map(str::to_string)
            .collect();
        self.program
            .statements
            .retain(|s| result_name(s).is_none_or(|name| needed.contains(name)));
        self.checked = None;
    }

    /// Whether `name` is a kept result rather than a name that was typed.
    pub fn is_result(&self, name: &str) -> bool {
        self.program
            .statements
            .iter()
            .any(|s| result_name(s) == Some(name))
    }

    /// The kept results that no definition, assertion or other statement uses: the last
    /// result, until something does. A listing or a saved scenario leaves them out.
    pub fn unused_results(&self) -> Vec<&str> {
        let needed = self.needed_results(false);
        self.program
            .statements
            .iter()
            .filter_map(result_name)
            .filter(|name| !needed.contains(name))
            .collect()
    }

    /// The session as a scenario file (see the module doc), its title and description as the
    /// leading comment block.
    pub fn to_scenario(&self) -> String {
        let mut out = String::new();
        if let Some(title) = &self.program.title {
            let description = self.program.description.iter().flat_map(|d| d.lines());
            for line in std::iter::once(title.as_str()).chain(description) {
                out.push_str(format!("# {line}").trim_end());
                out.push('\n');
            }
            out.push('\n');
        }
        let unused = self.unused_results();
        for statement in &self.program.statements {
            if result_name(statement).is_some_and(|name| unused.contains(&name)) {
                continue;
            }
            out.push_str(&self.statement_text(statement));
            out.push('\n');
        }
        out
    }

    /// The formula of the definition of `name` as it was read: as typed, but with each `_` or
    /// `ans` written as the result it stood for (`_1 + 1` for `ans + 1`).
    pub fn formula_as_read(&self, name: &str) -> Option<String> {
        self.program.statements.iter().find_map(|s| match &s.kind {
            StmtKind::Define { name: n, value, .. } if &**n == name => {
                let formula = Span {
                    start: value.span.start,
                    end: s.span.end,
                };
                Some(self.written(formula, s))
            }
            _ => None,
        })
    }

    /// A statement as a line of a scenario file.
    fn statement_text(&self, statement: &Statement) -> String {
        let mut text = match &statement.kind {
            // Written from the name, since a result's name was never typed.
            StmtKind::Define { name, value, .. } => {
                let rest = Span {
                    start: value.span.start,
                    end: statement.span.end,
                };
                format!("{name} = {}", self.written(rest, statement))
            }
            _ => self.written(statement.span, statement),
        };
        if !statement.comment.is_empty() {
            text.push_str("  # ");
            text.push_str(self.sources.slice(statement.comment));
        }
        text
    }

    /// The source text `span` of `statement` covers, with each `_` or `ans` that was read as a
    /// result written as that result's name.
    fn written(&self, span: Span, statement: &Statement) -> String {
        let mut aliases: Vec<(Span, &str)> = Vec::new();
        for expr in statement.expressions() {
            names_in(expr, &mut |node, name| {
                let typed = self.sources.slice(node);
                if LAST_RESULT_NAMES.contains(&typed) && typed != name {
                    aliases.push((node, name));
                }
            });
        }
        aliases.sort_by_key(|(node, _)| node.start);
        let mut out = String::new();
        let mut at = span.start;
        for (node, name) in aliases {
            out.push_str(self.sources.slice(Span {
                start: at,
                end: node.start,
            }));
            out.push_str(name);
            at = node.end;
        }
        out.push_str(self.sources.slice(Span { start: at, ..span }));
        out
    }

    /// The first `_N` that names nothing yet.
    fn new_result_name(&mut self) -> Box<str> {
        loop {
            self.results.named += 1;
            let name = format!("_{}", self.results.named);
            if !self.defines(&name) {
                return name.into();
            }
        }
    }

    /// The kept results that the other statements use, directly or through other results,
    /// and (with `with_last`) the last result and those it uses.
    fn needed_results(&self, with_last: bool) -> HashSet<&str> {
        let results: HashMap<&str, &Statement> = self
            .program
            .statements
            .iter()
            .filter_map(|s| result_name(s).map(|name| (name, s)))
            .collect();
        let mut todo: Vec<&str> = Vec::new();
        for statement in &self.program.statements {
            if result_name(statement).is_none() {
                uses(statement, &mut todo);
            }
        }
        if with_last {
            todo.extend(self.results.last.as_deref());
        }
        let mut needed = HashSet::new();
        while let Some(name) = todo.pop() {
            if let Some(statement) = results.get(name)
                && needed.insert(name)
            {
                uses(statement, &mut todo);
            }
        }
        needed
    }
}

/// The name of a kept result: a definition whose name was never typed.
fn result_name(statement: &Statement) -> Option<&str> {
    match &statement.kind {
        StmtKind::Define {
            name, name_span, ..
        } if name_span.is_empty() => Some(name),
        _ => None,
    }
}

/// An expression statement becomes the definition of a result named `name`, its name span
/// empty (it was never typed) and everything else as it was.
fn keep_as_result(statement: &mut Statement, name: &str) {
    let empty = StmtKind::UnitDecl {
        name: String::new(),
        name_span: Span::default(),
    };
    if let StmtKind::Eval { value, target } = std::mem::replace(&mut statement.kind, empty) {
        statement.kind = StmtKind::Define {
            name: name.into(),
            name_span: Span {
                start: statement.span.start,
                end: statement.span.start,
            },
            value,
            target,
        };
    }
}

fn defines(program: &Program, name: &str) -> bool {
    program
        .statements
        .iter()
        .any(|s| matches!(&s.kind, StmtKind::Define { name: n, .. } if &**n == name))
}

fn rename(expr: &mut Expr, from: &[&str], to: &str) {
    if let ExprKind::Name(name) = &mut expr.kind {
        if from.contains(&name.as_str()) {
            *name = to.to_string();
        }
        return;
    }
    for child in expr.children_mut() {
        rename(child, from, to);
    }
}

/// Calls `found` with the span and name of each name in `expr`.
fn names_in<'a>(expr: &'a Expr, found: &mut dyn FnMut(Span, &'a str)) {
    if let ExprKind::Name(name) = &expr.kind {
        found(expr.span, name);
    }
    for child in expr.children() {
        names_in(child, found);
    }
}

/// Adds the names `statement` uses to `out`.
fn uses<'a>(statement: &'a Statement, out: &mut Vec<&'a str>) {
    for expr in statement.expressions() {
        names_in(expr, &mut |_, name| out.push(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Conventions;
    use crate::import::NoImports;

    fn line(s: &mut Session, n: usize, text: &str) -> Result<(), Error> {
        let checkpoint = s.checkpoint();
        let added = s
            .add_line(&Resolved::named(&format!("<{n}>")), text, &mut NoImports)
            .and_then(|span| {
                s.check()?;
                s.evaluate()?
                    .entries()
                    .try_for_each(|e| e.map(drop))
                    .map_err(Error::Eval)?;
                Ok(span)
            });
        match added {
            Ok(span) => {
                s.settle_line(span);
                Ok(())
            }
            Err(e) => {
                s.restore(checkpoint);
                Err(e)
            }
        }
    }

    fn session(lines: &[&str]) -> Session {
        let mut s = Session::interactive(Conventions::default());
        for (n, text) in lines.iter().enumerate() {
            assert!(line(&mut s, n, text).is_ok(), "{text}");
        }
        s
    }

    #[test]
    fn ans_is_the_result_a_line_was_typed_after() {
        let s = session(&["x = 5", "x * 2", "y = ans * 3", "100", "z = _ + y"]);
        assert_eq!(
            s.to_scenario(),
            "x = 5\n_1 = x * 2\ny = _1 * 3\n_2 = 100\nz = _2 + y\n"
        );
        assert_eq!(s.last_result(), Some("z"));
        assert_eq!(s.formula_as_read("y").as_deref(), Some("_1 * 3"));
        assert_eq!(s.formula_as_read("x").as_deref(), Some("5"));
        assert_eq!(s.formula_as_read("w"), None);
    }

    #[test]
    fn results_nothing_uses_are_neither_kept_nor_saved() {
        let s = session(&["x = 5", "x * 2", "ans + 1", "x * 3"]);
        // `_1` was used only by `_2`, which nothing uses; `_3` is the last result.
        assert_eq!(s.unused_results(), ["_3"]);
        assert_eq!(s.to_scenario(), "x = 5\n");
        assert!(!s.defines("_1") && !s.defines("_2"));
    }

    #[test]
    fn a_failed_line_changes_nothing() {
        let mut s = session(&["x = 5 GB", "y = x * 2", "x * 3"]);
        let before = s.to_scenario();
        assert!(line(&mut s, 9, "x = 5 s; z = y + 1 GB").is_err());
        assert!(line(&mut s, 10, "w = ans +").is_err());
        assert_eq!(s.to_scenario(), before);
        assert_eq!(s.last_result(), Some("_1"));
    }

    #[test]
    fn a_program_that_defines_ans_keeps_it() {
        let s = session(&["ans = 42", "7", "y = ans + 1"]);
        assert_eq!(s.to_scenario(), "ans = 42\ny = ans + 1\n");
    }

    #[test]
    fn ans_before_any_result_is_an_unknown_name() {
        let mut s = Session::interactive(Conventions::default());
        let stage = line(&mut s, 1, "ans * 2").err().map(|e| e.stage());
        assert_eq!(stage, Some(crate::Stage::Check));
    }

    #[test]
    fn a_saved_session_keeps_comments_and_conversions() {
        let s = session(&[
            "unit req",
            "dau = 1M  # daily users",
            "dau * 10 req / day -> req/s",
            "rate = ans",
        ]);
        assert_eq!(
            s.to_scenario(),
            "unit req\ndau = 1M  # daily users\n_1 = dau * 10 req / day -> req/s\nrate = _1\n"
        );
    }
}
