//! The REPL's `:commands`, one table: a command is one entry of [`COMMANDS`] (its name, its
//! argument, one line of help, the function that runs it), and `:help` and Tab completion read
//! the table. A unique prefix names a command (`:q`, `:li`).

use std::io;
use std::path::Path;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::report::ValueReport;

use super::super::numbers;
use super::super::read_source;
use super::state::Repl;
use crate::cli::config::{NumbersConfig, TableFormat};
use crate::cli::output::Output;

/// What the session does after a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

pub struct Command {
    /// Without its `:`.
    pub name: &'static str,
    /// What it takes, for `:help`: `""` for nothing.
    pub argument: &'static str,
    pub about: &'static str,
    run: fn(&mut Repl, &str, &mut Output) -> io::Result<Flow>,
}

/// Every command, in the order `:help` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "help",
        argument: "",
        about: "this list",
        run: help,
    },
    Command {
        name: "list",
        argument: "",
        about: "the names and their values, as `bote run` tables them",
        run: list,
    },
    Command {
        name: "explain",
        argument: "NAME",
        about: "a value worked out: its formula, the numbers substituted, each step",
        run: explain,
    },
    Command {
        name: "rough",
        argument: "",
        about: "turn interview rounding on or off: each value's rough figure beside it",
        run: rough,
    },
    Command {
        name: "load",
        argument: "FILE",
        about: "a scenario's statements into the session",
        run: load,
    },
    Command {
        name: "save",
        argument: "FILE",
        about: "the session as a scenario file that `bote run` reads back",
        run: save,
    },
    Command {
        name: "numbers",
        argument: "",
        about: "the reference numbers, as `bote numbers` prints them",
        run: numbers,
    },
    Command {
        name: "quit",
        argument: "",
        about: "end the session (Ctrl-D does too)",
        run: |_, _, _| Ok(Flow::Quit),
    },
];

/// Runs a typed line: a command if it starts with `:`, else statements for the session.
pub fn dispatch(repl: &mut Repl, line: &str, out: &mut Output) -> io::Result<Flow> {
    let line = line.trim();
    let Some(rest) = line.strip_prefix(':') else {
        if !line.is_empty() {
            repl.line(line, out)?;
        }
        return Ok(Flow::Continue);
    };
    let (word, argument) = rest
        .split_once(char::is_whitespace)
        .map_or((rest, ""), |(w, a)| (w, a.trim()));
    let command = match find(word) {
        Ok(command) => command,
        Err(d) => return problem(d, out),
    };
    match (command.argument.is_empty(), argument.is_empty()) {
        (true, false) => problem(
            Diagnostic::new(format!("`:{}` takes no argument", command.name)),
            out,
        ),
        (false, true) => problem(
            Diagnostic::new(format!("`:{}` needs a {}", command.name, command.argument))
                .help(format!("`:{} {}`", command.name, command.argument)),
            out,
        ),
        _ => (command.run)(repl, argument, out),
    }
}

/// The command `word` names: its full name or a prefix of no other.
pub fn find(word: &str) -> Result<&'static Command, Diagnostic> {
    if let Some(command) = COMMANDS.iter().find(|c| c.name == word) {
        return Ok(command);
    }
    let matching: Vec<&Command> = COMMANDS
        .iter()
        .filter(|c| !word.is_empty() && c.name.starts_with(word))
        .collect();
    match matching[..] {
        [command] => Ok(command),
        [] => {
            let d = Diagnostic::new(format!("unknown command `:{word}`"));
            Err(
                match bote::suggest::closest(word, COMMANDS.iter().map(|c| c.name)) {
                    Some(name) => d.help(format!("did you mean `:{name}`?")),
                    None => d.help("`:help` lists the commands"),
                },
            )
        }
        _ => {
            let names: Vec<String> = matching.iter().map(|c| format!("`:{}`", c.name)).collect();
            Err(Diagnostic::new(format!(
                "`:{word}` could be {}",
                names.join(" or ")
            )))
        }
    }
}

fn problem(d: Diagnostic, out: &mut Output) -> io::Result<Flow> {
    out.diagnostic(&d, &SourceMap::default())?;
    Ok(Flow::Continue)
}

fn help(_: &mut Repl, _: &str, out: &mut Output) -> io::Result<Flow> {
    let mut text = String::from(
        "Type statements as for `bote eval`: `name = expr` defines a name (again: replaces it,\n\
         and what depends on it is recomputed); anything else prints its value. `_` and `ans`\n\
         are the last result. Tab completes; Up and Down recall earlier lines.\n\n",
    );
    for c in COMMANDS {
        let head = format!(":{} {}", c.name, c.argument);
        text.push_str(&format!("  {head:<16} {}\n", c.about));
    }
    out.write(&text)?;
    Ok(Flow::Continue)
}

fn list(repl: &mut Repl, _: &str, out: &mut Output) -> io::Result<Flow> {
    let report = match repl.report(false, false) {
        Ok(report) => report,
        Err(d) => return problem(d, out),
    };
    if report.values.is_empty() && report.assertions.is_empty() {
        out.write_line("nothing defined yet")?;
        return Ok(Flow::Continue);
    }
    let options = bote::render::SheetOptions {
        explain: false,
        rough: repl.rough,
        style: repl.style,
        fallback_title: "session".into(),
    };
    let sheet = bote::render::sheet(&report, &options);
    out.write(&bote::render::table(&sheet, repl.width))?;
    Ok(Flow::Continue)
}

