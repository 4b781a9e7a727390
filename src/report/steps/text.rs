//! The text of worked steps: a formula written as on a whiteboard, how much of an expression
//! a text is (for parentheses), and the small rules of spacing and grouping.

use crate::format;
use crate::value::Number;

/// How much of an expression a text is, for the place it goes: a text goes in bare where
/// the place takes that much, in parentheses elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub(super) enum Level {
    /// One token: `500M`, `99.95%`, `(1 - x)`.
    Atom,
    /// A number and its units, which bind tighter than `×` and `/`: `86,400 s`, `10 GB/day`.
    Quantity,
    /// Anything else without a top-level sum: `174K /s`, `30 × 86,400 s`.
    Product,
}

/// `text` as it may stand where `room` is: in parentheses when it is more.
pub(super) fn fit(text: String, room: Level) -> String {
    if level(&text) > room {
        format!("({text})")
    } else {
        text
    }
}

fn level(text: &str) -> Level {
    let parenthesised = text.starts_with('(')
        && closing(text).is_some_and(|end| text[end + 1..].chars().all(|c| c == '%'));
    if parenthesised || !(text.contains(char::is_whitespace) || text.starts_with('-')) {
        return Level::Atom;
    }
    let mut tokens = text.split(' ');
    let number = tokens.next().is_some_and(|n| {
        n.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '^' | '_'))
    });
    let unit = |w: &str| w.starts_with(|c: char| c.is_alphabetic() || c == '$');
    let rest: Vec<&str> = tokens.collect();
    if number && rest.first().is_some_and(|w| unit(w)) && rest.iter().all(|w| unit(w)) {
        Level::Quantity
    } else {
        Level::Product
    }
}

/// Where the parenthesis that opens `text` closes.
pub(super) fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A shown value without what it says in parentheses after it: `99.95% (3.3 nines)` is
/// `99.95%`, `800 Mbps (100 MB/s)` is `800 Mbps`.
pub(crate) fn plain(shown: &str) -> &str {
    match shown.rfind(" (") {
        Some(at) if shown.ends_with(')') => &shown[..at],
        _ => shown,
    }
}

/// A number of seconds with its thousands grouped: `86,400`.
pub(super) fn grouped(x: Number) -> String {
    if x.fract() == 0.0 && x < 1e15 {
        format::group_thousands(x as usize)
    } else {
        format!("{x}")
    }
}

/// A length in the rough calendar as a candidate writes it: `10^5`, `3 × 10^6`,
/// `3.65 × 10^7`.
pub(crate) fn powers_of_ten(x: Number) -> String {
    if !(x.is_finite() && x > 0.0) {
        return format!("{x}");
    }
    let exponent = x.log10().floor() as i32;
    // Twelve digits drop the noise of the division: 3.65e7 / 1e7 is 3.6500000000000004.
    let mantissa = format!("{:.12}", x / 10f64.powi(exponent));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    if mantissa == "1" {
        format!("10^{exponent}")
    } else {
        format!("{mantissa} × 10^{exponent}")
    }
}

/// The lines, each kept only when it reads differently from the one before (spacing aside).
pub(super) fn distinct(lines: Vec<String>) -> Vec<String> {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        if out.last().is_none_or(|last| bare(last) != bare(&line)) {
            out.push(line);
        }
    }
    out
}

/// A formula as a person writes it: whitespace collapsed, `*` as `×`, `**` as `^`, and a
/// subtraction's `-` as `−`, each operator between single spaces. A minus that is a sign,
/// or an exponent's (`1e-3`), stays.
pub(crate) fn whiteboard(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let operator = |out: &mut String, symbol: char| {
        let kept = out.trim_end().len();
        out.truncate(kept);
        out.push(' ');
        out.push(symbol);
        out.push(' ');
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '*' if chars.get(i + 1) == Some(&'*') => {
                let kept = out.trim_end().len();
                out.truncate(kept);
                out.push('^');
                i += 1;
            }
            '*' | '×' => operator(&mut out, '×'),
            '-' | '−' if subtracts(&out, chars.get(i + 1).copied()) => operator(&mut out, '−'),
            '+' if subtracts(&out, chars.get(i + 1).copied()) => operator(&mut out, '+'),
            // `GB/86,400 s`: a division by a number reads better spaced.
            '/' if chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_digit() || *c == '(') =>
            {
                operator(&mut out, '/');
            }
            _ => {
                // `( 2 )` is written `(2)`: no space inside parentheses.
                if out.ends_with(' ') && c == ')' {
                    out.pop();
                }
                out.push(c);
            }
        }
        if out.ends_with("( ") {
            out.pop();
        }
        i += 1;
    }
    out.trim().to_string()
}

/// Whether a `-` or `+` after `written`, followed by `next`, joins two operands (rather than
/// being a sign or an exponent's).
fn subtracts(written: &str, next: Option<char>) -> bool {
    let before = written.trim_end();
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    // `1e-3`: an exponent, right after a mantissa.
    let exponent = matches!(last, 'e' | 'E')
        && before.len() == written.len()
        && before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && next.is_some_and(|c| c.is_ascii_digit());
    !exponent && (last.is_alphanumeric() || matches!(last, ')' | '%' | '_' | '$'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_on_a_whiteboard() {
        assert_eq!(whiteboard("views * peak_factor"), "views × peak_factor");
        assert_eq!(whiteboard("(1 - sla)*1 year"), "(1 − sla) × 1 year");
        assert_eq!(whiteboard("2**10"), "2^10");
        assert_eq!(whiteboard("-5 GB + 1e-3 GB"), "-5 GB + 1e-3 GB");
        assert_eq!(whiteboard("a * -b"), "a × -b");
        assert_eq!(whiteboard("x /  ( 2 )"), "x / (2)");
        assert_eq!(whiteboard("size-3"), "size − 3");
        assert_eq!(whiteboard("5 GB/86,400 s"), "5 GB / 86,400 s");
        assert_eq!(whiteboard("10 KB/s"), "10 KB/s");
    }

    #[test]
    fn texts_are_parenthesised_only_where_they_must() {
        assert_eq!(level("500M"), Level::Atom);
        assert_eq!(level("(100 - 1e-298)%"), Level::Atom);
        assert_eq!(level("86,400 s"), Level::Quantity);
        assert_eq!(level("10^5 s"), Level::Quantity);
        assert_eq!(level("10 GB/day"), Level::Quantity);
        assert_eq!(level("174K /s"), Level::Product);
        assert_eq!(level("30 × 86,400 s"), Level::Product);
        assert_eq!(level("-5"), Level::Product);
        assert_eq!(fit("174K /s".into(), Level::Quantity), "(174K /s)");
        assert_eq!(fit("174K /s".into(), Level::Product), "174K /s");
    }

    #[test]
    fn a_shown_value_loses_its_remark() {
        assert_eq!(plain("99.95% (3.3 nines)"), "99.95%");
        assert_eq!(plain("(100 - 1e-298)% (300 nines)"), "(100 - 1e-298)%");
        assert_eq!(plain("11.6K /s"), "11.6K /s");
        assert_eq!(grouped(86_400.0), "86,400");
        assert_eq!(grouped(31_557_600.0), "31,557,600");
        assert_eq!(powers_of_ten(1e5), "10^5");
        assert_eq!(powers_of_ten(3e6), "3 × 10^6");
        assert_eq!(powers_of_ten(3.65e7), "3.65 × 10^7");
    }
}
