//! The unit, prefix and scale tables. Adding a unit is one line here.
//!
//! Information is measured in bytes (`B`); a bit is 1/8 B. Time is measured in seconds.
//! Prefixes apply only to the units marked prefixable, so `Mbps` is megabits per second and
//! never megabarn-picoseconds, and `KB` is 1000 bytes (documented), never kelvin-bytes.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::value::Number;

use crate::quantity::conventions::{CalendarUnit, HOUR_S, MINUTE_S};
use crate::quantity::dimension::Dimension;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Factor {
    Fixed(Number),
    /// So many days of the calendar in force (a rough day is 10^5 s).
    Days(Number),
    /// Length taken from the calendar conventions in force.
    Calendar(CalendarUnit),
}

#[derive(Debug, PartialEq)]
pub struct UnitDef {
    /// The first name is the canonical one.
    pub names: &'static [&'static str],
    pub factor: Factor,
    pub dim: Dimension,
    /// Which prefix family this unit accepts (`None`: no prefixes).
    pub prefixes: Option<PrefixFamily>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefixFamily {
    /// Decimal and binary (`kB`, `MiB`, `Kibit`).
    Both,
    /// Decimal only (`Mbps`).
    Decimal,
}

pub static UNITS: &[UnitDef] = &[
    // One currency; no exchange rates. `$0.02` is written with the sign first.
    unit(
        &["$", "USD", "dollar", "dollars"],
        1.0,
        Dimension::MONEY,
        None,
    ),
    unit(&["cent", "cents"], 0.01, Dimension::MONEY, None),
    unit(
        &["B", "byte", "bytes"],
        1.0,
        Dimension::INFORMATION,
        Some(PrefixFamily::Both),
    ),
    unit(
        &["bit", "bits"],
        0.125,
        Dimension::INFORMATION,
        Some(PrefixFamily::Both),
    ),
    unit(
        &["bps"],
        0.125,
        Dimension::DATA_RATE,
        Some(PrefixFamily::Decimal),
    ),
    unit(
        &["ns", "nanosecond", "nanoseconds"],
        1e-9,
        Dimension::TIME,
        None,
    ),
    unit(
        &["µs", "us", "μs", "microsecond", "microseconds"],
        1e-6,
        Dimension::TIME,
        None,
    ),
    unit(
        &["ms", "millisecond", "milliseconds"],
        1e-3,
        Dimension::TIME,
        None,
    ),
    unit(
        &["s", "sec", "secs", "second", "seconds"],
        1.0,
        Dimension::TIME,
        None,
    ),
    unit(
        &["min", "mins", "minute", "minutes"],
        MINUTE_S,
        Dimension::TIME,
        None,
    ),
    unit(
        &["h", "hr", "hrs", "hour", "hours"],
        HOUR_S,
        Dimension::TIME,
        None,
    ),
    days(&["day", "days", "d"], 1.0),
    days(&["week", "weeks"], 7.0),
    calendar(&["month", "months"], CalendarUnit::Month),
    calendar(&["quarter", "quarters"], CalendarUnit::Quarter),
    calendar(&["year", "years", "yr", "yrs"], CalendarUnit::Year),
];

const fn unit(
    names: &'static [&'static str],
    factor: Number,
    dim: Dimension,
    prefixes: Option<PrefixFamily>,
) -> UnitDef {
    UnitDef {
        names,
        factor: Factor::Fixed(factor),
        dim,
        prefixes,
    }
}

const fn days(names: &'static [&'static str], days: Number) -> UnitDef {
    UnitDef {
        names,
        factor: Factor::Days(days),
        dim: Dimension::TIME,
        prefixes: None,
    }
}

const fn calendar(names: &'static [&'static str], which: CalendarUnit) -> UnitDef {
    UnitDef {
        names,
        factor: Factor::Calendar(which),
        dim: Dimension::TIME,
        prefixes: None,
    }
}

/// Unit prefixes: (symbol, factor, binary?). Both `k` and `K` mean 1000.
pub static PREFIXES: &[(&str, Number, bool)] = &[
    ("k", 1e3, false),
    ("K", 1e3, false),
    ("M", 1e6, false),
    ("G", 1e9, false),
    ("T", 1e12, false),
    ("P", 1e15, false),
    ("E", 1e18, false),
    ("Ki", 1024.0, true),
    ("Mi", 1_048_576.0, true),
    ("Gi", 1_073_741_824.0, true),
    ("Ti", 1_099_511_627_776.0, true),
    ("Pi", 1_125_899_906_842_624.0, true),
    ("Ei", 1_152_921_504_606_846_976.0, true),
];

