//! The reports of `bote sla`, `bote slo` and `bote numbers`, built by the library without the
//! binary: their figures, their argument errors, and their sheets.

use bote::Style;
use bote::diagnostic::SourceMap;
use bote::quantity::conventions::Conventions;
use bote::render;
use bote::report::numbers;
use bote::report::sla::{self, Origin, SlaRequest};
use bote::report::slo::{self, SloRequest};

fn sla_request(availabilities: &[&str], downtime: &[&str]) -> SlaRequest {
    SlaRequest {
        availabilities: availabilities.iter().map(|s| s.to_string()).collect(),
        downtime: downtime.iter().map(|s| s.to_string()).collect(),
        calendar: Conventions::default(),
        style: Style::default(),
    }
}

fn slo_request(target: &str) -> SloRequest {
    SloRequest {
        target: target.to_string(),
        window: "30 days".to_string(),
        requests: None,
        burn: None,
        calendar: Conventions::default(),
        style: Style::default(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn sla_rows_keep_the_order_of_the_command_line() {
    let mut sources = SourceMap::default();
    let request = sla_request(&["99.9%", "nines(4)"], &["5 min/month"]);
    let report = sla::build(&request, &mut sources).expect("valid arguments");
    let rows: Vec<(Origin, String, String)> = report
        .rows
        .iter()
        .map(|r| (r.origin, r.argument(), r.shown.text.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (Origin::Given, "99.9%".into(), "99.9% (3 nines)".into()),
            (Origin::Given, "nines(4)".into(), "99.99% (4 nines)".into()),
            (
                Origin::Budget,
                "--downtime 5 min/month".into(),
                "99.989% (3.9 nines)".into()
            ),
        ]
    );
    // 0.1% of a Julian month of 30.4375 days.
    assert!(close(
        report.rows[0].downtime.month,
        0.001 * 30.4375 * 86_400.0
    ));
    assert!(report.failures.is_empty());
}

#[test]
fn sla_error_points_into_the_argument() {
    let mut sources = SourceMap::default();
    let request = sla_request(&["99.9%", "1 s"], &[]);
    let error = sla::build(&request, &mut sources).expect_err("a duration is no availability");
    insta::assert_snapshot!(error.render(&sources, false), @r"
    error: an availability is a fraction such as `99.95%`, but this is Time
     --> <availability 2>:1:1
      |
    1 | 1 s
      | ^^^ Time
    ");
}

#[test]
fn sla_keeps_failed_assertions_apart() {
    let mut sources = SourceMap::default();
    let request = sla_request(&["a = 99.9%; assert a > 99.99%; a"], &[]);
    let report = sla::build(&request, &mut sources).expect("valid arguments");
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.failures.len(), 1);
    assert!(report.failures[0].message.starts_with("assertion failed"));
}

#[test]
fn slo_budget_requests_and_burn() {
    let mut sources = SourceMap::default();
    let request = SloRequest {
        requests: Some("1bn".into()),
        burn: Some("14.4".into()),
        ..slo_request("99.9%")
    };
    let report = slo::build(&request, &mut sources).expect("valid arguments");
    assert!(close(report.budget_s, 2592.0));
    assert_eq!(report.budget_requests.map(f64::round), Some(1e6));
    assert_eq!(report.exhaustion_s.map(f64::round), Some(50.0 * 3600.0));
    assert_eq!(report.alerts.len(), 3);
    assert_eq!(report.target_shown.text, "99.9% (3 nines)");
    assert!(!report.window_shorter_than_alerts());
}

#[test]
fn slo_window_must_be_a_duration() {
    let mut sources = SourceMap::default();
    let request = SloRequest {
        window: "1 GB".into(),
        ..slo_request("99.9%")
    };
    let error = slo::build(&request, &mut sources).expect_err("1 GB is no window");
    insta::assert_snapshot!(error.render(&sources, false), @r"
    error: the window must be Time, but this is Information
     --> --window:1:1
      |
    1 | 1 GB
      | ^^^^ Information
      |
      = help: e.g. `--window '28 days'`
    ");
}

#[test]
fn numbers_cite_each_source_once() {
    let report = numbers::build(&Style::default());
    assert_eq!(
        report.entries.len(),
        bote::quantity::reference::REFERENCES.len()
    );
    for entry in &report.entries {
        assert_eq!(report.sources[entry.citation - 1], entry.reference.source);
    }
    let mut distinct = report.sources.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), report.sources.len());
    let sheet = render::numbers_sheet(&report);
    assert_eq!(sheet.sections[0].rows.len(), report.entries.len());
}

#[test]
fn slo_window_takes_alert_rule_durations() {
    for (window, seconds) in [
        ("4w", 28.0 * 86_400.0),
        ("28d", 28.0 * 86_400.0),
        ("6h", 6.0 * 3_600.0),
        ("30m", 1_800.0),
        ("90s", 90.0),
        ("1h30m", 5_400.0),
        // The language still reads the rest, under the calendar in force.
        ("28 days", 28.0 * 86_400.0),
        ("1 month", 30.4375 * 86_400.0),
    ] {
        let mut sources = SourceMap::default();
        let request = SloRequest {
            window: window.to_string(),
            ..slo_request("99.9%")
        };
        let report = slo::build(&request, &mut sources).expect("a valid window");
        assert!(
            close(report.window_s, seconds),
            "{window}: {}",
            report.window_s
        );
    }
}
