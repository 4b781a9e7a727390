//! The papercuts of issue 8, through the binary: each test failed before its fix.

use crate::common::transcript as run;

#[test]
fn csv_lists_assertions_and_draws_failures() {
    insta::assert_snapshot!(run(
        &["run", "--format", "csv", "tests/fixtures/failing.bote"],
        None
    ));
}

#[test]
fn run_reads_a_scenario_from_stdin() {
    insta::assert_snapshot!(run(
        &["run", "-"],
        Some(b"# Piped\nx = 2 GB\ny = x * 3\nassert y > 10 GB\n")
    ));
}

#[test]
fn an_expression_given_as_a_file_suggests_eval() {
    insta::assert_snapshot!(run(&["100M*10/day"], None));
    // Only a missing file whose name checks as a program gets the hint.
    insta::assert_snapshot!(run(&["run", "my_plan"], None), @r"
    $ bote run my_plan
    exit: 2
    --- stdout
    --- stderr
    error: cannot read `my_plan`: No such file or directory (os error 2)
    ");
}

#[test]
fn slo_window_names_the_durations_it_takes() {
    insta::assert_snapshot!(run(&["slo", "99.9%", "--window", "4x"], None));
}

#[test]
fn numbers_never_breaks_a_name() {
    let listed = crate::common::json(&crate::common::bote(&["numbers", "--format", "json"]));
    let names: Vec<&str> = listed
        .as_array()
        .expect("an array")
        .iter()
        .map(|n| n["name"].as_str().expect("a name"))
        .collect();
    assert!(names.contains(&"datacenter_round_trips_per_s"), "{names:?}");
    for columns in ["80", "40"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bote"))
            .arg("numbers")
            .env("COLUMNS", columns)
            .output()
            .expect("runs bote");
        let table = String::from_utf8(out.stdout).expect("UTF-8");
        for name in &names {
            // In a table, or (too narrow for one) stacked with each name on a line of its own.
            let whole = format!("│ {name} ");
            assert!(
                table.contains(&whole) || table.lines().any(|l| l == *name),
                "{name} is broken at {columns} columns:\n{table}"
            );
        }
    }
}

#[test]
fn exactly_one_takes_the_singular() {
    insta::assert_snapshot!(run(
        &[
            "eval",
            "availability(90%)",
            "1 B -> bytes",
            "2 B -> bytes",
            "1 h -> mins",
            "0.5 day -> days"
        ],
        None
    ), @r"
    $ bote eval availability(90%) 1 B -> bytes 2 B -> bytes 1 h -> mins 0.5 day -> days
    exit: 0
    --- stdout
    90% (1 nine)
    1 byte
    2 bytes
    60 mins
    0.5 days
    --- stderr
    ");
    let slo = run(&["slo", "99%", "--requests", "1"], None);
    assert!(slo.contains("0.01 failed of 1 request "), "{slo}");
}

#[test]
fn assertion_sides_have_one_shape_in_eval_and_run() {
    use crate::common::{bote, bote_with_stdin};
    let eval = bote(&["eval", "--format", "json", "assert 2 GB > 1 GB"]);
    let eval: serde_json::Value = serde_json::from_slice(&eval.stdout).expect("JSON");
    let run = bote_with_stdin(
        &["run", "--format", "json", "-"],
        Some(b"assert 2 GB > 1 GB\n"),
    );
    let run: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let eval_side = &eval[0]["lhs"];
    let run_side = &run["assertions"][0]["lhs"];
    assert_eq!(eval_side, run_side);
    assert_eq!(
        eval_side,
        &serde_json::json!({"base_value": 2e9, "display": "2 GB"})
    );
}

#[test]
fn check_applies_an_override_to_the_files_that_define_it() {
    // `x` is defined in failing.bote only: features.bote is checked as written.
    insta::assert_snapshot!(run(
        &[
            "check",
            "--set",
            "x=2.5 GB",
            "tests/fixtures/features.bote",
            "tests/fixtures/failing.bote"
        ],
        None
    ));
}

#[test]
fn check_rejects_an_override_no_file_defines() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--set",
            "budgte=3 GB",
            "tests/fixtures/features.bote",
            "tests/fixtures/failing.bote"
        ],
        None
    ));
}

const CHECKED: [&str; 3] = [
    "tests/fixtures/features.bote",
    "tests/fixtures/failing.bote",
    "tests/fixtures/broken.bote",
];

#[test]
fn check_json_is_one_document_for_all_files() {
    let args = [&["check", "--format", "json"][..], &CHECKED[..]].concat();
    insta::assert_snapshot!(run(&args, None));
}

#[test]
fn check_junit_has_a_suite_per_file_and_a_case_per_assertion() {
    let args = [&["check", "--format", "junit"][..], &CHECKED[..]].concat();
    insta::assert_snapshot!(run(&args, None));
}

#[test]
fn check_counts_one_assertion_in_the_singular() {
    let out = run(&["check", "-"], Some(b"assert 1 > 2\n"));
    assert!(out.contains("FAILED: - (1 of 1 assertion)\n"), "{out}");
}

#[test]
fn eval_keeps_going_past_a_wrong_argument() {
    insta::assert_snapshot!(run(&["eval", "100M / day", "1 GB + 1 s", "2 TB"], None));
}

#[test]
fn eval_fails_an_argument_that_needs_a_set_aside_definition() {
    // `y` does not use `x`: it runs. `x * 2` does: it fails, and says why.
    insta::assert_snapshot!(run(
        &["eval", "x = 1 GB + 1 s", "y = 3", "x * 2", "y * 2"],
        None
    ));
    // Definitions still serve other arguments in any order.
    insta::assert_snapshot!(run(&["eval", "x * 2", "x = 1"], None), @r"
    $ bote eval x * 2 x = 1
    exit: 0
    --- stdout
    2
    x = 1
    --- stderr
    ");
}

#[test]
fn eval_json_places_each_error_among_the_results() {
    insta::assert_snapshot!(run(
        &["eval", "--format", "json", "1 KB", "1 +", "2 KB"],
        None
    ));
    // Nothing could be evaluated: the one error object, as for a single argument.
    let out = run(&["eval", "--format", "json", "1 +", "2 +"], None);
    assert!(out.contains("--- stdout\n{\n  \"error\": {"), "{out}");
}
