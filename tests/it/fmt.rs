//! `bote fmt`: formatting is idempotent on the scenario library, the test fixtures and a few
//! hundred generated files; it never changes what a scenario computes; and the command, as a
//! black box, checks, rewrites, filters and refuses as its help says.

use std::path::{Path, PathBuf};

use bote::layout::{self, FormatError};
use bote::render::json;
use bote::sample::Rng;
use bote::{Conventions, Session, Style};

use crate::common::files_under;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scenarios() -> Vec<PathBuf> {
    let files = files_under(&root().join("scenarios"), "bote");
    assert!(files.len() >= 10, "found {} scenarios", files.len());
    files
}

/// Formats `text`, which parses: formatting it must succeed, and formatting the result must
/// give it back.
fn idempotent(what: &str, text: &str) {
    let once = match layout::format(text) {
        Ok(once) => once,
        Err(FormatError::Parse { .. }) => return,
        Err(e) => panic!("{what}: {e:?}\n{text}"),
    };
    let twice = layout::format(&once).unwrap_or_else(|e| panic!("{what}, again: {e:?}\n{once}"));
    assert_eq!(twice, once, "{what}: formatting twice differs\n{text}");
}

#[test]
fn the_library_and_the_fixtures_format_idempotently() {
    let mut files = scenarios();
    files.extend(files_under(&root().join("tests"), "bote"));
    let mut parsed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable");
        if layout::format(&text).is_ok() {
            parsed += 1;
        }
        idempotent(&path.display().to_string(), &text);
    }
    assert!(parsed > 60, "only {parsed} files parse");
}

#[test]
fn the_scenario_library_is_formatted() {
    for path in scenarios() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let formatted = layout::format(&text).expect("formats");
        assert!(
            formatted == text,
            "{} is not formatted: run `bote fmt`",
            path.display()
        );
    }
}

/// A scenario's JSON document, its formulas and assertions without whitespace and without
/// line numbers: what formatting may change.
fn meaning(file: &str, text: &str) -> serde_json::Value {
    let mut session = Session::new(Conventions::default());
    session.add(file, text).expect("parses");
    let report = bote::report(&mut session, &Style::default()).expect("runs");
    let mut doc: serde_json::Value =
        serde_json::from_str(&json::scenario(&report, file)).expect("JSON");
    let squeeze = |v: &mut serde_json::Value| {
        if let Some(s) = v.as_str() {
            *v = s.split_whitespace().collect::<String>().into();
        }
    };
    for value in doc["values"].as_array_mut().expect("values") {
        squeeze(&mut value["formula"]);
    }
    for assertion in doc["assertions"].as_array_mut().expect("assertions") {
        squeeze(&mut assertion["text"]);
        assertion["line"] = serde_json::Value::Null;
    }
    doc
}

#[test]
fn formatting_changes_no_figure_of_any_scenario() {
    for path in scenarios() {
        let text = std::fs::read_to_string(&path).expect("readable");
        // Spread out first, so that the library's own layout is not all that is tried.
        let messy = messy(&text);
        let formatted = layout::format(&messy).expect("formats");
        let file = path.display().to_string();
        assert_eq!(
            meaning(&file, &text),
            meaning(&file, &formatted),
            "{file}: formatting changed a figure"
        );
        assert_eq!(meaning(&file, &text), meaning(&file, &messy), "{file}");
    }
}

/// `text` with its spaces doubled and blank lines added: the same program.
fn messy(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                return "\n\n".to_string();
            }
            let (code, comment) = line.split_at(line.find('#').unwrap_or(line.len()));
            format!("{}   {comment}\n", code.replace(' ', "  "))
        })
        .collect()
}

/// Random files of the language: definitions, outputs, assertions, units, calendars,
/// imports, comments and blank lines, with random spaces and parentheses.
struct Generator {
    rng: Rng,
}

impl Generator {
    fn below(&mut self, n: u64) -> u64 {
        self.rng.next_u64() % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }

