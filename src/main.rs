//! The `bote` binary: parses the command line and prints. All estimation lives in the library.

mod app;
mod cli;
mod tools;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    ExitCode::from(app::run(cli))
}
