//! Everything the binary writes goes through [`Output`]: one writer for standard output, one
//! for standard error, and the decisions that depend on where they go (colour, table width).
//! Writes return `io::Result`, so that a closed pipe or a full disk reaches `cli::run`, which
//! turns it into an [`Exit`]: the only place exit codes become a process's status.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::process::ExitCode;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::json;

use super::config::Color;

/// The process's exit status, as documented in the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    /// An `assert` failed, or an internal error.
    Failed = 1,
    /// Bad input, or output that cannot be written.
    Input = 2,
    /// The reader of standard output went away: 128 + SIGPIPE, as a shell reports a process
    /// that the signal ended.
    BrokenPipe = 141,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Table width when `COLUMNS` is unset or not a positive number.
const DEFAULT_WIDTH: u16 = 80;

/// Whether to colour diagnostics: `--color`, else a terminal that is not `TERM=dumb`, unless
/// `NO_COLOR` is set to something.
fn wants_color(
    when: Color,
    terminal: bool,
    no_color: Option<OsString>,
    term: Option<OsString>,
) -> bool {
    match when {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
        }
    }
}

pub struct Output {
    stdout: Box<dyn Write>,
    stderr: Box<dyn Write>,
    /// Colour diagnostics.
    color: bool,
    /// Table width in columns.
    width: u16,
}

impl Output {
    /// The process's standard output and error. Colour as `--color` says; tables as wide as
    /// `COLUMNS` says (a table that cannot fit is stacked), else 80 columns.
    pub fn standard(color: Color) -> Output {
        let stderr = io::stderr();
        let color = wants_color(
            color,
            stderr.is_terminal(),
            std::env::var_os("NO_COLOR"),
            std::env::var_os("TERM"),
        );
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|w| *w > 0)
            .unwrap_or(DEFAULT_WIDTH);
        Output {
            // Buffered: a table of a million rows is written as it is drawn, in large writes.
            stdout: Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
            stderr: Box::new(stderr.lock()),
            color,
            width,
        }
    }

    /// The width tables are drawn at.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Writes text to standard output as it is.
    pub fn write(&mut self, text: &str) -> io::Result<()> {
        self.stdout.write_all(text.as_bytes())
    }

    /// Writes a line to standard output.
    pub fn write_line(&mut self, line: &str) -> io::Result<()> {
        self.stdout.write_all(line.as_bytes())?;
        self.stdout.write_all(b"\n")
    }

    /// Writes to standard output what `draw` writes, as it draws it.
    pub fn write_with(
        &mut self,
        draw: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result,
    ) -> io::Result<()> {
        let mut sink = IoSink {
            out: &mut self.stdout,
            error: None,
        };
        match draw(&mut sink) {
            Ok(()) => Ok(()),
            Err(fmt::Error) => Err(sink
                .error
                .unwrap_or_else(|| io::Error::other("a formatter failed"))),
        }
    }

    /// Writes text to standard error as it is, after what standard output holds, so that a
    /// terminal shows the two in the order they were written.
    pub fn write_err(&mut self, text: &str) -> io::Result<()> {
        self.stdout.flush()?;
        self.stderr.write_all(text.as_bytes())
    }

    /// Draws a diagnostic on standard error.
    pub fn diagnostic(&mut self, d: &Diagnostic, sources: &SourceMap) -> io::Result<()> {
        let text = d.render(sources, self.color);
        self.write_err(&text)
    }

    /// Bad input: the diagnostic on standard error and, for a JSON reader, its JSON form on
    /// standard output.
    pub fn input_error(
        &mut self,
        d: &Diagnostic,
        sources: &SourceMap,
        as_json: bool,
    ) -> io::Result<Exit> {
        if as_json {
            self.write_line(&json::error(d, sources))?;
        }
        self.diagnostic(d, sources)?;
        Ok(Exit::Input)
    }

    /// Draws failed assertions: [`Exit::Failed`] if there were any.
    /// Each warning on standard error; they never change the exit status.
    pub fn warnings(&mut self, warnings: &[Diagnostic], sources: &SourceMap) -> io::Result<()> {
        for w in warnings {
            self.diagnostic(w, sources)?;
        }
        Ok(())
    }

    pub fn failures(&mut self, failures: &[Diagnostic], sources: &SourceMap) -> io::Result<Exit> {
        for d in failures {
            self.diagnostic(d, sources)?;
        }
        Ok(if failures.is_empty() {
            Exit::Ok
        } else {
            Exit::Failed
        })
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.stdout.flush()?;
        self.stderr.flush()
    }

    /// The exit for a failed write: quiet for a closed pipe, else said on standard error,
    /// where it may fail too.
    pub fn write_failed(&mut self, error: &io::Error) -> Exit {
        if error.kind() == io::ErrorKind::BrokenPipe {
            return Exit::BrokenPipe;
        }
        let d = Diagnostic::new(format!("cannot write output: {error}"));
        // Straight to standard error: standard output, which failed, is not flushed first.
        let text = d.render(&SourceMap::default(), self.color);
        let _ = self.stderr.write_all(text.as_bytes());
        let _ = self.stderr.flush();
        Exit::Input
    }
}

/// A `fmt::Write` over an `io::Write` that keeps the error `fmt::Error` cannot carry.
struct IoSink<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl fmt::Write for IoSink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_needs_a_terminal_that_can_show_it() {
        let os = |s: &str| Some(OsString::from(s));
        assert!(wants_color(Color::Auto, true, None, os("xterm")));
        assert!(wants_color(Color::Auto, true, os(""), None));
        assert!(!wants_color(Color::Auto, true, None, os("dumb")));
        assert!(!wants_color(Color::Auto, true, os("1"), os("xterm")));
        assert!(!wants_color(Color::Auto, false, None, os("xterm")));
        assert!(wants_color(Color::Always, false, os("1"), os("dumb")));
        assert!(!wants_color(Color::Never, true, None, os("xterm")));
    }
}
