//! The reliability and reference commands: `bote sla`, `bote slo`, `bote numbers`. They read
//! their arguments as expressions of the language, compute with `bote::reliability`, and print
//! a sheet (table or Markdown) or JSON.

use bote::check::{Item, ValueKind};
use bote::conventions::{Conventions, DAY_S, HOUR_S};
use bote::diagnostic::{Diagnostic, SourceMap};
use bote::dimension::Dimension;
use bote::eval::{Number, Outcome};
use bote::format::{self, Shown, Style};
use bote::reference::REFERENCES;
use bote::reliability;
use bote::render::{self, Section, Sheet};
use bote::report::Downtime;
use bote::span::Span;
use bote::{Input, json};

use crate::app::{EXIT_OK, print_input_error, table_width};
use crate::cli::{NumbersArgs, ReliabilityArgs, SlaArgs, SloArgs, TableFormat};

/// One expression statement's value.
struct Value {
    span: Span,
    number: Number,
    dim: Dimension,
}

/// Evaluates named sources as one program and returns the values of its expression
/// statements, with the conventions in force (a `calendar` statement may change them).
fn evaluate(
    texts: &[(String, String)],
    calendar: &str,
    sources: &mut SourceMap,
) -> Result<(Vec<Value>, Conventions), Diagnostic> {
    let inputs: Vec<Input> = texts
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let conventions = Conventions::named(calendar).unwrap_or_default();
    let run = bote::run(&inputs, &[], conventions, sources)?;
    let values = run
        .checked
        .items
        .iter()
        .zip(&run.evaluated.outcomes)
        .filter_map(|(item, outcome)| match (item, outcome) {
            (Item::Eval { span, expr, .. }, Outcome::Eval(number)) => Some(Value {
                span: *span,
                number: *number,
                dim: expr.dim,
            }),
            _ => None,
        })
        .collect();
    Ok((values, run.checked.conventions))
}

/// The single value of an option such as `--window`, checked against a dimension.
fn single(
    values: &[Value],
    dim: Dimension,
    what: &str,
    example: &str,
) -> Result<Number, Diagnostic> {
    let Some(v) = values.first() else {
        return Err(Diagnostic::new(format!("{what} is empty")).help(format!("e.g. {example}")));
    };
    if v.dim != dim {
        return Err(Diagnostic::new(format!(
            "{what} must be {}, but this is {}",
            dim.describe(&[]),
            v.dim.describe(&[])
        ))
        .primary(v.span, v.dim.describe(&[]))
        .help(format!("e.g. {example}")));
    }
    Ok(v.number)
}

fn fraction_in_range(v: &Value, what: &str) -> Result<Number, Diagnostic> {
    if !v.dim.is_none() {
        return Err(Diagnostic::new(format!(
            "{what} is a fraction such as `99.95%`, but this is {}",
            v.dim.describe(&[])
        ))
        .primary(v.span, v.dim.describe(&[])));
    }
    if !(0.0..=1.0).contains(&v.number) {
        return Err(Diagnostic::new(format!(
            "{what} is a fraction in [0, 1] (0% to 100%), but this is {}",
            v.number
        ))
        .primary(v.span, "out of range"));
    }
    Ok(v.number)
}

fn style<'a>(precision: u8, conventions: &'a Conventions) -> Style<'a> {
    Style {
        precision: usize::from(precision),
        conventions,
        count_units: &[],
    }
}

fn print_sheet(sheet: &Sheet, format: TableFormat) {
    match format {
        TableFormat::Markdown => print!("{}", render::markdown(sheet)),
        _ => print!("{}", render::table(sheet, table_width())),
    }
}

/// An availability as `99.95% (3.3 nines)`.
fn availability_text(fraction: Number, precision: usize) -> Shown {
    format::show(
        fraction,
        Dimension::NONE,
        ValueKind::Availability,
        None,
        &Style {
            precision,
            conventions: &Conventions::default(),
            count_units: &[],
        },
    )
}

