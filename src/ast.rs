//! The syntax tree. Every node carries the byte span of the source it came from.

use crate::value::Number;

use crate::quantity::conventions::CalendarUnit;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Height of this subtree; the parser bounds it so that no later recursive pass can
    /// overflow the stack.
    pub depth: u32,
}

impl Expr {
    /// The direct children, in source order: the operand of `Neg` and `Percent`, `lhs` then
    /// `rhs` of `Binary` and `Compare`, `lo` then `hi` of `Range`, the arguments of `Call`, none for `Number` and `Name`. The one
    /// traversal of the tree: a pass that only needs to visit every node recurses through it.
    pub fn children(&self) -> impl Iterator<Item = &Expr> {
        let (first, second, rest): (Option<&Expr>, Option<&Expr>, &[Expr]) = match &self.kind {
            ExprKind::Number(_) | ExprKind::Name(_) => (None, None, &[]),
            ExprKind::Neg(operand) | ExprKind::Percent(operand) => (Some(operand), None, &[]),
            ExprKind::Binary { lhs, rhs, .. }
            | ExprKind::Compare { lhs, rhs, .. }
            | ExprKind::Range {
                lo: lhs, hi: rhs, ..
            } => (Some(lhs), Some(rhs), &[]),
            ExprKind::Call(call) => (None, None, &call.args),
        };
        first.into_iter().chain(second).chain(rest)
    }

    /// [`Expr::children`], to change them: the interactive session reads `_` and `ans` as the
    /// name of the last result this way, keeping every span on the text that was typed.
    pub fn children_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        let (first, second, rest): (Option<&mut Expr>, Option<&mut Expr>, &mut [Expr]) =
            match &mut self.kind {
                ExprKind::Number(_) | ExprKind::Name(_) => (None, None, &mut []),
                ExprKind::Neg(operand) | ExprKind::Percent(operand) => {
                    (Some(operand), None, &mut [])
                }
                ExprKind::Binary { lhs, rhs, .. }
                | ExprKind::Compare { lhs, rhs, .. }
                | ExprKind::Range {
                    lo: lhs, hi: rhs, ..
                } => (Some(lhs), Some(rhs), &mut []),
                ExprKind::Call(call) => (None, None, &mut call.args),
            };
        first.into_iter().chain(second).chain(rest)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(Number),
    /// A definition, unit or reference number; which one is decided by the checker.
    Name(String),
    Neg(Box<Expr>),
    /// Postfix `%`: times 0.01.
    Percent(Box<Expr>),
    Binary {
        op: BinOp,
        /// The operator; empty for implicit multiplication.
        op_span: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// Boxed: calls are rare, and their parts would double the size of every node.
    Call(Box<Call>),
    /// `lo to hi`: an uncertain value, `lo` its 5th and `hi` its 95th percentile.
    Range {
        lo: Box<Expr>,
        to_span: Span,
        hi: Box<Expr>,
    },
    /// `x > 1M /s`: a comparison, as the argument of `prob`.
    Compare {
        op: CmpOp,
        op_span: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
}

/// `name(args…)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub name: String,
    pub name_span: Span,
    pub args: Vec<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    /// A value followed by a unit (`10 KB`, `500B`, `2^30 B`); binds tighter than `*` and `/`.
    ImplicitMul,
    /// `/` or `per` inside a quantity: a number, its units, then `/ unit` (`100 MB/s`,
    /// `2 req/user/day`, `10 GB per day`). The quantity is one operand, so `x / 100 MB/s`
    /// divides by the rate. The checker reads it left to right again when a name after the
    /// `/` turns out to be a definition (`total / 10 GB / servers`).
    PerUnit,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul | BinOp::ImplicitMul => "*",
            BinOp::Div | BinOp::PerUnit => "/",
            BinOp::Pow => "^",
        }
    }
}

/// What `-> target` asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// `-> %`
    Percent(Span),
    /// A unit expression such as `GB/day` or `/s` (read as `1/s`). `via_to` is the span of
    /// `to` when the target followed it: `x to hi` where `hi` turns out to be a value is a
    /// range, which the checker tells apart (see `check::ranges`).
    Unit {
        expr: Expr,
        text: String,
        via_to: Option<Span>,
    },
}

