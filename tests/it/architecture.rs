//! The layout rules of the architecture issue, checked on the source tree so that they hold
//! after every change: no file over 600 lines, no circle of imports between the top-level
//! modules of the library, clap only in the CLI's argument module, printing only in the CLI's
//! output module, and the REPL's line editor in one file of its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::files_under;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir, "rs")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to: `check` for `src/check/order.rs`.
fn top_level(path: &Path) -> String {
    let rel = path.strip_prefix(src()).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// The code of a file without its comments and its `#[cfg(test)]` module (tests may use
/// anything; a doc link is not an import).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source");
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_file_is_over_600_lines() {
    for path in rust_files(&src()) {
        let lines = std::fs::read_to_string(&path)
            .expect("readable")
            .lines()
            .count();
        assert!(lines <= 600, "{} has {lines} lines", path.display());
    }
}

#[test]
fn top_level_modules_import_each_other_without_a_circle() {
    let modules: BTreeSet<String> = rust_files(&src())
        .iter()
        .map(|p| top_level(p))
        .filter(|m| m != "lib" && m != "main" && m != "cli")
        .collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in rust_files(&src()) {
        let from = top_level(&path);
        if !modules.contains(&from) {
            continue;
        }
        let text = code(&path);
        for to in &modules {
            if *to != from && text.contains(&format!("crate::{to}")) {
                uses.entry(from.clone()).or_default().insert(to.clone());
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(i) = path.iter().position(|p| p == m) {
            panic!("import circle: {} → {m}", path[i..].join(" → "));
        }
        path.push(m.to_string());
        for next in uses.get(m).into_iter().flatten() {
            visit(next, uses, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in &modules {
        visit(m, &uses, &mut Vec::new(), &mut done);
    }
    assert!(uses.len() > 5, "the scan found too few imports: {uses:?}");
}

#[test]
fn clap_lives_in_the_argument_module_and_printing_in_the_output_module() {
    let printing = [
        "print!(",
        "println!(",
        "eprint!(",
        "eprintln!(",
        "io::stdout()",
        "io::stderr()",
    ];
    for path in rust_files(&src()) {
        let rel = path
            .strip_prefix(src())
            .expect("under src")
            .to_string_lossy()
            .to_string();
        let text = code(&path);
        if !rel.starts_with("cli/args/") {
            assert!(!text.contains("clap::"), "{rel} uses clap");
        }
        if rel != "cli/output.rs" {
            for p in printing {
                assert!(!text.contains(p), "{rel} prints with `{p}`");
            }
        }
    }
}

/// The REPL's line editor draws the prompt and the line being typed on the terminal itself:
/// the one output that cannot go through `cli/output.rs`. It stays in one file, so that no
/// other command builds it and nothing else writes to the terminal behind `Output`'s back.
#[test]
fn the_line_editor_lives_in_the_repl_editor_module() {
    let mut found = false;
    for path in rust_files(&src()) {
        let rel = path
            .strip_prefix(src())
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        if code(&path).contains("rustyline::") {
            assert_eq!(rel, "cli/commands/repl/editor.rs", "{rel} uses rustyline");
            found = true;
        }
    }
    assert!(found, "the scan found no use of rustyline");
}
