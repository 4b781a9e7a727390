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

/// What a program given on the command line computed.
struct Evaluated {
    values: Vec<Value>,
    /// The conventions in force after its `calendar` statements.
    conventions: Conventions,
    /// Each failed `assert`, drawn.
    failures: Vec<Diagnostic>,
}

/// Evaluates named sources as one program, starting from `conventions`.
fn evaluate(
    texts: &[(String, String)],
    conventions: Conventions,
    sources: &mut SourceMap,
) -> Result<Evaluated, Diagnostic> {
    let inputs: Vec<Input> = texts
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let run = bote::run(&inputs, &[], conventions, sources)?;
    let mut values = Vec::new();
    for (item, outcome) in run.checked.items.iter().zip(&run.evaluated.outcomes) {
        if let (Item::Eval { span, expr, .. }, Outcome::Eval(number)) = (item, outcome) {
            values.push(Value {
                span: *span,
                number: *number,
                dim: expr.dim,
            });
        }
    }
    let failures = bote::report::build(&run, sources, format::DEFAULT_PRECISION)
        .assertions
        .iter()
        .filter(|a| !a.passed)
        .map(|a| a.to_diagnostic())
        .collect();
    Ok(Evaluated {
        values,
        conventions: run.checked.conventions,
        failures,
    })
}

/// A value's dimension in words: "a plain number", "Time"…
fn dimension_words(dim: Dimension) -> String {
    if dim.is_none() {
        "a plain number".to_string()
    } else {
        dim.describe(&[])
    }
}

/// The one value an option such as `--window` holds, of the given dimension.
fn single(
    evaluated: &Evaluated,
    dim: Dimension,
    what: &str,
    example: &str,
) -> Result<Value, Diagnostic> {
    let mut values = evaluated.values.iter();
    let Some(v) = values.next() else {
        return Err(Diagnostic::new(format!("{what} is empty")).help(format!("e.g. {example}")));
    };
    if let Some(extra) = values.next() {
        return Err(
            Diagnostic::new(format!("{what} is one value, but this gives more"))
                .primary(extra.span, "a second value")
                .help(format!("e.g. {example}")),
        );
    }
    if v.dim != dim {
        return Err(Diagnostic::new(format!(
            "{what} must be {}, but this is {}",
            dimension_words(dim),
            dimension_words(v.dim)
        ))
        .primary(v.span, dimension_words(v.dim))
        .help(format!("e.g. {example}")));
    }
    Ok(Value {
        span: v.span,
        number: v.number,
        dim: v.dim,
    })
}

/// Prints failed assertions; exit 1 if there were any.
fn assertion_code(failures: &[Diagnostic], sources: &SourceMap) -> u8 {
    for d in failures {
        eprint!("{}", d.render(sources, crate::app::stderr_color()));
    }
    if failures.is_empty() {
        EXIT_OK
    } else {
        crate::app::EXIT_FAILED
    }
}