    fn space(&mut self) -> &'static str {
        ["", " ", " ", "  ", "\t", "   "][self.below(6) as usize]
    }

    fn spaced(&mut self) -> &'static str {
        [" ", " ", "  ", "\t", "   "][self.below(5) as usize]
    }

    fn number(&mut self) -> String {
        let n = self.pick(&[
            "1", "42", "100M", "1_000", "1bn", ".5", "2.5e3", "10k", "3.", "7", "1e-3", "99",
        ]);
        // One scale at most: `10k million` does not parse.
        if self.below(8) == 0 && n.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            format!("{n}{}million", self.spaced())
        } else {
            n.to_string()
        }
    }

    fn unit(&mut self) -> &'static str {
        self.pick(&[
            "GB", "MB", "s", "day", "KB", "h", "B", "req", "month", "$", "Mbps",
        ])
    }

    fn expr(&mut self, depth: u32) -> String {
        let leaf = depth == 0 || self.below(3) == 0;
        if leaf {
            match self.below(6) {
                0 | 1 => self.number(),
                2 => format!("{}{}{}", self.number(), self.space(), self.unit()),
                3 => format!("{} {}/{}", self.number(), self.unit(), self.unit()),
                4 => format!("${}", self.number()),
                _ => self
                    .pick(&["a", "b", "dau", "size", "x_1", "µs_total"])
                    .to_string(),
            }
        } else {
            match self.below(12) {
                0..=4 => {
                    let op = self.pick(&["+", "-", "*", "/", "per", "^", "**"]);
                    let (lhs, rhs) = (self.expr(depth - 1), self.expr(depth - 1));
                    if op == "per" {
                        format!("{lhs}{}per{}{rhs}", self.spaced(), self.spaced())
                    } else {
                        format!("{lhs}{}{op}{}{rhs}", self.space(), self.space())
                    }
                }
                5 => format!("-{}{}", self.space(), self.expr(depth - 1)),
                6 => format!("+{}{}", self.space(), self.expr(depth - 1)),
                7 => format!("({}{}{})", self.space(), self.expr(depth - 1), self.space()),
                8 => format!("{}{}%", self.expr(depth - 1), self.space()),
                9 => {
                    let f = self.pick(&["min", "max", "ceil", "availability", "sqrt"]);
                    let args: Vec<String> =
                        (0..=self.below(2)).map(|_| self.expr(depth - 1)).collect();
                    format!("{f}({})", args.join(&format!(",{}", self.space())))
                }
                10 => format!(
                    "({}{}to{}{})",
                    self.number(),
                    self.spaced(),
                    self.spaced(),
                    self.number()
                ),
                _ => format!("(({}))", self.expr(depth - 1)),
            }
        }
    }

    fn target(&mut self) -> String {
        let keyword = self.pick(&["->", "->", "in", "to"]);
        let unit = match self.below(5) {
            0 => "%".to_string(),
            1 => format!("/{}{}", self.space(), self.unit()),
            2 => format!(
                "{}{}/{}{}",
                self.unit(),
                self.space(),
                self.space(),
                self.unit()
            ),
            _ => self.unit().to_string(),
        };
        format!("{}{keyword}{}{unit}", self.spaced(), self.spaced())
    }

    fn statement(&mut self, n: usize) -> String {
        match self.below(10) {
            0..=4 => {
                let target = if self.below(3) == 0 {
                    self.target()
                } else {
                    String::new()
                };
                let depth = self.below(4) as u32;
                let value = if self.below(6) == 0 {
                    format!(
                        "{}{}to{}{}",
                        self.expr(1),
                        self.spaced(),
                        self.spaced(),
                        self.number()
                    )
                } else {
                    self.expr(depth)
                };
                format!("v{n}{}={}{value}{target}", self.space(), self.space())
            }
            5 => format!("{}{}", self.expr(2), self.target()),
            6 => {
                let op = self.pick(&["<", "<=", ">", ">=", "=="]);
                format!(
                    "assert{}{}{}{op}{}{}",
                    self.spaced(),
                    self.expr(2),
                    self.space(),
                    self.space(),
                    self.expr(1)
                )
            }
            7 => format!(
                "assert {} ~={}{} within{}{}",
                self.expr(1),
                self.space(),
                self.expr(1),
                self.spaced(),
                self.expr(0)
            ),
            8 => self
                .pick(&[
                    "unit req",
                    "unit  user",
                    "calendar 365",
                    "calendar year = 365.25 days",
                    "calendar\tmonth=30 days",
                ])
                .to_string(),
            _ => format!("import{}\"part {n}.bote\"", self.spaced()),
        }
    }

    fn file(&mut self) -> String {
        let mut out = String::new();
        if self.below(2) == 0 {
            out.push_str("# A title\n# and its description\n\n");
        }
        let newline = if self.below(10) == 0 { "\r\n" } else { "\n" };
        for n in 0..self.below(20) as usize {
            match self.below(10) {
                0 => {}
                1 => out.push_str(&format!("{}# a comment line{}", self.space(), self.space())),
                2 => out.push(';'),
                _ => {
                    out.push_str(self.space());
                    out.push_str(&self.statement(n));
                    if self.below(4) == 0 {
                        out.push_str(&format!("{};{}", self.space(), self.space()));
                        out.push_str(&self.statement(n + 100));
                    }
                    match self.below(4) {
                        0 => out.push_str(&format!("{}# note {n}  ", self.space())),
                        1 => out.push_str(&format!("{};{}# loose", self.space(), self.space())),
                        _ => {}
                    }
                }
            }
            out.push_str(newline);
        }
        out
    }
}

