//! Monte Carlo sampling for uncertain values: `dau = 300M to 700M` is a 90% interval, and a
//! program with ranges is evaluated over vectors of samples, one vector a value. This module
//! owns everything about those vectors that is not evaluation: the generator ([`Rng`], a named
//! and stable one, so that a seed gives the same estimate on every machine and in every
//! version), the distributions a range can mean ([`Dist`]), and what is shown of a vector
//! ([`Summary`], [`quantile`]) and of how much each input contributes to an output's spread
//! ([`rank_correlation`], [`sensitivity`]). It is pure: no I/O, no global state; the caller
//! picks the seed and gives each range its own stream.
//!
//! - `rng`: xoshiro256++ seeded by SplitMix64, uniforms, and normals by Marsaglia's polar
//!   method.
//! - `dist`: normal, uniform, log-normal and Beta-PERT samples (gammas by Marsaglia–Tsang).
//! - `stats`: percentiles by selection, not sorting; moments; Spearman correlation.

mod dist;
mod rng;
mod stats;

pub use dist::Dist;
pub use rng::Rng;
pub use stats::{Summary, explained, quantile, rank_correlation, sensitivity, summarize};

/// Samples per value when a scenario has ranges and `--samples` is not given: a 5th or 95th
/// percentile then has a standard error of 0.02 standard deviations (0.5% of the value for
/// `300M to 700M`), below the two or three significant digits an estimate shows.
pub const DEFAULT_SAMPLES: usize = 10_000;

/// Largest `--samples` accepted (memory: 8 bytes a sample a live value, so 80 MB each).
pub const MAX_SAMPLES: usize = 10_000_000;

/// The seed when none is given: every run of a scenario shows the same numbers.
pub const DEFAULT_SEED: u64 = 1;
