//! The sheets of `bote sla`, `bote slo` and `bote numbers`: their reports laid out as titled
//! tables, which [`super::table`] and [`super::markdown`] draw.

use crate::format::{self, Style};
use crate::grammar;
use crate::quantity::conventions::{DAY_S, HOUR_S};
use crate::report::numbers::NumbersReport;
use crate::report::sla::{Origin, SlaReport, SlaRow};
use crate::report::slo::SloReport;
use crate::value::Number;

use super::{Section, Sheet};

/// The first cell of a row: `99.95%` needs no echo; `nines(4)` does.
fn sla_label(row: &SlaRow) -> String {
    let literal_percent = row
        .expr
        .trim()
        .strip_suffix('%')
        .is_some_and(|n| n.trim().parse::<f64>().is_ok());
    if row.origin == Origin::Given && !literal_percent {
        format!("{} = {}", row.expr, row.shown.text)
    } else {
        row.shown.text.clone()
    }
}

pub fn sla_sheet(report: &SlaReport, style: &Style) -> Sheet {
    let down = |s: Number| format::duration(s, &report.conventions, style).text;
    let section = Section {
        heading: "Allowed downtime".into(),
        columns: ["availability", "day", "week", "month", "quarter", "year"]
            .map(Into::into)
            .to_vec(),
        rows: report
            .rows
            .iter()
            .map(|row| {
                let d = &row.downtime;
                vec![
                    sla_label(row),
                    down(d.day),
                    down(d.week),
                    down(d.month),
                    down(d.quarter),
                    down(d.year),
                ]
            })
            .collect(),
        numeric: vec![1, 2, 3, 4, 5],
        notes: report
            .rows
            .iter()
            .filter(|row| row.origin == Origin::Budget)
            .map(|row| format!("{} allows {}", row.argument(), row.shown.text))
            .collect(),
    };
    Sheet {
        title: "Availability and the downtime it allows".to_string(),
        description: None,
        sections: vec![section],
        assertions: None,
        conventions: Some(report.conventions.describe()),
        sampling: None,
        rough: None,
    }
}

pub fn slo_sheet(report: &SloReport, style: &Style) -> Sheet {
    let dur = |s: Number| format::duration(s, &report.conventions, style).text;
    // A long duration also in hours: "2.08 days (50 h)".
    let dur_hours = |s: Number| {
        if s > DAY_S {
            format!("{} ({} h)", dur(s), style.number(s / HOUR_S))
        } else {
            dur(s)
        }
    };
    let mut budget_rows = vec![vec![
        "error budget".to_string(),
        format!(
            "{} ({} s) of full downtime",
            dur(report.budget_s),
            style.number(report.budget_s)
        ),
    ]];
    if let (Some(n), Some(failed)) = (report.requests, report.budget_requests) {
        budget_rows.push(vec!["as requests".to_string(), {
            let total = style.count(n);
            let noun = grammar::agree(&total, "request", "requests");
            format!("{} failed of {total} {noun}", style.count(failed))
        }]);
    }
    if let (Some(rate), Some(lasts)) = (report.burn_rate, report.exhaustion_s) {
        budget_rows.push(vec![
            format!("at burn rate {}", style.number(rate)),
            format!("the budget lasts {}", dur_hours(lasts)),
        ]);
    }
    let budget_section = Section {
        heading: "Error budget".into(),
        columns: ["", "value"].map(Into::into).to_vec(),
        rows: budget_rows.into_iter().collect(),
        numeric: vec![],
        notes: vec![],
    };
    let mut notes = vec![
        "spent: share of the budget burnt within the window; short: the window that lets \
         the alert reset (a twelfth); burn: burn rate = spent × SLO window / window; \
         errors: the error rate that burns at that rate, burn × (1 − SLO); lasts: how long \
         the whole budget lasts at that rate. Alert when both windows exceed the rate."
            .to_string(),
    ];
    if report.window_shorter_than_alerts() {
        notes.push(format!(
            "note: these alert windows assume an SLO window of weeks; over {} they are \
             longer than the SLO window itself.",
            dur(report.window_s)
        ));
    }
    if report.alerts.iter().any(|a| a.error_rate > 1.0) {
        notes.push(
            "note: an error rate above 100% can never happen: that alert would never fire."
                .to_string(),
        );
    }
    let alert_section = Section {
        heading: "Burn-rate alerts (Google SRE workbook, ch. 5)".into(),
        columns: [
            "spent", "window", "short", "burn", "errors", "lasts", "action",
        ]
        .map(Into::into)
        .to_vec(),
        rows: report
            .alerts
            .iter()
            .map(|a| {
                vec![
                    format!("{}%", style.number(a.budget_fraction * 100.0)),
                    dur(a.long_window_s),
                    dur(a.short_window_s),
                    style.number(a.burn_rate),
                    format!("{}%", style.number(a.error_rate * 100.0)),
                    dur(a.exhaustion_s),
                    a.action.to_string(),
                ]
            })
            .collect(),
        numeric: vec![0, 1, 2, 3, 4, 5],
        notes,
    };
    Sheet {
        title: format!(
            "SLO {} over {}",
            report.target_shown.text,
            dur(report.window_s)
        ),
        description: None,
        sections: vec![budget_section, alert_section],
        assertions: None,
        conventions: Some(report.conventions.describe()),
        sampling: None,
        rough: None,
    }
}

/// Full citations once, under the table; the column holds their number and year.
pub fn numbers_sheet(report: &NumbersReport) -> Sheet {
    let mut notes: Vec<String> = report
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| format!("[{}] {s}", i + 1))
        .collect();
    notes.push("Each name works in any expression: `bote eval '20K/s * ssd_random_read'`.".into());
    let section = Section {
        heading: "Reference numbers".into(),
        columns: ["name", "value", "what", "source"].map(Into::into).to_vec(),
        rows: report
            .entries
            .iter()
            .map(|e| {
                vec![
                    e.reference.name.to_string(),
                    e.shown.text.clone(),
                    e.reference.about.to_string(),
                    format!("[{}] {}", e.citation, e.reference.year),
                ]
            })
            .collect(),
        numeric: vec![1],
        notes,
    };
    Sheet {
        title: "Numbers estimates lean on".to_string(),
        description: None,
        sections: vec![section],
        assertions: None,
        conventions: None,
        sampling: None,
        rough: None,
    }
}
