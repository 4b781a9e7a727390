//! The distributions a range can mean, and how each is sampled from an [`Rng`].

use super::Rng;

/// Φ⁻¹(0.95) = 1.64485362695147271486…, correctly rounded: a 90% interval is ±this many
/// standard deviations. (scipy's `norm.ppf(0.95)` prints 1.6448536269514722, two units in
/// the last place lower.)
const Z95: f64 = 1.644_853_626_951_472_6;

/// A distribution in base units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    Normal {
        mean: f64,
        sd: f64,
    },
    Uniform {
        lo: f64,
        hi: f64,
    },
    /// exp(N(mu, sigma)).
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    /// Beta-PERT on [min, max] with mode (λ = 4).
    Pert {
        min: f64,
        mode: f64,
        max: f64,
    },
}

impl Dist {
    /// The log-normal whose 5th and 95th percentiles are `p5` and `p95`:
    /// `mu = (ln p5 + ln p95)/2`, `sigma = (ln p95 − ln p5)/(2·Φ⁻¹(0.95))`. `p5 = p95` is a
    /// point (`sigma = 0`). Outside `0 < p5 ≤ p95` (or for NaN) both parameters are NaN, and so
    /// is every sample: a swapped or non-positive interval is the caller's error to report,
    /// never another distribution in silence.
    pub fn lognormal_90(p5: f64, p95: f64) -> Dist {
        if !(p5 > 0.0 && p5 <= p95) {
            return Dist::LogNormal {
                mu: f64::NAN,
                sigma: f64::NAN,
            };
        }
        let (low, high) = (p5.ln(), p95.ln());
        Dist::LogNormal {
            mu: (low + high) / 2.0,
            sigma: (high - low) / (2.0 * Z95),
        }
    }

    /// Fills `out` (cleared first) with `n` samples, drawn in order from `rng`.
    ///
    /// Parameters are not checked, except where a wrong one would be taken for a right one:
    /// a [`Dist::Pert`] whose mode lies outside [min, max] (or whose width is not finite and
    /// positive, unless all three are equal: then it is a point) gives NaN samples. A negative
    /// `sd` or `sigma`, or `hi < lo`, samples the same distribution as its mirror; NaN or
    /// infinite parameters give NaN or infinite samples. If memory for `n` samples cannot be
    /// reserved (`n` far above [`super::MAX_SAMPLES`]), `out` is left empty.
    pub fn sample(&self, rng: &mut Rng, n: usize, out: &mut Vec<f64>) {
        out.clear();
        if out.try_reserve_exact(n).is_err() {
            return;
        }
        match *self {
            Dist::Normal { mean, sd } => out.extend((0..n).map(|_| mean + sd * rng.normal())),
            Dist::Uniform { lo, hi } => {
                let width = hi - lo;
                out.extend((0..n).map(|_| lo + width * rng.uniform()));
            }
            Dist::LogNormal { mu, sigma } => {
                out.extend((0..n).map(|_| (mu + sigma * rng.normal()).exp()));
            }
            Dist::Pert { min, mode, max } => pert(min, mode, max, rng, n, out),
        }
    }
}

/// Beta-PERT samples: `min + (max − min)·B`, with `B ~ Beta(α, β)`,
/// `α = 1 + 4(mode − min)/(max − min)`, `β = 1 + 4(max − mode)/(max − min)`, and
/// `B = X/(X + Y)` for `X ~ Gamma(α)`, `Y ~ Gamma(β)` drawn in that order.
fn pert(min: f64, mode: f64, max: f64, rng: &mut Rng, n: usize, out: &mut Vec<f64>) {
    if min == mode && mode == max {
        out.extend(std::iter::repeat_n(min, n));
        return;
    }
    let width = max - min;
    if !(min <= mode && mode <= max && width > 0.0 && width.is_finite()) {
        out.extend(std::iter::repeat_n(f64::NAN, n));
        return;
    }
    // With the mode inside the interval both shapes lie in [1, 5].
    let alpha = Gamma::new(1.0 + 4.0 * (mode - min) / width);
    let beta = Gamma::new(1.0 + 4.0 * (max - mode) / width);
    out.extend((0..n).map(|_| {
        let x = alpha.sample(rng);
        let y = beta.sample(rng);
        min + width * (x / (x + y))
    }));
}

