//! Inputs as written: an input such as `impressions = 20bn / day` is shown `20bn /day`, in
//! the units its author chose, not restated as `231K /s`. An input whose expression is a
//! number literal followed by units only (`5 years`, `2 MB`, `10 GB per day`, `10K req/s`)
//! is shown as if converted to those units with `->`; anything else keeps the display rule
//! of its kind. A percentage over a time (`growth = 20% / year`) is shown `20% /year`.

use crate::diagnostic::SourceMap;
use crate::ir::{Arith, Node, ResolvedTarget, Typed};
use crate::quantity::{ValueKind, units};
use crate::span::Span;
use crate::value::Number;

/// The units an input was written in, as a conversion target; `None` when it was not
/// written as a number and units.
pub fn as_written(
    expr: &Typed,
    sources: &SourceMap,
    count_units: &[String],
) -> Option<ResolvedTarget> {
    if expr.kind != ValueKind::Plain {
        return None;
    }
    let reader = Reader {
        sources,
        count_units,
    };
    let (literal_end, factor) = reader.split(expr)?;
    let written = sources.slice(Span {
        start: literal_end,
        end: expr.span.end,
    });
    if written.contains(['(', ')']) || !(factor.is_finite() && factor > 0.0) {
        return None;
    }
    // `$0.023/GB/month`: the sign comes before the number; `20% / year`: `%` after it, and
    // then the units (a percentage alone is shown as one already).
    let money = sources.slice(expr.span).starts_with('$');
    let percent = sources.slice(Span {
        start: expr.span.start,
        end: literal_end,
    });
    let text = if money {
        format!("${}", tidy(written))
    } else if percent.ends_with('%') {
        if tidy(written).is_empty() {
            return None;
        }
        format!("%{}", tidy(written))
    } else {
        tidy(written)
    };
    (!text.is_empty()).then_some(ResolvedTarget::Unit {
        factor,
        dim: expr.dim,
        text,
    })
}

/// Whitespace collapsed, and none around `/`, `*` and `^`: ` / day` is `/day`.
fn tidy(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(words.len());
    let mut chars = words.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_op = chars.peek().is_some_and(|n| matches!(n, '/' | '*' | '^'));
        if c == ' ' && (next_is_op || out.ends_with(['/', '*', '^'])) {
            continue;
        }
        out.push(c);
    }
    out
}

struct Reader<'a> {
    sources: &'a SourceMap,
    count_units: &'a [String],
}

impl Reader<'_> {
    /// Where the leading number literal ends, and the size of the units after it.
    fn split(&self, t: &Typed) -> Option<(u32, Number)> {
        match &t.node {
            Node::Const(_) if self.is_literal(t) => Some((t.span.end, 1.0)),
            // `20% / year`: the number, then `%` as the first of its units.
            Node::Const(_) if self.is_percent_literal(t) => Some((t.span.end, 0.01)),
            // `$0.02`: the number, then the sign written before it.
            Node::Bin(Arith::Mul, l, r)
                if self.is_literal(l) && self.sources.slice(r.span) == "$" =>
            {
                Some((l.span.end, r.const_value()?))
            }
            Node::Neg(x) => self.split(x),
            Node::Bin(op @ (Arith::Mul | Arith::Div), l, r) if self.units_only(r) => {
                let (end, factor) = self.split(l)?;
                let unit = r.const_value()?;
                Some((
                    end,
                    if *op == Arith::Mul {
                        factor * unit
                    } else {
                        factor / unit
                    },
                ))
            }
            _ => None,
        }
    }

    /// A number as written: `20bn`, `1_000`, `2.5e3`, `100 million` (not `99.9%`).
    fn is_literal(&self, t: &Typed) -> bool {
        let text = self.sources.slice(t.span);
        text.starts_with(|c: char| c.is_ascii_digit() || c == '.') && !text.contains('%')
    }

    /// A percentage as written: `20%`, `2.5%`.
    fn is_percent_literal(&self, t: &Typed) -> bool {
        let text = self.sources.slice(t.span);
        text.strip_suffix('%').is_some_and(|number| {
            number.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '_')
        })
    }

    /// Made of unit names only: `GB`, `req/s`, `day`, `m^2`.
    fn units_only(&self, t: &Typed) -> bool {
        match &t.node {
            Node::Const(_) => {
                let name = self.sources.slice(t.span);
                units::lookup(name).is_some()
                    || units::count_word(name).is_some()
                    || self.count_units.iter().any(|u| u == name)
            }
            Node::Bin(Arith::Mul | Arith::Div, l, r) => self.units_only(l) && self.units_only(r),
            Node::Bin(Arith::Pow, l, r) => self.units_only(l) && matches!(r.node, Node::Const(_)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_tidied() {
        assert_eq!(tidy(" / day"), "/day");
        assert_eq!(tidy(" GB  per day"), "GB per day");
        assert_eq!(tidy(" req / user / day"), "req/user/day");
        assert_eq!(tidy(" years"), "years");
    }
}
