//! The terminal side of the REPL: rustyline's line editor, its history file and Tab
//! completion. The only file that knows rustyline, and the one terminal output that does not
//! go through `cli/output.rs`: rustyline draws the prompt and the line being edited itself
//! (`tests/it/architecture.rs` holds both). It is built only when a session starts, so no
//! other command pays for it.

use std::io;
use std::path::PathBuf;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Helper};

use super::complete::{self, Completion};

/// Lines kept in the history file.
const HISTORY_LINES: usize = 1000;

/// What a read gives.
pub enum Read {
    Line(String),
    /// Ctrl-C: the line being typed is dropped.
    Cancelled,
    /// Ctrl-D on an empty line, or the end of the input.
    End,
}

pub struct Editor {
    editor: rustyline::Editor<Completions, FileHistory>,
    /// Where lines are appended; `None` once writing failed, so that it is said once.
    history: Option<PathBuf>,
}

impl Editor {
    /// An editor whose history is read from `history`, if it exists there. A history that
    /// cannot be read is a warning (the returned text), not a reason to refuse a session.
    pub fn new(history: Option<PathBuf>) -> Result<(Editor, Option<String>), String> {
        let config = Config::builder()
            .max_history_size(HISTORY_LINES)
            .map_err(|e| e.to_string())?
            .history_ignore_space(true)
            .completion_type(CompletionType::List)
            .build();
        let mut editor = rustyline::Editor::with_config(config)
            .map_err(|e| format!("cannot start a session: {e}"))?;
        editor.set_helper(Some(Completions {
            defined: Vec::new(),
            files: FilenameCompleter::new(),
        }));
        let mut warning = None;
        if let Some(path) = &history {
            match editor.load_history(path) {
                Ok(()) => {}
                Err(ReadlineError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    warning = Some(format!("cannot read the history `{}`: {e}", path.display()))
                }
            }
        }
        Ok((Editor { editor, history }, warning))
    }

    /// Reads a line after `prompt`, completing with the session's `defined` names.
    pub fn read(&mut self, prompt: &str, defined: Vec<String>) -> io::Result<Read> {
        if let Some(helper) = self.editor.helper_mut() {
            helper.defined = defined;
        }
        match self.editor.readline(prompt) {
            Ok(line) => Ok(Read::Line(line)),
            Err(ReadlineError::Interrupted | ReadlineError::Signal(_)) => Ok(Read::Cancelled),
            Err(ReadlineError::Eof) => Ok(Read::End),
            Err(ReadlineError::Io(e)) => Err(e),
            Err(e) => Err(io::Error::other(e.to_string())),
        }
    }

    /// Adds a line to the history and to its file (at once, so that a session that is killed
    /// keeps what was typed). A failure is returned once; the file is not written again.
    pub fn remember(&mut self, line: &str) -> Result<(), String> {
        if self.editor.add_history_entry(line).is_err() {
            return Ok(());
        }
        let Some(path) = self.history.clone() else {
            return Ok(());
        };
        let written = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => {
                std::fs::create_dir_all(dir).map_err(ReadlineError::Io)
            }
            _ => Ok(()),
        }
        .and_then(|()| self.editor.append_history(&path));
        written.map_err(|e| {
            let message = format!("cannot write the history `{}`: {e}", path.display());
            self.history = None;
            message
        })
    }

    /// The terminal's width in columns, when it is one.
    pub fn width(&mut self) -> Option<u16> {
        self.editor.dimensions().map(|(columns, _)| columns)
    }
}

/// Tab completion: what [`complete::complete`] offers, and file names from rustyline's own
/// completer.
struct Completions {
    defined: Vec<String>,
    files: FilenameCompleter,
}

impl Completer for Completions {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        match complete::complete(line, pos, &self.defined) {
            Completion::Words { start, words } => Ok((
                start,
                words
                    .into_iter()
                    .map(|w| Pair {
                        display: w.clone(),
                        replacement: w,
                    })
                    .collect(),
            )),
            Completion::Path => self.files.complete_path(line, pos),
        }
    }
}

// No hints, highlighting or multi-line validation: a line is one input.
impl Hinter for Completions {
    type Hint = String;
}

impl Highlighter for Completions {}

impl Validator for Completions {}

impl Helper for Completions {}
