//! bote: back-of-the-envelope estimates with units.
//!
//! The pipeline, one module per stage, chained by [`run`]:
//!
//! ```text
//! source text ─▶ syntax (nom, spans) ─▶ AST ─▶ check (names, cycles, dimensions)
//!             ─▶ eval (numbers)      ─▶ report (what each value is) ─▶ render
//! ```
//!
//! - [`syntax`] turns text into an [`ast::Program`]; every node carries a byte span.
//! - [`check`] resolves names against definitions and the [`units`] table, orders
//!   definitions, rejects cycles, and checks every [`dimension`] before any arithmetic.
//! - [`eval`] computes numbers in base units (seconds, bytes).
//! - [`report`] says what each value is and how it is shown, through [`format`].
//! - Rendering (text, JSON) is the caller's: the binary's `cli` and `app` modules.
//!
//! Errors from every stage become one [`diagnostic::Diagnostic`], drawn against a
//! [`diagnostic::SourceMap`]. The library holds no global state: every call takes what it needs.

pub mod ast;
pub mod check;
pub mod conventions;
pub mod diagnostic;
pub mod dimension;
pub mod eval;
pub mod format;
pub mod functions;
pub mod json;
pub mod reference;
pub mod reliability;
pub mod render;
pub mod report;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod units;

use ast::Program;
use check::{Checked, Override};
use conventions::Conventions;
use diagnostic::{Diagnostic, SourceMap};
use eval::Evaluated;
use span::Span;

/// The largest input accepted, in bytes: far beyond any real scenario, small enough to answer
/// at once.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// One source to run: its name in diagnostics (`<expr>`, a path) and its text.
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Everything one run computed. The syntax tree is not kept: once checked it is dropped, so
/// that later stages reuse its memory.
pub struct Run {
    /// The first line of the first input's leading comment block.
    pub title: Option<String>,
    /// The rest of that comment block.
    pub description: Option<String>,
    pub checked: Checked,
    pub evaluated: Evaluated,
}

/// Parses every input into one program, applies `--set` overrides (`name=expr`), checks and
/// evaluates it. Sources are added to `sources` so that the caller can render diagnostics.
pub fn run(
    inputs: &[Input],
    overrides: &[(String, String)],
    conventions: Conventions,
    sources: &mut SourceMap,
) -> Result<Run, Diagnostic> {
    let mut program = Program::default();
    for input in inputs {
        let base = sources.add(input.name, input.text);
        if input.text.len() > MAX_INPUT_BYTES {
            return Err(Diagnostic::new(format!(
                "input too large: {} bytes (the limit is {MAX_INPUT_BYTES})",
                input.text.len()
            ))
            .primary(Span::new(base, base), "")
            .help("split it into several files"));
        }
        let parsed =
            syntax::parse_program(input.text, base).map_err(|e| e.to_diagnostic(sources))?;
        if program.statements.is_empty() && program.title.is_none() {
            program = parsed;
        } else {
            if program.title.is_none() {
                program.title = parsed.title;
                program.description = parsed.description;
            }
            program.statements.extend(parsed.statements);
        }
    }
    let mut parsed_overrides = Vec::new();
    for (name, text) in overrides {
        let source_name = "<--set>".to_string();
        let base = sources.add(source_name, format!("{name}={text}"));
        let value_base = base + name.len() + 1;
        let value =
            syntax::parse_expression(text, value_base).map_err(|e| e.to_diagnostic(sources))?;
        parsed_overrides.push(Override {
            name: name.clone(),
            name_span: Span::new(base, base + name.len()),
            value,
        });
    }
    let checked = check::check(&program, &parsed_overrides, conventions, sources)?;
    let Program {
        title, description, ..
    } = program;
    let evaluated = eval::evaluate(&checked).map_err(|e| e.to_diagnostic())?;
    Ok(Run {
        title,
        description,
        checked,
        evaluated,
    })
}
