//! Helpers shared by the integration tests: running the binary, reading its JSON, comparing
//! figures.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs the binary with `args` and, if given, `stdin`; colour is left to the binary's own
/// rules (stderr is not a terminal here).
pub fn bote_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    bote_in(None, args, stdin)
}

/// [`bote_with_stdin`], in the folder `dir` when given.
pub fn bote_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bote"));
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs bote");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("writes stdin");
        }
    }
    child.wait_with_output().expect("finishes")
}

pub fn bote(args: &[&str]) -> Output {
    bote_with_stdin(args, None)
}

/// Exit code, stdout and stderr of one invocation, as one text to snapshot.
pub fn transcript(args: &[&str], stdin: Option<&[u8]>) -> String {
    transcript_of(args, &bote_with_stdin(args, stdin))
}

/// The transcript of an invocation that has run: `$ bote ARGS`, its exit code, stdout and
/// stderr.
pub fn transcript_of(args: &[&str], out: &Output) -> String {
    format!(
        "$ bote {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The JSON document a successful invocation printed.
pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Every file under `dir` (recursively) whose name ends in `.{extension}`, sorted.
pub fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A file named `name` holding `text`, in a folder of this test process (files of different
/// tests need different names).
pub fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bote-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("a scratch file");
    file
}
