//! The built-in functions, one entry each: name, arity, the line `--help` and the README show,
//! the dimension rule the checker applies, and the kernel evaluation runs. Adding a function is
//! one entry here (and one variant of [`Func`]).
//!
//! Kernels work on plain numbers in base units; evaluation lifts them over values and turns a
//! [`Failure`] into a positioned error.

use crate::quantity::{Dimension, ValueKind};
use crate::reliability;
use crate::value::{Number, Scalar, same};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Ceil,
    Floor,
    Round,
    Abs,
    Sqrt,
    Log2,
    Log10,
    Ln,
    Exp,
    Availability,
    Nines,
    Series,
    Parallel,
    KOfN,
    Downtime,
    ErrorBudget,
    BurnRate,
}

/// What one argument must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// A plain number.
    Plain,
    /// A plain number to round: the error says how to round a value with a unit.
    PlainToRound,
    /// A duration, described in the error with these words.
    Duration(&'static str),
}

/// How a call's dimension and kind follow from its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// All arguments of one dimension, and the result too (an availability if all are).
    SameDimension,
    /// The argument's dimension, as a plain value.
    SameAsArgument,
    /// Half the argument's dimension.
    SquareRoot,
    /// Arguments as listed (the last repeats for a variadic function); a fixed result.
    Args {
        args: &'static [Arg],
        dim: Dimension,
        kind: ValueKind,
    },
    /// One of these rules, chosen by the number of arguments.
    ByArity(&'static [Rule]),
}

/// Why a kernel refused its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The argument at fault; `None` for the call as a whole.
    pub arg: Option<usize>,
    pub kind: FailureKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FailureKind {
    DivisionByZero,
    Domain(String),
}

/// What a function computes, on numbers in base units.
#[derive(Clone, Copy)]
pub enum Kernel {
    /// On plain numbers.
    Plain(fn(&[Number]) -> Result<Number, Failure>),
    /// On numbers that may be held as what they lack of 1 ([`Scalar::Complement`]): the
    /// reliability functions, which keep an availability's nines, and `min`/`max`, which
    /// return one of their arguments as it is.
    Exact(fn(&[Scalar]) -> Result<Scalar, Failure>),
}

pub struct Builtin {
    pub name: &'static str,
    pub func: Func,
    pub min_args: usize,
    /// `None`: any number.
    pub max_args: Option<usize>,
    pub signature: &'static str,
    pub about: &'static str,
    pub rule: Rule,
    pub kernel: Kernel,
}

const PLAIN: Rule = Rule::Args {
    args: &[Arg::Plain],
    dim: Dimension::NONE,
    kind: ValueKind::Plain,
};
const ROUNDING: Rule = Rule::Args {
    args: &[Arg::PlainToRound],
    dim: Dimension::NONE,
    kind: ValueKind::Plain,
};
/// Plain numbers in, an availability out.
const TO_AVAILABILITY: Rule = Rule::Args {
    args: &[Arg::Plain],
    dim: Dimension::NONE,
    kind: ValueKind::Availability,
};
const MTBF_MTTR: Rule = Rule::Args {
    args: &[
        Arg::Duration("a duration (mtbf, mttr)"),
        Arg::Duration("a duration (mtbf, mttr)"),
    ],
    dim: Dimension::NONE,
    kind: ValueKind::Availability,
};
const BUDGET: Rule = Rule::Args {
    args: &[Arg::Plain, Arg::Duration("a duration")],
    dim: Dimension::TIME,
    kind: ValueKind::Plain,
};

