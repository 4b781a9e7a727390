//! Varying one definition: a sweep evaluates a scenario at many values of an input. The
//! program is parsed and checked once, with the input set to each end of its range (so that
//! both ends are checked against the definition's dimension and kind); each step then puts
//! a number in base units in place of the input's formula in the checked program and
//! evaluates again. No step parses or checks anything.

use super::{Error, Session};
use crate::ast::{Expr, ExprKind};
use crate::builtins::{BUILTINS, Func};
use crate::diagnostic::Diagnostic;
use crate::ir::{Checked, Node, Typed};
use crate::span::Span;
use crate::value::Number;

impl Session {
    /// Sets each input `name` to `lo` and then to `hi` (texts of the language, as `--set`
    /// reads them), checking the program each time, and returns both values of each in base
    /// units. Each must be one finite number: a range has no single value to step from.
    pub fn vary(&mut self, ranges: &[(&str, &str, &str)]) -> Result<Vec<(Number, Number)>, Error> {
        let mut ends = Vec::new();
        for &(name, lo, hi) in ranges {
            let (lo_value, lo_periods) = self.end_value(name, lo)?;
            let (hi_value, hi_periods) = self.end_value(name, hi)?;
            // Each step is pinned into the program checked at `hi`, whose growth rates
            // compound per the periods `hi` states: `lo` must state the same.
            if lo_periods != hi_periods {
                return Err(Error::Input(
                    Diagnostic::new(format!(
                        "the ends of --vary {name} state a growth rate over different \
                         periods: `{lo}` and `{hi}`"
                    ))
                    .help(format!(
                        "a growth compounds once per the period it is stated in: write both \
                         ends over one period, e.g. `--vary '{name}=10%/year..30%/year'`"
                    )),
                ));
            }
            ends.push((lo_value, hi_value));
        }
        Ok(ends)
    }

    /// One end of a `--vary` range: `name` set to `text`, checked and evaluated; with the
    /// periods the program's growth rates compound over, then.
    fn end_value(&mut self, name: &str, text: &str) -> Result<(Number, Vec<Number>), Error> {
        let span = self.set_from("<--vary>", name, text)?;
        let uncertain = self
            .overrides
            .last()
            .is_some_and(|o| is_uncertain(&o.value));
        if uncertain {
            return Err(not_one_number(text, span, "uncertain"));
        }
        let periods = match self.check() {
            Ok(checked) => growth_periods(checked),
            Err(e) => return Err(Error::Input(as_vary(e.to_diagnostic(&self.sources), name))),
        };
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
        Ok((number, periods))
    }

    /// The checked program, to change after [`Session::vary`] (how an input is shown), and
    /// the sources it was read from.
    pub(crate) fn checked_mut(
        &mut self,
    ) -> (
        Option<&mut crate::ir::Checked>,
        &crate::diagnostic::SourceMap,
    ) {
        (self.checked.as_mut(), &self.sources)
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
    /// program must have been checked (by [`Session::vary`]), and is not checked again.
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

/// A checker's error about an override, which speaks of `--set`, said of `--vary`: an end of
/// its range is an override.
fn as_vary(mut d: Diagnostic, name: &str) -> Diagnostic {
    d.message = d
        .message
        .replace("the --set value", "the --vary end")
        .replace("--set", "--vary");
    let set = format!("`--set '{name}=");
    d.help = d
        .help
        .iter()
        .map(|h| match h.split_once(&set) {
            // `write `--set 'sla=availability(99%)'`` is a fix of one end.
            Some((before, end)) => format!(
                "{before}each end so: `{}`",
                end.trim_end_matches('`').trim_end_matches('\'')
            ),
            None => h.replace("a --set value", "a --vary end"),
        })
        .collect();
    d
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
    let func = |name: &str| BUILTINS.iter().find(|b| b.name == name).map(|b| b.func);
    match &expr.kind {
        ExprKind::Range { .. } => true,
        ExprKind::Call(call) => match func(&call.name) {
            Some(Func::P | Func::Mean | Func::Median | Func::Sd | Func::Prob) => false,
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
