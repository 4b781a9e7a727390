//! Reliability math: composing availabilities, error budgets and burn rates. Pure functions,
//! shared by the language (`series(…)`, `burn_rate(…)`) and the `sla` and `slo` commands, so
//! that each formula is written once.

use crate::value::Number;

/// Why `x` is not a fraction in [0, 1], if it is not: one wording for the language and the
/// `sla`/`slo` commands.
pub fn not_a_fraction(x: Number, what: &str) -> Option<String> {
    (!(0.0..=1.0).contains(&x))
        .then(|| format!("{what} is a fraction in [0, 1] (0% to 100%), but this is {x}"))
}

/// Availabilities here are carried by their unavailability `u = 1 − a`, the fraction of time
/// down: 99.9% is `u = 0.001`, and twenty nines (`u = 1e-20`) survive, where `1 − 1e-20` is 1
/// in floating point.
///
/// `nines(n)`: the unavailability 10^−n, so `nines(3)` is 99.9% and `nines(3.5)` about
/// 99.968%.
pub fn nines(n: Number) -> Number {
    10f64.powf(-n)
}

/// The number of nines of an availability, `-log10(u)`: never negative (an availability of
/// 0 has 0 nines), and `None` for exactly 100%, which allows no downtime at all.
pub fn count_nines(unavailability: Number) -> Option<Number> {
    if unavailability <= 0.0 {
        return None;
    }
    let n = -unavailability.log10();
    Some(if n > 0.0 { n } else { 0.0 })
}

/// Unavailability from mean time between failures and mean time to repair.
pub fn from_mtbf(mtbf: Number, mttr: Number) -> Number {
    mttr / (mtbf + mttr)
}

/// The probability that all of several independent events happen: Π pᵢ.
pub fn all(p: &[Number]) -> Number {
    p.iter().product()
}

/// The probability that at least one of several independent events happens: 1 − Π(1 − pᵢ),
/// in log space, so that it stays exact when every pᵢ is tiny.
pub fn any(p: &[Number]) -> Number {
    let ln_none: Number = p.iter().map(|p| (-p).ln_1p()).sum();
    -ln_none.exp_m1()
}

/// All components must work: a system in series is down when any component is down.
pub fn series(unavailabilities: &[Number]) -> Number {
    any(unavailabilities)
}

/// Any one component suffices: a system in parallel is down when all are.
pub fn parallel(unavailabilities: &[Number]) -> Number {
    all(unavailabilities)
}

/// At least `k` of `n` identical replicas, each down with probability `u`, are up: the
/// unavailability is the binomial probability that fewer than `k` are up, with each term in
/// log space so that large `n` cannot overflow.
pub fn k_of_n(k: u64, n: u64, u: Number) -> Number {
    if k == 0 {
        return 0.0;
    }
    if k > n || u >= 1.0 {
        return 1.0;
    }
    if u <= 0.0 {
        return 0.0;
    }
    let (ln_a, ln_down) = ((-u).ln_1p(), u.ln());
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut fewer = 0.0;
    for i in 0..k {
        fewer += (ln_choose + i as Number * ln_a + (n - i) as Number * ln_down).exp();
        ln_choose += ((n - i) as Number).ln() - ((i + 1) as Number).ln();
    }
    fewer.clamp(0.0, 1.0)
}

/// Downtime an unavailability allows over a period (also the error budget of an SLO).
pub fn downtime(unavailability: Number, period: Number) -> Number {
    unavailability * period
}

/// The burn rate at which `budget_fraction` of a window's error budget is spent in
/// `alert_window`: 2% of 30 days' budget in 1 hour is a burn rate of 14.4.
pub fn burn_rate(budget_fraction: Number, window: Number, alert_window: Number) -> Number {
    budget_fraction * window / alert_window
}

/// One row of the multiwindow, multi-burn-rate alerting policy of the Google SRE workbook
/// (chapter 5, "Alerting on SLOs"): page when 2% of the budget burns in an hour or 5% in six
/// hours, open a ticket when 10% burns in three days. The short window, which makes the alert
/// reset quickly, is a twelfth of the long one.
pub struct AlertPolicy {
    pub budget_fraction: Number,
    pub long_window_s: Number,
    pub action: &'static str,
}