/// Gamma(shape, 1) for `shape ≥ 1`, by Marsaglia & Tsang ("A simple method for generating
/// gamma variables", ACM TOMS 26(3), 2000): `d = shape − ⅓`, `c = 1/sqrt(9d)`; draw a normal
/// `x` until `v = (1 + cx)³ > 0`, then an open uniform `u`, and accept `d·v` if
/// `u < 1 − 0.0331x⁴` or `ln u < x²/2 + d(1 − v + ln v)`, else start again (under 5% of
/// draws for shape ≥ 1). Their boost for `shape < 1` (`Gamma(shape + 1)·u^(1/shape)`) is not
/// needed: PERT's shapes are at least 1.
///
/// Unlike the normal's, this acceptance test uses `ln`, so a last-bit difference in a
/// platform's libm could, very rarely, flip one decision and shift the rest of a PERT
/// stream (see [`Rng::normal`]).
struct Gamma {
    d: f64,
    c: f64,
}

impl Gamma {
    fn new(shape: f64) -> Gamma {
        let d = shape - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    /// One sample; it terminates because `d ≥ ⅔` here (the caller's shapes are in [1, 5]),
    /// where each attempt is accepted with probability above 0.95.
    fn sample(&self, rng: &mut Rng) -> f64 {
        loop {
            let x = rng.normal();
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.open_uniform();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + self.d * (1.0 - v + v.ln()) {
                return self.d * v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::summarize;
    use super::*;

    const N: usize = 100_000;

    fn draw(dist: Dist, stream: u64) -> Vec<f64> {
        let mut out = vec![1.0; 3];
        dist.sample(&mut Rng::new(42, stream), N, &mut out);
        assert_eq!(out.len(), N);
        out
    }

    fn assert_within(got: f64, want: f64, relative: f64, what: &str) {
        assert!(
            ((got - want) / want).abs() <= relative,
            "{what}: {got}, want {want} within {relative}"
        );
    }

    /// Checks p5, p50 and p95 against a normal's (`exp` of them for a log-normal's).
    fn assert_percentiles(samples: &[f64], center: f64, spread: f64, log: bool, what: &str) {
        let s = summarize(samples);
        let f = |z: f64| {
            let x = center + z * spread;
            if log { x.exp() } else { x }
        };
        assert_within(s.p5, f(-Z95), 0.01, &format!("{what} p5"));
        assert_within(s.p50, f(0.0), 0.01, &format!("{what} p50"));
        assert_within(s.p95, f(Z95), 0.01, &format!("{what} p95"));
    }

    fn log_params(dist: Dist) -> (f64, f64) {
        match dist {
            Dist::LogNormal { mu, sigma } => (mu, sigma),
            other => panic!("not a log-normal: {other:?}"),
        }
    }

    #[test]
    fn a_90_percent_interval_is_a_lognormal_with_those_percentiles() {
        let dist = Dist::lognormal_90(1.0, 3.0);
        let (mu, sigma) = log_params(dist);
        assert_within(mu.exp(), 3f64.sqrt(), 1e-15, "median");
        assert_within((mu + Z95 * sigma).exp(), 3.0, 1e-15, "p95");
        let s = summarize(&draw(dist, 0));
        assert_within(s.p5, 1.0, 0.01, "p5");
        assert_within(s.p50, 3f64.sqrt(), 0.01, "p50");
        assert_within(s.p95, 3.0, 0.01, "p95");
    }

    #[test]
    fn an_interval_that_is_not_one_is_nan() {
        for (p5, p95) in [(0.0, 1.0), (-1.0, 1.0), (3.0, 1.0), (f64::NAN, 1.0)] {
            let (mu, sigma) = log_params(Dist::lognormal_90(p5, p95));
            assert!(mu.is_nan() && sigma.is_nan(), "{p5} to {p95}");
        }
        let point = draw(Dist::lognormal_90(5.0, 5.0), 0);
        assert!(point.iter().all(|&x| (x - 5.0).abs() < 1e-14));
    }

    #[test]
    fn products_and_quotients_of_lognormals_are_lognormal() {
        let (a, b) = (
            Dist::lognormal_90(1.0, 3.0),
            Dist::lognormal_90(300e6, 700e6),
        );
        let ((mu1, s1), (mu2, s2)) = (log_params(a), log_params(b));
        let (xs, ys) = (draw(a, 0), draw(b, 1));
        let spread = s1.hypot(s2);
        let product: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| x * y).collect();
        assert_percentiles(&product, mu1 + mu2, spread, true, "product");
        let quotient: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| x / y).collect();
        assert_percentiles(&quotient, mu1 - mu2, spread, true, "quotient");
    }

    #[test]
    fn sums_of_normals_are_normal() {
        let xs = draw(
            Dist::Normal {
                mean: 100.0,
                sd: 10.0,
            },
            0,
        );
        let ys = draw(
            Dist::Normal {
                mean: 50.0,
                sd: 5.0,
            },
            1,
        );
        let sum: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| x + y).collect();
        assert_percentiles(&sum, 150.0, 125f64.sqrt(), false, "sum");
    }

    #[test]
    fn uniform_quantiles_are_linear() {
        let s = summarize(&draw(Dist::Uniform { lo: 2.0, hi: 6.0 }, 0));
        for (got, want, what) in [
            (s.p5, 2.2, "p5"),
            (s.p25, 3.0, "p25"),
            (s.p50, 4.0, "p50"),
            (s.p75, 5.0, "p75"),
            (s.p95, 5.8, "p95"),
            (s.mean, 4.0, "mean"),
            (s.sd, 4.0 / 12f64.sqrt(), "sd"),
        ] {
            assert_within(got, want, 0.01, what);
        }
        assert!(s.min >= 2.0 && s.max < 6.0);
    }

    #[test]
    fn pert_has_the_pert_mean_and_spread() {
        let (min, mode, max) = (1.0, 2.0, 6.0);
        let samples = draw(Dist::Pert { min, mode, max }, 0);
        let s = summarize(&samples);
        let mean = (min + 4.0 * mode + max) / 6.0;
        assert_within(s.mean, mean, 0.01, "mean");
        // Var = (mean − min)(max − mean)/7 for λ = 4.
        assert_within(s.sd, ((mean - min) * (max - mean) / 7.0).sqrt(), 0.02, "sd");
        assert!(s.min >= min && s.max <= max);
        // P(X < 2) = I_0.2(1.8, 4.2), the incomplete beta of special.rs.
        let (below, _) = crate::special::regularized_beta(1.8, 4.2, 0.2, 0.8);
        let share = samples.iter().filter(|&&x| x < 2.0).count() as f64 / N as f64;
        assert!((share - below).abs() < 0.005, "{share} vs {below}");
    }

    #[test]
    fn pert_outside_its_interval_is_nan_and_a_point_is_a_point() {
        for (min, mode, max) in [
            (1.0, 0.5, 6.0),
            (1.0, 7.0, 6.0),
            (6.0, 2.0, 1.0),
            (1.0, f64::NAN, 6.0),
            (f64::NEG_INFINITY, 0.0, 1.0),
            (-f64::MAX, 0.0, f64::MAX),
        ] {
            let samples = draw(Dist::Pert { min, mode, max }, 0);
            assert!(samples.iter().all(|x| x.is_nan()), "{min} {mode} {max}");
        }
        let point = draw(
            Dist::Pert {
                min: 3.0,
                mode: 3.0,
                max: 3.0,
            },
            0,
        );
        assert!(point.iter().all(|&x| x == 3.0));
        let edge = summarize(&draw(
            Dist::Pert {
                min: 1.0,
                mode: 1.0,
                max: 6.0,
            },
            0,
        ));
        assert_within(edge.mean, (1.0 + 4.0 + 6.0) / 6.0, 0.01, "mode at min");
    }

    /// erfc by Numerical Recipes' Chebyshev fit (`erfcc`), relative error below 1.2e-7.
    fn erfc(x: f64) -> f64 {
        let z = x.abs();
        let t = 1.0 / (1.0 + 0.5 * z);
        let poly = -z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77))))))));
        let r = t * poly.exp();
        if x >= 0.0 { r } else { 2.0 - r }
    }

    #[test]
    fn the_chance_of_exceeding_a_threshold_is_right() {
        assert!((erfc(Z95 / 2f64.sqrt()) - 0.1).abs() < 1e-7);
        let dist = Dist::lognormal_90(300e6, 700e6);
        let (mu, sigma) = log_params(dist);
        let samples = draw(dist, 0);
        for threshold in [250e6_f64, 400e6, 600e6, 800e6] {
            let want = 0.5 * erfc((threshold.ln() - mu) / (sigma * 2f64.sqrt()));
            let got = samples.iter().filter(|&&x| x > threshold).count() as f64 / N as f64;
            assert!(
                (got - want).abs() < 0.005,
                "P(X > {threshold}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn the_same_stream_gives_the_same_samples() {
        let dist = Dist::lognormal_90(1.0, 3.0);
        assert_eq!(draw(dist, 5), draw(dist, 5));
        assert_ne!(draw(dist, 5), draw(dist, 6));
        let mut out = Vec::new();
        dist.sample(&mut Rng::new(1, 0), 0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn an_impossible_count_leaves_nothing() {
        let mut out = vec![1.0];
        Dist::Normal { mean: 0.0, sd: 1.0 }.sample(&mut Rng::new(1, 0), usize::MAX, &mut out);
        assert!(out.is_empty());
    }
}
