//! Typing `grow(x, r / period, t)` and `accumulate(rate, r / period, t)`: the period a growth
//! rate is stated in is part of what it means. `20% / year` is 6.3e-9 /s in base units, and
//! compounding that per second for 3 years gives e^0.6 = 1.822, not 1.2^3 = 1.728. So the
//! period is read from how the rate is written (`20% / year`, `5% per (6 months)`, or a name
//! defined so), and passed to the kernel as a hidden argument after the rate: the call is
//! lowered to `(x, rate, period, t)`. A rate whose period cannot be seen is an error that
//! says how to write it; bote never compounds per second unasked.

use crate::ast::{BinOp, Expr, ExprKind};
use crate::builtins::{Arg, Builtin, Func};
use crate::check::error::{CheckError, CheckErrorKind, Operand};
use crate::check::typecheck::Typer;
use crate::diagnostic::Diagnostic;
use crate::ir::{Node, Typed};
use crate::quantity::{Dimension, ValueKind};
use crate::span::Span;
use crate::value::{Number, same};

/// What is wrong with the growth rate of `grow` or `accumulate`.
#[derive(Clone, Debug, PartialEq)]
pub enum GrowthError {
    /// `grow(x, 20%, 3 years)`: not a rate at all.
    NotARate { function: String, found: Operand },
    /// `grow(x, growth * 2, t)`: a rate, but not written as a percentage per period.
    PeriodUnseen { function: String },
    /// `10% / year to 5% / month`: the ends of a range compound over different periods.
    PeriodsDiffer { function: String },
    /// `grow(x, 20% / -1 year, t)`.
    PeriodNotPositive,
}

fn error(e: GrowthError, span: Span) -> CheckError {
    CheckError::new(CheckErrorKind::Growth(e), span)
}

const HOW: &str = "write the growth with the period it compounds over: `20% / year`, \
                   `5% per (6 months)`, here or in the definition it names";

impl GrowthError {
    pub fn diagnostic(&self, span: Span) -> Diagnostic {
        match self {
            GrowthError::NotARate { function, found } => {
                let (what, label) = if found.dim.is_none() {
                    ("a plain number, with no period".to_string(), "no period")
                } else {
                    (found.words.clone(), found.words.as_str())
                };
                Diagnostic::new(format!(
                    "`{function}` needs a growth rate per period, such as `20% / year`, but \
                     this is {what}"
                ))
                .primary(found.span, label)
                .help(HOW)
            }
            GrowthError::PeriodUnseen { function } => Diagnostic::new(format!(
                "`{function}` compounds once per period, and the period of this rate cannot \
                 be read from how it is written"
            ))
            .primary(span, "a rate without a stated period")
            .help(format!(
                "{HOW}; a rate computed from others (`growth * 2`) has no period of its own"
            )),
            GrowthError::PeriodsDiffer { function } => Diagnostic::new(format!(
                "`{function}` compounds once per period, and the ends of this range are \
                 stated over different periods"
            ))
            .primary(span, "two periods")
            .help("state both ends over one period: `(10% to 30%) / year`"),
            GrowthError::PeriodNotPositive => {
                Diagnostic::new("a growth rate's period must be longer than zero")
                    .primary(span, "not longer than zero")
                    .help(HOW)
            }
        }
    }
}

/// How deep a chain of names (`a = b`, `b = 20% / year`) is followed to find a period.
const MAX_DEPTH: usize = 64;

impl Typer<'_> {
    /// `grow(x, rate, t)` or `accumulate(rate, growth, t)`, lowered to `(x, rate, period, t)`.
    pub(super) fn growth_call(
        &self,
        def: &Builtin,
        span: Span,
        args: &[Expr],
    ) -> Result<Typed, CheckError> {
        let [x, rate, t] = args else {
            return Err(CheckError::new(
                CheckErrorKind::Internal {
                    message: format!("`{}` takes 3 arguments", def.name),
                },
                span,
            ));
        };
        let name = def.name;
        let x = self.lower(x)?;
        let (dim, kind) = match def.func {
            Func::Accumulate => {
                if x.dim.time() >= 0 {
                    return Err(CheckError::new(
                        CheckErrorKind::WrongArgument {
                            function: name.to_string(),
                            wanted: "a rate (a value per unit of time, such as `2 TB / day`)",
                            found: self.scope.operand(x.span, x.dim),
                        },
                        x.span,
                    ));
                }
                let dim = x
                    .dim
                    .times(Dimension::TIME)
                    .ok_or_else(|| CheckError::new(CheckErrorKind::ExponentOutOfRange, x.span))?;
                (dim, ValueKind::Plain)
            }
            // A grown availability is no longer one: it may pass 100%.
            _ if x.kind == ValueKind::Availability => (x.dim, ValueKind::Plain),
            _ => (x.dim, x.kind),
        };
        let growth = self.lower(rate)?;
        if growth.dim != Dimension::PER_TIME {
            let found = self.scope.operand(growth.span, growth.dim);
            return Err(error(
                GrowthError::NotARate {
                    function: name.to_string(),
                    found,
                },
                growth.span,
            ));
        }
        let period = self.stated_period(name, rate, MAX_DEPTH)?;
        let t = self.lower(t)?;
        self.check_arg(name, Arg::Duration("a duration (how long it grows)"), &t)?;
        let hidden = Typed {
            node: Node::Const(period),
            dim: Dimension::TIME,
            kind: ValueKind::Plain,
            // Empty, so that worked steps write nothing for it.
            span: Span::new(growth.span.end as usize, growth.span.end as usize),
        };
        Ok(Typed {
            node: Node::Call(def.func, Box::new([x, growth, hidden, t])),
            dim,
            kind,
            span,
        })
    }

    /// The period, in seconds, that `rate` is written over: `P / period` or `P per period`
    /// with a period made of numbers and units, a name defined so, a negation or a range of
    /// them.
    fn stated_period(
        &self,
        function: &str,
        rate: &Expr,
        depth: usize,
    ) -> Result<Number, CheckError> {
        let unseen = || {
            error(
                GrowthError::PeriodUnseen {
                    function: function.to_string(),
                },
                rate.span,
            )
        };
        if depth == 0 {
            return Err(unseen());
        }
        match &rate.kind {
            ExprKind::Binary {
                op: BinOp::Div | BinOp::PerUnit,
                rhs,
                ..
            } => {
                let period = self.lower(rhs)?;
                match period.const_value() {
                    Some(p) if period.dim == Dimension::TIME && p > 0.0 && p.is_finite() => Ok(p),
                    Some(_) if period.dim == Dimension::TIME => {
                        Err(error(GrowthError::PeriodNotPositive, rhs.span))
                    }
                    _ => Err(unseen()),
                }
            }
            ExprKind::Name(name) => {
                let i = self.scope.definition(name).ok_or_else(unseen)?;
                let value = self.values.get(i).ok_or_else(unseen)?;
                // An error found in the definition is drawn at its use here.
                self.stated_period(function, value, depth - 1)
                    .map_err(|e| CheckError::new(*e.kind, rate.span))
            }
            ExprKind::Neg(x) => self.stated_period(function, x, depth - 1),
            ExprKind::Range { lo, hi, .. } => {
                let lo = self.stated_period(function, lo, depth - 1)?;
                let hi = self.stated_period(function, hi, depth - 1)?;
                if same(lo, hi) {
                    Ok(lo)
                } else {
                    Err(error(
                        GrowthError::PeriodsDiffer {
                            function: function.to_string(),
                        },
                        rate.span,
                    ))
                }
            }
            _ => Err(unseen()),
        }
    }
}