fn fraction_in_range(v: &Value, what: &str) -> Result<Number, Diagnostic> {
    if !v.dim.is_none() {
        return Err(Diagnostic::new(format!(
            "{what} is a fraction such as `99.95%`, but this is {}",
            v.dim.describe(&[])
        ))
        .primary(v.span, v.dim.describe(&[])));
    }
    match reliability::not_a_fraction(v.number, what) {
        None => Ok(v.number),
        Some(message) => Err(Diagnostic::new(message).primary(v.span, "out of range")),
    }
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

/// Where a row of `bote sla` came from.
enum Row {
    /// An availability as given.
    Given { expr: String, fraction: Number },
    /// `--downtime 5 min/month`: the availability that budget allows.
    Budget { expr: String, fraction: Number },
}

impl Row {
    fn fraction(&self) -> Number {
        match self {
            Row::Given { fraction, .. } | Row::Budget { fraction, .. } => *fraction,
        }
    }

    fn expr(&self) -> String {
        match self {
            Row::Given { expr, .. } => expr.clone(),
            Row::Budget { expr, .. } => format!("--downtime {expr}"),
        }
    }
}

pub fn sla(args: SlaArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let as_json = format == TableFormat::Json;
    let mut sources = SourceMap::default();
    let calendar = Conventions::named(calendar.name()).unwrap_or_default();
    // Availabilities and downtime budgets are two programs; a `calendar` statement among the
    // availabilities applies to the budgets too.
    let given: Vec<(String, String)> = args
        .availabilities
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("<availability {}>", i + 1), a.clone()))
        .collect();
    let budgets: Vec<(String, String)> = args
        .downtime
        .iter()
        .map(|d| ("--downtime".to_string(), d.clone()))
        .collect();
    let result = (|| {
        let first = evaluate(&given, calendar, &mut sources)?;
        let second = evaluate(&budgets, first.conventions, &mut sources)?;
        let mut rows = Vec::new();
        for v in &first.values {
            let fraction = fraction_in_range(v, "an availability")?;
            let expr = sources.slice(v.span).to_string();
            rows.push(Row::Given { expr, fraction });
        }
        for v in &second.values {
            if !v.dim.is_none() {
                return Err(Diagnostic::new(format!(
                    "a downtime budget is a duration per period, but this is {}",
                    dimension_words(v.dim)
                ))
                .primary(v.span, dimension_words(v.dim))
                .help("e.g. `--downtime '5 min/month'` or `--downtime '52.6 min/year'`"));
            }
            let down = fraction_in_range(v, "a downtime budget per period")?;
            let expr = sources.slice(v.span).to_string();
            rows.push(Row::Budget {
                expr,
                fraction: 1.0 - down,
            });
        }
        if rows.is_empty() {
            return Err(
                Diagnostic::new("nothing to show: no availability was given")
                    .help("e.g. `bote sla 99.9%` or `bote sla --downtime '5 min/month'`"),
            );
        }
        let mut failures = first.failures;
        failures.extend(second.failures);
        Ok((rows, second.conventions, failures))
    })();
    let (rows, conventions, failures) = match result {
        Ok(ok) => ok,
        Err(d) => return print_input_error(&d, &sources, as_json),
    };
    let p = usize::from(precision);
    let shown: Vec<Shown> = rows
        .iter()
        .map(|r| availability_text(r.fraction(), p))
        .collect();
    let downtimes: Vec<Downtime> = rows
        .iter()
        .map(|r| Downtime::of(r.fraction(), &conventions))
        .collect();
    if as_json {
        let exprs: Vec<String> = rows.iter().map(Row::expr).collect();
        let doc = json::Sla {
            conventions: json::CalendarJson::of(&conventions),
            availabilities: rows
                .iter()
                .zip(&exprs)
                .zip(&shown)
                .zip(&downtimes)
                .map(|(((row, expr), s), d)| json::SlaRow {
                    expr,
                    fraction: row.fraction(),
                    percent: row.fraction() * 100.0,
                    nines: (row.fraction() < 1.0).then(|| format::nines(row.fraction())),
                    display: &s.text,
                    downtime_s: d.into(),
                })
                .collect(),
        };
        println!("{}", json::to_string(&doc));
        return assertion_code(&failures, &sources);
    }
    let style = style(precision, &conventions);
    let down = |s: Number| format::duration(s, &style).text;
    let label = |row: &Row, s: &Shown| match row {
        // `99.95%` needs no echo; `nines(4)` does.
        Row::Given { expr, .. }
            if expr
                .trim()
                .strip_suffix('%')
                .is_none_or(|n| n.trim().parse::<f64>().is_err()) =>
        {
            format!("{expr} = {}", s.text)
        }
        _ => s.text.clone(),
    };
    let section = Section {
        heading: "Allowed downtime",
        columns: vec!["availability", "day", "week", "month", "quarter", "year"],
        rows: rows
            .iter()
            .zip(&shown)
            .zip(&downtimes)
            .map(|((row, s), d)| {
                vec![
                    label(row, s),
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
            .filter(|(row, _)| matches!(row, Row::Budget { .. }))
            .map(|(row, s)| format!("{} allows {}", row.expr(), s.text))
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
    assertion_code(&failures, &sources)
}

/// The longest alert window of the workbook's policy: an SLO window shorter than this makes
/// its alerts meaningless.
const LONGEST_ALERT_WINDOW_S: Number = 3.0 * DAY_S;

pub fn slo(args: SloArgs) -> u8 {
    let ReliabilityArgs {
        calendar,
        format,
        precision,
    } = args.common;
    let as_json = format == TableFormat::Json;
    let mut sources = SourceMap::default();
    let calendar = Conventions::named(calendar.name()).unwrap_or_default();
    let result = (|| {
        // The target first: a `calendar` statement in it applies to every option.
        let target_run = evaluate(
            &[("<target>".to_string(), args.target.clone())],
            calendar,
            &mut sources,
        )?;
        let conventions = target_run.conventions;
        let target_value = single(
            &target_run,
            Dimension::NONE,
            "the SLO target",
            "`bote slo 99.9%`",
        )?;
        let target = fraction_in_range(&target_value, "an SLO target")?;
        if target <= 0.0 || target >= 1.0 {
            return Err(Diagnostic::new(format!(
                "an SLO target must be above 0% and below 100%, but this is {}%",
                format::number_text(target * 100.0, 3)
            ))
            .primary(target_value.span, "out of range")
            .help("at 100% there is no error budget; at 0% nothing is promised"));
        }
        let mut option = |name: &str, text: &str| {
            evaluate(
                &[(name.to_string(), text.to_string())],
                conventions,
                &mut sources,
            )
        };
        let window_run = option("--window", &args.window)?;
        let window = single(
            &window_run,
            Dimension::TIME,
            "the window",
            "`--window '28 days'`",
        )?;
        if window.number <= 0.0 {
            return Err(Diagnostic::new("the window must be longer than zero")
                .primary(window.span, "not longer than zero"));
        }
        let mut failures = target_run.failures;
        failures.extend(window_run.failures);
        let requests = match &args.requests {
            Some(text) => {
                let run = option("--requests", text)?;
                let n = single(
                    &run,
                    Dimension::NONE,
                    "the number of requests",
                    "`--requests 1bn`",
                )?;
                if n.number < 0.0 {
                    return Err(Diagnostic::new("the number of requests cannot be negative")
                        .primary(n.span, "negative"));
                }
                failures.extend(run.failures);
                Some(n.number)
            }
            None => None,
        };
        let burn = match &args.burn {
            Some(text) => {
                let run = option("--burn", text)?;
                let rate = single(&run, Dimension::NONE, "the burn rate", "`--burn 14.4`")?;
                if rate.number <= 0.0 {
                    return Err(Diagnostic::new("the burn rate must be above zero")
                        .primary(rate.span, "not above zero"));
                }
                failures.extend(run.failures);
                Some(rate.number)
            }
            None => None,
        };
        Ok((target, window.number, requests, burn, conventions, failures))
    })();
    let (target, window, requests, burn, conventions, failures) = match result {
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
        return assertion_code(&failures, &sources);
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
    let mut notes = vec![
        "spent: share of the budget burnt within the window; short: the window that lets \
         the alert reset (a twelfth); burn: burn rate = spent × SLO window / window; \
         errors: the error rate that burns at that rate, burn × (1 − SLO); lasts: how long \
         the whole budget lasts at that rate. Alert when both windows exceed the rate."
            .to_string(),
    ];
    if window < LONGEST_ALERT_WINDOW_S {
        notes.push(format!(
            "note: these alert windows assume an SLO window of weeks; over {} they are \
             longer than the SLO window itself.",
            dur(window)
        ));
    }
    if alerts.iter().any(|a| a.error_rate > 1.0) {
        notes.push(
            "note: an error rate above 100% can never happen: that alert would never fire."
                .to_string(),
        );
    }
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
        notes,
    };
    let sheet = Sheet {
        title: format!("SLO {slo_text} over {}", dur(window)),
        description: None,
        sections: vec![budget_section, alert_section],
        assertions: None,
        conventions: Some(conventions.describe()),
    };
    print_sheet(&sheet, format);
    assertion_code(&failures, &sources)
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
                base_unit: r.dim.base_unit(&[]),
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
