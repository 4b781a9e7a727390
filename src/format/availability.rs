//! Availabilities: a percentage that never rounds up to 100%, and its nines.

use super::{Shown, complement_text, fraction_text, number_text_fixed};
use crate::grammar;
use crate::reliability;
use crate::value::Number;

/// An availability with its nines. Exactly 100% allows no downtime at all, and says so
/// instead of counting infinite nines.
pub(super) fn availability(fraction: Number, unavailability: Number, p: usize) -> Shown {
    let shown = availability_percent(fraction, unavailability, p);
    let text = match reliability::count_nines(unavailability) {
        _ if fraction <= 0.0 => format!("{shown}%"),
        None => format!("{shown}% (no downtime)"),
        nines => {
            let n = nines_text(nines);
            format!("{shown}% ({n} {})", grammar::agree(&n, "nine", "nines"))
        }
    };
    Shown {
        value: fraction * 100.0,
        unit: "%".into(),
        text,
    }
}

/// A count of nines to one decimal: `3.3`, `20`; `—` for exactly 100% (`None`), never `inf`.
pub fn nines_text(nines: Option<Number>) -> String {
    nines.map_or("—".to_string(), |n| number_text_fixed(n, 1))
}

/// An availability as a percentage, rounded so that its *unavailability* keeps `p - 1`
/// significant digits: 99.874% stays 99.87%, not 99.9% (which would understate downtime by a
/// quarter), and 99.9999999% never becomes 100%.
pub(super) fn availability_percent(fraction: Number, unavailability: Number, p: usize) -> String {
    if unavailability > 0.0 && unavailability <= 0.1 {
        // From 1 − a directly: 100 × a would add noise of its own.
        complement_text(100.0, unavailability * 100.0, p)
    } else {
        fraction_text(fraction * 100.0, p)
    }
}
