//! Formatting: choosing a readable unit for a value and rounding it to significant digits.
//! Every output format (text, table, JSON, Markdown, CSV) shows numbers through this module.
//!
//! The rules, one per dimension, deterministic unless the user converted:
//! - plain numbers and rates of things: scale suffixes `K`, `M`, `bn`, `T` (never `B`, which
//!   means bytes), rates per second (`11.6K /s`), or per minute, hour, day or year when less
//!   than one a second;
//! - information: decimal bytes (`10.96 PB`);
//! - data rates: bits and bytes per second (`800 Mbps (100 MB/s)`);
//! - durations: the largest unit that keeps the number at least 1 (`52.6 min`);
//! - availabilities: a percentage with enough digits that it never rounds up to 100%, and
//!   its number of nines (`99.95% (3.3 nines)`).

mod availability;
mod machine;
mod money;
mod range;

use crate::grammar;
use crate::ir::ResolvedTarget;
use crate::quantity::ladders::{self, Rung};
use crate::quantity::{Conventions, Dimension, Kind, ValueKind};
use crate::value::{Number, Value};
pub use availability::nines_text;
use availability::{availability, availability_percent};
pub use machine::{for_machines, machine_text};
use money::{cost, money};
pub use range::{Percentiles, group_thousands, rates, show_uncertain, spread};

/// How a value is shown: the number in the chosen unit, the unit, and the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub value: Number,
    pub unit: String,
    pub text: String,
}

/// How numbers are rounded: the one formatting parameter every output format passes down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Significant digits (1 to 15).
    pub precision: usize,
    pub rounding: Rounding,
}

/// How a number is cut to its precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Rounding {
    /// To `precision` significant digits, half away from zero, never dropping an integer
    /// digit.
    #[default]
    Significant,
}

pub const DEFAULT_PRECISION: usize = 3;

impl Style {
    pub const fn with_precision(precision: usize) -> Self {
        Style {
            precision,
            rounding: Rounding::Significant,
        }
    }
}

/// The number shapes of the tables, at this style's precision.
impl Style {
    /// A number: `1074`, `11.6`, `1.5e18`.
    pub fn number(&self, v: Number) -> String {
        number_text(v, self.precision)
    }

    /// A plain count with a scale suffix: `11.6K`, `1.5bn`.
    pub fn count(&self, v: Number) -> String {
        count_text(v, self.precision)
    }

    /// An availability as a percentage without the `%`, never rounded up to 100: `99.95`.
    /// `unavailability` is what it lacks of 1, kept apart (1 − 1e-20 is 1 in floating point).
    pub fn availability_percent(&self, fraction: Number, unavailability: Number) -> String {
        availability_percent(fraction, unavailability, self.precision)
    }

    /// An availability with its nines: `99.95% (3.3 nines)`, `100% (no downtime)`.
    pub fn availability(&self, fraction: Number, unavailability: Number) -> Shown {
        availability(fraction, unavailability, self.precision)
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::with_precision(DEFAULT_PRECISION)
    }
}

/// What a value's units mean in the program it came from: the calendar in force (how long a
/// year is) and the count units it declared.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    pub conventions: &'a Conventions,
    pub count_units: &'a [String],
}

/// Shows a value as a person would read it: [`show`], except that an availability keeps
/// what it lacks of 1, so that its nines survive (`nines(20)`).
pub fn show_value(
    value: &Value,
    dim: Dimension,
    kind: ValueKind,
    target: Option<&ResolvedTarget>,
    frame: &Frame,
    style: &Style,
) -> Shown {
    if let Some(p) = Percentiles::of(value)
        && let Some(shown) = show_uncertain(&p, dim, kind, target, frame, style)
    {
        return shown;
    }
    if Kind::of(dim, kind) == Kind::Availability {
        let (fraction, unavailability) = (value.point(), value.complement());
        match target {
            None => return style.availability(fraction, unavailability),
            Some(ResolvedTarget::Percent) => {
                let percent = style.availability_percent(fraction, unavailability);
                return Shown {
                    value: fraction * 100.0,
                    unit: "%".into(),
                    text: format!("{percent}%"),
                };
            }
            Some(ResolvedTarget::Unit { .. }) => {}
        }
    }
    show(value.point(), dim, kind, target, frame, style)
}

