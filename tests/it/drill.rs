//! `bote drill`: questions in an order fixed by the seed, answers piped one a line, graded.

use crate::common::{bote_with_stdin, transcript};

/// Answers to seed 1's first three questions (a file sync service's peak upload rate and its
/// storage nodes, a round trip from California to the Netherlands): within 2×, of the wrong
/// kind, far off.
const ANSWERS: &[u8] = b"300 /s\n1 TB\n5 ms\n";

#[test]
fn a_seeded_drill_grades_piped_answers_deterministically() {
    let args = ["drill", "--seed", "1", "--count", "3"];
    let first = transcript(&args, Some(ANSWERS));
    assert_eq!(
        first,
        transcript(&args, Some(ANSWERS)),
        "the same seed, another drill"
    );
    insta::assert_snapshot!(first);
}

#[test]
fn a_drill_of_a_scenario_grades_each_kind_of_answer() {
    // The questions of photo_sharing in seed 7's order (ingress, cache, view_qps,
    // total_storage, uploads), answered spot on, skipped, not an answer, within 2×, and of
    // the wrong kind.
    let args = [
        "drill",
        "scenarios/photo_sharing.bote",
        "--seed",
        "7",
        "--count",
        "5",
    ];
    insta::assert_snapshot!(transcript(&args, Some(b"2 Gbps\n\n1 +\n200 PB\n2 Gbps\n")));
}

#[test]
fn json_holds_each_question_answer_grade_and_time() {
    let out = bote_with_stdin(
        &[
            "drill",
            "--numbers",
            "--seed",
            "3",
            "--count",
            "2",
            "--format",
            "json",
        ],
        Some(b"100 ns\n"),
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["seed"], 3);
    let questions = doc["questions"].as_array().expect("questions");
    // The answers ran out after the first question: the drill ends there.
    assert_eq!(questions.len(), 1);
    let q = &questions[0];
    for field in [
        "name", "question", "display", "value", "answer", "grade", "seconds",
    ] {
        assert!(!q[field].is_null(), "no {field} in {q}");
    }
    assert!(
        q["scenario"].is_null(),
        "a reference number has no scenario"
    );
    assert_eq!(q["answer"], "100 ns");
    assert_eq!(doc["passed"].as_u64(), Some(u64::from(q["grade"] != "off")));
}

#[test]
fn a_scenario_that_does_not_check_is_an_input_error() {
    let t = transcript(&["drill", "-"], Some(b"x = 1 GB + 1 s\n"));
    assert!(t.contains("exit: 2"), "{t}");
    assert!(t.contains("error:") && t.contains("<stdin>"), "{t}");
    let none = transcript(&["drill", "-"], Some(b"x = 1 to 2\n"));
    assert!(
        none.contains("exit: 2") && none.contains("ask nothing"),
        "{none}"
    );
}
