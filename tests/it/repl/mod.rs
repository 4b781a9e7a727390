//! The REPL as it is used: through a pseudo-terminal (`pty`) for what needs one (line editing,
//! Tab completion, history, Ctrl-C), and with piped input for the rest, which `bote repl`
//! reads line by line the same way, without a prompt.

#[cfg(unix)]
mod pty;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{bote, json, transcript};

/// A new empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("bote-tests-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// `bote ARGS` reading `input`, its standard output and error in one text, as a terminal
/// interleaves them. Lines piped in are a script: none is kept in the history.
fn piped(args: &str, input: &str) -> String {
    let history = folder(&format!("piped-{}", input.len())).join("history");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" {args} 2>&1"))
        .arg(env!("CARGO_BIN_EXE_bote"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BOTE_HISTORY", &history)
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs sh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes stdin");
    let out = child.wait_with_output().expect("finishes");
    assert!(out.status.success(), "a session ends with 0");
    assert!(!history.exists(), "piped lines were kept in the history");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each named value of a scenario file, as `bote run --format json` shows it.
fn run_values(file: &Path) -> HashMap<String, String> {
    let doc = json(&bote(&["run", "--format", "json", &file.to_string_lossy()]));
    doc["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            let name = v["name"].as_str().expect("a name").to_string();
            (name, v["display"].as_str().expect("a display").to_string())
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_session_defines_redefines_completes_cancels_and_survives_errors() {
    let dir = folder("session");
    let history = dir.join("history");
    let mut s = pty::Pty::start(&[], &dir, &[("BOTE_HISTORY", &history)]);
    s.expect("bote> ");
    s.send("peak_view_qps = 2 * 3\r");
    s.expect("peak_view_qps = 6\n");
    s.send("storage = peak_view_qps * 10 GB\r");
    s.expect("storage = 60 GB\n");
    // A redefinition replaces the earlier one; what depends on it is recomputed, and said.
    s.send("peak_view_qps = 5\r");
    s.expect("peak_view_qps = 5\n");
    s.expect("  storage = 50 GB  (was 60 GB)\n");
    // Tab completes a defined name: the line evaluated is `peak_view_qps * 7`.
    s.send("peak_v\t * 7\r");
    s.expect("\n35\n");
    s.send("total = ans + 1\r");
    s.expect("total = 36\n");
    // Ctrl-C drops the line being typed: `bogus = 1` is never evaluated.
    s.send("bogus = 1");
    s.expect("bogus = 1");
    s.send("\x03");
    // Keys typed before the new prompt would be dropped with the line, as in a shell.
    s.expect("bote> ");
    s.send("bogus\r");
    s.expect("error: unknown name `bogus`");
    // An error is drawn against the line just typed, and the session goes on.
    s.send("1 GB + 1 s\r");
    s.expect("error: cannot add Information and Time\n");
    s.expect(" --> <repl:");
    s.expect("1 | 1 GB + 1 s\n");
    s.expect("| ---- ^ --- Time\n");
    s.send("total * 2\r");
    s.expect("\n72\n");
    let saved = dir.join("saved.bote");
    s.send(&format!(":save {}\r", saved.display()));
    s.expect("saved 4 statements");
    s.send(":quit\r");
    assert!(s.finish().success());
    // The saved session runs to the values the session showed.
    let values = run_values(&saved);
    assert_eq!(values["peak_view_qps"], "5");
    assert_eq!(values["storage"], "50 GB");
    assert_eq!(values["total"], "36");
}

#[cfg(unix)]
#[test]
fn history_is_kept_in_the_data_directory_across_sessions() {
    let dir = folder("history");
    let (data, home, cwd) = (dir.join("data"), dir.join("home"), dir.join("cwd"));
    std::fs::create_dir_all(&cwd).expect("a folder");
    let env = [("XDG_DATA_HOME", data.as_path()), ("HOME", home.as_path())];
    let mut first = pty::Pty::start(&["repl"], &cwd, &env);
    first.expect("bote> ");
    first.send("answer = 6 * 7\r");
    first.expect("answer = 42\n");
    first.send("\x04");
    assert!(first.finish().success());
    let file = data.join("bote").join("history");
    let kept = std::fs::read_to_string(&file).expect("a history file");
    assert!(kept.contains("answer = 6 * 7"), "{kept}");
    // A second session recalls the line with Up.
    let mut second = pty::Pty::start(&["repl"], &cwd, &env);
    second.expect("bote> ");
    second.send("\x1b[A");
    second.expect("answer = 6 * 7");
    second.send("\r");
    second.expect("answer = 42\n");
    second.send("\x04");
    assert!(second.finish().success());
    let left: Vec<_> = std::fs::read_dir(&cwd).expect("a folder").collect();
    assert!(left.is_empty(), "the current directory holds {left:?}");
}

#[test]
fn bote_alone_reads_piped_statements_as_eval_does() {
    insta::assert_snapshot!(transcript(&[], Some(b"x = 5\nx * 2 GB\n")), @r"
    $ bote 
    exit: 0
    --- stdout
    x = 5
    10 GB
    --- stderr
    ");
    insta::assert_snapshot!(transcript(&[], None), @r"
    $ bote 
    exit: 2
    --- stdout
    --- stderr
    error: nothing to evaluate
     = help: pass an expression, e.g. `bote eval '100M * 10 / day -> /s'`
    ");
}

#[test]
fn a_piped_session_runs_lines_and_commands() {
    let script = "\
x = 5
y = x * 10 GB
x * 2
z = ans + 1  # z follows x through the result it was typed after
x = 7
1 GB + 1 s
:explain z
:explain ans
:list
ans
:nope
:l
:explain
:explain zz
";
    insta::assert_snapshot!(piped("repl", script));
}

#[test]
fn rough_figures_are_toggled_and_shown_in_the_worked_steps() {
    let script = "\
qps = 100M * 10 / day -> /s
:rough
qps
peak = qps * 3
:explain peak
:rough
qps
";
    let shown = piped("repl", script);
    // Off, on (the rules said once), off again.
    assert!(
        shown.starts_with("qps = 11.6K /s\nrough figures on: 1 day = 10^5 s;"),
        "{shown}"
    );
    assert!(
        shown.contains("\n≈ 10K /s (exact 11.6K /s, −14%)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("peak ≈ 30K /s (exact 34.7K /s, −14%)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("     = 11.6K /s × 3\n     = 34.7K /s\n     ≈ 10K /s × 3\n"),
        "{shown}"
    );
    assert!(shown.ends_with("rough figures off\n11.6K /s\n"), "{shown}");
}

#[test]
fn a_loaded_scenario_saved_after_a_redefinition_runs_to_the_same_values() {
    let dir = folder("load");
    let saved = dir.join("saved.bote");
    let script = format!(
        ":load scenarios/photo_sharing.bote\ndau = 1bn\n:save {}\n",
        saved.display()
    );
    let shown = piped("repl", &script);
    assert!(
        shown.contains("  peak_view_qps = 1.04M /s  (was 521K /s)"),
        "{shown}"
    );
    // The assertion the redefinition broke is shown.
    assert!(
        shown.contains("error: assertion failed: peak_view_qps < 1M / s"),
        "{shown}"
    );
    let text = std::fs::read_to_string(&saved).expect("a saved file");
    assert!(text.starts_with("# Photo sharing\n"), "{text}");
    assert!(text.contains("dau = 1bn  # daily active users\n"), "{text}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(["run", "--format", "json", "--set", "dau=1bn"])
        .arg(root.join("scenarios/photo_sharing.bote"))
        .output()
        .expect("runs bote");
    let expected: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let displays = |doc: &serde_json::Value| -> Vec<(String, String)> {
        doc["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| (v["name"].to_string(), v["display"].to_string()))
            .collect()
    };
    let saved_doc: serde_json::Value = serde_json::from_slice(
        &Command::new(env!("CARGO_BIN_EXE_bote"))
            .args(["run", "--format", "json"])
            .arg(&saved)
            .output()
            .expect("runs bote")
            .stdout,
    )
    .expect("JSON");
    assert_eq!(displays(&saved_doc), displays(&expected));
}