pub static SRE_WORKBOOK_ALERTS: &[AlertPolicy] = &[
    AlertPolicy {
        budget_fraction: 0.02,
        long_window_s: 3_600.0,
        action: "page",
    },
    AlertPolicy {
        budget_fraction: 0.05,
        long_window_s: 6.0 * 3_600.0,
        action: "page",
    },
    AlertPolicy {
        budget_fraction: 0.10,
        long_window_s: 3.0 * 86_400.0,
        action: "ticket",
    },
];

/// The short window is this fraction of the long one.
pub const SHORT_WINDOW_RATIO: Number = 1.0 / 12.0;

/// One alert of an SLO over a window, computed from the policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub budget_fraction: Number,
    pub long_window_s: Number,
    pub short_window_s: Number,
    pub burn_rate: Number,
    /// The error rate that triggers it: burn rate × (1 − SLO).
    pub error_rate: Number,
    /// How long the whole budget lasts at this burn rate.
    pub exhaustion_s: Number,
    pub action: &'static str,
}

/// The alerts of an SLO that lacks `unavailability` of 1 (0.001 for 99.9%).
pub fn alerts(unavailability: Number, window_s: Number) -> Vec<Alert> {
    SRE_WORKBOOK_ALERTS
        .iter()
        .map(|p| {
            let rate = burn_rate(p.budget_fraction, window_s, p.long_window_s);
            Alert {
                budget_fraction: p.budget_fraction,
                long_window_s: p.long_window_s,
                short_window_s: p.long_window_s * SHORT_WINDOW_RATIO,
                burn_rate: rate,
                error_rate: rate * unavailability,
                exhaustion_s: window_s / rate,
                action: p.action,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Number, b: Number) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn composition() {
        // In unavailabilities: 99.9% is 0.001.
        assert!(close(series(&[0.001, 0.001]), 1.0 - 0.998001));
        assert!(close(parallel(&[0.001, 0.001]), 1e-6));
        assert!(close(k_of_n(2, 3, 0.01), 1.0 - 0.999702));
        assert!(close(k_of_n(1, 2, 0.1), parallel(&[0.1, 0.1])));
        assert!(close(k_of_n(3, 3, 0.1), series(&[0.1, 0.1, 0.1])));
        assert!(close(from_mtbf(1000.0, 1.0), 1.0 - 0.999000999000999));
        assert!(close(nines(3.0), 0.001));
        // Large n stays finite: a majority of 1001 replicas at 99% is certain.
        assert!(k_of_n(501, 1001, 0.01) < 1e-6);
    }

    #[test]
    fn many_nines_survive() {
        assert!(close(parallel(&[0.01; 8]), 1e-16));
        assert_eq!(all(&[1e-300, 0.5]), 5e-301);
        assert!(close(any(&[1e-300, 1e-300]), 2e-300));
        assert_eq!(nines(20.0), 1e-20);
        assert!(close(series(&[1e-20, 1e-20]), 2e-20));
        assert!(close(k_of_n(1, 10, 0.01), 1e-20));
        assert_eq!(count_nines(1e-20), Some(20.0));
        assert_eq!(count_nines(0.0), None);
        assert!(count_nines(1.0).is_some_and(|n| n.is_sign_positive() && n == 0.0));
    }

    #[test]
    fn workbook_burn_rates_from_a_30_day_window() {
        let a = alerts(0.001, 30.0 * 86_400.0);
        let rates: Vec<Number> = a.iter().map(|x| x.burn_rate).collect();
        assert!(close(rates[0], 14.4) && close(rates[1], 6.0) && close(rates[2], 1.0));
        assert!(close(a[0].exhaustion_s, 50.0 * 3_600.0));
        assert!(close(a[0].short_window_s, 300.0));
        assert!(close(a[0].error_rate, 0.0144));
    }
}
