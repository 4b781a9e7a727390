//! What is shown of a vector of samples: percentiles found by selection rather than sorting,
//! the mean and standard deviation, and how each input's ranks move with an output's.
//!
//! Order is `f64::total_cmp`'s everywhere, so nothing here can panic on a NaN: a positive NaN
//! sorts above +∞ and a negative one below −∞. Samples hold no NaN in practice; where one is,
//! the percentiles next to it, the mean and the standard deviation are NaN.

/// What a table and JSON show of a vector of samples.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Summary {
    pub p5: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
    pub mean: f64,
    pub sd: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// The summary of no samples.
    const NAN: Summary = Summary {
        p5: f64::NAN,
        p25: f64::NAN,
        p50: f64::NAN,
        p75: f64::NAN,
        p95: f64::NAN,
        mean: f64::NAN,
        sd: f64::NAN,
        min: f64::NAN,
        max: f64::NAN,
    };
}

/// The `p`-quantile of `samples`, by linear interpolation between order statistics (R's
/// type 7, numpy's default): with the samples sorted into `x` and `h = (n − 1)·p`, it is
/// `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])`, and exactly `x[⌊h⌋]` when `h` is whole, so
/// `p = 0` is the minimum and `p = 1` the maximum. (numpy evaluates the same definition with
/// a different interpolation formula, so it may differ in the last bit.) Works on a copy, by
/// one selection. NaN for no samples, or for `p` outside [0, 1] or NaN.
pub fn quantile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let mut scratch = samples.to_vec();
    let (index, fraction) = position(scratch.len(), p);
    let (_, x, above) = scratch.select_nth_unstable_by(index, f64::total_cmp);
    interpolate(*x, fraction, || least(above))
}

/// All of [`Summary`] from one scratch copy, by selections, not a sort: the median is
/// selected in the whole copy, then p25, p5 and the minimum each inside the part below the
/// last one selected, then p75, p95 and the maximum likewise above the median, so each
/// selection after the first works on a smaller slice. After them every element between two
/// selected positions lies between their values, so the upper neighbour an interpolation
/// needs is the least element of the gap above its position, up to and including the next
/// selected one. The percentiles equal [`quantile`]'s bit for bit.
///
/// The mean and the sample standard deviation (n − 1; 0 for one sample) are computed in two
/// passes, the second corrected for the rounding of the mean (Chan, Golub & LeVeque, 1983),
/// after scaling by a power of two that brings the largest magnitude near 1. The scaling is
/// exact, and keeps the squares of samples beyond 1e154 from overflowing (and of samples
/// below 1e-154 from underflowing).
///
/// All NaN for no samples.
pub fn summarize(samples: &[f64]) -> Summary {
    let n = samples.len();
    if n == 0 {
        return Summary::NAN;
    }
    let mut scratch = samples.to_vec();
    let [q5, q25, q50, q75, q95] = [0.05, 0.25, 0.5, 0.75, 0.95].map(|p| position(n, p));
    // Sorted positions already holding their order statistic.
    let mut placed: Vec<usize> = Vec::with_capacity(7);
    for target in [q50.0, q25.0, q5.0, 0, q75.0, q95.0, n - 1] {
        place(&mut scratch, &mut placed, target);
    }
    let at = |(index, fraction): (usize, f64)| {
        interpolate(scratch[index], fraction, || {
            let next = placed.get(placed.partition_point(|&i| i <= index))?;
            least(&scratch[index + 1..=*next])
        })
    };
    let (min, max) = (scratch[0], scratch[n - 1]);
    let (mean, sd) = moments(samples, min.abs().max(max.abs()));
    Summary {
        p5: at(q5),
        p25: at(q25),
        p50: at(q50),
        p75: at(q75),
        p95: at(q95),
        mean,
        sd,
        min,
        max,
    }
}

/// Puts the order statistic `target` at its position in `xs`, selecting only inside the gap
/// between the positions of `placed` around it, and records it there.
fn place(xs: &mut [f64], placed: &mut Vec<usize>, target: usize) {
    let at = placed.partition_point(|&i| i < target);
    if placed.get(at) == Some(&target) {
        return;
    }
    let start = at
        .checked_sub(1)
        .and_then(|i| placed.get(i))
        .map_or(0, |&i| i + 1);
    let end = placed.get(at).copied().unwrap_or(xs.len());
    if let Some(gap) = xs.get_mut(start..end) {
        gap.select_nth_unstable_by(target - start, f64::total_cmp);
        placed.insert(at, target);
    }
}

/// Where the `p`-quantile of `n ≥ 1` samples lies: the index `⌊h⌋` of `h = (n − 1)·p` and
/// the fraction `h − ⌊h⌋` of the way to the next order statistic.
fn position(n: usize, p: f64) -> (usize, f64) {
    let h = (n - 1) as f64 * p;
    let floor = h.floor();
    ((floor as usize).min(n - 1), h - floor)
}

