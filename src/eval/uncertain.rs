//! Evaluating uncertain values: sampling a distribution into a vector of trials, and the
//! summaries (`p`, `mean`, `median`, `sd`, `prob`) that turn one back into a number.

use super::{EvalError, EvalErrorKind, error};
use crate::ast::CmpOp;
use crate::builtins::Func;
use crate::ir::Dist;
use crate::sample::{self, Rng};
use crate::span::Span;
use crate::special::normal_quantile;
use crate::value::{Number, Value, same};

/// How many trials, and from which seed: the same program, seed and count give the same
/// samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampling {
    pub samples: usize,
    pub seed: u64,
    /// Keep every uncertain value's trials for the caller (charts need them); otherwise a
    /// definition's trials are summarised once nothing later uses them.
    pub keep_samples: bool,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            samples: sample::DEFAULT_SAMPLES,
            seed: sample::DEFAULT_SEED,
            keep_samples: false,
        }
    }
}

fn bad(span: Span, message: String, label: &str, help: &str) -> EvalError {
    error(
        EvalErrorKind::Parameters {
            message,
            label: label.to_string(),
            help: help.to_string(),
        },
        span,
    )
}

/// Samples `dist` with parameters `params` (certain values, as the checker made sure) from
/// its own stream. `span` is the distribution's, `spans` its parameters'.
pub fn sample(
    dist: Dist,
    params: &[Value],
    spans: &[Span],
    span: Span,
    stream: u64,
    sampling: &Sampling,
) -> Result<Value, EvalError> {
    let p: Vec<Number> = params.iter().map(Value::point).collect();
    let at = |i: usize| spans.get(i).copied().unwrap_or(span);
    let instead = "for a range that can reach 0 or below, write `normal(mean, sd)` or \
                   `uniform(lo, hi)`";
    let law = match dist {
        Dist::Range => {
            let (lo, hi) = (p[0], p[1]);
            if lo == hi {
                return Ok(params[0].clone());
            }
            if lo <= 0.0 {
                return Err(bad(
                    at(0),
                    "the low end of a range must be above 0".into(),
                    "not above 0",
                    &format!("`lo to hi` is log-normal, for positive quantities; {instead}"),
                ));
            }
            if lo > hi {
                return Err(bad(
                    span,
                    "the low end of a range is above its high end".into(),
                    "low end first",
                    "write the smaller end first: `lo to hi`",
                ));
            }
            sample::Dist::lognormal_90(lo, hi)
        }
        Dist::Availability => {
            let (lo, hi) = (params[0].complement(), params[1].complement());
            for (i, c) in [lo, hi].into_iter().enumerate() {
                if !(c > 0.0 && c < 1.0) {
                    return Err(bad(
                        at(i),
                        "each end of an availability range must lie between 0% and 100%".into(),
                        "not strictly between 0% and 100%",
                        "write availabilities such as `availability(99.9% to 99.99%)`",
                    ));
                }
            }
            if lo == hi {
                return Ok(Value::complement_of(lo));
            }
            if lo < hi {
                return Err(bad(
                    span,
                    "the low end of a range is above its high end".into(),
                    "low end first",
                    "write the smaller availability first: `availability(99.9% to 99.99%)`",
                ));
            }
            // What the availability lacks of 1 runs the other way: 99.9% lacks 0.1%.
            let law = sample::Dist::lognormal_90(hi, lo);
            // Log-normal, it has no upper bound: refuse a range whose tail could lack more
            // than all of 1 (a trial below 0%) within 5.5 standard deviations, farther than
            // ten million trials reach.
            if let sample::Dist::LogNormal { mu, sigma } = law
                && mu + 5.5 * sigma >= 0.0
            {
                return Err(bad(
                    span,
                    "this availability range is too wide: some trials would be below 0%".into(),
                    "too wide",
                    "an availability range is for availabilities near 100%, such as \
                     `availability(99% to 99.9%)`",
                ));
            }
            return Ok(Value::complement_samples(draw(law, stream, sampling)));
        }
        Dist::Normal => {
            let (mean, sd) = (p[0], p[1]);
            if sd < 0.0 {
                return Err(bad(
                    at(1),
                    "a standard deviation cannot be negative".into(),
                    "below 0",
                    "write the spread as a positive number: `normal(mean, sd)`",
                ));
            }
            if sd == 0.0 {
                return Ok(params[0].clone());
            }
            sample::Dist::Normal { mean, sd }
        }
        Dist::Uniform => {
            let (lo, hi) = (p[0], p[1]);
            if lo == hi {
                return Ok(params[0].clone());
            }
            if lo > hi {
                return Err(bad(
                    span,
                    "the low end of `uniform` is above its high end".into(),
                    "low end first",
                    "write `uniform(lo, hi)` with lo below hi",
                ));
            }
            sample::Dist::Uniform { lo, hi }
        }
        Dist::Pert => {
            let (min, mode, max) = (p[0], p[1], p[2]);
            if !(min <= mode && mode <= max) {
                return Err(bad(
                    span,
                    "`pert` needs min ≤ mode ≤ max".into(),
                    "out of order",
                    "write `pert(min, most likely, max)`",
                ));
            }
            if min == max {
                return Ok(params[0].clone());
            }
            sample::Dist::Pert { min, mode, max }
        }
    };
    Ok(Value::samples(draw(law, stream, sampling)))
}

