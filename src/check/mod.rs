//! The checker: everything that can be known about a program before a number is computed.
//! It runs in passes, each in its own module:
//!
//! 1. [`calendar`]: `unit` declarations and the calendar, which fix the language the rest is
//!    read in;
//! 2. [`scope`]: every definition's name (no unit or keyword taken, none defined twice);
//! 3. [`order`]: each definition's dependencies and an order without cycles;
//! 4. [`typecheck`] (and [`call`] for functions): every dimension, lowering the syntax tree
//!    into the checked form of [`crate::ir`];
//! 5. `--set` overrides, which may change a value but never what it measures.
//!
//! Each pass returns a typed [`CheckError`]; [`CheckError::to_diagnostic`] words it.

mod calendar;
mod call;
pub mod error;
mod growth;
mod hint;
mod order;
mod ranges;
mod reading;
mod scope;
mod typecheck;
pub mod uncertain;
mod warn;

pub use error::{CheckError, CheckErrorKind};

use crate::ast::{Expr, Program, StmtKind, Target};
use crate::diagnostic::SourceMap;
use crate::ir::{Assertion, Checked, Definition, Expression, Item, ResolvedTarget, Typed, Warning};
use crate::quantity::{Conventions, Dimension, ValueKind};
use crate::span::Span;
use crate::suggest;
use scope::Scope;
use typecheck::Typer;

/// `--set name=expr`: the expression, parsed from its own source.
#[derive(Clone, Debug)]
pub struct Override {
    pub name: String,
    /// Where the name was written (in the `--set` source).
    pub name_span: Span,
    pub value: Expr,
    /// The option that gave it, which its errors name.
    pub flag: Flag,
}

/// The option an override came from: `--set NAME=EXPR`, or an end of `--vary NAME=LO..HI`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Set,
    Vary,
}

impl Flag {
    /// The option as typed: `--set`.
    pub fn option(self) -> &'static str {
        match self {
            Flag::Set => "--set",
            Flag::Vary => "--vary",
        }
    }

    /// What it gives, in an error: a `--set value`, the `--vary end`.
    pub fn given(self) -> &'static str {
        match self {
            Flag::Set => "--set value",
            Flag::Vary => "--vary end",
        }
    }
}

/// A definition as written, before checking.
struct DefSource<'p> {
    name: &'p str,
    name_span: Span,
    span: Span,
    value: &'p Expr,
    target: Option<&'p Target>,
    comment: Option<&'p str>,
}

pub fn check(
    program: &Program,
    overrides: &[Override],
    conventions: Conventions,
    sources: &SourceMap,
) -> Result<Checked, CheckError> {
    match ranges::resolve(program)? {
        Some(program) => check_program(&program, overrides, conventions, sources),
        None => check_program(program, overrides, conventions, sources),
    }
}

fn check_program(
    program: &Program,
    overrides: &[Override],
    conventions: Conventions,
    sources: &SourceMap,
) -> Result<Checked, CheckError> {
    let mut scope = Scope::new(conventions);
    calendar::declare_units(&mut scope, program)?;
    calendar::apply_calendar(&mut scope, program, sources)?;
    let defs = definitions(&mut scope, program, sources)?;
    let names: Vec<(&str, Span)> = defs.iter().map(|d| (d.name, d.name_span)).collect();

    // What each definition is: as written, or replaced by `--set` (the last one of a name
    // wins). The order is that of the program as it will run.
    let mut exprs: Vec<&Expr> = defs.iter().map(|d| d.value).collect();
    let mut overridden_by: Vec<Option<Flag>> = vec![None; defs.len()];
    for (i, o) in override_targets(&scope, overrides)? {
        exprs[i] = &o.value;
        overridden_by[i] = Some(o.flag);
    }
    let mut deps: Vec<Vec<usize>> = exprs
        .iter()
        .map(|e| order::dependencies(&scope, e))
        .collect();
    // A cycle through an override is the override's doing: it is drawn at the `--set`.
    let set_names: Vec<(&str, Span)> = names
        .iter()
        .enumerate()
        .map(
            |(i, &(name, span))| match overrides.iter().rfind(|o| o.name == name) {
                Some(o) if overridden_by[i].is_some() => (name, o.name_span),
                _ => (name, span),
            },
        )
        .collect();
    let order =
        order::topological_order(&deps, &set_names).map_err(|e| e.through_overrides(overrides))?;

    // A `--set` may change a value, never what kind of value it is: the scenario as written
    // is checked first, so that an error names the flag rather than some definition
    // downstream, and its types are what the overrides must keep.
    let original = if overrides.is_empty() {
        None
    } else {
        let written: Vec<&Expr> = defs.iter().map(|d| d.value).collect();
        let written_deps: Vec<Vec<usize>> = written
            .iter()
            .map(|e| order::dependencies(&scope, e))
            .collect();
        let written_order = order::topological_order(&written_deps, &names)?;
        let (typer, _) = type_definitions(&scope, sources, &defs, &written, &written_order, None)?;
        items(&typer, program)?;
        Some(typer.types)
    };
    let check_against = original
        .as_deref()
        .map(|types| (types, overridden_by.as_slice()));
    let (typer, lowered) = type_definitions(&scope, sources, &defs, &exprs, &order, check_against)?;

    let mut definitions = Vec::with_capacity(defs.len());
    for (i, (source, low)) in defs.iter().zip(lowered).enumerate() {
        let Some((expr, target)) = low else {
            return Err(CheckError::new(
                CheckErrorKind::Internal {
                    message: format!("`{}` was not checked", source.name),
                },
                Span::default(),
            ));
        };
        definitions.push(Definition {
            name: source.name.to_string(),
            name_span: source.name_span,
            span: source.span,
            expr,
            target,
            comment: source.comment.map(str::to_string),
            deps: std::mem::take(&mut deps[i]),
            overridden: overridden_by[i].is_some(),
        });
    }
    let (outputs, mut warnings) = items(&typer, program)?;
    for (i, def) in definitions.iter().enumerate() {
        if let Some(w) = typer.warning(&def.name, exprs[i], def.expr.dim, def.expr.span) {
            warnings.push(w);
        }
    }
    warnings.sort_by_key(|w| w.span.start);
    let mut readings = typer.readings.into_inner();
    readings.sort_by_key(|n| (n.span.start, n.span.end));
    readings.dedup();
    Ok(Checked {
        readings,
        warnings,
        conventions: scope.conventions,
        count_units: scope.count_units.clone(),
        definitions,
        order,
        expressions: outputs.expressions,
        assertions: outputs.assertions,
        items: outputs.items,
    })
}

