//! `bote drill [FILE…]`: practice questions, answered one a line on standard input (typed on a
//! terminal, or piped), graded as they come, with the score at the end; or, with
//! `--format json`, one document of every question, answer, grade and time.

use std::io::{self, BufRead as _, IsTerminal as _};
use std::time::{Instant, SystemTime};

use bote::Number;
use bote::diagnostic::SourceMap;
use bote::drill::{self, Grade, Question};
use bote::format;
use bote::render::json;
use serde::Serialize;

use super::read_scenario;
use crate::cli::config::{DrillConfig, DrillFormat};
use crate::cli::output::{Exit, Output};

/// One question as asked and answered.
#[derive(Serialize)]
struct Asked<'q> {
    scenario: Option<&'q str>,
    name: &'q str,
    question: &'q str,
    givens: &'q [String],
    /// The value, as the tables show it and in base units.
    display: &'q str,
    value: Number,
    /// What was typed; `None` when the answers ran out or the line was empty.
    answer: Option<String>,
    /// The answer in base units, when it is a number bote reads.
    answer_value: Option<Number>,
    /// `spot on`, `good for an interview`, `off`, `wrong kind of quantity`, `not an answer`,
    /// `skipped`.
    grade: &'static str,
    /// How far the answer is: `4% low`, `12× too high`.
    distance: Option<String>,
    /// Seconds from the question to the answer, to a tenth.
    seconds: f64,
    /// The grade itself, for the score; `None` when there was no answer to grade.
    #[serde(skip)]
    graded: Option<Grade>,
}

#[derive(Serialize)]
struct Drill<'q> {
    seed: u64,
    questions: Vec<Asked<'q>>,
    /// Answers within a factor of 2, and of those within 10%.
    passed: usize,
    spot_on: usize,
}

pub fn run(config: DrillConfig, out: &mut Output) -> io::Result<Exit> {
    let as_json = config.format == DrillFormat::Json;
    let pool = match questions(&config) {
        Ok(pool) => pool,
        Err((d, sources)) => return out.input_error(&d, &sources, as_json),
    };
    if pool.is_empty() {
        let d = bote::Diagnostic::new("these scenarios ask nothing").help(
            "a question is a derived value of one number (a rate, a size, a duration…): \
             an input or a range is not asked",
        );
        return out.input_error(&d, &SourceMap::default(), as_json);
    }
    let seed = config.seed.unwrap_or_else(clock_seed);
    let picked = drill::pick(pool, config.count, seed);
    // On a terminal the person types and sees their answer; a piped answer is echoed, so
    // that the transcript reads as a conversation.
    let typed = io::stdin().is_terminal() && !as_json;
    if !as_json {
        out.write_line(&format!(
            "{} question{}, seed {seed} (`--seed {seed}` asks them again). Answer with \
             units, e.g. 500K/s; an empty line skips.",
            picked.len(),
            if picked.len() == 1 { "" } else { "s" }
        ))?;
    }
    let mut lines = io::stdin().lock().lines();
    let mut asked = Vec::new();
    for (i, q) in picked.iter().enumerate() {
        if !as_json {
            ask(out, q, i + 1, picked.len())?;
            if typed {
                out.write("> ")?;
            }
            out.flush()?;
        }
        let start = Instant::now();
        let Some(line) = lines.next().transpose()? else {
            break;
        };
        let seconds = (start.elapsed().as_secs_f64() * 10.0).round() / 10.0;
        let answer = line.trim().to_string();
        if !as_json && !typed {
            out.write_line(format!("> {answer}").trim_end())?;
        }
        let (a, error) = answered(q, answer, seconds);
        if !as_json {
            tell(out, q, &a, typed)?;
            // Drawn on standard error with carets under the answer, as any input error.
            if let Some((d, sources)) = error {
                out.diagnostic(&d, &sources)?;
            }
        }
        asked.push(a);
    }
    let passed = asked
        .iter()
        .filter(|a| a.graded.as_ref().is_some_and(Grade::passes))
        .count();
    let spot_on = asked
        .iter()
        .filter(|a| matches!(a.graded, Some(Grade::SpotOn { .. })))
        .count();
    if as_json {
        let doc = Drill {
            seed,
            questions: asked,
            passed,
            spot_on,
        };
        out.write_line(&json::to_string(&doc))?;
    } else {
        out.write_line(&format!(
            "\nScore: {passed} of {} within a factor of 2 ({spot_on} spot on).",
            asked.len()
        ))?;
    }
    Ok(Exit::Ok)
}

