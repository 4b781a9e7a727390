//! Calendar conventions: how long a day, week, month, quarter and year are.
//!
//! Published nines tables disagree because each assumes a different year. bote states its
//! convention once, here, as data; a scenario or a flag may pick another named calendar or
//! override one length, and the conventions in force are printed with every table.

use crate::value::Number;

pub const MINUTE_S: Number = 60.0;
pub const HOUR_S: Number = 3_600.0;
pub const DAY_S: Number = 86_400.0;
pub const WEEK_S: Number = 7.0 * DAY_S;

/// A named calendar: lengths in days.
pub struct Calendar {
    pub name: &'static str,
    pub year_days: Number,
    /// `None`: a twelfth of the year.
    pub month_days: Option<Number>,
    /// `None`: a quarter of the year.
    pub quarter_days: Option<Number>,
    /// A few words for error messages.
    pub about: &'static str,
}

/// The named calendars. The first is the default.
pub static CALENDARS: &[Calendar] = &[
    Calendar {
        name: "julian",
        year_days: 365.25,
        month_days: None,
        quarter_days: None,
        about: "365.25-day year, as the common nines tables",
    },
    Calendar {
        name: "gregorian",
        year_days: 365.2425,
        month_days: None,
        quarter_days: None,
        about: "365.2425-day year",
    },
    Calendar {
        name: "365",
        year_days: 365.0,
        month_days: Some(30.0),
        quarter_days: Some(90.0),
        about: "365-day year, 30-day months, 90-day quarters, as cloud SLA pages",
    },
];

/// The conventions in force for one evaluation, in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conventions {
    pub year_s: Number,
    pub month_s: Number,
    pub quarter_s: Number,
    /// 86,400 s, except in the rough calendar; a week is seven of them.
    pub day_s: Number,
    /// The rough calendar of `--rough` (see [`Conventions::rough`]), which a program's
    /// `calendar` statements leave as it is.
    pub rough: bool,
}

/// The rough calendar: a day of 10^5 s, as candidates round 86,400 s in an interview, and
/// the longer periods counted in those days. Hours and minutes stay exact: 3,600 s is as easy
/// to work with as any rounding of it.
pub const ROUGH_DAY_S: Number = 1e5;
pub const ROUGH_MONTH_DAYS: Number = 30.0;
/// Three rough months.
pub const ROUGH_QUARTER_DAYS: Number = 90.0;
pub const ROUGH_YEAR_DAYS: Number = 365.0;

impl Conventions {
    /// The rough calendar (see [`ROUGH_DAY_S`]): a year is 3.65 × 10^7 s.
    pub fn rough() -> Self {
        Conventions {
            year_s: ROUGH_YEAR_DAYS * ROUGH_DAY_S,
            month_s: ROUGH_MONTH_DAYS * ROUGH_DAY_S,
            quarter_s: ROUGH_QUARTER_DAYS * ROUGH_DAY_S,
            day_s: ROUGH_DAY_S,
            rough: true,
        }
    }

    pub fn week_s(&self) -> Number {
        7.0 * self.day_s
    }

    pub fn from_calendar(cal: &Calendar) -> Self {
        let derived = Conventions::with_year(cal.year_days * DAY_S);
        Conventions {
            month_s: cal.month_days.map_or(derived.month_s, |d| d * DAY_S),
            quarter_s: cal.quarter_days.map_or(derived.quarter_s, |d| d * DAY_S),
            ..derived
        }
    }

    /// A year of the given length, its month a twelfth and its quarter a fourth.
    pub fn with_year(year_s: Number) -> Self {
        Conventions {
            year_s,
            month_s: year_s / 12.0,
            quarter_s: year_s / 4.0,
            day_s: DAY_S,
            rough: false,
        }
    }

    pub fn named(name: &str) -> Option<Self> {
        CALENDARS
            .iter()
            .find(|c| c.name == name)
            .map(Conventions::from_calendar)
    }

    /// One line for the foot of a table, e.g.
    /// `year = 365.25 days, month = 30.44 days, quarter = 91.31 days, week = 7 days, day = 86400 s`.
    pub fn describe(&self) -> String {
        let days = |s: Number| trim_float(s / self.day_s);
        format!(
            "year = {} days, month = {} days, quarter = {} days, week = 7 days, day = {} s",
            days(self.year_s),
            days(self.month_s),
            days(self.quarter_s),
            trim_float(self.day_s)
        )
    }
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions::from_calendar(&CALENDARS[0])
    }
}

fn trim_float(x: Number) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The lengths a unit may take from the conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarUnit {
    Month,
    Quarter,
    Year,
}

impl CalendarUnit {
    pub fn name(self) -> &'static str {
        match self {
            CalendarUnit::Month => "month",
            CalendarUnit::Quarter => "quarter",
            CalendarUnit::Year => "year",
        }
    }

    pub fn seconds(self, c: &Conventions) -> Number {
        match self {
            CalendarUnit::Month => c.month_s,
            CalendarUnit::Quarter => c.quarter_s,
            CalendarUnit::Year => c.year_s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rough_calendar_counts_rough_days() {
        let rough = Conventions::rough();
        assert_eq!(rough.day_s, 1e5);
        assert_eq!(rough.week_s(), 7e5);
        assert_eq!(rough.month_s, 3e6);
        assert_eq!(rough.quarter_s, 9e6);
        assert_eq!(rough.year_s, 3.65e7);
        let days = crate::quantity::units::lookup("days").unwrap();
        assert_eq!(days.factor(&rough), 1e5);
        assert_eq!(days.factor(&Conventions::default()), DAY_S);
        let hours = crate::quantity::units::lookup("h").unwrap();
        assert_eq!(hours.factor(&rough), HOUR_S);
    }

    #[test]
    fn julian_is_default() {
        let c = Conventions::default();
        assert_eq!(c.year_s, 31_557_600.0);
        assert_eq!(c.month_s, 2_629_800.0);
        assert_eq!(c.quarter_s, 7_889_400.0);
        let c365 = Conventions::named("365").unwrap();
        assert_eq!(c365.month_s, 2_592_000.0);
        assert_eq!(c365.year_s, 31_536_000.0);
        assert_eq!(
            c.describe(),
            "year = 365.25 days, month = 30.4375 days, quarter = 91.3125 days, week = 7 days, day = 86400 s"
        );
    }
}
