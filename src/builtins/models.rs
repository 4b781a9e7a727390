//! The capacity models: growth, headroom, the tail at scale and queueing, as functions of the
//! language. Their table entries and kernels; the formulas themselves are in
//! [`crate::capacity`], shared with the tests.
//!
//! `grow` and `accumulate` are typed by `check::growth`, which reads the period a growth rate
//! is stated in (`20% / year`) and passes it as a hidden argument: their kernels take
//! `(x, rate, period, t)`, and the growth per period is `rate × period`.

use super::kernels::{MAX_EXACT_WHOLE, snap_to_whole};
use super::{Arg, Builtin, Failure, FailureKind, Func, Kernel, Rule};
use crate::capacity::{self, MAX_SERVERS, NoQueue};
use crate::quantity::{Dimension, ValueKind};
use crate::value::{Number, same};

const PERCENT_OF_FANOUT: Rule = Rule::Args {
    args: &[Arg::Plain, Arg::Plain],
    dim: Dimension::NONE,
    kind: ValueKind::Percent,
};
const MM1: Rule = Rule::Args {
    args: &[Arg::Plain, Arg::Duration("a service time (a duration)")],
    dim: Dimension::TIME,
    kind: ValueKind::Plain,
};
const MMC_ARGS: &[Arg] = &[
    Arg::Rate("an arrival rate (requests per unit of time: `1000 /s`)"),
    Arg::Duration("a service time (a duration)"),
    Arg::Plain,
];

pub(super) const MODELS: &[Builtin] = &[
    Builtin {
        name: "grow",
        func: Func::Grow,
        min_args: 3,
        max_args: Some(3),
        signature: "grow(x, r / period, t)",
        about: "x compounded at r per period for t: x × (1 + r)^(t / period); `grow(100 TB, 20% / year, 18 months)` is 100 TB × 1.2^1.5",
        rule: Rule::Growth,
        kernel: Kernel::Plain(grow),
    },
    Builtin {
        name: "accumulate",
        func: Func::Accumulate,
        min_args: 3,
        max_args: Some(3),
        signature: "accumulate(rate, r / period, t)",
        about: "the total of a rate growing continuously at r per period, over t: rate × period × ((1 + r)^(t / period) − 1) / ln(1 + r); rate × t when r = 0",
        rule: Rule::Growth,
        kernel: Kernel::Plain(accumulate),
    },
    Builtin {
        name: "headroom",
        func: Func::Headroom,
        min_args: 2,
        max_args: Some(2),
        signature: "headroom(x, h)",
        about: "the capacity that keeps x at 1 − h utilisation: x / (1 − h); `headroom(700 /s, 30%)` is 1K /s (not x × 1.3)",
        rule: Rule::LikeFirst(&[Arg::Any, Arg::Plain]),
        kernel: Kernel::Plain(headroom),
    },
    Builtin {
        name: "servers",
        func: Func::Servers,
        min_args: 3,
        max_args: Some(3),
        signature: "servers(peak, per_server, h)",
        about: "servers for a peak with headroom h: ceil(peak / (per_server × (1 − h)))",
        rule: Rule::Args {
            args: &[Arg::Any, Arg::LikeFirst, Arg::Plain],
            dim: Dimension::NONE,
            kind: ValueKind::Plain,
        },
        kernel: Kernel::Plain(servers),
    },
    Builtin {
        name: "fanout_slow",
        func: Func::FanoutSlow,
        min_args: 2,
        max_args: Some(2),
        signature: "fanout_slow(p, n)",
        about: "the share of requests to n leaves that meet at least one leaf slower than its p-tail: 1 − (1 − p)^n",
        rule: PERCENT_OF_FANOUT,
        kernel: Kernel::Plain(fanout_slow),
    },
    Builtin {
        name: "leaf_percentile",
        func: Func::LeafPercentile,
        min_args: 2,
        max_args: Some(2),
        signature: "leaf_percentile(q, n)",
        about: "the percentile each of n leaves must meet for a request to meet q: q^(1/n); `leaf_percentile(99%, 100)` is 99.99%",
        rule: PERCENT_OF_FANOUT,
        kernel: Kernel::Plain(leaf_percentile),
    },
    Builtin {
        name: "mm1_wait",
        func: Func::Mm1Wait,
        min_args: 2,
        max_args: Some(2),
        signature: "mm1_wait(utilisation, service)",
        about: "M/M/1 mean time in queue: ρS / (1 − ρ); 80% busy at 10 ms waits 40 ms",
        rule: MM1,
        kernel: Kernel::Plain(|xs| mm1(xs, capacity::mm1_wait)),
    },
    Builtin {
        name: "mm1_response",
        func: Func::Mm1Response,
        min_args: 2,
        max_args: Some(2),
        signature: "mm1_response(utilisation, service)",
        about: "M/M/1 mean time in the system, wait and service: S / (1 − ρ)",
        rule: MM1,
        kernel: Kernel::Plain(|xs| mm1(xs, capacity::mm1_response)),
    },
    Builtin {
        name: "erlang_c",
        func: Func::ErlangC,
        min_args: 3,
        max_args: Some(3),
        signature: "erlang_c(λ, service, c)",
        about: "M/M/c (Erlang C): the probability that a request waits, with c servers at arrival rate λ",
        rule: Rule::Args {
            args: MMC_ARGS,
            dim: Dimension::NONE,
            kind: ValueKind::Percent,
        },
        kernel: Kernel::Plain(|xs| mmc(xs).map(|q| q.waits)),
    },
    Builtin {
        name: "mmc_wait",
        func: Func::MmcWait,
        min_args: 3,
        max_args: Some(3),
        signature: "mmc_wait(λ, service, c)",
        about: "M/M/c mean time in queue: erlang_c × service / (c − λ × service)",
        rule: Rule::Args {
            args: MMC_ARGS,
            dim: Dimension::TIME,
            kind: ValueKind::Plain,
        },
        kernel: Kernel::Plain(|xs| mmc(xs).map(|q| q.wait)),
    },
    Builtin {
        name: "servers_for",
        func: Func::ServersFor,
        min_args: 3,
        max_args: Some(3),
        signature: "servers_for(λ, service, wait)",
        about: "the fewest M/M/c servers whose mean time in queue is at most wait",
        rule: Rule::Args {
            args: &[
                MMC_ARGS[0],
                MMC_ARGS[1],
                Arg::Duration("a target mean wait (a duration)"),
            ],
            dim: Dimension::NONE,
            kind: ValueKind::Plain,
        },
        kernel: Kernel::Plain(servers_for),
    },
];