pub fn sla(args: SlaArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let as_json = format == TableFormat::Json;
    let mut sources = SourceMap::default();
    // Availabilities first, then downtime budgets, each its own source.
    let mut texts: Vec<(String, String)> = Vec::new();
    for (i, a) in args.availabilities.iter().enumerate() {
        texts.push((format!("<availability {}>", i + 1), a.clone()));
    }
    for d in &args.downtime {
        texts.push(("--downtime".to_string(), d.clone()));
    }
    let (values, conventions) = match evaluate(&texts, calendar.name(), &mut sources) {
        Ok(ok) => ok,
        Err(d) => return print_input_error(&d, &sources, as_json),
    };
    // Which values came from `--downtime`: those whose source is named so.
    let mut rows: Vec<(String, Number)> = Vec::new();
    for v in &values {
        let from_downtime = sources
            .locate(v.span.start)
            .is_some_and(|l| l.file == "--downtime");
        let text = sources.slice(v.span).to_string();
        let result = if from_downtime {
            if v.dim.is_none() {
                fraction_in_range(v, "a downtime budget per period")
                    .map(|down| (format!("--downtime {text}"), 1.0 - down))
            } else {
                Err(Diagnostic::new(format!(
                    "a downtime budget is a duration per period, but this is {}",
                    v.dim.describe(&[])
                ))
                .primary(v.span, v.dim.describe(&[]))
                .help("e.g. `--downtime '5 min/month'` or `--downtime '52.6 min/year'`"))
            }
        } else {
            fraction_in_range(v, "an availability").map(|a| (text, a))
        };
        match result {
            Ok(row) => rows.push(row),
            Err(d) => return print_input_error(&d, &sources, as_json),
        }
    }
    let p = usize::from(precision);
    let shown: Vec<Shown> = rows.iter().map(|(_, a)| availability_text(*a, p)).collect();
    let downtimes: Vec<Downtime> = rows
        .iter()
        .map(|(_, a)| Downtime::of(*a, &conventions))
        .collect();
    if as_json {
        let doc = json::Sla {
            conventions: json::CalendarJson::of(&conventions),
            availabilities: rows
                .iter()
                .zip(&shown)
                .zip(&downtimes)
                .map(|(((expr, a), s), d)| json::SlaRow {
                    expr,
                    fraction: *a,
                    percent: a * 100.0,
                    nines: (*a < 1.0).then(|| format::nines(*a)),
                    display: &s.text,
                    downtime_s: d.into(),
                })
                .collect(),
        };
        println!("{}", json::to_string(&doc));
        return EXIT_OK;
    }
    let style = style(precision, &conventions);
    let down = |s: Number| format::duration(s, &style).text;
    let section = Section {
        heading: "Allowed downtime",
        columns: vec!["availability", "day", "week", "month", "quarter", "year"],
        rows: rows
            .iter()
            .zip(&shown)
            .zip(&downtimes)
            .map(|(((expr, _), s), d)| {
                // `99.95%` needs no echo; `nines(4)` does.
                let literal = expr
                    .trim()
                    .strip_suffix('%')
                    .is_some_and(|n| n.trim().parse::<f64>().is_ok());
                let label = if expr.starts_with("--downtime") || literal {
                    s.text.clone()
                } else {
                    format!("{expr} = {}", s.text)
                };
                vec![
                    label,
                    down(d.day),
                    down(d.week),
                    down(d.month),
                    down(d.quarter),
                    down(d.year),
                ]
            })
            .collect(),
        numeric: vec![1, 2, 3, 4, 5],
        notes: rows
            .iter()
            .zip(&shown)
            .filter(|((expr, _), _)| expr.starts_with("--downtime"))
            .map(|((expr, _), s)| format!("{expr} allows {}", s.text))
            .collect(),
    };
    let sheet = Sheet {
        title: "Availability and the downtime it allows".to_string(),
        description: None,
        sections: vec![section],
        assertions: None,
        conventions: Some(conventions.describe()),
    };
    print_sheet(&sheet, format);
    EXIT_OK
}

