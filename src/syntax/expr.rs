//! The expression grammar, from `convert` (a value and its `-> unit`) down through sum,
//! product, unary, implicit multiplication, power and postfix `%` to `primary` and calls.
//! Every node is built by [`Parser::node`], which bounds the tree's height; every recursion
//! that is not a loop counts its nesting against [`MAX_NESTING`].

use super::lexeme::{PErr, PResult, at_keyword, is_name_start, peek_name, token_len, ws};
use super::print::Mode;
use super::{KEYWORDS, MAX_NESTING, MAX_TREE_DEPTH, ParseErrorKind, Parser};
use crate::ast::{BinOp, Call, CmpOp, Expr, ExprKind, Target};
use crate::span::Span;

impl<'a> Parser<'a> {
    /// A node, unless the tree would grow taller than [`MAX_TREE_DEPTH`].
    fn node(&self, kind: ExprKind, span: Span, depth: u32) -> Result<Expr, nom::Err<PErr>> {
        if depth > MAX_TREE_DEPTH {
            return self.fail_over(span, ParseErrorKind::TooTall);
        }
        Ok(Expr { kind, span, depth })
    }

    fn binary(
        &self,
        op: BinOp,
        op_span: Span,
        lhs: Expr,
        rhs: Expr,
    ) -> Result<Expr, nom::Err<PErr>> {
        self.pair(lhs, rhs, |lhs, rhs| ExprKind::Binary {
            op,
            op_span,
            lhs,
            rhs,
        })
    }

    /// A node over two children (an operator, `to`, a comparison): it spans both and stands
    /// one above the taller.
    fn pair(
        &self,
        lhs: Expr,
        rhs: Expr,
        kind: impl FnOnce(Box<Expr>, Box<Expr>) -> ExprKind,
    ) -> Result<Expr, nom::Err<PErr>> {
        let span = lhs.span.to(rhs.span);
        let depth = lhs.depth.max(rhs.depth) + 1;
        self.node(kind(Box::new(lhs), Box::new(rhs)), span, depth)
    }

