//! The `bote` binary: parses the command line and hands it to the `cli` layer. All estimation
//! lives in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run(cli::parse_args())
}
