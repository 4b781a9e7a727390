//! Special functions for reliability math: the regularised incomplete beta function, which
//! gives a binomial tail in closed form (`k_of_n` in microseconds at any n, where a sum of
//! k terms took milliseconds), and the pieces of log-gamma it needs. Availabilities are
//! carried as tiny unavailabilities, so every result must keep its *relative* precision down
//! to 1e-300: the textbook prefactor `exp(lnΓ(a+b) − lnΓ(a) − lnΓ(b) + a ln x + b ln y)`
//! subtracts numbers near 10^7 to get one near −700 and keeps only nine digits. Here, as in
//! Loader's binomial densities ("Fast and accurate computation of binomial probabilities",
//! 2000, used by R), log-gamma is split into Stirling's leading terms, which cancel exactly on
//! paper, and the small remainder [`stirling_error`], and `a ln x` against its leading terms is
//! the deviance [`deviance`], computed without cancellation. The continued fraction is the
//! one of ACM TOMS 708 (also R's), evaluated by Lentz's method as Numerical Recipes' `betacf`
//! evaluates its own, on the side where it converges fast.

/// `I_x(a, b)` and `I_y(b, a) = 1 − I_x(a, b)`, for `a, b > 0` and `x + y = 1`. Both `x` and
/// `y` are given, so that whichever is tiny keeps all its digits (an availability of 1e-12 is
/// not `1 − (1 − 1e-12)`), and both results are returned, so that whichever is tiny does too.
/// NaN for a NaN argument, or if the continued fraction has not converged, which bounds the
/// work (see the tests).
pub fn regularized_beta(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    if [a, b, x, y].iter().any(|v| v.is_nan()) {
        return (f64::NAN, f64::NAN);
    }
    // Only the exact side decides: y = 1e-17 makes x = 1 in floating point.
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    // λ = a − (a + b)x = (a + b)y − b, from whichever of x and y is exact; the fraction
    // converges fast where λ ≥ 0, below the mean.
    let lambda = if x <= 0.5 {
        a - (a + b) * x
    } else {
        (a + b) * y - b
    };
    if lambda >= 0.0 {
        let small = tail(a, b, x, y, lambda);
        (small, 1.0 - small)
    } else {
        let small = tail(b, a, y, x, -lambda);
        (1.0 - small, small)
    }
}

/// `I_x(a, b)` below the mean: `x^a y^b / B(a, b)` times a continued fraction.
fn tail(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    let n = a + b;
    // x^a y^b Γ(n+1) / (Γ(a+1) Γ(b+1)) = e^ln_core · sqrt(n / (2π a b)), and x^a y^b / B(a, b)
    // is ab/n of that.
    let ln_core = stirling_error(n)
        - stirling_error(a)
        - stirling_error(b)
        - deviance(a, n * x)
        - deviance(b, n * y);
    let rest =
        (a * b / (std::f64::consts::TAU * n)).sqrt() * continued_fraction(a, b, x, y, lambda);
    // e^ln_core may be subnormal while the product is not.
    if ln_core > -700.0 {
        (ln_core.exp() * rest).clamp(0.0, 1.0)
    } else {
        (ln_core + rest.ln()).exp().clamp(0.0, 1.0)
    }
}

/// At most this many steps, times sqrt(a + b), plus 100: the fraction takes at most about
/// 5·(a + b)^⅓ steps (measured in the tests up to a + b = 10⁹), so the limit only stops a
/// fraction that does not converge.
const STEPS_PER_ROOT: f64 = 8.0;

/// The continued fraction of `I_x(a, b) B(a, b) / (x^a y^b)` in the form of DiDonato and
/// Morris (ACM TOMS 708, `bfrac`, the one R uses), evaluated by the modified Lentz method
/// (Numerical Recipes' `betacf` evaluates the classic form the same way). Its terms hold `x`
/// only as a factor and `y` only as `1 + y`; the one difference that cancels is `λ`, which the
/// caller computes from the exact side. The classic form subtracts `1 − x·(…)` at every step
/// and lost three digits at x = 0.999.
fn continued_fraction(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    lentz(a, b, x, y, lambda).map_or(f64::NAN, |(value, _)| value)
}

