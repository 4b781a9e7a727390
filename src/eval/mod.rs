//! Evaluation: arithmetic over the checked tree. Dimensions were settled by the checker; what
//! can still go wrong here depends on values (division by zero, overflow, a function's
//! domain). Arithmetic is lifted over [`Value`]s, so evaluation does not know whether a value
//! is one number or many. Each output statement comes back paired with what it computed, so
//! no caller matches two lists; output statements are computed as they are read, one at a
//! time.

mod error;
mod uncertain;

pub use error::{EvalError, EvalErrorKind};
pub use uncertain::Sampling;

use crate::ast::CmpOp;
use crate::builtins::{self, FailureKind, Kernel};
use crate::ir::{
    Arith, Assertion, Checked, Definition, Expression, Item, Node, ResolvedTarget, Tolerance, Typed,
};
use crate::quantity::ValueKind;
use crate::span::Span;
use crate::value::{Number, Value, same};

/// What an assertion found.
#[derive(Clone, Debug, PartialEq)]
pub struct AssertOutcome {
    pub passed: bool,
    pub lhs: Value,
    pub rhs: Value,
    /// The absolute tolerance applied, in base units, for `~=`.
    pub tolerance: Option<Value>,
}

/// One output statement and what it computed.
#[derive(Clone, Debug)]
pub enum Entry<'c> {
    Definition {
        index: usize,
        definition: &'c Definition,
        value: Value,
    },
    Expression {
        expression: &'c Expression,
        value: Value,
    },
    Assertion {
        assertion: &'c Assertion,
        outcome: AssertOutcome,
    },
}

/// Everything a checked program computed: the value of every definition. The output
/// statements are computed as [`Evaluation::entries`] asks for them, so that a program of
/// millions of expressions never holds their values all at once.
#[derive(Clone, Debug)]
pub struct Evaluation<'c> {
    pub checked: &'c Checked,
    /// The value of each definition, by index.
    pub values: Vec<Value>,
    /// How uncertain values were sampled.
    pub sampling: Sampling,
}

impl<'c> Evaluation<'c> {
    /// Each output statement with what it computed, in program order; an expression or
    /// assertion that cannot be computed is an error in its place.
    pub fn entries(&self) -> impl Iterator<Item = Result<Entry<'c>, EvalError>> + '_ {
        let checked = self.checked;
        let cx = Context {
            values: &self.values,
            sampling: &self.sampling,
        };
        checked.items.iter().map(move |item| {
            Ok(match *item {
                Item::Define(i) => Entry::Definition {
                    index: i as usize,
                    definition: &checked.definitions[i as usize],
                    value: cx.values[i as usize].clone(),
                },
                Item::Eval(i) => {
                    let expression = &checked.expressions[i as usize];
                    let value = eval(&expression.expr, &cx)?;
                    convertible(&value, expression.target.as_deref(), expression.span)?;
                    Entry::Expression { expression, value }
                }
                Item::Assert(i) => {
                    let assertion = &checked.assertions[i as usize];
                    Entry::Assertion {
                        assertion,
                        outcome: assert(assertion, &cx)?,
                    }
                }
            })
        })
    }
}

impl Evaluation<'_> {
    /// The value of any checked expression of the program, from the definitions' values: a
    /// part of a formula, for its worked steps.
    pub(crate) fn value_of(&self, t: &Typed) -> Result<Value, EvalError> {
        let cx = Context {
            values: &self.values,
            sampling: &self.sampling,
        };
        eval(t, &cx)
    }
}

/// Computes every definition of a checked program, in an order where each comes after what
/// it uses; the output statements wait for [`Evaluation::entries`]. An error in an output
/// statement is found there, so a caller that must not stop half-way (an error after some
/// output) collects the entries before it writes.
pub fn evaluate<'c>(
    checked: &'c Checked,
    sampling: &Sampling,
) -> Result<Evaluation<'c>, EvalError> {
    let mut values = vec![Value::scalar(0.0); checked.definitions.len()];
    // Where each definition is last used among the definitions (`None`: by an output
    // statement, evaluated after them all, or by nothing), so that its trials are
    // summarised as soon as nothing needs them.
    let last_use = (!sampling.keep_samples).then(|| last_uses(checked));
    for (position, &i) in checked.order.iter().enumerate() {
        let def = &checked.definitions[i];
        let cx = Context {
            values: &values,
            sampling,
        };
        let value = eval(&def.expr, &cx)?;
        convertible(&value, def.target.as_deref(), def.span)?;
        values[i] = value;
        if let Some(last_use) = &last_use {
            for &j in &last_use[position] {
                values[j] = values[j].summarized();
            }
        }
    }
    Ok(Evaluation {
        checked,
        values,
        sampling: *sampling,
    })
}

