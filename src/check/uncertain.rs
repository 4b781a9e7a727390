//! Typing uncertain values: ranges (`lo to hi`), distributions (`normal(mean, sd)`), the
//! summaries that turn them back into numbers (`p(x, 95%)`, `prob(x > t)`), and the rule that
//! an assertion must say which summary it means.
//!
//! A value is uncertain when it holds a distribution, or uses a definition that does, outside
//! a summary. The parameters of a distribution must be certain: `lo to hi` with an uncertain
//! `hi` has no single 95th percentile.

use crate::ast::{BinOp, CmpOp, Expr, ExprKind};
use crate::builtins::Func;
use crate::check::error::{CheckError, CheckErrorKind, Operand};
use crate::check::typecheck::Typer;
use crate::diagnostic::Diagnostic;
use crate::ir::{Dist, Node, StreamKey, Typed, stream_at};
use crate::quantity::{Dimension, ValueKind};
use crate::span::Span;

/// What is wrong with an uncertain value.
#[derive(Clone, Debug, PartialEq)]
pub enum UncertainError {
    /// `1 GB to 3 s`.
    RangeDimensions { lo: Operand, hi: Operand },
    /// A range or distribution whose parameter is itself uncertain.
    UncertainParameter { what: String },
    /// `x > 5` outside `prob(…)`.
    ComparisonOutsideProb,
    /// `prob(x)`.
    ProbNeedsComparison,
    /// `prob(x ~= y)`, which has no tolerance to say how near.
    ProbApprox,
    /// `assert peak_qps < 1M /s` on an uncertain `peak_qps`.
    BareAssert {
        lhs: String,
        op: CmpOp,
        rhs: String,
        /// The side that is uncertain.
        uncertain: Span,
    },
    /// `availability(1 GB to 2 GB)`.
    AvailabilityRange { found: Operand },
    /// `x to users` where `users` is a definition and a count word.
    AmbiguousTo { name: String },
    /// `p(x, 1)`: the 1st percentile, or the 100th?
    PercentileOne,
    /// A range or distribution of availabilities, which could pass 100%.
    AvailabilityOfRange,
    /// `300 to 700M`: a scale on the high end only.
    ScaleOnOneEnd {
        lo: String,
        hi: String,
        scale: String,
    },
}

