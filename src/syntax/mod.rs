//! Syntax: source text to [`Program`], built with nom, every node spanned.
//!
//! The grammar, loosest binding first (`{}` repeats, `[]` is optional):
//!
//! ```text
//! program    = { statement } ;
//! statement  = ( import | define | assert | unit_decl | calendar | convert )
//!              [ "#" comment ] ( newline | ";" | end ) ;
//! import     = "import" '"' path '"' ;    (* path: any characters but `"` and newline *)
//! define     = name "=" convert ;
//! assert     = "assert" sum compare sum [ "within" sum ] ;     (* `~=` needs `within` *)
//! compare    = "<" | "<=" | ">" | ">=" | "==" | "~=" ;
//! unit_decl  = "unit" name ;
//! calendar   = "calendar" ( calendar_name | ( "year" | "month" | "quarter" ) "=" sum ) ;
//! convert    = sum [ ( "->" | "in" | "to" ) target ] ;
//! target     = "%" | [ "/" ] product ;                         (* `/s` means `1/s` *)
//! sum        = product { ( "+" | "-" ) product } ;
//! product    = unary { ( "*" | "/" | "per" ) unary } ;
//! unary      = ( "-" | "+" ) unary | implicit ;
//! implicit   = quantity | power { unit [ ( "^" | "**" ) unary ] } ;  (* `x GB` *)
//! quantity   = numeric unit_pow { unit_pow } { ( "/" | "per" ) implicit } ;
//!                                    (* `10 KB`, `100 MB/s`, `2 req/user/day`: one value *)
//! numeric    = number [ ( "^" | "**" ) number ] ;              (* `2^30 B` *)
//! unit_pow   = unit [ ( "^" | "**" ) unary ] ;
//! power      = postfix [ ( "^" | "**" ) unary ] ;              (* right associative *)
//! postfix    = primary { "%" } ;
//! primary    = number | name "(" [ sum { "," sum } ] ")" | name | "(" sum ")" ;
//! number     = mantissa [ exponent | suffix | word ] ;         (* one scale at most *)
//! mantissa   = digits [ "." [ digits ] ] | "." digits ;
//! exponent   = ( "e" | "E" ) [ "+" | "-" ] digits ;
//! suffix     = "k" | "K" | "M" | "bn" | "T" ;                  (* glued: `10k`, `1bn` *)
//! word       = "thousand" | "million" | "billion" | "trillion" ;
//! digits     = digit { [ "_" ] digit } ;
//! name       = ( letter | "_" | "µ" | "μ" ) { letter | digit | "_" } ;
//! ```
//!
//! A function call needs its `(` right after the name: `min(a, b)` is the function, `5 min` is
//! the unit. A unit glued to a number is implicit multiplication too: `500B`, `10KB`, `3days`.
//! Nesting is bounded by [`MAX_NESTING`] and tree height by [`MAX_TREE_DEPTH`], so that no
//! input can overflow the stack here or in any later pass.
//!
//! The parser is split by what each part reads: `lexeme` holds the character-level parsers
//! (spaces, names, numbers), is the only file that calls nom, and holds nom's error type; `expr` the expression
//! grammar from `convert` down to `primary`, `statement` programs and statements, and `error`
//! the [`ParseError`] every entry point returns and its one [`Diagnostic`] form. `print` goes
//! the other way: an expression written back in the canonical layout, the name of a
//! conversion target and each expression `bote fmt` writes.
//!
//! [`Diagnostic`]: crate::diagnostic::Diagnostic

mod error;
mod expr;
mod lexeme;
pub(crate) mod print;
mod statement;

pub use error::{ParseError, ParseErrorKind};

use crate::ast::{Expr, Program};
use lexeme::ws;

/// How deeply parentheses, unary operators, powers and calls may nest.
pub const MAX_NESTING: u32 = 64;
/// How tall an expression tree may grow (long operator chains add height).
pub const MAX_TREE_DEPTH: u32 = 1_000;

/// Words that cannot name a value or stand as a unit.
pub const KEYWORDS: &[&str] = &[
    "per", "in", "to", "within", "assert", "unit", "calendar", "import", "thousand", "million",
    "billion", "trillion",
];

