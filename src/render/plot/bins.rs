//! A histogram's bins: which rows its samples fall in. Edges are round (a width of 1, 2, 2.5
//! or 5 times a power of ten), so that labels read at a glance; samples spread over orders of
//! magnitude get round steps of the logarithm instead, so that the bulk of a wide log-normal is
//! not squeezed into one row; a few far-out samples are left out rather than squeezing the rest.

use std::borrow::Cow;
use std::cmp::Reverse;

/// A histogram never has more rows than this: more would not fit on a screen with its title.
const MOST_BINS: usize = 20;
/// Samples whose middle 99% span this factor or more, all positive, are binned on a log
/// scale: linear bins would put the median in the first row or two.
const LOG_SPAN: f64 = 50.0;

/// The finite samples, in order.
pub(super) fn finite_sorted(samples: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    sorted
}

/// The sorted samples' value at quantile `q`, nearest rank.
pub(super) fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    sorted.get((last as f64 * q).round() as usize).copied()
}

/// `q`'s floor, taking a value within rounding error of a whole number as that number: `0.3 /
/// 0.1` is `2.9999999999999996`, and 0.3 belongs in the bin that starts at 0.3.
fn snap_floor(q: f64) -> f64 {
    let whole = q.round();
    if (q - whole).abs() <= 1e-9_f64.max(q.abs() * 4.0 * f64::EPSILON) {
        whole
    } else {
        q.floor()
    }
}

/// A histogram's samples grouped into rows of equal width, on the samples' scale or on a log
/// scale. Bin `k` holds the samples from [`Bins::edge`]`(k)` up to, not including,
/// `edge(k + 1)`.
#[derive(Debug)]
pub(super) struct Bins {
    /// Whether positions are the samples' logarithms (base 10) rather than the samples.
    pub(super) log: bool,
    /// Edge `k` is at position `origin + (first + k) × step`. For a round grid, `origin` is
    /// zero and `first` a whole number, so that edges are round (and zero exactly zero).
    pub(super) origin: f64,
    pub(super) first: f64,
    /// Zero when the samples make one row: all equal, or too close together to draw apart.
    pub(super) step: f64,
    /// Twice the step's leading digit (2, 4, 5 or 10) on a round grid, otherwise 0: with
    /// `first`, how round each edge is.
    pub(super) twice_mantissa: i64,
    pub(super) counts: Vec<usize>,
    /// Samples left out below the first row and above the last, when the tails are cut.
    pub(super) below: usize,
    pub(super) above: usize,
    /// The positions every sample between which is shown.
    pub(super) shown: (f64, f64),
}

impl Bins {
    fn position(&self, value: f64) -> f64 {
        if self.log { value.log10() } else { value }
    }

    pub(super) fn edge(&self, k: usize) -> f64 {
        let steps = self.first + k as f64;
        let mut at = self.origin + steps * self.step;
        if !at.is_finite() {
            // Near the largest doubles, in halves (which would lose a bit of a subnormal).
            at = 2.0 * (self.origin / 2.0 + steps * (self.step / 2.0));
        }
        if self.log { 10f64.powf(at) } else { at }
    }

    /// The row that shows `value`, if any.
    pub(super) fn row_of(&self, value: f64) -> Option<usize> {
        self.row_at(self.position(value))
    }

    fn row_at(&self, at: f64) -> Option<usize> {
        let (lo, hi) = self.shown;
        let inside = lo <= at && at <= hi;
        if self.step == 0.0 {
            return inside.then_some(0);
        }
        let last = self.counts.len().checked_sub(1)?;
        let q = snap_floor((at - self.origin) / self.step - self.first);
        if (0.0..=last as f64).contains(&q) {
            Some(q as usize)
        } else if inside {
            // Within rounding error of the range's end.
            Some(if q < 0.0 { 0 } else { last })
        } else {
            None
        }
    }
}

/// The samples (finite, in order) in bins: as many as Sturges' rule suggests for their number
/// (15 for 10,000; fewer for fewer samples), never more than there are distinct values, as
/// near that as round edges allow.
pub(super) fn bins(sorted: &[f64]) -> Bins {
    let (min, max) = match (sorted.first(), sorted.last()) {
        (Some(&min), Some(&max)) => (min, max),
        _ => (0.0, 0.0),
    };
    let one_row = Bins {
        log: false,
        origin: min,
        first: 0.0,
        step: 0.0,
        twice_mantissa: 0,
        counts: if sorted.is_empty() {
            Vec::new()
        } else {
            vec![sorted.len()]
        },
        below: 0,
        above: 0,
        shown: (min, max),
    };
    if min == max {
        return one_row;
    }
    let distinct = 1 + sorted.windows(2).filter(|w| w[0] != w[1]).count();
    let sturges = (sorted.len() as f64).log2().ceil() as usize + 1;
    let target = sturges.clamp(2, 16).min(distinct);
    let log = min > 0.0
        && distinct >= 8
        && match (quantile(sorted, 0.005), quantile(sorted, 0.995)) {
            (Some(lo), Some(hi)) => hi / lo >= LOG_SPAN,
            _ => false,
        };
    let positions: Cow<[f64]> = if log {
        Cow::Owned(sorted.iter().map(|v| v.log10()).collect())
    } else {
        Cow::Borrowed(sorted)
    };
    let (lo, hi) = drawn_range(&positions);
    let Some(grid) = round_grid(lo, hi, target).or_else(|| plain_grid(lo, hi, target)) else {
        return one_row;
    };
    let mut bins = Bins {
        log,
        origin: grid.origin,
        first: grid.first,
        step: grid.step,
        twice_mantissa: grid.twice_mantissa,
        counts: vec![0; grid.count],
        below: 0,
        above: 0,
        shown: (lo, hi),
    };
    for &at in positions.iter() {
        match bins.row_at(at) {
            Some(i) => {
                if let Some(c) = bins.counts.get_mut(i) {
                    *c += 1;
                }
            }
            None if at < lo => bins.below += 1,
            None => bins.above += 1,
        }
    }
    bins
}

