//! `bote sla AVAILABILITY… [--downtime TIME/PERIOD]…`: the library builds the report
//! ([`bote::report::sla`]); this prints it as a sheet or JSON.

use std::io;

use bote::diagnostic::SourceMap;
use bote::render;
use bote::render::json;
use bote::report::sla::{self, SlaRequest};

use super::sheet_text;
use crate::cli::config::{SlaConfig, TableFormat};
use crate::cli::output::{Exit, Output};

pub fn run(config: SlaConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == TableFormat::Json;
    let mut sources = SourceMap::default();
    let request = SlaRequest {
        availabilities: config.availabilities,
        downtime: config.downtime,
        calendar: config.calendar.conventions(),
        style: config.style,
    };
    let report = match sla::build(&request, &mut sources) {
        Ok(report) => report,
        Err(d) => return out.input_error(&d, &sources, as_json),
    };
    if as_json {
        out.write_line(&json::sla(&report))?;
    } else {
        let sheet = render::sla_sheet(&report, &config.style);
        out.write(&sheet_text(&sheet, config.format, out.width()))?;
    }
    out.failures(&report.failures, &sources)
}
