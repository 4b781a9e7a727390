//! Programs and statements: the leading comment block (title and description), then one
//! statement a line or between `;`: a definition, an evaluation, `assert`, `unit`,
//! `calendar` or `import`, each with its optional trailing `# comment`.

use super::lexeme::{PErr, PResult, at_keyword, peek_name, plain_digits, token_len, ws};
use super::{ParseErrorKind, Parser};
use crate::ast::{CmpOp, Import, Program, Statement, StmtKind};
use crate::quantity::conventions::CalendarUnit;
use crate::span::Span;

impl<'a> Parser<'a> {
    pub(super) fn program(&self) -> Result<Program, nom::Err<PErr>> {
        let mut program = Program::default();
        // Every statement but the last ends at a newline or a `;`, so their count bounds the
        // number of statements. Reserving that many spares a large file the doubling
        // reallocations, at whose peak the old vector and the new one are both held. An
        // over-estimate (blank lines, a `;` in a comment) reserves pages that are never
        // touched and so cost no memory; should even the reservation fail, the vector grows
        // as usual.
        let bound = self
            .src
            .bytes()
            .filter(|&b| matches!(b, b'\n' | b';'))
            .count()
            + 1;
        let _ = program.statements.try_reserve_exact(bound);
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
            if at_keyword(i, "import") {
                let (rest, import) = self.import(i, program.statements.len())?;
                program.imports.push(import);
                i = rest;
                continue;
            }
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
        let (rest, comment) =
            self.end_of_statement(rest, "an operator or the end of the statement")?;
        let statement = Statement {
            kind,
            span: Span::new(start, end),
            comment,
        };
        Ok((rest, statement))
    }

    /// A trailing `# comment`, then the end of the line, a `;` or the end of the input.
    fn end_of_statement(&self, rest: &'a str, what: &'static str) -> PResult<'a, Span> {
        let rest = ws(rest);
        let (rest, comment) = match rest.strip_prefix('#') {
            Some(c) => {
                let stop = c.find('\n').unwrap_or(c.len());
                let text = c[..stop].trim();
                // `offset` measures a suffix of the source: the comment starts after its blanks.
                let start = self.offset(c) + (c.len() - c.trim_start().len());
                (&c[stop..], Span::new(start, start + text.len()))
            }
            None => (rest, Span::default()),
        };
        match rest.chars().next() {
            None | Some('\n') | Some(';') => Ok((rest, comment)),
            Some(_) => self.expected(rest, what),
        }
    }

    /// `import "path"`: a path in double quotes, on one line, with no escapes (a path holding
    /// `"` cannot be imported). `at` is the number of statements before it.
    fn import(&self, i: &'a str, at: usize) -> PResult<'a, Import> {
        let i = ws(&i["import".len()..]);
        let Some(inside) = i.strip_prefix('"') else {
            return self.expected(i, "a path in double quotes, e.g. `import \"common.bote\"`");
        };
        let line = &inside[..inside.find('\n').unwrap_or(inside.len())];
        let Some(close) = line.find('"') else {
            let open = self.offset(i);
            return self.fail(
                &inside[line.len()..],
                0,
                ParseErrorKind::UnclosedQuote {
                    open: Span::new(open, open + 1),
                },
            );
        };
        let path = &line[..close];
        let rest = &inside[close + 1..];
        let path_span = Span::new(self.offset(i), self.offset(rest));
        if path.trim().is_empty() {
            return self.fail(
                i,
                close + 2,
                ParseErrorKind::Expected("a path between the quotes"),
            );
        }
        let (rest, _) = self.end_of_statement(rest, "the end of the statement after the path")?;
        Ok((
            rest,
            Import {
                path: path.to_string(),
                path_span,
                at,
            },
        ))
    }

    /// `name =` (but not `name ==`), returning the name; `None` if this is not a definition.
    fn definition_head(&self, i: &'a str) -> Option<(&'a str, (Box<str>, Span))> {
        let name = peek_name(i)?;
        let after = ws(&i[name.len()..]);
        let rest = after.strip_prefix('=')?;
        if rest.starts_with('=') {
            return None;
        }
        let start = self.offset(i);
        Some((
            ws(rest),
            (name.into(), Span::new(start, start + name.len())),
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
                let (rest, digits) = plain_digits(i)?;
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
        if crate::quantity::conventions::CALENDARS
            .iter()
            .all(|c| c.name != name)
        {
            return self.fail(i, name.len(), ParseErrorKind::UnknownCalendar(name));
        }
        Ok((rest, StmtKind::Calendar { name, name_span }))
    }

    fn assert(&self, i: &'a str) -> PResult<'a, StmtKind> {
        let (rest, lhs) = self.sum(i, 0)?;
        let rest = ws(rest);
        let Some((len, op)) = super::expr::comparison(rest) else {
            return self.expected(rest, "a comparison (`<`, `<=`, `>`, `>=`, `==` or `~=`)");
        };
        let after = &rest[len..];
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
            return self.fail(rest, token_len(rest), ParseErrorKind::ApproxNeedsTolerance);
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_program;

    #[test]
    fn statement_spans_end_at_the_last_token() {
        let src = "x = 5 GB    # size\ny = x -> MB  ";
        let p = parse_program(src, 0).unwrap();
        assert_eq!(p.statements[0].span.text(src), "x = 5 GB");
        assert_eq!(p.statements[1].span.text(src), "y = x -> MB");
    }

    #[test]
    fn statements_and_comments() {
        let src = "# Title\n# more\n\nx = 5 GB # the x\ny = x -> MB; assert x < 6 GB\n";
        let p = parse_program(src, 0).unwrap();
        assert_eq!(p.title.as_deref(), Some("Title"));
        assert_eq!(p.description.as_deref(), Some("more"));
        assert_eq!(p.statements.len(), 3);
        assert_eq!(p.statements[0].comment.text(src), "the x");
        assert!(p.statements[1].comment.is_empty());
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
}
