//! Dimension typing (the readings of ambiguous input are in `reading`): lowers a syntax tree into a [`Typed`] tree, resolving names and checking
//! that every operation's dimensions agree. Function calls follow the rules of
//! [`crate::builtins`] (see [`super::call`]); conversion targets and assertions are typed here
//! too.

use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Target};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::hint::ByteHint;
use crate::check::reading::{percent_change, result_kind};
use crate::check::scope::{Meaning, Scope};
use crate::diagnostic::SourceMap;
use std::cell::{Cell, RefCell};

use crate::ir::{Arith, Assertion, Node, Note, ResolvedTarget, StreamKey, Tolerance, Typed};
use crate::quantity::{Dimension, ValueKind};
use crate::span::Span;
use crate::value::Number;

pub struct Typer<'a> {
    pub scope: &'a Scope,
    pub sources: &'a SourceMap,
    /// Dimension and kind of each definition, once typed.
    pub types: Vec<Option<(Dimension, ValueKind)>>,
    /// Each definition's expression as written, to trace a value back to its literals.
    pub values: &'a [&'a Expr],
    /// The readings taken where an input could mean two things.
    pub readings: RefCell<Vec<Note>>,
    /// Lowering a unit (after a number, or a conversion target), where a count word such as
    /// `users` may stand.
    pub unit_position: Cell<bool>,
    /// Whether each definition, once typed, is uncertain (see [`super::uncertain`]).
    pub uncertain: Vec<bool>,
    /// The statement being typed, whose distributions are numbered by `position`: together
    /// they name each distribution's stream of random numbers.
    pub statement: Cell<StreamKey>,
    pub position: Cell<u32>,
}

fn error(kind: CheckErrorKind, span: Span) -> CheckError {
    CheckError::new(kind, span)
}

/// A hundredth of a number literal written in decimal (`99.9`, `1_000`, `2.5e-3`), rounded
/// once from its digits; `None` for any other text (`10K`, a name).
fn hundredth_of_literal(text: &str) -> Option<Number> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let (mantissa, exponent) = match clean.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (clean.as_str(), 0),
    };
    let decimal = !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().filter(|&c| c == '.').count() <= 1;
    if !decimal {
        return None;
    }
    format!("{mantissa}e{}", exponent.checked_sub(2)?)
        .parse()
        .ok()
}

