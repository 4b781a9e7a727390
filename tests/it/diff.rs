//! `bote diff`: two plans compared, or one with itself under `--set`. The acceptance case of
//! the issue is checked against the scenario's own formulas; every output format and error is
//! snapshotted as a black box (exit code, stdout and stderr).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{bote, bote_with_stdin, json, transcript as run};

const PHOTO: &str = "scenarios/photo_sharing.bote";
const RANGES: &str = "scenarios/photo_sharing_ranges.bote";
const BEFORE: &str = "tests/fixtures/diff/before.bote";
const AFTER: &str = "tests/fixtures/diff/after.bote";

/// The names listed under `key` (`changed`, `added`, `removed`) of a diff document.
fn names(doc: &Value, key: &str) -> BTreeSet<String> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("no `{key}` in {doc}"))
        .iter()
        .map(|v| v["name"].as_str().expect("a name").to_string())
        .collect()
}

/// The entry of `name` under `changed`.
fn changed<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["changed"]
        .as_array()
        .and_then(|values| values.iter().find(|v| v["name"] == name))
        .unwrap_or_else(|| panic!("`{name}` did not change: {doc}"))
}

/// `name` and every value whose formula uses it, directly or through others, read from the
/// scenario's own JSON.
fn depending_on(file: &str, name: &str) -> BTreeSet<String> {
    let doc = json(&bote(&["run", "--format", "json", file]));
    let values = doc["values"].as_array().expect("values");
    let uses = |formula: &str, names: &BTreeSet<String>| {
        formula
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| names.contains(word))
    };
    let mut found = BTreeSet::from([name.to_string()]);
    loop {
        let more: Vec<String> = values
            .iter()
            .filter(|v| uses(v["formula"].as_str().expect("a formula"), &found))
            .map(|v| v["name"].as_str().expect("a name").to_string())
            .filter(|n| !found.contains(n))
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

#[test]
fn replication_2_takes_a_third_off_total_storage_and_changes_nothing_else() {
    let doc = json(&bote(&[
        "diff",
        PHOTO,
        "--set",
        "replication=2",
        "--format",
        "json",
    ]));
    let expected = depending_on(PHOTO, "replication");
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(names(&doc, "changed"), expected);
    let total = changed(&doc, "total_storage");
    assert_eq!(total["change"], "×0.667 (−33.3%)");
    let ratio = total["ratio"].as_f64().expect("a ratio");
    assert!((ratio - 2.0 / 3.0).abs() < 1e-12, "{ratio}");
    let (before, after) = (
        total["before"]["base_value"].as_f64().expect("before"),
        total["after"]["base_value"].as_f64().expect("after"),
    );
    assert!(
        (after / before - 2.0 / 3.0).abs() < 1e-12,
        "{before} → {after}"
    );
    assert!(names(&doc, "added").is_empty() && names(&doc, "removed").is_empty());
    let values = json(&bote(&["run", "--format", "json", PHOTO]))["values"]
        .as_array()
        .expect("values")
        .len();
    assert_eq!(
        doc["unchanged"].as_u64(),
        Some((values - expected.len()) as u64)
    );
}

#[test]
fn acceptance_table() {
    insta::assert_snapshot!(run(&["diff", PHOTO, "--set", "replication=2"], None));
}

#[test]
fn acceptance_markdown() {
    insta::assert_snapshot!(run(
        &[
            "diff",
            PHOTO,
            "--set",
            "replication=2",
            "--format",
            "markdown"
        ],
        None
    ));
}

#[test]
fn acceptance_json() {
    insta::assert_snapshot!(run(
        &["diff", PHOTO, "--set", "replication=2", "--format", "json"],
        None
    ));
}

#[test]
fn acceptance_csv() {
    insta::assert_snapshot!(run(
        &["diff", PHOTO, "--set", "replication=2", "--format", "csv"],
        None
    ));
}

#[test]
fn fail_on_change_exits_1() {
    let out = bote(&["diff", PHOTO, "--set", "replication=2", "--fail-on-change"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("total_storage"));
}

#[test]
fn all_lists_the_unchanged_values() {
    insta::assert_snapshot!(run(
        &["diff", PHOTO, "--set", "replication=2", "--all"],
        None
    ));
}

#[test]
fn two_files_table() {
    insta::assert_snapshot!(run(&["diff", BEFORE, AFTER], None));
}

#[test]
fn two_files_markdown() {
    insta::assert_snapshot!(run(&["diff", BEFORE, AFTER, "--format", "markdown"], None));
}

#[test]
fn two_files_csv() {
    insta::assert_snapshot!(run(&["diff", BEFORE, AFTER, "--format", "csv"], None));
}

#[test]
fn two_files_json() {
    insta::assert_snapshot!(run(&["diff", BEFORE, AFTER, "--format", "json"], None));
}

#[test]
fn two_files_list_added_removed_and_flipped_first() {
    let doc = json(&bote(&["diff", BEFORE, AFTER, "--format", "json"]));
    assert_eq!(names(&doc, "added"), BTreeSet::from(["attachments".into()]));
    assert_eq!(names(&doc, "removed"), BTreeSet::from(["index".into()]));
    let assertions = doc["assertions"].as_array().expect("assertions");
    let listed: Vec<(&str, &str)> = assertions
        .iter()
        .map(|a| (a["text"].as_str().unwrap(), a["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("storage < 3 PB", "now fails"),
            ("attachments < 10 PB", "added")
        ]
    );
    assert_eq!(
        changed(&doc, "backup")["change"],
        "was a data rate, now a size"
    );
    assert_eq!(changed(&doc, "backup")["ratio"], Value::Null);
    assert_eq!(changed(&doc, "sla")["change"], "+0.05 pp (downtime ×0.5)");
    // An expression statement is matched by its text, whatever its spacing.
    assert_eq!(
        changed(&doc, "storage / users -> MB")["change"],
        "×1.5 (+50%)"
    );
}

#[test]
fn ranges_compare_medians_and_90_percent_ranges() {
    insta::assert_snapshot!(run(&["diff", RANGES, "--set", "upload_share=2%"], None));
}

#[test]
fn ranges_change_only_what_depends_on_the_override() {
    let doc = json(&bote(&[
        "diff",
        RANGES,
        "--set",
        "upload_share=2%",
        "--format",
        "json",
    ]));
    assert_eq!(names(&doc, "changed"), depending_on(RANGES, "upload_share"));
    let uploads = changed(&doc, "uploads");
    for side in ["before", "after"] {
        let d = &uploads[side]["distribution"];
        assert!(d["p5"].as_f64() < d["p95"].as_f64(), "{uploads}");
    }
    assert_eq!(doc["samples"], 10000);
}

#[test]
fn a_range_that_keeps_its_median_has_changed() {
    // `y`'s median is 100 GB whatever `spread` is: only its range moves.
    let program = "x = normal(0, 1)\nspread = 1\ny = 100 GB + (x - median(x)) * spread * 1 GB\n";
    let file = crate::common::scratch("diff_spread.bote", program);
    let file = file.to_str().expect("a path");
    let doc = json(&bote(&[
        "diff", file, "--set", "spread=2", "--format", "json",
    ]));
    assert_eq!(
        names(&doc, "changed"),
        BTreeSet::from(["spread".into(), "y".into()])
    );
    assert_eq!(changed(&doc, "y")["change"], "same median, wider 90% range");
    assert_eq!(changed(&doc, "y")["ratio"], 1.0);
}

#[test]
fn identical_plans_change_nothing_even_for_fail_on_change() {
    insta::assert_snapshot!(run(&["diff", PHOTO, PHOTO, "--fail-on-change"], None));
    let same_value = bote(&["diff", PHOTO, "--set", "replication=3", "--fail-on-change"]);
    assert_eq!(same_value.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same_value.stdout).contains("Nothing changed"));
}

#[test]
fn a_plan_and_its_formatted_text_are_the_same() {
    let program = "x=2\nassert x<3\nassert  x*2~=4 within 1%\nx*2\n(x+1)  *2 GB -> MB\n\
                   y = x*1 GB/s\nassert y<3GB/s\n";
    let formatted = bote_with_stdin(&["fmt", "-"], Some(program.as_bytes()));
    assert_eq!(formatted.status.code(), Some(0));
    let formatted = String::from_utf8(formatted.stdout).expect("UTF-8");
    assert_ne!(formatted, program);
    let before = crate::common::scratch("diff_unformatted.bote", program);
    let after = crate::common::scratch("diff_formatted.bote", &formatted);
    let (before, after) = (
        before.to_str().expect("a path"),
        after.to_str().expect("a path"),
    );
    let out = bote(&["diff", before, after, "--fail-on-change"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Nothing changed"), "{text}");
    let doc = json(&bote(&["diff", before, after, "--all", "--format", "json"]));
    let texts: Vec<&str> = doc["assertions"]
        .as_array()
        .expect("assertions")
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert_eq!(texts, ["x < 3", "x * 2 ~= 4 within 1%", "y < 3 GB/s"]);
}

#[test]
fn standard_input_can_be_the_before_side() {
    let text = std::fs::read(PHOTO).expect("the scenario");
    let out = bote_with_stdin(&["diff", "-", PHOTO, "--format", "json"], Some(&text));
    let doc = json(&out);
    assert_eq!(doc["before"]["file"], "<stdin>");
    let values = json(&bote(&["run", "--format", "json", PHOTO]))["values"].clone();
    assert_eq!(
        doc["unchanged"].as_u64(),
        values.as_array().map(|v| v.len() as u64)
    );
    assert!(names(&doc, "changed").is_empty());
}

#[test]
fn one_file_and_no_set_is_a_usage_error() {
    insta::assert_snapshot!(run(&["diff", PHOTO], None));
}

#[test]
fn standard_input_on_both_sides_is_an_error() {
    insta::assert_snapshot!(run(&["diff", "-", "-"], None));
}

#[test]
fn an_unknown_set_name_is_an_error() {
    insta::assert_snapshot!(run(&["diff", PHOTO, "--set", "replicaton=2"], None));
}

#[test]
fn a_parse_error_in_the_after_file_exits_2() {
    insta::assert_snapshot!(run(
        &["diff", BEFORE, "tests/fixtures/diff/broken.bote"],
        None
    ));
}

#[test]
fn an_error_with_json_is_a_json_error() {
    insta::assert_snapshot!(run(
        &[
            "diff",
            BEFORE,
            "tests/fixtures/diff/broken.bote",
            "--format",
            "json"
        ],
        None
    ));
}

#[test]
fn help_has_examples() {
    let out = bote(&["diff", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        help.contains("bote diff plan.bote --set replication=2"),
        "{help}"
    );
    assert!(help.contains("--fail-on-change"), "{help}");
}