impl Target {
    pub fn span(&self) -> Span {
        match self {
            Target::Percent(span) => *span,
            Target::Unit { expr, .. } => expr.span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    /// `~=`, with a `within` tolerance.
    Approx,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Approx => "~=",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub kind: StmtKind,
    /// The statement without its trailing comment.
    pub span: Span,
    /// A trailing `# comment`, trimmed, without its `#`: the value's description. Held as a
    /// span of the source, empty for none, so that it costs a statement one word: see
    /// [`StmtKind`].
    pub comment: Span,
}

impl Statement {
    /// The statement's top-level expressions, in source order: a definition's or an output's
    /// value and conversion target, an assertion's sides and tolerance, a calendar length.
    pub fn expressions(&self) -> Vec<&Expr> {
        fn target(t: &Option<Box<Target>>) -> Option<&Expr> {
            match t.as_deref() {
                Some(Target::Unit { expr, .. }) => Some(expr),
                _ => None,
            }
        }
        match &self.kind {
            StmtKind::Define {
                value, target: t, ..
            }
            | StmtKind::Eval { value, target: t } => {
                [Some(value), target(t)].into_iter().flatten().collect()
            }
            StmtKind::Assert {
                lhs,
                rhs,
                tolerance,
                ..
            } => [Some(&**lhs), Some(&**rhs), tolerance.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            StmtKind::CalendarLength { value, .. } => vec![value],
            StmtKind::UnitDecl { .. } | StmtKind::Calendar { .. } => Vec::new(),
        }
    }

    /// [`Statement::expressions`], to change them.
    pub fn expressions_mut(&mut self) -> Vec<&mut Expr> {
        fn target(t: &mut Option<Box<Target>>) -> Option<&mut Expr> {
            match t.as_deref_mut() {
                Some(Target::Unit { expr, .. }) => Some(expr),
                _ => None,
            }
        }
        match &mut self.kind {
            StmtKind::Define {
                value, target: t, ..
            }
            | StmtKind::Eval { value, target: t } => {
                [Some(value), target(t)].into_iter().flatten().collect()
            }
            StmtKind::Assert {
                lhs,
                rhs,
                tolerance,
                ..
            } => [Some(&mut **lhs), Some(&mut **rhs), tolerance.as_deref_mut()]
                .into_iter()
                .flatten()
                .collect(),
            StmtKind::CalendarLength { value, .. } => vec![value],
            StmtKind::UnitDecl { .. } | StmtKind::Calendar { .. } => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    // Rare, large parts are boxed so that a statement stays small: a scenario of 10,000
    // definitions holds 10,000 of them, and a 16 MiB file of one-line statements 8 million.
    Define {
        name: Box<str>,
        name_span: Span,
        value: Expr,
        target: Option<Box<Target>>,
    },
    Eval {
        value: Expr,
        target: Option<Box<Target>>,
    },
    Assert {
        lhs: Box<Expr>,
        op: CmpOp,
        rhs: Box<Expr>,
        tolerance: Option<Box<Expr>>,
    },
    /// `unit req`: a count unit with its own dimension.
    UnitDecl { name: String, name_span: Span },
    /// `calendar gregorian`: a named calendar.
    Calendar { name: String, name_span: Span },
    /// `calendar year = 365 days`: one length overridden.
    CalendarLength {
        unit: CalendarUnit,
        unit_span: Span,
        value: Expr,
    },
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    /// The first line of the leading comment block.
    pub title: Option<String>,
    /// The rest of the leading comment block.
    pub description: Option<String>,
    pub statements: Vec<Statement>,
    /// `import "path"` lines, apart from the statements: the session reads each file and puts
    /// its statements where the import stood, so no later stage sees an import.
    pub imports: Vec<Import>,
}

/// `import "common.bote"`: another file's statements join the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The path as written between the quotes.
    pub path: String,
    /// The quoted path, quotes included: where a missing file or a cycle is shown.
    pub path_span: Span,
    /// How many statements of the file come before it: where its statements go.
    pub at: usize,
}

#[cfg(test)]
mod tests {
    use crate::syntax::parse_expression;

    /// The source text of each direct child of the expression `src`, in order.
    fn children(src: &str) -> Vec<&str> {
        let expr = parse_expression(src, 0).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        expr.children().map(|child| child.span.text(src)).collect()
    }

    /// A 16 MiB file of one-line statements holds 8 million statements, each with at least one
    /// expression: their sizes are most of the syntax tree's memory. The rare, large parts (a
    /// call, a conversion target, an assertion's sides) are boxed to keep them so.
    #[test]
    fn statements_and_expressions_stay_small() {
        let expr = std::mem::size_of::<super::Expr>();
        assert!(expr <= 48, "an expression is {expr} bytes");
        let statement = std::mem::size_of::<super::Statement>();
        assert!(statement <= 96, "a statement is {statement} bytes");
    }

    #[test]
    fn children_are_the_direct_operands_in_source_order() {
        let none: [&str; 0] = [];
        assert_eq!(children("42"), none);
        assert_eq!(children("x"), none);
        assert_eq!(children("-(a + b)"), ["(a + b)"]);
        assert_eq!(children("99.9%"), ["99.9"]);
        assert_eq!(children("a + b * c"), ["a", "b * c"]);
        assert_eq!(children("a * b + c"), ["a * b", "c"]);
        assert_eq!(children("10 KB"), ["10", "KB"]);
        assert_eq!(children("2^30"), ["2", "30"]);
        assert_eq!(children("(a - b)"), ["a", "b"]);
        assert_eq!(children("min(a, 2 b, -c)"), ["a", "2 b", "-c"]);
        assert_eq!(children("min()"), none);
    }
}
