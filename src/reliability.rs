//! Reliability math: composing availabilities, error budgets and burn rates. Pure functions,
//! shared by the language (`series(…)`, `burn_rate(…)`) and the `sla` and `slo` commands, so
//! that each formula is written once.

use crate::special;
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
/// unavailability of the whole, the probability that fewer than `k` are up.
pub fn k_of_n(k: u64, n: u64, u: Number) -> Number {
    k_of_n_both(k, n, 1.0 - u, u).1
}

/// [`k_of_n`] for replicas up with probability `up` and down with probability `down`, both
/// given so that a tiny one keeps its digits: the availability and the unavailability of the
/// whole, `(up, down)`, each to full relative precision (twenty nines, or 1e-20 up, survive).
///
/// The number of replicas up is binomial, and its tails are regularised incomplete beta
/// functions: fewer than `k` up is `I_down(n − k + 1, k)`, at least `k` up is
/// `I_up(k, n − k + 1)`. A continued fraction evaluates them in microseconds at any `n`, where
/// the sum of `k` binomial terms took milliseconds at a million replicas. NaN (an error for the
/// caller) only if that fraction failed to converge, which the tests show it does not.
pub fn k_of_n_both(k: u64, n: u64, up: Number, down: Number) -> (Number, Number) {
    if k == 0 {
        return (1.0, 0.0);
    }
    // A replica up 1e-17 of the time is down 1 − 1e-17 = 1 in floating point: only the side
    // that is exactly zero says that a replica is never up, or never down.
    if k > n || up <= 0.0 {
        return (0.0, 1.0);
    }
    if down <= 0.0 {
        return (1.0, 0.0);
    }
    let (fewer, enough) = special::regularized_beta((n - k + 1) as Number, k as Number, down, up);
    (enough, fewer)
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

    /// The sum this module used before the closed form, as a reference: the probability
    /// that fewer than `k` of `n` are up, term by term in log space. Its own error grows to
    /// about 1e-11 at n = 5000 (checked against mpmath); it takes `k` steps.
    fn direct_sum(k: u64, n: u64, up: Number, down: Number) -> Number {
        let (ln_up, ln_down) = (up.ln(), down.ln());
        let mut ln_choose = 0.0; // ln C(n, 0)
        let mut fewer = 0.0;
        for i in 0..k {
            fewer += (ln_choose + i as Number * ln_up + (n - i) as Number * ln_down).exp();
            ln_choose += ((n - i) as Number).ln() - ((i + 1) as Number).ln();
        }
        fewer.clamp(0.0, 1.0)
    }

    fn relative(got: Number, want: Number) -> Number {
        ((got - want) / want).abs()
    }

    /// Both tails against the direct sum, over every k up to n = 65 and the k that matter
    /// (the ends, the middle, and the mean ± 12 standard deviations) up to n = 3000.
    #[test]
    fn closed_form_agrees_with_the_direct_sum() {
        let mut worst: Number = 0.0;
        for n in [1, 2, 3, 5, 10, 33, 64, 65, 100, 500, 1001, 2000, 3000_u64] {
            for u in [1e-9, 1e-4, 0.001, 0.01, 0.1, 0.5, 0.9] {
                let up = 1.0 - u;
                let mut ks: Vec<u64> = if n <= 65 {
                    (1..=n).collect()
                } else {
                    vec![1, 2, n / 4, n / 2, n / 2 + 1, n - 1, n]
                };
                let (mean, sd) = (n as Number * up, (n as Number * u * up).sqrt());
                for z in -12..=12 {
                    let k = (mean + Number::from(z) * sd).round();
                    if (1.0..=n as Number).contains(&k) {
                        ks.push(k as u64);
                    }
                }
                for k in ks {
                    let (got_up, got_down) = k_of_n_both(k, n, up, u);
                    // At least k up is fewer than n − k + 1 down.
                    let pairs = [
                        (got_down, direct_sum(k, n, up, u)),
                        (got_up, direct_sum(n - k + 1, n, u, up)),
                    ];
                    for (got, want) in pairs {
                        if want < 1e-290 {
                            assert!(got < 1e-280, "k_of_n({k}, {n}, {u}): {got} vs {want}");
                            continue;
                        }
                        let error = relative(got, want);
                        worst = worst.max(error);
                        assert!(error < 1e-10, "k_of_n({k}, {n}, {u}): {got} vs {want}");
                    }
                }
            }
        }
        // Most of what is left is the reference's own error.
        assert!(worst < 1e-11, "{worst}");
    }

    /// Both tails against mpmath with 50 digits (the binomial terms summed outward from the
    /// boundary), down to 1e-297 and up to a million replicas.
    #[test]
    fn closed_form_keeps_twelve_digits_on_both_sides() {
        // (k, n, u, availability, unavailability)
        let table = [
            (2, 3, 0.001, 9.99997002e-1, 2.998e-6),
            (1, 10, 0.01, 1.0, 1.0000000000000002e-20),
            (7, 10, 0.3, 0.6496107184000001, 0.3503892816),
            (3, 5, 0.1, 9.9144e-1, 0.008560000000000002),
            (500, 1000, 0.5, 5.126125090891804e-1, 4.873874909108196e-1),
            (990, 1000, 0.01, 0.5830408033010982, 0.4169591966989018),
            (1, 33, 1e-9, 1.0, 1.000000000000002e-297),
            (48, 50, 0.999999, 1.2249976016920056e-285, 1.0),
            (1000, 1000, 1e-9, 9.999990000004995e-1, 9.999995005001662e-7),
            (
                999_000,
                1_000_000,
                0.001,
                0.5084093682207755,
                0.49159063177922446,
            ),
            (
                998_900,
                1_000_000,
                0.001,
                0.9991371002480112,
                0.0008628997519888408,
            ),
            (
                1_000_000,
                1_000_000,
                1e-9,
                0.9990004998328755,
                0.0009995001671245086,
            ),
            (891_000, 1_000_000, 0.1, 1.0, 4.52591478175427e-193),
        ];
        for (k, n, u, up, down) in table {
            let (got_up, got_down) = k_of_n_both(k, n, 1.0 - u, u);
            assert!(
                relative(got_up, up) < 1e-12,
                "k_of_n({k}, {n}, {u}) up {got_up}"
            );
            assert!(
                relative(got_down, down) < 1e-12,
                "k_of_n({k}, {n}, {u}) down {got_down}"
            );
        }
    }

    /// P(Z > z) for a standard normal, by its Taylor series (|z| well below 3).
    fn normal_above(z: Number) -> Number {
        let (mut term, mut sum, mut i) = (z, 0.0, 0.0);
        while term.abs() > 1e-18 {
            sum += term / (2.0 * i + 1.0);
            i += 1.0;
            term *= -z * z / (2.0 * i);
        }
        0.5 - sum / (2.0 * std::f64::consts::PI).sqrt()
    }

    #[test]
    fn a_million_replicas() {
        // Fewer than half up, each down 0.1% of the time: about 10^-1,300,000, a zero.
        let (up, down) = k_of_n_both(500_000, 1_000_000, 0.999, 0.001);
        assert_eq!((up, down), (1.0, 0.0));
        // 999,000 up means at most 1000 down, the mean: a little more than even, and the
        // normal approximation (with its continuity correction) agrees to its own accuracy.
        let down = k_of_n(999_000, 1_000_000, 0.001);
        let normal = normal_above(0.5 / (1e6 * 0.001 * 0.999_f64).sqrt());
        assert!((down - normal).abs() < 0.005, "{down} vs {normal}");
        assert!(down > 0.49 && down < 0.5, "{down}");
        // And both sides of a tail of a billion replicas, in microseconds.
        let (up, down) = k_of_n_both(999_000_000, 1_000_000_000, 0.999, 0.001);
        assert!(up > 0.49 && up < 0.51 && (up + down - 1.0).abs() < 1e-15);
    }

    #[test]
    fn a_tiny_availability_keeps_its_digits() {
        // Each replica up 1e-17 of the time: down is 1 in floating point, up is not 0. (A
        // result near e^-38 is good to about 38 units in the last place, the rounding of its
        // logarithm: about 1e-14.)
        let (up, down) = k_of_n_both(1, 2, 1e-17, 1.0);
        assert!(relative(up, 2e-17) < 2e-14 && down == 1.0, "{up}");
        let (up, _) = k_of_n_both(2, 2, 1e-10, 1.0 - 1e-10);
        assert!(relative(up, 1e-20) < 2e-14, "{up}");
        assert_eq!(k_of_n_both(1, 3, 0.0, 1.0), (0.0, 1.0));
        assert_eq!(k_of_n_both(0, 3, 0.0, 1.0), (1.0, 0.0));
        assert_eq!(k_of_n_both(4, 3, 1.0, 0.0), (0.0, 1.0));
        assert_eq!(k_of_n_both(3, 3, 1.0, 0.0), (1.0, 0.0));
        assert!(k_of_n(2, 3, Number::NAN).is_nan());
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
