//! The arguments of `bote sweep`: a scenario at each step of one input or two, and the
//! break-even where a condition first holds.

use std::path::PathBuf;

use bote::sweep::{MAX_STEPS, Vary};
use clap::{Args, ValueEnum};

use super::{PrecisionArg, SamplingArg};
use crate::cli::config::{self, SweepConfig};
use crate::cli::values::parse_set;

/// `bote help sweep`, after the options.
const SWEEP_HELP: &str = "\
How a sweep works:
  The scenario is read and checked once, with the input set to each end of its range (both
  ends must have the input's dimension: `--vary 'photo=1 MB..5 MB'`, not `1..5`). Each step
  then puts a number in place of the input and evaluates the scenario again; nothing is
  read twice. Steps include both ends; --log spaces them by a constant factor.

  One --vary prints a table, one row per step, and a line chart of each shown value
  (Braille characters, no colour; the x axis is the input's steps, logarithmic with --log).
  Two --vary print a grid per shown value: the first input down, the second across.
  Without --show, every value that depends on the varied inputs is shown, and none is
  charted.

Break-even (--until):
  `--until 'peak_qps > 1M /s'` finds where the condition starts to hold along the input: at
  the steps first, then by bisection between the first step where it holds and the one
  before, to 12 significant digits, shown at --precision. It says so when the condition
  holds at the start of the range already, or at none of the steps. A condition that holds
  between two steps and at neither (a `ceil` can do that) is not seen: more --steps look
  closer. The condition is an `assert`'s: summarise an uncertain value in it as `assert`
  does (`p(peak_qps, 95%) > 1M /s`).

Examples:
  bote sweep scenarios/photo_sharing.bote --vary dau=100M..1bn --show total_storage
  bote sweep scenarios/photo_sharing.bote --vary dau=100M..10bn --steps 5 --log
  bote sweep scenarios/photo_sharing.bote --vary retention='1 year..10 years' --show total_storage
  bote sweep scenarios/photo_sharing.bote --vary dau=100M..1bn --vary replication=2..4 \\
      --steps 3 --show total_storage
  bote sweep scenarios/photo_sharing.bote --vary dau=100M..10bn --until 'peak_view_qps > 1M /s'
  bote sweep scenarios/photo_sharing.bote --vary dau=100M..1bn --format csv > sweep.csv";

#[derive(Args, Debug)]
#[command(after_long_help = SWEEP_HELP)]
pub(super) struct SweepArgs {
    /// The scenario file; `-` reads it from standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The input to vary and its range, NAME=LO..HI: each end an expression of the language
    /// (`dau=100M..1bn`, `retention='1 year..10 years'`). Give it twice for a grid.
    #[arg(long, value_name = "NAME=LO..HI", required = true, value_parser = Vary::parse)]
    vary: Vec<Vary>,
    /// Steps of each input, both ends included.
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u16).range(2..=MAX_STEPS as i64))]
    steps: u16,
    /// Space the steps geometrically (100M, 129M, 167M, …), for a range over orders of
    /// magnitude.
    #[arg(long)]
    log: bool,
    /// The values to show, by name, comma-separated (`--show peak_qps,total_storage`);
    /// without it, every value that depends on the varied inputs.
    #[arg(long, value_name = "NAME,…", value_delimiter = ',')]
    show: Vec<String>,
    /// Find where a condition first holds along the input (one --vary), by bisection:
    /// `--until 'peak_qps > 1M /s'`.
    #[arg(long, value_name = "CONDITION")]
    until: Option<String>,
    /// Override a definition, e.g. `--set replication=2`, at every step. Repeatable.
    #[arg(long = "set", value_name = "NAME=EXPR", value_parser = parse_set)]
    set: Vec<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Table)]
    format: SweepFormat,
    #[command(flatten)]
    precision: PrecisionArg,
    #[command(flatten)]
    sampling: SamplingArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SweepFormat {
    /// A table and a line chart per shown value; a grid per value for two inputs.
    Table,
    /// An array with one object per step, each value keyed by name (see the README).
    Json,
    /// Markdown tables, without charts.
    Markdown,
    /// One row per step: each value in base units and as shown.
    Csv,
}

impl SweepArgs {
    pub(super) fn into_config(self) -> SweepConfig {
        SweepConfig {
            file: self.file,
            request: bote::sweep::Request {
                vary: self.vary,
                steps: usize::from(self.steps),
                log: self.log,
                show: self
                    .show
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .collect(),
                until: self.until,
            },
            set: self.set,
            format: match self.format {
                SweepFormat::Table => config::SheetFormat::Table,
                SweepFormat::Json => config::SheetFormat::Json,
                SweepFormat::Markdown => config::SheetFormat::Markdown,
                SweepFormat::Csv => config::SheetFormat::Csv,
            },
            style: self.precision.into(),
            sampling: self.sampling.into(),
        }
    }
}
