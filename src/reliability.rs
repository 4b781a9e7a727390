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

/// `nines(n)`: 1 − 10^−n, so `nines(3)` is 99.9% and `nines(3.5)` about 99.968%.
pub fn nines(n: Number) -> Number {
    1.0 - 10f64.powf(-n)
}

/// Availability from mean time between failures and mean time to repair.
pub fn from_mtbf(mtbf: Number, mttr: Number) -> Number {
    mtbf / (mtbf + mttr)
}

/// All components must work: the product.
pub fn series(parts: &[Number]) -> Number {
    parts.iter().product()
}

/// Any one component suffices: 1 − Π(1 − aᵢ).
pub fn parallel(parts: &[Number]) -> Number {
    1.0 - parts.iter().map(|a| 1.0 - a).product::<Number>()
}

/// At least `k` of `n` identical replicas, each up with probability `a`, are up: a binomial
/// tail. Computed as 1 − P(fewer than k up), with each term in log space so that large `n`
/// cannot overflow.
pub fn k_of_n(k: u64, n: u64, a: Number) -> Number {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    if a <= 0.0 {
        return 0.0;
    }
    if a >= 1.0 {
        return 1.0;
    }
    let (ln_a, ln_down) = (a.ln(), (1.0 - a).ln());
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut fewer = 0.0;
    for i in 0..k {
        fewer += (ln_choose + i as Number * ln_a + (n - i) as Number * ln_down).exp();
        ln_choose += ((n - i) as Number).ln() - ((i + 1) as Number).ln();
    }
    (1.0 - fewer).clamp(0.0, 1.0)
}

/// Downtime an availability allows over a period (also the error budget of an SLO).
pub fn downtime(availability: Number, period: Number) -> Number {
    (1.0 - availability) * period
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

pub fn alerts(slo: Number, window_s: Number) -> Vec<Alert> {
    SRE_WORKBOOK_ALERTS
        .iter()
        .map(|p| {
            let rate = burn_rate(p.budget_fraction, window_s, p.long_window_s);
            Alert {
                budget_fraction: p.budget_fraction,
                long_window_s: p.long_window_s,
                short_window_s: p.long_window_s * SHORT_WINDOW_RATIO,
                burn_rate: rate,
                error_rate: rate * (1.0 - slo),
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
        assert!(close(series(&[0.999, 0.999]), 0.998001));
        assert!(close(parallel(&[0.999, 0.999]), 0.999999));
        assert!(close(k_of_n(2, 3, 0.99), 0.999702));
        assert!(close(k_of_n(1, 2, 0.9), parallel(&[0.9, 0.9])));
        assert!(close(k_of_n(3, 3, 0.9), series(&[0.9, 0.9, 0.9])));
        assert!(close(from_mtbf(1000.0, 1.0), 0.999000999000999));
        assert!(close(nines(3.0), 0.999));
        // Large n stays finite: a majority of 1001 replicas at 99% is certain.
        assert!(k_of_n(501, 1001, 0.99) > 0.999_999);
    }

    #[test]
    fn workbook_burn_rates_from_a_30_day_window() {
        let a = alerts(0.999, 30.0 * 86_400.0);
        let rates: Vec<Number> = a.iter().map(|x| x.burn_rate).collect();
        assert!(close(rates[0], 14.4) && close(rates[1], 6.0) && close(rates[2], 1.0));
        assert!(close(a[0].exhaustion_s, 50.0 * 3_600.0));
        assert!(close(a[0].short_window_s, 300.0));
        assert!(close(a[0].error_rate, 0.0144));
    }
}