/// The continued fraction and the number of steps it took; `None` if it had not converged
/// after the most steps allowed.
fn lentz(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> Option<(f64, f64)> {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let c = lambda + 1.0;
    let c0 = b / a;
    let c1 = 1.0 + 1.0 / a;
    let yp1 = y + 1.0;
    // 1 / (c/c1 + α₁/(β₁ + α₂/(β₂ + …)))
    let mut f = guard(c / c1);
    let (mut big_c, mut big_d) = (f, 0.0);
    let (mut p, mut s) = (1.0, a + 1.0);
    let limit = 100.0 + STEPS_PER_ROOT * (a + b).sqrt();
    let mut n = 1.0;
    while n <= limit {
        let t = n / a;
        let w = n * (b - n) * x;
        let e = a / s;
        let alpha = p * (p + c0) * e * e * (w * x);
        let e = (t + 1.0) / (c1 + t + t);
        let beta = n + w / s + e * (c + n * yp1);
        p = t + 1.0;
        s += 2.0;
        big_d = 1.0 / guard(beta + alpha * big_d);
        big_c = guard(beta + alpha / big_c);
        let step = big_c * big_d;
        f *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            return Some((1.0 / f, n));
        }
        n += 1.0;
    }
    None
}

/// Stirling's error: `lnΓ(z+1) − ((z + ½) ln z − z + ½ ln 2π)`, about 1/(12z), to a few
/// units in the last place for `z ≥ ½`.
pub fn stirling_error(z: f64) -> f64 {
    /// From here on the asymptotic series is good to 4e-18 with the terms kept.
    const SERIES_FROM: f64 = 15.0;
    if z >= SERIES_FROM || z.is_nan() {
        // Σ B₂ⱼ / (2j (2j−1) z^(2j−1)), j = 1..6.
        let w = 1.0 / (z * z);
        let poly = 1.0 / 12.0
            - w * (1.0 / 360.0
                - w * (1.0 / 1260.0
                    - w * (1.0 / 1680.0 - w * (1.0 / 1188.0 - w * (691.0 / 360_360.0)))));
        return poly / z;
    }
    // δ(z) = δ(z + 1) + (z + ½) ln(1 + 1/z) − 1: climb to the series, then add the steps
    // back, smallest first.
    let climbs = (SERIES_FROM - z).ceil();
    let mut sum = stirling_error(z + climbs);
    let mut i = climbs - 1.0;
    while i >= 0.0 {
        sum += stirling_step(z + i);
        i -= 1.0;
    }
    sum
}

/// `(z + ½) ln(1 + 1/z) − 1`, for `z > 0`. With t = 1/(2z + 1) it is Σⱼ t²ʲ / (2j + 1), a sum
/// of positive terms, where the formula itself would cancel down to 1/(12z²); from z = ½ on,
/// t² ≤ ¼ and 27 terms reach 2⁻⁵⁴ of the first.
fn stirling_step(z: f64) -> f64 {
    if z < 0.5 {
        return (z + 0.5) * (1.0 / z).ln_1p() - 1.0;
    }
    let t2 = (1.0 / (2.0 * z + 1.0)).powi(2);
    let (mut power, mut sum) = (t2, 0.0);
    for odd in (3..SERIES_TERMS).step_by(2) {
        let next = sum + power / f64::from(odd);
        if next == sum {
            break;
        }
        sum = next;
        power *= t2;
    }
    sum
}

/// The bound on the odd denominators (3, 5, …, 59: 29 terms) of a series whose ratio is at
/// most ¼, which needs 27 at worst; a NaN cannot loop forever.
const SERIES_TERMS: u32 = 61;