/// Scale suffixes glued to a number: `10k`, `100M`, `1bn`, `2T`. `B` is not one: `500B` is
/// 500 bytes.
pub static SCALE_SUFFIXES: &[(&str, Number)] =
    &[("k", 1e3), ("K", 1e3), ("M", 1e6), ("bn", 1e9), ("T", 1e12)];

/// Scale words after a number: `100 million`.
pub static SCALE_WORDS: &[(&str, Number)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// A unit found by name, with its prefix applied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FoundUnit {
    pub def: &'static UnitDef,
    pub prefix: Number,
}

impl FoundUnit {
    pub fn factor(&self, conventions: &crate::quantity::conventions::Conventions) -> Number {
        let base = match self.def.factor {
            Factor::Fixed(f) => f,
            Factor::Days(n) => n * conventions.day_s,
            Factor::Calendar(c) => c.seconds(conventions),
        };
        base * self.prefix
    }
}

/// Looks a unit up by name, trying exact names first and then prefix + prefixable unit.
pub fn lookup(name: &str) -> Option<FoundUnit> {
    for def in UNITS {
        if def.names.contains(&name) {
            return Some(FoundUnit { def, prefix: 1.0 });
        }
    }
    for &(symbol, factor, binary) in PREFIXES {
        let Some(rest) = name.strip_prefix(symbol) else {
            continue;
        };
        // Only the short symbols take prefixes: `kB`, `Mbit`, `Gbps`, never `kbytes`.
        let def = UNITS.iter().find(|d| d.names[0] == rest);
        if let Some(def) = def {
            let allowed = match def.prefixes {
                Some(PrefixFamily::Both) => true,
                Some(PrefixFamily::Decimal) => !binary,
                None => false,
            };
            if allowed {
                return Some(FoundUnit {
                    def,
                    prefix: factor,
                });
            }
        }
    }
    None
}

/// The words people write after a number. A count noun is an annotation with no dimension
/// (`100M users`, `100M DAU`, `10 requests/day`); a rate word is per second (`10K QPS`). They
/// are soft: a definition may take one of these names and then means itself. Each row is one
/// word's spellings: when a program declares one of them with `unit NAME`, every spelling in
/// its row means that checked unit (`unit req` makes `requests` a `req` too).
pub static COUNT_WORDS: &[&[&str]] = &[
    &["user", "users"],
    &["DAU"],
    &["MAU"],
    &["WAU"],
    &["request", "requests", "req", "reqs"],
    &["query", "queries"],
    &["message", "messages", "msg", "msgs"],
    &["event", "events"],
    &["photo", "photos"],
    &["video", "videos"],
    &["image", "images"],
    &["post", "posts"],
    &["tweet", "tweets"],
    &["comment", "comments"],
    &["like", "likes"],
    &["file", "files"],
    &["object", "objects"],
    &["item", "items"],
    &["record", "records"],
    &["row", "rows"],
    &["click", "clicks"],
    &["view", "views"],
    &["impression", "impressions"],
    &["order", "orders"],
    &["page", "pages"],
    &["URL", "URLs", "url", "urls"],
    &["key", "keys"],
    &["write", "writes"],
    &["read", "reads"],
    &["op", "ops", "operation", "operations"],
    &["transaction", "transactions", "txn", "txns"],
    &["call", "calls"],
    &["session", "sessions"],
    &["connection", "connections"],
    &["upload", "uploads"],
    &["download", "downloads"],
    &["search", "searches"],
    &["visit", "visits"],
    &["visitor", "visitors"],
    &["customer", "customers"],
    &["device", "devices"],
    &["document", "documents", "doc", "docs"],
    &["notification", "notifications"],
    &["job", "jobs"],
    &["task", "tasks"],
    &["hit", "hits"],
    &["lookup", "lookups"],
];

/// Rate words: so many per second.
pub static RATE_WORDS: &[&str] = &["QPS", "qps", "RPS", "rps", "TPS", "tps", "OPS"];

/// The spellings of the count word `name`: its row of [`COUNT_WORDS`].
pub fn spellings(name: &str) -> Option<&'static [&'static str]> {
    // Asked of every unit written after a number (`10 KB`), so indexed once, not scanned.
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        COUNT_WORDS
            .iter()
            .enumerate()
            .flat_map(|(row, words)| words.iter().map(move |w| (*w, row)))
            .collect()
    });
    index.get(name).map(|&row| COUNT_WORDS[row])
}

/// The dimension of a count or rate word, if `name` is one.
pub fn count_word(name: &str) -> Option<Dimension> {
    if spellings(name).is_some() {
        Some(Dimension::NONE)
    } else if RATE_WORDS.contains(&name) {
        Some(Dimension::PER_TIME)
    } else {
        None
    }
}

