//! Practice drills: questions drawn from scenarios (a derived value, given the definitions it
//! rests on) and from the reference numbers, and the grading of an answer written in the
//! language (`500K/s`, `0.5M qps`). A drill is deterministic for a seed: the questions are a
//! seeded shuffle of every question the sources can ask.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::SourceMap;
use crate::format::{self, Frame, Style};
use crate::ir::Item;
use crate::quantity::reference::REFERENCES;
use crate::quantity::{Conventions, Dimension, Kind, ValueKind};
use crate::report::ValueReport;
use crate::sample::Rng;
use crate::session::{Error, Session};
use crate::value::{Number, Value};

/// The scenario library, built into the binary: `bote drill` with no file draws from it.
pub static LIBRARY: &[(&str, &str)] = &[
    ("api_tier", include_str!("../scenarios/api_tier.bote")),
    ("chat", include_str!("../scenarios/chat.bote")),
    (
        "ecommerce_orders",
        include_str!("../scenarios/ecommerce_orders.bote"),
    ),
    (
        "file_storage_sync",
        include_str!("../scenarios/file_storage_sync.bote"),
    ),
    (
        "job_scheduler",
        include_str!("../scenarios/job_scheduler.bote"),
    ),
    (
        "metrics_pipeline",
        include_str!("../scenarios/metrics_pipeline.bote"),
    ),
    ("news_feed", include_str!("../scenarios/news_feed.bote")),
    (
        "notification_system",
        include_str!("../scenarios/notification_system.bote"),
    ),
    (
        "photo_sharing",
        include_str!("../scenarios/photo_sharing.bote"),
    ),
    (
        "photo_sharing_ranges",
        include_str!("../scenarios/photo_sharing_ranges.bote"),
    ),
    (
        "rate_limiter",
        include_str!("../scenarios/rate_limiter.bote"),
    ),
    (
        "ride_sharing",
        include_str!("../scenarios/ride_sharing.bote"),
    ),
    (
        "search_autocomplete",
        include_str!("../scenarios/search_autocomplete.bote"),
    ),
    (
        "url_shortener",
        include_str!("../scenarios/url_shortener.bote"),
    ),
    (
        "video_streaming",
        include_str!("../scenarios/video_streaming.bote"),
    ),
    ("web_crawler", include_str!("../scenarios/web_crawler.bote")),
];

/// One question: a value to estimate, and what the person is given.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The scenario it comes from; `None` for a reference number.
    pub scenario: Option<String>,
    /// The value's name (a definition or a reference number).
    pub name: String,
    /// What is asked: the name, with the value's description when it has one.
    pub ask: String,
    /// The definitions the value rests on, as written: `views = dau * 30 / day  # …`.
    pub givens: Vec<String>,
    /// The answer, in base units, its dimension, and as the tables show it.
    pub value: Number,
    pub dim: Dimension,
    pub shown: String,
    /// How the value is computed, as written; `None` for a reference number.
    pub formula: Option<String>,
    /// The answer worked out: its steps with the numbers substituted, then its rough path
    /// (see [`crate::render::derivation`]); `None` for a reference number.
    pub worked: Option<String>,
    /// A reference number's source.
    pub source: Option<String>,
}

/// How close an answer came.
#[derive(Clone, Debug, PartialEq)]
pub enum Grade {
    /// Within 10%.
    SpotOn { ratio: Number },
    /// Within a factor of 2.
    Good { ratio: Number },
    /// Further out: `ratio` is the answer over the value.
    Off { ratio: Number },
    /// A quantity of another kind: a size where a rate is asked.
    WrongDimension { given: String, asked: String },
}

impl Grade {
    /// Whether the answer would do in an interview: within a factor of 2.
    pub fn passes(&self) -> bool {
        matches!(self, Grade::SpotOn { .. } | Grade::Good { .. })
    }

    /// A short label: `spot on`, `good for an interview`, `off`, `wrong kind of quantity`.
    pub fn label(&self) -> &'static str {
        match self {
            Grade::SpotOn { .. } => "spot on",
            Grade::Good { .. } => "good for an interview",
            Grade::Off { .. } => "off",
            Grade::WrongDimension { .. } => "wrong kind of quantity",
        }
    }

    /// How far the answer is from the value, in words: `4% low`, `12 times too high`.
    pub fn distance(&self) -> Option<String> {
        let ratio = match self {
            Grade::SpotOn { ratio } | Grade::Good { ratio } | Grade::Off { ratio } => *ratio,
            Grade::WrongDimension { .. } => return None,
        };
        Some(if ratio <= 0.0 {
            "of the wrong sign".to_string()
        } else if (0.5..=2.0).contains(&ratio) {
            let percent = ((ratio - 1.0) * 100.0).abs().round();
            match ratio {
                r if percent == 0.0 || r == 1.0 => "exact".to_string(),
                r if r < 1.0 => format!("{percent}% low"),
                _ => format!("{percent}% high"),
            }
        } else {
            let (factor, way) = if ratio > 1.0 {
                (ratio, "high")
            } else {
                (1.0 / ratio, "low")
            };
            format!("{} times too {way}", factor_text(factor))
        })
    }
}

