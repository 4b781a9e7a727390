//! A value as `bote eval` writes it, and as a drill shows its answer: `name = value`, a rough
//! figure beside it, or its worked steps a line each.

use std::fmt::Write as _;

use crate::report::ValueReport;

/// `name = value`, or the value of an expression statement; a rough figure that differs from
/// the exact one as `name ≈ 10K /s (exact 11.6K /s, −14%)`. With worked steps, a line a step,
/// each after `=` (or `≈` for a rough one) under the first. Each line ends in a newline.
pub fn derivation(v: &ValueReport) -> String {
    let mut text = String::new();
    let rough = v.rough().filter(|r| r.differs);
    let (head, indent) = match &v.name {
        Some(name) => (format!("{name} "), " ".repeat(name.chars().count() + 1)),
        None => (String::new(), "  ".to_string()),
    };
    let equals = |head: String| {
        if v.name.is_some() {
            format!("{head}= ")
        } else {
            head
        }
    };
    match (v.steps(), rough) {
        (Some([first, rest @ ..]), _) => {
            let _ = writeln!(text, "{}{first}", equals(head));
            for step in rest {
                let _ = writeln!(text, "{indent}= {step}");
            }
            if let Some(rough) = rough {
                let steps = rough.steps.as_deref().unwrap_or_default();
                for step in steps.iter().take(steps.len().saturating_sub(1)) {
                    let _ = writeln!(text, "{indent}≈ {step}");
                }
                let _ = writeln!(text, "{indent}{}", rough.beside(v));
            }
        }
        (_, Some(rough)) => {
            let _ = writeln!(text, "{head}{}", rough.beside(v));
        }
        _ => {
            let _ = writeln!(text, "{}{}", equals(head), v.shown.text);
        }
    }
    text
}