/// Shows a number in base units as a person would read it.
pub fn show(
    number: Number,
    dim: Dimension,
    kind: ValueKind,
    target: Option<&ResolvedTarget>,
    frame: &Frame,
    style: &Style,
) -> Shown {
    let p = style.precision;
    match target {
        Some(ResolvedTarget::Percent) => return percent(number, p),
        Some(ResolvedTarget::Unit { factor, text, dim }) => {
            let v = number / factor;
            if let Some(per) = text.strip_prefix('$') {
                // `-> $/month`: `$20K /month`.
                return money(v, per, p);
            }
            if let Some(per) = text.strip_prefix('%') {
                // An input written `20% / year`, in hundredths: `20% /year`.
                return Shown {
                    value: v,
                    unit: text.clone(),
                    text: format!("{}% {}", fraction_text(v, p), after_number(per)),
                };
            }
            let n = if dim.is_countlike() || dim.money() != 0 {
                count_text(v, p)
            } else {
                number_text(v, p)
            };
            let unit = grammar::unit_for(&n, text);
            return Shown {
                value: v,
                text: format!("{n} {unit}"),
                unit,
            };
        }
        None => {}
    }
    // The display rule follows the value's kind: the same classification that picks its table.
    match Kind::of(dim, kind) {
        Kind::Availability => availability(number, crate::value::complement(number), p),
        Kind::Percent => percent(number, p),
        Kind::Cost => cost(number, dim, frame, p),
        Kind::Count if dim.is_none() => Shown {
            value: number,
            unit: String::new(),
            text: plain_count_text(number, p),
        },
        Kind::Storage => scaled(number, ladders::BYTES, p),
        Kind::Duration => duration(number, frame.conventions, style),
        Kind::Bandwidth => {
            let bits = bit_rate(number, style);
            let bytes = byte_rate(number, style);
            Shown {
                text: format!("{} ({})", bits.text, bytes.text),
                ..bits
            }
        }
        // Counts of declared units, their rates, and rates per time squared.
        _ if dim.is_countlike() => count_rate(number, dim, frame, style),
        _ => {
            let unit = dim.base_unit(frame.count_units);
            Shown {
                value: number,
                text: format!("{} {}", number_text(number, p), after_number(&unit)),
                unit,
            }
        }
    }
}

/// A fraction as a percentage: `25%`, `99.8%`.
/// A plain count, or an amount: below 10,000 every digit (3473 servers, not 3.47K), unless
/// the short form loses nothing (1500 is 1.5K); above, a scale suffix.
fn plain_count_text(v: Number, p: usize) -> String {
    if v.abs() < 1e4 && !(v.abs() >= 1e3 && round_sig(v, p) == v) {
        fraction_text(v, p)
    } else {
        count_text(v, p)
    }
}

/// Just above 100% is never shown as `100%`: `100.1%`.
/// A fraction too large to hold as a percentage (past 1.8e306) is shown as the plain number it
/// is, never as `inf%`.
fn percent(fraction: Number, p: usize) -> Shown {
    let v = fraction * 100.0;
    if !v.is_finite() {
        return Shown {
            value: fraction,
            unit: String::new(),
            text: number_text(fraction, p),
        };
    }
    let mut text = fraction_text(v, p);
    let mut digits = p;
    while v > 100.0 && text == "100" && digits < 17 {
        digits += 1;
        text = number_text(v, digits);
    }
    Shown {
        value: v,
        unit: "%".into(),
        text: format!("{text}%"),
    }
}

/// A data rate in bits per second: `800 Mbps`.
pub fn bit_rate(bytes_per_second: Number, style: &Style) -> Shown {
    scaled(bytes_per_second, ladders::BIT_RATES, style.precision)
}

/// A data rate in bytes per second: `100 MB/s`.
pub fn byte_rate(bytes_per_second: Number, style: &Style) -> Shown {
    scaled(bytes_per_second, ladders::BYTE_RATES, style.precision)
}

/// Is `value`, rounded as it will be shown, at least 1? Units are chosen by what is shown:
/// 3595 s is `59.9 min`, never `0.999 h`; 999.97 MB is `1 GB`.
fn shows_at_least_one(value: Number, p: usize) -> bool {
    // Below 0.5 nothing rounds up to 1 at any precision (the most a digit can gain is half
    // of the first), so the logarithm is taken only near 1: a ladder is walked from its top.
    let value = value.abs();
    value >= 0.5 && round_sig(value, p) >= 1.0
}