/// A factor above 2 as a person says it: `2.6`, `52`, `9,524`.
fn factor_text(factor: Number) -> String {
    if factor < 10.0 {
        format::number_text_fixed(factor, 1)
    } else if factor < 1e6 {
        format::group_thousands(factor.round() as usize)
    } else {
        // Beyond a million the digits say nothing: `2.5e13`.
        format!("{factor:.1e}").replace(".0e", "e")
    }
}

/// Grades `answer` (in base units, of dimension `dim`) against the question's value.
pub fn grade(question: &Question, answer: Number, dim: Dimension) -> Grade {
    if dim != question.dim {
        return Grade::WrongDimension {
            given: kind_words(dim),
            asked: kind_words(question.dim),
        };
    }
    let ratio = if question.value == 0.0 {
        if answer == 0.0 { 1.0 } else { Number::INFINITY }
    } else {
        answer / question.value
    };
    if (0.9..=1.1).contains(&ratio) {
        Grade::SpotOn { ratio }
    } else if (0.5..=2.0).contains(&ratio) {
        Grade::Good { ratio }
    } else {
        Grade::Off { ratio }
    }
}

/// What kind of quantity a dimension is, as a person says it: "a rate", "a size".
pub fn kind_words(dim: Dimension) -> String {
    match Kind::of(dim, ValueKind::Plain) {
        Kind::Traffic => "a rate".into(),
        Kind::Storage => "a size".into(),
        Kind::Bandwidth => "a data rate".into(),
        Kind::Duration => "a duration".into(),
        Kind::Cost => "an amount of money".into(),
        Kind::Count | Kind::Percent => "a plain number".into(),
        Kind::Availability | Kind::Other => format!("a quantity in {}", dim.describe(&[])),
    }
}

/// Every question a scenario can ask: each derived value that is one number of a kind a
/// person estimates (a rate, a size, a data rate, a duration, money, a count), given the
/// definitions it rests on. On an error, the diagnostic's sources come back with it.
pub fn scenario_questions(
    name: &str,
    text: &str,
    style: &Style,
) -> Result<Vec<Question>, (Error, SourceMap)> {
    let mut session = Session::new(Conventions::default());
    let result = questions_in(&mut session, name, text, style);
    result.map_err(|e| (e, session.take_sources()))
}

fn questions_in(
    session: &mut Session,
    name: &str,
    text: &str,
    style: &Style,
) -> Result<Vec<Question>, Error> {
    session.add(name, text)?;
    let checked = session.check()?;
    // What each definition uses directly, by name, to find everything a value rests on, and
    // its dimension.
    let uses: Vec<(String, Vec<usize>, Dimension)> = checked
        .definitions
        .iter()
        .map(|d| (d.name.clone(), d.deps.clone(), d.expr.dim))
        .collect();
    let work = crate::report::Work {
        steps: true,
        rough: true,
    };
    let report = crate::report_with(session, style, work)?;
    // By name: the definitions' reports, and their indices among the checked definitions.
    let reports: HashMap<&str, &ValueReport> = report
        .values
        .iter()
        .filter_map(|v| Some((v.name.as_deref()?, v)))
        .collect();
    let indices: HashMap<&str, usize> = uses
        .iter()
        .enumerate()
        .map(|(i, (n, ..))| (n.as_str(), i))
        .collect();
    let mut questions = Vec::new();
    for v in &report.values {
        let Some(value_name) = v.name.as_deref() else {
            continue;
        };
        let asked = matches!(
            v.kind,
            Kind::Traffic
                | Kind::Storage
                | Kind::Bandwidth
                | Kind::Duration
                | Kind::Cost
                | Kind::Count
        );
        if v.input || !asked || v.distribution.is_some() || v.value.is_uncertain() {
            continue;
        }
        let Some(&index) = indices.get(value_name) else {
            continue;
        };
        // Everything the value rests on, in program order (the order of the definitions).
        let mut needed = BTreeSet::new();
        let mut stack = uses[index].1.clone();
        while let Some(i) = stack.pop() {
            if i < uses.len() && needed.insert(i) {
                stack.extend(&uses[i].1);
            }
        }
        let givens = needed
            .iter()
            .filter_map(|&i| reports.get(uses[i].0.as_str()))
            .map(|v| given(v))
            .collect();
        questions.push(Question {
            scenario: Some(name.to_string()),
            name: value_name.to_string(),
            ask: match &v.description {
                Some(d) => format!("{value_name} ({d})"),
                None => value_name.to_string(),
            },
            givens,
            value: v.value.point(),
            dim: uses[index].2,
            shown: v.shown.text.clone(),
            formula: Some(v.expr.clone()),
            worked: Some(crate::render::derivation(v)),
            source: None,
        });
    }
    Ok(questions)
}

