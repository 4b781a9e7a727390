//! The command line, declared with clap: the only module that knows clap's derive. Doc
//! comments here are the `--help` text. [`Cli::into_config`] turns what clap parsed into the
//! plain [`Config`] that the commands see.

use std::ffi::OsString;
use std::path::PathBuf;

use bote::Style;
use clap::{Args, CommandFactory as _, Parser, Subcommand, ValueEnum};

use super::config::{
    self, CheckConfig, Config, EvalConfig, GenerateConfig, NumbersConfig, ReplConfig, RunConfig,
};
use super::help::{DRILL_HELP, EVAL_HELP, GENERATE_HELP, REPL_HELP, RUN_HELP, SLA_HELP, SLO_HELP};
use super::values::{parse_samples, parse_set, parse_swing};
use drill::DrillArgs;
use fmt::{FMT_HELP, FmtArgs};
use reliability::{NumbersArgs, SlaArgs, SloArgs};
use sweep::SweepArgs;

mod diff;
mod drill;
mod fmt;
mod reliability;
mod sweep;

/// `--precision` when not given.
const DEFAULT_PRECISION: u8 = bote::format::DEFAULT_PRECISION as u8;

#[derive(Parser, Debug)]
#[command(
    name = "bote",
    version,
    about = "Back-of-the-envelope estimates with units: QPS, storage, bandwidth, availability.",
    long_about = "Back-of-the-envelope estimates with units: QPS, storage, bandwidth, availability.\n\n\
        bote evaluates a small unit-aware language, checks every dimension before computing, \
        and shows results in units a person reads at a glance.",
    after_help = "Examples:\n  \
        bote eval '100M * 10 / day -> /s'        11.6K /s\n  \
        bote eval '10K/s * 10 KB -> Mbps'        800 Mbps\n  \
        bote eval '(1 - 99.99%) * 1 year -> min' 52.6 min\n\n  \
        bote run scenarios/photo_sharing.bote    the capacity sheet of a scenario\n  \
        bote check scenarios/*.bote              exit 1 if any assertion fails\n  \
        bote diff plan.bote --set replication=2  what changes, and by how much\n  \
        bote sweep plan.bote --vary dau=100M..1bn --show peak_qps\n                                           \
        a table and a chart of the steps\n  \
        bote fmt scenarios/*.bote                lay the files out canonically\n  \
        bote                                     an interactive session (`bote help repl`)\n\n\
        Run `bote help eval` for the language, `bote help run` for scenario files.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A scenario file (`-`: standard input): `bote FILE` is short for `bote run FILE`.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    sheet: SheetArgs,
    /// When to colour diagnostics: `auto` colours them when standard error is a terminal,
    /// `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate expressions and print each result on its own line.
    #[command(
        long_about = "Evaluate expressions and print each result on its own line.\n\n\
        Each EXPR may hold several statements separated by `;` or newlines; `name = expr` \
        defines a name that other statements use. `-` reads statements from standard input.",
        after_long_help = EVAL_HELP
    )]
    Eval(EvalArgs),
    /// Evaluate a scenario file and print its tables: Inputs, Traffic, Storage, Bandwidth,
    /// Availability, Durations, Other, then its assertions.
    #[command(after_long_help = RUN_HELP)]
    Run(RunArgs),
    /// Evaluate scenario files and check their assertions: exit 0 if all hold, 1 if any
    /// fails, 2 on an input error. For CI: `--format junit` for test reports.
    Check(CheckArgs),
    /// Compare two capacity plans, or a plan with itself under --set overrides: the
    /// assertions that flip and every value that changes, with its ratio.
    #[command(after_long_help = diff::DIFF_HELP)]
    Diff(diff::DiffArgs),
    /// Downtime that availabilities allow per day, week, month, quarter and year; or, with
    /// --downtime, the availability that a downtime budget allows.
    #[command(after_long_help = SLA_HELP)]
    Sla(SlaArgs),
    /// An SLO's error budget over a window, how long it lasts at a burn rate, and the
    /// multiwindow burn-rate alerts of the Google SRE workbook.
    #[command(after_long_help = SLO_HELP)]
    Slo(SloArgs),
    /// The reference numbers estimates lean on (latencies, throughputs, capacities), each
    /// usable by name in any expression, with its source and year.
    Numbers(NumbersArgs),
    /// Practice estimating: questions from scenarios and reference numbers, answered with
    /// units (`500K/s`), graded (within 10%, within 2×, or off by how much) and worked out.
    #[command(after_long_help = DRILL_HELP)]
    Drill(DrillArgs),
    /// A scenario at each step of an input (a table and a line chart per value) or of two (a
    /// grid), and the break-even where a condition first holds (`--until`).
    Sweep(SweepArgs),
    /// Rewrite scenario files in the canonical layout: one statement a line, one space around
    /// operators, `=` and trailing comments aligned in each block. The meaning is checked to
    /// be unchanged. --check: a diff, and exit 1, for each file that is not formatted.
    #[command(after_long_help = FMT_HELP)]
    Fmt(FmtArgs),
    /// Shell completions and the man page, generated from this command line.
    #[command(after_long_help = GENERATE_HELP)]
    Generate(GenerateArgs),
    /// An interactive session: define names, redefine them and everything that depends on
    /// them is recomputed; `:save` writes it as a scenario file. `bote` alone on a terminal
    /// starts one.
    #[command(after_long_help = REPL_HELP)]
    Repl(ReplArgs),
}

