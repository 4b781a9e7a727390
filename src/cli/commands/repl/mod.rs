//! `bote repl`, and `bote` alone on a terminal: an interactive session. Each line is evaluated
//! as `bote eval` evaluates an argument, in the library's interactive session, which keeps the
//! definitions and recomputes what depends on a redefined name (`state`); a line that starts
//! with `:` is a command (`commands`). `editor` is the terminal side (rustyline), given the
//! history file (`history`) and what Tab completes (`complete`).
//!
//! When standard input is not a terminal, `bote` alone reads statements from it as `bote eval
//! -` does, and `bote repl` reads its lines from it without a prompt: a script of lines and
//! commands.

mod commands;
mod complete;
mod editor;
mod history;
mod state;

use std::io::{self, IsTerminal as _};

use bote::diagnostic::{Diagnostic, SourceMap};

use super::eval;
use crate::cli::config::{EvalConfig, EvalFormat, ReplConfig};
use crate::cli::output::{Exit, Output};
use commands::Flow;
use editor::{Editor, Read};

const PROMPT: &str = "bote> ";

/// Said when a session starts on a terminal.
const GREETING: &str = concat!(
    "bote ",
    env!("CARGO_PKG_VERSION"),
    ": type a statement, or :help. Ctrl-D ends the session."
);

/// `bote` alone: a session on a terminal, else the statements standard input holds.
pub fn alone(config: ReplConfig, out: &mut Output) -> io::Result<Exit> {
    if io::stdin().is_terminal() {
        return run(config, out);
    }
    let eval = EvalConfig {
        exprs: vec!["-".to_string()],
        format: EvalFormat::Text,
        work: bote::report::Work::default(),
        style: config.style,
        sampling: config.sampling,
    };
    eval::run(eval, out)
}

/// A session, until `:quit`, Ctrl-D or the end of the input. Errors in lines are shown and
/// the session goes on, so it ends with status 0 unless the terminal itself fails.
pub fn run(config: ReplConfig, out: &mut Output) -> io::Result<Exit> {
    let terminal = io::stdin().is_terminal();
    // Lines read from a pipe are a script, not something typed to recall.
    let history = terminal
        .then(|| history::path(history::Platform::current(), |name| std::env::var_os(name)))
        .flatten();
    let (mut editor, warning) = match Editor::new(history) {
        Ok(started) => started,
        Err(message) => {
            let d = Diagnostic::new(message);
            return out.input_error(&d, &SourceMap::default(), false);
        }
    };
    if let Some(message) = warning {
        warn(&message, out)?;
    }
    let mut repl = state::Repl::new(config, out.width());
    if terminal {
        out.write_line(GREETING)?;
    }
    loop {
        // What a line printed is on the terminal before the next prompt is drawn.
        out.flush()?;
        let line = match editor.read(PROMPT, repl.defined_names())? {
            Read::Line(line) => line,
            Read::Cancelled => continue,
            Read::End => break,
        };
        if let Err(message) = editor.remember(&line) {
            warn(&message, out)?;
        }
        if let Some(width) = editor.width() {
            repl.width = width;
        }
        if commands::dispatch(&mut repl, &line, out)? == Flow::Quit {
            break;
        }
    }
    Ok(Exit::Ok)
}

fn warn(message: &str, out: &mut Output) -> io::Result<()> {
    let d = Diagnostic::warning(message).help("the session goes on without a history file");
    out.diagnostic(&d, &SourceMap::default())
}