/// For each position in the evaluation order, the definitions whose last use is the
/// definition evaluated there (a definition nothing uses is its own last use). A definition
/// an output statement uses is never listed: those run after every definition.
fn last_uses(checked: &Checked) -> Vec<Vec<usize>> {
    let n = checked.definitions.len();
    let mut position = vec![0; n];
    for (p, &i) in checked.order.iter().enumerate() {
        position[i] = p;
    }
    let mut last = position.clone();
    for (i, def) in checked.definitions.iter().enumerate() {
        for &d in &def.deps {
            last[d] = last[d].max(position[i]);
        }
    }
    let mut used_by_items = vec![false; n];
    let mut mark = |t: &Typed| uses(t, &mut used_by_items);
    for e in &checked.expressions {
        mark(&e.expr);
    }
    for a in &checked.assertions {
        mark(&a.lhs);
        mark(&a.rhs);
        match &a.tolerance {
            Some(Tolerance::Relative(t) | Tolerance::Absolute(t)) => mark(t),
            None => {}
        }
    }
    let mut at = vec![Vec::new(); checked.order.len()];
    for (i, &p) in last.iter().enumerate() {
        if !used_by_items[i] {
            at[p].push(i);
        }
    }
    at
}

/// Marks every definition `t` reads.
fn uses(t: &Typed, used: &mut [bool]) {
    match &t.node {
        Node::Var(i) => {
            if let Some(u) = used.get_mut(*i) {
                *u = true;
            }
        }
        Node::Const(_) => {}
        Node::Neg(x) => uses(x, used),
        Node::Bin(_, a, b) | Node::Cmp(_, a, b) => {
            uses(a, used);
            uses(b, used);
        }
        Node::Call(_, args) => args.iter().for_each(|a| uses(a, used)),
        Node::Dist(d) => d.params.iter().for_each(|a| uses(a, used)),
    }
}

/// What evaluating an expression needs: the value of each definition so far, and how to
/// sample.
struct Context<'s> {
    values: &'s [Value],
    sampling: &'s Sampling,
}

fn assert(a: &Assertion, cx: &Context) -> Result<AssertOutcome, EvalError> {
    let lhs = eval(&a.lhs, cx)?;
    let rhs = eval(&a.rhs, cx)?;
    let tolerance = match &a.tolerance {
        None => None,
        Some(Tolerance::Relative(t)) => Some(non_negative(t, cx)?.zip(&rhs, |t, r| (t * r).abs())),
        Some(Tolerance::Absolute(t)) => Some(non_negative(t, cx)?),
    };
    // Comparisons treat floating-point noise as equality: `3 * 100 ms <= 300 ms` holds.
    // Availabilities compare by what they lack of 1, so that 20 nines beat 19.
    let availability =
        a.lhs.kind == ValueKind::Availability || a.rhs.kind == ValueKind::Availability;
    let (l, r) = if availability {
        (-lhs.complement(), -rhs.complement())
    } else {
        (lhs.point(), rhs.point())
    };
    let eq = same(l, r);
    let passed = match a.op {
        CmpOp::Lt => l < r && !eq,
        CmpOp::Le => l < r || eq,
        CmpOp::Gt => l > r && !eq,
        CmpOp::Ge => l > r || eq,
        CmpOp::Eq => eq,
        CmpOp::Approx => (l - r).abs() <= tolerance.as_ref().map_or(0.0, Value::point),
    };
    Ok(AssertOutcome {
        passed,
        lhs,
        rhs,
        tolerance,
    })
}

/// A tolerance: `within -200%` would let anything pass, so it is an error.
fn non_negative(t: &Typed, cx: &Context) -> Result<Value, EvalError> {
    let v = eval(t, cx)?;
    match v.find(|x| x < 0.0) {
        Some(_) => Err(error(EvalErrorKind::NegativeTolerance, t.span)),
        None => Ok(v),
    }
}

fn error(kind: EvalErrorKind, span: Span) -> EvalError {
    EvalError { kind, span }
}

/// `1e300 s -> ns` is finite in seconds but not in nanoseconds: a conversion that overflows
/// is an error at the statement, never `inf ns`.
fn convertible(
    value: &Value,
    target: Option<&ResolvedTarget>,
    span: Span,
) -> Result<(), EvalError> {
    let (factor, unit) = match target {
        Some(ResolvedTarget::Unit { factor, text, .. }) => (*factor, text.as_str()),
        Some(ResolvedTarget::Percent) => (0.01, "%"),
        None => return Ok(()),
    };
    if value.find(|v| !(v / factor).is_finite()).is_some() {
        return Err(error(
            EvalErrorKind::ConversionOverflow {
                unit: unit.to_string(),
            },
            span,
        ));
    }
    // `5e-324 s -> years` is not 0 years.
    if value.find(|v| v != 0.0 && v / factor == 0.0).is_some() {
        return Err(error(EvalErrorKind::Underflow, span));
    }
    Ok(())
}

/// A value with an infinity or NaN in it is an error at `span`.
fn finite(value: Value, span: Span) -> Result<Value, EvalError> {
    // One pass over the trials; a NaN anywhere outranks an infinity.
    match value.find(|x| !x.is_finite()) {
        None => Ok(value),
        Some(_) if value.find(Number::is_nan).is_some() => {
            Err(error(EvalErrorKind::NotANumber, span))
        }
        Some(_) => Err(error(EvalErrorKind::Overflow, span)),
    }
}

