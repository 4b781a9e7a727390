//! The built-in functions, one entry each: name, arity, the line `--help` and the README show,
//! the dimension rule the checker applies, and the kernel evaluation runs. Adding a function is
//! one entry here or in [`models`] (and one variant of [`Func`]).
//!
//! Kernels work on plain numbers in base units; evaluation lifts them over values and turns a
//! [`Failure`] into a positioned error.

mod kernels;
mod models;

use crate::quantity::{Dimension, ValueKind};
use crate::reliability;
use crate::value::{Number, Scalar};
pub use kernels::series;
use kernels::*;

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
    Normal,
    Uniform,
    LogNormal,
    Pert,
    P,
    Mean,
    Median,
    Sd,
    Prob,
    Grow,
    Accumulate,
    Headroom,
    Servers,
    FanoutSlow,
    LeafPercentile,
    Mm1Wait,
    Mm1Response,
    ErlangC,
    MmcWait,
    ServersFor,
}

impl Func {
    /// A summary of an uncertain value (`p`, `mean`, `median`, `sd`, `prob`): one number.
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            Func::P | Func::Mean | Func::Median | Func::Sd | Func::Prob
        )
    }
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
    /// A rate: counts per unit of time (`1000 /s`, `10K QPS`), described with these words.
    Rate(&'static str),
    /// Anything: the value a model works on.
    Any,
    /// The dimension of the first argument (`servers(peak, per_server, …)`).
    LikeFirst,
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
    /// A summary of the first argument (`p(x, 95%)`, `median(x)`): its dimension and kind;
    /// any further argument a plain number.
    Summary,
    /// Arguments as listed; the result has the first argument's dimension and kind.
    LikeFirst(&'static [Arg]),
    /// `grow(x, r / period, t)` and `accumulate(rate, r / period, t)`: the growth rate is read
    /// with the period it compounds over (see `check::growth`).
    Growth,
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
    /// Arguments a model cannot take: what is wrong, the label under the argument, and what
    /// the model needs.
    Model {
        message: String,
        label: String,
        help: String,
    },
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
    /// A distribution to sample, or a summary of samples: evaluation computes it over the
    /// whole vector of trials, not trial by trial.
    Uncertain,
}

#[derive(Clone, Copy)]
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

/// Every function: the core ones here, then the capacity models.
pub static BUILTINS: &[Builtin] = &ALL;

static ALL: [Builtin; CORE.len() + models::MODELS.len()] = concat(CORE, models::MODELS);

/// The two tables as one array, at compile time.
const fn concat<const N: usize>(a: &[Builtin], b: &[Builtin]) -> [Builtin; N] {
    assert!(a.len() + b.len() == N);
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < a.len() { a[i] } else { b[i - a.len()] };
        i += 1;
    }
    out
}

const CORE: &[Builtin] = &[
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
    Builtin {
        name: "normal",
        func: Func::Normal,
        min_args: 2,
        max_args: Some(2),
        signature: "normal(mean, sd)",
        about: "uncertain: a normal distribution, in the unit of its arguments (`normal(2 MB, 0.5 MB)`)",
        rule: Rule::SameDimension,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "uniform",
        func: Func::Uniform,
        min_args: 2,
        max_args: Some(2),
        signature: "uniform(lo, hi)",
        about: "uncertain: any value from lo to hi equally likely",
        rule: Rule::SameDimension,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "lognormal",
        func: Func::LogNormal,
        min_args: 2,
        max_args: Some(2),
        signature: "lognormal(p5, p95)",
        about: "uncertain: the log-normal with that 90% range, the same as `p5 to p95`",
        rule: Rule::SameDimension,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "pert",
        func: Func::Pert,
        min_args: 3,
        max_args: Some(3),
        signature: "pert(min, mode, max)",
        about: "uncertain: a beta-PERT from min to max, most likely at mode",
        rule: Rule::SameDimension,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "p",
        func: Func::P,
        min_args: 2,
        max_args: Some(2),
        signature: "p(x, q)",
        about: "the q-th percentile of an uncertain x (`p(peak_qps, 95%)`), in x's unit",
        rule: Rule::Summary,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "mean",
        func: Func::Mean,
        min_args: 1,
        max_args: Some(1),
        signature: "mean(x)",
        about: "the mean of an uncertain x",
        rule: Rule::Summary,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "median",
        func: Func::Median,
        min_args: 1,
        max_args: Some(1),
        signature: "median(x)",
        about: "the median (50th percentile) of an uncertain x",
        rule: Rule::Summary,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "sd",
        func: Func::Sd,
        min_args: 1,
        max_args: Some(1),
        signature: "sd(x)",
        about: "the standard deviation of an uncertain x, in x's unit",
        rule: Rule::SameAsArgument,
        kernel: Kernel::Uncertain,
    },
    Builtin {
        name: "prob",
        func: Func::Prob,
        min_args: 1,
        max_args: Some(1),
        signature: "prob(x > t)",
        about: "the probability that a comparison holds, over the trials (`prob(storage > 200 PB)`)",
        rule: Rule::Args {
            args: &[Arg::Plain],
            dim: Dimension::NONE,
            kind: ValueKind::Percent,
        },
        kernel: Kernel::Uncertain,
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