/// The type of each definition in the scenario as written, and which definitions an override
/// replaces (and from which option): what an override must keep.
type Original<'t> = (&'t [Option<(Dimension, ValueKind)>], &'t [Option<Flag>]);

/// A definition lowered, with its resolved `-> target`.
type Lowered = Vec<Option<(Typed, Option<Box<ResolvedTarget>>)>>;

/// Types every definition in `order`, with `exprs[i]` as definition `i`'s value. With
/// `original`, a definition marked overridden must keep the type it has there.
fn type_definitions<'a>(
    scope: &'a Scope,
    sources: &'a SourceMap,
    defs: &[DefSource],
    exprs: &'a [&'a Expr],
    order: &[usize],
    original: Option<Original>,
) -> Result<(Typer<'a>, Lowered), CheckError> {
    let mut typer = Typer {
        scope,
        sources,
        values: exprs,
        types: vec![None; defs.len()],
        readings: Default::default(),
        unit_position: Default::default(),
        uncertain: vec![false; defs.len()],
        statement: Default::default(),
        position: Default::default(),
    };
    let mut lowered: Lowered = vec![None; defs.len()];
    for &i in order {
        typer.begin_statement(format_args!("{}", defs[i].name));
        let typed = typer.lower(exprs[i])?;
        typer.uncertain[i] = typer.is_uncertain(&typed);
        if let Some((types, overridden)) = original
            && let Some(flag) = overridden[i]
            && let Some(&(dim, kind)) = types[i].as_ref()
        {
            same_type(scope, sources, &defs[i], (dim, kind), &typed, flag)?;
        }
        let target = match defs[i].target {
            Some(t) => Some(Box::new(typer.target(t, &typed, exprs[i])?)),
            None => None,
        };
        typer.types[i] = Some((typed.dim, typed.kind));
        lowered[i] = Some((typed, target));
    }
    Ok((typer, lowered))
}

/// Indexes every definition by name.
fn definitions<'p>(
    scope: &mut Scope,
    program: &'p Program,
    sources: &'p SourceMap,
) -> Result<Vec<DefSource<'p>>, CheckError> {
    let mut defs: Vec<DefSource> = Vec::new();
    for st in &program.statements {
        if let StmtKind::Define {
            name,
            name_span,
            value,
            target,
        } = &st.kind
        {
            scope.check_new_name(name, *name_span)?;
            if let Some(previous) = scope.definition(name) {
                return Err(CheckError::new(
                    CheckErrorKind::DefinedTwice {
                        name: name.to_string(),
                        first: defs[previous].name_span,
                    },
                    *name_span,
                ));
            }
            scope.index.insert(name.to_string(), defs.len());
            defs.push(DefSource {
                name,
                name_span: *name_span,
                span: st.span,
                value,
                target: target.as_deref(),
                comment: (!st.comment.is_empty()).then(|| sources.slice(st.comment)),
            });
        }
    }
    Ok(defs)
}

