//! The checker: resolves names, orders definitions (finding cycles), and checks every
//! dimension before a single number is computed. It lowers the syntax tree into [`Typed`]
//! nodes, in which names are resolved to definitions or constants, so that evaluation is only
//! arithmetic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Program, StmtKind, Target};
use crate::conventions::{CalendarUnit, Conventions};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::dimension::{Dimension, MAX_COUNT_UNITS};
use crate::functions::{self, Func};
use crate::reference;
use crate::span::Span;
use crate::suggest;
use crate::syntax::KEYWORDS;
use crate::units;

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
    Const(f64),
    /// The value of definition `n`.
    Var(usize),
    Neg(Box<Typed>),
    Bin(Arith, Box<Typed>, Box<Typed>),
    Call(Func, Vec<Typed>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

/// What a value is beyond its dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ValueKind {
    #[default]
    Plain,
    /// A fraction of time up, from `availability(…)` and friends.
    Availability,
}

/// A conversion target, resolved to a factor.
#[derive(Clone, Debug, PartialEq)]
pub enum ResolvedTarget {
    Percent,
    Unit {
        /// The target unit's size in base units.
        factor: f64,
        dim: Dimension,
        /// As the user wrote it, whitespace collapsed.
        text: String,
    },
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub name: String,
    pub name_span: Span,
    /// The whole statement.
    pub span: Span,
    pub expr: Typed,
    pub target: Option<ResolvedTarget>,
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

/// A statement that produces output, in file order.
#[derive(Clone, Debug)]
pub enum Item {
    Define(usize),
    Eval {
        span: Span,
        expr: Typed,
        target: Option<ResolvedTarget>,
    },
    Assert(Assertion),
}

#[derive(Clone, Debug)]
pub struct Checked {
    pub conventions: Conventions,
    pub count_units: Vec<String>,
    pub definitions: Vec<Definition>,
    /// Every definition after the ones it uses.
    pub order: Vec<usize>,
    pub items: Vec<Item>,
}

/// `--set name=expr`: the expression, parsed from its own source.
#[derive(Clone, Debug)]
pub struct Override {
    pub name: String,
    /// Where the name was written (in the `--set` source).
    pub name_span: Span,
    pub value: Expr,
}

pub fn check(
    program: &Program,
    overrides: &[Override],
    conventions: Conventions,
    sources: &SourceMap,
) -> Result<Checked, Diagnostic> {
    let mut checker = Checker {
        sources,
        conventions,
        count_units: Vec::new(),
        index: NameIndex::default(),
        types: Vec::new(),
    };
    checker.declarations(program)?;
    checker.calendar(program)?;

    // Definitions: names, then dependencies, then an order.
    let mut sources_of_defs: Vec<DefSource> = Vec::new();
    for st in &program.statements {
        if let StmtKind::Define {
            name,
            name_span,
            value,
            target,
        } = &st.kind
        {
            checker.check_new_name(name, *name_span)?;
            if let Some(&previous) = checker.index.get(name.as_str()) {
                let first: Span = sources_of_defs[previous].name_span;
                return Err(Diagnostic::new(format!("`{name}` is defined twice"))
                    .primary(*name_span, "defined again here")
                    .secondary(first, "first defined here")
                    .help("give each value its own name"));
            }
            checker.index.insert(name.clone(), sources_of_defs.len());
            sources_of_defs.push(DefSource {
                name,
                name_span: *name_span,
                span: st.span,
                value,
                target: target.as_deref(),
                comment: st.comment.as_ref(),
            });
        }
    }
    let mut exprs: Vec<&Expr> = sources_of_defs.iter().map(|d| d.value).collect();
    let mut overridden = vec![false; exprs.len()];
    for o in overrides {
        match checker.index.get(o.name.as_str()) {
            Some(&i) => {
                exprs[i] = &o.value;
                overridden[i] = true;
            }
            None => {
                let mut d = Diagnostic::new(format!("cannot set `{}`: no such definition", o.name))
                    .primary(o.name_span, "not defined in the scenario");
                if let Some(s) = suggest::closest(&o.name, checker.index.keys()) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                return Err(d);
            }
        }
    }
    let deps: Vec<Vec<usize>> = exprs.iter().map(|e| checker.dependencies(e)).collect();
    let order = topological_order(&deps, &sources_of_defs)?;

    // What each definition is without the overrides: a `--set` may change a value, never
    // what kind of value it is. Checked first so that the error names the flag rather than
    // some definition downstream.
    let original: Vec<(Dimension, ValueKind)> = if overrides.is_empty() {
        Vec::new()
    } else {
        check(program, &[], conventions, sources)?
            .definitions
            .iter()
            .map(|d| (d.expr.dim, d.expr.kind))
            .collect()
    };
    checker.types = vec![None; exprs.len()];
    let mut lowered: Vec<Option<(Typed, Option<ResolvedTarget>)>> = vec![None; exprs.len()];
    for &i in &order {
        let typed = checker.lower(exprs[i])?;
        if let Some(&(dim, kind)) = original.get(i).filter(|_| overridden[i]) {
            checker.same_type_as_original(&sources_of_defs[i], &typed, dim, kind)?;
        }
        let target = match sources_of_defs[i].target {
            Some(t) => Some(checker.target(t, &typed, exprs[i])?),
            None => None,
        };
        checker.types[i] = Some((typed.dim, typed.kind));
        lowered[i] = Some((typed, target));
    }
    let mut definitions = Vec::with_capacity(exprs.len());
    for (i, (source, low)) in sources_of_defs.iter().zip(lowered).enumerate() {
        let Some((expr, target)) = low else {
            return Err(Diagnostic::new(format!(
                "internal error: `{}` was not checked",
                source.name
            )));
        };
        definitions.push(Definition {
            name: source.name.to_string(),
            name_span: source.name_span,
            span: source.span,
            expr,
            target,
            comment: source.comment.cloned(),
            deps: deps[i].clone(),
            overridden: overridden[i],
        });
    }

    let mut items = Vec::new();
    let mut next_def = 0;
    for st in &program.statements {
        match &st.kind {
            StmtKind::Define { .. } => {
                items.push(Item::Define(next_def));
                next_def += 1;
            }
            StmtKind::Eval { value, target } => {
                let expr = checker.lower(value)?;
                let target = match target {
                    Some(t) => Some(checker.target(t, &expr, value)?),
                    None => None,
                };
                items.push(Item::Eval {
                    span: st.span,
                    expr,
                    target,
                });
            }
            StmtKind::Assert {
                lhs,
                op,
                rhs,
                tolerance,
            } => items.push(Item::Assert(checker.assertion(
                st.span,
                lhs,
                *op,
                rhs,
                tolerance.as_deref(),
            )?)),
            StmtKind::UnitDecl { .. }
            | StmtKind::Calendar { .. }
            | StmtKind::CalendarLength { .. } => {}
        }
    }
    Ok(Checked {
        conventions: checker.conventions,
        count_units: checker.count_units,
        definitions,
        order,
        items,
    })
}

/// Definition names to their index. FNV-1a instead of SipHash: names are short and come from
/// the user's own file, so there is no hash flooding to defend against, and hashing was a
/// measurable share of checking a 10,000-definition scenario.
type NameIndex = HashMap<String, usize, BuildHasherDefault<Fnv>>;

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A definition as written, before checking.
struct DefSource<'p> {
    name: &'p str,
    name_span: Span,
    span: Span,
    value: &'p Expr,
    target: Option<&'p Target>,
    comment: Option<&'p String>,
}