/// A model's arguments outside its domain: the message, the label under argument `arg`, and
/// what the model needs.
fn refuse(arg: usize, message: String, label: String, help: &str) -> Failure {
    Failure {
        arg: Some(arg),
        kind: FailureKind::Model {
            message,
            label,
            help: help.to_string(),
        },
    }
}

/// A fraction as a percentage for a message: `100%`, `140.08%`, `2.5e-7%`.
fn percent(x: Number) -> String {
    let p = x * 100.0;
    if p == 0.0 || p.abs() >= 0.01 {
        format!("{}%", (p * 100.0).round() / 100.0)
    } else {
        format!("{p:.2e}%")
    }
}

/// The time a growth runs for: a negative one is a typo, not a shrinking.
fn span_of_growth(xs: &[Number], arg: usize) -> Result<Number, Failure> {
    let t = xs[arg];
    if t < 0.0 {
        return Err(refuse(
            arg,
            "a growth runs forward in time: how long it grows cannot be negative".to_string(),
            "negative".to_string(),
            "write how long it grows for, e.g. `3 years`; to shrink, use a negative rate \
             (`-10% / year`)",
        ));
    }
    Ok(t)
}

/// The growth per period, `rate × period`: above −100%, or nothing is left to grow.
fn growth_per_period(xs: &[Number]) -> Result<(Number, Number), Failure> {
    let period = xs[2];
    let r = xs[1] * period;
    // `-100% / year` is -0.9999999999999999 once through seconds: it is -100%.
    if r <= -1.0 || same(r, -1.0) {
        return Err(refuse(
            1,
            format!(
                "a growth of {} per period leaves nothing: each period keeps 1 + r of the last",
                percent(r)
            ),
            "at or below -100%".to_string(),
            "a shrinking rate must stay above -100% (`-10% / year`)",
        ));
    }
    Ok((r, period))
}