/// Each override with the definition it replaces.
fn override_targets<'o>(
    scope: &Scope,
    overrides: &'o [Override],
) -> Result<Vec<(usize, &'o Override)>, CheckError> {
    overrides
        .iter()
        .map(|o| {
            let i = scope.definition(&o.name).ok_or_else(|| {
                CheckError::new(
                    CheckErrorKind::SetUnknown {
                        name: o.name.clone(),
                        suggestion: suggest::closest(&o.name, scope.index.keys()),
                    },
                    o.name_span,
                )
            })?;
            Ok((i, o))
        })
        .collect()
}

impl CheckError {
    /// A cycle through a definition that `--set` replaced says so.
    pub(crate) fn through_overrides(mut self, overrides: &[Override]) -> CheckError {
        if let CheckErrorKind::Cycle { members, set, .. } = &mut *self.kind {
            *set = members.iter().find_map(|(name, _)| {
                let o = overrides.iter().rfind(|o| &o.name == name)?;
                Some((name.clone(), o.flag))
            });
        }
        self
    }
}

/// A `--set` value must have the dimension and kind of the definition it replaces.
fn same_type(
    scope: &Scope,
    sources: &SourceMap,
    def: &DefSource,
    (dim, kind): (Dimension, ValueKind),
    value: &Typed,
    flag: Flag,
) -> Result<(), CheckError> {
    let name = def.name.to_string();
    if value.dim != dim {
        return Err(CheckError::new(
            CheckErrorKind::SetChangesDimension {
                name,
                flag,
                given: scope.operand(value.span, value.dim),
                original: scope.operand(def.value.span, dim),
            },
            value.span,
        ));
    }
    if kind == ValueKind::Availability && value.kind != ValueKind::Availability {
        return Err(CheckError::new(
            CheckErrorKind::SetChangesKind {
                name,
                flag,
                original: def.value.span,
                value_text: sources.slice(value.span).to_string(),
            },
            value.span,
        ));
    }
    Ok(())
}

/// The output statements of a program, each kind in a vector of its own.
struct Outputs {
    items: Vec<Item>,
    expressions: Vec<Expression>,
    assertions: Vec<Assertion>,
}

/// The output statements in program order, and the warnings about the expressions among them.
fn items(typer: &Typer, program: &Program) -> Result<(Outputs, Vec<Warning>), CheckError> {
    // Counted first, so that each vector is allocated once at its size: a large program's
    // would otherwise grow by doubling, holding the old and the new vector at each step.
    let (mut evals, mut asserts, mut definitions) = (0, 0, 0);
    for st in &program.statements {
        match st.kind {
            StmtKind::Define { .. } => definitions += 1,
            StmtKind::Eval { .. } => evals += 1,
            StmtKind::Assert { .. } => asserts += 1,
            StmtKind::UnitDecl { .. }
            | StmtKind::Calendar { .. }
            | StmtKind::CalendarLength { .. } => {}
        }
    }
    let mut outputs = Outputs {
        items: Vec::with_capacity(definitions + evals + asserts),
        expressions: Vec::with_capacity(evals),
        assertions: Vec::with_capacity(asserts),
    };
    let mut warnings = Vec::new();
    let mut next_def = 0;
    for (position, st) in program.statements.iter().enumerate() {
        // Statements without a name are numbered: `#3` is no definition's name.
        typer.begin_statement(format_args!("#{position}"));
        match &st.kind {
            StmtKind::Define { .. } => {
                outputs.items.push(Item::Define(index(next_def)?));
                next_def += 1;
            }
            StmtKind::Eval { value, target } => {
                let expr = typer.lower(value)?;
                let what = typer.sources.slice(value.span);
                warnings.extend(typer.warning(what, value, expr.dim, value.span));
                let target = match target {
                    Some(t) => Some(Box::new(typer.target(t, &expr, value)?)),
                    None => None,
                };
                let at = index(outputs.expressions.len())?;
                outputs.expressions.push(Expression {
                    span: st.span,
                    expr,
                    target,
                });
                outputs.items.push(Item::Eval(at));
            }
            StmtKind::Assert {
                lhs,
                op,
                rhs,
                tolerance,
            } => {
                let assertion = typer.assertion(st.span, lhs, *op, rhs, tolerance.as_deref())?;
                let at = index(outputs.assertions.len())?;
                outputs.assertions.push(assertion);
                outputs.items.push(Item::Assert(at));
            }
            StmtKind::UnitDecl { .. }
            | StmtKind::Calendar { .. }
            | StmtKind::CalendarLength { .. } => {}
        }
    }
    Ok((outputs, warnings))
}

/// An output statement's index as an [`Item`] holds it. Each statement takes at least one
/// offset of a source map, whose offsets are `u32`, so this never fails.
fn index(i: usize) -> Result<u32, CheckError> {
    u32::try_from(i).map_err(|_| {
        CheckError::new(
            CheckErrorKind::Internal {
                message: format!("statement {i} is past the last a program may have"),
            },
            Span::default(),
        )
    })
}
