//! Capacity models: compound growth, the tail at scale, and queueing (M/M/1, and M/M/c by
//! Erlang C). Pure functions on numbers in base units, for the language's `grow(…)`,
//! `erlang_c(…)` and the rest; their arguments are checked by the callers.

use crate::value::{Number, same};

/// The most servers an M/M/c queue may have, and `servers_for` searches: the Erlang
/// recurrence takes one step per server.
pub const MAX_SERVERS: u64 = 1_000_000;

/// `(1 + r)^n`, through logarithms so that a tiny `r` keeps its digits.
pub fn growth_factor(r: Number, periods: Number) -> Number {
    (periods * r.ln_1p()).exp()
}

/// The total of `rate` over `t`, the rate growing continuously so that it is `(1 + r)` times
/// larger after each `period`: ∫₀ᵗ rate × (1 + r)^(τ / period) dτ
/// = rate × period × ((1 + r)^(t / period) − 1) / ln(1 + r), and exactly `rate × t` when
/// `r = 0`. `exp_m1` and `ln_1p` keep a tiny `r` from cancelling to nothing.
pub fn accumulate(rate: Number, r: Number, period: Number, t: Number) -> Number {
    let ln_growth = r.ln_1p();
    if ln_growth == 0.0 {
        return rate * t;
    }
    rate * period * (t / period * ln_growth).exp_m1() / ln_growth
}

/// The share of requests that touch `n` leaves and meet at least one leaf response in the
/// tail that has probability `p`: 1 − (1 − p)^n ("The Tail at Scale", Dean and Barroso 2013).
pub fn fanout_slow(p: Number, n: Number) -> Number {
    -(n * (-p).ln_1p()).exp_m1()
}

/// The percentile each of `n` leaves must meet for a request that waits for all of them to
/// meet percentile `q`: q^(1/n).
pub fn leaf_percentile(q: Number, n: Number) -> Number {
    (q.ln() / n).exp()
}

/// M/M/1 mean time in queue at utilisation `rho` (below 1) and mean service time `s`:
/// ρS / (1 − ρ).
pub fn mm1_wait(rho: Number, s: Number) -> Number {
    rho * s / (1.0 - rho)
}

/// M/M/1 mean time in the system, queue and service: S / (1 − ρ).
pub fn mm1_response(rho: Number, s: Number) -> Number {
    s / (1.0 - rho)
}

/// An M/M/c queue in its steady state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    /// The probability that a request waits (Erlang C).
    pub waits: Number,
    /// The mean time in queue.
    pub wait: Number,
}

/// The next Erlang B blocking probability, for one more server: B(k) = A·B(k−1) /
/// (k + A·B(k−1)), from B(0) = 1. Each step stays in [0, 1], so no factorial or power of A
/// ever overflows, at any number of servers.
fn erlang_b_step(load: Number, b: Number, k: u64) -> Number {
    let ab = load * b;
    ab / (k as Number + ab)
}

/// Erlang C from Erlang B at `c` servers: C = c·B / (c − A·(1 − B)).
fn erlang_c_from_b(load: Number, b: Number, c: Number) -> Number {
    c * b / (c - load * (1.0 - b))
}

/// Whether `c` servers can keep up with an offered load of `load` erlangs: c > A, noise
/// counted as equality (λ = 1000 /s at 10 ms is 10 erlangs, not 9.999999999999998).
fn stable(load: Number, c: Number) -> bool {
    c > load && !same(c, load)
}

/// The M/M/c queue with `c` servers, offered `load` erlangs (λ × S) of mean service time `s`;
/// `None` when it is unstable (c ≤ A: the queue never drains).
pub fn mmc(load: Number, s: Number, c: u64) -> Option<Queue> {
    let servers = c as Number;
    if !stable(load, servers) {
        return None;
    }
    let mut b = 1.0;
    for k in 1..=c {
        b = erlang_b_step(load, b, k);
        // Once it underflows, it stays 0.
        if b == 0.0 {
            break;
        }
    }
    let waits = erlang_c_from_b(load, b, servers);
    Some(Queue {
        waits,
        wait: waits * s / (servers - load),
    })
}