impl Typer<'_> {
    /// Lowers `e`; a dimension error in it says so when a `500B` among its operands was
    /// probably meant as a billion.
    pub fn lower(&self, e: &Expr) -> Result<Typed, CheckError> {
        self.lower_node(e).map_err(|mut err| {
            if !err.hint_searched && err.is_dimension() {
                err.hint_searched = true;
                err.byte_hint = self.byte_hint(&[e]).map(Box::new);
            }
            err
        })
    }

    fn lower_node(&self, e: &Expr) -> Result<Typed, CheckError> {
        let plain = |node, dim| Typed {
            node,
            dim,
            kind: ValueKind::Plain,
            span: e.span,
        };
        match &e.kind {
            ExprKind::Number(n) => Ok(plain(Node::Const(*n), Dimension::NONE)),
            ExprKind::Name(name) => match self.scope.meaning(name, e.span)? {
                Meaning::Definition(i) => {
                    let (dim, kind) = self.types.get(i).copied().flatten().ok_or_else(|| {
                        error(
                            CheckErrorKind::Internal {
                                message: format!("`{name}` used before it was checked"),
                            },
                            e.span,
                        )
                    })?;
                    Ok(Typed {
                        node: Node::Var(i),
                        dim,
                        kind,
                        span: e.span,
                    })
                }
                Meaning::Unit { factor, dim } => Ok(plain(Node::Const(factor), dim)),
                Meaning::Word { dim } if self.unit_position.get() => {
                    Ok(plain(Node::Const(1.0), dim))
                }
                Meaning::Word { .. } => Err(error(
                    CheckErrorKind::WordAlone { name: name.clone() },
                    e.span,
                )),
                Meaning::Reference { value, dim } => Ok(plain(Node::Const(value), dim)),
            },
            ExprKind::Neg(x) => {
                let x = self.lower(x)?;
                let (dim, kind) = (x.dim, x.kind);
                Ok(Typed {
                    kind: if kind == ValueKind::Percent {
                        kind
                    } else {
                        ValueKind::Plain
                    },
                    ..plain(Node::Neg(Box::new(x)), dim)
                })
            }
            ExprKind::Percent(x) => {
                let x = self.lower(x)?;
                if !x.dim.is_none() {
                    return Err(error(
                        CheckErrorKind::PercentNeedsPlain {
                            found: self.scope.operand(x.span, x.dim),
                        },
                        x.span,
                    ));
                }
                // `99.9%` is the double nearest 0.999, read from the digits as written;
                // 99.9 × 0.01 (or even 99.9 / 100) is 0.9990000000000001.
                let percent = |node| Typed {
                    kind: ValueKind::Percent,
                    ..plain(node, Dimension::NONE)
                };
                if let Node::Const(_) = x.node
                    && let Some(v) = hundredth_of_literal(self.sources.slice(x.span))
                {
                    // `99.99999999999999999%` is not 100%, and `1e-323%` is not 0%.
                    let text = self.sources.slice(x.span);
                    let whole: String = text.chars().take_while(char::is_ascii_digit).collect();
                    let below_100 =
                        !text.contains(['e', 'E']) && whole.parse::<u64>().is_ok_and(|w| w < 100);
                    let nonzero = text.contains(|c: char| ('1'..='9').contains(&c));
                    if (v == 1.0 && below_100) || (v == 0.0 && nonzero) {
                        return Err(error(
                            CheckErrorKind::PercentTooFine { near_one: v == 1.0 },
                            e.span,
                        ));
                    }
                    return Ok(percent(Node::Const(v)));
                }
                let hundred = plain(Node::Const(100.0), Dimension::NONE);
                Ok(percent(Node::Bin(
                    Arith::Div,
                    Box::new(x),
                    Box::new(hundred),
                )))
            }
            ExprKind::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => self.binary(e, *op, *op_span, lhs, rhs),
            ExprKind::Call(call) => self.call(e.span, &call.name, call.name_span, &call.args),
            ExprKind::Range { lo, hi, .. } => self.range(e, lo, hi),
            ExprKind::Compare { .. } => Err(error(
                CheckErrorKind::Uncertain(
                    crate::check::uncertain::UncertainError::ComparisonOutsideProb,
                ),
                e.span,
            )),
        }
    }

    fn binary(
        &self,
        e: &Expr,
        op: BinOp,
        op_span: Span,
        lhs: &Expr,
        rhs: &Expr,
    ) -> Result<Typed, CheckError> {
        // `2 posts`: after a number a count word is a word, even where a definition takes its
        // name (see `Scope::word`).
        let word = match &rhs.kind {
            ExprKind::Name(name) if op == BinOp::ImplicitMul => self.scope.word(name),
            _ => None,
        };
        if op == BinOp::ImplicitMul && word.is_none() {
            self.require_unit(lhs, rhs)?;
        }
        if op == BinOp::Div
            && let Some(unfolded) = self.left_to_right(lhs, rhs, op_span)?
        {
            return self.lower(&unfolded);
        }
        let l = self.lower(lhs)?;
        let r = match word {
            Some(Meaning::Unit { factor, dim }) => Typed {
                node: Node::Const(factor),
                dim,
                kind: ValueKind::Plain,
                span: rhs.span,
            },
            // `1B users`: a count word annotates a count, never a size or a duration.
            Some(Meaning::Word { .. })
                if l.dim.information() != 0 || l.dim.time() != 0 || l.dim.money() != 0 =>
            {
                return Err(error(
                    CheckErrorKind::WordAfterUnit {
                        word: self.sources.slice(rhs.span).to_string(),
                        value: self.sources.slice(lhs.span).to_string(),
                    },
                    rhs.span,
                ));
            }
            Some(Meaning::Word { dim }) => Typed {
                node: Node::Const(1.0),
                dim,
                kind: ValueKind::Plain,
                span: rhs.span,
            },
            _ if matches!(op, BinOp::ImplicitMul | BinOp::PerUnit) => self.lower_unit(rhs)?,
            _ => self.lower(rhs)?,
        };
        if matches!(op, BinOp::Add | BinOp::Sub)
            && self.is_percent_change(op, op_span, lhs, rhs, &l, &r)?
        {
            return Ok(percent_change(e.span, op, l, r));
        }
        let too_big = || error(CheckErrorKind::ExponentOutOfRange, e.span);
        let (arith, dim) = match op {
            BinOp::Add | BinOp::Sub => {
                if l.dim != r.dim {
                    return Err(error(
                        CheckErrorKind::AddMismatch {
                            subtract: op == BinOp::Sub,
                            lhs: self.scope.operand(l.span, l.dim),
                            rhs: self.scope.operand(r.span, r.dim),
                            byte_hint: self.byte_hint(&[lhs, rhs]),
                        },
                        op_span,
                    ));
                }
                let arith = if op == BinOp::Add {
                    Arith::Add
                } else {
                    Arith::Sub
                };
                (arith, l.dim)
            }
            BinOp::Mul | BinOp::ImplicitMul => {
                (Arith::Mul, l.dim.times(r.dim).ok_or_else(too_big)?)
            }
            BinOp::Div | BinOp::PerUnit => (Arith::Div, l.dim.per(r.dim).ok_or_else(too_big)?),
            BinOp::Pow => (Arith::Pow, self.power_dimension(&l, &r)?),
        };
        // Availabilities multiplied are an availability: components in series.
        let kind = result_kind(arith, l.kind, r.kind);
        Ok(Typed {
            node: Node::Bin(arith, Box::new(l), Box::new(r)),
            dim,
            kind,
            span: e.span,
        })
    }

    /// Lowers `e` where a unit stands, so that count words mean themselves.
    fn lower_unit(&self, e: &Expr) -> Result<Typed, CheckError> {
        let outer = self.unit_position.replace(true);
        let typed = self.lower(e);
        self.unit_position.set(outer);
        typed
    }

    /// The right side of implicit multiplication must be a unit: `10 KB`, not `10 dau`.
    fn require_unit(&self, value: &Expr, unit: &Expr) -> Result<(), CheckError> {
        let name_expr = match &unit.kind {
            ExprKind::Binary {
                op: BinOp::Pow,
                lhs,
                ..
            } => lhs.as_ref(),
            _ => unit,
        };
        let ExprKind::Name(name) = &name_expr.kind else {
            return Ok(());
        };
        let what = match self.scope.meaning(name, name_expr.span)? {
            Meaning::Definition(_) => "a definition",
            Meaning::Reference { .. } => "a reference number",
            Meaning::Unit { .. } | Meaning::Word { .. } => return Ok(()),
        };
        Err(error(
            CheckErrorKind::ValueNotUnit {
                name: name.clone(),
                what,
                value: value.span,
                value_text: self.sources.slice(value.span).to_string(),
            },
            name_expr.span,
        ))
    }

    /// Where `span` is, for a hint about `operands`: `line 3`, or `common.bote:3` in another
    /// file.
    fn place(&self, span: Span, operands: &[&Expr]) -> Option<String> {
        let at = self.sources.locate(span.start)?;
        let here = operands
            .first()
            .and_then(|o| self.sources.locate(o.span.start))
            .map(|l| l.file);
        Some(if here == Some(at.file) {
            format!("line {}", at.line)
        } else {
            format!("{}:{}", at.file, at.line)
        })
    }

    /// `500B` (a number glued to `B`) among the operands of a dimension error, or in a
    /// definition they use, usually meant a billion.
    pub fn byte_hint(&self, operands: &[&Expr]) -> Option<ByteHint> {
        // (expression, reached through a definition)
        let mut stack: Vec<(&Expr, bool)> = operands.iter().map(|e| (*e, false)).collect();
        let mut visited = vec![false; self.values.len()];
        while let Some((e, through)) = stack.pop() {
            if let ExprKind::Binary { op, lhs, rhs, .. } = &e.kind
                && *op == BinOp::ImplicitMul
                && matches!(lhs.kind, ExprKind::Number(_))
                && matches!(&rhs.kind, ExprKind::Name(n) if n == "B")
                && lhs.span.end == rhs.span.start
            {
                return Some(ByteHint {
                    text: self.sources.slice(e.span).to_string(),
                    number: self.sources.slice(lhs.span).to_string(),
                    at: through.then(|| self.place(e.span, operands)).flatten(),
                });
            }
            if let ExprKind::Name(name) = &e.kind
                && let Some(i) = self.scope.definition(name)
                && let (Some(value), Some(seen)) = (self.values.get(i), visited.get_mut(i))
                && !*seen
            {
                *seen = true;
                stack.push((value, true));
            }
            stack.extend(e.children().map(|c| (c, through)));
        }
        None
    }

    fn power_dimension(&self, base: &Typed, exponent: &Typed) -> Result<Dimension, CheckError> {
        if !exponent.dim.is_none() {
            return Err(error(
                CheckErrorKind::ExponentNotPlain {
                    found: self.scope.operand(exponent.span, exponent.dim),
                },
                exponent.span,
            ));
        }
        if base.dim.is_none() {
            return Ok(Dimension::NONE);
        }
        let base_operand = || self.scope.operand(base.span, base.dim);
        let Some(n) = exponent.const_value() else {
            return Err(error(
                CheckErrorKind::PowerNeedsConstant {
                    base: base_operand(),
                },
                exponent.span,
            ));
        };
        // Accept integers and simple fractions (halves, thirds…) whose result is whole.
        let as_fraction = (1..=12).find_map(|den| {
            let num = n * den as f64;
            (num.fract() == 0.0 && num.abs() < 1e6).then_some((num as i64, den))
        });
        as_fraction
            .and_then(|(num, den)| base.dim.pow(num, den))
            .ok_or_else(|| {
                error(
                    CheckErrorKind::BadPower {
                        base: base_operand(),
                        exponent: n,
                    },
                    exponent.span,
                )
            })
    }

    /// Resolves `-> target` for `value`, which was lowered from `source`.
    pub fn target(
        &self,
        target: &Target,
        value: &Typed,
        source: &Expr,
    ) -> Result<ResolvedTarget, CheckError> {
        let (resolved, dim, span) = match target {
            Target::Percent(span) => (ResolvedTarget::Percent, Dimension::NONE, *span),
            Target::Unit { expr, text, .. } => {
                self.units_only(expr)?;
                let typed = self.lower_unit(expr)?;
                let factor = typed
                    .const_value()
                    .filter(|f| f.is_finite() && *f > 0.0)
                    .ok_or_else(|| {
                        error(
                            CheckErrorKind::TargetNotUnit { with_help: false },
                            expr.span,
                        )
                    })?;
                (
                    ResolvedTarget::Unit {
                        factor,
                        dim: typed.dim,
                        text: text.clone(),
                    },
                    typed.dim,
                    expr.span,
                )
            }
        };
        if dim != value.dim {
            let help = if dim.per(value.dim) == Some(Dimension::TIME) {
                Some("multiply by a duration first, e.g. `* 1 day`")
            } else if value.dim.per(dim) == Some(Dimension::TIME) {
                Some("divide by a duration first, e.g. `/ 1 day`")
            } else {
                None
            };
            return Err(error(
                CheckErrorKind::ConvertMismatch {
                    value: self.scope.operand(value.span, value.dim),
                    target: self.scope.operand(span, dim),
                    help,
                    byte_hint: self.byte_hint(&[source]),
                },
                span,
            ));
        }
        Ok(resolved)
    }

    /// A calendar length is a constant: numbers and units only, since every definition
    /// depends on the calendar.
    pub fn constant_only(&self, expr: &Expr) -> Result<(), CheckError> {
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            if let ExprKind::Name(name) = &e.kind
                && !self.scope.is_unit(name)
            {
                return Err(error(
                    CheckErrorKind::CalendarLengthNotConstant { name: name.clone() },
                    e.span,
                ));
            }
            stack.extend(e.children());
        }
        Ok(())
    }

    /// A target may hold units, `1`, and operators; no numbers or definitions.
    fn units_only(&self, expr: &Expr) -> Result<(), CheckError> {
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(n) if *n == 1.0 => {}
                ExprKind::Name(name) => {
                    if let Meaning::Definition(_) | Meaning::Reference { .. } =
                        self.scope.meaning(name, e.span)?
                    {
                        return Err(error(
                            CheckErrorKind::TargetIsValue { name: name.clone() },
                            e.span,
                        ));
                    }
                }
                ExprKind::Binary {
                    op: BinOp::Pow,
                    lhs,
                    ..
                } => stack.push(lhs),
                ExprKind::Binary { lhs, rhs, .. } => {
                    stack.push(lhs);
                    stack.push(rhs);
                }
                _ => {
                    return Err(error(
                        CheckErrorKind::TargetNotUnit { with_help: true },
                        e.span,
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn assertion(
        &self,
        span: Span,
        lhs: &Expr,
        op: CmpOp,
        rhs: &Expr,
        tolerance: Option<&Expr>,
    ) -> Result<Assertion, CheckError> {
        let l = self.lower(lhs)?;
        let r = self.lower(rhs)?;
        self.certain_assertion(&l, op, &r)?;
        if l.dim != r.dim {
            return Err(error(
                CheckErrorKind::CompareMismatch {
                    lhs: self.scope.operand(l.span, l.dim),
                    rhs: self.scope.operand(r.span, r.dim),
                    byte_hint: self.byte_hint(&[lhs, rhs]),
                },
                r.span,
            ));
        }
        let tolerance = match tolerance {
            None => None,
            // Written with `%`, a tolerance is relative; otherwise it is absolute, in the
            // compared dimension: `within 1%`, `within 5 GB`, `within 3` for plain numbers.
            Some(t) => {
                let relative = matches!(t.kind, ExprKind::Percent(_));
                let t = self.lower(t)?;
                self.certain(&t, "a tolerance")?;
                if relative {
                    Some(Tolerance::Relative(t))
                } else if t.dim == l.dim {
                    Some(Tolerance::Absolute(t))
                } else {
                    return Err(error(
                        CheckErrorKind::ToleranceDimension {
                            compared: self.scope.describe(l.dim),
                            found: self.scope.operand(t.span, t.dim),
                        },
                        t.span,
                    ));
                }
            }
        };
        Ok(Assertion {
            span,
            lhs: l,
            op,
            rhs: r,
            tolerance,
        })
    }
}
