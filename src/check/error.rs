//! What the checker rejects, as typed errors: a kind with the facts it needs and the span it
//! points at. [`CheckError::to_diagnostic`] is the one place they are worded; tests can match
//! on the kind. Dimensions are carried with their words (which depend on the program's count
//! units) so that rendering needs no context.

use crate::check::Flag;
use crate::check::hint::{ByteHint, with_byte_hint};
use crate::diagnostic::Diagnostic;
use crate::quantity::Dimension;
use crate::quantity::dimension::MAX_COUNT_UNITS;
use crate::span::Span;
use crate::value::Number;

#[derive(Clone, Debug, PartialEq)]
pub struct CheckError {
    /// Boxed: errors are rare, and a small error keeps every checking function's result small.
    pub kind: Box<CheckErrorKind>,
    /// Where the error is (the primary label).
    pub span: Span,
    /// For a dimension error: a `500B` among its operands, or in a definition they use.
    pub byte_hint: Option<Box<ByteHint>>,
    /// Whether the operands were searched for such a literal (once, where the error arose).
    pub hint_searched: bool,
}

/// An operand named in an error: where it is, its dimension and that dimension in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Operand {
    pub span: Span,
    pub dim: Dimension,
    pub words: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Taken {
    /// A unit of the table; its longest name.
    Unit(String),
    /// A count unit declared with `unit NAME`.
    CountUnit,
    Keyword,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CheckErrorKind {
    // Names.
    DefinedTwice {
        name: String,
        first: Span,
    },
    UnknownName {
        name: String,
        help: Option<String>,
    },
    NameTaken {
        name: String,
        taken: Taken,
    },
    UnknownFunction {
        name: String,
        help: Option<String>,
    },
    Cycle {
        members: Vec<(String, Span)>,
        path: String,
        /// A member that `--set` (or `--vary`) replaced: the override made the cycle.
        set: Option<(String, super::Flag)>,
    },
    UnitDeclaredTwice {
        name: String,
    },
    TooManyCountUnits,
    /// `2 dau`: only units multiply by juxtaposition.
    ValueNotUnit {
        name: String,
        what: &'static str,
        value: Span,
        value_text: String,
    },
    // `--set`.
    SetUnknown {
        name: String,
        suggestion: Option<String>,
    },
    SetChangesDimension {
        name: String,
        flag: super::Flag,
        given: Operand,
        original: Operand,
    },
    SetChangesKind {
        name: String,
        flag: super::Flag,
        original: Span,
        value_text: String,
    },
    // Calendar.
    /// The year, month or quarter set twice: by two lengths, or by a length and a named
    /// calendar (which sets them all).
    CalendarSetTwice {
        first: Span,
        what: &'static str,
    },
    CalendarLengthNotDuration {
        found: Operand,
    },
    CalendarLengthNotPositive,
    /// Overflows when converted to seconds.
    CalendarLengthTooLarge,
    CalendarLengthNotConstant {
        name: String,
    },
    // Dimensions.
    PercentNeedsPlain {
        found: Operand,
    },
    /// `99.99999999999999999%` rounds to 100%, `1e-323%` to 0%.
    PercentTooFine {
        near_one: bool,
    },
    /// `1B users`, `10 GB photos`: a count word after a size or a duration.
    WordAfterUnit {
        word: String,
        value: String,
    },
    /// `users` alone: a count word annotates a number.
    WordAlone {
        name: String,
    },
    /// `servers + headroom` with `headroom = 30%`: 30% more, or plus 0.3?
    AmbiguousPercent {
        subtract: bool,
        lhs: String,
        rhs: String,
        /// The side that is a percentage or an availability, and the plain one.
        percent: String,
        plain: String,
        percent_span: Span,
        /// The sum with the percentage written as a plain number.
        as_number: String,
    },
    AddMismatch {
        subtract: bool,
        lhs: Operand,
        rhs: Operand,
        byte_hint: Option<ByteHint>,
    },
    CompareMismatch {
        lhs: Operand,
        rhs: Operand,
        byte_hint: Option<ByteHint>,
    },
    ConvertMismatch {
        value: Operand,
        target: Operand,
        help: Option<&'static str>,
        byte_hint: Option<ByteHint>,
    },
    ExponentOutOfRange,
    ExponentNotPlain {
        found: Operand,
    },
    PowerNeedsConstant {
        base: Operand,
    },
    BadPower {
        base: Operand,
        exponent: Number,
    },
    ToleranceDimension {
        compared: String,
        found: Operand,
    },
    // Conversion targets.
    TargetNotUnit {
        with_help: bool,
    },
    TargetIsValue {
        name: String,
    },
    // Calls.
    ArgumentCount {
        name: String,
        wanted: String,
        plural: bool,
        given: usize,
        usage: String,
    },
    NeedsPlainNumber {
        function: String,
        found: Operand,
        rounding: bool,
    },
    MixedArguments {
        function: String,
        first: Operand,
        other: Operand,
    },
    SquareRoot {
        found: Operand,
    },
    WrongArgument {
        function: String,
        wanted: &'static str,
        found: Operand,
    },
    /// About ranges, distributions and their summaries (see [`super::uncertain`]).
    Uncertain(super::uncertain::UncertainError),
    /// About the growth rate of `grow` and `accumulate` (see [`super::growth`]).
    Growth(super::growth::GrowthError),
    Internal {
        message: String,
    },
}

impl CheckError {
    pub fn new(kind: CheckErrorKind, span: Span) -> Self {
        CheckError {
            kind: Box::new(kind),
            span,
            byte_hint: None,
            hint_searched: false,
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let d = self.kind_diagnostic();
        // The kinds that carry a hint of their own have already drawn it.
        let own = matches!(
            self.kind.as_ref(),
            CheckErrorKind::AddMismatch {
                byte_hint: Some(_),
                ..
            } | CheckErrorKind::CompareMismatch {
                byte_hint: Some(_),
                ..
            } | CheckErrorKind::ConvertMismatch {
                byte_hint: Some(_),
                ..
            }
        );
        match &self.byte_hint {
            Some(hint) if !own => d.help(hint.to_string()),
            _ => d,
        }
    }

    fn kind_diagnostic(&self) -> Diagnostic {
        use CheckErrorKind as K;
        let span = self.span;
        match self.kind.as_ref() {
            K::DefinedTwice { name, first } => {
                Diagnostic::new(format!("`{name}` is defined twice"))
                    .primary(span, "defined again here")
                    .secondary(*first, "first defined here")
                    .help("give each value its own name")
            }
            K::UnknownName { name, help } => with_help(
                Diagnostic::new(format!("unknown name `{name}`")).primary(span, "not defined"),
                help,
            ),
            K::NameTaken { name, taken } => {
                let clash = match taken {
                    Taken::Unit(long) => format!("`{name}` is already a unit ({long})"),
                    Taken::CountUnit => {
                        format!("`{name}` is already a unit (declared with `unit {name}`)")
                    }
                    Taken::Keyword => format!("`{name}` is a keyword"),
                };
                Diagnostic::new(clash)
                    .primary(span, "this name is taken")
                    .help(format!("choose another name, e.g. `{name}_value`"))
            }
            K::UnknownFunction { name, help } => with_help(
                Diagnostic::new(format!("unknown function `{name}`"))
                    .primary(span, "not a function"),
                help,
            ),
            K::Cycle { members, path, set } => super::order::cycle_diagnostic(
                members,
                path,
                set.as_ref().map(|(name, flag)| (name.as_str(), *flag)),
            ),
            K::UnitDeclaredTwice { name } => {
                Diagnostic::new(format!("unit `{name}` is declared twice"))
                    .primary(span, "declared again here")
            }
            K::TooManyCountUnits => Diagnostic::new(format!(
                "too many count units: at most {MAX_COUNT_UNITS} may be declared"
            ))
            .primary(span, "one too many"),
            K::ValueNotUnit {
                name,
                what,
                value,
                value_text,
            } => Diagnostic::new(format!("`{name}` is a value, not a unit"))
                .primary(span, *what)
                .secondary(*value, "multiplied by writing it next to this")
                .help(format!(
                    "only units multiply by juxtaposition; write `{value_text} * {name}`"
                )),
            K::SetUnknown { name, suggestion } => with_help(
                Diagnostic::new(format!("cannot set `{name}`: no such definition"))
                    .primary(span, "not defined in the scenario"),
                &suggestion.as_ref().map(|s| format!("did you mean `{s}`?")),
            ),
            K::SetChangesDimension {
                name,
                flag,
                given,
                original,
            } => Diagnostic::new(format!(
                "`{} {name}=…` gives {}, but `{name}` is {} in the scenario",
                flag.option(),
                given.words,
                original.words
            ))
            .primary(given.span, &given.words)
            .secondary(original.span, &original.words)
            .help(format!(
                "a {} replaces a number, not what it measures",
                flag.given()
            )),
            K::SetChangesKind {
                name,
                flag,
                original,
                value_text,
            } => Diagnostic::new(format!(
                "`{name}` is an availability in the scenario, but the {} is a plain number",
                flag.given()
            ))
            .primary(span, "a plain number")
            .secondary(*original, "an availability")
            .help(match flag {
                Flag::Set => format!("write `--set '{name}=availability({value_text})'`"),
                Flag::Vary => format!("write each end so: `availability({value_text})`"),
            }),
            K::CalendarSetTwice { first, what } => Diagnostic::new(if *what == "calendar" {
                "the calendar is set twice".to_string()
            } else {
                format!("the calendar's {what} is set twice")
            })
            .primary(span, "set again here")
            .secondary(*first, "first set here")
            .help("keep one of the two lines; a named calendar (`calendar julian`) sets the year"),
            K::CalendarLengthNotDuration { found } => Diagnostic::new(format!(
                "a calendar length is a duration, but this is {}",
                found.words
            ))
            .primary(found.span, &found.words)
            .help("write it with a time unit, e.g. `calendar year = 365 days`"),
            K::CalendarLengthNotPositive => {
                Diagnostic::new("a calendar length must be a positive constant")
                    .primary(span, "not a positive constant")
            }
            K::CalendarLengthTooLarge => Diagnostic::new(
                "a calendar length is too large: in seconds it overflows a 64-bit float",
            )
            .primary(span, "too large")
            .help("a calendar length is a few hundred days at most, e.g. `calendar year = 365 days`"),
            K::CalendarLengthNotConstant { name } => Diagnostic::new(format!(
                "a calendar length is a constant, but `{name}` is not a unit"
            ))
            .primary(span, "not a unit")
            .help("write it with numbers and units, e.g. `calendar year = 365 days`"),
            K::PercentNeedsPlain { found } => Diagnostic::new(format!(
                "`%` applies to plain numbers, but this is {}",
                found.words
            ))
            .primary(found.span, &found.words),
            K::PercentTooFine { near_one: true } => {
                Diagnostic::new("this percentage is too close to 100% for a 64-bit number")
                    .primary(span, "would be exactly 100%")
                    .help("write it in nines, which keep what it lacks of 100%: `nines(17)` is 99.999999999999999%")
            }
            K::PercentTooFine { near_one: false } => {
                Diagnostic::new("this percentage is too small for a 64-bit number")
                    .primary(span, "would be exactly 0%")
                    .help("numbers are 64-bit floating point: below about 4.9e-324 they are 0")
            }
            K::WordAfterUnit { word, value } => {
                let d = Diagnostic::new(format!(
                    "`{word}` counts things, but `{value}` is not a count"
                ))
                .primary(span, "a count word");
                // A `1B` explains it better than a rate would.
                if self.byte_hint.is_some() {
                    d
                } else {
                    let one = crate::quantity::units::spellings(word).map_or(word.as_str(), |r| r[0]);
                    d.help(format!("for so much per {one}, write `{value}/{one}`"))
                }
            }
            K::WordAlone { name } => Diagnostic::new(format!(
                "`{name}` is not defined; as a word it only annotates a number"
            ))
            .primary(span, "not defined")
            .help(format!(
                "define it (`{name} = …`), or write it after a number: `100M {name}`"
            )),
            K::AmbiguousPercent {
                subtract,
                lhs,
                rhs,
                percent,
                plain,
                percent_span,
                as_number,
            } => {
                let (sign, change) = if *subtract {
                    ("-", "that much less")
                } else {
                    ("+", "that much more")
                };
                Diagnostic::new(format!(
                    "`{lhs} {sign} {rhs}` mixes a percentage and a plain number: it could mean two things"
                ))
                .primary(span, "")
                .secondary(*percent_span, "a percentage")
                .help(format!(
                    "for a change by `{percent}` ({change}), write `{plain} * (1 {sign} {percent})`; for its value as a number, write `{as_number}`"
                ))
            }
            K::AddMismatch {
                subtract,
                lhs,
                rhs,
                byte_hint,
            } => {
                let message = if *subtract {
                    format!("cannot subtract {} from {}", rhs.words, lhs.words)
                } else {
                    format!("cannot add {} and {}", lhs.words, rhs.words)
                };
                let d = Diagnostic::new(message)
                    .secondary(lhs.span, &lhs.words)
                    .primary(span, "")
                    .secondary(rhs.span, &rhs.words);
                with_byte_hint(d, byte_hint)
            }
            K::CompareMismatch {
                lhs,
                rhs,
                byte_hint,
            } => {
                let d = Diagnostic::new(format!(
                    "cannot compare {} with {}",
                    lhs.words, rhs.words
                ))
                .secondary(lhs.span, &lhs.words)
                .primary(rhs.span, &rhs.words);
                with_byte_hint(d, byte_hint)
            }
            K::ConvertMismatch {
                value,
                target,
                help,
                byte_hint,
            } => {
                let mut d = Diagnostic::new(format!(
                    "cannot convert {} to {}",
                    value.words, target.words
                ))
                .secondary(value.span, &value.words)
                .primary(target.span, &target.words);
                if let Some(help) = help {
                    d = d.help(*help);
                }
                with_byte_hint(d, byte_hint)
            }
            K::ExponentOutOfRange => Diagnostic::new("dimension exponent out of range")
                .primary(span, "this multiplies units too many times"),
            K::ExponentNotPlain { found } => Diagnostic::new(format!(
                "an exponent must be a plain number, but this is {}",
                found.words
            ))
            .primary(found.span, &found.words),
            K::PowerNeedsConstant { base } => Diagnostic::new(format!(
                "a power of {} needs a constant exponent",
                base.words
            ))
            .primary(span, "not a constant")
            .secondary(base.span, &base.words),
            K::BadPower { base, exponent } => Diagnostic::new(format!(
                "cannot raise {} to the power {exponent}",
                base.words
            ))
            .primary(
                span,
                if exponent.fract() == 0.0 {
                    "too large a power for a value with a unit"
                } else {
                    "the dimension would not have whole exponents"
                },
            )
            .secondary(base.span, &base.words),
            K::ToleranceDimension { compared, found } => Diagnostic::new(format!(
                "a tolerance is a percentage (`within 1%`) or an amount of {compared}, but this is {}",
                found.words
            ))
            .primary(found.span, &found.words)
            .help("write a relative tolerance with `%`, e.g. `within 1%`"),
            K::TargetNotUnit { with_help } => {
                let d = Diagnostic::new("a conversion target must be a unit")
                    .primary(span, "not a unit");
                if *with_help {
                    d.help("convert to units such as `GB`, `Mbps`, `/s` or `min`; scale the value instead of the unit")
                } else {
                    d
                }
            }
            K::TargetIsValue { name } => Diagnostic::new(format!(
                "a conversion target must be a unit, but `{name}` is a value"
            ))
            .primary(span, "a definition")
            .help("convert to units such as `GB`, `Mbps`, `/s` or `min`"),
            K::ArgumentCount {
                name,
                wanted,
                plural,
                given,
                usage,
            } => Diagnostic::new(format!(
                "`{name}` takes {wanted} argument{}, but {given} {} given",
                if *plural { "s" } else { "" },
                if *given == 1 { "was" } else { "were" }
            ))
            .primary(span, "")
            .help(format!("usage: {usage}")),
            K::NeedsPlainNumber {
                function,
                found,
                rounding,
            } => {
                let d = Diagnostic::new(format!(
                    "`{function}` needs a plain number, but this is {}",
                    found.words
                ))
                .primary(found.span, &found.words);
                if *rounding {
                    d.help(format!(
                        "divide by the unit to round in, e.g. `{function}(x / GB)` or `{function}(qps / (20K /s))`"
                    ))
                } else {
                    d
                }
            }
            K::MixedArguments {
                function,
                first,
                other,
            } => Diagnostic::new(format!(
                "`{function}` needs arguments of one dimension, but got {} and {}",
                first.words, other.words
            ))
            .secondary(first.span, &first.words)
            .primary(other.span, &other.words),
            K::SquareRoot { found } => Diagnostic::new(format!(
                "cannot take the square root of {}",
                found.words
            ))
            .primary(found.span, &found.words),
            K::WrongArgument {
                function,
                wanted,
                found,
            } => Diagnostic::new(format!(
                "`{function}` needs {wanted} here, but this is {}",
                found.words
            ))
            .primary(found.span, &found.words),
            K::Uncertain(e) => e.diagnostic(span),
            K::Growth(e) => e.diagnostic(span),
            K::Internal { message } => {
                let d = Diagnostic::new(format!("internal error: {message}"));
                if span.is_empty() {
                    d
                } else {
                    d.primary(span, "here")
                }
            }
        }
    }
}

fn with_help(d: Diagnostic, help: &Option<String>) -> Diagnostic {
    match help {
        Some(h) => d.help(h.clone()),
        None => d,
    }
}
