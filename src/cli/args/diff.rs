//! The arguments of `bote diff`: two capacity plans compared, or one with itself under
//! `--set` overrides.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{PrecisionArg, SamplingArg};
use crate::cli::config::{self, DiffConfig};
use crate::cli::values::parse_set;

pub(super) const DIFF_HELP: &str = "\
The after side is AFTER, or FILE itself when only --set is given; --set always applies to the
after side. Values are matched by name (an expression statement by its text), assertions by
their text, each text as `bote fmt` lays it out (spacing does not count, every token does).

A value has changed when it differs by more than one part in 10^12 (the same figure reached
by arithmetic in another order is not a change). An uncertain value (`lo to hi`) has changed
when either end of its 90% range has, or when its median has by more than sampling error:
two standard errors of the difference of the sampled medians, the standard error of each
taken as its interquartile range over the square root of --samples. So `10 to 20` and
`5 to 40`, whose medians are both √200, read `same median, wider 90% range`.

The change column: `×0.667 (−33.3%)`, the ratio of the values (of the medians, for a range);
an availability in percentage points and the ratio of the downtime it allows
(`+0.05 pp (downtime ×0.5)`); a percentage in points (`+1 pp (×1.5)`); below zero, the
signed difference and the ratio of the magnitudes (`−2 (magnitude ×2)` from -2 to -4); across
zero, the difference (`+4 (changes sign)`); `from 0`; `same median, wider 90% range`;
`was a size, now a rate`; `added`, `removed`.

Exit status: 0 whatever changed (a failed assertion is reported, not an error), or 1 with
--fail-on-change when a value or an assertion's result changed, or one was added or removed;
2 on an input error in either file, or a --set of a name the after side does not define.

Examples:
  bote diff plan.bote --set replication=2           one assumption changed
  bote diff old.bote new.bote                       two versions of a plan
  bote diff old.bote new.bote --format markdown     for a pull request
  bote diff old.bote new.bote --fail-on-change      in CI: exit 1 if it moved
  git show main:plan.bote | bote diff - plan.bote   committed vs edited";

#[derive(Args, Debug)]
pub(super) struct DiffArgs {
    /// The plan before (`-`: standard input).
    #[arg(value_name = "FILE")]
    before: PathBuf,
    /// The plan after; without it, FILE with the --set overrides.
    #[arg(value_name = "AFTER")]
    after: Option<PathBuf>,
    /// Override a definition of the after side, e.g. `--set replication=2`; everything that
    /// depends on it is recomputed. Repeatable.
    #[arg(long = "set", value_name = "NAME=EXPR", value_parser = parse_set)]
    set: Vec<(String, String)>,
    /// List the unchanged values and assertions too.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    /// Exit 1 when anything changed: a value, an assertion's result, or one added or removed.
    #[arg(long)]
    fail_on_change: bool,
    #[command(flatten)]
    precision: PrecisionArg,
    #[command(flatten)]
    sampling: SamplingArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DiffFormat {
    /// Tables for the terminal.
    Table,
    /// One JSON document (see the README).
    Json,
    /// Markdown for a pull request: a summary sentence, then the tables.
    Markdown,
    /// One CSV row per value listed, then one per assertion.
    Csv,
}

impl DiffArgs {
    pub(super) fn into_config(self) -> DiffConfig {
        DiffConfig {
            before: self.before,
            after: self.after,
            set: self.set,
            all: self.all,
            format: match self.format {
                DiffFormat::Table => config::SheetFormat::Table,
                DiffFormat::Json => config::SheetFormat::Json,
                DiffFormat::Markdown => config::SheetFormat::Markdown,
                DiffFormat::Csv => config::SheetFormat::Csv,
            },
            fail_on_change: self.fail_on_change,
            style: self.precision.into(),
            sampling: self.sampling.into(),
        }
    }
}
