//! Declarations that change the language a program is read in, checked before anything
//! else: `unit NAME` (a count unit with its own dimension) and the calendar (`calendar
//! gregorian`, `calendar year = 365 days`), which fixes how long a month or a year is for
//! every definition.

use crate::ast::{Program, StmtKind};
use crate::check::error::{CheckError, CheckErrorKind};
use crate::check::scope::Scope;
use crate::check::typecheck::Typer;
use crate::quantity::dimension::MAX_COUNT_UNITS;
use crate::quantity::{CalendarUnit, Conventions, Dimension};
use crate::span::Span;
use crate::value::Number;

/// Adds each `unit NAME` to the scope.
pub fn declare_units(scope: &mut Scope, program: &Program) -> Result<(), CheckError> {
    for st in &program.statements {
        if let StmtKind::UnitDecl { name, name_span } = &st.kind {
            if scope.count_units.contains(name) {
                return Err(CheckError::new(
                    CheckErrorKind::UnitDeclaredTwice { name: name.clone() },
                    *name_span,
                ));
            }
            scope.check_new_name(name, *name_span)?;
            if scope.count_units.len() == MAX_COUNT_UNITS {
                return Err(CheckError::new(
                    CheckErrorKind::TooManyCountUnits,
                    *name_span,
                ));
            }
            scope.count_units.push(name.clone());
        }
    }
    Ok(())
}

/// Applies the program's calendar statements to the scope's conventions: a named calendar
/// or a year length, then month and quarter lengths, the year first so that a month or
/// quarter derived from it follows it. The year is set at most once (a named calendar sets
/// it) and so is each other length, so a second setting (`calendar year = …` twice, or a
/// year length and `calendar julian`) is an error naming both lines rather than a silent
/// last-wins. `calendar 365` with `calendar month = 30 days` sets each length once. The rough
/// calendar of `--rough` is left as it is.
pub fn apply_calendar(
    scope: &mut Scope,
    program: &Program,
    sources: &crate::diagnostic::SourceMap,
) -> Result<(), CheckError> {
    // Who set the year, the month and the quarter.
    let mut set: [Option<Span>; 3] = [None; 3];
    let mut claim = |unit: CalendarUnit, span: Span, named: bool| -> Result<(), CheckError> {
        let slot = &mut set[unit as usize];
        if let Some(first) = *slot {
            return Err(CheckError::new(
                CheckErrorKind::CalendarSetTwice {
                    first,
                    what: if named { "calendar" } else { unit.name() },
                },
                span,
            ));
        }
        *slot = Some(span);
        Ok(())
    };
    let mut lengths: Vec<(CalendarUnit, Number)> = Vec::new();
    for st in &program.statements {
        match &st.kind {
            StmtKind::Calendar { name, .. } => {
                claim(CalendarUnit::Year, st.span, true)?;
                if let Some(c) = Conventions::named(name)
                    && !scope.conventions.rough
                {
                    scope.conventions = c;
                }
            }
            StmtKind::CalendarLength { unit, value, .. } => {
                claim(*unit, st.span, false)?;
                let typer = Typer {
                    scope,
                    sources,
                    values: &[],
                    types: Vec::new(),
                    readings: Default::default(),
                    unit_position: Default::default(),
                    uncertain: Vec::new(),
                    statement: Default::default(),
                    position: Default::default(),
                };
                typer.constant_only(value)?;
                let typed = typer.lower(value)?;
                if typed.dim != Dimension::TIME {
                    return Err(CheckError::new(
                        CheckErrorKind::CalendarLengthNotDuration {
                            found: scope.operand(typed.span, typed.dim),
                        },
                        typed.span,
                    ));
                }
                match typed.const_value() {
                    Some(v) if v > 0.0 && v.is_finite() => lengths.push((*unit, v)),
                    Some(v) if v.is_infinite() || v.is_nan() => {
                        return Err(CheckError::new(
                            CheckErrorKind::CalendarLengthTooLarge,
                            typed.span,
                        ));
                    }
                    _ => {
                        return Err(CheckError::new(
                            CheckErrorKind::CalendarLengthNotPositive,
                            typed.span,
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    // The rough calendar is the same for every program: its statements were checked, and
    // are not applied.
    if scope.conventions.rough {
        return Ok(());
    }
    lengths.sort_by_key(|(u, _)| *u != CalendarUnit::Year);
    for (unit, seconds) in lengths {
        match unit {
            CalendarUnit::Year => scope.conventions = Conventions::with_year(seconds),
            CalendarUnit::Month => scope.conventions.month_s = seconds,
            CalendarUnit::Quarter => scope.conventions.quarter_s = seconds,
        }
    }
    Ok(())
}
