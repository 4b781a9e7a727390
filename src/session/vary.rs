//! Varying one definition: a sweep evaluates a scenario at many values of an input. The
//! program is parsed and checked once, with the input set to each end of its range (so that
//! both ends are checked against the definition's dimension and kind); each step then puts
//! a number in base units in place of the input's formula in the checked program and
//! evaluates again. No step parses or checks anything.

use super::{Error, Session};
use crate::ast::{Expr, ExprKind};
use crate::builtins::{self, Func};
use crate::check::Flag;
use crate::diagnostic::Diagnostic;
use crate::ir::{Checked, Node, Typed};
use crate::span::Span;
use crate::value::Number;

impl Session {
    /// One end of a `--vary` range: `name` set to `text` (a text of the language, as `--set`
    /// reads it), the program checked, and the value in base units. It must be one finite
    /// number: a range has no single value to step from.
    pub fn vary_end(&mut self, name: &str, text: &str) -> Result<Number, Error> {
        let span = self.set_from(Flag::Vary, name, text)?;
        let uncertain = self
            .overrides
            .last()
            .is_some_and(|o| is_uncertain(&o.value));
        if uncertain {
            return Err(not_one_number(text, span, "uncertain"));
        }
        self.check()?;
        let index = self.definition_index(name)?;
        let evaluation = self.evaluate().map_err(|e| {
            let mut d = e.to_diagnostic(&self.sources);
            d.message = format!("with {name} = {text} (an end of --vary): {}", d.message);
            Error::Input(d)
        })?;
        let value = &evaluation.values[index];
        let number = value.point();
        if value.is_uncertain() {
            return Err(not_one_number(text, span, "uncertain"));
        }
        if !number.is_finite() {
            return Err(not_one_number(text, span, "not a finite number"));
        }
        Ok(number)
    }

    /// The checked program, to change after [`crate::sweep::vary`] (how an input is shown), and
    /// the sources it was read from.
    pub(crate) fn checked_mut(
        &mut self,
    ) -> (
        Option<&mut crate::ir::Checked>,
        &crate::diagnostic::SourceMap,
    ) {
        (self.checked.as_mut(), &self.sources)
    }

    /// The period each growth rate of the checked program compounds over (the hidden
    /// argument of `grow` and `accumulate`), in program order: a sweep's steps are pinned into
    /// the program checked at one end, so both ends must state the same.
    pub(crate) fn growth_periods(&self) -> Vec<Number> {
        self.checked.as_ref().map_or_else(Vec::new, growth_periods)
    }

    /// Where a `--set` of `name` was given, if one was.
    pub fn overridden_at(&self, name: &str) -> Option<Span> {
        self.overrides
            .iter()
            .rfind(|o| o.name == name)
            .map(|o| o.name_span)
    }

    /// The index of the checked program's definition `name`.
    fn definition_index(&self, name: &str) -> Result<usize, Error> {
        self.checked
            .as_ref()
            .and_then(|c| c.definitions.iter().position(|d| d.name == name))
            .ok_or_else(|| {
                Error::Input(Diagnostic::new(format!(
                    "internal error: `{name}` is not a checked definition"
                )))
            })
    }

    /// Puts `value` (in base units) in place of the formula of definition `name` in the
    /// checked program: the next [`Session::evaluate`] computes everything from it. The
    /// program must have been checked (by [`crate::sweep::vary`]), and is not checked again.
    pub fn pin(&mut self, name: &str, value: Number) -> Result<(), Error> {
        let index = self.definition_index(name)?;
        if let Some(def) = self.checked.as_mut().map(|c| &mut c.definitions[index]) {
            def.expr.node = Node::Const(value);
        }
        Ok(())
    }

    /// The definitions that depend on any of `names`, directly or through others, in
    /// program order: what a sweep of those inputs shows unless told otherwise.
    pub fn dependents(&mut self, names: &[&str]) -> Result<Vec<String>, Error> {
        let checked = self.check()?;
        let n = checked.definitions.len();
        let mut moved: Vec<bool> = checked
            .definitions
            .iter()
            .map(|d| names.contains(&d.name.as_str()))
            .collect();
        for &i in &checked.order {
            if checked.definitions[i].deps.iter().any(|&d| moved[d]) {
                moved[i] = true;
            }
        }
        Ok((0..n)
            .filter(|&i| moved[i] && !names.contains(&checked.definitions[i].name.as_str()))
            .map(|i| checked.definitions[i].name.clone())
            .collect())
    }
}

/// What a `--vary` end that is not one number is told.
fn not_one_number(text: &str, span: Span, what: &str) -> Error {
    Error::Input(
        Diagnostic::new(format!(
            "a --vary end must be one number: `{text}` is {what}"
        ))
        .primary(span, "")
        .help("write each end as a single value: `--vary dau=100M..1bn`"),
    )
}

/// Whether an expression as written is uncertain: a range (`lo to hi`) or a distribution
/// (`normal(…)`) outside a summary (`p(x, 95%)` is one number).
fn is_uncertain(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Range { .. } => true,
        ExprKind::Call(call) => match builtins::lookup(&call.name).map(|b| b.func) {
            Some(func) if func.is_summary() => false,
            Some(Func::Normal | Func::Uniform | Func::LogNormal | Func::Pert) => true,
            _ => call.args.iter().any(is_uncertain),
        },
        _ => expr.children().any(is_uncertain),
    }
}

/// The period each growth rate of a checked program compounds over (the hidden argument of
/// `grow` and `accumulate`), in program order.
fn growth_periods(checked: &Checked) -> Vec<Number> {
    fn walk(t: &Typed, out: &mut Vec<Number>) {
        match &t.node {
            Node::Const(_) | Node::Var(_) => {}
            Node::Neg(x) => walk(x, out),
            Node::Bin(_, a, b) | Node::Cmp(_, a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Node::Call(func, args) => {
                if matches!(func, Func::Grow | Func::Accumulate) {
                    out.extend(args.get(2).and_then(Typed::const_value));
                }
                args.iter().for_each(|a| walk(a, out));
            }
            Node::Dist(d) => d.params.iter().for_each(|p| walk(p, out)),
        }
    }
    let mut out = Vec::new();
    for d in &checked.definitions {
        walk(&d.expr, &mut out);
    }
    for e in &checked.expressions {
        walk(&e.expr, &mut out);
    }
    for a in &checked.assertions {
        walk(&a.lhs, &mut out);
        walk(&a.rhs, &mut out);
    }
    out
}
