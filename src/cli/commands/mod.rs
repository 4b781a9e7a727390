//! One module per command. Each takes its config and the `Output`, calls the library, and
//! returns its `Exit`; a failed write is an `Err` for `cli::run`. The helpers here are
//! shared by several commands: reading a scenario and running the pipeline on it.

pub mod check;
pub mod diff;
pub mod drill;
pub mod eval;
mod explore;
pub mod fmt;
pub mod generate;
pub mod numbers;
pub mod repl;
pub mod run;
pub mod sla;
pub mod slo;
pub mod sweep;

use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::quantity::conventions::Conventions;
use bote::render::{self, Sheet};
use bote::report::{Report, Sink, Work};
use bote::{Loader, Resolved, Sampling, Session, Style};

use super::config::TableFormat;

/// How a program is evaluated and reported: its digits, its sampling, and what each value
/// adds (see [`Work`]).
type How<'a> = (&'a Style, &'a Sampling, Work);

/// Parses, checks and evaluates `inputs` (name, text) with `--set` overrides, and reports on
/// the result: the commands' one call into the pipeline. Sources go to `sources`, for the
/// caller's diagnostics.
fn evaluate(
    inputs: &[(&str, &str)],
    set: &[(String, String)],
    how: How,
    sources: &mut SourceMap,
) -> Result<Report, Diagnostic> {
    let mut values = Vec::new();
    let report = evaluate_into(inputs, set, how, sources, &mut values, Disposal::Free)?;
    Ok(Report { values, ..report })
}

/// What becomes of a session once its report is made.
#[derive(Clone, Copy, PartialEq)]
enum Disposal {
    Free,
    /// Left to the operating system, which reclaims it at exit: for a command that makes one
    /// report and exits, since freeing a large checked program node by node takes longer than
    /// drawing its tables (a tenth of a 10,000-definition run).
    AtExit,
}

/// [`evaluate`], with each value handed to `sink` as it is made (see [`Sink`]).
fn evaluate_into(
    inputs: &[(&str, &str)],
    set: &[(String, String)],
    (style, sampling, work): How,
    sources: &mut SourceMap,
    sink: &mut dyn Sink,
    disposal: Disposal,
) -> Result<Report, Diagnostic> {
    let mut session = Session::with_sources(Conventions::default(), std::mem::take(sources));
    session.set_sampling(*sampling);
    if let Err(e) = load(&mut session, inputs, set) {
        let d = e.to_diagnostic(session.sources());
        *sources = session.take_sources();
        return Err(d);
    }
    let report = bote::report_once_with(&mut session, style, work, sink);
    *sources = session.take_sources();
    if disposal == Disposal::AtExit {
        std::mem::forget(session);
    }
    report.map_err(|e| e.to_diagnostic(sources))
}

/// Reads `inputs` into a session, with the files they import, and applies `--set`.
fn load(
    session: &mut Session,
    inputs: &[(&str, &str)],
    set: &[(String, String)],
) -> Result<(), bote::Error> {
    for (name, text) in inputs {
        session.add_with(&resolved(name), text, &mut Files)?;
    }
    for (name, value) in set {
        session.set(name, value)?;
    }
    Ok(())
}

/// Reads and evaluates one scenario file (`-`: standard input); its text goes to `sources`.
fn scenario(
    path: &Path,
    set: &[(String, String)],
    how: How,
    sources: &mut SourceMap,
) -> Result<Report, Diagnostic> {
    let mut values = Vec::new();
    let report = scenario_into(path, set, how, sources, &mut values, Disposal::Free)?;
    Ok(Report { values, ..report })
}

/// [`scenario`], with each value handed to `sink` as it is made (see [`Sink`]).
fn scenario_into(
    path: &Path,
    set: &[(String, String)],
    how: How,
    sources: &mut SourceMap,
    sink: &mut dyn Sink,
    disposal: Disposal,
) -> Result<Report, Diagnostic> {
    let (name, text) = read_scenario(path)?;
    evaluate_into(&[(&name, &text)], set, how, sources, sink, disposal)
}

/// A scenario's name in diagnostics and its text, from its file or (`-`) standard input.
fn read_scenario(path: &Path) -> Result<(String, String), Diagnostic> {
    if is_stdin(path) {
        Ok((STDIN_NAME.to_string(), read_stdin()?))
    } else {
        let text = read_source(path).map_err(|e| unreadable(path, &e))?;
        Ok((path.display().to_string(), text))
    }
}

