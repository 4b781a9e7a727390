//! An expression written back as text in the canonical layout: the tokens of the source in
//! their order, the spaces between them decided by the tree. Numbers and names are copied
//! as written (`100M`, `1_000`, `10 million`, `µs`), and so are the author's parentheses,
//! `per`, `**` and unary `+` (which the tree does not keep: they are found in the source
//! between the tokens), so that the text parses back to the same tree. `bote fmt` prints
//! every expression so, and the parser names a conversion target (`-> GB/day`) so, whatever
//! the spacing it was written with.
//!
//! The spacing: one space around `+ - * /`, `per`, `to` and comparisons; none after a unary
//! `-`, before a postfix `%`, around `^` and around the `/` of a quantity (`100 MB/s`); one
//! between a number and its unit (`10 KB`); `f(a, b)` for a call. In [`Mode::Unit`] (a
//! conversion target) `*` and `/` are glued too: `GB/day`, `KB*s`, `/s`.

use crate::ast::{BinOp, Expr, ExprKind};
use crate::span::Span;

/// Where an expression stands, which decides the spacing of `*` and `/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A value: `a * b / c`.
    Value,
    /// A unit to convert to: `GB/day`.
    Unit,
}

/// `expr` as canonical text. `src` is the source its spans point into, starting at offset
/// `base`; `from` is the offset where the text before the expression ends (the end of `=`,
/// of `->`, of `assert`…): a unary `+` between there and the expression is kept.
pub(crate) fn expression(src: &str, base: usize, from: usize, expr: &Expr, mode: Mode) -> String {
    let mut printer = Printer {
        src,
        base,
        cursor: from.saturating_sub(base),
        out: String::new(),
        mode,
    };
    printer.expr(expr);
    printer.out
}

struct Printer<'a> {
    src: &'a str,
    base: usize,
    /// Local offset of the end of the last token written.
    cursor: usize,
    out: String,
    mode: Mode,
}

