//! The `500B` hint: a number glued to `B` is bytes, and among the operands of a dimension
//! error, or in a definition they use, a billion was probably meant. Which errors get the
//! hint, and how it reads.

use crate::check::error::{CheckError, CheckErrorKind};
use crate::diagnostic::Diagnostic;

/// A number glued to `B` (`500B`) among the operands of a dimension error: it is bytes, and
/// a billion was probably meant.
#[derive(Clone, Debug, PartialEq)]
pub struct ByteHint {
    /// The literal as written (`500B`) and its number (`500`).
    pub text: String,
    pub number: String,
    /// Where it is (`line 3`, or `common.bote:3`), when it is in a definition the operands
    /// use rather than in them.
    pub at: Option<String>,
}

/// Why a name cannot be defined.
impl CheckError {
    /// Is this an error about dimensions, which a `500B` meant as a billion may explain?
    pub fn is_dimension(&self) -> bool {
        use CheckErrorKind as K;
        matches!(
            self.kind.as_ref(),
            K::PercentNeedsPlain { .. }
                | K::AddMismatch { .. }
                | K::CompareMismatch { .. }
                | K::ConvertMismatch { .. }
                | K::ExponentNotPlain { .. }
                | K::BadPower { .. }
                | K::ToleranceDimension { .. }
                | K::NeedsPlainNumber { .. }
                | K::MixedArguments { .. }
                | K::SquareRoot { .. }
                | K::WrongArgument { .. }
                | K::SetChangesDimension { .. }
                | K::WordAfterUnit { .. }
        )
    }
}

pub(super) fn with_byte_hint(d: Diagnostic, hint: &Option<ByteHint>) -> Diagnostic {
    match hint {
        Some(hint) => d.help(hint.to_string()),
        None => d,
    }
}

impl std::fmt::Display for ByteHint {
    /// "`1B` at line 3 is one byte: `B` means bytes; a billion is `1bn`".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ByteHint { text, number, at } = self;
        let at = at.as_ref().map(|a| format!(" at {a}")).unwrap_or_default();
        let bytes = if number == "1" {
            "one byte".to_string()
        } else {
            format!("{number} bytes")
        };
        write!(
            f,
            "`{text}`{at} is {bytes}: `B` means bytes; a billion is `{number}bn`"
        )
    }
}
