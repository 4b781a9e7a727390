//! The reliability and reference commands: `bote sla`, `bote slo`, `bote numbers`. The library
//! builds their reports (`bote::report::{sla, slo, numbers}`); this module prints them as a
//! sheet (table or Markdown) or JSON.

use bote::conventions::Conventions;
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::json;
use bote::render::{self, Sheet};
use bote::report::numbers;
use bote::report::sla::{self, SlaRequest};
use bote::report::slo::{self, SloRequest};

use crate::app::{EXIT_OK, print_input_error, table_width};
use crate::cli::{NumbersArgs, ReliabilityArgs, SlaArgs, SloArgs, TableFormat};

/// Prints failed assertions; exit 1 if there were any.
fn assertion_code(failures: &[Diagnostic], sources: &SourceMap) -> u8 {
    for d in failures {
        eprint!("{}", d.render(sources, crate::app::stderr_color()));
    }
    if failures.is_empty() {
        EXIT_OK
    } else {
        crate::app::EXIT_FAILED
    }
}

fn print_sheet(sheet: &Sheet, format: TableFormat) {
    match format {
        TableFormat::Markdown => print!("{}", render::markdown(sheet)),
        _ => print!("{}", render::table(sheet, table_width())),
    }
}

pub fn sla(args: SlaArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let precision = usize::from(precision);
    let mut sources = SourceMap::default();
    let request = SlaRequest {
        availabilities: args.availabilities,
        downtime: args.downtime,
        calendar: Conventions::named(calendar.name()).unwrap_or_default(),
        precision,
    };
    let report = match sla::build(&request, &mut sources) {
        Ok(report) => report,
        Err(d) => return print_input_error(&d, &sources, format == TableFormat::Json),
    };
    if format == TableFormat::Json {
        println!("{}", json::sla(&report));
    } else {
        print_sheet(&render::sla_sheet(&report, precision), format);
    }
    assertion_code(&report.failures, &sources)
}

pub fn slo(args: SloArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let precision = usize::from(precision);
    let mut sources = SourceMap::default();
    let request = SloRequest {
        target: args.target,
        window: args.window,
        requests: args.requests,
        burn: args.burn,
        calendar: Conventions::named(calendar.name()).unwrap_or_default(),
        precision,
    };
    let report = match slo::build(&request, &mut sources) {
        Ok(report) => report,
        Err(d) => return print_input_error(&d, &sources, format == TableFormat::Json),
    };
    if format == TableFormat::Json {
        println!("{}", json::slo(&report));
    } else {
        print_sheet(&render::slo_sheet(&report, precision), format);
    }
    assertion_code(&report.failures, &sources)
}

pub fn numbers(args: NumbersArgs) -> u8 {
    let report = numbers::build(usize::from(args.precision));
    if args.format == TableFormat::Json {
        println!("{}", json::numbers(&report));
    } else {
        print_sheet(&render::numbers_sheet(&report), args.format);
    }
    EXIT_OK
}