impl UncertainError {
    pub fn diagnostic(&self, span: Span) -> Diagnostic {
        match self {
            UncertainError::RangeDimensions { lo, hi } => Diagnostic::new(format!(
                "the ends of a range have different dimensions: {} and {}",
                lo.words, hi.words
            ))
            .secondary(lo.span, lo.words.clone())
            .primary(hi.span, hi.words.clone())
            .help(
                "write both ends in one dimension (`1 MB to 3 MB`; a bare number takes the \
                 unit of the other end: `1 to 3 MB`)",
            ),
            UncertainError::UncertainParameter { what } => {
                Diagnostic::new(format!("{what} must be certain"))
                    .primary(span, "this is uncertain")
                    .help(
                        "use a summary of it, e.g. `median(x)` or `p(x, 95%)`, or write the \
                         numbers",
                    )
            }
            UncertainError::ComparisonOutsideProb => {
                Diagnostic::new("a comparison stands only in `assert` or inside `prob(…)`")
                    .primary(span, "a comparison here")
                    .help("for the probability that it holds, write `prob(x > t)`")
            }
            UncertainError::ProbNeedsComparison => Diagnostic::new("`prob` needs a comparison")
                .primary(span, "not a comparison")
                .help("write what must hold, e.g. `prob(peak_qps > 1M /s)`"),
            UncertainError::ProbApprox => {
                Diagnostic::new("`prob` takes `<`, `<=`, `>`, `>=` or `==`, not `~=`")
                    .primary(span, "no tolerance here")
                    .help("for the chance of being near a value, write `prob(x > lo) - prob(x > hi)`")
            }
            UncertainError::BareAssert {
                lhs,
                op,
                rhs,
                uncertain,
            } => {
                let op = op.symbol();
                Diagnostic::new(
                    "an assertion on an uncertain value must say which summary it means",
                )
                .primary(*uncertain, "this is uncertain")
                .help(format!(
                    "assert a percentile, `assert p({lhs}, 95%) {op} {rhs}`, or a probability, \
                         `assert prob({lhs} {op} {rhs}) > 95%`"
                ))
            }
            UncertainError::AmbiguousTo { name } => Diagnostic::new(format!(
                "`to {name}` could convert to the unit `{name}` or be a range up to the value `{name}`"
            ))
            .primary(span, "both a count word and a definition")
            .help(format!(
                "write `-> {name}` to convert, or put the range in parentheses, `(x to {name})`"
            )),
            UncertainError::ScaleOnOneEnd { lo, hi, scale } => Diagnostic::new(format!(
                "`{lo} to {hi}` has a scale at the high end only: it reads {lo} to {hi}, not {lo}{scale} to {hi}"
            ))
            .primary(span, format!("{} here, but not after {lo}", scale.trim()))
            .help(format!(
                "write the scale on both ends, `{lo}{scale} to {hi}`, or the high end in full"
            )),
            UncertainError::PercentileOne => {
                Diagnostic::new("`p(x, 1)` could mean the 1st percentile or the 100th")
                    .primary(span, "write it as a percentage")
                    .help("write `p(x, 1%)` or `p(x, 100%)`")
            }
            UncertainError::AvailabilityOfRange => Diagnostic::new(
                "a range or distribution of availabilities could pass 100%",
            )
            .primary(span, "an availability here")
            .help("write `availability(99.9% to 99.99%)`: it draws what the availability lacks of 1, which stays above 0"),
            UncertainError::AvailabilityRange { found } => {
                Diagnostic::new("`availability` of a range needs fractions at both ends")
                    .primary(found.span, found.words.clone())
                    .help("write percentages, e.g. `availability(99.9% to 99.99%)`")
            }
        }
    }
}

fn error(kind: UncertainError, span: Span) -> CheckError {
    CheckError::new(CheckErrorKind::Uncertain(kind), span)
}

