//! The arguments of `bote drill`: practice questions from scenarios and reference numbers.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::PrecisionArg;
use crate::cli::config::{self, DrillConfig};

#[derive(Args, Debug)]
pub(super) struct DrillArgs {
    /// Scenario files to draw questions from; without any, the scenarios built into bote and
    /// the reference numbers of `bote numbers`.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Ask only for reference numbers ("SSD random read?").
    #[arg(long, conflicts_with = "files")]
    numbers: bool,
    /// How many questions.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    count: u16,
    /// Seed of the question order: the same seed asks the same questions in the same order.
    /// Without it, one is chosen and shown.
    #[arg(long, value_name = "SEED")]
    seed: Option<u64>,
    /// Output format: a transcript, or (for answers piped in) one JSON document.
    #[arg(long, value_enum, default_value_t = DrillFormat::Text)]
    format: DrillFormat,
    #[command(flatten)]
    precision: PrecisionArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DrillFormat {
    /// Questions, grades and worked answers, as you go.
    Text,
    /// One JSON document: each question, answer, grade and time.
    Json,
}

impl DrillArgs {
    pub(super) fn into_config(self) -> DrillConfig {
        DrillConfig {
            files: self.files,
            numbers_only: self.numbers,
            count: usize::from(self.count),
            seed: self.seed,
            format: match self.format {
                DrillFormat::Text => config::DrillFormat::Text,
                DrillFormat::Json => config::DrillFormat::Json,
            },
            style: self.precision.into(),
        }
    }
}
