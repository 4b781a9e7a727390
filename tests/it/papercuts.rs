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
