//! Words that agree with their number, so that output reads as a person writes it: `1 byte`,
//! `1 nine`, `1 request`, and `2 bytes`. Only a count shown as exactly `1` takes the
//! singular; `0.5 days` and `0 bytes` stay plural, as in English.

use crate::quantity::units::UNITS;

/// `singular` when `shown`, a number as displayed, is exactly one; else `plural`.
pub fn agree<'a>(shown: &str, singular: &'a str, plural: &'a str) -> &'a str {
    if shown == "1" { singular } else { plural }
}

/// A unit as written in a conversion (`-> bytes`, `-> days/year`), for a value shown as
/// `shown`: for exactly 1, its leading unit word becomes singular when the unit table has
/// that singular for the same unit (`bytes` → `byte`, `mins` → `min`). Anything else is kept
/// as written.
pub fn unit_for(shown: &str, unit: &str) -> String {
    if shown != "1" {
        return unit.to_string();
    }
    let end = unit
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(unit.len());
    let (word, rest) = unit.split_at(end);
    let singular = word.strip_suffix('s').filter(|singular| {
        UNITS
            .iter()
            .any(|u| u.names.contains(&word) && u.names.contains(singular))
    });
    match singular {
        Some(singular) => format!("{singular}{rest}"),
        None => unit.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular() {
        assert_eq!(unit_for("1", "bytes"), "byte");
        assert_eq!(unit_for("1", "days"), "day");
        assert_eq!(unit_for("1", "mins"), "min");
        assert_eq!(unit_for("1", "bytes/s"), "byte/s");
        assert_eq!(agree("1", "nine", "nines"), "nine");
    }

    #[test]
    fn anything_else_is_kept() {
        assert_eq!(unit_for("2", "bytes"), "bytes");
        assert_eq!(unit_for("0.5", "days"), "days");
        assert_eq!(unit_for("1", "s"), "s");
        assert_eq!(unit_for("1", "ms"), "ms");
        assert_eq!(unit_for("1", "GB"), "GB");
        assert_eq!(unit_for("1", "bps"), "bps");
        assert_eq!(unit_for("1", "Mbps"), "Mbps");
        assert_eq!(unit_for("1", "byte"), "byte");
        assert_eq!(unit_for("1", "/s"), "/s");
        assert_eq!(agree("1.5", "nine", "nines"), "nines");
    }
}