/// The range of positions the bins cover: all of them, or, when a few stretch it to more than
/// twice what the middle 99% need, the 0.5th to the 99.5th percentile. A normal distribution
/// keeps its whole range (the extremes of 10,000 samples are within 1.5 times); a long tail
/// would otherwise squeeze nearly every sample into two or three rows.
fn drawn_range(sorted: &[f64]) -> (f64, f64) {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return (0.0, 0.0);
    };
    // Fewer, and those percentiles are the extremes themselves.
    if sorted.len() < 200 {
        return (min, max);
    }
    match (quantile(sorted, 0.005), quantile(sorted, 0.995)) {
        // Halves, so that the widest finite range does not overflow.
        (Some(lo), Some(hi)) if hi > lo && hi / 2.0 - lo / 2.0 < (max / 2.0 - min / 2.0) / 2.0 => {
            (lo, hi)
        }
        _ => (min, max),
    }
}

/// Bins of equal width over a range of positions.
struct Grid {
    origin: f64,
    first: f64,
    step: f64,
    twice_mantissa: i64,
    count: usize,
}

/// Bins over `lo..=hi` whose width is 1, 2, 2.5 or 5 times a power of ten, as near `target` in
/// number as such widths allow (equally near, fewer). `None` when no such grid has two to
/// [`MOST_BINS`] bins with edges that can be computed exactly: a range too wide for `f64`, or
/// too narrow for its values' precision.
fn round_grid(lo: f64, hi: f64, target: usize) -> Option<Grid> {
    let half_span = hi / 2.0 - lo / 2.0;
    let guess = (half_span.log10() + 2f64.log10() - (target as f64).log10()).floor();
    if !(half_span > 0.0 && guess.is_finite()) {
        return None;
    }
    let guess = guess as i32;
    let mut best: Option<(Reverse<usize>, Reverse<usize>, Grid)> = None;
    for exponent in guess.saturating_sub(1)..=guess.saturating_add(1) {
        for (mantissa, twice_mantissa) in [(1.0, 2), (2.0, 4), (2.5, 5), (5.0, 10)] {
            // Dividing by an exact power of ten gives the nearest double to, say, 0.025.
            let step = if exponent < 0 {
                mantissa / 10f64.powi(-exponent)
            } else {
                mantissa * 10f64.powi(exponent)
            };
            if !(step.is_finite() && step > 0.0) {
                continue;
            }
            let first = snap_floor(lo / step);
            let last = snap_floor(hi / step);
            let count = last - first + 1.0;
            // Past a trillion steps from zero, the values are too coarse for their edges.
            let exact = first.abs().max((last + 1.0).abs()) < 1e12;
            let finite = (first * step).is_finite() && ((last + 1.0) * step).is_finite();
            if !(exact && finite && (2.0..=MOST_BINS as f64).contains(&count)) {
                continue;
            }
            let count = count as usize;
            let rank = (Reverse(count.abs_diff(target)), Reverse(count));
            if best.as_ref().is_none_or(|(m, c, _)| rank > (*m, *c)) {
                let grid = Grid {
                    origin: 0.0,
                    first,
                    step,
                    twice_mantissa,
                    count,
                };
                best = Some((rank.0, rank.1, grid));
            }
        }
    }
    best.map(|(_, _, grid)| grid)
}

/// `target` bins from `lo` to `hi`: for ranges no round grid can draw.
fn plain_grid(lo: f64, hi: f64, target: usize) -> Option<Grid> {
    let step = (hi / 2.0 - lo / 2.0) / target as f64 * 2.0;
    (step.is_finite() && step > 0.0).then_some(Grid {
        origin: lo,
        first: 0.0,
        step,
        twice_mantissa: 0,
        count: target,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Rng, awkward_sets};
    use super::*;

    #[test]
    fn counts_add_up_to_the_finite_samples() {
        let mut sets = awkward_sets();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2_000 {
            let n = rng.below(400);
            let scale = 10f64.powi(rng.below(40) as i32 - 20);
            let samples = (0..n)
                .map(|_| match rng.below(20) {
                    0 => f64::NAN,
                    1 => f64::INFINITY,
                    2 => -5.0 * scale,
                    3..=6 => (rng.below(4) as f64) * scale,
                    7..=10 => rng.log_normal(scale, 2.0),
                    _ => rng.normal() * scale + scale,
                })
                .collect();
            sets.push(("random", samples));
        }
        for (case, samples) in sets {
            let finite = finite_sorted(&samples);
            let bins = bins(&finite);
            let shown: usize = bins.counts.iter().sum();
            assert_eq!(
                shown + bins.below + bins.above,
                finite.len(),
                "{case}: {bins:?}"
            );
            assert!(bins.counts.len() <= MOST_BINS, "{case}: {bins:?}");
            // Each sample shown lies in its row's range, to rounding error.
            if bins.step > 0.0 {
                for &v in &finite {
                    let Some(i) = bins.row_of(v) else { continue };
                    let (from, to) = (bins.edge(i), bins.edge(i + 1));
                    let slack = 1e-9 * (to - from).abs().max(v.abs() * 1e-6);
                    assert!(
                        from - slack <= v && v < to + slack,
                        "{case}: {v} in row {i}"
                    );
                }
            }
        }
    }
}
