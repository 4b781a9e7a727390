//! Every `console` example in the README is run and compared with what the README shows, so
//! the README cannot drift from the program (as just's `tests/readme.rs` does). In a block,
//! `$ bote …` is a command (run by `sh`, stderr after stdout as a terminal shows them); the
//! lines up to the next command are its output. A line holding only `…` stands for any
//! number of lines. In the output, a line that starts with `bote> ` is a line typed into the
//! session (`bote repl`): it is given on standard input, and not part of the output, since
//! a session reading a pipe shows no prompt and no echo.

use std::io::Write as _;
use std::process::{Command, Stdio};

struct Example {
    command: String,
    expected: Vec<String>,
    /// The lines typed into a session.
    typed: String,
}

/// What starts a line typed into a session.
const PROMPT: &str = "bote> ";

fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if !in_block {
            in_block = line.trim_end() == "```console";
            continue;
        }
        if line.starts_with("```") {
            in_block = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            out.push(Example {
                command: command.to_string(),
                expected: Vec::new(),
                typed: String::new(),
            });
        } else if let Some(example) = out.last_mut() {
            match line.strip_prefix(PROMPT) {
                Some(typed) => example.typed.push_str(&format!("{typed}\n")),
                None => example.expected.push(line.to_string()),
            }
        }
    }
    out
}

/// Does `actual` match `expected`, where a `…` line in `expected` matches any run of lines?
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual
                .first()
                .is_some_and(|a| a.trim_end() == first.trim_end())
                && matches(rest, &actual[1..])
        }
    }
}

#[test]
fn every_console_example_in_the_readme_is_what_bote_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 8, "found {} examples", examples.len());
    let bin = env!("CARGO_BIN_EXE_bote");
    for example in examples {
        let Some(args) = example.command.strip_prefix("bote") else {
            panic!(
                "an example runs something other than bote: {}",
                example.command
            );
        };
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}'{args} 2>&1"))
            .current_dir(root)
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("runs sh");
        let mut stdin = child.stdin.take().expect("stdin");
        // A command that exits without reading is judged by what it printed.
        let _ = stdin.write_all(example.typed.as_bytes());
        drop(stdin);
        let out = child.wait_with_output().expect("finishes");
        let text = String::from_utf8_lossy(&out.stdout);
        let actual: Vec<&str> = text.lines().collect();
        assert!(
            matches(&example.expected, &actual),
            "README example `{}` prints:\n{text}\nbut the README shows:\n{}",
            example.command,
            example.expected.join("\n")
        );
    }
}

#[test]
fn ellipsis_matches_any_run_of_lines() {
    let expected: Vec<String> = ["a", "…", "d"].iter().map(|s| s.to_string()).collect();
    assert!(matches(&expected, &["a", "b", "c", "d"]));
    assert!(matches(&expected, &["a", "d"]));
    assert!(!matches(&expected, &["a", "b"]));
    assert!(!matches(&expected, &["x", "d"]));
}
