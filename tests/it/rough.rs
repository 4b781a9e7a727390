//! Interview rounding (`--rough`): the figures of the study notes, pinned as a candidate
//! would give them.

use bote::report::Work;
use bote::{Conventions, Session, Style};

use crate::common::{bote, json};

/// `bote eval --rough ARGS…`: standard output, which must be all there is.
fn rough(args: &[&str]) -> String {
    let out = bote(&[&["eval", "--rough"], args].concat());
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_rough_figure_is_beside_the_exact_one() {
    assert_eq!(
        rough(&["100M * 10 / day -> /s"]),
        "≈ 10K /s (exact 11.6K /s, −14%)\n"
    );
}

#[test]
fn the_study_note_examples_are_what_a_candidate_says() {
    let out = rough(&[
        // 100M DAU × 10 requests a day is 1bn / 10^5 s, about 10K /s; 14% apart.
        "qps = 100M DAU * 10 requests/day -> /s",
        // Peak 3×.
        "peak = qps * 3 -> /s",
        // No day in it: no rounding needed, none shown.
        "1M users * 1 MB",
        // The days cancel: the same figure, at two digits.
        "1bn messages/day * 100 B * 365 days",
    ]);
    assert_eq!(
        out,
        "qps ≈ 10K /s (exact 11.6K /s, −14%)\n\
         peak ≈ 30K /s (exact 34.7K /s, −14%)\n\
         1 TB\n\
         ≈ 37 TB (exact 36.5 TB)\n"
    );
}

#[test]
fn the_rough_figures_are_in_the_json() {
    let out = bote(&[
        "eval",
        "--rough",
        "--format",
        "json",
        "100M * 10 / day -> /s",
        "1M * 1 MB",
    ]);
    let doc = json(&out);
    let qps = &doc[0]["rough"];
    assert_eq!(qps["display"], "10K /s");
    assert_eq!(qps["unit"], "/s");
    assert_eq!(qps["base_value"], 10_000.0);
    let off_by = qps["off_by"].as_f64().expect("a number");
    assert!(
        (off_by - (1e4 / (1e9 / 86_400.0) - 1.0)).abs() < 1e-12,
        "{off_by}"
    );
    // The same figure both ways: a rough figure that is the exact one.
    assert_eq!(doc[1]["rough"]["display"], "1 TB");
    assert_eq!(doc[1]["rough"]["off_by"], 0.0);
}

#[test]
fn a_scenario_has_rough_columns_and_rules() {
    let out = bote(&["run", "--rough", "scenarios/photo_sharing.bote"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("│ peak_view_qps ┆ 521K /s ┆ ≈ 450K /s ┆ rough is 14% low ┆"),
        "{text}"
    );
    // A table where nothing moves has no rough columns.
    assert!(
        text.contains("│ name          ┆  value ┆ description"),
        "{text}"
    );
    assert!(
        text.contains("Rough: 1 day = 10^5 s; a week is 7 such days, a month 30,"),
        "{text}"
    );
}

/// The rough figure of a program's last value, from the library.
fn rough_of(text: &str) -> bote::report::rough::Rough {
    let mut session = Session::new(Conventions::default());
    session.add("<t>", text).expect("parses");
    let work = Work {
        steps: true,
        rough: true,
    };
    let report = bote::report_with(&mut session, &Style::default(), work).expect("runs");
    let last = report.values.last().expect("a value");
    last.rough().cloned().expect("a rough figure")
}

#[test]
fn rough_steps_count_in_rough_days() {
    let r = rough_of("1bn / day -> /s");
    assert_eq!(r.percent(), Some(-14));
    assert_eq!(
        r.steps.as_deref(),
        Some(["1bn / 10^5 s".to_string(), "10K /s".to_string()].as_slice())
    );
    // A month is 30 rough days, and a candidate says 330, not 333.
    let r = rough_of("1bn / month -> /s");
    assert_eq!(r.shown.text, "330 /s");
    assert_eq!(
        r.steps
            .as_deref()
            .and_then(|s| s.first())
            .map(String::as_str),
        Some("1bn / (3 × 10^6 s)")
    );
    // A year is 365 of them: a downtime budget comes out high.
    let r = rough_of("(1 - 99.99%) * 1 year -> min");
    assert_eq!(r.off_by_text().as_deref(), Some("rough is 16% high"));
    // Said in the unit the exact value is shown in (52.6 min), not the one 3650 s would
    // climb to at two digits (1 h).
    let r = rough_of("(1 - 99.99%) * 1 year");
    assert_eq!(r.shown.text, "61 min");
    assert_eq!(r.signed_percent().as_deref(), Some("+16%"));
    // A scenario's calendar does not change the rough one.
    let r = rough_of("calendar 365\n1bn / year -> /s");
    assert_eq!(r.shown.text, "27 /s");
}
