//! The command-line layer: everything that knows about processes. [`args`] declares the
//! command line with clap and turns it into a plain [`config::Config`]; [`commands`] holds
//! one module per command, which calls the library; [`output`] is the only code that writes
//! to standard output and standard error, and [`output::Exit`] the only source of exit
//! codes. [`run`] dispatches a config to its command and turns a failed write into an exit.
//!
//! Dependencies run one way: `run` → `commands` → `output`, `config`; `args` → `config`;
//! `commands::generate` → `args` (the completions and man page come from clap's definition).

mod args;
mod commands;
mod config;
mod help;
mod output;
mod values;

use std::process::ExitCode;

pub use args::parse_args;
use config::{Command, Config};
use output::{Exit, Output};

/// What `bote` prints on standard error when given options that need a FILE, and none.
const USAGE: &str = "error: --set, --format, --explain, --plot, --sensitivity and --tornado need a FILE\n\nUsage: bote [OPTIONS] FILE\n       bote eval EXPR…\n       bote            (an interactive session)\n\nFor more information, try '--help'.\n";

/// Runs a command. A closed pipe on standard output ends it quietly with 141, as SIGPIPE
/// would; any other failed write is an error, exit 2.
pub fn run(config: Config) -> ExitCode {
    let mut out = Output::standard(config.color);
    let result = match config.command {
        Command::Eval(c) => commands::eval::run(c, &mut out),
        Command::Run(c) => commands::run::run(c, &mut out),
        Command::Check(c) => commands::check::run(c, &mut out),
        Command::Diff(c) => commands::diff::run(c, &mut out),
        Command::Sla(c) => commands::sla::run(c, &mut out),
        Command::Slo(c) => commands::slo::run(c, &mut out),
        Command::Numbers(c) => commands::numbers::run(c, &mut out),
        Command::Drill(c) => commands::drill::run(c, &mut out),
        Command::Sweep(c) => commands::sweep::run(c, &mut out),
        Command::Fmt(c) => commands::fmt::run(c, &mut out),
        Command::Generate(c) => commands::generate::run(c, &mut out),
        Command::Repl(c) => commands::repl::run(c, &mut out),
        Command::Alone(c) => commands::repl::alone(c, &mut out),
        Command::Usage => out.write_err(USAGE).map(|()| Exit::Input),
    };
    let exit = match result.and_then(|exit| out.flush().map(|()| exit)) {
        Ok(exit) => exit,
        Err(error) => out.write_failed(&error),
    };
    exit.into()
}
