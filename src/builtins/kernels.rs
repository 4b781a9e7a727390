//! The kernels of the built-in functions: what each computes on numbers in base units, and
//! the domain checks that turn bad arguments into a [`Failure`].

use super::{Failure, FailureKind};
use crate::reliability;
use crate::value::{Number, Scalar, same};

pub(super) fn domain(arg: usize, message: String) -> Failure {
    Failure {
        arg: Some(arg),
        kind: FailureKind::Domain(message),
    }
}

pub(super) fn positive(name: &str, x: Number) -> Result<Number, Failure> {
    if x > 0.0 {
        Ok(x)
    } else {
        Err(domain(
            0,
            format!("`{name}` needs a positive number, but this is {x}"),
        ))
    }
}

/// An availability or other fraction must lie in [0, 1].
pub(super) fn fraction(x: Number, arg: usize) -> Result<Number, Failure> {
    match reliability::not_a_fraction(x, "an availability") {
        None => Ok(x),
        Some(message) => Err(domain(arg, message)),
    }
}

/// The most nines an availability may have: 10^-300 is near the smallest double.
pub(super) const MAX_NINES: Number = 300.0;

/// Each argument, an availability or a fraction in [0, 1], as itself and as what it lacks
/// of 1.
pub(super) fn fractions(xs: &[Scalar]) -> Result<(Vec<Number>, Vec<Number>), Failure> {
    let mut up = Vec::with_capacity(xs.len());
    let mut down = Vec::with_capacity(xs.len());
    for (i, x) in xs.iter().enumerate() {
        up.push(fraction(x.number(), i)?);
        down.push(x.complement());
    }
    Ok((up, down))
}

/// An availability so close to 1 that a double cannot hold what it lacks is an error, not
/// 100%.
pub(super) fn representable(availability: Scalar, parts: &[Number]) -> Result<Scalar, Failure> {
    if availability == Scalar::Complement(0.0) && parts.iter().all(|&p| p > 0.0) {
        return Err(Failure {
            arg: None,
            kind: FailureKind::Domain(format!(
                "this availability has more than {MAX_NINES} nines, more than bote can represent"
            )),
        });
    }
    Ok(availability)
}

/// Components in series: `series(…)`, and availabilities multiplied.
pub fn series(xs: &[Scalar]) -> Result<Scalar, Failure> {
    let (up, down) = fractions(xs)?;
    Ok(Scalar::fraction(
        reliability::all(&up),
        reliability::series(&down),
    ))
}

pub(super) fn parallel(xs: &[Scalar]) -> Result<Scalar, Failure> {
    let (up, down) = fractions(xs)?;
    let result = Scalar::fraction(reliability::any(&up), reliability::parallel(&down));
    representable(result, &down)
}

/// The smallest (`Less`) or largest (`Greater`) argument, as it is.
pub(super) fn pick(xs: &[Scalar], want: std::cmp::Ordering) -> Result<Scalar, Failure> {
    let mut best = xs[0];
    for &x in &xs[1..] {
        if x.total_cmp(best) == want {
            best = x;
        }
    }
    Ok(best)
}

pub(super) fn availability(xs: &[Scalar]) -> Result<Scalar, Failure> {
    let [mtbf, mttr] = xs else {
        let x = xs[0];
        fraction(x.number(), 0)?;
        return Ok(Scalar::fraction(x.number(), x.complement()));
    };
    let (mtbf, mttr) = (mtbf.number(), mttr.number());
    for (i, v) in [mtbf, mttr].into_iter().enumerate() {
        if v < 0.0 {
            return Err(domain(i, format!("a duration cannot be negative: {v} s")));
        }
    }
    if mtbf + mttr == 0.0 {
        return Err(Failure {
            arg: None,
            kind: FailureKind::DivisionByZero,
        });
    }
    let down = reliability::from_mtbf(mtbf, mttr);
    Ok(Scalar::fraction(mtbf / (mtbf + mttr), down))
}

/// 2^53: above it, a double skips whole numbers.
pub(super) const MAX_EXACT_WHOLE: Number = 9_007_199_254_740_992.0;

pub(super) fn k_of_n(xs: &[Scalar]) -> Result<Scalar, Failure> {
    let count = |i: usize| -> Result<u64, Failure> {
        let v = xs[i].number();
        // Every whole number to 2^53 is exact in a double; the closed form takes any of them.
        if v < 0.0 || v.fract() != 0.0 || v > MAX_EXACT_WHOLE {
            return Err(domain(
                i,
                format!("`k_of_n` needs a whole number from 0 to 2^53 here, but this is {v}"),
            ));
        }
        Ok(v as u64)
    };
    let (k, n) = (count(0)?, count(1)?);
    if k > n {
        return Err(domain(
            0,
            format!("`k_of_n` needs k ≤ n, but k = {k} and n = {n}"),
        ));
    }
    let replica = fraction(xs[2].number(), 2)?;
    let (up, down) = reliability::k_of_n_both(k, n, replica, xs[2].complement());
    let result = Scalar::fraction(up, down);
    if k == 0 {
        // Zero of n is always met: exactly 100%.
        return Ok(result);
    }
    representable(result, &[xs[2].complement()])
}

/// `downtime(a, period)` and `error_budget(slo, window)`: (1 - a) × period.
pub(super) fn downtime(xs: &[Scalar]) -> Result<Scalar, Failure> {
    fraction(xs[0].number(), 0)?;
    let numbers = [xs[0].number(), xs[1].number()];
    Ok(Scalar::Number(reliability::downtime(
        xs[0].complement(),
        period(&numbers, 1, "period")?,
    )))
}

/// A period, window or alert window must be longer than zero: `-30 days` is a typo, not a
/// negative budget.
pub(super) fn period(xs: &[Number], arg: usize, what: &str) -> Result<Number, Failure> {
    let x = xs[arg];
    if x > 0.0 {
        Ok(x)
    } else {
        Err(domain(
            arg,
            format!("the {what} must be longer than zero, but this is {x} s"),
        ))
    }
}

pub(super) fn burn_rate(xs: &[Number]) -> Result<Number, Failure> {
    fraction(xs[0], 0)?;
    let window = period(xs, 1, "window")?;
    let alert = period(xs, 2, "alert window")?;
    Ok(reliability::burn_rate(xs[0], window, alert))
}

/// A value equal to a whole number up to floating-point noise is that number, so that
/// `9e16 B / 200 TB` (450.00000000000006) does not round up to 451 servers. Only relative
/// noise counts: `ceil(1 KB / 10 PB)` is still 1 and `floor(1e10 + 0.6)` is still 1e10.
pub(super) fn snap_to_whole(x: Number) -> Number {
    let whole = x.round();
    if whole != 0.0 && same(x, whole) {
        whole
    } else {
        x
    }
}
