//! Typing a function call: the function exists, the number of arguments fits, and each
//! argument satisfies the [`Rule`] of its [`crate::builtins`] entry, which also gives the
//! result's dimension and kind.

use crate::ast::{Expr, ExprKind};
use crate::builtins::{self, Arg, Builtin, Func, Rule};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::typecheck::Typer;
use crate::ir::{Node, Typed};
use crate::quantity::{Dimension, ValueKind, units};
use crate::span::Span;
use crate::suggest;

impl Typer<'_> {
    pub(super) fn call(
        &self,
        span: Span,
        name: &str,
        name_span: Span,
        args: &[Expr],
    ) -> Result<Typed, CheckError> {
        let Some(def) = builtins::lookup(name) else {
            let help = suggest::closest(name, builtins::BUILTINS.iter().map(|f| f.name))
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| {
                    (self.scope.definition(name).is_some() || units::lookup(name).is_some())
                        .then(|| format!("to multiply, write `{name} * (…)`"))
                });
            return Err(CheckError::new(
                CheckErrorKind::UnknownFunction {
                    name: name.to_string(),
                    help,
                },
                name_span,
            ));
        };
        let count_ok = args.len() >= def.min_args && def.max_args.is_none_or(|m| args.len() <= m);
        if !count_ok {
            let wanted = match def.max_args {
                Some(m) if m == def.min_args => format!("{m}"),
                Some(m) => format!("{} to {m}", def.min_args),
                None => format!("at least {}", def.min_args),
            };
            let singular = def.max_args == Some(1) || def.min_args == 1 && def.max_args.is_none();
            return Err(CheckError::new(
                CheckErrorKind::ArgumentCount {
                    name: name.to_string(),
                    wanted,
                    plural: !singular,
                    given: args.len(),
                    usage: format!("{}: {}", def.signature, def.about),
                },
                span,
            ));
        }
        match (def.func, args) {
            (Func::Availability, [arg]) => {
                if let ExprKind::Range { lo, hi, .. } = &arg.kind {
                    return self.availability_range(span, lo, hi);
                }
            }
            (Func::Grow | Func::Accumulate, _) => return self.growth_call(def, span, args),
            (Func::Prob, [arg]) => {
                let cmp = self.comparison(arg)?;
                return Ok(Typed {
                    node: Node::Call(def.func, Box::new([cmp])),
                    dim: Dimension::NONE,
                    kind: ValueKind::Percent,
                    span,
                });
            }
            _ => {}
        }
        let args: Vec<Typed> = args
            .iter()
            .map(|a| self.lower(a))
            .collect::<Result<_, _>>()?;
        let (dim, kind) = self.apply_rule(def, def.rule, &args)?;
        self.distribution(
            def.func,
            Typed {
                node: Node::Call(def.func, args.into_boxed_slice()),
                dim,
                kind,
                span,
            },
        )
    }

    fn apply_rule(
        &self,
        def: &Builtin,
        rule: Rule,
        args: &[Typed],
    ) -> Result<(Dimension, ValueKind), CheckError> {
        let name = def.name;
        match rule {
            Rule::SameDimension => {
                let first = &args[0];
                if let Some(other) = args.iter().find(|a| a.dim != first.dim) {
                    return Err(CheckError::new(
                        CheckErrorKind::MixedArguments {
                            function: name.to_string(),
                            first: self.scope.operand(first.span, first.dim),
                            other: self.scope.operand(other.span, other.dim),
                        },
                        other.span,
                    ));
                }
                // `max(1%, 2%)` is a percentage, `min(a, b)` of availabilities an availability.
                let kind = if args.iter().all(|a| a.kind == first.kind) {
                    first.kind
                } else {
                    ValueKind::Plain
                };
                Ok((first.dim, kind))
            }
            Rule::SameAsArgument => Ok((args[0].dim, ValueKind::Plain)),
            Rule::LikeFirst(wanted) => {
                self.apply_rule(
                    def,
                    Rule::Args {
                        args: wanted,
                        dim: args[0].dim,
                        kind: args[0].kind,
                    },
                    args,
                )?;
                // `headroom(99.9%, 30%)` is a number above 100%, not an availability.
                let kind = match args[0].kind {
                    ValueKind::Availability => ValueKind::Plain,
                    kind => kind,
                };
                Ok((args[0].dim, kind))
            }
            Rule::Growth => Err(CheckError::new(
                CheckErrorKind::Internal {
                    message: format!("`{name}` is typed by its growth rate"),
                },
                Span::default(),
            )),
            Rule::Summary => {
                for a in &args[1..] {
                    self.check_arg(name, Arg::Plain, a)?;
                    self.certain(a, "a percentile")?;
                    if a.kind == ValueKind::Plain && a.const_value() == Some(1.0) {
                        return Err(CheckError::new(
                            CheckErrorKind::Uncertain(
                                crate::check::uncertain::UncertainError::PercentileOne,
                            ),
                            a.span,
                        ));
                    }
                }
                Ok((args[0].dim, args[0].kind))
            }
            Rule::SquareRoot => {
                let a = &args[0];
                let dim = a.dim.pow(1, 2).ok_or_else(|| {
                    CheckError::new(
                        CheckErrorKind::SquareRoot {
                            found: self.scope.operand(a.span, a.dim),
                        },
                        a.span,
                    )
                })?;
                Ok((dim, ValueKind::Plain))
            }
            Rule::Args {
                args: wanted,
                dim,
                kind,
            } => {
                for (i, a) in args.iter().enumerate() {
                    let rule = wanted.get(i).or(wanted.last()).copied();
                    match rule {
                        Some(Arg::LikeFirst) if a.dim != args[0].dim => {
                            return Err(CheckError::new(
                                CheckErrorKind::MixedArguments {
                                    function: name.to_string(),
                                    first: self.scope.operand(args[0].span, args[0].dim),
                                    other: self.scope.operand(a.span, a.dim),
                                },
                                a.span,
                            ));
                        }
                        Some(rule) => self.check_arg(name, rule, a)?,
                        None => {}
                    }
                }
                Ok((dim, kind))
            }
            Rule::ByArity(rules) => {
                let chosen = rules.iter().find(
                    |r| matches!(r, Rule::Args { args: wanted, .. } if wanted.len() == args.len()),
                );
                match chosen {
                    Some(rule) => self.apply_rule(def, *rule, args),
                    None => Err(CheckError::new(
                        CheckErrorKind::Internal {
                            message: format!("`{name}` has no rule for {} arguments", args.len()),
                        },
                        Span::default(),
                    )),
                }
            }
        }
    }

    pub(super) fn check_arg(&self, function: &str, rule: Arg, a: &Typed) -> Result<(), CheckError> {
        let found = || self.scope.operand(a.span, a.dim);
        match rule {
            Arg::Plain | Arg::PlainToRound if !a.dim.is_none() => Err(CheckError::new(
                CheckErrorKind::NeedsPlainNumber {
                    function: function.to_string(),
                    found: found(),
                    rounding: rule == Arg::PlainToRound,
                },
                a.span,
            )),
            Arg::Duration(wanted) if a.dim != Dimension::TIME => Err(CheckError::new(
                CheckErrorKind::WrongArgument {
                    function: function.to_string(),
                    wanted,
                    found: found(),
                },
                a.span,
            )),
            // Counts per unit of time: `1000 /s`, or `1000 req/s` with `unit req`.
            Arg::Rate(wanted) if !(a.dim.is_countlike() && a.dim.time() == -1) => {
                Err(CheckError::new(
                    CheckErrorKind::WrongArgument {
                        function: function.to_string(),
                        wanted,
                        found: found(),
                    },
                    a.span,
                ))
            }
            _ => Ok(()),
        }
    }
}