/// Samples `law` by Latin hypercube where its quantile function is at hand (normal,
/// log-normal, uniform): each of the `n` samples falls in its own one of `n` strata of equal
/// probability, in an order the stream shuffles, so a range's own percentiles are exact to
/// about 1/n and sums and products converge faster than with independent draws; every trial
/// still takes one sample of each range. A PERT is drawn independently.
fn draw(law: sample::Dist, stream: u64, sampling: &Sampling) -> Vec<Number> {
    let n = sampling.samples;
    let mut rng = Rng::new(sampling.seed, stream);
    let mut strata = || stratified(&mut rng, n);
    match law {
        sample::Dist::Normal { mean, sd } => strata()
            .into_iter()
            .map(|u| mean + sd * normal_quantile(u))
            .collect(),
        sample::Dist::LogNormal { mu, sigma } => strata()
            .into_iter()
            .map(|u| (mu + sigma * normal_quantile(u)).exp())
            .collect(),
        sample::Dist::Uniform { lo, hi } => {
            strata().into_iter().map(|u| lo + (hi - lo) * u).collect()
        }
        sample::Dist::Pert { .. } => {
            let mut out = Vec::with_capacity(n);
            law.sample(&mut Rng::new(sampling.seed, stream), n, &mut out);
            out
        }
    }
}

/// `n` numbers in (0, 1), the k-th smallest in the k-th of `n` equal strata, shuffled
/// (Fisher–Yates, with Lemire's unbiased multiply-shift for each index).
fn stratified(rng: &mut Rng, n: usize) -> Vec<Number> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let bound = (i + 1) as u128;
        let j = ((u128::from(rng.next_u64()) * bound) >> 64) as usize;
        order.swap(i, j);
    }
    let width = 1.0 / n as Number;
    order
        .into_iter()
        .map(|k| (k as Number + rng.open_uniform()) * width)
        .collect()
}

/// `x op y`, trial by trial: 1 where it holds, 0 elsewhere. Noise counts as equality, as
/// in `assert`; availabilities compare by what they lack of 1, as in `assert`, so that 13
/// nines beat 12.
pub fn compare(op: CmpOp, x: &Value, y: &Value, availability: bool) -> Value {
    if availability {
        let lacks = |v: &Value| match v.sample_complements() {
            Some(cs) => Value::samples(cs.iter().map(|c| -c).collect()),
            None => Value::scalar(-v.complement()),
        };
        return compare(op, &lacks(x), &lacks(y), false);
    }
    x.zip(y, |l, r| {
        let eq = same(l, r);
        let holds = match op {
            CmpOp::Lt => l < r && !eq,
            CmpOp::Le => l < r || eq,
            CmpOp::Gt => l > r && !eq,
            CmpOp::Ge => l > r || eq,
            CmpOp::Eq | CmpOp::Approx => eq,
        };
        if holds { 1.0 } else { 0.0 }
    })
}

/// A summary of an uncertain value: a certain one is its own percentile, mean and median,
/// and has no spread.
pub fn summarize(
    func: Func,
    args: &[Value],
    spans: &[Span],
    span: Span,
) -> Result<Value, EvalError> {
    let x = &args[0];
    match func {
        Func::P => {
            let q = args[1].point();
            if !(0.0..=1.0).contains(&q) {
                return Err(bad(
                    spans.get(1).copied().unwrap_or(span),
                    format!(
                        "a percentile must lie from 0% to 100%, but this is {}%",
                        q * 100.0
                    ),
                    "out of range",
                    "write e.g. `p(x, 95%)`",
                ));
            }
            // An availability's low percentiles are where it lacks the most of 1.
            Ok(match (x.sample_complements(), x.sample_numbers()) {
                (Some(cs), _) if x.holds_complements() => {
                    Value::complement_of(sample::quantile(&cs, 1.0 - q))
                }
                (_, Some(xs)) => Value::scalar(sample::quantile(&xs, q)),
                _ => x.clone(),
            })
        }
        Func::Median => summarize(Func::P, &[x.clone(), Value::scalar(0.5)], spans, span),
        // An availability's mean keeps its nines: the mean of what the trials lack of 1.
        Func::Mean if x.holds_complements() => Ok(match x.sample_complements() {
            Some(cs) => Value::complement_of(sample::summarize(&cs).mean),
            None => x.clone(),
        }),
        Func::Mean => Ok(match x.sample_numbers() {
            Some(xs) => Value::scalar(sample::summarize(&xs).mean),
            None => x.clone(),
        }),
        Func::Sd => Ok(Value::scalar(match x.sample_numbers() {
            Some(xs) => sample::summarize(&xs).sd,
            None => 0.0,
        })),
        Func::Prob => Ok(Value::scalar(match x.sample_numbers() {
            Some(xs) => xs.iter().sum::<Number>() / xs.len().max(1) as Number,
            None => x.point(),
        })),
        _ => Ok(x.clone()),
    }
}