fn scaled(number: Number, units: &[Rung], p: usize) -> Shown {
    let (unit, factor) = units
        .iter()
        .rev()
        .find(|(_, f)| shows_at_least_one(number / f, p))
        .or(units.first())
        .copied()
        .unwrap_or(("", 1.0));
    let v = number / factor;
    Shown {
        value: v,
        unit: unit.to_string(),
        text: format!("{} {unit}", number_text(v, p)),
    }
}

/// A duration in the largest unit that keeps the number at least 1: `52.6 min`.
pub fn duration(seconds: Number, conventions: &Conventions, style: &Style) -> Shown {
    let units = ladders::durations(conventions);
    let (one, many, factor) = units
        .iter()
        .rev()
        .find(|(_, _, f)| shows_at_least_one(seconds / f, style.precision))
        .copied()
        .unwrap_or(if seconds == 0.0 { units[3] } else { units[0] });
    let v = seconds / factor;
    let n = number_text(v, style.precision);
    let unit = if n == "1" { one } else { many };
    Shown {
        value: v,
        unit: unit.to_string(),
        text: format!("{n} {unit}"),
    }
}

/// Rates of things: per second with a scale suffix, or per a longer period when less than one
/// a second.
fn count_rate(number: Number, dim: Dimension, frame: &Frame, style: &Style) -> Shown {
    let p = style.precision;
    // The part without time: `req` in req/s, empty for a plain rate.
    let (things, time_exp) = match dim.times(Dimension::TIME) {
        Some(d) if dim.time() == -1 => (d, -1),
        _ => (dim, dim.time()),
    };
    if time_exp != -1 {
        let unit = dim.base_unit(frame.count_units);
        let unit = if things == Dimension::NONE {
            String::new()
        } else {
            unit
        };
        let n = count_text(number, p);
        return Shown {
            value: number,
            text: if unit.is_empty() {
                n
            } else {
                format!("{n} {}", after_number(&unit))
            },
            unit,
        };
    }
    let prefix = if things.is_none() {
        String::new()
    } else {
        things.base_unit(frame.count_units)
    };
    let periods = ladders::rate_periods(frame.conventions);
    // The shortest period with at least one; below one a year, per year (`0.5 /year`).
    let (period, seconds) = periods
        .iter()
        .find(|(_, s)| shows_at_least_one(number * s, p))
        .or(periods.last())
        .copied()
        .unwrap_or(("s", 1.0));
    let (period, seconds) = if number == 0.0 {
        ("s", 1.0)
    } else {
        (period, seconds)
    };
    let v = number * seconds;
    let unit = format!("{prefix}/{period}");
    Shown {
        value: v,
        text: format!("{} {unit}", count_text(v, p)),
        unit,
    }
}

/// A unit as written after a number: `5 /s^2`, not `5 1/s^2` (which reads as 5 × 1/s²
/// without an operator, and does not parse).
fn after_number(unit: &str) -> &str {
    if unit.starts_with("1/") {
        &unit[1..]
    } else {
        unit
    }
}

/// Rounds to `p` significant digits, integer digits included (333 to 2 digits is 330).
pub fn round_sig(x: Number, p: usize) -> Number {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = x.abs().log10().floor() as i32 + 1;
    let scale = 10f64.powi(p as i32 - digits);
    if !scale.is_finite() || scale == 0.0 {
        return x;
    }
    (x * scale).round() / scale
}

/// A plain number with a scale suffix: `11.6K`, `1.5bn`, `0.25`.
fn count_text(v: Number, p: usize) -> String {
    let a = round_sig(v.abs(), p);
    if a >= 1e15 {
        return number_text(v, p);
    }
    for &(suffix, scale) in ladders::COUNT_SUFFIXES {
        if shows_at_least_one(a / scale, p) {
            return format!("{}{suffix}", number_text(v / scale, p));
        }
    }
    fraction_text(v, p)
}

/// Like [`number_text`], but a fraction just under 1 or a percentage just under 100 keeps
/// `p - 1` significant digits of what it lacks: `0.9994` (not `0.999`) for 0.99940005, and
/// `99.9999999` (never `100`) for 99.9999999.
fn fraction_text(v: Number, p: usize) -> String {
    let a = v.abs();
    let whole = if (0.9..1.0).contains(&a) {
        1.0
    } else if (90.0..100.0).contains(&a) {
        100.0
    } else {
        return number_text(v, p);
    };
    let text = complement_text(whole, whole - a, p);
    if v < 0.0 { format!("-{text}") } else { text }
}

