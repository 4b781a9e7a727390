//! The arguments of `bote sla`, `bote slo` and `bote numbers`: availability math and the
//! reference numbers, which share a calendar and an output format.

use clap::{Args, ValueEnum};

use super::PrecisionArg;
use crate::cli::config::{self, SlaConfig, SloConfig};

#[derive(Args, Debug)]
pub(super) struct SlaArgs {
    /// Availabilities: `99.95%`, `nines(4)`, `series(99.9%, 99.99%)`, any expression.
    #[arg(value_name = "AVAILABILITY", required_unless_present = "downtime")]
    availabilities: Vec<String>,
    /// A downtime budget as time per period, e.g. `5 min/month`: prints the availability
    /// that allows it. Repeatable.
    #[arg(long, value_name = "TIME/PERIOD")]
    downtime: Vec<String>,
    #[command(flatten)]
    common: ReliabilityArgs,
}

#[derive(Args, Debug)]
pub(super) struct SloArgs {
    /// The SLO target: `99.9%`, `nines(3)`, any expression.
    #[arg(value_name = "TARGET")]
    target: String,
    /// The SLO window: `'28 days'`, `'1 month'`, any expression of the language, or a
    /// duration as alert rules write it: `4w`, `28d`, `6h`, `1h30m`.
    #[arg(long, value_name = "DURATION", default_value = "30 days")]
    window: String,
    /// Total requests in the window: the budget is also shown as failed requests.
    #[arg(long, value_name = "N")]
    requests: Option<String>,
    /// A burn rate: how long the budget lasts at it.
    #[arg(long, value_name = "RATE")]
    burn: Option<String>,
    #[command(flatten)]
    common: ReliabilityArgs,
}

#[derive(Args, Debug)]
pub(super) struct ReliabilityArgs {
    /// The calendar: julian (365.25-day year), gregorian (365.2425), 365 (30-day months,
    /// 90-day quarters, as cloud SLA pages use).
    #[arg(long, value_enum, default_value_t = CalendarName::Julian)]
    calendar: CalendarName,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    #[command(flatten)]
    precision: PrecisionArg,
}

#[derive(Args, Debug)]
pub(super) struct NumbersArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub(super) format: TableFormat,
    #[command(flatten)]
    pub(super) precision: PrecisionArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CalendarName {
    Julian,
    Gregorian,
    #[value(name = "365")]
    Days365,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TableFormat {
    /// Tables for the terminal.
    Table,
    /// One JSON document (see the README).
    Json,
    /// Markdown tables.
    Markdown,
}

impl SlaArgs {
    pub(super) fn into_config(self) -> SlaConfig {
        SlaConfig {
            availabilities: self.availabilities,
            downtime: self.downtime,
            calendar: self.common.calendar.into(),
            format: self.common.format.into(),
            style: self.common.precision.into(),
        }
    }
}

impl SloArgs {
    pub(super) fn into_config(self) -> SloConfig {
        SloConfig {
            target: self.target,
            window: self.window,
            requests: self.requests,
            burn: self.burn,
            calendar: self.common.calendar.into(),
            format: self.common.format.into(),
            style: self.common.precision.into(),
        }
    }
}

impl From<CalendarName> for config::Calendar {
    fn from(name: CalendarName) -> Self {
        match name {
            CalendarName::Julian => config::Calendar::Julian,
            CalendarName::Gregorian => config::Calendar::Gregorian,
            CalendarName::Days365 => config::Calendar::Days365,
        }
    }
}

impl From<TableFormat> for config::TableFormat {
    fn from(format: TableFormat) -> Self {
        match format {
            TableFormat::Table => config::TableFormat::Table,
            TableFormat::Json => config::TableFormat::Json,
            TableFormat::Markdown => config::TableFormat::Markdown,
        }
    }
}
