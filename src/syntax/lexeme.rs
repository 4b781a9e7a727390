//! Lexemes: the character-level parsers, and the only file that calls nom. Spaces, names and keywords, numbers
//! with their scale suffix or word, the length of the token to underline, and the positions
//! and errors that nom works with ([`PErr`], [`PResult`]), turned into a [`ParseError`] at the
//! end.

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::error::ErrorKind;
use nom::{IResult, Parser as _};

use super::{ParseError, ParseErrorKind, Parser};
use crate::quantity::units::{SCALE_SUFFIXES, SCALE_WORDS};
use crate::span::Span;
use crate::value::Number;

/// nom's error type here: where it happened (as the length of the rest) and what.
#[derive(Debug)]
pub(super) struct PErr {
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

pub(super) type PResult<'a, T> = IResult<&'a str, T, PErr>;

/// `$` is a name of one character: the currency (`$/month`, `$0.02`).
pub(super) fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == 'µ' || c == 'μ' || c == '$'
}

pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Spaces and tabs; newlines end statements.
pub(super) fn ws(i: &str) -> &str {
    // Byte by byte: the parser skips blanks before every token, and a pattern of chars
    // decodes each one.
    let blanks = i
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
        .count();
    &i[blanks..]
}

/// The name at the start of `i`, if any, without consuming it.
pub(super) fn peek_name(i: &str) -> Option<&str> {
    let mut chars = i.char_indices();
    let (_, first) = chars.next()?;
    if first == '$' {
        return Some("$");
    }
    if !is_name_start(first) {
        return None;
    }
    let end = chars
        .find(|&(_, c)| !is_name_char(c))
        .map_or(i.len(), |(at, _)| at);
    Some(&i[..end])
}

/// Is the keyword `word` at the start of `i`, as a whole word?
pub(super) fn at_keyword(i: &str, word: &str) -> bool {
    i.strip_prefix(word)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_name_char(c)))
}

/// One or more ASCII digits, with no `_` or point: `calendar 365`.
pub(super) fn plain_digits(i: &str) -> PResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(i)
}

/// The length of the token at `i`, for underlining what was found.
pub(super) fn token_len(i: &str) -> usize {
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

impl<'a> Parser<'a> {
    pub(super) fn offset(&self, rest: &str) -> usize {
        self.base + self.src.len() - rest.len()
    }

    /// Where `span`, a span of this source, lies in `src`.
    pub(super) fn local(&self, span: Span) -> std::ops::Range<usize> {
        let range = span.range();
        range.start - self.base..range.end - self.base
    }

    pub(super) fn fail<T>(&self, at: &'a str, len: usize, kind: ParseErrorKind) -> PResult<'a, T> {
        Err(nom::Err::Failure(PErr {
            rest_len: at.len(),
            len,
            kind,
        }))
    }

    pub(super) fn to_error(&self, e: nom::Err<PErr>) -> ParseError {
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

    /// Fails with `kind` over `span`, a span of this source.
    pub(super) fn fail_over<T>(
        &self,
        span: Span,
        kind: ParseErrorKind,
    ) -> Result<T, nom::Err<PErr>> {
        Err(nom::Err::Failure(PErr {
            rest_len: self.src.len() - self.local(span).start,
            len: span.range().len(),
            kind,
        }))
    }

    pub(super) fn expected<T>(&self, at: &'a str, what: &'static str) -> PResult<'a, T> {
        let len = token_len(at);
        if let Some(c) = at.chars().next()
            && (c.is_control() && c != '\n')
        {
            return self.fail(at, c.len_utf8(), ParseErrorKind::BadCharacter(c));
        }
        self.fail(at, len, ParseErrorKind::Expected(what))
    }

    /// A number and its span, scale included: `1_000`, `.5e-3`, `10k`, `1bn`, `100 million`.
    pub(super) fn number(&self, i: &'a str) -> PResult<'a, (Number, Span)> {
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
        let mut value: Number = match clean.parse() {
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
            value = scaled_value(&clean, scale);
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
            value = scaled_value(&clean, scale);
            rest = &after_ws[word.len()..];
        }
        let end = self.offset(rest);
        if !value.is_finite() {
            return self.fail(i, end - start, ParseErrorKind::NumberOutOfRange);
        }
        // `1e-400` is not zero, but a double cannot hold it.
        let mantissa = clean.split(['e', 'E']).next().unwrap_or("");
        if value == 0.0 && mantissa.contains(|c: char| ('1'..='9').contains(&c)) {
            return self.fail(i, end - start, ParseErrorKind::NumberTooSmall);
        }
        Ok((rest, (value, Span::new(start, end))))
    }
}

/// `1.1K` read from its digits as `1.1e3`, the double nearest 1100, where 1.1 × 1000 is
/// 1100.0000000000002. The scales are powers of ten.
fn scaled_value(digits: &str, scale: Number) -> Number {
    let exponent = scale.log10().round();
    format!("{digits}e{exponent}")
        .parse()
        .unwrap_or(Number::INFINITY)
}
