//! The checked form of a program: what the checker hands to evaluation. Names are resolved to
//! definitions or constants, every node knows its dimension and value kind, conversion targets
//! are factors. Evaluation over this tree is arithmetic only.

use crate::ast::CmpOp;
use crate::builtins::Func;
use crate::quantity::{Conventions, Dimension, ValueKind};
use crate::span::Span;
use crate::value::Number;

/// A checked expression: its dimension is known and its names are resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub node: Node,
    pub dim: Dimension,
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Const(Number),
    /// The value of definition `n`.
    Var(usize),
    Neg(Box<Typed>),
    Bin(Arith, Box<Typed>, Box<Typed>),
    Call(Func, Box<[Typed]>),
    /// An uncertain value. Boxed: it is rare, and its parts would make every node larger.
    Dist(Box<Distribution>),
    /// A comparison, 1 in each trial where it holds and 0 elsewhere: what `prob` averages.
    Cmp(CmpOp, Box<Typed>, Box<Typed>),
}

impl Node {
    pub fn dist(dist: Dist, params: Vec<Typed>, stream: u64) -> Node {
        Node::Dist(Box::new(Distribution {
            dist,
            params,
            stream,
        }))
    }
}

/// An uncertain value: what it is drawn from, its parameters (certain numbers), and the
/// stream of random numbers it is sampled from (see [`stream`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub dist: Dist,
    pub params: Vec<Typed>,
    pub stream: u64,
}

/// What an uncertain value is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dist {
    /// `lo to hi` and `lognormal(lo, hi)`: log-normal, `lo` its 5th and `hi` its 95th
    /// percentile.
    Range,
    Normal,
    Uniform,
    Pert,
    /// `availability(lo to hi)`: what the availability lacks of 1 is the log-normal range
    /// from `1 − hi` to `1 − lo`, so no trial is ever above 100%.
    Availability,
}

/// The name of the statement a distribution is in, hashed: the name of the definition, or,
/// for an output statement, `#` and its position among them. [`stream_at`] mixes in the
/// distribution's position among those of the statement to give the stream it is sampled
/// from (FNV-1a over both), so adding a range to one definition leaves the samples of every
/// other unchanged. An output statement's name is hashed as it is written out, never
/// allocated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamKey(u64);

impl StreamKey {
    pub fn of(statement: std::fmt::Arguments) -> StreamKey {
        let mut key = StreamKey(0xcbf2_9ce4_8422_2325);
        // Hashing cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut key, statement);
        key
    }

    fn mix(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl std::fmt::Write for StreamKey {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.mix(s.as_bytes());
        Ok(())
    }
}

/// The stream of the distribution at `position` in the statement hashed in `key`.
pub fn stream_at(mut key: StreamKey, position: u32) -> u64 {
    key.mix(&position.to_le_bytes());
    key.0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

impl Arith {
    /// The operation on two numbers, with no checks: for constant folding.
    pub fn apply(self, a: Number, b: Number) -> Number {
        match self {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div => a / b,
            Arith::Pow => a.powf(b),
        }
    }
}

impl Typed {
    /// The value of an expression made of constants only.
    pub fn const_value(&self) -> Option<Number> {
        match &self.node {
            Node::Const(v) => Some(*v),
            Node::Var(_) | Node::Call(..) | Node::Dist(..) | Node::Cmp(..) => None,
            Node::Neg(x) => x.const_value().map(|v| -v),
            Node::Bin(op, l, r) => Some(op.apply(l.const_value()?, r.const_value()?)),
        }
    }
}

/// A conversion target, resolved to a factor.
#[derive(Clone, Debug, PartialEq)]
pub enum ResolvedTarget {
    Percent,
    Unit {
        /// The target unit's size in base units.
        factor: Number,
        dim: Dimension,
        /// As the user wrote it, whitespace collapsed.
        text: String,
    },
}

/// A remark about a span of the source: a reading the checker chose, or a warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub span: Span,
    pub text: String,
}

/// A value that checks but is rarely meant (`B^2`): printed, and the program goes on.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub span: Span,
    pub message: String,
    /// Under the span: the unit.
    pub label: String,
    pub help: String,
}

impl Warning {
    pub fn to_diagnostic(&self) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::warning(self.message.clone())
            .primary(self.span, self.label.clone())
            .help(self.help.clone())
    }
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub name: String,
    pub name_span: Span,
    /// The whole statement.
    pub span: Span,
    pub expr: Typed,
    /// Boxed, as in [`Expression`].
    pub target: Option<Box<ResolvedTarget>>,
    pub comment: Option<String>,
    /// Definitions this one uses directly.
    pub deps: Vec<usize>,
    /// Replaced by `--set`.
    pub overridden: bool,
}

#[derive(Clone, Debug)]
pub struct Assertion {
    pub span: Span,
    pub lhs: Typed,
    pub op: CmpOp,
    pub rhs: Typed,
    pub tolerance: Option<Tolerance>,
}

#[derive(Clone, Debug)]
pub enum Tolerance {
    /// A fraction of the right-hand side (`within 1%`).
    Relative(Typed),
    /// In the compared dimension (`within 5 GB`).
    Absolute(Typed),
}

/// An expression statement: its value is printed.
#[derive(Clone, Debug)]
pub struct Expression {
    pub span: Span,
    pub expr: Typed,
    /// Boxed: most statements convert nothing, and a target is six words.
    pub target: Option<Box<ResolvedTarget>>,
}

/// A statement that produces output, in program order: its index among the checked
/// program's definitions, expressions or assertions. Each kind is held in one vector of its
/// own, so an output statement costs no allocation of its own; a `u32` suffices, as a
/// statement takes at least one of the `u32` offsets a source map has (see
/// [`crate::diagnostic::SourceMap`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Define(u32),
    Eval(u32),
    Assert(u32),
}

/// A whole checked program.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Where an input could be read two ways and the checker took the one a person means
    /// (`servers + 30%` is `servers × 1.3`): shown by `--explain`.
    pub readings: Vec<Note>,
    /// Values that check but are rarely meant, in program order.
    pub warnings: Vec<Warning>,
    pub conventions: Conventions,
    pub count_units: Vec<String>,
    pub definitions: Vec<Definition>,
    /// Every definition after the ones it uses.
    pub order: Vec<usize>,
    /// The expression statements, in program order: what [`Item::Eval`] indexes.
    pub expressions: Vec<Expression>,
    /// The assertions, in program order: what [`Item::Assert`] indexes.
    pub assertions: Vec<Assertion>,
    /// The statements that produce output, in program order.
    pub items: Vec<Item>,
}

#[cfg(test)]
mod tests {
    use std::mem::size_of;

    /// A program of a million statements holds a million items, so an item is an index into
    /// the vector of its kind.
    #[test]
    fn an_item_is_small() {
        let item = size_of::<super::Item>();
        assert!(item <= 8, "an item is {item} bytes");
    }

    /// Every node of every checked expression is a `Typed`: its rare, large parts (a
    /// distribution's parameters, a call's arguments) are behind a pointer.
    #[test]
    fn a_typed_node_is_small() {
        let typed = size_of::<super::Typed>();
        assert!(typed <= 48, "a typed node is {typed} bytes");
    }

    /// A 16 MiB file of `1` lines checks to 8 million expression statements, held together
    /// until they are evaluated: a conversion target, which most lack, is boxed.
    #[test]
    fn an_expression_statement_is_small() {
        let expression = size_of::<super::Expression>();
        assert!(
            expression <= 64,
            "an expression statement is {expression} bytes"
        );
    }
}