pub fn slo(args: SloArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let as_json = format == TableFormat::Json;
    let mut sources = SourceMap::default();
    let evaluated = (|| {
        let mut eval_one = |name: &str, text: &str| {
            evaluate(
                &[(name.to_string(), text.to_string())],
                calendar.name(),
                &mut sources,
            )
        };
        let (target, conventions) = eval_one("<target>", &args.target)?;
        let target = match target.first() {
            Some(v) => fraction_in_range(v, "an SLO target")?,
            None => {
                return Err(
                    Diagnostic::new("the SLO target is empty").help("e.g. `bote slo 99.9%`")
                );
            }
        };
        let (window, _) = eval_one("--window", &args.window)?;
        let window = single(
            &window,
            Dimension::TIME,
            "the window",
            "`--window '28 days'`",
        )?;
        if window <= 0.0 {
            return Err(Diagnostic::new("the window must be longer than zero"));
        }
        let requests = match &args.requests {
            Some(text) => {
                let (v, _) = eval_one("--requests", text)?;
                Some(single(
                    &v,
                    Dimension::NONE,
                    "the number of requests",
                    "`--requests 1bn`",
                )?)
            }
            None => None,
        };
        let burn = match &args.burn {
            Some(text) => {
                let (v, _) = eval_one("--burn", text)?;
                let rate = single(&v, Dimension::NONE, "the burn rate", "`--burn 14.4`")?;
                if rate <= 0.0 {
                    return Err(Diagnostic::new("the burn rate must be above zero")
                        .primary(v[0].span, "not above zero"));
                }
                Some(rate)
            }
            None => None,
        };
        Ok((target, window, requests, burn, conventions))
    })();
    let (target, window, requests, burn, conventions) = match evaluated {
        Ok(ok) => ok,
        Err(d) => return print_input_error(&d, &sources, as_json),
    };
    let budget = reliability::downtime(target, window);
    let budget_requests = requests.map(|n| (1.0 - target) * n);
    let exhaustion = burn.map(|rate| window / rate);
    let alerts = reliability::alerts(target, window);
    if as_json {
        let doc = json::Slo {
            slo: target,
            window_s: window,
            budget_s: budget,
            requests,
            budget_requests,
            burn_rate: burn,
            exhaustion_s: exhaustion,
            alerts: alerts.iter().map(Into::into).collect(),
            conventions: json::CalendarJson::of(&conventions),
        };
        println!("{}", json::to_string(&doc));
        return EXIT_OK;
    }
    let style = style(precision, &conventions);
    let p = usize::from(precision);
    let dur = |s: Number| format::duration(s, &style).text;
    // A long duration also in hours: "2.08 days (50 h)".
    let dur_hours = |s: Number| {
        if s > DAY_S {
            format!("{} ({} h)", dur(s), format::number_text(s / HOUR_S, p))
        } else {
            dur(s)
        }
    };
    let slo_text = availability_text(target, p).text;
    let mut budget_rows = vec![vec![
        "error budget".to_string(),
        format!(
            "{} ({} s) of full downtime",
            dur(budget),
            format::number_text(budget, p)
        ),
    ]];
    if let (Some(n), Some(failed)) = (requests, budget_requests) {
        budget_rows.push(vec![
            "as requests".to_string(),
            format!(
                "{} failed of {} requests",
                format::count_text(failed, p),
                format::count_text(n, p)
            ),
        ]);
    }
    if let (Some(rate), Some(lasts)) = (burn, exhaustion) {
        budget_rows.push(vec![
            format!("at burn rate {}", format::number_text(rate, p)),
            format!("the budget lasts {}", dur_hours(lasts)),
        ]);
    }
    let budget_section = Section {
        heading: "Error budget",
        columns: vec!["", "value"],
        rows: budget_rows,
        numeric: vec![],
        notes: vec![],
    };
    let alert_section = Section {
        heading: "Burn-rate alerts (Google SRE workbook, ch. 5)",
        columns: vec![
            "spent", "window", "short", "burn", "errors", "lasts", "action",
        ],
        rows: alerts
            .iter()
            .map(|a| {
                vec![
                    format!("{}%", format::number_text(a.budget_fraction * 100.0, p)),
                    dur(a.long_window_s),
                    dur(a.short_window_s),
                    format::number_text(a.burn_rate, p),
                    format!("{}%", format::number_text(a.error_rate * 100.0, p)),
                    dur(a.exhaustion_s),
                    a.action.to_string(),
                ]
            })
            .collect(),
        numeric: vec![0, 1, 2, 3, 4, 5],
        notes: vec![
            "spent: share of the budget burnt within the window; short: the window that lets \
             the alert reset (a twelfth); burn: burn rate = spent × SLO window / window; \
             errors: the error rate that burns at that rate, burn × (1 − SLO); lasts: how long \
             the whole budget lasts at that rate. Alert when both windows exceed the rate."
                .to_string(),
        ],
    };
    let sheet = Sheet {
        title: format!("SLO {slo_text} over {}", dur(window)),
        description: None,
        sections: vec![budget_section, alert_section],
        assertions: None,
        conventions: Some(conventions.describe()),
    };
    print_sheet(&sheet, format);
    EXIT_OK
}