/// `whole - missing` written out digit by digit from the rounded `missing`, so that the
/// figure can never round up to `whole` and carries no binary noise: 1 − 1e-9 is exactly
/// `0.999999999`. `whole` is 1 or 100; `missing` is above zero.
fn complement_text(whole: Number, missing: Number, p: usize) -> String {
    // Noise from the subtraction that produced `missing` lies beyond 12 digits.
    let unrounded = missing;
    let missing = round_sig(missing, 12);
    let digits = (p.max(2) - 1) as i32;
    let min_decimals = if whole == 1.0 { p as i32 } else { p as i32 - 2 };
    let decimals = (digits - 1 - missing.log10().floor() as i32).max(min_decimals);
    if decimals > MAX_DECIMALS {
        // Beyond 36 decimals, a written-out difference: `(100 - 1e-298)`.
        return format!("({whole} - {})", number_text(missing, digits as usize));
    }
    let decimals = decimals.max(0) as u32;
    let scale = 10u128.pow(decimals);
    // Rounded once, from the number as given: rounding the 12-digit form again would round
    // 1.03310971004663 up to 1.0331097101 at 11 digits (its 12th digit became a 5). Only a
    // number within noise of a half takes the 12-digit form's side (0.0125 held as
    // 0.012499999999999956 rounds up, as written).
    let raw = unrounded * scale as f64;
    let scaled = if ((raw - raw.trunc()) - 0.5).abs() <= raw * 1e-12 {
        missing * scale as f64
    } else {
        raw
    };
    // At least 1 by the choice of `decimals`; whole × scale ≤ 100 × 10^36 fits in a u128.
    let lacking = (scaled.round() as u128).max(1);
    let total = (whole as u128) * scale - lacking.min((whole as u128) * scale);
    let text = if decimals == 0 {
        total.to_string()
    } else {
        format!(
            "{}.{:0width$}",
            total / scale,
            total % scale,
            width = decimals as usize
        )
    };
    trim_zeros(&text).to_string()
}

/// The most decimals [`complement_text`] writes out.
const MAX_DECIMALS: i32 = 36;

/// `v` with exactly `decimals` decimals, rounded half away from zero after dropping
/// floating-point noise beyond 15 significant digits (4687.499999999999 is 4687.5, shown 4688).
fn fixed(v: Number, decimals: usize) -> String {
    let clean = round_sig(v, 15);
    let scale = 10f64.powi(decimals as i32);
    let rounded = (clean * scale).round() / scale;
    let rounded = if rounded.is_finite() { rounded } else { clean };
    format!("{rounded:.decimals$}")
}

/// A number rounded to `p` significant digits, keeping every integer digit (`1074`, not
/// `1070`), in scientific notation when very large or small.
fn number_text(v: Number, p: usize) -> String {
    let p = p.clamp(1, 17);
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-4..1e15).contains(&a) {
        let s = format!("{:.*e}", p - 1, v);
        return match s.split_once('e') {
            Some((mantissa, exp)) => format!("{}e{exp}", trim_zeros(mantissa)),
            None => s,
        };
    }
    let int_digits = a.log10().floor() as i32 + 1;
    let decimals = (p as i32 - int_digits).max(0) as usize;
    trim_zeros(&fixed(v, decimals)).to_string()
}

