//! The papercuts of issue 8, through the binary: each test failed before its fix.

use crate::common::transcript as run;

#[test]
fn csv_lists_assertions_and_draws_failures() {
    insta::assert_snapshot!(run(
        &["run", "--format", "csv", "tests/fixtures/failing.bote"],
        None
    ));
}