/// The fewest servers whose M/M/c mean time in queue is at most `target`, for `load` erlangs
/// of mean service time `s`; `None` when that takes more than [`MAX_SERVERS`]. One pass of the
/// Erlang B recurrence, checked at each number of servers above the load.
pub fn servers_for(load: Number, s: Number, target: Number) -> Option<u64> {
    if load >= MAX_SERVERS as Number {
        return None;
    }
    let mut b = 1.0;
    for c in 1..=MAX_SERVERS {
        b = erlang_b_step(load, b, c);
        let servers = c as Number;
        if !stable(load, servers) {
            continue;
        }
        let wait = erlang_c_from_b(load, b, servers) * s / (servers - load);
        if wait <= target || same(wait, target) {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Number, b: Number, tolerance: Number) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-300)
    }

    /// Erlang C by its textbook formula, summing A^k / k! in floating point: fine for small
    /// c, where it is the reference.
    fn erlang_c_textbook(load: Number, c: u64) -> Number {
        let mut term = 1.0;
        let mut sum = 0.0;
        for k in 0..c {
            sum += term;
            term *= load / (k + 1) as Number;
        }
        let top = term * c as Number / (c as Number - load);
        top / (sum + top)
    }

    #[test]
    fn erlang_c_matches_the_textbook_formula_and_published_tables() {
        for (load, c) in [
            (1.0, 2),
            (2.0, 3),
            (5.0, 7),
            (10.0, 11),
            (10.0, 12),
            (40.0, 45),
        ] {
            let q = mmc(load, 1.0, c).unwrap();
            assert!(
                close(q.waits, erlang_c_textbook(load, c), 1e-12),
                "{load} {c}"
            );
        }
        // Published tables (e.g. Kleinrock, Queueing Systems vol. 1): A = 10, c = 12 → 0.4494;
        // A = 2, c = 3 → 0.4444 (4/9 exactly).
        assert!(close(mmc(10.0, 1.0, 12).unwrap().waits, 0.449_4, 1e-3));
        assert!(close(mmc(2.0, 1.0, 3).unwrap().waits, 4.0 / 9.0, 1e-12));
        // One server: Erlang C is the utilisation, and the wait that of M/M/1.
        let one = mmc(0.8, 0.01, 1).unwrap();
        assert!(close(one.waits, 0.8, 1e-12));
        assert!(close(one.wait, mm1_wait(0.8, 0.01), 1e-12));
    }

    #[test]
    fn erlang_c_is_finite_at_ten_thousand_servers() {
        let q = mmc(9_900.0, 0.01, 10_000).unwrap();
        assert!(
            q.waits.is_finite() && (0.0..=1.0).contains(&q.waits),
            "{q:?}"
        );
        assert!(q.wait > 0.0 && q.wait.is_finite());
        // A light load on many servers: no request waits, to the last digit.
        assert_eq!(mmc(1.0, 1.0, 10_000).unwrap().waits, 0.0);
        assert!(mmc(10.0, 1.0, 10).is_none());
        assert!(mmc(10.000_000_000_000_002, 1.0, 10).is_none());
    }

    #[test]
    fn servers_for_is_the_first_count_that_meets_the_wait() {
        assert_eq!(servers_for(10.0, 0.01, 0.001), Some(13));
        assert!(mmc(10.0, 0.01, 12).unwrap().wait > 0.001);
        assert!(mmc(10.0, 0.01, 13).unwrap().wait <= 0.001);
        assert_eq!(servers_for(0.0, 0.01, 0.001), Some(1));
        assert_eq!(servers_for(2e6, 0.01, 0.001), None);
        let big = servers_for(9_900.0, 0.01, 0.000_1).unwrap();
        assert!(mmc(9_900.0, 0.01, big).unwrap().wait <= 0.000_1);
        assert!(mmc(9_900.0, 0.01, big - 1).unwrap().wait > 0.000_1);
    }

    #[test]
    fn growth_compounds_per_period_and_accumulates_continuously() {
        assert!(close(growth_factor(0.2, 3.0), 1.728, 1e-14));
        assert!(close(growth_factor(0.2, 1.5), 1.2f64.powf(1.5), 1e-14));
        assert_eq!(accumulate(2.0, 0.0, 10.0, 7.0), 14.0);
        // 2 TB a day for 5 years at 20% a year: 730.5 TB a year × (1.2^5 − 1) / ln 1.2.
        let total = accumulate(2.0, 0.2, 365.25, 5.0 * 365.25);
        assert!(close(
            total,
            730.5 * (1.2f64.powi(5) - 1.0) / 1.2f64.ln(),
            1e-12
        ));
        assert!((total - 5_963.0).abs() < 1.0, "{total}");
        // A tiny growth tends to the flat total, with no cancellation.
        let tiny = accumulate(2.0, 1e-15, 10.0, 7.0);
        assert!(close(tiny, 14.0, 1e-12), "{tiny}");
        // The integral's derivative at t is the rate then: check by a finite difference.
        let (h, t) = (1e-4, 3.0);
        let slope =
            (accumulate(1.0, 0.5, 1.0, t + h) - accumulate(1.0, 0.5, 1.0, t - h)) / (2.0 * h);
        assert!(close(slope, 1.5f64.powf(t), 1e-7));
    }

    #[test]
    fn the_tail_at_scale() {
        assert!(close(
            fanout_slow(0.01, 100.0),
            1.0 - 0.99f64.powi(100),
            1e-14
        ));
        assert!(close(fanout_slow(0.01, 1.0), 0.01, 1e-14));
        assert!(close(
            leaf_percentile(0.99, 100.0),
            0.99f64.powf(0.01),
            1e-15
        ));
        // The two are inverse: leaves at that percentile give the request's.
        let leaf = leaf_percentile(0.99, 100.0);
        assert!(close(fanout_slow(1.0 - leaf, 100.0), 0.01, 1e-9));
    }

    #[test]
    fn mm1_closed_forms() {
        assert!(close(mm1_wait(0.8, 0.01), 0.04, 1e-14));
        assert!(close(mm1_response(0.8, 0.01), 0.05, 1e-14));
        assert_eq!(mm1_wait(0.0, 0.01), 0.0);
    }
}
