//! The binary as a black box: exit code, stdout and stderr in one snapshot per invocation.

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
fn no_command_exits_2() {
    insta::assert_snapshot!(run(&[], None));
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
