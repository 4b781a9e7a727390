//! `bote generate completions SHELL` and `bote generate man`: written from the clap
//! definition of the command line, so that they never fall out of step with it.

use std::io;

use clap_complete::Shell as Generator;
use clap_mangen::Man;

use crate::cli::config::{GenerateConfig, Shell};
use crate::cli::output::{Exit, Output};

/// Writes what `config` asks for, describing `command`, the whole command line.
pub fn run(
    config: GenerateConfig,
    mut command: clap::Command,
    out: &mut Output,
) -> io::Result<Exit> {
    // Generated in memory, so that a failed write reaches `Output` and is reported there.
    let mut text = Vec::new();
    match config {
        GenerateConfig::Completions(shell) => {
            let generator = match shell {
                Shell::Bash => Generator::Bash,
                Shell::Zsh => Generator::Zsh,
                Shell::Fish => Generator::Fish,
                Shell::Powershell => Generator::PowerShell,
                Shell::Elvish => Generator::Elvish,
            };
            clap_complete::generate(generator, &mut command, "bote", &mut text);
        }
        GenerateConfig::Man => Man::new(command).render(&mut text)?,
    }
    out.write(&String::from_utf8_lossy(&text))?;
    Ok(Exit::Ok)
}