impl Typer<'_> {
    /// Starts a statement: its distributions are numbered from 0 in the stream of `name`.
    pub fn begin_statement(&self, name: std::fmt::Arguments) {
        self.statement.set(StreamKey::of(name));
        self.position.set(0);
    }

    /// The stream of the next distribution in this statement.
    fn next_stream(&self) -> u64 {
        let position = self.position.get();
        self.position.set(position.wrapping_add(1));
        stream_at(self.statement.get(), position)
    }

    /// Whether `t` is uncertain: it holds a distribution, or uses an uncertain definition,
    /// outside a summary.
    pub fn is_uncertain(&self, t: &Typed) -> bool {
        match &t.node {
            Node::Const(_) => false,
            Node::Var(i) => self.uncertain.get(*i).copied().unwrap_or(false),
            Node::Dist(..) => true,
            Node::Call(func, _) if func.is_summary() => false,
            Node::Call(_, args) => args.iter().any(|a| self.is_uncertain(a)),
            Node::Neg(x) => self.is_uncertain(x),
            Node::Bin(_, a, b) | Node::Cmp(_, a, b) => self.is_uncertain(a) || self.is_uncertain(b),
        }
    }

    pub(super) fn certain(&self, t: &Typed, what: &str) -> Result<(), CheckError> {
        if self.is_uncertain(t) {
            return Err(error(
                UncertainError::UncertainParameter {
                    what: what.to_string(),
                },
                t.span,
            ));
        }
        Ok(())
    }

    /// `lo to hi`.
    pub(super) fn range(&self, e: &Expr, lo: &Expr, hi: &Expr) -> Result<Typed, CheckError> {
        self.same_scale(lo, hi)?;
        let hi_t = self.lower(hi)?;
        let carried = takes_unit_of(lo, hi).filter(|_| self.only_units_after_number(hi));
        let lo_t = match carried {
            Some(scaled) => self.lower(&scaled)?,
            None => self.lower(lo)?,
        };
        self.certain(&lo_t, "the ends of a range")?;
        self.certain(&hi_t, "the ends of a range")?;
        if lo_t.dim != hi_t.dim {
            return Err(error(
                UncertainError::RangeDimensions {
                    lo: self.scope.operand(lo_t.span, lo_t.dim),
                    hi: self.scope.operand(hi_t.span, hi_t.dim),
                },
                hi_t.span,
            ));
        }
        if let Some(a) = [&lo_t, &hi_t]
            .into_iter()
            .find(|t| t.kind == ValueKind::Availability)
        {
            return Err(error(UncertainError::AvailabilityOfRange, a.span));
        }
        let kind = if lo_t.kind == hi_t.kind {
            lo_t.kind
        } else {
            ValueKind::Plain
        };
        let dim = lo_t.dim;
        Ok(Typed {
            node: Node::dist(Dist::Range, vec![lo_t, hi_t], self.next_stream()),
            dim,
            kind,
            span: e.span,
        })
    }

    /// `300 to 700M` is 300 to 700,000,000, which nobody means: units carry from the high
    /// end to a bare low end (`1 to 3 MB`), but a scale is part of the number, and a scale on
    /// the high end alone is refused with both readings.
    fn same_scale(&self, lo: &Expr, hi: &Expr) -> Result<(), CheckError> {
        // A literal's scale as written, with the space before a word: `M`, ` million`.
        let scale_of = |e: &Expr| {
            let text = self.sources.slice(e.span);
            let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ');
            &text[digits.len()..]
        };
        // An exponent (`1e9`) is no scale.
        let is_scale = |s: &str| !s.trim().is_empty() && !s.trim().eq_ignore_ascii_case("e");
        let (ExprKind::Number(_), Some(head)) = (&lo.kind, leading_number(hi)) else {
            return Ok(());
        };
        let scale = scale_of(head);
        if is_scale(scale) && !is_scale(scale_of(lo)) {
            return Err(error(
                UncertainError::ScaleOnOneEnd {
                    lo: self.sources.slice(lo.span).to_string(),
                    hi: self.sources.slice(hi.span).to_string(),
                    scale: scale.to_string(),
                },
                head.span,
            ));
        }
        Ok(())
    }

    /// Whether what follows the leading number of `hi` is units only (`3 MB/s`), not values
    /// (`300 / servers`), whose meaning a bare low end must not take.
    fn only_units_after_number(&self, hi: &Expr) -> bool {
        let mut stack: Vec<&Expr> = hi.children().collect();
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Name(name) => {
                    if self.scope.definition(name).is_some()
                        || crate::quantity::reference::lookup(name).is_some()
                    {
                        return false;
                    }
                }
                _ => stack.extend(e.children()),
            }
        }
        true
    }

    /// `availability(lo to hi)`: an uncertain availability.
    pub(super) fn availability_range(
        &self,
        span: Span,
        lo: &Expr,
        hi: &Expr,
    ) -> Result<Typed, CheckError> {
        let lo_t = self.lower(lo)?;
        let hi_t = self.lower(hi)?;
        for end in [&lo_t, &hi_t] {
            self.certain(end, "the ends of a range")?;
            if !end.dim.is_none() {
                return Err(error(
                    UncertainError::AvailabilityRange {
                        found: self.scope.operand(end.span, end.dim),
                    },
                    end.span,
                ));
            }
        }
        Ok(Typed {
            node: Node::dist(Dist::Availability, vec![lo_t, hi_t], self.next_stream()),
            dim: Dimension::NONE,
            kind: ValueKind::Availability,
            span,
        })
    }

    /// A distribution function's call, typed by its rule: sampled, with certain parameters.
    pub(super) fn distribution(&self, func: Func, typed: Typed) -> Result<Typed, CheckError> {
        let dist = match func {
            Func::Normal => Dist::Normal,
            Func::Uniform => Dist::Uniform,
            Func::LogNormal => Dist::Range,
            Func::Pert => Dist::Pert,
            _ => return Ok(typed),
        };
        let Node::Call(_, args) = typed.node else {
            return Ok(typed);
        };
        for a in &args {
            self.certain(a, "the parameters of a distribution")?;
            if a.kind == ValueKind::Availability {
                return Err(error(UncertainError::AvailabilityOfRange, a.span));
            }
        }
        Ok(Typed {
            node: Node::dist(dist, args.into_vec(), self.next_stream()),
            ..typed
        })
    }

    /// `prob(x > t)`: the comparison, typed like an assertion's.
    pub(super) fn comparison(&self, arg: &Expr) -> Result<Typed, CheckError> {
        let ExprKind::Compare { op, lhs, rhs, .. } = &arg.kind else {
            return Err(error(UncertainError::ProbNeedsComparison, arg.span));
        };
        if *op == CmpOp::Approx {
            return Err(error(UncertainError::ProbApprox, arg.span));
        }
        let l = self.lower(lhs)?;
        let r = self.lower(rhs)?;
        if l.dim != r.dim {
            return Err(CheckError::new(
                CheckErrorKind::CompareMismatch {
                    lhs: self.scope.operand(l.span, l.dim),
                    rhs: self.scope.operand(r.span, r.dim),
                    byte_hint: self.byte_hint(&[lhs, rhs]),
                },
                r.span,
            ));
        }
        Ok(Typed {
            node: Node::Cmp(*op, Box::new(l), Box::new(r)),
            dim: Dimension::NONE,
            kind: ValueKind::Plain,
            span: arg.span,
        })
    }

    /// An assertion compares numbers: a side that is uncertain must be summarised first.
    pub(super) fn certain_assertion(
        &self,
        lhs: &Typed,
        op: CmpOp,
        rhs: &Typed,
    ) -> Result<(), CheckError> {
        let Some(uncertain) = [lhs, rhs].into_iter().find(|t| self.is_uncertain(t)) else {
            return Ok(());
        };
        Err(error(
            UncertainError::BareAssert {
                lhs: self.sources.slice(lhs.span).to_string(),
                op,
                rhs: self.sources.slice(rhs.span).to_string(),
                uncertain: uncertain.span,
            },
            uncertain.span,
        ))
    }
}

