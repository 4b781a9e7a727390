//! Runs a parsed command line: reads inputs, calls the library, prints. The only module that
//! writes to stdout and stderr, and the one that decides exit codes:
//! 0 ok, 1 a failed assertion or internal error, 2 bad input.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::Path;

use anyhow::{Context as _, anyhow};
use bote::conventions::Conventions;
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::{self, SheetOptions};
use bote::report::{self, Report};
use bote::{Input, json};

use crate::cli::{CheckArgs, Cli, Command, EvalArgs, Format, RunArgs, SheetArgs, SheetFormat};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    match (cli.command, cli.file) {
        (Some(Command::Eval(args)), _) => eval(args),
        (Some(Command::Run(args)), _) => run_file(args),
        (Some(Command::Check(args)), _) => check(args),
        (Some(Command::Sla(args)), _) => crate::tools::sla(args),
        (Some(Command::Slo(args)), _) => crate::tools::slo(args),
        (Some(Command::Numbers(args)), _) => crate::tools::numbers(args),
        (None, Some(file)) => run_file(RunArgs {
            file,
            sheet: cli.sheet,
        }),
        (None, None) => {
            eprintln!(
                "error: nothing to do\n\nUsage: bote eval EXPR…\n       bote run FILE\n       bote check FILE…\n\nFor more information, try '--help'."
            );
            EXIT_INPUT
        }
    }
}

pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints a diagnostic (and, in JSON mode, its JSON form on stdout) and returns exit code 2.
fn input_error(d: &Diagnostic, sources: &SourceMap, format: Format) -> u8 {
    print_input_error(d, sources, format == Format::Json)
}

pub fn print_input_error(d: &Diagnostic, sources: &SourceMap, as_json: bool) -> u8 {
    if as_json {
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
    assertion_failures(&report, &sources)
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

/// Draws failed assertions on stderr; exit 1 if any failed.
fn assertion_failures(report: &Report, sources: &SourceMap) -> u8 {
    let mut code = EXIT_OK;
    for a in report.assertions.iter().filter(|a| !a.passed) {
        eprint!("{}", a.to_diagnostic().render(sources, stderr_color()));
        code = EXIT_FAILED;
    }
    code
}

/// Reads a scenario file as UTF-8 text, within the size limit.
fn read_source(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() > bote::MAX_INPUT_BYTES {
        return Err(anyhow!(
            "`{}` is too large: {} bytes (the limit is {})",
            path.display(),
            bytes.len(),
            bote::MAX_INPUT_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "`{}` is not valid UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads and evaluates one scenario file into a report; errors are printed here.
/// How a scenario's memory is released.
#[derive(Clone, Copy, PartialEq)]
enum Teardown {
    /// Freed as usual: `check` runs many files in one process.
    Free,
    /// Left to the operating system: `run` exits right after printing, and freeing a large
    /// scenario's trees node by node costs more than evaluating them.
    AtExit,
}

/// Reads and evaluates one scenario file; errors are printed here. Returns the report and
/// the sources it points into.
fn scenario_report(
    path: &Path,
    set: &[(String, String)],
    precision: usize,
    as_json: bool,
    teardown: Teardown,
) -> Result<(Report, SourceMap), u8> {
    let mut sources = SourceMap::default();
    let text = match read_source(path) {
        Ok(text) => text,
        Err(e) => {
            let d = Diagnostic::new(format!("{e:#}"));
            return Err(print_input_error(&d, &sources, as_json));
        }
    };
    let name = path.display().to_string();
    let inputs = [Input {
        name: &name,
        text: &text,
    }];
    match bote::run(&inputs, set, Conventions::default(), &mut sources) {
        Ok(run) => {
            let report = report::build(&run, &sources, precision);
            if teardown == Teardown::AtExit {
                std::mem::forget(run);
            }
            Ok((report, sources))
        }
        Err(d) => Err(print_input_error(&d, &sources, as_json)),
    }
}

pub fn table_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(80)
}

fn run_file(args: RunArgs) -> u8 {
    let SheetArgs {
        set,
        format,
        explain,
        precision,
    } = args.sheet;
    let precision = usize::from(precision);
    let as_json = format == SheetFormat::Json;
    let (report, sources) =
        match scenario_report(&args.file, &set, precision, as_json, Teardown::AtExit) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
    let options = SheetOptions {
        explain,
        precision,
        fallback_title: args
            .file
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned()),
    };
    let output = match format {
        SheetFormat::Json => json::scenario(&report, &args.file.display().to_string()) + "\n",
        SheetFormat::Csv => render::csv(&report),
        SheetFormat::Markdown => render::markdown(&render::sheet(&report, &options)),
        SheetFormat::Table => render::table(&render::sheet(&report, &options), table_width()),
    };
    print!("{output}");
    let code = if report.failed() > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    };
    // See `Teardown::AtExit`.
    std::mem::forget(report);
    std::mem::forget(sources);
    code
}

fn check(args: CheckArgs) -> u8 {
    let mut worst = EXIT_OK;
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for path in &args.files {
        let precision = bote::format::DEFAULT_PRECISION;
        let (report, sources) =
            match scenario_report(path, &args.set, precision, false, Teardown::Free) {
                Ok(loaded) => loaded,
                Err(code) => {
                    broken += 1;
                    worst = worst.max(code);
                    continue;
                }
            };
        let file_failed = report.failed();
        passed += report.assertions.len() - file_failed;
        failed += file_failed;
        if file_failed == 0 {
            println!(
                "ok: {} ({} assertion{})",
                path.display(),
                report.assertions.len(),
                if report.assertions.len() == 1 {
                    ""
                } else {
                    "s"
                }
            );
        } else {
            worst = worst.max(EXIT_FAILED);
            println!(
                "FAILED: {} ({file_failed} of {} assertions)",
                path.display(),
                report.assertions.len()
            );
            for a in report.assertions.iter().filter(|a| !a.passed) {
                eprint!("{}", a.to_diagnostic().render(&sources, stderr_color()));
            }
        }
    }
    println!(
        "\n{} file{}: {passed} assertion{} passed, {failed} failed{}",
        args.files.len(),
        if args.files.len() == 1 { "" } else { "s" },
        if passed == 1 { "" } else { "s" },
        if broken > 0 {
            format!(", {broken} with errors")
        } else {
            String::new()
        }
    );
    worst
}
