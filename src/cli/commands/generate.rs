//! `bote generate completions SHELL` and `bote generate man`: written from the clap
//! definition of the command line, so that they never fall out of step with it.

use std::io;

use crate::cli::args;
use crate::cli::config::GenerateConfig;
use crate::cli::output::{Exit, Output};

/// Writes what `config` asks for.
pub fn run(config: GenerateConfig, out: &mut Output) -> io::Result<Exit> {
    // Generated in memory, so that a failed write reaches `Output` and is reported there.
    let text = match config {
        GenerateConfig::Completions(shell) => args::completions(shell),
        GenerateConfig::Man => args::man_page()?,
    };
    out.write(&String::from_utf8_lossy(&text))?;
    Ok(Exit::Ok)
}
