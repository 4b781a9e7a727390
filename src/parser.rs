//! The parser: source text to [`Program`], built with nom, every node spanned.
//!
//! The grammar, loosest binding first (`{}` repeats, `[]` is optional):
//!
//! ```text
//! program    = { statement } ;
//! statement  = ( define | assert | unit_decl | calendar | convert ) [ "#" comment ]
//!              ( newline | ";" | end ) ;
//! define     = name "=" convert ;
//! assert     = "assert" sum compare sum [ "within" sum ] ;     (* `~=` needs `within` *)
//! compare    = "<" | "<=" | ">" | ">=" | "==" | "~=" ;
//! unit_decl  = "unit" name ;
//! calendar   = "calendar" ( calendar_name | ( "year" | "month" | "quarter" ) "=" sum ) ;
//! convert    = sum [ ( "->" | "in" | "to" ) target ] ;
//! target     = "%" | [ "/" ] product ;                          (* `/s` means `1/s` *)
//! sum        = product { ( "+" | "-" ) product } ;
//! product    = unary { ( "*" | "/" | "per" ) unary } ;
//! unary      = ( "-" | "+" ) unary | implicit ;
//! implicit   = power { unit [ ( "^" | "**" ) unary ] } ;       (* `10 KB`, `2^30 B` *)
//! power      = postfix [ ( "^" | "**" ) unary ] ;              (* right associative *)
//! postfix    = primary { "%" } ;
//! primary    = number | name "(" [ sum { "," sum } ] ")" | name | "(" sum ")" ;
//! number     = ( digits [ "." [ digits ] ] | "." digits ) [ ( "e" | "E" ) [ "+" | "-" ] digits ]
//!              [ "k" | "K" | "M" | "bn" | "T" ] [ "thousand" | "million" | "billion" | "trillion" ] ;
//! digits     = digit { [ "_" ] digit } ;
//! name       = ( letter | "_" | "µ" ) { letter | digit | "_" } ;
//! ```
//!
//! A function call needs its `(` right after the name: `min(a, b)` is the function, `5 min` is
//! the unit. A unit glued to a number is implicit multiplication too: `500B`, `10KB`, `3days`.
//! Nesting is bounded by [`MAX_NESTING`] and tree height by [`MAX_TREE_DEPTH`], so that no
//! input can overflow the stack here or in any later pass.

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::error::ErrorKind;
use nom::{IResult, Parser as _};

use crate::ast::{BinOp, CmpOp, Expr, ExprKind, Program, Statement, StmtKind, Target};
use crate::conventions::CalendarUnit;
use crate::span::Span;
use crate::units::{SCALE_SUFFIXES, SCALE_WORDS};

/// How deeply parentheses, unary operators, powers and calls may nest.
pub const MAX_NESTING: u32 = 64;
/// How tall an expression tree may grow (long operator chains add height).
pub const MAX_TREE_DEPTH: u32 = 1_000;