struct Checker<'a> {
    sources: &'a SourceMap,
    conventions: Conventions,
    count_units: Vec<String>,
    index: NameIndex,
    /// Dimension and kind of each definition, once checked.
    types: Vec<Option<(Dimension, ValueKind)>>,
}

/// What a name means, in the order names are looked up: a scenario's own definitions shadow
/// reference numbers, and nothing may shadow a unit.
enum Meaning {
    Definition(usize),
    Unit {
        factor: f64,
        dim: Dimension,
    },
    /// A reference number (`ssd_random_read`): a constant, but not a unit.
    Reference {
        value: f64,
        dim: Dimension,
    },
}

impl Checker<'_> {
    fn describe(&self, dim: Dimension) -> String {
        dim.describe(&self.count_units)
    }

    fn declarations(&mut self, program: &Program) -> Result<(), Diagnostic> {
        for st in &program.statements {
            if let StmtKind::UnitDecl { name, name_span } = &st.kind {
                if self.count_units.contains(name) {
                    return Err(Diagnostic::new(format!("unit `{name}` is declared twice"))
                        .primary(*name_span, "declared again here"));
                }
                self.check_new_name(name, *name_span)?;
                if self.count_units.len() == MAX_COUNT_UNITS {
                    return Err(Diagnostic::new(format!(
                        "too many count units: at most {MAX_COUNT_UNITS} may be declared"
                    ))
                    .primary(*name_span, "one too many"));
                }
                self.count_units.push(name.clone());
            }
        }
        Ok(())
    }

    fn calendar(&mut self, program: &Program) -> Result<(), Diagnostic> {
        let mut named: Option<Span> = None;
        let mut lengths: Vec<(CalendarUnit, f64)> = Vec::new();
        for st in &program.statements {
            match &st.kind {
                StmtKind::Calendar { name, name_span } => {
                    if let Some(first) = named {
                        return Err(Diagnostic::new("the calendar is chosen twice")
                            .primary(*name_span, "chosen again here")
                            .secondary(first, "first chosen here"));
                    }
                    named = Some(*name_span);
                    if let Some(c) = Conventions::named(name) {
                        self.conventions = c;
                    }
                }
                StmtKind::CalendarLength { unit, value, .. } => {
                    self.constant_only(value)?;
                    let typed = self.lower(value)?;
                    if typed.dim != Dimension::TIME {
                        return Err(Diagnostic::new(format!(
                            "a calendar length is a duration, but this is {}",
                            self.describe(typed.dim)
                        ))
                        .primary(typed.span, self.describe(typed.dim))
                        .help("write it with a time unit, e.g. `calendar year = 365 days`"));
                    }
                    match const_value(&typed) {
                        Some(v) if v > 0.0 && v.is_finite() => lengths.push((*unit, v)),
                        _ => {
                            return Err(Diagnostic::new(
                                "a calendar length must be a positive constant",
                            )
                            .primary(typed.span, "not a positive constant"));
                        }
                    }
                }
                _ => {}
            }
        }
        // The year first, so that a month or quarter derived from it follows it.
        lengths.sort_by_key(|(u, _)| *u != CalendarUnit::Year);
        for (unit, seconds) in lengths {
            match unit {
                CalendarUnit::Year => self.conventions = Conventions::with_year(seconds),
                CalendarUnit::Month => self.conventions.month_s = seconds,
                CalendarUnit::Quarter => self.conventions.quarter_s = seconds,
            }
        }
        Ok(())
    }

    /// A new definition or count unit may not take a unit's or keyword's name. It may take a
    /// function's: a call needs its `(` right after the name, so `downtime` (a value) and
    /// `downtime(a, period)` (the function) never meet, and adding a function to the language
    /// cannot break a scenario that already uses the name.
    fn check_new_name(&self, name: &str, span: Span) -> Result<(), Diagnostic> {
        let clash = if let Some(u) = units::lookup(name) {
            let long = u.def.names.iter().max_by_key(|n| n.len()).unwrap_or(&name);
            format!("`{name}` is already a unit ({long})")
        } else if self.count_units.iter().any(|u| u == name) {
            format!("`{name}` is already a unit (declared with `unit {name}`)")
        } else if KEYWORDS.contains(&name) {
            format!("`{name}` is a keyword")
        } else {
            return Ok(());
        };
        Err(Diagnostic::new(clash)
            .primary(span, "this name is taken")
            .help(format!("choose another name, e.g. `{name}_value`")))
    }

    fn meaning(&self, name: &str, span: Span) -> Result<Meaning, Diagnostic> {
        if let Some(&i) = self.index.get(name) {
            return Ok(Meaning::Definition(i));
        }
        if let Some(i) = self.count_units.iter().position(|u| u == name) {
            let dim = Dimension::count(i).unwrap_or(Dimension::NONE);
            return Ok(Meaning::Unit { factor: 1.0, dim });
        }
        if let Some(u) = units::lookup(name) {
            return Ok(Meaning::Unit {
                factor: u.factor(&self.conventions),
                dim: u.def.dim,
            });
        }
        if let Some(r) = reference::lookup(name) {
            return Ok(Meaning::Reference {
                value: r.value,
                dim: r.dim,
            });
        }
        Err(self.unknown_name(name, span))
    }

    fn unknown_name(&self, name: &str, span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(format!("unknown name `{name}`")).primary(span, "not defined");
        if let Some(help) = units::spelling_help(name) {
            return d.help(help);
        }
        let candidates = self
            .index
            .keys()
            .cloned()
            .chain(self.count_units.iter().cloned())
            .chain(units::suggestion_names())
            .chain(reference::REFERENCES.iter().map(|r| r.name.to_string()))
            .chain(functions::FUNCTIONS.iter().map(|f| f.name.to_string()));
        if let Some(s) = suggest::closest(name, candidates) {
            d = d.help(format!("did you mean `{s}`?"));
        }
        d
    }

    /// The definitions an expression uses directly.
    fn dependencies(&self, expr: &Expr) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(_) => {}
                ExprKind::Name(n) => {
                    if let Some(&i) = self.index.get(n.as_str())
                        && !out.contains(&i)
                    {
                        out.push(i);
                    }
                }
                ExprKind::Neg(x) | ExprKind::Percent(x) => stack.push(x),
                ExprKind::Binary { lhs, rhs, .. } => {
                    stack.push(lhs);
                    stack.push(rhs);
                }
                ExprKind::Call { args, .. } => stack.extend(args.iter()),
            }
        }
        out.sort_unstable();
        out
    }

    fn lower(&self, e: &Expr) -> Result<Typed, Diagnostic> {
        let plain = |node, dim| Typed {
            node,
            dim,
            kind: ValueKind::Plain,
            span: e.span,
        };
        match &e.kind {
            ExprKind::Number(n) => Ok(plain(Node::Const(*n), Dimension::NONE)),
            ExprKind::Name(name) => match self.meaning(name, e.span)? {
                Meaning::Definition(i) => {
                    let (dim, kind) = self.types.get(i).copied().flatten().ok_or_else(|| {
                        Diagnostic::new(format!(
                            "internal error: `{name}` used before it was checked"
                        ))
                        .primary(e.span, "here")
                    })?;
                    Ok(Typed {
                        node: Node::Var(i),
                        dim,
                        kind,
                        span: e.span,
                    })
                }
                Meaning::Unit { factor, dim } => Ok(plain(Node::Const(factor), dim)),
                Meaning::Reference { value, dim } => Ok(plain(Node::Const(value), dim)),
            },
            ExprKind::Neg(x) => {
                let x = self.lower(x)?;
                let dim = x.dim;
                Ok(plain(Node::Neg(Box::new(x)), dim))
            }
            ExprKind::Percent(x) => {
                let x = self.lower(x)?;
                if !x.dim.is_none() {
                    return Err(Diagnostic::new(format!(
                        "`%` applies to plain numbers, but this is {}",
                        self.describe(x.dim)
                    ))
                    .primary(x.span, self.describe(x.dim)));
                }
                let hundredth = Typed {
                    node: Node::Const(0.01),
                    dim: Dimension::NONE,
                    kind: ValueKind::Plain,
                    span: e.span,
                };
                Ok(plain(
                    Node::Bin(Arith::Mul, Box::new(x), Box::new(hundredth)),
                    Dimension::NONE,
                ))
            }
            ExprKind::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => self.binary(e, *op, *op_span, lhs, rhs),
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.call(e.span, name, *name_span, args),
        }
    }

    fn binary(
        &self,
        e: &Expr,
        op: BinOp,
        op_span: Span,
        lhs: &Expr,
        rhs: &Expr,
    ) -> Result<Typed, Diagnostic> {
        if op == BinOp::ImplicitMul {
            self.require_unit(lhs, rhs)?;
        }
        let l = self.lower(lhs)?;
        let r = self.lower(rhs)?;
        let too_big = || {
            Diagnostic::new("dimension exponent out of range")
                .primary(e.span, "this multiplies units too many times")
        };
        let (arith, dim) = match op {
            BinOp::Add | BinOp::Sub => {
                if l.dim != r.dim {
                    let (ld, rd) = (self.describe(l.dim), self.describe(r.dim));
                    let message = if op == BinOp::Add {
                        format!("cannot add {ld} and {rd}")
                    } else {
                        format!("cannot subtract {rd} from {ld}")
                    };
                    let d = Diagnostic::new(message)
                        .secondary(l.span, self.describe(l.dim))
                        .primary(op_span, "")
                        .secondary(r.span, self.describe(r.dim));
                    return Err(self.with_byte_hint(d, &[lhs, rhs]));
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
            BinOp::Div => (Arith::Div, l.dim.per(r.dim).ok_or_else(too_big)?),
            BinOp::Pow => (Arith::Pow, self.power_dimension(&l, &r)?),
        };
        // Availabilities multiplied are an availability: components in series.
        let kind = if arith == Arith::Mul
            && l.kind == ValueKind::Availability
            && r.kind == ValueKind::Availability
        {
            ValueKind::Availability
        } else {
            ValueKind::Plain
        };
        Ok(Typed {
            node: Node::Bin(arith, Box::new(l), Box::new(r)),
            dim,
            kind,
            span: e.span,
        })
    }

    /// The right side of implicit multiplication must be a unit: `10 KB`, not `10 dau`.
    fn require_unit(&self, value: &Expr, unit: &Expr) -> Result<(), Diagnostic> {
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
        let kind = match self.meaning(name, name_expr.span)? {
            Meaning::Definition(_) => Some("a definition"),
            Meaning::Reference { .. } => Some("a reference number"),
            Meaning::Unit { .. } => None,
        };
        if let Some(kind) = kind {
            let value_text = self.sources.slice(value.span);
            return Err(Diagnostic::new(format!("`{name}` is a value, not a unit"))
                .primary(name_expr.span, kind)
                .secondary(value.span, "multiplied by writing it next to this")
                .help(format!(
                    "only units multiply by juxtaposition; write `{value_text} * {name}`"
                )));
        }
        Ok(())
    }

    /// `500B` (a number glued to `B`) in a dimension error usually meant a billion.
    fn with_byte_hint(&self, mut d: Diagnostic, operands: &[&Expr]) -> Diagnostic {
        let mut stack: Vec<&Expr> = operands.to_vec();
        while let Some(e) = stack.pop() {
            if let ExprKind::Binary { op, lhs, rhs, .. } = &e.kind {
                if *op == BinOp::ImplicitMul
                    && matches!(lhs.kind, ExprKind::Number(_))
                    && matches!(&rhs.kind, ExprKind::Name(n) if n == "B")
                    && lhs.span.end == rhs.span.start
                {
                    let text = self.sources.slice(e.span);
                    let number = self.sources.slice(lhs.span);
                    d = d.help(format!(
                        "`{text}` is {number} bytes: `B` means bytes; a billion is `{number}bn`"
                    ));
                    return d;
                }
                stack.push(lhs);
                stack.push(rhs);
            } else if let ExprKind::Neg(x) | ExprKind::Percent(x) = &e.kind {
                stack.push(x);
            }
        }
        d
    }

    fn power_dimension(&self, base: &Typed, exponent: &Typed) -> Result<Dimension, Diagnostic> {
        if !exponent.dim.is_none() {
            return Err(Diagnostic::new(format!(
                "an exponent must be a plain number, but this is {}",
                self.describe(exponent.dim)
            ))
            .primary(exponent.span, self.describe(exponent.dim)));
        }
        if base.dim.is_none() {
            return Ok(Dimension::NONE);
        }
        let Some(n) = const_value(exponent) else {
            return Err(Diagnostic::new(format!(
                "a power of {} needs a constant exponent",
                self.describe(base.dim)
            ))
            .primary(exponent.span, "not a constant")
            .secondary(base.span, self.describe(base.dim)));
        };
        // Accept integers and simple fractions (halves, thirds…) whose result is whole.
        let as_fraction = (1..=12).find_map(|den| {
            let num = n * den as f64;
            (num.fract() == 0.0 && num.abs() < 1e6).then_some((num as i64, den))
        });
        as_fraction
            .and_then(|(num, den)| base.dim.pow(num, den))
            .ok_or_else(|| {
                Diagnostic::new(format!(
                    "cannot raise {} to the power {n}",
                    self.describe(base.dim)
                ))
                .primary(
                    exponent.span,
                    if n.fract() == 0.0 {
                        "too large a power for a value with a unit"
                    } else {
                        "the dimension would not have whole exponents"
                    },
                )
                .secondary(base.span, self.describe(base.dim))
            })
    }

    fn call(
        &self,
        span: Span,
        name: &str,
        name_span: Span,
        args: &[Expr],
    ) -> Result<Typed, Diagnostic> {
        let Some(def) = functions::lookup(name) else {
            let mut d = Diagnostic::new(format!("unknown function `{name}`"))
                .primary(name_span, "not a function");
            if let Some(s) = suggest::closest(name, functions::FUNCTIONS.iter().map(|f| f.name)) {
                d = d.help(format!("did you mean `{s}`?"));
            } else if self.index.contains_key(name) || units::lookup(name).is_some() {
                d = d.help(format!("to multiply, write `{name} * (…)`"));
            }
            return Err(d);
        };
        let count_ok = args.len() >= def.min_args && def.max_args.is_none_or(|m| args.len() <= m);
        if !count_ok {
            let wanted = match def.max_args {
                Some(m) if m == def.min_args => format!("{m}"),
                Some(m) => format!("{} to {m}", def.min_args),
                None => format!("at least {}", def.min_args),
            };
            return Err(Diagnostic::new(format!(
                "`{name}` takes {wanted} argument{}, but {} {} given",
                if def.max_args == Some(1) || def.min_args == 1 && def.max_args.is_none() {
                    ""
                } else {
                    "s"
                },
                args.len(),
                if args.len() == 1 { "was" } else { "were" }
            ))
            .primary(span, "")
            .help(format!("usage: {}: {}", def.signature, def.about)));
        }
        let args: Vec<Typed> = args
            .iter()
            .map(|a| self.lower(a))
            .collect::<Result<_, _>>()?;
        let plain_number = |a: &Typed| -> Result<(), Diagnostic> {
            if a.dim.is_none() {
                return Ok(());
            }
            let mut d = Diagnostic::new(format!(
                "`{name}` needs a plain number, but this is {}",
                self.describe(a.dim)
            ))
            .primary(a.span, self.describe(a.dim));
            if matches!(def.func, Func::Ceil | Func::Floor | Func::Round) {
                d = d.help(format!(
                    "divide by the unit to round in, e.g. `{name}(x / GB)` or `{name}(qps / (20K /s))`"
                ));
            }
            Err(d)
        };
        let (dim, kind) = match def.func {
            Func::Min | Func::Max => {
                let first = &args[0];
                if let Some(other) = args.iter().find(|a| a.dim != first.dim) {
                    return Err(Diagnostic::new(format!(
                        "`{name}` needs arguments of one dimension, but got {} and {}",
                        self.describe(first.dim),
                        self.describe(other.dim)
                    ))
                    .secondary(first.span, self.describe(first.dim))
                    .primary(other.span, self.describe(other.dim)));
                }
                let kind = if args.iter().all(|a| a.kind == ValueKind::Availability) {
                    ValueKind::Availability
                } else {
                    ValueKind::Plain
                };
                (first.dim, kind)
            }
            Func::Abs => (args[0].dim, ValueKind::Plain),
            Func::Sqrt => {
                let dim = args[0].dim.pow(1, 2).ok_or_else(|| {
                    Diagnostic::new(format!(
                        "cannot take the square root of {}",
                        self.describe(args[0].dim)
                    ))
                    .primary(args[0].span, self.describe(args[0].dim))
                })?;
                (dim, ValueKind::Plain)
            }
            Func::Ceil
            | Func::Floor
            | Func::Round
            | Func::Log2
            | Func::Log10
            | Func::Ln
            | Func::Exp => {
                plain_number(&args[0])?;
                (Dimension::NONE, ValueKind::Plain)
            }
            Func::Availability if args.len() == 2 => {
                for a in &args {
                    self.expect_dim(name, a, Dimension::TIME, "a duration (mtbf, mttr)")?;
                }
                (Dimension::NONE, ValueKind::Availability)
            }
            Func::Availability | Func::Nines | Func::Series | Func::Parallel | Func::KOfN => {
                for a in &args {
                    plain_number(a)?;
                }
                (Dimension::NONE, ValueKind::Availability)
            }
            Func::Downtime | Func::ErrorBudget => {
                plain_number(&args[0])?;
                self.expect_dim(name, &args[1], Dimension::TIME, "a duration")?;
                (Dimension::TIME, ValueKind::Plain)
            }
            Func::BurnRate => {
                plain_number(&args[0])?;
                self.expect_dim(name, &args[1], Dimension::TIME, "a duration")?;
                self.expect_dim(name, &args[2], Dimension::TIME, "a duration")?;
                (Dimension::NONE, ValueKind::Plain)
            }
        };
        Ok(Typed {
            node: Node::Call(def.func, args),
            dim,
            kind,
            span,
        })
    }

    /// Resolves `-> target` for `value`, which was lowered from `source`.
    /// A `--set` value must have the dimension and kind of the definition it replaces.
    fn same_type_as_original(
        &self,
        def: &DefSource,
        value: &Typed,
        dim: Dimension,
        kind: ValueKind,
    ) -> Result<(), Diagnostic> {
        let name = def.name;
        if value.dim != dim {
            return Err(Diagnostic::new(format!(
                "`--set {name}=…` gives {}, but `{name}` is {} in the scenario",
                self.describe(value.dim),
                self.describe(dim)
            ))
            .primary(value.span, self.describe(value.dim))
            .secondary(def.value.span, self.describe(dim))
            .help("a --set value replaces a number, not what it measures"));
        }
        if kind == ValueKind::Availability && value.kind != ValueKind::Availability {
            let text = self.sources.slice(value.span);
            return Err(Diagnostic::new(format!(
                "`{name}` is an availability in the scenario, but the --set value is a plain number"
            ))
            .primary(value.span, "a plain number")
            .secondary(def.value.span, "an availability")
            .help(format!("write `--set '{name}=availability({text})'`")));
        }
        Ok(())
    }

    fn expect_dim(
        &self,
        function: &str,
        arg: &Typed,
        dim: Dimension,
        what: &str,
    ) -> Result<(), Diagnostic> {
        if arg.dim == dim {
            return Ok(());
        }
        Err(Diagnostic::new(format!(
            "`{function}` needs {what} here, but this is {}",
            self.describe(arg.dim)
        ))
        .primary(arg.span, self.describe(arg.dim)))
    }

    fn target(
        &self,
        target: &Target,
        value: &Typed,
        source: &Expr,
    ) -> Result<ResolvedTarget, Diagnostic> {
        let (resolved, dim, span) = match target {
            Target::Percent(span) => (ResolvedTarget::Percent, Dimension::NONE, *span),
            Target::Unit { expr, text } => {
                self.units_only(expr)?;
                let typed = self.lower(expr)?;
                let factor = const_value(&typed)
                    .filter(|f| f.is_finite() && *f > 0.0)
                    .ok_or_else(|| {
                        Diagnostic::new("a conversion target must be a unit")
                            .primary(expr.span, "not a unit")
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
            let mut d = Diagnostic::new(format!(
                "cannot convert {} to {}",
                self.describe(value.dim),
                self.describe(dim)
            ))
            .secondary(value.span, self.describe(value.dim))
            .primary(span, self.describe(dim));
            if let Some(time) = dim.per(value.dim)
                && time == Dimension::TIME
            {
                d = d.help("multiply by a duration first, e.g. `* 1 day`");
            } else if let Some(time) = value.dim.per(dim)
                && time == Dimension::TIME
            {
                d = d.help("divide by a duration first, e.g. `/ 1 day`");
            }
            return Err(self.with_byte_hint(d, &[source]));
        }
        Ok(resolved)
    }

    /// A calendar length is a constant: numbers and units only, since every definition
    /// depends on the calendar.
    fn constant_only(&self, expr: &Expr) -> Result<(), Diagnostic> {
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Name(name)
                    if units::lookup(name).is_none() && !self.count_units.contains(name) =>
                {
                    return Err(Diagnostic::new(format!(
                        "a calendar length is a constant, but `{name}` is not a unit"
                    ))
                    .primary(e.span, "not a unit")
                    .help("write it with numbers and units, e.g. `calendar year = 365 days`"));
                }
                ExprKind::Neg(x) | ExprKind::Percent(x) => stack.push(x),
                ExprKind::Binary { lhs, rhs, .. } => {
                    stack.push(lhs);
                    stack.push(rhs);
                }
                ExprKind::Call { args, .. } => stack.extend(args.iter()),
                _ => {}
            }
        }
        Ok(())
    }

    /// A target may hold units, `1`, and operators; no numbers or definitions.
    fn units_only(&self, expr: &Expr) -> Result<(), Diagnostic> {
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Number(n) if *n == 1.0 => {}
                ExprKind::Name(name) => {
                    if let Meaning::Definition(_) | Meaning::Reference { .. } =
                        self.meaning(name, e.span)?
                    {
                        return Err(Diagnostic::new(format!(
                            "a conversion target must be a unit, but `{name}` is a value"
                        ))
                        .primary(e.span, "a definition")
                        .help("convert to units such as `GB`, `Mbps`, `/s` or `min`"));
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
                    return Err(Diagnostic::new("a conversion target must be a unit")
                        .primary(e.span, "not a unit")
                        .help("convert to units such as `GB`, `Mbps`, `/s` or `min`; scale the value instead of the unit"));
                }
            }
        }
        Ok(())
    }

    fn assertion(
        &self,
        span: Span,
        lhs: &Expr,
        op: CmpOp,
        rhs: &Expr,
        tolerance: Option<&Expr>,
    ) -> Result<Assertion, Diagnostic> {
        let l = self.lower(lhs)?;
        let r = self.lower(rhs)?;
        if l.dim != r.dim {
            let d = Diagnostic::new(format!(
                "cannot compare {} with {}",
                self.describe(l.dim),
                self.describe(r.dim)
            ))
            .secondary(l.span, self.describe(l.dim))
            .primary(r.span, self.describe(r.dim));
            return Err(self.with_byte_hint(d, &[lhs, rhs]));
        }
        let tolerance = match tolerance {
            None => None,
            // Written with `%`, a tolerance is relative; otherwise it is absolute, in the
            // compared dimension: `within 1%`, `within 5 GB`, `within 3` for plain numbers.
            Some(t) => {
                let relative = matches!(t.kind, ExprKind::Percent(_));
                let t = self.lower(t)?;
                if relative {
                    Some(Tolerance::Relative(t))
                } else if t.dim == l.dim {
                    Some(Tolerance::Absolute(t))
                } else {
                    let what = self.describe(l.dim);
                    return Err(Diagnostic::new(format!(
                        "a tolerance is a percentage (`within 1%`) or an amount of {what}, but this is {}",
                        self.describe(t.dim)
                    ))
                    .primary(t.span, self.describe(t.dim))
                    .help("write a relative tolerance with `%`, e.g. `within 1%`"));
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

/// The value of an expression made of constants only.
pub fn const_value(t: &Typed) -> Option<f64> {
    match &t.node {
        Node::Const(v) => Some(*v),
        Node::Var(_) | Node::Call(..) => None,
        Node::Neg(x) => const_value(x).map(|v| -v),
        Node::Bin(op, l, r) => {
            let (a, b) = (const_value(l)?, const_value(r)?);
            Some(match op {
                Arith::Add => a + b,
                Arith::Sub => a - b,
                Arith::Mul => a * b,
                Arith::Div => a / b,
                Arith::Pow => a.powf(b),
            })
        }
    }
}

/// Orders definitions so that each follows those it uses; a cycle is an error naming every
/// member. Iterative, so a chain of 10,000 definitions cannot overflow the stack.
fn topological_order(deps: &[Vec<usize>], defs: &[DefSource]) -> Result<Vec<usize>, Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; deps.len()];
    let mut order = Vec::with_capacity(deps.len());
    for root in 0..deps.len() {
        if state[root] != State::New {
            continue;
        }
        // (node, next dependency to visit)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                match state[dep] {
                    State::New => {
                        state[dep] = State::Open;
                        stack.push((dep, 0));
                    }
                    State::Open => {
                        let from = stack.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                        let members: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        return Err(cycle_error(&members, defs));
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

fn cycle_error(members: &[usize], defs: &[DefSource]) -> Diagnostic {
    let mut names: Vec<&str> = members.iter().map(|&i| defs[i].name).collect();
    let path = {
        let mut p = names.clone();
        p.push(names[0]);
        p.join(" → ")
    };
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    names.sort_unstable();
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut d = Diagnostic::new(format!(
        "definitions depend on each other in a cycle: {list}"
    ));
    for (k, &i) in sorted.iter().enumerate() {
        let text = "part of the cycle";
        d = if k == 0 {
            d.primary(defs[i].name_span, text)
        } else {
            d.secondary(defs[i].name_span, text)
        };
    }
    d.help(format!("{path}; define one of them without the others"))
}