#[test]
fn generated_files_format_idempotently() {
    let mut generator = Generator {
        rng: Rng::new(12, 0),
    };
    let mut parsed = 0;
    for i in 0..600 {
        let text = generator.file();
        if layout::format(&text).is_ok() {
            parsed += 1;
        }
        idempotent(&format!("generated file {i}"), &text);
    }
    assert!(parsed > 400, "only {parsed} of 600 generated files parse");
}

/// Runs the binary in `dir` with `args`; its exit code, stdout and stderr as one text.
fn fmt_in(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = crate::common::bote_in(Some(dir), args, Some(stdin.as_bytes()));
    crate::common::transcript_of(args, &out)
}

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bote-fmt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

const MESSY: &str = "# Photo sharing\n\n\ndau=500M # daily users\nuploads = dau*2%/day\nphoto=2MB;size=uploads*photo->TB/day\n";

#[test]
fn check_shows_a_diff_and_exits_1_and_writes_nothing() {
    let dir = folder("check");
    std::fs::write(dir.join("plan.bote"), MESSY).expect("written");
    insta::assert_snapshot!(fmt_in(&dir, &["fmt", "--check", "plan.bote"], ""));
    let after = std::fs::read_to_string(dir.join("plan.bote")).expect("readable");
    assert_eq!(after, MESSY, "--check wrote the file");
}

#[test]
fn fmt_rewrites_in_place_and_then_check_is_silent() {
    let dir = folder("rewrite");
    std::fs::write(dir.join("plan.bote"), MESSY).expect("written");
    std::fs::write(dir.join("tidy.bote"), "x = 1\n").expect("written");
    insta::assert_snapshot!(fmt_in(&dir, &["fmt", "plan.bote", "tidy.bote"], ""), @r"
    $ bote fmt plan.bote tidy.bote
    exit: 0
    --- stdout
    --- stderr
    ");
    insta::assert_snapshot!(std::fs::read_to_string(dir.join("plan.bote")).expect("readable"), @r"
    # Photo sharing

    dau     = 500M  # daily users
    uploads = dau * 2% / day
    photo   = 2 MB
    size    = uploads * photo -> TB/day
    ");
    insta::assert_snapshot!(fmt_in(&dir, &["fmt", "--check", "plan.bote", "tidy.bote"], ""), @r"
    $ bote fmt --check plan.bote tidy.bote
    exit: 0
    --- stdout
    --- stderr
    ");
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "a temporary file was left: {names:?}");
}

#[test]
fn fmt_dash_filters_standard_input() {
    insta::assert_snapshot!(fmt_in(root(), &["fmt", "-"], "a=1;b=a*2 # twice\r\n"), @r"
    $ bote fmt -
    exit: 0
    --- stdout
    a = 1
    b = a * 2  # twice
    --- stderr
    ");
    insta::assert_snapshot!(fmt_in(root(), &["fmt", "--check", "-"], "x=1\n"), @r"
    $ bote fmt --check -
    exit: 1
    --- stdout
    --- <stdin>
    +++ <stdin> (formatted)
    @@ -1 +1 @@
    -x=1
    +x = 1
    --- stderr
    ");
}

#[test]
fn a_file_that_does_not_parse_exits_2_and_is_left_unchanged() {
    let dir = folder("broken");
    let broken = "x = 1\ny = (x +\n";
    std::fs::write(dir.join("broken.bote"), broken).expect("written");
    std::fs::write(dir.join("fine.bote"), "z=3\n").expect("written");
    insta::assert_snapshot!(fmt_in(
        &dir,
        &["fmt", "broken.bote", "fine.bote", "missing.bote"],
        ""
    ));
    let after = std::fs::read_to_string(dir.join("broken.bote")).expect("readable");
    assert_eq!(after, broken);
    let fine = std::fs::read_to_string(dir.join("fine.bote")).expect("readable");
    assert_eq!(fine, "z = 3\n", "the other files are still formatted");
}

#[test]
fn check_notes_line_ends_it_would_change() {
    insta::assert_snapshot!(fmt_in(root(), &["fmt", "--check", "-"], "x = 1\r\ny = 2\r\n"), @r"
    $ bote fmt --check -
    exit: 1
    --- stdout
    --- <stdin>
    +++ <stdin> (formatted)
    # line ends become \n (the file has \r)
    --- stderr
    ");
}

#[test]
fn help_teaches_the_layout() {
    insta::assert_snapshot!(crate::common::transcript(&["help", "fmt"], None));
}
