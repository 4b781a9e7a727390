//! What an availability allows: its downtime per day, week, month, quarter and year.

use crate::quantity::Conventions;
use crate::reliability;
use crate::value::Number;

/// Downtime an availability allows, per period, in seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Downtime {
    pub day: Number,
    pub week: Number,
    pub month: Number,
    pub quarter: Number,
    pub year: Number,
}

impl Downtime {
    /// The downtime an availability that lacks `unavailability` of 1 allows.
    pub fn of(unavailability: Number, c: &Conventions) -> Downtime {
        let down = |period| reliability::downtime(unavailability, period);
        Downtime {
            day: down(c.day_s),
            week: down(c.week_s()),
            month: down(c.month_s),
            quarter: down(c.quarter_s),
            year: down(c.year_s),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AvailabilityReport {
    pub fraction: Number,
    /// What it lacks of 1, exact where the fraction rounds to 1 (`nines(20)`).
    pub unavailability: Number,
    /// `None` for exactly 100%.
    pub nines: Option<Number>,
    pub downtime: Downtime,
    /// For an uncertain availability: the downtime its 95th and its 5th percentile allow
    /// (the least and the most); `downtime` is the median's.
    pub downtime_range: Option<(Downtime, Downtime)>,
}