/// A number with at most `decimals` decimals, trailing zeros dropped; never `-0`.
pub fn number_text_fixed(v: Number, decimals: usize) -> String {
    let text = trim_zeros(&format!("{v:.decimals$}")).to_string();
    if text == "-0" { "0".into() } else { text }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits() {
        assert_eq!(number_text(11574.07, 3), "11574");
        assert_eq!(number_text(11.57407, 3), "11.6");
        assert_eq!(number_text(1073.741824, 3), "1074");
        assert_eq!(fraction_text(0.999999999, 3), "0.999999999");
        assert_eq!(fraction_text(99.9999999, 3), "99.9999999");
        assert_eq!(fraction_text(99.95, 3), "99.95");
        assert_eq!(count_text(0.9999, 3), "0.9999");
        assert_eq!(fraction_text(0.99940005, 3), "0.9994");
        assert_eq!(number_text(4687.499999999999, 3), "4688");
        assert_eq!(count_text(93749.99999999999, 3), "93.8K");
        assert_eq!(number_text(2.5, 1), "3");
        assert_eq!(number_text(0.5, 3), "0.5");
        assert_eq!(number_text(1e-7, 3), "1e-7");
        assert_eq!(number_text(1.5e18, 3), "1.5e18");
        assert_eq!(number_text(-2.5, 3), "-2.5");
        assert_eq!(count_text(11574.07, 3), "11.6K");
        assert_eq!(count_text(999_999.0, 3), "1M");
        assert_eq!(count_text(1e9, 3), "1bn");
        assert_eq!(count_text(42.0, 3), "42");
    }

    fn style_show(number: Number, dim: Dimension) -> String {
        let c = Conventions::default();
        let frame = Frame {
            conventions: &c,
            count_units: &[],
        };
        show(
            number,
            dim,
            ValueKind::Plain,
            None,
            &frame,
            &Style::default(),
        )
        .text
    }

    #[test]
    fn units_by_dimension() {
        let per_s = Dimension::NONE.per(Dimension::TIME).unwrap();
        assert_eq!(style_show(11574.07, per_s), "11.6K /s");
        assert_eq!(style_show(1.0 / 86400.0, per_s), "1 /day");
        assert_eq!(style_show(1.09575e16, Dimension::INFORMATION), "11 PB");
        assert_eq!(style_show(999.97e6, Dimension::INFORMATION), "1 GB");
        assert_eq!(style_show(1e8, Dimension::DATA_RATE), "800 Mbps (100 MB/s)");
        assert_eq!(style_show(3155.76, Dimension::TIME), "52.6 min");
        assert_eq!(style_show(86400.0, Dimension::TIME), "1 day");
        assert_eq!(style_show(5.0 * 31_557_600.0, Dimension::TIME), "5 years");
        assert_eq!(style_show(0.0, Dimension::TIME), "0 s");
        assert_eq!(style_show(2.5e-4, Dimension::TIME), "250 µs");
        assert_eq!(style_show(1e8, Dimension::NONE), "100M");
        assert_eq!(style_show(3595.0, Dimension::TIME), "59.9 min");
        assert_eq!(style_show(59.96, Dimension::TIME), "60 s");
        assert_eq!(
            style_show(1.245e8, Dimension::DATA_RATE),
            "996 Mbps (125 MB/s)"
        );
        assert_eq!(style_show(0.5 / 31_557_600.0, per_s), "0.5 /year");
        assert_eq!(style_show(3472.2, Dimension::NONE), "3472");
        assert_eq!(style_show(12_345.0, Dimension::NONE), "12.3K");
    }

    fn avail(fraction: Number) -> String {
        availability(fraction, crate::value::complement(fraction), 3).text
    }

    #[test]
    fn availabilities_never_round_to_100() {
        assert_eq!(avail(0.999999999), "99.9999999% (9 nines)");
        assert_eq!(avail(0.9995), "99.95% (3.3 nines)");
        assert_eq!(avail(0.998741), "99.87% (2.9 nines)");
        assert_eq!(avail(1.0 - 10f64.powf(-3.5)), "99.968% (3.5 nines)");
        assert_eq!(avail(0.5), "50% (0.3 nines)");
        assert_eq!(avail(0.999), "99.9% (3 nines)");
        assert_eq!(avail(1.0), "100% (no downtime)");
        assert_eq!(avail(0.0), "0%");
        assert_eq!(avail(1e-300), "1e-298% (0 nines)");
        // 1 - 1e-16 is stored as 1 - 1.11e-16, and means 16 nines.
        assert_eq!(avail(1.0 - 1e-16), "99.99999999999999% (16 nines)");
        assert_eq!(
            availability(1.0, 1e-20, 3).text,
            "99.999999999999999999% (20 nines)"
        );
        assert_eq!(
            availability(1.0, 1e-300, 3).text,
            "(100 - 1e-298)% (300 nines)"
        );
        assert_eq!(availability_percent(0.9995, 0.0005, 15), "99.95");
        assert_eq!(availability_percent(0.9999, 0.0001, 14), "99.99");
        assert_eq!(number_text_fixed(-1e-17, 1), "0");
    }
}
