//! Physical dimensions as a small fixed vector of integer exponents.
//!
//! The base dimensions are time, information, money (one currency, `$`), and up to
//! [`MAX_COUNT_UNITS`] count units a scenario declares with `unit NAME`. Plain counts (users, requests) are dimensionless unless
//! declared, so `100M / day` has dimension 1/Time.

use std::fmt::Write as _;

/// How many `unit NAME` declarations one program may make.
pub const MAX_COUNT_UNITS: usize = 6;
const LEN: usize = FIRST_COUNT + MAX_COUNT_UNITS;
const TIME: usize = 0;
const INFORMATION: usize = 1;
const MONEY: usize = 2;
const FIRST_COUNT: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Dimension([i8; LEN]);

impl Dimension {
    pub const NONE: Dimension = Dimension([0; LEN]);
    pub const TIME: Dimension = Dimension::base(TIME);
    pub const INFORMATION: Dimension = Dimension::base(INFORMATION);
    pub const MONEY: Dimension = Dimension::base(MONEY);
    /// Things per time: requests per second.
    pub const PER_TIME: Dimension = {
        let mut exps = [0; LEN];
        exps[TIME] = -1;
        Dimension(exps)
    };
    /// Information per time: what `bps` and `MB/s` measure.
    pub const DATA_RATE: Dimension = {
        let mut exps = [0; LEN];
        exps[INFORMATION] = 1;
        exps[TIME] = -1;
        Dimension(exps)
    };

    const fn base(index: usize) -> Dimension {
        let mut exps = [0; LEN];
        exps[index] = 1;
        Dimension(exps)
    }

    /// The dimension of the `index`-th declared count unit.
    pub fn count(index: usize) -> Option<Dimension> {
        (index < MAX_COUNT_UNITS).then(|| Dimension::base(FIRST_COUNT + index))
    }

    pub fn is_none(self) -> bool {
        self == Dimension::NONE
    }

    pub fn time(self) -> i8 {
        self.0[TIME]
    }

    pub fn information(self) -> i8 {
        self.0[INFORMATION]
    }

    pub fn money(self) -> i8 {
        self.0[MONEY]
    }

    /// True when only count units (or nothing) appear with a positive exponent and time appears
    /// only in the denominator: counts, rates of counts, plain numbers. These are the values that
    /// are shown with K/M/bn/T suffixes.
    pub fn is_countlike(self) -> bool {
        self.information() == 0 && self.money() == 0 && self.time() <= 0
    }

    fn zip(self, other: Dimension, f: impl Fn(i8, i8) -> Option<i8>) -> Option<Dimension> {
        let mut out = [0; LEN];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = f(self.0[i], other.0[i])?;
        }
        Some(Dimension(out))
    }

    /// `None` when an exponent leaves the i8 range (only reachable through absurd powers).
    pub fn times(self, other: Dimension) -> Option<Dimension> {
        self.zip(other, i8::checked_add)
    }

    pub fn per(self, other: Dimension) -> Option<Dimension> {
        self.zip(other, i8::checked_sub)
    }

    /// Raises to a rational power `num/den`; `None` when an exponent would not be an integer.
    pub fn pow(self, num: i64, den: i64) -> Option<Dimension> {
        let mut out = [0; LEN];
        for (slot, &e) in out.iter_mut().zip(self.0.iter()) {
            let scaled = i64::from(e).checked_mul(num)?;
            if den == 0 || scaled % den != 0 {
                return None;
            }
            *slot = i8::try_from(scaled / den).ok()?;
        }
        Some(Dimension(out))
    }

    /// A human name built from the base dimension names, e.g. `Information/Time`, `1/Time`,
    /// `Number` for dimensionless.
    pub fn describe(self, count_units: &[String]) -> String {
        self.compose(|i| match i {
            TIME => "Time".to_string(),
            INFORMATION => "Information".to_string(),
            MONEY => "Money".to_string(),
            _ => count_units
                .get(i - FIRST_COUNT)
                .cloned()
                .unwrap_or_else(|| "?".into()),
        })
        .unwrap_or_else(|| "Number".to_string())
    }

    /// The base unit in which JSON reports values: `s`, `B`, `B/s`, `1/s`, `1`, `req/s`…
    pub fn base_unit(self, count_units: &[String]) -> String {
        self.compose(|i| match i {
            TIME => "s".to_string(),
            INFORMATION => "B".to_string(),
            MONEY => "$".to_string(),
            _ => count_units
                .get(i - FIRST_COUNT)
                .cloned()
                .unwrap_or_else(|| "?".into()),
        })
        .unwrap_or_else(|| "1".to_string())
    }

    /// `num*num/den*den` with `^n` for exponents other than one; `None` when dimensionless.
    fn compose(self, name: impl Fn(usize) -> String) -> Option<String> {
        if self.is_none() {
            return None;
        }
        // Money, then information, then time reads naturally: $/B, B/s, not /s*B.
        let order = [MONEY, INFORMATION, TIME]
            .into_iter()
            .chain(FIRST_COUNT..LEN);
        let mut num = String::new();
        let mut den = String::new();
        for i in order {
            let e = self.0[i];
            if e == 0 {
                continue;
            }
            let part = if e > 0 { &mut num } else { &mut den };
            if !part.is_empty() {
                part.push('*');
            }
            part.push_str(&name(i));
            if e.unsigned_abs() != 1 {
                let _ = write!(part, "^{}", e.unsigned_abs());
            }
        }
        // `req/(s*user)`, not `req/s*user`, which would read as (req/s)·user.
        if den.contains('*') {
            den = format!("({den})");
        }
        Some(match (num.is_empty(), den.is_empty()) {
            (false, true) => num,
            (true, false) => format!("1/{den}"),
            _ => format!("{num}/{den}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_names() {
        let rate = Dimension::INFORMATION.per(Dimension::TIME).unwrap();
        assert_eq!(rate.describe(&[]), "Information/Time");
        assert_eq!(rate.base_unit(&[]), "B/s");
        let per_s = Dimension::NONE.per(Dimension::TIME).unwrap();
        assert_eq!(per_s.base_unit(&[]), "1/s");
        assert_eq!(Dimension::NONE.base_unit(&[]), "1");
        let req = Dimension::count(0).unwrap().per(Dimension::TIME).unwrap();
        assert_eq!(req.base_unit(&["req".into()]), "req/s");
        let sq = Dimension::INFORMATION.pow(2, 1).unwrap();
        assert_eq!(sq.describe(&[]), "Information^2");
        let price = Dimension::MONEY
            .per(Dimension::INFORMATION)
            .and_then(|d| d.per(Dimension::TIME))
            .unwrap();
        assert_eq!(price.base_unit(&[]), "$/(B*s)");
        assert_eq!(price.describe(&[]), "Money/(Information*Time)");
    }

    #[test]
    fn rational_powers_need_integer_results() {
        let sq = Dimension::TIME.pow(2, 1).unwrap();
        assert_eq!(sq.pow(1, 2), Some(Dimension::TIME));
        assert_eq!(Dimension::TIME.pow(1, 2), None);
        assert_eq!(Dimension::TIME.pow(1000, 1), None);
    }
}