    pub(super) fn convert(&self, i: &'a str) -> PResult<'a, (Expr, Option<Box<Target>>)> {
        let (rest, value) = self.range(i, 0, true)?;
        // Without a conversion, the statement ends at the expression, not after its spaces.
        let spaced = ws(rest);
        let mut via_to = None;
        let after = if let Some(r) = spaced.strip_prefix("->") {
            r
        } else if at_keyword(spaced, "in") {
            &spaced[2..]
        } else if at_keyword(spaced, "to") {
            let at = self.offset(spaced);
            via_to = Some(Span::new(at, at + 2));
            &spaced[2..]
        } else {
            return Ok((rest, (value, None)));
        };
        let (rest, mut target) = self.target(ws(after))?;
        if let Target::Unit { via_to: v, .. } = &mut target {
            *v = via_to;
        }
        Ok((rest, (value, Some(Box::new(target)))))
    }

    /// `lo to hi`, or a sum alone. Where a conversion may follow (a statement's value), `to`
    /// starts a range only before a number (`1 MB to 3 MB`); before anything else it is left
    /// to [`Parser::convert`], whose target the checker reads as a range's high end when it
    /// names a value (`low to high`). Elsewhere (in parentheses, a call's arguments) there
    /// is no conversion, and `to` always starts a range.
    pub(super) fn range(&self, i: &'a str, depth: u32, conversion: bool) -> PResult<'a, Expr> {
        let (rest, lo) = self.sum(i, depth)?;
        let spaced = ws(rest);
        if !at_keyword(spaced, "to") || conversion && !starts_number(ws(&spaced[2..])) {
            return Ok((rest, lo));
        }
        let to_span = Span::new(self.offset(spaced), self.offset(spaced) + 2);
        let (rest, hi) = self.sum(ws(&spaced[2..]), depth)?;
        let range = self.pair(lo, hi, |lo, hi| ExprKind::Range { lo, to_span, hi })?;
        Ok((rest, range))
    }

    /// A function's argument: a range, or, for `prob(x > 1M /s)`, a comparison.
    fn argument(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (rest, lhs) = self.range(i, depth, false)?;
        let spaced = ws(rest);
        let Some((len, op)) = comparison(spaced) else {
            return Ok((rest, lhs));
        };
        let op_span = Span::new(self.offset(spaced), self.offset(spaced) + len);
        let (rest, rhs) = self.range(ws(&spaced[len..]), depth, false)?;
        let compare = self.pair(lhs, rhs, |lhs, rhs| ExprKind::Compare {
            op,
            op_span,
            lhs,
            rhs,
        })?;
        Ok((rest, compare))
    }

    fn target(&self, i: &'a str) -> PResult<'a, Target> {
        let start = self.offset(i);
        if let Some(rest) = i.strip_prefix('%') {
            return Ok((rest, Target::Percent(Span::new(start, start + 1))));
        }
        let (rest, expr) = if let Some(after) = i.strip_prefix('/') {
            let one = self.node(ExprKind::Number(1.0), Span::new(start, start), 0)?;
            let (rest, denominator) = match self.product(ws(after), 1) {
                Ok(ok) => ok,
                Err(_) => return self.expected(ws(after), "a unit after `/`, e.g. `-> /s`"),
            };
            let span = Span::new(start, denominator.span.end as usize);
            let depth = denominator.depth + 1;
            let kind = ExprKind::Binary {
                op: BinOp::Div,
                op_span: Span::new(start, start + 1),
                lhs: Box::new(one),
                rhs: Box::new(denominator),
            };
            (rest, self.node(kind, span, depth)?)
        } else {
            if i.is_empty() || i.starts_with(['\n', ';', '#']) {
                return self.expected(i, "a unit to convert to, e.g. `-> GB` or `-> /s`");
            }
            self.product(i, 0)?
        };
        // Named as `bote fmt` writes it, so that `GB / day` and `GB/day` show alike.
        let text = super::print::expression(self.src, self.base, start, &expr, Mode::Unit);
        Ok((
            rest,
            Target::Unit {
                expr,
                text,
                via_to: None,
            },
        ))
    }

    pub(super) fn sum(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (mut rest, mut lhs) = self.product(i, depth)?;
        loop {
            let r = ws(rest);
            let op = match r.chars().next() {
                Some('+') => BinOp::Add,
                Some('-') if !r.starts_with("->") => BinOp::Sub,
                _ => return Ok((rest, lhs)),
            };
            let op_span = Span::new(self.offset(r), self.offset(r) + 1);
            let after = ws(&r[1..]);
            let (next, rhs) = self.operand(after, depth, op.symbol(), Self::product)?;
            lhs = self.binary(op, op_span, lhs, rhs)?;
            rest = next;
        }
    }

    fn product(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (mut rest, mut lhs) = self.unary(i, depth)?;
        loop {
            let r = ws(rest);
            let (op, len, symbol) = match r.chars().next() {
                Some('*') if !r.starts_with("**") => (BinOp::Mul, 1, "*"),
                Some('/') => (BinOp::Div, 1, "/"),
                _ if at_keyword(r, "per") => (BinOp::Div, 3, "per"),
                _ => return Ok((rest, lhs)),
            };
            let op_span = Span::new(self.offset(r), self.offset(r) + len);
            let after = ws(&r[len..]);
            let (next, rhs) = self.operand(after, depth, symbol, Self::unary)?;
            lhs = self.binary(op, op_span, lhs, rhs)?;
            rest = next;
        }
    }

    /// The right operand of a binary operator: a missing one is "expected an expression after `+`".
    fn operand(
        &self,
        i: &'a str,
        depth: u32,
        symbol: &'static str,
        parse: fn(&Self, &'a str, u32) -> PResult<'a, Expr>,
    ) -> PResult<'a, Expr> {
        if self.starts_operand(i) {
            parse(self, i, depth)
        } else {
            self.expected(i, operand_expectation(symbol))
        }
    }

    fn starts_operand(&self, i: &str) -> bool {
        match i.chars().next() {
            Some(c) if c.is_ascii_digit() || c == '(' || c == '-' || c == '+' => true,
            Some('.') => i[1..].starts_with(|c: char| c.is_ascii_digit()),
            Some(c) if is_name_start(c) => {
                let name = peek_name(i).unwrap_or("");
                !KEYWORDS.contains(&name)
            }
            _ => false,
        }
    }

    fn unary(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        if depth > MAX_NESTING {
            return self.fail(i, token_len(i), ParseErrorKind::TooDeep);
        }
        let start = self.offset(i);
        if let Some(sign) = i.chars().next().filter(|c| *c == '-' || *c == '+') {
            let after = ws(&i[1..]);
            let symbol = if sign == '-' { "-" } else { "+" };
            let (rest, inner) = self.operand(after, depth + 1, symbol, Self::unary)?;
            if sign == '+' {
                return Ok((rest, inner));
            }
            let span = Span::new(start, inner.span.end as usize);
            let d = inner.depth + 1;
            let expr = self.node(ExprKind::Neg(Box::new(inner)), span, d)?;
            return Ok((rest, expr));
        }
        self.implicit(i, depth)
    }

    /// An exponent: signs and a power, without units (`2^30 B` is `(2^30) B`).
    fn exponent(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        if depth > MAX_NESTING {
            return self.fail(i, token_len(i), ParseErrorKind::TooDeep);
        }
        let start = self.offset(i);
        match i.chars().next() {
            Some('+') => self.operand(ws(&i[1..]), depth + 1, "^", Self::exponent),
            Some('-') => {
                let (rest, inner) = self.operand(ws(&i[1..]), depth + 1, "-", Self::exponent)?;
                let span = Span::new(start, inner.span.end as usize);
                let d = inner.depth + 1;
                let expr = self.node(ExprKind::Neg(Box::new(inner)), span, d)?;
                Ok((rest, expr))
            }
            _ => self.power(i, depth),
        }
    }

    /// A power followed by units: `10 KB`, `2^30 B`, `1 MB^2`, `500B`. A number with units
    /// goes on through `/ unit` and `per unit` (`100 MB/s`, `2 req/user/day`): the whole
    /// quantity is one operand ([`BinOp::PerUnit`]).
    fn implicit(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (mut rest, mut lhs) = if let Some(amount) = money_amount(i) {
            // `$0.02`: the sign, then the number; one quantity with the unit `$`.
            let start = self.offset(i);
            let (after, number) = self.power(amount, depth)?;
            let sign = self.node(
                ExprKind::Name("$".to_string()),
                Span::new(start, start + 1),
                0,
            )?;
            let money = self.binary(BinOp::ImplicitMul, Span::new(start, start), number, sign)?;
            self.juxtaposed(after, money, depth)?
        } else {
            let (after_head, head) = self.power(i, depth)?;
            let numeric = is_numeric(&head);
            let (rest, lhs) = self.juxtaposed(after_head, head, depth)?;
            // A bare number keeps left-to-right reading: `a / 10 / day` is `(a / 10) / day`.
            if !numeric || rest.len() == after_head.len() {
                return Ok((rest, lhs));
            }
            (rest, lhs)
        };
        loop {
            let r = ws(rest);
            let (len, symbol) = if r.starts_with('/') {
                (1, "/")
            } else if at_keyword(r, "per") {
                (3, "per")
            } else {
                return Ok((rest, lhs));
            };
            let after = ws(&r[len..]);
            match peek_name(after) {
                Some(name)
                    if !KEYWORDS.contains(&name) && !after[name.len()..].starts_with('(') => {}
                _ => return Ok((rest, lhs)),
            }
            let op_span = Span::new(self.offset(r), self.offset(r) + len);
            let (next, unit) = self.operand(after, depth, symbol, Self::implicit)?;
            lhs = self.binary(BinOp::PerUnit, op_span, lhs, unit)?;
            rest = next;
        }
    }

    /// Units written after a value: `KB`, `MB^2`, `req user`.
    fn juxtaposed(&self, i: &'a str, mut lhs: Expr, depth: u32) -> PResult<'a, Expr> {
        let mut rest = i;
        loop {
            let r = ws(rest);
            let Some(name) = peek_name(r) else {
                return Ok((rest, lhs));
            };
            if KEYWORDS.contains(&name) || r[name.len()..].starts_with('(') {
                return Ok((rest, lhs));
            }
            let start = self.offset(r);
            let unit = self.node(
                ExprKind::Name(name.to_string()),
                Span::new(start, start + name.len()),
                0,
            )?;
            let (next, unit) = self.power_tail(&r[name.len()..], unit, depth)?;
            lhs = self.binary(BinOp::ImplicitMul, Span::new(start, start), lhs, unit)?;
            rest = next;
        }
    }

    fn power(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (rest, base) = self.postfix(i, depth)?;
        self.power_tail(rest, base, depth)
    }

    /// `base [^ unary]`.
    fn power_tail(&self, i: &'a str, base: Expr, depth: u32) -> PResult<'a, Expr> {
        let r = ws(i);
        let after = if let Some(a) = r.strip_prefix("**") {
            a
        } else if let Some(a) = r.strip_prefix('^') {
            a
        } else {
            return Ok((i, base));
        };
        let op_span = Span::new(self.offset(r), self.offset(after));
        let (rest, exponent) = self.operand(ws(after), depth + 1, "^", Self::exponent)?;
        let expr = self.binary(BinOp::Pow, op_span, base, exponent)?;
        Ok((rest, expr))
    }

    fn postfix(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (mut rest, mut expr) = self.primary(i, depth)?;
        loop {
            let r = ws(rest);
            let Some(after) = r.strip_prefix('%') else {
                return Ok((rest, expr));
            };
            let end = self.offset(after);
            let span = Span::new(expr.span.start as usize, end);
            let d = expr.depth + 1;
            expr = self.node(ExprKind::Percent(Box::new(expr)), span, d)?;
            rest = after;
        }
    }

    fn primary(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let start = self.offset(i);
        match i.chars().next() {
            Some('(') => {
                let inner_start = ws(&i[1..]);
                if inner_start.starts_with(')') {
                    return self.expected(inner_start, "an expression inside `(…)`");
                }
                let (rest, inner) = self.range(inner_start, depth + 1, false)?;
                let rest = ws(rest);
                match rest.strip_prefix(')') {
                    Some(after) => {
                        let span = Span::new(start, self.offset(after));
                        let expr = self.node(inner.kind, span, inner.depth)?;
                        Ok((after, expr))
                    }
                    None => {
                        if rest.is_empty() || rest.starts_with(['\n', ';', '#']) {
                            self.fail(
                                rest,
                                0,
                                ParseErrorKind::UnclosedParen {
                                    open: Span::new(start, start + 1),
                                },
                            )
                        } else {
                            self.expected(rest, "`)` or an operator")
                        }
                    }
                }
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let (rest, (value, span)) = self.number(i)?;
                let expr = self.node(ExprKind::Number(value), span, 0)?;
                Ok((rest, expr))
            }
            Some(c) if is_name_start(c) => {
                let name = peek_name(i).unwrap_or("");
                if KEYWORDS.contains(&name) {
                    return self.fail(i, name.len(), ParseErrorKind::Keyword(name.to_string()));
                }
                let name_span = Span::new(start, start + name.len());
                let rest = &i[name.len()..];
                if let Some(args_start) = rest.strip_prefix('(') {
                    return self.call(name, name_span, args_start, depth);
                }
                // `min (1, 2)`: a call needs its `(` right after the name.
                if rest.len() != ws(rest).len()
                    && ws(rest).starts_with('(')
                    && crate::builtins::lookup(name).is_some()
                {
                    return self.fail(ws(rest), 1, ParseErrorKind::SpacedCall(name.to_string()));
                }
                let expr = self.node(ExprKind::Name(name.to_string()), name_span, 0)?;
                Ok((rest, expr))
            }
            _ => self.expected(i, "an expression"),
        }
    }

    fn call(&self, name: &str, name_span: Span, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        if depth + 1 > MAX_NESTING {
            return self.fail(i, 0, ParseErrorKind::TooDeep);
        }
        let mut args = Vec::new();
        let mut rest = ws(i);
        if let Some(after) = rest.strip_prefix(')') {
            rest = after;
        } else {
            loop {
                let (next, arg) = self.argument(rest, depth + 1)?;
                args.push(arg);
                let next = ws(next);
                if let Some(after) = next.strip_prefix(',') {
                    rest = ws(after);
                } else if let Some(after) = next.strip_prefix(')') {
                    rest = after;
                    break;
                } else if next.is_empty() || next.starts_with(['\n', ';', '#']) {
                    let open = Span::new(name_span.end as usize, name_span.end as usize + 1);
                    return self.fail(next, 0, ParseErrorKind::UnclosedParen { open });
                } else {
                    return self.expected(next, "`,` or `)`");
                }
            }
        }
        let depth = args.iter().map(|a| a.depth).max().unwrap_or(0) + 1;
        let span = Span::new(name_span.start as usize, self.offset(rest));
        let kind = ExprKind::Call(Box::new(Call {
            name: name.to_string(),
            name_span,
            args,
        }));
        let expr = self.node(kind, span, depth)?;
        Ok((rest, expr))
    }
}

/// After a `$` glued to a number (`$0.02`, `$20K`), the number.
fn money_amount(i: &str) -> Option<&str> {
    let amount = i.strip_prefix('$')?;
    amount
        .starts_with(|c: char| c.is_ascii_digit() || c == '.')
        .then_some(amount)
}

/// Whether what follows `to` is a number, which starts the high end of a range
/// (`1 MB to 3 MB`, `$1 to $3`, `-1 to 3`) rather than a unit to convert to. `1/s` and `1 /s`
/// are units, as they were before ranges. Blanks after a sign do not matter (`to - 5` is
/// `to -5`), so that `bote fmt`, which glues a sign to what it signs, keeps the meaning.
fn starts_number(i: &str) -> bool {
    let unsigned = match i.strip_prefix(['+', '-']) {
        Some(rest) => ws(rest),
        None => i.strip_prefix('$').unwrap_or(i),
    };
    let digit = unsigned.starts_with(|c: char| c.is_ascii_digit())
        || unsigned.starts_with('.') && unsigned[1..].starts_with(|c: char| c.is_ascii_digit());
    let per_unit = unsigned
        .strip_prefix('1')
        .is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with('/'));
    digit && !per_unit
}

/// A comparison operator at the start of `i`: its length and which.
pub(super) fn comparison(i: &str) -> Option<(usize, CmpOp)> {
    match i.get(..2) {
        Some("<=") => Some((2, CmpOp::Le)),
        Some(">=") => Some((2, CmpOp::Ge)),
        Some("==") => Some((2, CmpOp::Eq)),
        Some("~=") => Some((2, CmpOp::Approx)),
        _ => match i.chars().next() {
            Some('<') => Some((1, CmpOp::Lt)),
            Some('>') => Some((1, CmpOp::Gt)),
            _ => None,
        },
    }
}

/// A number, or a power of numbers (`2^30`): the head of a quantity such as `2^30 B/s`.
fn is_numeric(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Number(_) => true,
        ExprKind::Binary {
            op: BinOp::Pow,
            lhs,
            rhs,
            ..
        } => is_numeric(lhs) && matches!(rhs.kind, ExprKind::Number(_)),
        _ => false,
    }
}

fn operand_expectation(symbol: &str) -> &'static str {
    match symbol {
        "+" => "an expression after `+`",
        "-" => "an expression after `-`",
        "*" => "an expression after `*`",
        "/" => "an expression after `/`",
        "per" => "an expression after `per`",
        "^" => "an exponent after `^`",
        _ => "an expression",
    }
}
