//! Display ladders: for each dimension with a readable display, the units a value climbs
//! through, smallest first, to find the largest that keeps the shown number at least 1.
//! Formatting ([`crate::format`]) walks them; adding a rung is one line here.

use crate::value::Number;

use crate::quantity::Conventions;
use crate::quantity::conventions::{HOUR_S, MINUTE_S};

/// A unit of a ladder: its symbol and its size in base units.
pub type Rung = (&'static str, Number);

/// Information, in decimal bytes.
pub const BYTES: &[Rung] = &[
    ("B", 1.0),
    ("kB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("PB", 1e15),
    ("EB", 1e18),
];

/// Data rates in bits per second (base unit: bytes per second).
pub const BIT_RATES: &[Rung] = &[
    ("bps", 0.125),
    ("Kbps", 125.0),
    ("Mbps", 1.25e5),
    ("Gbps", 1.25e8),
    ("Tbps", 1.25e11),
    ("Pbps", 1.25e14),
];

/// Data rates in bytes per second.
pub const BYTE_RATES: &[Rung] = &[
    ("B/s", 1.0),
    ("kB/s", 1e3),
    ("MB/s", 1e6),
    ("GB/s", 1e9),
    ("TB/s", 1e12),
    ("PB/s", 1e15),
];

/// Scale suffixes of plain numbers, largest first; never `B`, which means bytes.
pub const COUNT_SUFFIXES: &[Rung] = &[("T", 1e12), ("bn", 1e9), ("M", 1e6), ("K", 1e3)];

/// Durations: singular and plural symbol, and the length in seconds. The year follows the
/// calendar in force.
pub fn durations(c: &Conventions) -> [(&'static str, &'static str, Number); 8] {
    [
        ("ns", "ns", 1e-9),
        ("µs", "µs", 1e-6),
        ("ms", "ms", 1e-3),
        ("s", "s", 1.0),
        ("min", "min", MINUTE_S),
        ("h", "h", HOUR_S),
        ("day", "days", c.day_s),
        ("year", "years", c.year_s),
    ]
}

/// The periods a rate of things is shown per, shortest first.
pub fn rate_periods(c: &Conventions) -> [Rung; 5] {
    [
        ("s", 1.0),
        ("min", MINUTE_S),
        ("h", HOUR_S),
        ("day", c.day_s),
        ("year", c.year_s),
    ]
}
