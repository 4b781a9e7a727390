//! Evaluation: arithmetic over checked expressions. Dimensions were settled by the checker;
//! what can still go wrong here depends on values: division by zero, overflow, domain errors.

use crate::ast::CmpOp;
use crate::check::{Arith, Assertion, Checked, Item, Node, Tolerance, Typed};
use crate::diagnostic::Diagnostic;
use crate::functions::Func;
use crate::reliability;
use crate::span::Span;

/// The number type behind every quantity; one alias so that a later change (samples for
/// uncertainty, exact rationals) touches one place.
pub type Number = f64;

#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub kind: EvalErrorKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EvalErrorKind {
    DivisionByZero,
    Overflow,
    NotANumber,
    Domain(String),
}

impl EvalError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match &self.kind {
            EvalErrorKind::DivisionByZero => {
                Diagnostic::new("division by zero").primary(self.span, "this is zero")
            }
            EvalErrorKind::Overflow => Diagnostic::new("the result is too large to represent")
                .primary(self.span, "overflows to infinity")
                .help("numbers must stay below about 1.8e308 in base units"),
            EvalErrorKind::NotANumber => {
                Diagnostic::new("the result is not a number").primary(self.span, "undefined here")
            }
            EvalErrorKind::Domain(message) => {
                Diagnostic::new(message.clone()).primary(self.span, "out of range")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssertOutcome {
    pub passed: bool,
    pub lhs: Number,
    pub rhs: Number,
    /// The absolute tolerance applied, in base units, for `~=`.
    pub tolerance: Option<Number>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Define(usize),
    Eval(Number),
    Assert(AssertOutcome),
}

#[derive(Clone, Debug)]
pub struct Evaluated {
    /// The value of each definition, in base units.
    pub values: Vec<Number>,
    /// One per checked item, in file order.
    pub outcomes: Vec<Outcome>,
}

pub fn evaluate(checked: &Checked) -> Result<Evaluated, EvalError> {
    let mut values = vec![0.0; checked.definitions.len()];
    for &i in &checked.order {
        values[i] = eval(&checked.definitions[i].expr, &values)?;
    }
    let mut outcomes = Vec::with_capacity(checked.items.len());
    for item in &checked.items {
        outcomes.push(match item {
            Item::Define(i) => Outcome::Define(*i),
            Item::Eval { expr, .. } => Outcome::Eval(eval(expr, &values)?),
            Item::Assert(a) => Outcome::Assert(assertion(a, &values)?),
        });
    }
    Ok(Evaluated { values, outcomes })
}

fn assertion(a: &Assertion, values: &[Number]) -> Result<AssertOutcome, EvalError> {
    let lhs = eval(&a.lhs, values)?;
    let rhs = eval(&a.rhs, values)?;
    let tolerance = match &a.tolerance {
        None => None,
        Some(Tolerance::Relative(t)) => Some((eval(t, values)? * rhs).abs()),
        Some(Tolerance::Absolute(t)) => Some(eval(t, values)?.abs()),
    };
    // Comparisons treat floating-point noise as equality: `3 * 100 ms <= 300 ms` holds.
    let eq = same(lhs, rhs);
    let passed = match a.op {
        CmpOp::Lt => lhs < rhs && !eq,
        CmpOp::Le => lhs < rhs || eq,
        CmpOp::Gt => lhs > rhs && !eq,
        CmpOp::Ge => lhs > rhs || eq,
        CmpOp::Eq => eq,
        CmpOp::Approx => (lhs - rhs).abs() <= tolerance.unwrap_or(0.0),
    };
    Ok(AssertOutcome {
        passed,
        lhs,
        rhs,
        tolerance,
    })
}

fn finite(value: Number, span: Span) -> Result<Number, EvalError> {
    if value.is_nan() {
        Err(EvalError {
            kind: EvalErrorKind::NotANumber,
            span,
        })
    } else if value.is_infinite() {
        Err(EvalError {
            kind: EvalErrorKind::Overflow,
            span,
        })
    } else {
        Ok(value)
    }
}

fn domain(span: Span, message: String) -> EvalError {
    EvalError {
        kind: EvalErrorKind::Domain(message),
        span,
    }
}

/// Evaluates one expression; recursion depth is bounded by the parser's tree height limit.
pub fn eval(t: &Typed, values: &[Number]) -> Result<Number, EvalError> {
    let v = match &t.node {
        Node::Const(v) => *v,
        Node::Var(i) => values.get(*i).copied().unwrap_or(Number::NAN),
        Node::Neg(x) => -eval(x, values)?,
        Node::Bin(op, l, r) => {
            let a = eval(l, values)?;
            let b = eval(r, values)?;
            match op {
                Arith::Add => a + b,
                Arith::Sub => a - b,
                Arith::Mul => a * b,
                Arith::Div => {
                    if b == 0.0 {
                        return Err(EvalError {
                            kind: EvalErrorKind::DivisionByZero,
                            span: r.span,
                        });
                    }
                    a / b
                }
                Arith::Pow => {
                    if a == 0.0 && b < 0.0 {
                        return Err(EvalError {
                            kind: EvalErrorKind::DivisionByZero,
                            span: l.span,
                        });
                    }
                    if a < 0.0 && b.fract() != 0.0 {
                        return Err(domain(
                            t.span,
                            format!("a negative number to the power {b} is not a real number"),
                        ));
                    }
                    a.powf(b)
                }
            }
        }
        Node::Call(func, args) => call(*func, args, t.span, values)?,
    };
    finite(v, t.span)
}

/// Two values closer than this, relative to the larger, are equal: a few floating-point
/// operations leave noise near 1e-16 (`3 * 100 ms` is 0.30000000000000004 s), and no estimate
/// means a difference of one part in a trillion.
const NOISE: Number = 1e-12;

/// Equal up to floating-point noise.
pub fn same(a: Number, b: Number) -> bool {
    (a - b).abs() <= NOISE * a.abs().max(b.abs())
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

fn call(func: Func, args: &[Typed], span: Span, values: &[Number]) -> Result<Number, EvalError> {
    let mut xs = Vec::with_capacity(args.len());
    for a in args {
        xs.push(eval(a, values)?);
    }
    let x = xs.first().copied().unwrap_or(Number::NAN);
    let arg_span = args.first().map_or(span, |a| a.span);
    let positive = |name: &str| {
        if x > 0.0 {
            Ok(())
        } else {
            Err(domain(
                arg_span,
                format!("`{name}` needs a positive number, but this is {x}"),
            ))
        }
    };
    Ok(match func {
        Func::Min => xs.iter().copied().fold(Number::INFINITY, Number::min),
        Func::Max => xs.iter().copied().fold(Number::NEG_INFINITY, Number::max),
        Func::Ceil => snap_to_whole(x).ceil(),
        Func::Floor => snap_to_whole(x).floor(),
        Func::Round => x.round(),
        Func::Abs => x.abs(),
        Func::Sqrt => {
            if x < 0.0 {
                return Err(domain(
                    arg_span,
                    format!("`sqrt` needs a number of at least 0, but this is {x}"),
                ));
            }
            x.sqrt()
        }
        Func::Log2 => {
            positive("log2")?;
            x.log2()
        }
        Func::Log10 => {
            positive("log10")?;
            x.log10()
        }
        Func::Ln => {
            positive("ln")?;
            x.ln()
        }
        Func::Exp => x.exp(),
        Func::Availability if xs.len() == 2 => {
            for (v, a) in xs.iter().zip(args) {
                if *v < 0.0 {
                    return Err(domain(
                        a.span,
                        format!("a duration cannot be negative: {v} s"),
                    ));
                }
            }
            if xs[0] + xs[1] == 0.0 {
                return Err(EvalError {
                    kind: EvalErrorKind::DivisionByZero,
                    span,
                });
            }
            reliability::from_mtbf(xs[0], xs[1])
        }
        Func::Availability => fraction(x, arg_span)?,
        Func::Nines => {
            if x < 0.0 {
                return Err(domain(
                    arg_span,
                    format!("`nines` needs n ≥ 0, but this is {x}"),
                ));
            }
            reliability::nines(x)
        }
        Func::Series | Func::Parallel => {
            for (v, a) in xs.iter().zip(args) {
                fraction(*v, a.span)?;
            }
            if func == Func::Series {
                reliability::series(&xs)
            } else {
                reliability::parallel(&xs)
            }
        }
        Func::KOfN => {
            let count = |i: usize| -> Result<u64, EvalError> {
                let v = xs[i];
                if v < 0.0 || v.fract() != 0.0 || v > 1e6 {
                    return Err(domain(
                        args[i].span,
                        format!(
                            "`k_of_n` needs a whole number from 0 to 1000000 here, but this is {v}"
                        ),
                    ));
                }
                Ok(v as u64)
            };
            let (k, n) = (count(0)?, count(1)?);
            if k > n {
                return Err(domain(
                    args[0].span,
                    format!("`k_of_n` needs k ≤ n, but k = {k} and n = {n}"),
                ));
            }
            reliability::k_of_n(k, n, fraction(xs[2], args[2].span)?)
        }
        Func::Downtime | Func::ErrorBudget => reliability::downtime(fraction(x, arg_span)?, xs[1]),
        Func::BurnRate => {
            fraction(x, arg_span)?;
            if xs[2] <= 0.0 {
                return Err(domain(
                    args[2].span,
                    format!(
                        "the alert window must be longer than zero, but this is {} s",
                        xs[2]
                    ),
                ));
            }
            reliability::burn_rate(x, xs[1], xs[2])
        }
    })
}

/// An availability or other fraction must lie in [0, 1].
fn fraction(x: Number, span: Span) -> Result<Number, EvalError> {
    match reliability::not_a_fraction(x, "an availability") {
        None => Ok(x),
        Some(message) => Err(domain(span, message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn equality_ignores_noise_only() {
        assert!(same(3.0 * 0.1, 0.3));
        assert!(same(0.1 + 0.2, 0.3));
        assert!(!same(1.0, 1.0 + 1e-9));
        assert!(same(0.0, 0.0));
        assert!(!same(0.0, 1e-300));
    }
}