fn grow(xs: &[Number]) -> Result<Number, Failure> {
    let (r, period) = growth_per_period(xs)?;
    let t = span_of_growth(xs, 3)?;
    let grown = xs[0] * capacity::growth_factor(r, t / period);
    // A value shrunk below the normal doubles has lost its digits, and 0 is not the answer.
    if xs[0] != 0.0 && grown.abs() < Number::MIN_POSITIVE {
        return Err(Failure {
            arg: None,
            kind: FailureKind::Model {
                message: "the result is too small to represent: this shrinking leaves less \
                          than about 1e-308 in base units"
                    .to_string(),
                label: "underflows to 0".to_string(),
                help: "check the rate and how long it runs".to_string(),
            },
        });
    }
    Ok(grown)
}

fn accumulate(xs: &[Number]) -> Result<Number, Failure> {
    let (r, period) = growth_per_period(xs)?;
    let t = span_of_growth(xs, 3)?;
    Ok(capacity::accumulate(xs[0], r, period, t))
}

/// A headroom or utilisation: a fraction from 0 up to, not including, 100%. `at_one` says
/// what 100% would mean, `help` what to write.
fn below_one(
    xs: &[Number],
    arg: usize,
    what: &str,
    at_one: &str,
    help: &str,
) -> Result<Number, Failure> {
    let h = xs[arg];
    if h < 0.0 {
        return Err(refuse(
            arg,
            format!("{what} cannot be negative"),
            "below 0%".to_string(),
            help,
        ));
    }
    if h >= 1.0 {
        return Err(refuse(
            arg,
            at_one.to_string(),
            format!("{} is not below 100%", percent(h)),
            help,
        ));
    }
    Ok(h)
}

const NO_CAPACITY: &str = "a headroom of 100% or more leaves no capacity to use: x / (1 − h) \
                           is unbounded";
const HEADROOM: &str = "a headroom is the share of capacity kept free, from 0% up to, not \
                        including, 100% (`30%` keeps the load at 70% utilisation)";

fn headroom(xs: &[Number]) -> Result<Number, Failure> {
    let h = below_one(xs, 1, "a headroom", NO_CAPACITY, HEADROOM)?;
    Ok(xs[0] / (1.0 - h))
}

fn servers(xs: &[Number]) -> Result<Number, Failure> {
    let (peak, per_server) = (xs[0], xs[1]);
    if peak < 0.0 {
        return Err(refuse(
            0,
            "a peak cannot be negative".to_string(),
            "below zero".to_string(),
            "write the load at its busiest",
        ));
    }
    if per_server <= 0.0 {
        return Err(refuse(
            1,
            "what one server handles must be more than zero".to_string(),
            "not above zero".to_string(),
            "write what one server handles at full utilisation",
        ));
    }
    let h = below_one(xs, 2, "a headroom", NO_CAPACITY, HEADROOM)?;
    Ok(snap_to_whole(peak / (per_server * (1.0 - h))).ceil())
}

/// A fan-out: a whole number of leaves, at least one.
fn fanout(xs: &[Number], arg: usize) -> Result<Number, Failure> {
    let n = xs[arg];
    if n < 1.0 || n.fract() != 0.0 || n > MAX_EXACT_WHOLE {
        return Err(refuse(
            arg,
            format!("a fan-out is a whole number of leaves, at least 1, but this is {n}"),
            if n < 1.0 {
                "fewer than 1 leaf"
            } else {
                "not a whole number"
            }
            .to_string(),
            "write how many leaves each request touches, e.g. `100`",
        ));
    }
    Ok(n)
}

/// A probability or percentile: from 0 to 100%.
fn probability(xs: &[Number], arg: usize, what: &str) -> Result<Number, Failure> {
    let p = xs[arg];
    if !(0.0..=1.0).contains(&p) {
        return Err(refuse(
            arg,
            format!(
                "{what} is a fraction from 0% to 100%, but this is {}",
                percent(p)
            ),
            "outside 0% to 100%".to_string(),
            "write it as a percentage, e.g. `1%` or `99%`",
        ));
    }
    Ok(p)
}

fn fanout_slow(xs: &[Number]) -> Result<Number, Failure> {
    let p = probability(xs, 0, "the share of slow responses of one leaf")?;
    let n = fanout(xs, 1)?;
    Ok(capacity::fanout_slow(p, n))
}

fn leaf_percentile(xs: &[Number]) -> Result<Number, Failure> {
    let q = probability(xs, 0, "a percentile")?;
    let n = fanout(xs, 1)?;
    Ok(capacity::leaf_percentile(q, n))
}