/// Parses `src`, whose spans start at `base` (see [`crate::diagnostic::SourceMap`]).
pub fn parse_program(src: &str, base: usize) -> Result<Program, ParseError> {
    let parser = Parser { src, base };
    parser.program().map_err(|e| parser.to_error(e))
}

/// Parses a single expression (a `--set` value), whose spans start at `base`.
pub fn parse_expression(src: &str, base: usize) -> Result<Expr, ParseError> {
    let parser = Parser { src, base };
    let result = parser.range(ws(src), 0, false).and_then(|(rest, expr)| {
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

/// The state every grammar rule shares: the whole source, to turn what is left of it into
/// offsets, and where its spans start.
struct Parser<'a> {
    src: &'a str,
    base: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{BinOp, ExprKind, StmtKind};
    use crate::span::Span;

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
            ExprKind::Call(call) => {
                let args: Vec<String> = call.args.iter().map(sexp).collect();
                format!("({} {})", call.name, args.join(" "))
            }
            ExprKind::Range { lo, hi, .. } => format!("(to {} {})", sexp(lo), sexp(hi)),
            ExprKind::Compare { op, lhs, rhs, .. } => {
                format!("({} {} {})", op.symbol(), sexp(lhs), sexp(rhs))
            }
        }
    }

    fn check_spans(e: &Expr, parent: Span) {
        assert!(
            e.span.start >= parent.start && e.span.end <= parent.end,
            "{e:?}"
        );
        e.children().for_each(|child| check_spans(child, e.span));
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
            // A number with units is one quantity through `/ unit` and `per unit`.
            ("1 GB / 100 MB/s", "(/ (. 1 GB) (/ (. 100 MB) s))"),
            ("1 TB / 100 GB per day", "(/ (. 1 TB) (/ (. 100 GB) day))"),
            ("x / 2 req/user/day", "(/ x (/ (/ (. 2 req) user) day))"),
            ("x / 2^10 B/s", "(/ x (/ (. (^ 2 10) B) s))"),
            ("x / 9.8 m/s^2 * 2", "(* (/ x (/ (. 9.8 m) (^ s 2))) 2)"),
            ("100 MB/s / 2", "(/ (/ (. 100 MB) s) 2)"),
            // A bare number, or a value that is not a number, reads left to right.
            ("a / 10 / day", "(/ (/ a 10) day)"),
            ("a / (10 GB) / s", "(/ (/ a (. 10 GB)) s)"),
            ("a / b GB / s", "(/ (/ a (. b GB)) s)"),
            ("a / 10 GB / f(s)", "(/ (/ a (. 10 GB)) (f s))"),
            // `to` before a value starts a range; before a unit it converts (see `convert`).
            ("1 MB to 3 MB", "(to (. 1 MB) (. 3 MB))"),
            ("1 to 3 MB/s", "(to 1 (/ (. 3 MB) s))"),
            ("1 to - 3", "(to 1 (neg 3))"),
            ("(lo to hi)", "(to lo hi)"),
            ("$1 to $3", "(to (. 1 $) (. 3 $))"),
            ("x * (2 to 3)", "(* x (to 2 3))"),
            (
                "availability(99.9% to 99.99%)",
                "(availability (to (% 99.9) (% 99.99)))",
            ),
            ("prob(x > 1M /s)", "(prob (> x (/ 1000000 s)))"),
            ("p(x, 95%)", "(p x (% 95))"),
        ];
        for (src, want) in cases {
            let e = expr(src);
            assert_eq!(sexp(&e), want, "{src}");
            check_spans(&e, Span::new(0, src.len()));
        }
    }

    #[test]
    fn scaled_numbers_are_read_from_their_digits() {
        for (src, want) in [
            ("1.1K", 1100.0),
            ("0.3 million", 300_000.0),
            ("2.3bn", 2.3e9),
            ("4.1T", 4.1e12),
        ] {
            match expr(src).kind {
                ExprKind::Number(n) => assert_eq!(n, want, "{src}"),
                other => panic!("{src}: {other:?}"),
            }
        }
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
