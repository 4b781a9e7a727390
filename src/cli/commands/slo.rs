//! `bote slo TARGET [--window …] [--requests …] [--burn …]`: the library builds the report
//! ([`bote::report::slo`]); this prints it as a sheet or JSON.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render;
use bote::render::json;
use bote::report::slo::{self, SloRequest};

use super::sheet_text;
use crate::cli::config::{SloConfig, TableFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: SloConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == TableFormat::Json;
    let mut sources = SourceMap::default();
    let request = SloRequest {
        target: config.target,
        window: config.window,
        requests: config.requests,
        burn: config.burn,
        calendar: config.calendar.conventions(),
        style: config.style,
    };
    let report = match slo::build(&request, &mut sources) {
        Ok(report) => report,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    if as_json {
        out.write_line(&json::slo(&report))?;
    } else {
        let sheet = render::slo_sheet(&report, &config.style);
        out.write(&sheet_text(&sheet, config.format, out.width()))?;
    }
    out.failures(&report.failures, &sources)
}