/// Evaluates one expression; recursion depth is bounded by the parser's tree height limit.
fn eval(t: &Typed, cx: &Context) -> Result<Value, EvalError> {
    let v = match &t.node {
        Node::Const(v) => Value::scalar(*v),
        Node::Var(i) => cx
            .values
            .get(*i)
            .cloned()
            .unwrap_or(Value::scalar(Number::NAN)),
        Node::Neg(x) => eval(x, cx)?.map(|x| -x),
        Node::Dist(d) => {
            let values = d
                .params
                .iter()
                .map(|p| eval(p, cx))
                .collect::<Result<Vec<_>, _>>()?;
            let spans: Vec<Span> = d.params.iter().map(|p| p.span).collect();
            uncertain::sample(d.dist, &values, &spans, t.span, d.stream, cx.sampling)?
        }
        Node::Cmp(op, l, r) => {
            let availability =
                l.kind == ValueKind::Availability || r.kind == ValueKind::Availability;
            uncertain::compare(*op, &eval(l, cx)?, &eval(r, cx)?, availability)
        }
        Node::Bin(op, l, r) => {
            let a = eval(l, cx)?;
            let b = eval(r, cx)?;
            match op {
                Arith::Div if b.find(|b| b == 0.0).is_some() => {
                    return Err(error(EvalErrorKind::DivisionByZero, r.span));
                }
                Arith::Pow => power(&a, &b, t.span, l.span)?,
                Arith::Sub => a.minus(&b),
                // Availabilities multiplied are components in series: keep their nines.
                Arith::Mul if t.kind == ValueKind::Availability => {
                    Value::zip_all_exact(&[a, b], builtins::series)
                        .map_err(|_| error(EvalErrorKind::NotANumber, t.span))?
                }
                Arith::Mul | Arith::Div => {
                    // A product of numbers that are not 0 is not 0: below the smallest
                    // double it is an error, as above the largest (`1e-300 * 1e-300`).
                    let mut underflow = false;
                    let v = a.zip(&b, |a, b| {
                        let r = op.apply(a, b);
                        underflow |= r == 0.0 && a != 0.0 && (b != 0.0 || *op == Arith::Div);
                        r
                    });
                    if underflow {
                        return Err(error(EvalErrorKind::Underflow, t.span));
                    }
                    v
                }
                _ => a.zip(&b, |a, b| op.apply(a, b)),
            }
        }
        Node::Call(func, args) => {
            let builtin = builtins::get(*func);
            let xs = args
                .iter()
                .map(|a| eval(a, cx))
                .collect::<Result<Vec<_>, _>>()?;
            let result = match builtin.kernel {
                Kernel::Plain(f) => Value::zip_all(&xs, f),
                Kernel::Exact(f) => Value::zip_all_exact(&xs, f),
                Kernel::Uncertain => {
                    let spans: Vec<Span> = args.iter().map(|a| a.span).collect();
                    return finite(uncertain::summarize(*func, &xs, &spans, t.span)?, t.span);
                }
            };
            result.map_err(|failure| {
                let span = failure
                    .arg
                    .and_then(|i| args.get(i))
                    .map_or(t.span, |a| a.span);
                let kind = match failure.kind {
                    FailureKind::DivisionByZero => EvalErrorKind::DivisionByZero,
                    // Among thousands of trials, the one shown is one of those that fail.
                    FailureKind::Domain(message) if xs.iter().any(Value::is_uncertain) => {
                        EvalErrorKind::Domain(format!(
                            "{message}, in a trial of an uncertain argument, whose range \
                             must stay inside the function's domain"
                        ))
                    }
                    FailureKind::Domain(message) => EvalErrorKind::Domain(message),
                    FailureKind::Model {
                        message,
                        label,
                        help,
                    } => EvalErrorKind::Parameters {
                        message: if xs.iter().any(Value::is_uncertain) {
                            format!("{message}, in a trial of an uncertain argument")
                        } else {
                            message
                        },
                        label,
                        help,
                    },
                };
                error(kind, span)
            })?
        }
    };
    finite(v, t.span)
}

/// `a ^ b`: zero to a negative power divides by zero; a negative number to a fractional
/// power is not real.
fn power(a: &Value, b: &Value, span: Span, base_span: Span) -> Result<Value, EvalError> {
    let mut failure = None;
    let result = a.zip(b, |a, b| {
        if a == 0.0 && b < 0.0 {
            failure.get_or_insert(error(EvalErrorKind::DivisionByZero, base_span));
        } else if a < 0.0 && b.fract() != 0.0 {
            failure.get_or_insert(error(
                EvalErrorKind::Domain(format!(
                    "a negative number to the power {b} is not a real number"
                )),
                span,
            ));
        }
        let r = a.powf(b);
        if r == 0.0 && a != 0.0 {
            failure.get_or_insert(error(EvalErrorKind::Underflow, span));
        }
        r
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(result),
    }
}
