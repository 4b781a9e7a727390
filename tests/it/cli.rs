//! The binary as a black box: exit code, stdout and stderr in one snapshot per invocation.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::common::transcript as run;

#[test]
fn eval_prints_one_result_per_line() {
    insta::assert_snapshot!(run(
        &[
            "eval",
            "100M * 10 / day -> /s",
            "10K/s * 10 KB",
            "(1 - 99.99%) * 1 year"
        ],
        None
    ));
}

#[test]
fn eval_definitions_and_statements() {
    insta::assert_snapshot!(run(
        &[
            "eval",
            "dau = 50M; writes = dau * 2 / day; writes * 1 KB * 1 year"
        ],
        None
    ));
}

#[test]
fn eval_json() {
    insta::assert_snapshot!(run(
        &["eval", "--format", "json", "1 GiB -> MB", "99.95% -> %"],
        None
    ));
}

#[test]
fn eval_precision() {
    insta::assert_snapshot!(run(
        &[
            "eval",
            "--precision",
            "6",
            "100M * 10 / day",
            "1 TiB / 1 Gbps"
        ],
        None
    ));
}

#[test]
fn eval_reads_stdin() {
    insta::assert_snapshot!(run(
        &["eval", "-"],
        Some(b"# a comment line\nx = 1 Gbps\nx -> MB/s\n")
    ));
}

#[test]
fn dimension_error_exits_2() {
    insta::assert_snapshot!(run(&["eval", "1 GB + 1 s"], None));
}

#[test]
fn error_as_json() {
    insta::assert_snapshot!(run(&["eval", "--format", "json", "1 Mbps -> GB"], None));
}

#[test]
fn invalid_utf8_on_stdin_exits_2() {
    insta::assert_snapshot!(run(&["eval", "-"], Some(b"1 + \xff\xfe")));
}

#[test]
fn empty_input_exits_2() {
    insta::assert_snapshot!(run(&["eval", ""], None));
}

#[test]
fn failed_assertion_exits_1() {
    insta::assert_snapshot!(run(&["eval", "x = 2 GB; assert x < 1 GB"], None));
}

#[test]
fn options_that_need_a_file_and_none_exit_2() {
    // `bote` alone starts a session (see repl.rs); with `--set` it was meant for a file.
    insta::assert_snapshot!(run(&["--set", "x=1"], None));
}

#[test]
fn eval_help_teaches_the_language() {
    insta::assert_snapshot!(run(&["eval", "--help"], None));
}

#[test]
fn run_features_table() {
    insta::assert_snapshot!(run(&["run", "tests/fixtures/features.bote"], None));
}

#[test]
fn run_shorthand_markdown() {
    insta::assert_snapshot!(run(
        &["tests/fixtures/features.bote", "--format", "markdown"],
        None
    ));
}

#[test]
fn run_csv() {
    insta::assert_snapshot!(run(
        &["run", "--format", "csv", "tests/fixtures/features.bote"],
        None
    ));
}

#[test]
fn run_explain_with_set() {
    insta::assert_snapshot!(run(
        &[
            "run",
            "--explain",
            "--set",
            "users=80M",
            "tests/fixtures/features.bote"
        ],
        None
    ));
}

#[test]
fn run_failing_assertions_exit_1() {
    insta::assert_snapshot!(run(&["run", "tests/fixtures/failing.bote"], None));
}

#[test]
fn check_reports_each_file() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "tests/fixtures/features.bote",
            "tests/fixtures/failing.bote"
        ],
        None
    ));
}

#[test]
fn check_missing_file_exits_2() {
    insta::assert_snapshot!(run(&["check", "tests/fixtures/no_such_file.bote"], None));
}

#[test]
fn set_needs_name_and_value() {
    insta::assert_snapshot!(run(
        &["run", "--set", "users", "tests/fixtures/features.bote"],
        None
    ));
}

#[test]
fn set_value_errors_point_into_the_flag() {
    insta::assert_snapshot!(run(
        &[
            "run",
            "--set",
            "users=40M +",
            "tests/fixtures/features.bote"
        ],
        None
    ));
}

#[test]
fn sla_table() {
    insta::assert_snapshot!(run(
        &[
            "sla",
            "99.9%",
            "99.95%",
            "nines(4)",
            "--downtime",
            "5 min/month"
        ],
        None
    ));
}

#[test]
fn sla_rejects_a_duration() {
    insta::assert_snapshot!(run(&["sla", "5 min"], None));
}

#[test]
fn slo_table() {
    insta::assert_snapshot!(run(
        &["slo", "99.9%", "--requests", "1bn", "--burn", "14.4"],
        None
    ));
}

#[test]
fn slo_markdown() {
    insta::assert_snapshot!(run(
        &[
            "slo", "99.95%", "--window", "28 days", "--format", "markdown"
        ],
        None
    ));
}

