//! `bote numbers`: the reference numbers, as a sheet or JSON.

use std::io;

use bote::render;
use bote::render::json;
use bote::report::numbers;

use super::sheet_text;
use crate::cli::config::{NumbersConfig, TableFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: NumbersConfig, out: &mut Output) -> io::Result<Exit> {
    let report = numbers::build(&config.style);
    if config.format == TableFormat::Json {
        out.write_line(&json::numbers(&report))?;
    } else {
        let sheet = render::numbers_sheet(&report);
        out.write(&sheet_text(&sheet, config.format, out.width()))?;
    }
    Ok(Exit::Ok)
}
