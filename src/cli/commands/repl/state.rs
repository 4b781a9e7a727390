//! A REPL session: the library's interactive [`Session`] and what the REPL remembers between
//! lines to say what a line changed. Each typed line is its own source (`<repl:N>`), so that
//! an error's carets point into the line just typed; a line that fails is taken back whole
//! (the session's checkpoint), so an error never leaves the session half-changed. A line that
//! succeeds prints its values as `bote eval` does, then the values of other names that it
//! changed, and the assertions it broke.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::report::{Report, ValueReport, Work};
use bote::span::Span;
use bote::{Conventions, Resolved, Session, Style};

use super::super::{Files, eval, resolved};
use crate::cli::config::ReplConfig;
use crate::cli::output::Output;

/// At most this many recomputed values are listed after a line; `:list` shows them all.
const MAX_CHANGES_SHOWN: usize = 12;

pub struct Repl {
    session: Session,
    pub style: Style,
    /// Lines evaluated so far: the next line's source is `<repl:N+1>`.
    lines: usize,
    /// Each name's value as shown after the last line: what a redefinition changed.
    shown: HashMap<String, String>,
    /// The assertions (by the start of their left side) that failed after the last line.
    failing: HashSet<u32>,
    /// Columns of the terminal, for `:list`.
    pub width: u16,
    /// `:rough`: each value's rough figure beside it.
    pub rough: bool,
}