/// A duration a queue model takes: not negative.
fn service(xs: &[Number], arg: usize, what: &str) -> Result<Number, Failure> {
    let s = xs[arg];
    if s < 0.0 {
        return Err(refuse(
            arg,
            format!("{what} cannot be negative"),
            "negative".to_string(),
            "write how long one request takes a server, e.g. `10 ms`",
        ));
    }
    Ok(s)
}

fn mm1(xs: &[Number], f: fn(Number, Number) -> Number) -> Result<Number, Failure> {
    let rho = below_one(
        xs,
        0,
        "utilisation",
        "an M/M/1 queue at 100% utilisation never drains: its wait is unbounded",
        "keep utilisation below 100%: the wait grows without bound as it nears 100% \
         (4 service times at 80%, 9 at 90%, 99 at 99%)",
    )?;
    let s = service(xs, 1, "a service time")?;
    Ok(f(rho, s))
}

/// An arrival rate and a service time: the offered load `λ × S`, in erlangs.
fn offered_load(xs: &[Number]) -> Result<(Number, Number), Failure> {
    let lambda = xs[0];
    if lambda < 0.0 {
        return Err(refuse(
            0,
            "an arrival rate cannot be negative".to_string(),
            "negative".to_string(),
            "write how many requests arrive per unit of time, e.g. `1000 /s`",
        ));
    }
    let s = service(xs, 1, "a service time")?;
    Ok((lambda * s, s))
}

fn mmc(xs: &[Number]) -> Result<capacity::Queue, Failure> {
    let (load, s) = offered_load(xs)?;
    let c = xs[2];
    if c < 1.0 || c.fract() != 0.0 || c > MAX_SERVERS as Number {
        return Err(refuse(
            2,
            format!(
                "an M/M/c queue has a whole number of servers from 1 to {}, but this is {c}",
                grouped(MAX_SERVERS)
            ),
            if c < 1.0 {
                "fewer than 1 server"
            } else {
                "not a whole number, or too many"
            }
            .to_string(),
            "write how many servers (or threads) serve the queue, e.g. `12`",
        ));
    }
    let c = c as u64;
    capacity::mmc(load, s, c).map_err(|no| match no {
        NoQueue::Unstable => refuse(
            2,
            format!(
                "an M/M/c queue with {c} server{} for an offered load (λ × service) of {} \
                 never drains: its wait is unbounded",
                if c == 1 { "" } else { "s" },
                erlangs(load)
            ),
            "too few servers".to_string(),
            "use more servers than λ × service, or let `servers_for(λ, service, wait)` \
             find how many",
        ),
        NoQueue::Underflow => refuse(
            2,
            format!(
                "with {c} servers for an offered load of {}, the chance of waiting is below \
                 1e-308, too small to represent: no request waits, to any digit shown",
                erlangs(load)
            ),
            "far more servers than the load".to_string(),
            "fewer servers give a figure; `servers_for(λ, service, wait)` finds the fewest \
             that meet a mean wait",
        ),
    })
}

fn servers_for(xs: &[Number]) -> Result<Number, Failure> {
    let (load, s) = offered_load(xs)?;
    let target = xs[2];
    if target <= 0.0 {
        return Err(refuse(
            2,
            "the target mean wait must be longer than zero: no number of servers brings \
             it to zero, since some request always waits"
                .to_string(),
            "not above zero".to_string(),
            "write the longest mean time in queue to allow, e.g. `1 ms`",
        ));
    }
    capacity::servers_for(load, s, target)
        .map(|c| c as Number)
        .ok_or_else(|| Failure {
            arg: None,
            kind: FailureKind::Model {
                message: format!(
                    "this load needs more than {} servers, the most `servers_for` searches",
                    grouped(MAX_SERVERS)
                ),
                label: format!("an offered load of {}", erlangs(load)),
                help: "split the load into pools and size one pool".to_string(),
            },
        })
}

/// An offered load for a message: `1 erlang`, `55.3 erlangs`.
fn erlangs(load: Number) -> String {
    let shown = (load * 100.0).round() / 100.0;
    format!("{shown} erlang{}", if shown == 1.0 { "" } else { "s" })
}

/// A whole number with thousands separated: `1,000,000`. (`format::group_thousands` does
/// the same, but `format` sits above `builtins`: `format` → `ir` → `builtins`.)
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