/// Words that cannot name a value or stand as a unit.
pub const KEYWORDS: &[&str] = &[
    "per", "in", "to", "within", "assert", "unit", "calendar", "thousand", "million", "billion",
    "trillion",
];

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub kind: ParseErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParseErrorKind {
    /// `expected {0}`; the renderer adds what was found.
    Expected(&'static str),
    UnclosedParen {
        open: Span,
    },
    TooDeep,
    TooTall,
    NumberOutOfRange,
    BadCharacter(char),
    ApproxNeedsTolerance,
    ToleranceNeedsApprox,
    UnknownCalendar(String),
    Keyword(String),
    /// `10k million`, `1e3k`: two scales on one number.
    DoubleScale,
    /// `min (1, 2)`: a space between a function and its `(`.
    SpacedCall(String),
}

/// nom's error type here: where it happened (as the length of the rest) and what.
#[derive(Debug)]
struct PErr {
    rest_len: usize,
    len: usize,
    kind: ParseErrorKind,
}

impl<'a> nom::error::ParseError<&'a str> for PErr {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr {
            rest_len: input.len(),
            len: 0,
            kind: ParseErrorKind::Expected("an expression"),
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, PErr>;

/// Parses `src`, whose spans start at `base` (see [`crate::diagnostic::SourceMap`]).
pub fn parse_program(src: &str, base: usize) -> Result<Program, ParseError> {
    let parser = Parser { src, base };
    parser.program().map_err(|e| parser.to_error(e))
}

/// Parses a single expression (a `--set` value), whose spans start at `base`.
pub fn parse_expression(src: &str, base: usize) -> Result<Expr, ParseError> {
    let parser = Parser { src, base };
    let result = parser.sum(ws(src), 0).and_then(|(rest, expr)| {
        let rest = ws(rest);
        if rest.is_empty() {
            Ok(expr)
        } else {
            parser
                .expected(rest, "an operator or the end of the value")
                .map(|(_, e)| e)
        }
    });
    result.map_err(|e| parser.to_error(e))
}

impl ParseError {
    pub fn to_diagnostic(
        &self,
        sources: &crate::diagnostic::SourceMap,
    ) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::Diagnostic;
        let found = {
            let text = sources.slice(self.span);
            let next = sources.slice(Span::new(self.span.start, self.span.start + 1));
            if !text.is_empty() {
                format!("`{text}`")
            } else if next == "\n" {
                "the end of the line".to_string()
            } else {
                "the end of the input".to_string()
            }
        };
        match &self.kind {
            ParseErrorKind::Expected(what) => Diagnostic::new(format!("expected {what}, found {found}"))
                .primary(self.span, format!("expected {what}")),
            ParseErrorKind::UnclosedParen { open } => Diagnostic::new("unclosed parenthesis")
                .primary(self.span, "expected `)`")
                .secondary(*open, "opened here"),
            ParseErrorKind::TooDeep => Diagnostic::new(format!(
                "expression nested too deeply (more than {MAX_NESTING} levels)"
            ))
            .primary(self.span, "too deep")
            .help("split it into named definitions"),
            ParseErrorKind::TooTall => Diagnostic::new(format!(
                "expression too long (more than {MAX_TREE_DEPTH} operations in one chain)"
            ))
            .primary(self.span, "too long")
            .help("split it into named definitions"),
            ParseErrorKind::NumberOutOfRange => Diagnostic::new("number too large")
                .primary(self.span, "beyond about 1.8e308")
                .help("numbers are 64-bit floating point; use a larger unit"),
            ParseErrorKind::BadCharacter(c) => {
                Diagnostic::new(format!("unexpected character U+{:04X}", *c as u32))
                    .primary(self.span, "not allowed here")
            }
            ParseErrorKind::ApproxNeedsTolerance => Diagnostic::new("`~=` needs a tolerance")
                .primary(self.span, "expected `within`")
                .help("e.g. `assert total ~= 110 PB within 1%`"),
            ParseErrorKind::ToleranceNeedsApprox => Diagnostic::new("`within` goes with `~=`")
                .primary(self.span, "")
                .help("e.g. `assert total ~= 110 PB within 1%`"),
            ParseErrorKind::UnknownCalendar(name) => {
                let names: Vec<String> = crate::conventions::CALENDARS
                    .iter()
                    .map(|c| format!("`{}` ({})", c.name, c.about))
                    .collect();
                Diagnostic::new(format!("unknown calendar `{name}`"))
                    .primary(self.span, "not a calendar")
                    .help(format!(
                        "the calendars are {}; or set one length: `calendar year = 365 days`",
                        names.join(", ")
                    ))
            }
            ParseErrorKind::SpacedCall(name) => Diagnostic::new(format!(
                "a call to `{name}` needs its `(` right after the name"
            ))
            .primary(self.span, "space before `(`")
            .help(format!("write `{name}(…)`; a name followed by a space is a value or unit")),
            ParseErrorKind::DoubleScale => Diagnostic::new("a number takes one scale")
                .primary(self.span, "a second scale")
                .help("write one of an exponent (`1e9`), a suffix (`1bn`) or a word (`1 billion`)"),
            ParseErrorKind::Keyword(word) => Diagnostic::new(format!("expected an expression, found the keyword `{word}`"))
                .primary(self.span, "a keyword")
                .help("`per`, `in`, `to` and `within` join two expressions; scale words follow a number (`100 million`)"),
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    base: usize,
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == 'µ' || c == 'μ'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Spaces and tabs; newlines end statements.
fn ws(i: &str) -> &str {
    i.trim_start_matches([' ', '\t', '\r'])
}

/// The name at the start of `i`, if any, without consuming it.
fn peek_name(i: &str) -> Option<&str> {
    let mut chars = i.char_indices();
    let (_, first) = chars.next()?;
    if !is_name_start(first) {
        return None;
    }
    let end = chars
        .find(|&(_, c)| !is_name_char(c))
        .map_or(i.len(), |(at, _)| at);
    Some(&i[..end])
}

/// Is the keyword `word` at the start of `i`, as a whole word?
fn at_keyword(i: &str, word: &str) -> bool {
    peek_name(i) == Some(word)
}

impl<'a> Parser<'a> {
    fn offset(&self, rest: &str) -> usize {
        self.base + self.src.len() - rest.len()
    }

    fn fail<T>(&self, at: &'a str, len: usize, kind: ParseErrorKind) -> PResult<'a, T> {
        Err(nom::Err::Failure(PErr {
            rest_len: at.len(),
            len,
            kind,
        }))
    }

    fn to_error(&self, e: nom::Err<PErr>) -> ParseError {
        match e {
            nom::Err::Error(p) | nom::Err::Failure(p) => {
                let start = self.base + self.src.len() - p.rest_len;
                ParseError {
                    span: Span::new(start, (start + p.len).min(self.base + self.src.len())),
                    kind: p.kind,
                }
            }
            nom::Err::Incomplete(_) => ParseError {
                span: Span::new(self.base + self.src.len(), self.base + self.src.len()),
                kind: ParseErrorKind::Expected("more input"),
            },
        }
    }

    fn node(&self, kind: ExprKind, span: Span, depth: u32) -> Result<Expr, nom::Err<PErr>> {
        if depth > MAX_TREE_DEPTH {
            return Err(nom::Err::Failure(PErr {
                rest_len: self.src.len() - (span.start - self.base),
                len: span.end - span.start,
                kind: ParseErrorKind::TooTall,
            }));
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
        let span = lhs.span.to(rhs.span);
        let depth = lhs.depth.max(rhs.depth) + 1;
        let kind = ExprKind::Binary {
            op,
            op_span,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        };
        self.node(kind, span, depth)
    }

    /// The length of the token at `i`, for underlining what was found.
    fn token_len(i: &str) -> usize {
        match i.chars().next() {
            None | Some('\n') => 0,
            Some(c) if is_name_start(c) || c.is_ascii_digit() => {
                peek_name(i).map(str::len).unwrap_or_else(|| {
                    i.find(|c: char| !is_name_char(c) && c != '.')
                        .unwrap_or(i.len())
                })
            }
            Some(c) => c.len_utf8(),
        }
    }

    fn expected<T>(&self, at: &'a str, what: &'static str) -> PResult<'a, T> {
        let len = Self::token_len(at);
        if let Some(c) = at.chars().next()
            && (c.is_control() && c != '\n')
        {
            return self.fail(at, c.len_utf8(), ParseErrorKind::BadCharacter(c));
        }
        self.fail(at, len, ParseErrorKind::Expected(what))
    }

    // ----- program and statements -----

    fn program(&self) -> Result<Program, nom::Err<PErr>> {
        let mut program = Program::default();
        let mut i = self.src;
        let mut leading_comments: Vec<String> = Vec::new();
        let mut in_leading_block = true;
        loop {
            i = ws(i);
            if i.is_empty() {
                break;
            }
            if let Some(rest) = i.strip_prefix('\n').or_else(|| i.strip_prefix(';')) {
                if !leading_comments.is_empty() && i.starts_with('\n') {
                    in_leading_block = false;
                }
                i = rest;
                continue;
            }
            if let Some(rest) = i.strip_prefix('#') {
                let end = rest.find('\n').unwrap_or(rest.len());
                if in_leading_block {
                    leading_comments.push(rest[..end].trim().to_string());
                    // A comment line consumes its newline so that a blank line ends the block.
                    i = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
                } else {
                    i = &rest[end..];
                }
                continue;
            }
            in_leading_block = false;
            let (rest, statement) = self.statement(i)?;
            program.statements.push(statement);
            i = rest;
        }
        let mut lines = leading_comments.into_iter().filter(|l| !l.is_empty());
        program.title = lines.next();
        let rest: Vec<String> = lines.collect();
        if !rest.is_empty() {
            program.description = Some(rest.join(" "));
        }
        Ok(program)
    }

    fn statement(&self, i: &'a str) -> PResult<'a, Statement> {
        let start = self.offset(i);
        let (rest, kind) = if at_keyword(i, "assert") {
            self.assert(ws(&i["assert".len()..]))?
        } else if at_keyword(i, "unit") {
            let (rest, (name, name_span)) = self.declared_name(ws(&i["unit".len()..]))?;
            (rest, StmtKind::UnitDecl { name, name_span })
        } else if at_keyword(i, "calendar") {
            self.calendar(ws(&i["calendar".len()..]))?
        } else if let Some((rest, (name, name_span))) = self.definition_head(i) {
            let (rest, (value, target)) = self.convert(rest)?;
            (
                rest,
                StmtKind::Define {
                    name,
                    name_span,
                    value,
                    target,
                },
            )
        } else {
            let (rest, (value, target)) = self.convert(i)?;
            (rest, StmtKind::Eval { value, target })
        };
        let end = self.offset(rest);
        let rest = ws(rest);
        let (rest, comment) = match rest.strip_prefix('#') {
            Some(c) => {
                let stop = c.find('\n').unwrap_or(c.len());
                let text = c[..stop].trim();
                (&c[stop..], (!text.is_empty()).then(|| text.to_string()))
            }
            None => (rest, None),
        };
        match rest.chars().next() {
            None | Some('\n') | Some(';') => {}
            Some(_) => return self.expected(rest, "an operator or the end of the statement"),
        }
        let statement = Statement {
            kind,
            span: Span::new(start, end),
            comment,
        };
        Ok((rest, statement))
    }

    /// `name =` (but not `name ==`), returning the name; `None` if this is not a definition.
    fn definition_head(&self, i: &'a str) -> Option<(&'a str, (String, Span))> {
        let name = peek_name(i)?;
        let after = ws(&i[name.len()..]);
        let rest = after.strip_prefix('=')?;
        if rest.starts_with('=') {
            return None;
        }
        let start = self.offset(i);
        Some((
            ws(rest),
            (name.to_string(), Span::new(start, start + name.len())),
        ))
    }

    fn declared_name(&self, i: &'a str) -> PResult<'a, (String, Span)> {
        match peek_name(i) {
            Some(name) => {
                let start = self.offset(i);
                Ok((
                    &i[name.len()..],
                    (name.to_string(), Span::new(start, start + name.len())),
                ))
            }
            None => self.expected(i, "a name"),
        }
    }

    fn calendar(&self, i: &'a str) -> PResult<'a, StmtKind> {
        let (rest, (name, name_span)) = match i.chars().next() {
            Some(c) if c.is_ascii_digit() => {
                let (rest, digits) = take_while1(|c: char| c.is_ascii_digit()).parse(i)?;
                let start = self.offset(i);
                (
                    rest,
                    (digits.to_string(), Span::new(start, start + digits.len())),
                )
            }
            _ => self.declared_name(i)?,
        };
        let unit = match name.as_str() {
            "year" => Some(CalendarUnit::Year),
            "month" => Some(CalendarUnit::Month),
            "quarter" => Some(CalendarUnit::Quarter),
            _ => None,
        };
        if let Some(unit) = unit {
            let rest = ws(rest);
            let Some(rest) = rest.strip_prefix('=') else {
                return self.expected(rest, "`=` and a length, e.g. `calendar year = 365 days`");
            };
            let (rest, value) = self.sum(ws(rest), 0)?;
            return Ok((
                rest,
                StmtKind::CalendarLength {
                    unit,
                    unit_span: name_span,
                    value,
                },
            ));
        }
        if crate::conventions::CALENDARS.iter().all(|c| c.name != name) {
            return self.fail(i, name.len(), ParseErrorKind::UnknownCalendar(name));
        }
        Ok((rest, StmtKind::Calendar { name, name_span }))
    }

    fn assert(&self, i: &'a str) -> PResult<'a, StmtKind> {
        let (rest, lhs) = self.sum(i, 0)?;
        let rest = ws(rest);
        let (after, op) = match rest.get(..2) {
            Some("<=") => (&rest[2..], CmpOp::Le),
            Some(">=") => (&rest[2..], CmpOp::Ge),
            Some("==") => (&rest[2..], CmpOp::Eq),
            Some("~=") => (&rest[2..], CmpOp::Approx),
            _ => match rest.chars().next() {
                Some('<') => (&rest[1..], CmpOp::Lt),
                Some('>') => (&rest[1..], CmpOp::Gt),
                _ => {
                    return self
                        .expected(rest, "a comparison (`<`, `<=`, `>`, `>=`, `==` or `~=`)");
                }
            },
        };
        let (rest, rhs) = self.sum(ws(after), 0)?;
        let rest = ws(rest);
        let (rest, tolerance) = if at_keyword(rest, "within") {
            if op != CmpOp::Approx {
                return self.fail(rest, "within".len(), ParseErrorKind::ToleranceNeedsApprox);
            }
            let (rest, tol) = self.sum(ws(&rest["within".len()..]), 0)?;
            (rest, Some(tol))
        } else {
            (rest, None)
        };
        if op == CmpOp::Approx && tolerance.is_none() {
            return self.fail(
                rest,
                Self::token_len(rest),
                ParseErrorKind::ApproxNeedsTolerance,
            );
        }
        Ok((
            rest,
            StmtKind::Assert {
                lhs: Box::new(lhs),
                op,
                rhs: Box::new(rhs),
                tolerance: tolerance.map(Box::new),
            },
        ))
    }

    // ----- expressions -----

    fn convert(&self, i: &'a str) -> PResult<'a, (Expr, Option<Box<Target>>)> {
        let (rest, value) = self.sum(i, 0)?;
        // Without a conversion, the statement ends at the expression, not after its spaces.
        let spaced = ws(rest);
        let after = if let Some(r) = spaced.strip_prefix("->") {
            r
        } else if at_keyword(spaced, "in") || at_keyword(spaced, "to") {
            &spaced[2..]
        } else {
            return Ok((rest, (value, None)));
        };
        let (rest, target) = self.target(ws(after))?;
        Ok((rest, (value, Some(Box::new(target)))))
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
            let span = Span::new(start, denominator.span.end);
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
        let text = self.src[expr.span.start - self.base..expr.span.end - self.base]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Ok((rest, Target::Unit { expr, text }))
    }

    fn sum(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
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
            return self.fail(i, Self::token_len(i), ParseErrorKind::TooDeep);
        }
        let start = self.offset(i);
        if let Some(sign) = i.chars().next().filter(|c| *c == '-' || *c == '+') {
            let after = ws(&i[1..]);
            let symbol = if sign == '-' { "-" } else { "+" };
            let (rest, inner) = self.operand(after, depth + 1, symbol, Self::unary)?;
            if sign == '+' {
                return Ok((rest, inner));
            }
            let span = Span::new(start, inner.span.end);
            let d = inner.depth + 1;
            let expr = self.node(ExprKind::Neg(Box::new(inner)), span, d)?;
            return Ok((rest, expr));
        }
        self.implicit(i, depth)
    }

    /// An exponent: signs and a power, without units (`2^30 B` is `(2^30) B`).
    fn exponent(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        if depth > MAX_NESTING {
            return self.fail(i, Self::token_len(i), ParseErrorKind::TooDeep);
        }
        let start = self.offset(i);
        match i.chars().next() {
            Some('+') => self.operand(ws(&i[1..]), depth + 1, "^", Self::exponent),
            Some('-') => {
                let (rest, inner) = self.operand(ws(&i[1..]), depth + 1, "-", Self::exponent)?;
                let span = Span::new(start, inner.span.end);
                let d = inner.depth + 1;
                let expr = self.node(ExprKind::Neg(Box::new(inner)), span, d)?;
                Ok((rest, expr))
            }
            _ => self.power(i, depth),
        }
    }

    /// A power followed by units: `10 KB`, `2^30 B`, `1 MB^2`, `500B`.
    fn implicit(&self, i: &'a str, depth: u32) -> PResult<'a, Expr> {
        let (mut rest, mut lhs) = self.power(i, depth)?;
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
            let span = Span::new(expr.span.start, end);
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
                let (rest, inner) = self.sum(inner_start, depth + 1)?;
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
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(i),
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
                if rest != ws(rest)
                    && ws(rest).starts_with('(')
                    && crate::functions::lookup(name).is_some()
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
                let (next, arg) = self.sum(rest, depth + 1)?;
                args.push(arg);
                let next = ws(next);
                if let Some(after) = next.strip_prefix(',') {
                    rest = ws(after);
                } else if let Some(after) = next.strip_prefix(')') {
                    rest = after;
                    break;
                } else if next.is_empty() || next.starts_with(['\n', ';', '#']) {
                    let open = Span::new(name_span.end, name_span.end + 1);
                    return self.fail(next, 0, ParseErrorKind::UnclosedParen { open });
                } else {
                    return self.expected(next, "`,` or `)`");
                }
            }
        }
        let depth = args.iter().map(|a| a.depth).max().unwrap_or(0) + 1;
        let span = Span::new(name_span.start, self.offset(rest));
        let kind = ExprKind::Call {
            name: name.to_string(),
            name_span,
            args,
        };
        let expr = self.node(kind, span, depth)?;
        Ok((rest, expr))
    }

    fn number(&self, i: &'a str) -> PResult<'a, Expr> {
        let start = self.offset(i);
        let digits = |i| {
            recognize((
                satisfy(|c| c.is_ascii_digit()),
                take_while(|c: char| c.is_ascii_digit() || c == '_'),
            ))
            .parse(i)
        };
        let mantissa = nom::branch::alt((
            recognize((digits, opt((char('.'), opt(digits))))),
            recognize((char('.'), digits)),
        ));
        let exponent = recognize((one_of("eE"), opt(one_of("+-")), digits));
        let (rest, text) = recognize((mantissa, opt(exponent))).parse(i)?;
        if text.contains("__") || text.contains("_.") || text.contains("_e") || text.ends_with('_')
        {
            return self.expected(i, "a number (`_` may only stand between digits)");
        }
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        let mut value: f64 = match clean.parse() {
            Ok(v) => v,
            Err(_) => return self.expected(i, "a number"),
        };
        let mut rest = rest;
        // One scale at most: an exponent, a glued suffix (`10k`, `1bn`) or a word
        // (`100 million`). Anything else glued is a unit (`500B`).
        let mut scaled = text.contains(['e', 'E']);
        if let Some(word) = peek_name(rest)
            && let Some(&(_, scale)) = SCALE_SUFFIXES.iter().find(|(s, _)| *s == word)
        {
            if scaled {
                return self.fail(rest, word.len(), ParseErrorKind::DoubleScale);
            }
            value *= scale;
            rest = &rest[word.len()..];
            scaled = true;
        }
        let after_ws = ws(rest);
        if let Some(word) = peek_name(after_ws)
            && let Some(&(_, scale)) = SCALE_WORDS.iter().find(|(s, _)| *s == word)
        {
            if scaled {
                return self.fail(after_ws, word.len(), ParseErrorKind::DoubleScale);
            }
            value *= scale;
            rest = &after_ws[word.len()..];
        }
        let end = self.offset(rest);
        if !value.is_finite() {
            return self.fail(i, end - start, ParseErrorKind::NumberOutOfRange);
        }
        let expr = self.node(ExprKind::Number(value), Span::new(start, end), 0)?;
        Ok((rest, expr))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(src: &str) -> Expr {
        let program = parse_program(src, 0).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        match &program.statements[0].kind {
            StmtKind::Eval { value, .. } => value.clone(),
            other => panic!("not an expression: {other:?}"),
        }
    }

    /// A compact s-expression, to see the tree's shape.
    fn sexp(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Number(n) => format!("{n}"),
            ExprKind::Name(n) => n.clone(),
            ExprKind::Neg(x) => format!("(neg {})", sexp(x)),
            ExprKind::Percent(x) => format!("(% {})", sexp(x)),
            ExprKind::Binary { op, lhs, rhs, .. } => {
                let sym = if *op == BinOp::ImplicitMul {
                    "."
                } else {
                    op.symbol()
                };
                format!("({sym} {} {})", sexp(lhs), sexp(rhs))
            }
            ExprKind::Call { name, args, .. } => {
                let args: Vec<String> = args.iter().map(sexp).collect();
                format!("({name} {})", args.join(" "))
            }
        }
    }

    fn check_spans(e: &Expr, parent: Span) {
        assert!(
            e.span.start >= parent.start && e.span.end <= parent.end,
            "{e:?}"
        );
        match &e.kind {
            ExprKind::Neg(x) | ExprKind::Percent(x) => check_spans(x, e.span),
            ExprKind::Binary { lhs, rhs, .. } => {
                check_spans(lhs, e.span);
                check_spans(rhs, e.span);
            }
            ExprKind::Call { args, .. } => args.iter().for_each(|a| check_spans(a, e.span)),
            _ => {}
        }
    }

    #[test]
    fn precedence_and_implicit_multiplication() {
        let cases = [
            ("1 TiB / 1 Gbps", "(/ (. 1 TiB) (. 1 Gbps))"),
            ("100M * 10 / day", "(/ (* 100000000 10) day)"),
            ("2^30 B", "(. (^ 2 30) B)"),
            ("-2^2", "(neg (^ 2 2))"),
            ("2^3^2", "(^ 2 (^ 3 2))"),
            ("2 ** -1", "(^ 2 (neg 1))"),
            ("500B", "(. 500 B)"),
            ("1bn * 100 B", "(* 1000000000 (. 100 B))"),
            ("10 per day", "(/ 10 day)"),
            ("5 min/month", "(/ (. 5 min) month)"),
            ("min(1 min, 2)", "(min (. 1 min) 2)"),
            ("99.9%", "(% 99.9)"),
            ("(1 - 99.99%) * 1 year", "(* (- 1 (% 99.99)) (. 1 year))"),
            ("1_000_000", "1000000"),
            ("100 million * 5", "(* 100000000 5)"),
            (".5e-3", "0.0005"),
            ("3 m^2", "(. 3 (^ m 2))"),
            ("2^-1 s", "(. (^ 2 (neg 1)) s)"),
        ];
        for (src, want) in cases {
            let e = expr(src);
            assert_eq!(sexp(&e), want, "{src}");
            check_spans(&e, Span::new(0, src.len()));
        }
    }

    #[test]
    fn statement_spans_end_at_the_last_token() {
        let src = "x = 5 GB    # size\ny = x -> MB  ";
        let p = parse_program(src, 0).unwrap();
        assert_eq!(p.statements[0].span.text(src), "x = 5 GB");
        assert_eq!(p.statements[1].span.text(src), "y = x -> MB");
    }

    #[test]
    fn statements_and_comments() {
        let p = parse_program(
            "# Title\n# more\n\nx = 5 GB # the x\ny = x -> MB; assert x < 6 GB\n",
            0,
        )
        .unwrap();
        assert_eq!(p.title.as_deref(), Some("Title"));
        assert_eq!(p.description.as_deref(), Some("more"));
        assert_eq!(p.statements.len(), 3);
        assert_eq!(p.statements[0].comment.as_deref(), Some("the x"));
        assert!(matches!(
            p.statements[1].kind,
            StmtKind::Define {
                target: Some(_),
                ..
            }
        ));
        assert!(matches!(
            p.statements[2].kind,
            StmtKind::Assert { op: CmpOp::Lt, .. }
        ));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = |src: &str| parse_program(src, 0).unwrap_err();
        assert_eq!(err("2 +").span, Span::new(3, 3));
        assert_eq!(
            err("2 +").kind,
            ParseErrorKind::Expected("an expression after `+`")
        );
        assert_eq!(
            err("10 KB ->").kind,
            ParseErrorKind::Expected("a unit to convert to, e.g. `-> GB` or `-> /s`")
        );
        assert_eq!(err("1e999999").kind, ParseErrorKind::NumberOutOfRange);
        assert!(matches!(
            err("(1 + 2").kind,
            ParseErrorKind::UnclosedParen { .. }
        ));
        assert_eq!(err("1 2").span, Span::new(2, 3));
        assert_eq!(err("1 \u{7}").kind, ParseErrorKind::BadCharacter('\u{7}'));
        assert_eq!(err("1__0").span.start, 0);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(
            parse_program(&deep, 0).unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
        let negs = format!("{}1", "-".repeat(100_000));
        assert_eq!(
            parse_program(&negs, 0).unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
        let pows = format!("{}2", "2^-".repeat(100_000));
        assert_eq!(
            parse_program(&pows, 0).unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
        let chain = vec!["1"; 5_000].join("+");
        assert_eq!(
            parse_program(&chain, 0).unwrap_err().kind,
            ParseErrorKind::TooTall
        );
        let ok = vec!["1"; 500].join("+");
        assert!(parse_program(&ok, 0).is_ok());
    }
}