impl Printer<'_> {
    /// `span` as a local range, clamped to the source.
    fn local(&self, span: Span) -> (usize, usize) {
        let len = self.src.len();
        let at = |offset: u32| (offset as usize).saturating_sub(self.base).min(len);
        (at(span.start), at(span.end))
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    /// The unary `+` signs between the last token and `to`, which the tree drops.
    fn pluses_before(&mut self, to: usize) {
        if let Some(gap) = self.src.get(self.cursor..to) {
            let n = gap.bytes().filter(|&b| b == b'+').count();
            self.out.extend(std::iter::repeat_n('+', n));
        }
        self.cursor = self.cursor.max(to);
    }

    fn expr(&mut self, e: &Expr) {
        let (start, end) = self.local(e.span);
        self.pluses_before(start);
        let (inner_start, inner_end, layers) = self.open_parens(start, end);
        self.cursor = inner_start;
        match &e.kind {
            ExprKind::Number(_) => {
                let text = self.src.get(inner_start..inner_end).unwrap_or("");
                let mut words = text.split_whitespace();
                if let Some(first) = words.next() {
                    self.out.push_str(first);
                }
                for word in words {
                    self.out.push(' ');
                    self.out.push_str(word);
                }
            }
            ExprKind::Name(name) => self.out.push_str(name),
            ExprKind::Neg(operand) => {
                self.out.push('-');
                self.cursor = inner_start + 1;
                self.expr(operand);
            }
            ExprKind::Percent(operand) => {
                self.expr(operand);
                self.out.push('%');
            }
            ExprKind::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => self.binary(*op, *op_span, lhs, rhs),
            ExprKind::Call(call) => {
                self.out.push_str(&call.name);
                self.out.push('(');
                self.cursor = self.local(call.name_span).1 + 1;
                for (i, arg) in call.args.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(arg);
                }
                self.out.push(')');
            }
            ExprKind::Range { lo, to_span, hi } => {
                self.expr(lo);
                self.out.push_str(" to ");
                self.cursor = self.local(*to_span).1;
                self.expr(hi);
            }
            ExprKind::Compare {
                op,
                op_span,
                lhs,
                rhs,
            } => {
                self.expr(lhs);
                self.out.push(' ');
                self.out.push_str(op.symbol());
                self.out.push(' ');
                self.cursor = self.local(*op_span).1;
                self.expr(rhs);
            }
        }
        self.out.extend(std::iter::repeat_n(')', layers));
        self.cursor = end;
    }

    fn binary(&mut self, op: BinOp, op_span: Span, lhs: &Expr, rhs: &Expr) {
        let (op_start, op_end) = self.local(op_span);
        let written = self.src.get(op_start..op_end).unwrap_or("");
        // `$20K`: the sign is written before the number it multiplies.
        if op == BinOp::ImplicitMul
            && matches!(&rhs.kind, ExprKind::Name(n) if n == "$")
            && rhs.span.end <= lhs.span.start
        {
            self.out.push('$');
            self.cursor = self.local(rhs.span).1;
            self.expr(lhs);
            return;
        }
        // `-> /s`: the parser's `1 / s` with a `1` that was never written.
        let unwritten_one = lhs.span.is_empty() && matches!(lhs.kind, ExprKind::Number(_));
        if !unwritten_one {
            self.expr(lhs);
        }
        let glued = match op {
            BinOp::Pow => true,
            BinOp::PerUnit => written != "per",
            BinOp::Mul | BinOp::Div => {
                unwritten_one || (self.mode == Mode::Unit && written != "per")
            }
            BinOp::Add | BinOp::Sub | BinOp::ImplicitMul => false,
        };
        let symbol = match op {
            BinOp::ImplicitMul => "",
            _ if written.is_empty() => op.symbol(),
            _ => written,
        };
        if glued {
            self.out.push_str(symbol);
        } else {
            self.out.push(' ');
            if !symbol.is_empty() {
                self.out.push_str(symbol);
                self.out.push(' ');
            }
        }
        self.cursor = self.cursor.max(op_end);
        self.expr(rhs);
    }

    /// The parentheses the author put around a node, whose span includes them: writes each
    /// `(` (and any unary `+` after it) and returns the local range inside them and how many
    /// `)` to close.
    fn open_parens(&mut self, mut start: usize, mut end: usize) -> (usize, usize, usize) {
        let mut layers = 0;
        while end > start + 1
            && self.byte(start) == Some(b'(')
            && self.byte(end - 1) == Some(b')')
            && self.closes_first(start, end)
        {
            self.out.push('(');
            layers += 1;
            start += 1;
            end -= 1;
            while let Some(b) = self.byte(start).filter(|_| start < end) {
                match b {
                    b'+' => self.out.push('+'),
                    b' ' | b'\t' | b'\r' => {}
                    _ => break,
                }
                start += 1;
            }
            while end > start && matches!(self.byte(end - 1), Some(b' ' | b'\t' | b'\r')) {
                end -= 1;
            }
        }
        (start, end, layers)
    }

    /// Whether the `(` at `start` is closed by the `)` just before `end`.
    fn closes_first(&self, start: usize, end: usize) -> bool {
        let mut depth = 0usize;
        for (i, b) in self.src.as_bytes()[start..end].iter().enumerate() {
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return start + i + 1 == end;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_expression;

    fn printed(src: &str, mode: Mode) -> String {
        let e = parse_expression(src, 0).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        expression(src, 0, 0, &e, mode)
    }

    #[test]
    fn values_get_one_space_around_operators() {
        let cases = [
            ("a+b*c", "a + b * c"),
            ("a   -   b", "a - b"),
            ("100M*10/day", "100M * 10 / day"),
            ("10 per day", "10 per day"),
            ("-x", "-x"),
            ("- - x", "--x"),
            ("a - -b", "a - -b"),
            ("2 ^ 30", "2^30"),
            ("2 ** -1", "2**-1"),
            ("99.9 %", "99.9%"),
            ("10KB", "10 KB"),
            ("500B", "500 B"),
            ("10k", "10k"),
            ("1bn", "1bn"),
            ("10   million", "10 million"),
            ("1_000", "1_000"),
            (".5", ".5"),
            ("100 MB / s", "100 MB/s"),
            ("2 req / user / day", "2 req/user/day"),
            ("10 GB per day", "10 GB per day"),
            ("a / 10 / day", "a / 10 / day"),
            ("min( a ,2 b,-c )", "min(a, 2 b, -c)"),
            ("f()", "f()"),
            ("1 MB to 3 MB", "1 MB to 3 MB"),
            ("prob(x>1M /s)", "prob(x > 1M / s)"),
            ("$0.02 / GB", "$0.02/GB"),
            ("$1 to $3", "$1 to $3"),
            ("5 $/month", "5 $/month"),
            ("3 m^2", "3 m^2"),
        ];
        for (src, want) in cases {
            assert_eq!(printed(src, Mode::Value), want, "{src}");
        }
    }

    #[test]
    fn parentheses_and_unary_plus_are_kept() {
        let cases = [
            ("( a + b ) * c", "(a + b) * c"),
            ("((x))", "((x))"),
            ("(a) * (b)", "(a) * (b)"),
            ("-( a+b )", "-(a + b)"),
            ("( +x )", "(+x)"),
            ("(+(a + b))", "(+(a + b))"),
            ("( + a + b)", "(+a + b)"),
            ("a * + b", "a * +b"),
            ("2 ^ + 3", "2^+3"),
            ("f( + x , + y)", "f(+x, +y)"),
            ("(f(x))", "(f(x))"),
            ("(x) %", "(x)%"),
            ("( 1 - 99.99% ) * 1 year", "(1 - 99.99%) * 1 year"),
            ("(10 million)", "(10 million)"),
        ];
        for (src, want) in cases {
            assert_eq!(printed(src, Mode::Value), want, "{src}");
        }
    }

    #[test]
    fn units_glue_their_operators() {
        let cases = [
            ("GB / day", "GB/day"),
            ("KB * s", "KB*s"),
            ("GB per day", "GB per day"),
            ("req  user", "req user"),
            ("m ^ 2", "m^2"),
        ];
        for (src, want) in cases {
            assert_eq!(printed(src, Mode::Unit), want, "{src}");
        }
    }
}
