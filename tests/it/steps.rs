//! Worked steps (`--explain`) are real intermediate values: for every value of every
//! scenario, each line of its derivation is read back with the bote language and must equal
//! the value within the precision its numbers are shown with. The first line, the formula as
//! written, is evaluated among the scenario's definitions; the others stand alone. The rough
//! steps (`--explain --rough`) must equal the rough value, read in the rough calendar.
//!
//! A line is read as written, except for what is there only for the eye: `×` is `*`, `−` is
//! `-`, and a comma between digits groups thousands. Its tolerance is what the rounding of its
//! numbers can move it: each number is moved by half a unit of its last shown digit (or of
//! its last significant one at the shown precision, when that is less: `3` stands for 3.00),
//! one at a time, and the moves of the result are added up.

use bote::report::Work;
use bote::{Conventions, Session, Style};

/// A line as the language reads it.
pub fn normalised(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '×' => out.push('*'),
            '−' => out.push('-'),
            ',' if i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) => {}
            c => out.push(c),
        }
    }
    out
}

/// The value of `expr` (normalised), in base units, after the declarations in `prelude`.
pub fn value_of(prelude: &str, expr: &str, conventions: Conventions) -> Result<f64, String> {
    let mut session = Session::new(conventions);
    let text = format!("{prelude}\n{expr}");
    session
        .add("<step>", &text)
        .and_then(|()| bote::report(&mut session, &Style::default()))
        .map_err(|e| {
            e.to_diagnostic(session.sources())
                .render(session.sources(), false)
        })
        .and_then(|report| {
            report
                .values
                .last()
                .map(|v| v.point())
                .ok_or_else(|| format!("`{expr}` has no value"))
        })
}

/// A number literal of a line: where it is, its value, and how far rounding may have moved
/// it.
struct Literal {
    start: usize,
    end: usize,
    value: f64,
    slack: f64,
}

/// The number literals of a normalised line shown at `precision` significant digits. A
/// power of numbers (`10^5`) is exact and not among them; neither is a digit in a name
/// (`log2`).
fn literals(line: &str, precision: i32) -> Vec<Literal> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        let after_name = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let exponent = i > 0 && bytes[i - 1] == b'^';
        if !starts || after_name {
            i += 1;
            continue;
        }
        let start = i;
        let mut mantissa = String::new();
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b'_')
        {
            if bytes[i] != b'_' {
                mantissa.push(bytes[i] as char);
            }
            i += 1;
        }
        // The unit of the last digit written, or, in a whole number, of the last one that is
        // not 0 (`330` at two digits was rounded at its tens).
        let decimals = match mantissa.split_once('.') {
            Some((_, d)) => d.len() as i32,
            None => -((mantissa.len() - mantissa.trim_end_matches('0').len()) as i32),
        };
        let mut power = 0i32;
        if i + 1 < bytes.len() && matches!(bytes[i], b'e' | b'E') {
            let mut j = i + 1;
            if matches!(bytes[j], b'-' | b'+') {
                j += 1;
            }
            let digits_start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if j > digits_start {
                power = line[i + 1..j].parse().unwrap_or(0);
                i = j;
            }
        }
        let rest = &line[i..];
        let word_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let scale = match &rest[..word_end] {
            "k" | "K" => 1e3,
            "M" => 1e6,
            "bn" => 1e9,
            "T" => 1e12,
            _ => 1.0,
        };
        if scale != 1.0 {
            i += word_end;
        }
        if exponent || line[i..].starts_with('^') {
            continue;
        }
        let value = mantissa.parse::<f64>().unwrap_or(0.0) * 10f64.powi(power) * scale;
        let last_digit = 10f64.powi(power - decimals) * scale;
        let significant = if value == 0.0 {
            last_digit
        } else {
            10f64.powi(value.abs().log10().floor() as i32 - precision + 1)
        };
        out.push(Literal {
            start,
            end: i,
            value,
            slack: 0.5 * last_digit.min(significant),
        });
    }
    out
}

/// Whether `line` re-evaluates to `claimed` (base units) within what the rounding of its
/// numbers, shown at `precision` digits, can move it; the error says by how much it misses.
pub fn check_step(
    prelude: &str,
    line: &str,
    claimed: f64,
    precision: i32,
    conventions: Conventions,
) -> Result<(), String> {
    let text = normalised(line);
    let got = value_of(prelude, &text, conventions)?;
    let mut tolerance = 1e-9 * claimed.abs();
    for literal in literals(&text, precision) {
        let moved = |by: f64| {
            let replaced = format!(
                "{}{}{}",
                &text[..literal.start],
                literal.value + by,
                &text[literal.end..]
            );
            value_of(prelude, &replaced, conventions).map_or(0.0, |v| (v - got).abs())
        };
        tolerance += moved(literal.slack).max(moved(-literal.slack));
    }
    if (got - claimed).abs() <= tolerance {
        Ok(())
    } else {
        Err(format!(
            "`{line}` is {got}, not {claimed} (tolerance {tolerance})"
        ))
    }
}