/// A definition as the question shows it: `name = formula  # description`.
fn given(v: &ValueReport) -> String {
    let name = v.name.as_deref().unwrap_or_default();
    match &v.description {
        Some(d) => format!("{name} = {}  # {d}", v.expr),
        None => format!("{name} = {}", v.expr),
    }
}

/// A question for each reference number of `bote numbers`: "SSD random read?".
pub fn number_questions(style: &Style) -> Vec<Question> {
    let conventions = Conventions::default();
    let frame = Frame {
        conventions: &conventions,
        count_units: &[],
    };
    REFERENCES
        .iter()
        .filter_map(|r| Some((r, asked_about(r.about, r.dim)?)))
        .map(|(r, ask)| Question {
            scenario: None,
            name: r.name.to_string(),
            ask,
            givens: Vec::new(),
            value: r.value,
            dim: r.dim,
            shown: format::show_value(
                &Value::scalar(r.value),
                r.dim,
                ValueKind::Plain,
                None,
                &frame,
                style,
            )
            .text,
            formula: None,
            worked: None,
            source: Some(format!("{} ({})", r.source, r.year)),
        })
        .collect()
}

/// What a reference number's description asks once the figure it gives away is cut:
/// `sequential read from memory, 4 GB/s (1 MB / 250 µs)` asks `sequential read from memory`,
/// `one Redis node, GET/SET, no pipelining: ~100K ops/s` asks up to its colon. Conversion
/// constants (`2^10, about a thousand`, `1 billion per month = 400 per second`, a month
/// rounded) are definitions to learn, not figures to estimate: `None`.
fn asked_about(about: &str, dim: Dimension) -> Option<String> {
    if dim.is_none() || about.contains(" = ") || about.contains("rounded") {
        return None;
    }
    // `, 4 GB/s` and `, ~100K` give the figure away; `, 2020 model` and `, 16-command
    // pipelining` say which figure is asked.
    let gives_away = |rest: &str| {
        let mut words = rest.split(' ');
        let first = words.next().unwrap_or_default();
        let number = !first.is_empty()
            && first.starts_with(|c: char| c.is_ascii_digit())
            && first
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        rest.starts_with('~') || (number && words.next() != Some("model"))
    };
    let cut = about
        .char_indices()
        .find(|&(i, c)| match c {
            ':' => true,
            '(' => true,
            ',' => gives_away(about[i + 1..].trim_start()),
            _ => false,
        })
        .map_or(about.len(), |(i, _)| i);
    Some(about[..cut].trim_end().to_string())
}