/// The deviance `x ln(x/m) + m − x` of a count `x ≥ 0` from its mean `m > 0`, never
/// negative. Near `x = m` it is a series in v = (x − m)/(x + m), where the formula would
/// cancel.
pub fn deviance(x: f64, m: f64) -> f64 {
    if x == 0.0 {
        return m;
    }
    let v = (x - m) / (x + m);
    if v.abs() >= 0.5 {
        return x * (x / m).ln() + m - x;
    }
    // x ln(x/m) = 2x atanh(v) = 2x (v + v³/3 + v⁵/5 + …), and 2xv + m − x = (x − m) v.
    let v2 = v * v;
    let mut sum = (x - m) * v;
    let mut term = 2.0 * x * v;
    for odd in (3..SERIES_TERMS).step_by(2) {
        term *= v2;
        let next = sum + term / f64::from(odd);
        if next == sum {
            break;
        }
        sum = next;
    }
    sum
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1): Wichura's algorithm AS241 (PPND16,
/// Applied Statistics 37, 1988), a rational approximation good to about 1e-16, the one
/// Python's `statistics.NormalDist.inv_cdf` uses. Latin hypercube sampling maps each
/// stratum's uniform number through it.
// The coefficients as Wichura published them, a digit or two past what a double holds.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    fn poly(c: &[f64; 8], r: f64) -> f64 {
        c.iter().rev().fold(0.0, |acc, &k| acc * r + k)
    }
    const A: [f64; 8] = [
        3.387_132_872_796_366_6,
        1.331_416_678_917_843_8e2,
        1.971_590_950_306_551_4e3,
        1.373_169_376_550_946_1e4,
        4.592_195_393_154_987e4,
        6.726_577_092_700_87e4,
        3.343_057_558_358_813e4,
        2.509_080_928_730_122_7e3,
    ];
    const B: [f64; 8] = [
        1.0,
        4.231_333_070_160_091e1,
        6.871_870_074_920_579e2,
        5.394_196_021_424_751e3,
        2.121_379_430_158_659_7e4,
        3.930_789_580_009_271e4,
        2.872_908_573_572_194_3e4,
        5.226_495_278_852_854_5e3,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_6,
        4.630_337_846_156_545,
        5.769_497_221_460_691,
        3.647_848_324_763_204_5,
        1.270_458_252_452_368_4,
        2.417_807_251_774_506_2e-1,
        2.272_384_498_926_918_4e-2,
        7.745_450_142_783_414e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_758_8,
        1.676_384_830_183_803_8,
        6.897_673_349_851e-1,
        1.481_039_764_274_800_8e-1,
        1.519_866_656_361_645_7e-2,
        5.475_938_084_995_345e-4,
        1.050_750_071_644_416_8e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103,
        5.463_784_911_164_114,
        1.784_826_539_917_291_3,
        2.965_605_718_285_048_7e-1,
        2.653_218_952_657_612_4e-2,
        1.242_660_947_388_078_4e-3,
        2.711_555_568_743_487_6e-5,
        2.010_334_399_292_288_1e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        5.998_322_065_558_879e-1,
        1.369_298_809_227_358e-1,
        1.487_536_129_085_061_5e-2,
        7.868_691_311_456_133e-4,
        1.846_318_317_510_054_8e-5,
        1.421_511_758_316_446e-7,
        2.044_263_103_389_939_7e-15,
    ];
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = (if q < 0.0 { p } else { 1.0 - p }).ln();
    let r = (-r).sqrt();
    let x = if r <= 5.0 {
        poly(&C, r - 1.6) / poly(&D, r - 1.6)
    } else {
        poly(&E, r - 5.0) / poly(&F, r - 5.0)
    };
    if q < 0.0 { -x } else { x }
}

#[cfg(test)]
mod tests {
    #[test]
    fn normal_quantile_matches_as241_as_python_computes_it() {
        // `statistics.NormalDist().inv_cdf(p)` (Python 3, the same algorithm).
        for (p, want) in [
            (0.5, 0.0),
            (0.95, 1.6448536269514715),
            (0.05, -1.6448536269514726),
            (0.975, 1.9599639845400536),
            (0.999, 3.090232306167813),
            (1e-10, -6.361340902404056),
            (0.3, -0.5244005127080407),
            (0.925, 1.439531470938456),
            (0.0001, -3.71901648545568),
        ] {
            let got = super::normal_quantile(p);
            assert!(
                (got - want).abs() <= 4e-16 * want.abs().max(1.0),
                "{p}: {got} vs {want}"
            );
        }
    }

    use super::*;

    /// Relative error, for values compared with references worked to 50 digits with mpmath.
    fn relative(got: f64, want: f64) -> f64 {
        ((got - want) / want).abs()
    }

    #[test]
    fn stirling_error_is_exact_on_both_sides_of_the_series() {
        // mpmath: loggamma(z + 1) − (z + ½) log z + z − log(2π)/2.
        let table = [
            (0.5, 0.15342640972002736),
            (1.0, 0.08106146679532726),
            (2.0, 0.0413406959554093),
            (7.0, 1.189670994589177e-2),
            (14.5, 0.0057462165130101155),
            (15.0, 0.005554733551962801),
            (15.5, 0.005375599032926835),
            (100.0, 0.0008333305556349147),
            (1e6, 8.333333333333056e-8),
        ];
        for (z, want) in table {
            let got = stirling_error(z);
            assert!(relative(got, want) < 5e-16, "δ({z}) = {got}, not {want}");
        }
    }

    #[test]
    fn deviance_keeps_its_digits_near_the_mean_and_far_from_it() {
        // mpmath: x log(x/m) + m − x.
        let table = [
            (1.0, 0.11, 1.3172749131897208),
            (10.0, 0.11, 35.208600061837664),
            (1000.0, 1000.5, 0.00012495834895208594),
            (3.0, 1.0, 1.2958368660043291),
            (36660.0, 30000.0, 689.9216350731352),
            (1.0, 10.89, 7.502155063055131),
            (0.5, 3.0, 1.6041202653859725),
        ];
        for (x, m, want) in table {
            let got = deviance(x, m);
            assert!(
                relative(got, want) < 1e-15,
                "deviance({x}, {m}) = {got}, not {want}"
            );
        }
        assert_eq!(deviance(0.0, 2.5), 2.5);
        assert_eq!(deviance(7.0, 7.0), 0.0);
    }

