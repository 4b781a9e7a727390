//! The report of `bote slo`: an SLO's error budget over a window, as time and as failed
//! requests, how long it lasts at a burn rate, and the burn-rate alerts of the Google SRE
//! workbook. Arguments are checked here, so that every wrong one is an error pointing into it.

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::format::{Shown, Style};
use crate::quantity::conventions::{Conventions, DAY_S};
use crate::quantity::dimension::Dimension;
use crate::reliability::{self, Alert};
use crate::value::Number;

use super::commandline::{duration_option, evaluate, fraction_in_range, single};

/// What `bote slo` was asked: each field is an expression of the language.
#[derive(Clone, Debug)]
pub struct SloRequest {
    /// `99.9%`, `nines(3)`.
    pub target: String,
    /// `30 days`.
    pub window: String,
    /// Total requests in the window.
    pub requests: Option<String>,
    pub burn: Option<String>,
    /// The calendar before any `calendar` statement in the target.
    pub calendar: Conventions,
    /// Significant digits of the shown target.
    pub style: Style,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SloReport {
    pub target: Number,
    /// `99.9% (3 nines)`.
    pub target_shown: Shown,
    pub window_s: Number,
    /// The error budget as full downtime.
    pub budget_s: Number,
    pub requests: Option<Number>,
    /// The budget as failed requests, with `requests`.
    pub budget_requests: Option<Number>,
    pub burn_rate: Option<Number>,
    /// How long the budget lasts at `burn_rate`.
    pub exhaustion_s: Option<Number>,
    pub alerts: Vec<Alert>,
    /// The calendar in force after the target's `calendar` statements.
    pub conventions: Conventions,
    /// Each failed `assert` among the arguments.
    pub failures: Vec<Diagnostic>,
}

/// The longest alert window of the workbook's policy: an SLO window shorter than this makes
/// its alerts meaningless.
const LONGEST_ALERT_WINDOW_S: Number = 3.0 * DAY_S;

impl SloReport {
    /// The SLO window is shorter than the workbook's longest alert window.
    pub fn window_shorter_than_alerts(&self) -> bool {
        self.window_s < LONGEST_ALERT_WINDOW_S
    }
}

/// Evaluates and checks the arguments; an error points into the argument at fault, whose
/// text `sources` then holds.
pub fn build(request: &SloRequest, sources: &mut SourceMap) -> Result<SloReport, Diagnostic> {
    // The target first: a `calendar` statement in it applies to every option.
    let target_run = evaluate(
        &[("<target>".to_string(), request.target.clone())],
        request.calendar,
        sources,
    )?;
    let conventions = target_run.conventions;
    let target_value = single(
        &target_run,
        Dimension::NONE,
        "the SLO target",
        "`bote slo 99.9%`",
    )?;
    let (target, unavailability) = fraction_in_range(&target_value, "an SLO target")?;
    if target <= 0.0 || unavailability <= 0.0 {
        return Err(Diagnostic::new(format!(
            "an SLO target must be above 0% and below 100%, but this is {}%",
            Style::with_precision(3).number(target * 100.0)
        ))
        .primary(target_value.span, "out of range")
        .help("at 100% there is no error budget; at 0% nothing is promised"));
    }
    let (window, window_failures) = duration_option(
        "--window",
        "the window",
        &request.window,
        conventions,
        sources,
        "`--window '28 days'`",
    )?;
    let mut option = |name: &str, text: &str| {
        evaluate(
            &[(name.to_string(), text.to_string())],
            conventions,
            sources,
        )
    };
    if window.number <= 0.0 {
        return Err(Diagnostic::new("the window must be longer than zero")
            .primary(window.span, "not longer than zero"));
    }
    let mut failures = target_run.failures;
    failures.extend(window_failures);
    let requests = match &request.requests {
        Some(text) => {
            let run = option("--requests", text)?;
            let n = single(
                &run,
                Dimension::NONE,
                "the number of requests",
                "`--requests 1bn`",
            )?;
            if n.number < 0.0 {
                return Err(Diagnostic::new("the number of requests cannot be negative")
                    .primary(n.span, "negative"));
            }
            failures.extend(run.failures);
            Some(n.number)
        }
        None => None,
    };
    let burn_rate = match &request.burn {
        Some(text) => {
            let run = option("--burn", text)?;
            let rate = single(&run, Dimension::NONE, "the burn rate", "`--burn 14.4`")?;
            if rate.number <= 0.0 {
                return Err(Diagnostic::new("the burn rate must be above zero")
                    .primary(rate.span, "not above zero"));
            }
            // `--window '1e300 years' --burn 1e-300` would last `inf years`.
            if !(window.number / rate.number).is_finite() {
                return Err(Diagnostic::new("the result is too large to represent")
                    .primary(rate.span, "the budget would last beyond about 1.8e308 s")
                    .help("use a burn rate nearer 1"));
            }
            failures.extend(run.failures);
            Some(rate.number)
        }
        None => None,
    };
    let window_s = window.number;
    Ok(SloReport {
        target,
        target_shown: request.style.availability(target, unavailability),
        window_s,
        budget_s: reliability::downtime(unavailability, window_s),
        requests,
        budget_requests: requests.map(|n| unavailability * n),
        burn_rate,
        exhaustion_s: burn_rate.map(|rate| window_s / rate),
        alerts: reliability::alerts(unavailability, window_s),
        conventions,
        failures,
    })
}