fn explain(repl: &mut Repl, typed: &str, out: &mut Output) -> io::Result<Flow> {
    // `_` and `ans` are the last result, unless the session defines them.
    let name = match repl.session().last_result() {
        Some(last)
            if bote::LAST_RESULT_NAMES.contains(&typed) && !repl.session().defines(typed) =>
        {
            last.to_string()
        }
        _ => typed.to_string(),
    };
    let report = match repl.report(true, true) {
        Ok(report) => report,
        Err(d) => return problem(d, out),
    };
    match report
        .values
        .iter()
        .find(|v| v.name.as_deref() == Some(&name))
    {
        Some(value) => {
            let read = results_read(repl, &name, &value.expr);
            out.write(&explanation(typed, value, read.as_deref()))?;
            Ok(Flow::Continue)
        }
        None => {
            let d = Diagnostic::new(format!("no value named `{name}`"));
            let names = report.values.iter().filter_map(|v| v.name.as_deref());
            problem(
                match bote::suggest::closest(&name, names) {
                    Some(close) => d.help(format!("did you mean `{close}`?")),
                    None => d.help("`:list` shows the names"),
                },
                out,
            )
        }
    }
}

/// What `:explain` shows of a value, called `name` as typed (`ans` for the last result): its
/// worked steps, as `bote eval --explain` writes them (with the rough path when `:rough` is
/// on), what a `_` or `ans` in it stood for (`read`), how the checker read ambiguous parts of
/// it, its description.
fn explanation(name: &str, value: &ValueReport, read: Option<&str>) -> String {
    let worked = bote::render::derivation(value);
    // The steps are headed by the value's name; `ans` is explained under the name typed.
    let mut text = match value.name.as_deref() {
        Some(own) if own != name => {
            let indent = " ".repeat(name.chars().count().saturating_sub(own.chars().count()));
            worked
                .lines()
                .enumerate()
                .map(|(i, line)| match i {
                    0 => format!("{name}{}\n", &line[own.len()..]),
                    _ => format!("{indent}{line}\n"),
                })
                .collect()
        }
        _ => worked,
    };
    if let Some(read) = read {
        text.push_str(&format!("  ({read})\n"));
    }
    for reading in &value.readings {
        text.push_str(&format!("  (read {reading})\n"));
    }
    if let Some(description) = &value.description {
        text.push_str(&format!("  # {description}\n"));
    }
    text
}

fn rough(repl: &mut Repl, _: &str, out: &mut Output) -> io::Result<Flow> {
    repl.rough = !repl.rough;
    if repl.rough {
        out.write_line(&format!(
            "rough figures on: {}",
            bote::report::rough::rules()
        ))?;
    } else {
        out.write_line("rough figures off")?;
    }
    Ok(Flow::Continue)
}

/// For a formula that used `_` or `ans`: what they stood for, since the last result has moved
/// on (`read as _1 + 1, where _1 = x * 2`).
fn results_read(repl: &Repl, name: &str, written: &str) -> Option<String> {
    let session = repl.session();
    let read = session
        .formula_as_read(name)
        .filter(|read| read != written)?;
    let mut results: Vec<String> = Vec::new();
    for word in read.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if let Some(formula) = session
            .formula_as_read(word)
            .filter(|_| session.is_result(word))
        {
            let result = format!("{word} = {formula}");
            if !results.contains(&result) {
                results.push(result);
            }
        }
    }
    Some(format!("read as {read}, where {}", results.join(", ")))
}

fn load(repl: &mut Repl, path: &str, out: &mut Output) -> io::Result<Flow> {
    match read_source(Path::new(path)) {
        Ok(text) => repl.load(path, &text, out)?,
        Err(e) => {
            problem(Diagnostic::new(format!("{e:#}")), out)?;
        }
    }
    Ok(Flow::Continue)
}

fn save(repl: &mut Repl, path: &str, out: &mut Output) -> io::Result<Flow> {
    repl.save(path, out)?;
    Ok(Flow::Continue)
}

fn numbers(repl: &mut Repl, _: &str, out: &mut Output) -> io::Result<Flow> {
    let config = NumbersConfig {
        format: TableFormat::Table,
        style: repl.style,
    };
    numbers::run(config, out)?;
    Ok(Flow::Continue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_is_its_name_or_a_prefix_of_no_other() {
        let name = |word: &str| find(word).map(|c| c.name).map_err(|d| d.message);
        assert_eq!(name("list"), Ok("list"));
        assert_eq!(name("q"), Ok("quit"));
        assert_eq!(name("li"), Ok("list"));
        assert_eq!(name("l"), Err("`:l` could be `:list` or `:load`".into()));
        assert_eq!(name("lsit"), Err("unknown command `:lsit`".into()));
        assert!(find("").is_err());
    }

    #[test]
    fn every_command_is_in_the_long_help() {
        for c in COMMANDS {
            let head = format!(":{} {}", c.name, c.argument);
            assert!(
                crate::cli::help::REPL_HELP.contains(head.trim_end()),
                "`bote help repl` does not list :{}",
                c.name
            );
        }
    }
}