/// Every question the sources can ask.
fn questions(config: &DrillConfig) -> Result<Vec<Question>, (bote::Diagnostic, SourceMap)> {
    let style = &config.style;
    if config.numbers_only {
        return Ok(drill::number_questions(style));
    }
    let mut pool = Vec::new();
    if config.files.is_empty() {
        for (name, text) in drill::LIBRARY {
            pool.extend(drill::scenario_questions(name, text, style).map_err(built_in)?);
        }
        pool.extend(drill::number_questions(style));
    }
    for path in &config.files {
        let (name, text) = read_scenario(path).map_err(|d| (d, SourceMap::default()))?;
        match drill::scenario_questions(&name, &text, style) {
            Ok(qs) => pool.extend(qs),
            Err((e, sources)) => return Err((e.to_diagnostic(&sources), sources)),
        }
    }
    Ok(pool)
}

/// A scenario built into bote that fails is a defect of bote, not of the input: said so.
fn built_in((e, sources): (bote::Error, SourceMap)) -> (bote::Diagnostic, SourceMap) {
    let mut d = e.to_diagnostic(&sources);
    d.message = format!("internal error: a built-in scenario fails: {}", d.message);
    (d, sources)
}

/// A seed from the clock, for a drill without `--seed`.
fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() ^ u64::from(d.subsec_nanos()))
        % 1_000_000
}

fn ask(out: &mut Output, q: &Question, number: usize, of: usize) -> io::Result<()> {
    let from = q.scenario.as_deref().unwrap_or("reference numbers");
    out.write_line(&format!("\nQuestion {number} of {of} ({from})"))?;
    for given in &q.givens {
        out.write_line(&format!("  {given}"))?;
    }
    out.write_line(&format!("{}?", q.ask))
}

/// An answer graded, and the error that makes it no answer.
fn answered<'q>(
    q: &'q Question,
    answer: String,
    seconds: f64,
) -> (Asked<'q>, Option<(bote::Diagnostic, SourceMap)>) {
    let mut asked = Asked {
        scenario: q.scenario.as_deref(),
        name: &q.name,
        question: &q.ask,
        givens: &q.givens,
        display: &q.shown,
        value: q.value,
        answer: None,
        answer_value: None,
        grade: "skipped",
        distance: None,
        seconds,
        graded: None,
    };
    if answer.is_empty() {
        return (asked, None);
    }
    let mut error = None;
    match drill::evaluate_answer(&answer) {
        Ok((value, dim)) => {
            let grade = drill::grade(q, value, dim);
            asked.grade = grade.label();
            asked.distance = match &grade {
                Grade::WrongDimension { given, asked } => {
                    Some(format!("that is {given}, the question asks for {asked}"))
                }
                _ => grade.distance().map(|d| format!("you said {answer}, {d}")),
            };
            asked.answer_value = Some(value);
            asked.graded = Some(grade);
        }
        Err((e, sources)) => {
            let d = e.to_diagnostic(&sources);
            asked.grade = "not an answer";
            asked.distance = Some(d.message.clone());
            error = Some((d, sources));
        }
    }
    asked.answer = Some(answer);
    (asked, error)
}

/// The grade, the value and how it is computed.
fn tell(out: &mut Output, q: &Question, a: &Asked, typed: bool) -> io::Result<()> {
    let grade = a.grade;
    let mut line = match (&a.graded, &a.distance) {
        // How far a number is, beside the value.
        (Some(g), Some(d)) if !matches!(g, Grade::WrongDimension { .. }) => {
            format!("{grade}: {} ({d})", q.shown)
        }
        // Why it is no number to compare: another kind of quantity, or not an answer.
        (_, Some(why)) => format!("{grade}: {why}; the value is {}", q.shown),
        (_, None) => format!("{grade}: the value is {}", q.shown),
    };
    if typed {
        line.push_str(&format!(" [{} s]", format::number_text_fixed(a.seconds, 1)));
    }
    out.write_line(&line)?;
    if let Some(worked) = &q.worked {
        for line in worked.lines() {
            out.write_line(&format!("  {line}"))?;
        }
    }
    if let Some(source) = &q.source {
        out.write_line(&format!("  source: {source}"))?;
    }
    Ok(())
}