/// The `unit` and `calendar` lines of a scenario: what its steps' units mean.
pub fn declarations(text: &str) -> String {
    text.lines()
        .filter(|l| l.starts_with("unit ") || l.starts_with("calendar "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_step_of_every_scenario_re_evaluates_to_its_value() {
    let root = env!("CARGO_MANIFEST_DIR");
    let (mut checked, mut rough_checked) = (0, 0);
    let scenarios =
        crate::common::files_under(std::path::Path::new(&format!("{root}/scenarios")), "bote");
    // The language's features, in one file: count units, a calendar, availabilities.
    let features = std::path::PathBuf::from(format!("{root}/tests/fixtures/features.bote"));
    for path in scenarios.into_iter().chain([features]) {
        let text = std::fs::read_to_string(&path).expect("readable scenario");
        let prelude = declarations(&text);
        let mut session = Session::new(Conventions::default());
        session.add("<scenario>", &text).expect("parses");
        let work = Work {
            steps: true,
            rough: true,
        };
        let report = bote::report_with(&mut session, &Style::default(), work).expect("runs");
        let name = path.display();
        for v in &report.values {
            let steps = v.steps().expect("steps were asked for");
            let claimed = v.point();
            let (formula, rest) = steps.split_first().expect("a formula");
            // The formula is the definition itself; a range's samples depend on its name.
            if v.distribution.is_none() {
                let got = value_of(
                    &text,
                    &format!("__formula = {}", normalised(formula)),
                    Conventions::default(),
                )
                .unwrap_or_else(|e| panic!("{name}: {formula}: {e}"));
                assert!(
                    (got - claimed).abs() <= 1e-9 * claimed.abs(),
                    "{name}: the formula `{formula}` is {got}, not {claimed}"
                );
            }
            for line in rest {
                // A range's result line is its median, then its range in parentheses.
                let line = match v.distribution {
                    Some(_) => line
                        .rsplit_once(" (")
                        .map_or(line.as_str(), |(median, _)| median),
                    None => line,
                };
                check_step(&prelude, line, claimed, 3, Conventions::default()).unwrap_or_else(
                    |e| panic!("{name}: {}: {e}", v.name.as_deref().unwrap_or(&v.expr)),
                );
                checked += 1;
            }
            // The rough steps are worked out in the rough calendar, at two digits.
            let rough = v.rough();
            for line in rough.and_then(|r| r.steps.as_deref()).unwrap_or_default() {
                let claimed = rough.map_or(0.0, |r| r.base_value);
                check_step(&prelude, line, claimed, 2, Conventions::rough()).unwrap_or_else(|e| {
                    panic!(
                        "{name}: {} (rough): {e}",
                        v.name.as_deref().unwrap_or(&v.expr)
                    )
                });
                rough_checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} steps checked");
    assert!(
        rough_checked > 50,
        "only {rough_checked} rough steps checked"
    );
}

#[test]
fn a_wrong_step_fails() {
    let none = "";
    let c = Conventions::default();
    // 521K /s is 174K /s × 3 within the digits shown, and not × 2.9 or per minute.
    assert!(check_step(none, "174K /s × 3", 521_000.0, 3, c).is_ok());
    assert!(check_step(none, "174K /s × 2.9", 521_000.0, 3, c).is_err());
    assert!(check_step(none, "174K /min × 3", 521_000.0, 3, c).is_err());
    // A day is 86,400 s, not 8,640.
    assert!(check_step(none, "1bn / 86,400 s", 11_574.07, 3, c).is_ok());
    assert!(check_step(none, "1bn / 8,640 s", 11_574.07, 3, c).is_err());
    // `3` was shown at three digits: it stands for 3.00, not for anything from 2.5 to 3.5.
    assert!(check_step(none, "100 × 3", 303.0, 3, c).is_err());
}

#[test]
fn literals_know_their_precision() {
    let found = literals("174K /s * 3 + 86400 s + 10^5 s + 1.5e-3 + log2(8)", 3);
    let expected = [
        (174_000.0, 500.0),
        (3.0, 0.005),
        (86_400.0, 50.0),
        (0.0015, 0.000_005),
        (8.0, 0.005),
    ];
    assert_eq!(found.len(), expected.len());
    for (l, (value, slack)) in found.iter().zip(expected) {
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
        assert!(
            near(l.value, value) && near(l.slack, slack),
            "{} ±{}",
            l.value,
            l.slack
        );
    }
}
