//! `bote fmt FILE…`: each scenario file in the canonical layout of [`bote::layout`]. Without
//! `--check`, a file that changes is replaced through a temporary file in its folder, so that
//! a failure leaves the old file whole; with it, nothing is written, and each file that would
//! change is shown as a unified diff. `-` is standard input, formatted to standard output.
//! The exit status is the worst file's: a file that does not parse or cannot be read or
//! written is 2, one that `--check` finds unformatted (or a formatter bug) 1.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bote::diagnostic::{Diagnostic, SourceMap};
use similar::TextDiff;

use super::{STDIN_NAME, is_stdin, read_source, read_stdin};
use crate::cli::config::FmtConfig;
use crate::cli::output::{Exit, Output};

/// How long a diff may search for the shortest edit before it settles for a longer one.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

pub fn run(config: FmtConfig, out: &mut Output) -> io::Result<Exit> {
    let mut worst = Exit::Ok;
    for path in &config.files {
        let exit = match file(path, config.check, out)? {
            Ok(exit) => exit,
            Err((exit, d, sources)) => {
                out.diagnostic(&d, &sources)?;
                exit
            }
        };
        worst = worst.max(exit);
    }
    Ok(worst)
}

/// What formatting one file failed with: its exit and diagnostic, and the sources it is
/// drawn against.
type Failure = (Exit, Diagnostic, SourceMap);

/// Formats one file (or standard input); a failed write to standard output is the outer error.
fn file(path: &Path, check: bool, out: &mut Output) -> io::Result<Result<Exit, Failure>> {
    let bare = |d: Diagnostic| (Exit::Input, d, SourceMap::default());
    let stdin = is_stdin(path);
    let (name, text) = if stdin {
        match read_stdin() {
            Ok(text) => (STDIN_NAME.to_string(), text),
            Err(d) => return Ok(Err(bare(d))),
        }
    } else {
        match read_source(path) {
            Ok(text) => (path.display().to_string(), text),
            Err(e) => return Ok(Err(bare(Diagnostic::new(format!("{e:#}"))))),
        }
    };
    let formatted = match bote::layout::format(&text) {
        Ok(formatted) => formatted,
        Err(e) => {
            let exit = match e {
                bote::layout::FormatError::Parse { .. } => Exit::Input,
                bote::layout::FormatError::Changed { .. } => Exit::Failed,
            };
            let (d, sources) = e.to_diagnostic(&name);
            return Ok(Err((exit, d, sources)));
        }
    };
    if check {
        if formatted == text {
            return Ok(Ok(Exit::Ok));
        }
        out.write(&diff(&name, &text, &formatted))?;
        return Ok(Ok(Exit::Failed));
    }
    if stdin {
        out.write(&formatted)?;
    } else if formatted != text
        && let Err(e) = replace(path, &formatted)
    {
        let d = Diagnostic::new(format!("cannot write `{name}`: {e}"))
            .help("the file is left as it was");
        return Ok(Err(bare(d)));
    }
    Ok(Ok(Exit::Ok))
}

/// A unified diff from `old` to `new`, headed with the file's name. Line ends that change
/// (`\r\n` to `\n`) and a byte-order mark that goes are said in a note, not shown on every
/// line.
fn diff(name: &str, old: &str, new: &str) -> String {
    let bom = old.starts_with('\u{FEFF}');
    let crlf = old.contains('\r');
    let plain = old
        .strip_prefix('\u{FEFF}')
        .unwrap_or(old)
        .replace('\r', "");
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(plain.as_str(), new);
    let mut text = format!("--- {name}\n+++ {name} (formatted)\n");
    if crlf {
        text.push_str("# line ends become \\n (the file has \\r)\n");
    }
    if bom {
        text.push_str("# the byte-order mark is dropped\n");
    }
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        text.push_str(&hunk.to_string());
    }
    text
}

/// Replaces the file at `path` (or, for a symbolic link, the file it points to) with `text`:
/// written to a new file beside it, with its permissions, then renamed over it, so that the
/// old file stays whole until the new one is.
fn replace(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    let temporary = temporary_beside(&target)?;
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(permissions)?;
        File::sync_all(&file)?;
        fs::rename(&temporary, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// A name for a new file in the folder of `target`, which no file has yet.
fn temporary_beside(target: &Path) -> io::Result<PathBuf> {
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (0..100)
        .map(|i| folder.join(format!(".{name}.fmt-{}-{i}.tmp", std::process::id())))
        .find(|candidate| !candidate.exists())
        .ok_or_else(|| io::Error::other("no free name for a temporary file"))
}