/// The number a quantity starts with: `3` of `3 MB/s`.
fn leading_number(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Number(_) => Some(e),
        ExprKind::Binary {
            op: BinOp::ImplicitMul | BinOp::PerUnit | BinOp::Div,
            lhs,
            ..
        } => leading_number(lhs),
        ExprKind::Percent(x) => leading_number(x),
        _ => None,
    }
}

/// `1 to 3 MB`: a bare number at the low end takes the unit of the high end, which starts
/// with a number (`3 MB`, `3 MB/s`, `3%`). Returns the low end so written.
fn takes_unit_of(lo: &Expr, hi: &Expr) -> Option<Expr> {
    if !matches!(lo.kind, ExprKind::Number(_)) {
        return None;
    }
    if let ExprKind::Percent(x) = &hi.kind
        && matches!(x.kind, ExprKind::Number(_))
    {
        return Some(Expr {
            kind: ExprKind::Percent(Box::new(lo.clone())),
            ..lo.clone()
        });
    }
    // The number that heads the high end, and the units after it.
    let ExprKind::Binary {
        op: op @ (BinOp::ImplicitMul | BinOp::PerUnit | BinOp::Div),
        op_span,
        lhs,
        rhs,
    } = &hi.kind
    else {
        return None;
    };
    let head = match &lhs.kind {
        ExprKind::Number(_) => None,
        // `3 / x` is a number divided by a value, not a quantity: only its units carry.
        _ if *op == BinOp::Div => return None,
        ExprKind::Binary {
            op: BinOp::ImplicitMul | BinOp::PerUnit,
            ..
        } => Some(takes_unit_of(lo, lhs)?),
        _ => return None,
    };
    Some(Expr {
        kind: ExprKind::Binary {
            op: *op,
            op_span: *op_span,
            lhs: Box::new(head.unwrap_or_else(|| lo.clone())),
            rhs: rhs.clone(),
        },
        span: lo.span,
        depth: hi.depth,
    })
}
