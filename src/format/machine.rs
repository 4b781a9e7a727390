//! Numbers for machines (JSON, CSV): the value a person typed comes back as typed, and the
//! text is the shortest that reads back the same.

use crate::value::Number;

/// A number for machines (JSON, CSV): rounded to 15 significant digits, as many as a double
/// holds for any decimal, so that what a person typed comes back as typed (`0.999`, not
/// `0.9990000000000001`) and the noise of arithmetic is gone (`120`, not
/// `120.00000000000001`).
pub fn for_machines(x: Number) -> Number {
    // A whole number below 10^15 has 15 digits at most already: the common case, and free.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return x;
    }
    // Rounding the largest doubles up to 15 digits would pass the largest finite one.
    format!("{x:.14e}")
        .parse()
        .ok()
        .filter(|r: &Number| r.is_finite())
        .unwrap_or(x)
}

/// A number for a machine to read as text (CSV): [`for_machines`]'s value in its shortest
/// form that reads back the same, with an exponent outside 10^-5..10^16 (`1e300`, not 301
/// digits), as JSON writes it.
pub fn machine_text(x: Number) -> String {
    let x = for_machines(x);
    if x == 0.0 || !x.is_finite() || (1e-5..1e16).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}