/// `count` questions of `pool` in an order fixed by `seed` (a shuffle of the whole pool, so
/// no question comes twice until all have come).
pub fn pick(mut pool: Vec<Question>, count: usize, seed: u64) -> Vec<Question> {
    let mut rng = Rng::new(seed, 0);
    for i in (1..pool.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool
}

/// An answer evaluated: its value in base units and its dimension. On an error, the
/// diagnostic's sources come back with it.
pub fn evaluate_answer(text: &str) -> Result<(Number, Dimension), (Error, SourceMap)> {
    let mut session = Session::new(Conventions::default());
    let result = answer_in(&mut session, text);
    result.map_err(|e| (e, session.take_sources()))
}

fn answer_in(session: &mut Session, text: &str) -> Result<(Number, Dimension), Error> {
    session.add("<answer>", text)?;
    let report = crate::report(session, &Style::default())?;
    let checked = session.check()?;
    let dims: Vec<Dimension> = checked
        .items
        .iter()
        .filter_map(|item| match *item {
            Item::Define(i) => checked.definitions.get(i as usize).map(|d| d.expr.dim),
            Item::Eval(i) => checked.expressions.get(i as usize).map(|e| e.expr.dim),
            Item::Assert(_) => None,
        })
        .collect();
    match (&report.values[..], &dims[..]) {
        ([v], [dim]) if !v.value.is_uncertain() => Ok((v.value.point(), *dim)),
        _ => Err(Error::Input(
            crate::Diagnostic::new("an answer is one number, with its units")
                .help("e.g. `500K/s`, `0.5M qps`, `2 TB`, `3 ms`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(value: Number, dim: Dimension) -> Question {
        Question {
            scenario: None,
            name: "x".into(),
            ask: "x".into(),
            givens: Vec::new(),
            value,
            dim,
            shown: String::new(),
            formula: None,
            worked: None,
            source: None,
        }
    }

    #[test]
    fn answers_are_graded_by_how_far_they_are() {
        let q = question(521_000.0, Dimension::PER_TIME);
        let graded = |text: &str| {
            let (v, dim) = evaluate_answer(text).unwrap_or_else(|_| panic!("{text}"));
            let g = grade(&q, v, dim);
            format!("{}, {}", g.label(), g.distance().unwrap_or_default())
        };
        assert_eq!(graded("500K/s"), "spot on, 4% low");
        assert_eq!(graded("0.5M qps"), "spot on, 4% low");
        assert_eq!(graded("1M /s"), "good for an interview, 92% high");
        assert_eq!(graded("300K /s"), "good for an interview, 42% low");
        assert_eq!(graded("5M QPS"), "off, 9.6 times too high");
        assert_eq!(graded("10K/s"), "off, 52 times too low");
        assert_eq!(graded("5bn/s"), "off, 9,597 times too high");
        assert_eq!(graded("1e20/s"), "off, 1.9e14 times too high");
        let (v, dim) = evaluate_answer("2 TB").unwrap_or_else(|_| panic!("2 TB"));
        assert_eq!(
            grade(&q, v, dim),
            Grade::WrongDimension {
                given: "a size".into(),
                asked: "a rate".into()
            }
        );
    }

    #[test]
    fn an_answer_is_one_certain_number() {
        assert!(evaluate_answer("1 +").is_err());
        assert!(evaluate_answer("1; 2").is_err());
        assert!(evaluate_answer("1 to 2").is_err());
        assert!(evaluate_answer("").is_err());
        assert_eq!(
            evaluate_answer("x = 2 KB").ok(),
            Some((2000.0, Dimension::INFORMATION))
        );
    }

    #[test]
    fn the_library_is_every_scenario_in_the_repository() {
        let mut files: Vec<String> = std::fs::read_dir("scenarios")
            .map(|dir| {
                dir.filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter_map(|n| n.strip_suffix(".bote").map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let library: Vec<&str> = LIBRARY.iter().map(|(name, _)| *name).collect();
        assert_eq!(library, files);
    }

    #[test]
    fn a_reference_question_does_not_give_its_figure_away() {
        let asks: Vec<String> = number_questions(&Style::default())
            .into_iter()
            .map(|q| q.ask)
            .collect();
        for ask in [
            "read 1 MB sequentially from an SSD",
            "sequential read from memory",
            "one Redis node, GET/SET, no pipelining",
            "read 1 MB sequentially from memory, 2020 model",
            "a 1 Gbps Ethernet link",
        ] {
            assert!(asks.iter().any(|a| a == ask), "{ask} not in {asks:?}");
        }
        assert!(
            asks.iter()
                .all(|a| !a.contains("2^") && !a.contains("month") && !a.contains('~')),
            "{asks:?}"
        );
    }

    #[test]
    fn a_seed_fixes_the_questions_and_their_order() {
        let style = Style::default();
        let pool = || number_questions(&style);
        let names = |qs: Vec<Question>| qs.into_iter().map(|q| q.name).collect::<Vec<_>>();
        assert_eq!(names(pick(pool(), 5, 1)), names(pick(pool(), 5, 1)));
        assert_ne!(names(pick(pool(), 5, 1)), names(pick(pool(), 5, 2)));
        assert_eq!(pick(pool(), 1000, 1).len(), pool().len());
    }

    #[test]
    fn a_scenario_asks_for_its_derived_values_given_what_they_rest_on() {
        let (name, text) = LIBRARY
            .iter()
            .find(|(n, _)| *n == "photo_sharing")
            .copied()
            .unwrap_or(("", ""));
        let qs = scenario_questions(name, text, &Style::default()).unwrap_or_default();
        let peak = qs.iter().find(|q| q.name == "peak_view_qps");
        let peak = peak.unwrap_or_else(|| panic!("no peak_view_qps in {qs:?}"));
        assert_eq!(peak.shown, "521K /s");
        assert_eq!(peak.dim, Dimension::PER_TIME);
        assert_eq!(
            peak.givens,
            [
                "dau = 500M  # daily active users",
                "views = dau * 30 / day  # photos viewed per user per day",
                "peak_factor = 3  # peak hour vs average",
            ]
        );
        // Inputs, availabilities and percentages are not asked.
        assert!(
            qs.iter()
                .all(|q| !["dau", "sla", "photo"].contains(&q.name.as_str()))
        );
        // Every scenario of the library asks something, but the one made of ranges: a
        // question is one certain number.
        for (name, text) in LIBRARY {
            let qs = scenario_questions(name, text, &Style::default());
            let asks = qs.is_ok_and(|qs| !qs.is_empty());
            assert_eq!(asks, *name != "photo_sharing_ranges", "{name}");
        }
    }
}