#[derive(Args, Debug)]
struct ReplArgs {
    #[command(flatten)]
    precision: PrecisionArg,
    #[command(flatten)]
    sampling: SamplingArg,
}

#[derive(Args, Debug)]
struct GenerateArgs {
    #[command(subcommand)]
    what: Generated,
}

#[derive(Subcommand, Debug)]
enum Generated {
    /// A completion script for a shell, on standard output.
    Completions {
        #[arg(value_enum)]
        shell: ShellName,
    },
    /// The man page, in roff, on standard output.
    Man,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ShellName {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

// `--precision`, shared by every command that shows numbers. (A `//` comment: a `///` one
// would become the description of a command that flattens it.)
#[derive(Args, Debug)]
pub(super) struct PrecisionArg {
    /// Significant digits in displayed numbers (1 to 15).
    #[arg(long, default_value_t = DEFAULT_PRECISION, value_parser = clap::value_parser!(u8).range(1..=15))]
    precision: u8,
}

// `--samples` and `--seed`, for the commands that evaluate scenarios with ranges.
#[derive(Args, Debug)]
pub(super) struct SamplingArg {
    /// Monte Carlo samples of each uncertain value (`lo to hi`, `normal(…)`): 100 to
    /// 10,000,000, written `100000`, `100K`, `1M` or `1e6`.
    #[arg(long, value_name = "N", default_value = "10000", value_parser = parse_samples)]
    samples: u64,
    /// Seed of the random numbers: the same file, seed and sample count give the same output.
    #[arg(long, value_name = "N", default_value_t = bote::sample::DEFAULT_SEED)]
    seed: u64,
}

impl From<SamplingArg> for bote::Sampling {
    fn from(arg: SamplingArg) -> Self {
        bote::Sampling {
            samples: usize::try_from(arg.samples).unwrap_or(bote::sample::MAX_SAMPLES),
            seed: arg.seed,
            keep_samples: false,
        }
    }
}

#[derive(Args, Debug)]
struct RunArgs {
    /// The scenario file; `-` reads it from standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    sheet: SheetArgs,
}

#[derive(Args, Debug)]
struct SheetArgs {
    /// Override a definition, e.g. `--set dau=1bn`; everything that depends on it is
    /// recomputed. Repeatable.
    #[arg(long = "set", value_name = "NAME=EXPR", value_parser = parse_set)]
    set: Vec<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SheetFormat::Table)]
    format: SheetFormat,
    /// Show each value's worked steps in a `steps` column: the formula, the values it uses
    /// substituted, the numbers worked out and the conversions spelled (`/ day` as
    /// `/ 86,400 s`), then the value. JSON gains each value's `steps`.
    #[arg(long)]
    explain: bool,
    /// Beside each value, the answer a candidate would give: the program worked out again
    /// in a rough calendar (1 day = 10^5 s; a week 7 such days, a month 30, a quarter 90, a
    /// year 365; hours and minutes exact), at two significant digits, and how far it is from
    /// the exact value in whole percent. The rules are printed under the tables.
    #[arg(long)]
    rough: bool,
    #[command(flatten)]
    precision: PrecisionArg,
    #[command(flatten)]
    sampling: SamplingArg,
    /// After the tables, a histogram of an uncertain value's samples, marked at its 5th,
    /// 50th and 95th percentiles. Repeatable.
    #[arg(long, value_name = "NAME")]
    plot: Vec<String>,
    /// After the tables, which uncertain inputs explain most of NAME's spread: each one's
    /// share, from squared rank correlations.
    #[arg(long, value_name = "NAME")]
    sensitivity: Option<String>,
    /// After the tables, how far NAME moves when each input moves down and up by --swing (an
    /// uncertain input: to its 5th and 95th percentiles), largest first.
    #[arg(long, value_name = "NAME")]
    tornado: Option<String>,
    /// How far --tornado moves each certain input, as a percentage.
    #[arg(long, value_name = "PCT", default_value = "20%", value_parser = parse_swing)]
    swing: f64,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Scenario files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Override a definition in each file that defines it, e.g. `--set dau=1bn`; a name no
    /// file defines is an error. Repeatable.
    #[arg(long = "set", value_name = "NAME=EXPR", value_parser = parse_set)]
    set: Vec<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    #[command(flatten)]
    sampling: SamplingArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CheckFormat {
    /// A line per file and a summary.
    Text,
    /// One JSON document for all files (see the README).
    Json,
    /// JUnit XML: a testsuite per file, a testcase per assertion.
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SheetFormat {
    /// Tables for the terminal.
    Table,
    /// One JSON document (schema 1, or 2 with ranges; see the README).
    Json,
    /// Markdown tables, for design docs and pull requests.
    Markdown,
    /// One CSV row per value.
    Csv,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// Expressions to evaluate; `-` reads standard input. An expression that starts with `-`
    /// goes after `--`: `bote eval -- '-5 GB + 10 GB'`.
    #[arg(value_name = "EXPR", required = true)]
    exprs: Vec<String>,
    /// Show how each value is worked out, a line a step: the formula, the values it uses
    /// substituted, the numbers worked out and the conversions spelled (`/ day` as
    /// `/ 86,400 s`), then the value. JSON gains each value's `steps`.
    #[arg(long)]
    explain: bool,
    /// Beside each value, the answer a candidate would give: the program worked out again
    /// in a rough calendar (1 day = 10^5 s; a week 7 such days, a month 30, a quarter 90, a
    /// year 365; hours and minutes exact), at two significant digits, and how far it is from
    /// the exact value in whole percent. Prints `≈ 10K /s (exact 11.6K /s, −14%)`.
    #[arg(long)]
    rough: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args, Debug)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    precision: PrecisionArg,
    #[command(flatten)]
    sampling: SamplingArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Human-readable text.
    Text,
    /// A JSON array, one object per result.
    Json,
}

impl Cli {
    /// What the command line asks for, without clap's types.
    pub fn into_config(self) -> Config {
        let color = match self.color {
            ColorWhen::Auto => config::Color::Auto,
            ColorWhen::Always => config::Color::Always,
            ColorWhen::Never => config::Color::Never,
        };
        let command = match (self.command, self.file) {
            (Some(Command::Eval(args)), _) => config::Command::Eval(args.into_config()),
            (Some(Command::Run(args)), _) => {
                config::Command::Run(args.sheet.into_config(args.file))
            }
            (Some(Command::Check(args)), _) => config::Command::Check(CheckConfig {
                files: args.files,
                set: args.set,
                format: match args.format {
                    CheckFormat::Text => config::CheckFormat::Text,
                    CheckFormat::Json => config::CheckFormat::Json,
                    CheckFormat::Junit => config::CheckFormat::Junit,
                },
                sampling: args.sampling.into(),
            }),
            (Some(Command::Diff(args)), _) => config::Command::Diff(args.into_config()),
            (Some(Command::Sla(args)), _) => config::Command::Sla(args.into_config()),
            (Some(Command::Slo(args)), _) => config::Command::Slo(args.into_config()),
            (Some(Command::Numbers(args)), _) => config::Command::Numbers(NumbersConfig {
                format: args.format.into(),
                style: args.precision.into(),
            }),
            (Some(Command::Drill(args)), _) => config::Command::Drill(args.into_config()),
            (Some(Command::Sweep(args)), _) => config::Command::Sweep(args.into_config()),
            (Some(Command::Fmt(args)), _) => config::Command::Fmt(args.into_config()),
            (Some(Command::Generate(args)), _) => config::Command::Generate(match args.what {
                Generated::Completions { shell } => GenerateConfig::Completions(match shell {
                    ShellName::Bash => config::Shell::Bash,
                    ShellName::Zsh => config::Shell::Zsh,
                    ShellName::Fish => config::Shell::Fish,
                    ShellName::Powershell => config::Shell::Powershell,
                    ShellName::Elvish => config::Shell::Elvish,
                }),
                Generated::Man => GenerateConfig::Man,
            }),
            (Some(Command::Repl(args)), _) => config::Command::Repl(ReplConfig {
                style: args.precision.into(),
                sampling: args.sampling.into(),
            }),
            (None, Some(file)) => config::Command::Run(self.sheet.into_config(file)),
            (None, None) if self.sheet.is_about_a_file() => config::Command::Usage,
            (None, None) => config::Command::Alone(ReplConfig {
                style: self.sheet.precision.into(),
                sampling: self.sheet.sampling.into(),
            }),
        };
        Config { command, color }
    }
}

/// The command line of this process as a plain config; on `--help`, `--version` or a usage
/// error clap prints and exits, as every clap program does.
pub fn parse_args() -> Config {
    Cli::parse_from(color_after_command(std::env::args_os().collect())).into_config()
}

/// `bote --color never eval 1` as `bote eval --color never 1`: clap refuses a top-level
/// argument before a subcommand (the top level takes `bote FILE` and its options), so a
/// `--color` given there is moved after the subcommand's name.
fn color_after_command(args: Vec<OsString>) -> Vec<OsString> {
    // Building clap's command to learn the subcommands' names costs a third of a
    // millisecond: only a line with `--color` pays it.
    let color = |a: &OsString| a.to_str().is_some_and(|a| a.starts_with("--color"));
    if !args.iter().any(color) {
        return args;
    }
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(["help".to_string()])
        .collect();
    let is_command = |a: &OsString| a.to_str().is_some_and(|a| commands.iter().any(|c| c == a));
    let Some(command) = args.iter().skip(1).position(is_command).map(|i| i + 1) else {
        return args;
    };
    let (mut out, mut moved) = (Vec::new(), Vec::new());
    let mut head = args[..command].iter().cloned();
    while let Some(arg) = head.next() {
        match arg.to_str() {
            Some("--color") => {
                moved.push(arg);
                moved.extend(head.next());
            }
            Some(a) if a.starts_with("--color=") => moved.push(arg),
            _ => out.push(arg),
        }
    }
    out.push(args[command].clone());
    out.extend(moved);
    out.extend(args[command + 1..].iter().cloned());
    out
}

/// The completion script for `shell`, generated from the command line's definition.
pub fn completions(shell: config::Shell) -> Vec<u8> {
    let generator = match shell {
        config::Shell::Bash => clap_complete::Shell::Bash,
        config::Shell::Zsh => clap_complete::Shell::Zsh,
        config::Shell::Fish => clap_complete::Shell::Fish,
        config::Shell::Powershell => clap_complete::Shell::PowerShell,
        config::Shell::Elvish => clap_complete::Shell::Elvish,
    };
    let mut text = Vec::new();
    clap_complete::generate(generator, &mut Cli::command(), "bote", &mut text);
    text
}

/// The man page (roff), generated from the command line's definition.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut text = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut text)?;
    Ok(text)
}