    #[test]
    fn regularized_beta_matches_references_on_both_sides() {
        // mpmath: betainc(a, b, 0, x, regularized=True), and the same for (b, a, 1 − x).
        let table = [
            (2.5, 3.5, 0.3, 0.2967529892956664, 0.7032470107043336),
            // The classic continued fraction, with x inside its terms, lost three digits here.
            (4997.0, 4.0, 0.999, 0.2648854758565076, 0.7351145241434924),
            (0.5, 0.5, 0.01, 0.06376856085851985, 0.9362314391414801),
            (30.0, 20.0, 0.75, 0.9891442718937592, 0.010855728106240824),
        ];
        for (a, b, x, lower, upper) in table {
            let (got_lower, got_upper) = regularized_beta(a, b, x, 1.0 - x);
            assert!(
                relative(got_lower, lower) < 1e-14,
                "I_{x}({a}, {b}) = {got_lower}"
            );
            assert!(
                relative(got_upper, upper) < 1e-14,
                "I_(1-{x})({b}, {a}) = {got_upper}"
            );
        }
    }

    #[test]
    fn regularized_beta_has_its_closed_forms() {
        // I_x(a, 1) = x^a and I_x(1, b) = 1 − y^b, down to tiny values on either side. Near
        // 1e-300 the exponential turns the rounding of a logarithm near −690 into a relative
        // error of about 1e-13; moderate values keep about 15 digits.
        for &x in &[1e-9, 1e-3, 0.1, 0.5, 0.9, 0.999_f64] {
            let y = 1.0 - x;
            for &n in &[1.0, 2.0, 10.0, 33.0, 1000.0] {
                let power = x.powf(n);
                let tolerance = if power > 1e-20 { 1e-14 } else { 1e-12 };
                if power > 1e-300 {
                    let (got, _) = regularized_beta(n, 1.0, x, y);
                    assert!(relative(got, power) < tolerance, "I_{x}({n}, 1) = {got}");
                    let (_, got) = regularized_beta(1.0, n, y, x);
                    assert!(
                        relative(got, power) < tolerance,
                        "1 − I_{y}(1, {n}) = {got}"
                    );
                }
            }
        }
        // The exact side decides the edges: y = 1e-17 is not y = 0.
        assert_eq!(regularized_beta(2.0, 3.0, 0.0, 1.0), (0.0, 1.0));
        assert_eq!(regularized_beta(2.0, 3.0, 1.0, 0.0), (1.0, 0.0));
        let (_, upper) = regularized_beta(1.0, 2.0, 1.0, 1e-17);
        assert!(relative(upper, 1e-34) < 1e-14, "{upper}");
        // NaN in, NaN out, and no endless loop on the way.
        let (lower, upper) = regularized_beta(2.0, 3.0, f64::NAN, 0.5);
        assert!(lower.is_nan() && upper.is_nan());
        assert!(stirling_error(f64::NAN).is_nan() && deviance(f64::NAN, 1.0).is_nan());
    }

    /// Over every tail of binomials up to a billion trials, the fraction converges in about
    /// 5·n^(1/3) steps, far inside the limit, so that NaN is never returned.
    #[test]
    fn the_continued_fraction_converges_well_inside_its_limit() {
        for &n in &[10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9_f64] {
            for &u in &[
                1e-15, 1e-9, 1e-4, 1e-3, 1e-2, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999,
            ] {
                let (mean, sd) = (n * u, (n * u * (1.0 - u)).sqrt());
                for z in -80..=80 {
                    let down = (mean + f64::from(z) * sd / 4.0).round();
                    if !(0.0..n).contains(&down) {
                        continue;
                    }
                    let (a, b, x, y) = (down + 1.0, n - down, u, 1.0 - u);
                    let lambda = if x <= 0.5 {
                        a - (a + b) * x
                    } else {
                        (a + b) * y - b
                    };
                    let steps = if lambda >= 0.0 {
                        lentz(a, b, x, y, lambda)
                    } else {
                        lentz(b, a, y, x, -lambda)
                    }
                    .map(|(_, steps)| steps);
                    let bound = 20.0 + 5.0 * n.cbrt();
                    assert!(
                        steps.is_some_and(|s| s <= bound),
                        "n = {n}, u = {u}, {down} down: {steps:?} steps"
                    );
                }
            }
        }
    }
}
