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

/// Why an M/M/c queue has no figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoQueue {
    /// c ≤ A: the queue never drains.
    Unstable,
    /// So many servers above the load that the probability of waiting is below the smallest
    /// normal double (about 2.2e-308): 0 would be a rounded answer, not the answer.
    Underflow,
}

/// The Erlang B blocking probability of `c` servers offered `load` erlangs, from
/// 1/B(c) = Σⱼ c! / ((c − j)! Aʲ), j = 0…c, the recurrence B(k) = A·B(k−1) / (k + A·B(k−1))
/// unrolled from the top. Each term is the last times (c − j + 1) / A, so no factorial or
/// power of A is ever formed; the terms rise while that ratio is above 1 and then fall faster
/// than geometrically, and the sum stops once what is left (at most the last term times
/// r / (1 − r), r the next ratio) cannot change it. That takes about (c − A) + 9√A terms
/// rather than c: 1,000 at A = 9,900 and c = 10,000. 0 when 1/B overflows.
fn erlang_b(load: Number, c: u64) -> Number {
    if load == 0.0 {
        return 0.0;
    }
    let (mut term, mut sum) = (1.0, 1.0);
    for j in 1..=c {
        term *= (c - j + 1) as Number / load;
        sum += term;
        if !sum.is_finite() {
            return 0.0;
        }
        let next = (c - j) as Number / load;
        if next < 1.0 && term * next / (1.0 - next) <= sum * (Number::EPSILON / 4.0) {
            break;
        }
    }
    1.0 / sum
}

/// The Erlang B blocking probability of one more server: B(k) = A·B(k−1) / (k + A·B(k−1)).
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

/// The M/M/c queue with `c` servers, offered `load` erlangs (λ × S) of mean service time `s`.
pub fn mmc(load: Number, s: Number, c: u64) -> Result<Queue, NoQueue> {
    let servers = c as Number;
    if !stable(load, servers) {
        return Err(NoQueue::Unstable);
    }
    let b = erlang_b(load, c);
    if load > 0.0 && b < Number::MIN_POSITIVE {
        return Err(NoQueue::Underflow);
    }
    let waits = erlang_c_from_b(load, b, servers);
    Ok(Queue {
        waits,
        wait: waits * s / (servers - load),
    })
}

/// The fewest servers whose M/M/c mean time in queue is at most `target` (above 0), for
/// `load` erlangs of mean service time `s`; `None` when that takes more than
/// [`MAX_SERVERS`]. Erlang B at the first stable count, then one step of its recurrence per
/// server more.
pub fn servers_for(load: Number, s: Number, target: Number) -> Option<u64> {
    if load >= MAX_SERVERS as Number {
        return None;
    }
    // The first whole number above the load (noise counted), at least 1.
    let mut c = (load.floor() as u64 + 1).max(1);
    if !stable(load, c as Number) {
        c += 1;
    }
    let mut b = erlang_b(load, c);
    while c <= MAX_SERVERS {
        // Below the smallest normal double, the wait is below any target worth writing.
        if b < Number::MIN_POSITIVE {
            return Some(c);
        }
        let servers = c as Number;
        let wait = erlang_c_from_b(load, b, servers) * s / (servers - load);
        if wait <= target || same(wait, target) {
            return Some(c);
        }
        c += 1;
        b = erlang_b_step(load, b, c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Number, b: Number, tolerance: Number) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-300)
    }

    /// Erlang B by its recurrence from B(0) = 1, one step per server.
    fn erlang_b_forward(load: Number, c: u64) -> Number {
        (1..=c).fold(1.0, |b, k| erlang_b_step(load, b, k))
    }

    #[test]
    fn erlang_b_summed_from_the_top_is_the_recurrence() {
        for load in [0.5, 1.0, 9.9, 10.0, 55.3, 999.0, 9_900.0, 123_456.7] {
            for c in [1, 2, 10, 11, 60, 1_000, 10_000, 130_000] {
                let (top, forward) = (erlang_b(load, c), erlang_b_forward(load, c));
                if forward < Number::MIN_POSITIVE {
                    assert!(top < Number::MIN_POSITIVE, "{load} {c}: {top} vs {forward}");
                } else {
                    assert!(close(top, forward, 1e-11), "{load} {c}: {top} vs {forward}");
                }
            }
        }
        assert_eq!(erlang_b(0.0, 5), 0.0);
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
        // Erlang C tables give 0.4494 at A = 10, c = 12; A = 2, c = 3 is 4/9 exactly.
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
        // A light load on many servers: a chance of waiting too small for a double.
        assert_eq!(mmc(1.0, 1.0, 200), Err(NoQueue::Underflow));
        assert!(mmc(1.0, 1.0, 100).unwrap().waits > 0.0);
        assert_eq!(mmc(10.0, 1.0, 10), Err(NoQueue::Unstable));
        assert_eq!(mmc(10.000_000_000_000_002, 1.0, 10), Err(NoQueue::Unstable));
        // No load: no wait.
        assert_eq!(mmc(0.0, 1.0, 3).unwrap().waits, 0.0);
    }

    #[test]
    fn servers_for_is_the_first_count_that_meets_the_wait() {
        assert_eq!(servers_for(10.0, 0.01, 0.001), Some(13));
        assert!(mmc(10.0, 0.01, 12).unwrap().wait > 0.001);
        assert!(mmc(10.0, 0.01, 13).unwrap().wait <= 0.001);
        assert_eq!(servers_for(0.0, 0.01, 0.001), Some(1));
        assert_eq!(servers_for(0.5, 0.01, 1.0), Some(1));
        assert_eq!(servers_for(9.999_999_999_999_998, 1.0, 1e9), Some(11));
        // Each count of the search is the fewest: the one before it waits longer.
        for (load, target) in [(1.0, 0.1), (55.296, 0.025), (3.7, 1e-6), (400.0, 1e-9)] {
            let c = servers_for(load, 1.0, target).unwrap();
            assert!(mmc(load, 1.0, c).unwrap().wait <= target, "{load}");
            match mmc(load, 1.0, c - 1) {
                Ok(q) => assert!(q.wait > target, "{load}"),
                Err(e) => assert_eq!(e, NoQueue::Unstable, "{load}"),
            }
        }
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
