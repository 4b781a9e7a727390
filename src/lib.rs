//! bote: back-of-the-envelope estimates with units.
//!
//! The pipeline, one module per stage, driven by a [`Session`]:
//!
//! ```text
//! source text ─▶ syntax (nom, spans) ─▶ ast ─▶ check (names, cycles, dimensions) ─▶ ir
//!             ─▶ eval (values)       ─▶ report (what each value is) ─▶ render (table | json | markdown | csv)
//! ```
//!
//! - [`syntax`] turns text into an [`ast::Program`]; every node carries a byte span.
//! - `check` resolves names against definitions and the unit tables of `quantity`, orders
//!   definitions, rejects cycles, and checks every dimension before any arithmetic; it lowers
//!   the tree into the checked form of `ir`.
//! - `eval` computes a [`Value`] for every definition and output statement, in base units
//!   (seconds, bytes), with the kernels of `builtins`.
//! - [`report`] says what each value is (its [`Kind`]) and how it is shown, through
//!   [`format`] and its [`Style`].
//! - [`render`] draws a report as a terminal table, Markdown, CSV or JSON.
//! - [`diff`] compares two reports (`bote diff`): what changed between two plans.
//!
//! Beside the pipeline, [`layout`] writes a program back in the canonical layout (`bote fmt`),
//! and checks that it still reads the same.
//!
//! Each stage has a typed error; [`Error`] holds any of them, and [`Error::to_diagnostic`]
//! turns it into a [`Diagnostic`] drawn against the session's [`SourceMap`]. The library holds
//! no global state and never prints: the binary's `cli` layer does.

pub mod ast;
mod builtins;
pub mod capacity;
mod check;
pub mod diagnostic;
pub mod diff;
pub mod drill;
mod eval;
pub mod format;
mod grammar;
pub mod import;
mod invisible;
mod ir;
pub mod layout;
pub mod quantity;
pub mod reliability;
pub mod render;
pub mod report;
pub mod sample;
mod session;
pub mod span;
mod special;
pub mod suggest;
pub mod sweep;
pub mod syntax;
mod value;

pub use builtins::{BUILTINS, Builtin};
pub use check::{CheckError, CheckErrorKind, Flag};
pub use diagnostic::{Diagnostic, SourceMap};
pub use eval::{AssertOutcome, Entry, EvalError, EvalErrorKind, Evaluation, Sampling};
pub use format::{DEFAULT_PRECISION, Style};
pub use import::{Loader, Resolved};
pub use ir::{Checked, Definition, Expression, Item};
pub use quantity::{Conventions, Dimension, Kind, ValueKind};
pub use report::Report;
pub use session::{
    Checkpoint, Error, LAST_RESULT_NAMES, MAX_INPUT_BYTES, Redefinition, Session, Stage,
};
pub use syntax::{ParseError, ParseErrorKind};
pub use value::{Number, Value};

/// [`report`] for a session used once: its syntax trees are freed as soon as the program is
/// checked, and the rest of it once the report is built, so that a large program's stages
/// never all take memory at once. Returns the sources, for the caller's diagnostics.
pub fn report_once(mut session: Session, style: &Style) -> (Result<Report, Error>, SourceMap) {
    let mut values = Vec::new();
    let result = report_once_into(&mut session, style, &mut values);
    let result = result.map(|report| Report { values, ..report });
    (result, session.take_sources())
}

/// [`report_once`], with each value handed to `sink` as it is made instead of kept in the
/// report (see [`report::Sink`]). The session's syntax trees are freed once it is checked;
/// what is left of it is the caller's to free (or to leave to the end of the process).
pub fn report_once_into(
    session: &mut Session,
    style: &Style,
    sink: &mut dyn report::Sink,
) -> Result<Report, Error> {
    report_once_with(session, style, report::Work::default(), sink)
}

/// [`report_once_into`], each value with the additions `work` asks for: its worked steps,
/// its rough figure (the program is then checked and evaluated in the rough calendar too).
pub fn report_once_with(
    session: &mut Session,
    style: &Style,
    work: report::Work,
    sink: &mut dyn report::Sink,
) -> Result<Report, Error> {
    let rough = check_for(session, work)?;
    session.release_syntax();
    report_into(session, rough.as_ref(), style, work, sink)
}

/// Checks a session's program, and, when `work` asks for rough figures, checks it again in
/// the rough calendar: that second check is what comes back.
fn check_for(session: &mut Session, work: report::Work) -> Result<Option<Checked>, Error> {
    session.check()?;
    if work.rough {
        Ok(Some(session.check_rough()?))
    } else {
        Ok(None)
    }
}

/// Checks and evaluates what a session has read and reports every value: the whole pipeline
/// after parsing, for the commands that print a program's results.
pub fn report(session: &mut Session, style: &Style) -> Result<Report, Error> {
    report_with(session, style, report::Work::default())
}

/// [`report()`], each value with the additions `work` asks for.
pub fn report_with(
    session: &mut Session,
    style: &Style,
    work: report::Work,
) -> Result<Report, Error> {
    let rough = check_for(session, work)?;
    let mut values = Vec::new();
    let report = report_into(session, rough.as_ref(), style, work, &mut values)?;
    Ok(Report { values, ..report })
}

/// Evaluates a checked session, and with `rough` (the program checked in the rough calendar)
/// that too, and reports every value.
fn report_into(
    session: &mut Session,
    rough: Option<&Checked>,
    style: &Style,
    work: report::Work,
    sink: &mut dyn report::Sink,
) -> Result<Report, Error> {
    session.check()?;
    let evaluation = session.evaluate()?;
    let rough = rough.map(|r| session.evaluate_rough(r)).transpose()?;
    let heading = report::Heading {
        title: session.title(),
        description: session.description(),
        imports: session.imports(),
    };
    let rough = rough.as_ref();
    report::build_with(
        &evaluation,
        rough,
        work,
        heading,
        session.sources(),
        style,
        sink,
    )
    .map_err(Error::Eval)
}