pub static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "min",
        func: Func::Min,
        min_args: 1,
        max_args: None,
        signature: "min(a, b, …)",
        about: "the smallest; all arguments of one dimension",
        rule: Rule::SameDimension,
        kernel: Kernel::Exact(|xs| pick(xs, std::cmp::Ordering::Less)),
    },
    Builtin {
        name: "max",
        func: Func::Max,
        min_args: 1,
        max_args: None,
        signature: "max(a, b, …)",
        about: "the largest; all arguments of one dimension",
        rule: Rule::SameDimension,
        kernel: Kernel::Exact(|xs| pick(xs, std::cmp::Ordering::Greater)),
    },
    Builtin {
        name: "ceil",
        func: Func::Ceil,
        min_args: 1,
        max_args: Some(1),
        signature: "ceil(x)",
        about: "round up a plain number (`ceil(qps / (20K /s))`)",
        rule: ROUNDING,
        kernel: Kernel::Plain(|xs| Ok(snap_to_whole(xs[0]).ceil())),
    },
    Builtin {
        name: "floor",
        func: Func::Floor,
        min_args: 1,
        max_args: Some(1),
        signature: "floor(x)",
        about: "round down a plain number",
        rule: ROUNDING,
        kernel: Kernel::Plain(|xs| Ok(snap_to_whole(xs[0]).floor())),
    },
    Builtin {
        name: "round",
        func: Func::Round,
        min_args: 1,
        max_args: Some(1),
        signature: "round(x)",
        about: "round a plain number to the nearest integer",
        rule: ROUNDING,
        kernel: Kernel::Plain(|xs| Ok(xs[0].round())),
    },
    Builtin {
        name: "abs",
        func: Func::Abs,
        min_args: 1,
        max_args: Some(1),
        signature: "abs(x)",
        about: "absolute value, any dimension",
        rule: Rule::SameAsArgument,
        kernel: Kernel::Plain(|xs| Ok(xs[0].abs())),
    },
    Builtin {
        name: "sqrt",
        func: Func::Sqrt,
        min_args: 1,
        max_args: Some(1),
        signature: "sqrt(x)",
        about: "square root; dimensions must halve evenly",
        rule: Rule::SquareRoot,
        kernel: Kernel::Plain(|xs| {
            let x = xs[0];
            if x < 0.0 {
                return Err(domain(
                    0,
                    format!("`sqrt` needs a number of at least 0, but this is {x}"),
                ));
            }
            Ok(x.sqrt())
        }),
    },
    Builtin {
        name: "log2",
        func: Func::Log2,
        min_args: 1,
        max_args: Some(1),
        signature: "log2(x)",
        about: "base-2 logarithm of a plain number",
        rule: PLAIN,
        kernel: Kernel::Plain(|xs| positive("log2", xs[0]).map(Number::log2)),
    },
    Builtin {
        name: "log10",
        func: Func::Log10,
        min_args: 1,
        max_args: Some(1),
        signature: "log10(x)",
        about: "base-10 logarithm of a plain number",
        rule: PLAIN,
        kernel: Kernel::Plain(|xs| positive("log10", xs[0]).map(Number::log10)),
    },
    Builtin {
        name: "ln",
        func: Func::Ln,
        min_args: 1,
        max_args: Some(1),
        signature: "ln(x)",
        about: "natural logarithm of a plain number",
        rule: PLAIN,
        kernel: Kernel::Plain(|xs| positive("ln", xs[0]).map(Number::ln)),
    },
    Builtin {
        name: "exp",
        func: Func::Exp,
        min_args: 1,
        max_args: Some(1),
        signature: "exp(x)",
        about: "e to the power x, x a plain number",
        rule: PLAIN,
        kernel: Kernel::Plain(|xs| Ok(xs[0].exp())),
    },
    Builtin {
        name: "availability",
        func: Func::Availability,
        min_args: 1,
        max_args: Some(2),
        signature: "availability(x) or availability(mtbf, mttr)",
        about: "a fraction in [0, 1] (`99.95%`) as an availability; or mtbf / (mtbf + mttr)",
        rule: Rule::ByArity(&[TO_AVAILABILITY, MTBF_MTTR]),
        kernel: Kernel::Exact(availability),
    },
    Builtin {
        name: "nines",
        func: Func::Nines,
        min_args: 1,
        max_args: Some(1),
        signature: "nines(n)",
        about: "1 - 10^-n: `nines(3)` is 99.9%",
        rule: TO_AVAILABILITY,
        kernel: Kernel::Exact(|xs| {
            let n = xs[0].number();
            if !(0.0..=MAX_NINES).contains(&n) {
                return Err(domain(
                    0,
                    format!("`nines` needs n from 0 to {MAX_NINES}, but this is {n}"),
                ));
            }
            let down = reliability::nines(n);
            Ok(Scalar::fraction(1.0 - down, down))
        }),
    },
    Builtin {
        name: "series",
        func: Func::Series,
        min_args: 1,
        max_args: None,
        signature: "series(a, b, …)",
        about: "all components must work: the product",
        rule: TO_AVAILABILITY,
        kernel: Kernel::Exact(series),
    },
    Builtin {
        name: "parallel",
        func: Func::Parallel,
        min_args: 1,
        max_args: None,
        signature: "parallel(a, b, …)",
        about: "any one component suffices: 1 - (1 - a)(1 - b)…",
        rule: TO_AVAILABILITY,
        kernel: Kernel::Exact(parallel),
    },
    Builtin {
        name: "k_of_n",
        func: Func::KOfN,
        min_args: 3,
        max_args: Some(3),
        signature: "k_of_n(k, n, a)",
        about: "at least k of n replicas, each available a, are up (a quorum of 3: `k_of_n(2, 3, a)`)",
        rule: TO_AVAILABILITY,
        kernel: Kernel::Exact(k_of_n),
    },
    Builtin {
        name: "downtime",
        func: Func::Downtime,
        min_args: 2,
        max_args: Some(2),
        signature: "downtime(a, period)",
        about: "downtime availability a allows over a period: (1 - a) * period",
        rule: BUDGET,
        kernel: Kernel::Exact(downtime),
    },
    Builtin {
        name: "error_budget",
        func: Func::ErrorBudget,
        min_args: 2,
        max_args: Some(2),
        signature: "error_budget(slo, window)",
        about: "an SLO's error budget over a window, as time: (1 - slo) * window",
        rule: BUDGET,
        kernel: Kernel::Exact(downtime),
    },
    Builtin {
        name: "burn_rate",
        func: Func::BurnRate,
        min_args: 3,
        max_args: Some(3),
        signature: "burn_rate(fraction, window, alert_window)",
        about: "the burn rate that spends that fraction of the budget in alert_window: 2% of 30 days in 1 h is 14.4",
        rule: Rule::Args {
            args: &[
                Arg::Plain,
                Arg::Duration("a duration"),
                Arg::Duration("a duration"),
            ],
            dim: Dimension::NONE,
            kind: ValueKind::Plain,
        },
        kernel: Kernel::Plain(burn_rate),
    },
];

