//! Runs a parsed command line: reads inputs, calls the library, prints. The only module that
//! writes to stdout and stderr, and the one that decides exit codes:
//! 0 ok, 1 a failed assertion or internal error, 2 bad input.

use std::io::{IsTerminal as _, Read as _, Write as _};

use bote::conventions::Conventions;
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::report::{self, Report};
use bote::{Input, json};

use crate::cli::{Cli, Command, EvalArgs, Format};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Some(Command::Eval(args)) => eval(args),
        None => {
            eprintln!(
                "error: nothing to do\n\nUsage: bote eval EXPR…\n\nFor more information, try '--help'."
            );
            EXIT_INPUT
        }
    }
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints a diagnostic (and, in JSON mode, its JSON form on stdout) and returns exit code 2.
fn input_error(d: &Diagnostic, sources: &SourceMap, format: Format) -> u8 {
    if format == Format::Json {
        println!("{}", json::error(d, sources));
    }
    eprint!("{}", d.render(sources, stderr_color()));
    EXIT_INPUT
}

fn read_stdin() -> Result<String, Diagnostic> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(bote::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::new(format!("cannot read standard input: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(format!(
            "standard input is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .help("bote reads UTF-8 text")
    })
}

fn eval(args: EvalArgs) -> u8 {
    let format = args.output.format;
    let mut sources = SourceMap::default();
    let mut texts: Vec<(String, String)> = Vec::new();
    let several = args.exprs.len() > 1;
    for (i, expr) in args.exprs.iter().enumerate() {
        if expr == "-" {
            match read_stdin() {
                Ok(text) => texts.push(("<stdin>".into(), text)),
                Err(d) => return input_error(&d, &sources, format),
            }
        } else {
            let name = if several {
                format!("<expr {}>", i + 1)
            } else {
                "<expr>".to_string()
            };
            texts.push((name, expr.clone()));
        }
    }
    let inputs: Vec<Input> = texts
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let run = match bote::run(&inputs, &[], Conventions::default(), &mut sources) {
        Ok(run) => run,
        Err(d) => return input_error(&d, &sources, format),
    };
    let report = report::build(&run, &sources, usize::from(args.output.precision));
    if report.values.is_empty() && report.assertions.is_empty() {
        let d = Diagnostic::new("nothing to evaluate")
            .help("pass an expression, e.g. `bote eval '100M * 10 / day -> /s'`");
        return input_error(&d, &sources, format);
    }
    match format {
        Format::Json => println!("{}", json::eval_results(&report)),
        Format::Text => print_eval_text(&report),
    }
    assertion_failures(&report)
}

fn print_eval_text(report: &Report) {
    let mut out = std::io::stdout().lock();
    for v in &report.values {
        let _ = match &v.name {
            Some(name) => writeln!(out, "{name} = {}", v.shown.text),
            None => writeln!(out, "{}", v.shown.text),
        };
    }
}

/// Prints failed assertions to stderr; exit 1 if any failed.
fn assertion_failures(report: &Report) -> u8 {
    let failed: Vec<_> = report.assertions.iter().filter(|a| !a.passed).collect();
    for a in &failed {
        eprintln!(
            "assertion failed (line {}): {}\n  left:  {}\n  right: {}",
            a.line, a.text, a.lhs.text, a.rhs.text
        );
    }
    if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}