pub fn numbers(args: NumbersArgs) -> u8 {
    let conventions = Conventions::default();
    let style = style(args.precision, &conventions);
    let shown: Vec<Shown> = REFERENCES
        .iter()
        .map(|r| {
            if r.dim == Dimension::DATA_RATE {
                // One unit in a table cell: bytes per second.
                format::byte_rate(r.value, style.precision)
            } else {
                format::show(r.value, r.dim, ValueKind::Plain, None, &style)
            }
        })
        .collect();
    if args.format == TableFormat::Json {
        let entries: Vec<json::NumberJson> = REFERENCES
            .iter()
            .zip(&shown)
            .map(|(r, s)| json::NumberJson {
                name: r.name,
                value: s.value,
                unit: &s.unit,
                base_value: r.value,
                base_unit: leak_base_unit(r.dim),
                display: &s.text,
                about: r.about,
                source: r.source,
                year: r.year,
            })
            .collect();
        println!("{}", json::to_string(&entries));
        return EXIT_OK;
    }
    // Full citations once, under the table; the column holds their number and year.
    let mut sources: Vec<&str> = Vec::new();
    for r in REFERENCES {
        if !sources.contains(&r.source) {
            sources.push(r.source);
        }
    }
    let cite = |source: &str| {
        sources
            .iter()
            .position(|s| *s == source)
            .map_or(0, |i| i + 1)
    };
    let mut notes: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| format!("[{}] {s}", i + 1))
        .collect();
    notes.push("Each name works in any expression: `bote eval '20K/s * ssd_random_read'`.".into());
    let section = Section {
        heading: "Reference numbers",
        columns: vec!["name", "value", "what", "source"],
        rows: REFERENCES
            .iter()
            .zip(&shown)
            .map(|(r, s)| {
                vec![
                    r.name.to_string(),
                    s.text.clone(),
                    r.about.to_string(),
                    format!("[{}] {}", cite(r.source), r.year),
                ]
            })
            .collect(),
        numeric: vec![1],
        notes,
    };
    let sheet = Sheet {
        title: "Numbers estimates lean on".to_string(),
        description: None,
        sections: vec![section],
        assertions: None,
        conventions: None,
    };
    print_sheet(&sheet, args.format);
    EXIT_OK
}

/// The base unit of a reference dimension, as a string the JSON can borrow for its lifetime.
fn leak_base_unit(dim: Dimension) -> &'static str {
    match dim {
        d if d == Dimension::TIME => "s",
        d if d == Dimension::INFORMATION => "B",
        d if d == Dimension::DATA_RATE => "B/s",
        d if d == Dimension::PER_TIME => "1/s",
        _ => "1",
    }
}