/// Help for names that look like units but are not, where an edit-distance suggestion would
/// be off by a factor: `Mb` (bits or bytes?), `GBps` (bytes or bits per second?), `Mbits`
/// (prefixes go on the short name), `msec` (time units take no prefixes).
pub fn spelling_help(name: &str) -> Option<String> {
    // `Mb`, `mb`, `kb`, `b`: never guess between bits and bytes.
    if let Some(stem) = name.strip_suffix('b') {
        let upper: String = stem
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(stem.chars().skip(1))
            .collect();
        for prefix in [stem, upper.as_str()] {
            if prefix.is_empty() || lookup(&format!("{prefix}bit")).is_some() {
                return Some(format!(
                    "`b` is not a unit: write `{prefix}bit` for bits or `{prefix}B` for bytes"
                ));
            }
        }
    }
    // `GBps`, `KBps`, `MiBps`: bytes or bits per second?
    if let Some(bytes) = name.strip_suffix("ps")
        && bytes.ends_with('B')
        && lookup(bytes).is_some()
    {
        let stem = &bytes[..bytes.len() - 1];
        let bits = if lookup(&format!("{stem}bps")).is_some() {
            format!(" or `{stem}bps` for bits per second")
        } else {
            String::new()
        };
        return Some(format!(
            "`{name}` is ambiguous: write `{bytes}/s` for bytes per second{bits}"
        ));
    }
    for &(symbol, _, _) in PREFIXES {
        let Some(rest) = name.strip_prefix(symbol) else {
            continue;
        };
        let Some(def) = UNITS.iter().find(|d| d.names.contains(&rest)) else {
            continue;
        };
        // `Mbits`, `kbytes`: the prefix goes on the unit's short name.
        if def.prefixes.is_some() && lookup(&format!("{symbol}{}", def.names[0])).is_some() {
            return Some(format!("did you mean `{symbol}{}`?", def.names[0]));
        }
    }
    // `msec`, `usec`, `nsecs`: time units take no prefixes.
    let time_prefixes = [("m", "ms"), ("u", "us"), ("µ", "µs"), ("n", "ns")];
    for (prefix, short) in time_prefixes {
        if let Some(rest) = name.strip_prefix(prefix)
            && lookup(rest).is_some_and(|u| u.def.names.contains(&"s"))
        {
            return Some(format!("did you mean `{short}`?"));
        }
    }
    None
}

/// Every name `lookup` accepts without a prefix, plus the common prefixed forms; used for
/// "did you mean" suggestions.
pub fn suggestion_names() -> impl Iterator<Item = String> {
    let words = COUNT_WORDS
        .iter()
        .flat_map(|row| row.iter())
        .chain(RATE_WORDS)
        .map(|w| w.to_string());
    let plain = UNITS
        .iter()
        .flat_map(|d| d.names.iter().map(|n| n.to_string()));
    let prefixed = UNITS.iter().filter(|d| d.prefixes.is_some()).flat_map(|d| {
        PREFIXES
            .iter()
            .filter(move |(_, _, binary)| !binary || d.prefixes == Some(PrefixFamily::Both))
            .filter(|(symbol, _, _)| *symbol != "K")
            .map(move |(symbol, _, _)| format!("{symbol}{}", d.names[0]))
    });
    plain.chain(prefixed).chain(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::conventions::Conventions;

    fn factor(name: &str) -> Option<Number> {
        lookup(name).map(|u| u.factor(&Conventions::default()))
    }

    #[test]
    fn prefixes_apply_only_where_allowed() {
        assert_eq!(factor("KB"), Some(1000.0));
        assert_eq!(factor("kB"), Some(1000.0));
        assert_eq!(factor("MiB"), Some(1_048_576.0));
        assert_eq!(factor("Mbps"), Some(125_000.0));
        assert_eq!(factor("Gbit"), Some(1.25e8));
        assert_eq!(factor("Kibit"), Some(128.0));
        assert_eq!(factor("Mibps"), None);
        assert_eq!(factor("ks"), None);
        assert_eq!(factor("b"), None);
        assert_eq!(factor("Mbytes"), None);
        assert_eq!(factor("year"), Some(31_557_600.0));
        assert_eq!(factor("µs"), Some(1e-6));
    }

    #[test]
    fn misspellings_get_help_that_keeps_the_magnitude() {
        let help = |n: &str| spelling_help(n).unwrap_or_default();
        assert!(help("Mb").contains("`Mbit` for bits or `MB` for bytes"));
        assert!(help("mb").contains("`Mbit` for bits or `MB` for bytes"));
        assert!(help("GBps").contains("`GB/s` for bytes per second or `Gbps`"));
        assert!(help("MiBps").contains("`MiB/s`"));
        assert_eq!(help("Mbits"), "did you mean `Mbit`?");
        assert_eq!(help("kbytes"), "did you mean `kB`?");
        assert_eq!(help("msec"), "did you mean `ms`?");
        assert_eq!(help("dau"), "");
    }
}