/// A file that cannot be read. When no such file exists and its name checks as a program of
/// the language (`bote '100M*10/day'`), the user meant `bote eval`.
fn unreadable(path: &Path, error: &anyhow::Error) -> Diagnostic {
    let d = Diagnostic::new(format!("{error:#}"));
    let text = path.to_string_lossy();
    let checks = || {
        let mut session = Session::new(Conventions::default());
        session.add("<expr>", &text).is_ok() && session.check().is_ok()
    };
    if !path.exists() && checks() {
        d.help(format!("did you mean `bote eval {}`?", shell_quoted(&text)))
    } else {
        d
    }
}

/// `text` as one word for a POSIX shell: in single quotes, each `'` written `'\''`.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// What a scenario without a title is called: its file's name, or `standard input`.
fn fallback_title(path: &Path) -> String {
    if is_stdin(path) {
        "standard input".into()
    } else {
        path.file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
    }
}

/// How diagnostics name standard input.
const STDIN_NAME: &str = "<stdin>";

/// The path `-`, which stands for standard input.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard input as UTF-8 text, within the size limit (which `Session::add` enforces on
/// the one byte more read here).
fn read_stdin() -> Result<String, Diagnostic> {
    let bytes = read_bounded(io::stdin())
        .map_err(|e| Diagnostic::new(format!("cannot read standard input: {e}")))?;
    if bytes.len() > bote::MAX_INPUT_BYTES {
        return Err(Diagnostic::new(too_large("standard input")));
    }
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(format!("standard input is {}", not_utf8(&e))).help("bote reads UTF-8 text")
    })
}

/// What an input over the size limit is told: only that it is over, since reading stopped
/// one byte past the limit.
fn too_large(what: &str) -> String {
    format!(
        "{what} is too large: more than {} bytes (the limit)",
        bote::MAX_INPUT_BYTES
    )
}

/// At most one byte past the size limit, so that `/dev/zero`, a FIFO fed by `yes` or a huge
/// file is refused at once, never read whole.
fn read_bounded(reader: impl io::Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(bote::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn not_utf8(e: &std::string::FromUtf8Error) -> String {
    format!(
        "not valid UTF-8 (invalid byte at offset {})",
        e.utf8_error().valid_up_to()
    )
}

/// Reads a scenario file as UTF-8 text, within the size limit: no more than one byte past
/// it is read, so that `/dev/zero` or a huge file is refused at once.
fn read_source(path: &Path) -> anyhow::Result<String> {
    let bytes = File::open(path)
        .and_then(read_bounded)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() > bote::MAX_INPUT_BYTES {
        return Err(anyhow!(too_large(&format!("`{}`", path.display()))));
    }
    String::from_utf8(bytes).map_err(|e| anyhow!("`{}` is {}", path.display(), not_utf8(&e)))
}

/// An input as the loader knows it: a file by its canonical path, so that a file that
/// imports it is found to close a cycle; `<stdin>` and `<expr>` by their names.
fn resolved(name: &str) -> Resolved {
    let path = Path::new(name);
    match std::fs::canonicalize(path) {
        Ok(key) if !name.starts_with('<') => Resolved {
            name: name.to_string(),
            key: key.to_string_lossy().into_owned(),
        },
        _ => Resolved::named(name),
    }
}

/// Reads imported files: a path is relative to the directory of the file that imports it
/// (the current directory for standard input and `eval`), and is named by that join, as the
/// user would write it (`plans/common.bote`).
struct Files;

impl Loader for Files {
    fn resolve(&mut self, importer: &Resolved, path: &str) -> Result<Resolved, String> {
        let dir = Path::new(&importer.name).parent().unwrap_or(Path::new(""));
        // `components` drops the `.` of `./common.bote`; `..` stays.
        let joined: PathBuf = dir.join(path).components().collect();
        let key = std::fs::canonicalize(&joined)
            .map_err(|e| format!("cannot read `{}`: {e}", joined.display()))?;
        Ok(Resolved {
            name: joined.display().to_string(),
            key: key.to_string_lossy().into_owned(),
        })
    }

    fn read(&mut self, file: &Resolved) -> Result<String, String> {
        read_source(Path::new(&file.name)).map_err(|e| format!("{e:#}"))
    }
}

/// A sheet as a terminal table `width` columns wide, or as Markdown.
fn sheet_text(sheet: &Sheet, format: TableFormat, width: u16) -> String {
    match format {
        TableFormat::Markdown => render::markdown(sheet),
        TableFormat::Table | TableFormat::Json => render::table(sheet, width),
    }
}