impl Repl {
    pub fn new(config: ReplConfig, width: u16) -> Repl {
        let mut session = Session::interactive(Conventions::default());
        session.set_sampling(config.sampling);
        Repl {
            session,
            style: config.style,
            lines: 0,
            shown: HashMap::new(),
            failing: HashSet::new(),
            width,
            rough: false,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The names worth completing: those defined, without results nothing uses.
    pub fn defined_names(&self) -> Vec<String> {
        let unused = self.session.unused_results();
        self.session
            .defined_names()
            .filter(|name| !unused.contains(name))
            .map(str::to_string)
            .collect()
    }

    /// What each report adds to the values: their rough figures when `:rough` is on, and,
    /// with `steps`, their worked steps.
    fn work(&self, steps: bool) -> Work {
        Work {
            steps,
            rough: self.rough,
        }
    }

    /// Every value of the session; with `all` false, without the results nothing uses, as
    /// `:list` shows them; with `steps`, each with its worked steps.
    pub fn report(&mut self, all: bool, steps: bool) -> Result<Report, Diagnostic> {
        let work = self.work(steps);
        let mut report = bote::report_with(&mut self.session, &self.style, work)
            .map_err(|e| e.to_diagnostic(self.session.sources()))?;
        if !all {
            let unused = self.session.unused_results();
            report
                .values
                .retain(|v| v.name.as_deref().is_none_or(|name| !unused.contains(&name)));
        }
        Ok(report)
    }

    /// Evaluates a typed line and prints what it made and changed, or its error.
    pub fn line(&mut self, text: &str, out: &mut Output) -> io::Result<()> {
        self.lines += 1;
        let source = Resolved::named(&format!("<repl:{}>", self.lines));
        let checkpoint = self.session.checkpoint();
        let work = self.work(false);
        let evaluated = self
            .session
            .add_line(&source, text, &mut Files)
            .and_then(|line| {
                let report = bote::report_with(&mut self.session, &self.style, work)?;
                Ok((line, report))
            });
        match evaluated {
            Ok((line, report)) => {
                self.show(&report, line, out)?;
                self.session.settle_line(line);
                self.remember(&report);
                Ok(())
            }
            Err(e) => {
                self.session.restore(checkpoint);
                let d = about_the_last_result(e.to_diagnostic(self.session.sources()), self);
                out.diagnostic(&d, self.session.sources())
            }
        }
    }

    /// Reads a scenario file into the session (`:load`): its definitions replace those of the
    /// same names, and everything is recomputed. A file with an error changes nothing.
    pub fn load(&mut self, path: &str, text: &str, out: &mut Output) -> io::Result<()> {
        let checkpoint = self.session.checkpoint();
        let work = self.work(false);
        let evaluated = self
            .session
            .add_with(&resolved(path), text, &mut Files)
            .and_then(|()| bote::report_with(&mut self.session, &self.style, work));
        let report = match evaluated {
            Ok(report) => report,
            Err(e) => {
                self.session.restore(checkpoint);
                let d = e.to_diagnostic(self.session.sources());
                return out.diagnostic(&d, self.session.sources());
            }
        };
        let sources = self.session.sources();
        let from_file = |span: Span| sources.locate(span.start).is_some_and(|at| at.file == path);
        let values = report.values.iter().filter(|v| from_file(v.span)).count();
        out.write_line(&format!(
            "loaded {path}: {values} value{} (:list shows them)",
            if values == 1 { "" } else { "s" }
        ))?;
        self.show_changes(&report, from_file, out)?;
        self.remember(&report);
        Ok(())
    }

    /// Writes the session as a scenario file (`:save`).
    pub fn save(&self, path: &str, out: &mut Output) -> io::Result<()> {
        let text = self.session.to_scenario();
        let statements = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        match std::fs::write(Path::new(path), &text) {
            Ok(()) => out.write_line(&format!(
                "saved {statements} statement{} to {path}",
                if statements == 1 { "" } else { "s" }
            )),
            Err(e) => {
                let d = Diagnostic::new(format!("cannot write `{path}`: {e}"));
                out.diagnostic(&d, &SourceMap::default())
            }
        }
    }

    /// The line's own values, as `eval` prints them; then what it changed elsewhere.
    fn show(&self, report: &Report, line: Span, out: &mut Output) -> io::Result<()> {
        let within = |span: Span| span.start >= line.start && span.start <= line.end;
        let own = Report {
            values: report
                .values
                .iter()
                .filter(|v| within(v.span))
                .cloned()
                .collect(),
            assertions: Vec::new(),
            warnings: Vec::new(),
            ..report.clone()
        };
        out.write(&eval::text(&own))?;
        self.show_changes(report, within, out)
    }

    /// The values outside `within` that are shown differently than after the last line, then
    /// the warnings within it and the assertions that fail within it or did not fail before.
    fn show_changes(
        &self,
        report: &Report,
        within: impl Fn(Span) -> bool,
        out: &mut Output,
    ) -> io::Result<()> {
        // A result changes with what it is computed from, which is shown: itself, never typed,
        // would only puzzle.
        let changed: Vec<(&ValueReport, &String)> = report
            .values
            .iter()
            .filter(|v| !within(v.span))
            .filter_map(|v| {
                let name = v.name.as_deref()?;
                let before = self.shown.get(name)?;
                (*before != v.shown.text && !self.session.is_result(name)).then_some((v, before))
            })
            .collect();
        for (v, before) in changed.iter().take(MAX_CHANGES_SHOWN) {
            let name = v.name.as_deref().unwrap_or_default();
            out.write_line(&format!("  {name} = {}  (was {before})", v.shown.text))?;
        }
        if changed.len() > MAX_CHANGES_SHOWN {
            let more = changed.len() - MAX_CHANGES_SHOWN;
            out.write_line(&format!("  … and {more} more (:list shows them all)"))?;
        }
        let sources = self.session.sources();
        for w in &report.warnings {
            let primary = w.labels.iter().find(|l| l.primary).or(w.labels.first());
            if primary.is_some_and(|l| within(l.span)) {
                out.diagnostic(w, sources)?;
            }
        }
        for a in report.assertions.iter().filter(|a| !a.passed) {
            if within(a.lhs_span) || !self.failing.contains(&a.lhs_span.start) {
                out.diagnostic(&a.to_diagnostic(), sources)?;
            }
        }
        Ok(())
    }

    /// What the next line's changes are measured against.
    fn remember(&mut self, report: &Report) {
        self.shown = report
            .values
            .iter()
            .filter_map(|v| Some((v.name.clone()?, v.shown.text.clone())))
            .collect();
        self.failing = report
            .assertions
            .iter()
            .filter(|a| !a.passed)
            .map(|a| a.lhs_span.start)
            .collect();
    }
}

/// An unknown `_` or `ans` before any line has made a value says what they are.
fn about_the_last_result(d: Diagnostic, repl: &Repl) -> Diagnostic {
    let unknown = bote::LAST_RESULT_NAMES
        .iter()
        .any(|name| d.message == format!("unknown name `{name}`"));
    if unknown && repl.session.last_result().is_none() {
        d.help("`_` and `ans` are the last result, and no line has made one yet")
    } else {
        d
    }
}