/// `x + fraction·(next − x)`; `x` itself when the fraction is 0, without looking for `next`.
fn interpolate(x: f64, fraction: f64, next: impl FnOnce() -> Option<f64>) -> f64 {
    if fraction == 0.0 {
        return x;
    }
    next().map_or(x, |next| x + fraction * (next - x))
}

/// The least element, in `total_cmp`'s order.
fn least(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().min_by(f64::total_cmp)
}

/// The mean and the sample standard deviation, given the largest magnitude.
fn moments(samples: &[f64], largest: f64) -> (f64, f64) {
    let n = samples.len() as f64;
    let scale = scale_for(largest);
    let [sum] = lanes_sum(samples, |x| [x * scale]);
    let mean = sum / n;
    if samples.len() < 2 {
        return (mean / scale, 0.0);
    }
    let [deviation, squares] = lanes_sum(samples, |x| {
        let d = x * scale - mean;
        [d, d * d]
    });
    let variance = (squares - deviation * deviation / n) / (n - 1.0);
    // The correction can take a variance of nearly 0 just below it; a NaN stays NaN.
    let variance = if variance < 0.0 { 0.0 } else { variance };
    (mean / scale, variance.sqrt() / scale)
}

/// `2^−e` for `largest` in `[2^e, 2^(e+1))`, `e` clamped to ±1000 (1 for 0, NaN or ∞):
/// multiplying by a power of two is exact, so in the ordinary range the moments are the same
/// to the bit as without it.
fn scale_for(largest: f64) -> f64 {
    if !largest.is_finite() || largest == 0.0 {
        return 1.0;
    }
    let exponent = ((largest.to_bits() >> 52) & 0x7ff) as i64 - 1023;
    let biased = (1023 - exponent.clamp(-1000, 1000)) as u64;
    f64::from_bits(biased << 52)
}

/// The `K` sums `Σ f(x)`, each in four interleaved partial sums, which the processor can add
/// in parallel; the order is fixed, so the result is the same on every machine.
fn lanes_sum<const K: usize>(xs: &[f64], f: impl Fn(f64) -> [f64; K]) -> [f64; K] {
    let mut lanes = [[0.0; K]; 4];
    let chunks = xs.chunks_exact(4);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, &x) in lanes.iter_mut().zip(chunk) {
            for (sum, term) in lane.iter_mut().zip(f(x)) {
                *sum += term;
            }
        }
    }
    let mut tail = [0.0; K];
    for &x in rest {
        for (sum, term) in tail.iter_mut().zip(f(x)) {
            *sum += term;
        }
    }
    std::array::from_fn(|k| (lanes[0][k] + lanes[1][k]) + (lanes[2][k] + lanes[3][k]) + tail[k])
}

/// Spearman's rank correlation: Pearson's correlation of the ranks, ties (equal values) given
/// the average of their ranks. 0 when either side is constant (or empty); NaN when the lengths
/// differ.
pub fn rank_correlation(x: &[f64], y: &[f64]) -> f64 {
    if x.len() != y.len() {
        return f64::NAN;
    }
    pearson(&ranks(x), &ranks(y))
}

/// What each input alone explains of the output's spread: the square of its rank correlation
/// with the output (the output ranked once), not normalised, so that what none explains is
/// left over; NaN for an input whose length differs from the output's.
pub fn explained(inputs: &[&[f64]], output: &[f64]) -> Vec<f64> {
    let output_ranks = ranks(output);
    inputs
        .iter()
        .map(|input| {
            if input.len() == output.len() {
                pearson(&ranks(input), &output_ranks).powi(2)
            } else {
                f64::NAN
            }
        })
        .collect()
}

/// Each input's share of the output's spread: the squares of their rank correlations with the
/// output, normalised to sum to 1, in the order of `inputs`. All zero when every correlation
/// is 0; NaN for an input whose length differs from the output's (the others are normalised
/// among themselves).
pub fn sensitivity(inputs: &[&[f64]], output: &[f64]) -> Vec<f64> {
    let mut shares = explained(inputs, output);
    let total: f64 = shares.iter().filter(|r| r.is_finite()).sum();
    if total > 0.0 {
        for share in &mut shares {
            *share /= total;
        }
    }
    shares
}

