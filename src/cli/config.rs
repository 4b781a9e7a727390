//! What each command is asked to do, as plain values: [`super::args`] builds them from the
//! command line, and the commands see nothing else. No clap types here.

use std::path::PathBuf;

use bote::quantity::conventions::Conventions;
use bote::report::Work;
use bote::{Sampling, Style};

pub struct Config {
    pub command: Command,
    pub color: Color,
}

/// `--color`: when diagnostics are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When standard error is a terminal, `NO_COLOR` is unset or empty and `TERM` is not
    /// `dumb`.
    Auto,
    Always,
    Never,
}

pub enum Command {
    Eval(EvalConfig),
    /// `bote run FILE`, or `bote FILE`.
    Run(RunConfig),
    Check(CheckConfig),
    Diff(DiffConfig),
    Sla(SlaConfig),
    Slo(SloConfig),
    Numbers(NumbersConfig),
    Drill(DrillConfig),
    Sweep(SweepConfig),
    /// `bote fmt FILE…`.
    Fmt(FmtConfig),
    Generate(GenerateConfig),
    /// `bote repl`: an interactive session.
    Repl(ReplConfig),
    /// `bote` alone: a session on a terminal, else statements from standard input.
    Alone(ReplConfig),
    /// `bote` with options that need a FILE, and none: a short usage, and exit 2.
    Usage,
}

/// `bote sweep`: a scenario at each step of one or two inputs, or a break-even.
pub struct SweepConfig {
    pub file: PathBuf,
    pub request: bote::sweep::Request,
    pub set: Vec<(String, String)>,
    pub format: SheetFormat,
    pub style: Style,
    pub sampling: Sampling,
}

/// How a session's values are computed and shown.
pub struct ReplConfig {
    pub style: Style,
    pub sampling: Sampling,
}

pub struct EvalConfig {
    /// Each is a source of statements; `-` is standard input.
    pub exprs: Vec<String>,
    pub format: EvalFormat,
    /// `--explain` and `--rough`: each value's worked steps and rough figure.
    pub work: Work,
    pub style: Style,
    pub sampling: Sampling,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalFormat {
    Text,
    Json,
}

pub struct RunConfig {
    pub file: PathBuf,
    /// `--set NAME=EXPR` overrides, in order.
    pub set: Vec<(String, String)>,
    pub format: SheetFormat,
    pub explain: bool,
    /// `--rough`: each value's rough figure beside it.
    pub rough: bool,
    pub style: Style,
    pub sampling: Sampling,
    pub explore: Explore,
}

/// The charts `run` draws after its tables.
#[derive(Clone, Debug, Default)]
pub struct Explore {
    /// `--plot NAME`, in order.
    pub plot: Vec<String>,
    pub sensitivity: Option<String>,
    pub tornado: Option<String>,
    /// `--swing`, as a fraction.
    pub swing: f64,
}

impl Explore {
    pub fn any(&self) -> bool {
        !self.plot.is_empty() || self.sensitivity.is_some() || self.tornado.is_some()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Table,
    Json,
    Markdown,
    Csv,
}

pub struct CheckConfig {
    pub files: Vec<PathBuf>,
    /// `--set NAME=EXPR` overrides, each applied to the files that define its name.
    pub set: Vec<(String, String)>,
    pub format: CheckFormat,
    pub sampling: Sampling,
}

/// What `bote check` prints on standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// A line per file and a summary.
    Text,
    Json,
    Junit,
}

/// `bote diff BEFORE [AFTER] [--set NAME=EXPR]…`.
pub struct DiffConfig {
    pub before: PathBuf,
    /// `None`: the before file again, with the overrides.
    pub after: Option<PathBuf>,
    /// `--set NAME=EXPR` overrides of the after side, in order.
    pub set: Vec<(String, String)>,
    /// `--all`: list the unchanged values too.
    pub all: bool,
    pub format: SheetFormat,
    /// `--fail-on-change`: exit 1 when anything changed.
    pub fail_on_change: bool,
    pub style: Style,
    pub sampling: Sampling,
}

pub struct SlaConfig {
    pub availabilities: Vec<String>,
    /// `--downtime` budgets.
    pub downtime: Vec<String>,
    pub calendar: Calendar,
    pub format: TableFormat,
    pub style: Style,
}

pub struct SloConfig {
    pub target: String,
    pub window: String,
    pub requests: Option<String>,
    pub burn: Option<String>,
    pub calendar: Calendar,
    pub format: TableFormat,
    pub style: Style,
}

pub struct NumbersConfig {
    pub format: TableFormat,
    pub style: Style,
}

pub struct DrillConfig {
    /// Scenarios to ask about; none: the built-in library and the reference numbers.
    pub files: Vec<PathBuf>,
    /// `--numbers`: reference numbers only.
    pub numbers_only: bool,
    pub count: usize,
    /// `None`: chosen from the clock, and shown.
    pub seed: Option<u64>,
    pub format: DrillFormat,
    pub style: Style,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrillFormat {
    Text,
    Json,
}

pub struct FmtConfig {
    /// The files to format; `-` is standard input, formatted to standard output.
    pub files: Vec<PathBuf>,
    /// `--check`: write nothing, show a diff of each file that would change.
    pub check: bool,
}

/// What `bote generate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenerateConfig {
    Completions(Shell),
    /// The man page, `bote.1`.
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// The output of the commands that print one sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Table,
    Json,
    Markdown,
}

/// `--calendar`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    Julian,
    Gregorian,
    Days365,
}

impl Calendar {
    /// Its name in the library's calendar table.
    fn name(self) -> &'static str {
        match self {
            Calendar::Julian => "julian",
            Calendar::Gregorian => "gregorian",
            Calendar::Days365 => "365",
        }
    }

    pub fn conventions(self) -> Conventions {
        Conventions::named(self.name()).unwrap_or_default()
    }
}