pub fn lookup(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|f| f.name == name)
}

/// The entry of a function.
pub fn get(func: Func) -> &'static Builtin {
    // The table is in the order of `Func`; a test holds it there.
    &BUILTINS[func as usize]
}

fn domain(arg: usize, message: String) -> Failure {
    Failure {
        arg: Some(arg),
        kind: FailureKind::Domain(message),
    }
}

fn positive(name: &str, x: Number) -> Result<Number, Failure> {
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
fn fraction(x: Number, arg: usize) -> Result<Number, Failure> {
    match reliability::not_a_fraction(x, "an availability") {
        None => Ok(x),
        Some(message) => Err(domain(arg, message)),
    }
}

/// The most nines an availability may have: 10^-300 is near the smallest double.
const MAX_NINES: Number = 300.0;

/// Each argument, an availability or a fraction in [0, 1], as itself and as what it lacks
/// of 1.
fn fractions(xs: &[Scalar]) -> Result<(Vec<Number>, Vec<Number>), Failure> {
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
fn representable(availability: Scalar, parts: &[Number]) -> Result<Scalar, Failure> {
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

fn parallel(xs: &[Scalar]) -> Result<Scalar, Failure> {
    let (up, down) = fractions(xs)?;
    let result = Scalar::fraction(reliability::any(&up), reliability::parallel(&down));
    representable(result, &down)
}

/// The smallest (`Less`) or largest (`Greater`) argument, as it is.
fn pick(xs: &[Scalar], want: std::cmp::Ordering) -> Result<Scalar, Failure> {
    let mut best = xs[0];
    for &x in &xs[1..] {
        if x.total_cmp(best) == want {
            best = x;
        }
    }
    Ok(best)
}

fn availability(xs: &[Scalar]) -> Result<Scalar, Failure> {
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
const MAX_EXACT_WHOLE: Number = 9_007_199_254_740_992.0;

fn k_of_n(xs: &[Scalar]) -> Result<Scalar, Failure> {
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
fn downtime(xs: &[Scalar]) -> Result<Scalar, Failure> {
    fraction(xs[0].number(), 0)?;
    let numbers = [xs[0].number(), xs[1].number()];
    Ok(Scalar::Number(reliability::downtime(
        xs[0].complement(),
        period(&numbers, 1, "period")?,
    )))
}

/// A period, window or alert window must be longer than zero: `-30 days` is a typo, not a
/// negative budget.
fn period(xs: &[Number], arg: usize, what: &str) -> Result<Number, Failure> {
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

fn burn_rate(xs: &[Number]) -> Result<Number, Failure> {
    fraction(xs[0], 0)?;
    let window = period(xs, 1, "window")?;
    let alert = period(xs, 2, "alert window")?;
    Ok(reliability::burn_rate(xs[0], window, alert))
}

/// A value equal to a whole number up to floating-point noise is that number, so that
/// `9e16 B / 200 TB` (450.00000000000006) does not round up to 451 servers. Only relative
/// noise counts: `ceil(1 KB / 10 PB)` is still 1 and `floor(1e10 + 0.6)` is still 1e10.
fn snap_to_whole(x: Number) -> Number {
    let whole = x.round();
    if whole != 0.0 && same(x, whole) {
        whole
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_order_of_func() {
        for (i, b) in BUILTINS.iter().enumerate() {
            assert_eq!(b.func as usize, i, "`{}` is out of place", b.name);
            assert_eq!(get(b.func).name, b.name);
        }
    }

    #[test]
    fn ceil_ignores_floating_point_noise() {
        assert_eq!(snap_to_whole(450.00000000000006).ceil(), 450.0);
        assert_eq!(snap_to_whole(450.001).ceil(), 451.0);
        assert_eq!(snap_to_whole(-2.9999999999999996).floor(), -3.0);
        assert_eq!(snap_to_whole(0.5), 0.5);
        assert_eq!(snap_to_whole(1e-13).ceil(), 1.0);
        assert_eq!(snap_to_whole(1e10 + 0.6).floor(), 1e10);
        assert_eq!(snap_to_whole(1e10 + 0.4).ceil(), 1e10 + 1.0);
    }
}