/// Each element's rank from 1 in `total_cmp`'s order, equal elements (by `==`, so −0 and +0,
/// or the same NaN) sharing the average of their ranks.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<(f64, usize)> = xs.iter().copied().zip(0..).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; xs.len()];
    let mut start = 0;
    while let Some(&(first, _)) = order.get(start) {
        let tied = order[start..]
            .iter()
            .take_while(|(x, _)| *x == first || x.to_bits() == first.to_bits())
            .count();
        let end = start + tied;
        // Positions start..end hold ranks start + 1 ..= end.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &(_, i) in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation, 0 when either side is constant or empty; both sides have the same
/// length.
fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let [sum_a, sum_b] = [a, b].map(|side| lanes_sum(side, |x| [x])[0]);
    let (mean_a, mean_b) = (sum_a / n, sum_b / n);
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - mean_a, y - mean_b);
        ab += dx * dy;
        aa += dx * dx;
        bb += dy * dy;
    }
    if aa == 0.0 || bb == 0.0 {
        return 0.0;
    }
    (ab / (aa * bb).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::{Dist, Rng};
    use super::*;

    /// The type-7 quantile from a full sort, the definition summarize must match.
    fn sorted_quantile(sorted: &[f64], p: f64) -> f64 {
        let h = (sorted.len() - 1) as f64 * p;
        let i = h.floor() as usize;
        if h == h.floor() {
            sorted[i]
        } else {
            sorted[i] + (h - h.floor()) * (sorted[i + 1] - sorted[i])
        }
    }

    fn normals(n: usize, stream: u64) -> Vec<f64> {
        let mut out = Vec::new();
        Dist::Normal { mean: 3.0, sd: 2.0 }.sample(&mut Rng::new(9, stream), n, &mut out);
        out
    }

    fn bits(s: &Summary) -> [u64; 7] {
        [s.p5, s.p25, s.p50, s.p75, s.p95, s.min, s.max].map(f64::to_bits)
    }

    #[test]
    fn summarize_agrees_with_a_full_sort() {
        let sizes = [1, 2, 3, 4, 5, 10, 19, 20, 21, 100, 1001];
        for (stream, &n) in sizes.iter().enumerate() {
            let smooth = normals(n, stream as u64);
            // Many ties, and both zeros.
            let ties: Vec<f64> = smooth.iter().map(|x| (x * 2.0).round()).collect();
            let zeros: Vec<f64> = smooth
                .iter()
                .map(|&x| if x < 3.0 { -0.0 } else { 0.0 })
                .collect();
            for samples in [smooth, ties, zeros] {
                let mut sorted = samples.clone();
                sorted.sort_by(f64::total_cmp);
                let want = [0.05, 0.25, 0.5, 0.75, 0.95, 0.0, 1.0]
                    .map(|p| sorted_quantile(&sorted, p).to_bits());
                let s = summarize(&samples);
                assert_eq!(bits(&s), want, "n = {n}: {samples:?}");
                for (p, got) in [0.05, 0.25, 0.5, 0.75, 0.95].iter().zip(&want) {
                    assert_eq!(quantile(&samples, *p).to_bits(), *got, "n = {n}, p = {p}");
                }
                let mean = samples.iter().sum::<f64>() / n as f64;
                let sd = if n == 1 {
                    0.0
                } else {
                    (samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64)
                        .sqrt()
                };
                assert!(
                    (s.mean - mean).abs() <= 1e-12 * mean.abs().max(1.0),
                    "n = {n}"
                );
                assert!(
                    (s.sd - sd).abs() <= 1e-12 * sd.max(1.0),
                    "n = {n}: {} vs {sd}",
                    s.sd
                );
            }
        }
    }

    #[test]
    fn quantiles_follow_type_7() {
        let xs = [4.0, 1.0, 3.0, 2.0];
        // numpy.quantile([1, 2, 3, 4], [0, 0.05, 0.5, 0.95, 1]).
        assert_eq!(quantile(&xs, 0.0), 1.0);
        assert!((quantile(&xs, 0.05) - 1.15).abs() < 1e-15);
        assert_eq!(quantile(&xs, 0.5), 2.5);
        assert!((quantile(&xs, 0.95) - 3.85).abs() < 1e-15);
        assert_eq!(quantile(&xs, 1.0), 4.0);
        let many = normals(1000, 0);
        let least = many.iter().copied().fold(f64::INFINITY, f64::min);
        let most = many.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(quantile(&many, 0.0), least);
        assert_eq!(quantile(&many, 1.0), most);
        let s = summarize(&many);
        assert_eq!((s.min, s.max), (least, most));
    }

    #[test]
    fn nothing_and_nonsense_give_nan() {
        let s = summarize(&[]);
        for x in [s.p5, s.p25, s.p50, s.p75, s.p95, s.mean, s.sd, s.min, s.max] {
            assert!(x.is_nan());
        }
        assert!(quantile(&[], 0.5).is_nan());
        for p in [-0.1, 1.1, f64::NAN, f64::INFINITY] {
            assert!(quantile(&[1.0, 2.0], p).is_nan(), "{p}");
        }
    }

    #[test]
    fn one_sample_is_every_statistic() {
        let s = summarize(&[7.0]);
        assert_eq!(
            s,
            Summary {
                p5: 7.0,
                p25: 7.0,
                p50: 7.0,
                p75: 7.0,
                p95: 7.0,
                mean: 7.0,
                sd: 0.0,
                min: 7.0,
                max: 7.0,
            }
        );
    }

    #[test]
    fn nan_and_infinities_do_not_panic() {
        let xs = [1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 2.0];
        let s = summarize(&xs);
        // Sorted: −∞, 1, 2, ∞, NaN.
        assert_eq!(s.min, f64::NEG_INFINITY);
        assert_eq!(s.p50, 2.0);
        assert!(s.max.is_nan() && s.mean.is_nan() && s.sd.is_nan());
        assert_eq!(quantile(&xs, 0.5), 2.0);
        let s = summarize(&[f64::INFINITY; 3]);
        assert_eq!((s.p50, s.mean), (f64::INFINITY, f64::INFINITY));
        assert!(rank_correlation(&xs, &[1.0, 2.0, 3.0, 4.0, 5.0]).is_finite());
    }

    #[test]
    fn moments_survive_huge_and_tiny_samples() {
        for unit in [1e300, 1e-300, 1.0] {
            let s = summarize(&[unit, -unit, 3.0 * unit]);
            assert!((s.mean / unit - 1.0).abs() < 1e-15, "{unit}: {}", s.mean);
            assert!((s.sd / unit - 2.0).abs() < 1e-15, "{unit}: {}", s.sd);
        }
        let constant = summarize(&[0.1; 1000]);
        assert_eq!(constant.sd, 0.0);
    }

    #[test]
    fn rank_correlation_sees_monotone_relations() {
        let xs = normals(1000, 1);
        let cubes: Vec<f64> = xs.iter().map(|x| (x - 3.0).powi(3)).collect();
        let negated: Vec<f64> = xs.iter().map(|x| -x).collect();
        assert_eq!(rank_correlation(&xs, &cubes), 1.0);
        assert_eq!(rank_correlation(&xs, &negated), -1.0);
        let others = normals(1000, 2);
        assert!(rank_correlation(&xs, &others).abs() < 0.1);
    }

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(ranks(&[1.0, 2.0, 2.0, 3.0]), [1.0, 2.5, 2.5, 4.0]);
        assert_eq!(ranks(&[0.0, -0.0, 5.0, -1.0]), [2.5, 2.5, 4.0, 1.0]);
        // Ranks 1, 2.5, 2.5, 4 against 1, 3, 2, 4: 4.5 / sqrt(4.5 · 5).
        let r = rank_correlation(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]);
        assert!((r - 4.5 / 22.5f64.sqrt()).abs() < 1e-15, "{r}");
        // The same ties on both sides.
        let x = [1.0, 1.0, 2.0, 3.0, 3.0, 3.0];
        let y = x.map(|v| v * v * v);
        assert_eq!(rank_correlation(&x, &y), 1.0);
    }

    #[test]
    fn constant_empty_and_mismatched_sides() {
        assert_eq!(rank_correlation(&[1.0, 2.0, 3.0], &[5.0; 3]), 0.0);
        assert_eq!(rank_correlation(&[], &[]), 0.0);
        assert_eq!(rank_correlation(&[1.0], &[2.0]), 0.0);
        assert!(rank_correlation(&[1.0, 2.0], &[1.0]).is_nan());
    }

    #[test]
    fn sensitivity_splits_the_spread() {
        let mut wide = Vec::new();
        let mut narrow = Vec::new();
        Dist::lognormal_90(1.0, 100.0).sample(&mut Rng::new(1, 0), 10_000, &mut wide);
        Dist::lognormal_90(1.0, 2.0).sample(&mut Rng::new(1, 1), 10_000, &mut narrow);
        let product: Vec<f64> = wide.iter().zip(&narrow).map(|(a, b)| a * b).collect();
        let shares = sensitivity(&[&narrow, &wide], &product);
        assert_eq!(shares.len(), 2);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        // ln-variances in the ratio (ln 100)² : (ln 2)², about 44 : 1.
        assert!(shares[1] > 0.95 && shares[0] < 0.05, "{shares:?}");
        let flat = [2.0; 10_000];
        assert_eq!(sensitivity(&[&narrow, &wide], &flat), [0.0, 0.0]);
        assert!(sensitivity(&[], &product).is_empty());
        let odd = sensitivity(&[&narrow[..10], &wide], &product);
        assert!(odd[0].is_nan() && odd[1] == 1.0, "{odd:?}");
    }
}
