//! What Tab completes at the cursor: a command after the `:` that starts a line; a defined name
//! after a command that takes a NAME (`:explain`), a file after one that takes a FILE (`:load`,
//! `:save`); anywhere else the word being typed, among
//! the session's names, the units, the functions and the reference numbers. With nothing typed
//! yet, only the session's names are offered: the hundreds of units would bury them.

use bote::quantity::reference::REFERENCES;
use bote::quantity::units;

use super::commands::{COMMANDS, find};

/// What to offer at the cursor.
#[derive(Debug, PartialEq, Eq)]
pub enum Completion {
    /// Words that replace the line from `start` to the cursor, sorted.
    Words { start: usize, words: Vec<String> },
    /// A file name: the editor's file completer knows the file system.
    Path,
}

/// What completes `line` at byte `pos`, given the session's defined names.
pub fn complete(line: &str, pos: usize, defined: &[String]) -> Completion {
    let before = line.get(..pos).unwrap_or(line);
    let indent = before.len() - before.trim_start().len();
    if let Some(command) = before.trim_start().strip_prefix(':') {
        return match command.split_once(char::is_whitespace) {
            None => Completion::Words {
                start: indent,
                words: sorted(
                    COMMANDS
                        .iter()
                        .map(|c| format!(":{}", c.name))
                        .filter(|c| c[1..].starts_with(command)),
                ),
            },
            // What the command takes, as its entry in the table says.
            Some((word, _)) => match find(word).map(|c| c.argument) {
                Ok("FILE") => Completion::Path,
                Ok("NAME") => {
                    let start = word_start(before);
                    let typed = &before[start..];
                    Completion::Words {
                        start,
                        words: sorted(defined.iter().filter(|n| n.starts_with(typed)).cloned()),
                    }
                }
                _ => Completion::Words {
                    start: pos,
                    words: Vec::new(),
                },
            },
        };
    }
    let start = word_start(before);
    let typed = &before[start..];
    if typed.is_empty() {
        return Completion::Words {
            start,
            words: sorted(defined.iter().cloned()),
        };
    }
    let known = defined
        .iter()
        .cloned()
        .chain(bote::BUILTINS.iter().map(|b| b.name.to_string()))
        .chain(REFERENCES.iter().map(|r| r.name.to_string()))
        .chain(units::suggestion_names());
    Completion::Words {
        start,
        words: sorted(known.filter(|w| w.starts_with(typed))),
    }
}

/// Where the name that ends `before` starts: past any digits glued in front of it, so that
/// `10G` completes the unit `G…`.
fn word_start(before: &str) -> usize {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    start + (word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len())
}

fn sorted(words: impl Iterator<Item = String>) -> Vec<String> {
    let mut words: Vec<String> = words.collect();
    words.sort();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str, defined: &[&str]) -> Vec<String> {
        let defined: Vec<String> = defined.iter().map(|s| s.to_string()).collect();
        match complete(line, line.len(), &defined) {
            Completion::Words { start, words } => {
                // Every word replaces what was typed of it.
                assert!(words.iter().all(|w| w.starts_with(&line[start..])));
                words
            }
            Completion::Path => vec!["<path>".to_string()],
        }
    }

    #[test]
    fn names_units_functions_and_references() {
        assert_eq!(words("peak_v", &["peak_view_qps", "x"]), ["peak_view_qps"]);
        assert_eq!(
            words("x = 2 * peak_v", &["peak_view_qps"]),
            ["peak_view_qps"]
        );
        assert!(words("10 Gi", &[]).contains(&"GiB".to_string()));
        assert!(words("10Gi", &[]).contains(&"GiB".to_string()));
        assert_eq!(words("sqr", &[]), ["sqrt"]);
        assert!(words("ssd_random_r", &[]).contains(&"ssd_random_read".to_string()));
        assert_eq!(words("1 + ", &["b", "a"]), ["a", "b"]);
    }

    #[test]
    fn commands_and_their_arguments() {
        assert_eq!(words(":", &[]).len(), COMMANDS.len());
        assert_eq!(words(":l", &[]), [":list", ":load"]);
        assert_eq!(words("  :he", &[]), [":help"]);
        assert_eq!(words(":explain pe", &["peak", "x"]), ["peak"]);
        assert_eq!(words(":ex pe", &["peak", "x"]), ["peak"]);
        assert_eq!(words(":save ", &[]), ["<path>"]);
        assert_eq!(words(":list x", &["x"]), Vec::<String>::new());
    }
}