impl From<PrecisionArg> for Style {
    fn from(arg: PrecisionArg) -> Style {
        Style::with_precision(usize::from(arg.precision))
    }
}

impl EvalArgs {
    fn into_config(self) -> EvalConfig {
        EvalConfig {
            exprs: self.exprs,
            work: bote::report::Work {
                steps: self.explain,
                rough: self.rough,
            },
            format: match self.output.format {
                Format::Text => config::EvalFormat::Text,
                Format::Json => config::EvalFormat::Json,
            },
            style: self.output.precision.into(),
            sampling: self.output.sampling.into(),
        }
    }
}

impl SheetArgs {
    /// Whether an option was given that only a scenario file gives a meaning to (`bote --set
    /// x=1` with no FILE): `--precision`, `--samples` and `--seed` serve `bote` alone too.
    fn is_about_a_file(&self) -> bool {
        !self.set.is_empty()
            || self.format != SheetFormat::Table
            || self.explain
            || !self.plot.is_empty()
            || self.sensitivity.is_some()
            || self.tornado.is_some()
    }

    fn into_config(self, file: PathBuf) -> RunConfig {
        RunConfig {
            file,
            set: self.set,
            format: match self.format {
                SheetFormat::Table => config::SheetFormat::Table,
                SheetFormat::Json => config::SheetFormat::Json,
                SheetFormat::Markdown => config::SheetFormat::Markdown,
                SheetFormat::Csv => config::SheetFormat::Csv,
            },
            explain: self.explain,
            rough: self.rough,
            style: self.precision.into(),
            sampling: bote::Sampling {
                // Histograms and sensitivities read every trial.
                keep_samples: !self.plot.is_empty() || self.sensitivity.is_some(),
                ..self.sampling.into()
            },
            explore: config::Explore {
                plot: self.plot,
                sensitivity: self.sensitivity,
                tornado: self.tornado,
                swing: self.swing,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_before_a_command_moves_after_it() {
        let args = |line: &str| line.split(' ').map(OsString::from).collect::<Vec<_>>();
        let moved = |line: &str| {
            let out = color_after_command(args(line));
            out.iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            moved("bote --color never eval 1"),
            "bote eval --color never 1"
        );
        assert_eq!(
            moved("bote --color=always run x.bote"),
            "bote run --color=always x.bote"
        );
        assert_eq!(
            moved("bote eval --color never 1"),
            "bote eval --color never 1"
        );
        assert_eq!(
            moved("bote --color never x.bote"),
            "bote --color never x.bote"
        );
    }
}