#[test]
fn numbers_table() {
    insta::assert_snapshot!(run(&["numbers"], None));
}

#[test]
fn set_cannot_change_a_dimension() {
    insta::assert_snapshot!(run(
        &["run", "--set", "users=5 GB", "tests/fixtures/features.bote"],
        None
    ));
}

#[test]
fn set_cannot_turn_an_availability_into_a_number() {
    insta::assert_snapshot!(run(
        &["run", "--set", "sla=99.99%", "tests/fixtures/features.bote"],
        None
    ));
}

#[test]
fn sla_honours_assertions() {
    insta::assert_snapshot!(run(&["sla", "a = 99.9%; assert a > 99.95%", "a"], None));
}

#[test]
fn sla_needs_something_to_show() {
    insta::assert_snapshot!(run(&["sla", "x = 99.9%"], None));
}

#[test]
fn slo_target_must_leave_a_budget() {
    insta::assert_snapshot!(run(&["slo", "100%"], None));
}

#[test]
fn slo_options_follow_the_targets_calendar() {
    insta::assert_snapshot!(run(
        &[
            "slo",
            "calendar 365; 99.9%",
            "--window",
            "1 month",
            "--format",
            "json"
        ],
        None
    ));
}

#[test]
fn eval_json_keeps_statement_order() {
    insta::assert_snapshot!(run(
        &["eval", "--format", "json", "x = 3; assert x < 2; y = 5"],
        None
    ));
}

/// Exit code and standard error of a finished child whose standard output went elsewhere.
fn status_and_stderr(child: std::process::Child) -> (Option<i32>, String) {
    let out = child.wait_with_output().expect("finishes");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn closed_stdout_ends_quietly_with_141() {
    // The reader is gone before bote starts: its first write meets a broken pipe.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_bote"))
        .arg("numbers")
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs bote");
    assert_eq!(status_and_stderr(child), (Some(141), String::new()));
}

#[test]
fn reader_that_stops_early_ends_bote_quietly_with_141() {
    // 150 KB of output, more than a pipe holds: bote is still writing when the reader leaves.
    let program = "1 GB\n".repeat(30_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs bote");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(program.as_bytes())
        .expect("writes stdin");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0; 5];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("reads a line");
    assert_eq!(&first, b"1 GB\n");
    drop(stdout);
    assert_eq!(status_and_stderr(child), (Some(141), String::new()));
}

#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("opens /dev/full");
    let child = Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(["eval", "1 GB"])
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs bote");
    let (code, stderr) = status_and_stderr(child);
    assert_eq!(code, Some(2));
    insta::assert_snapshot!(stderr, @"error: cannot write output: No space left on device (os error 28)");
}

/// Standard output of a successful run.
fn stdout_of(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(args)
        .output()
        .expect("runs bote");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn generate_bash_completions() {
    let script = stdout_of(&["generate", "completions", "bash"]);
    assert!(script.contains("_bote()"), "{script}");
    assert!(script.contains("sla"), "{script}");
    assert!(script.contains("--precision"), "{script}");
    assert!(script.contains("complete -F _bote"), "{script}");
}

#[test]
fn generate_completions_for_every_shell() {
    for (shell, marker, precision) in [
        ("zsh", "#compdef bote", "--precision"),
        ("fish", "complete -c bote", "-l precision"),
        ("powershell", "Register-ArgumentCompleter", "--precision"),
        (
            "elvish",
            "edit:completion:arg-completer[bote]",
            "--precision",
        ),
    ] {
        let script = stdout_of(&["generate", "completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains(precision), "{shell}: {script}");
    }
}

#[test]
fn generate_man_page() {
    let page = stdout_of(&["generate", "man"]);
    // roff: clap_mangen's two-line apostrophe preamble, then the title.
    let head: Vec<&str> = page.lines().take(5).collect();
    insta::assert_snapshot!(head.join("\n"), @r#"
    .ie \n(.g .ds Aq \(aq
    .el .ds Aq '
    .TH bote 1  "bote 0.1.0" 
    .SH NAME
    bote \- Back\-of\-the\-envelope estimates with units: QPS, storage, bandwidth, availability.
    "#);
    assert!(page.contains("bote\\-eval(1)"), "{page}");
    assert!(page.contains("\\-\\-precision"), "{page}");
}

#[test]
fn generate_needs_a_known_shell() {
    insta::assert_snapshot!(run(&["generate", "completions", "tcsh"], None));
}

/// A file that never ends is read only one byte past the size limit, then refused: before,
/// `bote run /dev/zero` read until memory ran out.
#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_at_the_size_limit() {
    insta::assert_snapshot!(run(&["run", "/dev/zero"], None), @r"
    $ bote run /dev/zero
    exit: 2
    --- stdout
    --- stderr
    error: `/dev/zero` is too large: more than 16777216 bytes (the limit)
    ");
}
