//! The harness shared by the fuzz targets: it turns fuzz input into what the binary would be
//! given (a scenario, `--set` overrides, `eval` arguments, `sla`/`slo` arguments, imported
//! files), drives the library exactly as the commands in `src/cli/commands/` do, and renders
//! every result through every output format. The `oracle` target adds checks on what was
//! rendered; `run` only asks that nothing panics.
//!
//! A case is text. Lines at its start that begin with `--` and a letter are options, as on the
//! command line (an option the CLI would refuse is dropped); the rest is the body:
//!
//! ```text
//! --set dau=200M           a --set override (NAME=EXPR, split at the first `=`)
//! --precision 5            --precision (1 to 15)
//! --samples 50             --samples (1 to 200 here), --seed 7
//! --explain                --explain (worked steps: tables, Markdown, JSON)
//! --rough                  --rough (rough figures beside the exact ones)
//! --eval                   the body's lines are the arguments of `bote eval`
//! --sla                    the body's lines are the availabilities of `bote sla`
//! --downtime 5 min/month   a --downtime budget of `bote sla`
//! --slo                    the body is the target of `bote slo`
//! --window 28 days         --window, --requests, --burn of `bote slo`
//! --calendar 365           --calendar of `sla` and `slo`
//! --vary dau=1M..1bn       `bote sweep` of the scenario (twice: a grid), besides `run`
//! --steps 5                --steps of the sweep (2 to 50 here; 5 when absent)
//! --log                    --log: geometric steps
//! --show a,b               --show: the values swept
//! --until x > 1            --until: the break-even of a condition
//! ```
//!
//! Otherwise the body is a scenario for `bote run`. In any mode a body line
//! `--file NAME` starts a file that `import "NAME"` reads (an in-memory loader stands in for
//! the file system); what comes before the first such line is the scenario itself.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use bote::diagnostic::{Diagnostic, SourceMap};
use bote::render::json::{self, EvalInput};
use bote::render::{self, CheckedFile, Sheet, SheetOptions};
use bote::report::Report;
use bote::report::sla::{self, SlaRequest};
use bote::report::slo::{self, SloRequest};
use bote::{Conventions, Loader, Resolved, Sampling, Session, Style};

/// Table widths sheets are drawn at: the binary never goes below 40, but the library's
/// `render::table` takes any width. Drawing tables is most of a case's time, so each case is
/// drawn at one of them, picked by the length of its body, and always at 80.
pub const WIDTHS: &[u16] = &[1, 20, 80];

/// What the binary would be asked to do.
#[derive(Debug, Default)]
pub struct Case {
    pub set: Vec<(String, String)>,
    pub precision: Option<usize>,
    pub explain: bool,
    pub rough: bool,
    pub calendar: Option<Conventions>,
    pub mode: Mode,
    pub downtime: Vec<String>,
    pub window: Option<String>,
    pub requests: Option<String>,
    pub burn: Option<String>,
    /// `--samples` (1 to 200 here, to keep a case fast; the CLI allows 10,000,000) and
    /// `--seed`; absent, 20 samples and seed 1.
    pub samples: Option<usize>,
    pub seed: Option<u64>,
    /// `bote sweep` of the scenario, when it varies an input.
    pub sweep: bote::sweep::Request,
    /// The scenario (or arguments), before any `--file`.
    pub body: String,
    /// Files `import` can read, by name.
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Run,
    Eval,
    Sla,
    Slo,
}

impl Case {
    pub fn parse(text: &str) -> Case {
        let mut case = Case::default();
        let mut rest = text;
        while let Some(option) = rest.strip_prefix("--") {
            if !option.starts_with(|c: char| c.is_ascii_alphabetic()) {
                break;
            }
            let (line, after) = option.split_once('\n').unwrap_or((option, ""));
            rest = after;
            let (flag, value) = line.split_once(' ').unwrap_or((line, ""));
            case.option(flag, value);
        }
        let mut file: Option<(String, String)> = None;
        for line in rest.split_inclusive('\n') {
            if let Some(name) = line.strip_prefix("--file ") {
                if let Some((name, text)) = file.take() {
                    case.files.entry(name).or_insert(text);
                }
                file = Some((
                    name.trim_end_matches(['\n', '\r']).to_string(),
                    String::new(),
                ));
            } else if let Some((_, text)) = &mut file {
                text.push_str(line);
            } else {
                case.body.push_str(line);
            }
        }
        if let Some((name, text)) = file {
            case.files.entry(name).or_insert(text);
        }
        case
    }

    fn option(&mut self, flag: &str, value: &str) {
        let value = value.trim_end_matches('\r');
        match flag {
            "set" => {
                // As the CLI's `parse_set`: NAME=EXPR, both sides non-empty, trimmed.
                if let Some((name, expr)) = value.split_once('=')
                    && !name.trim().is_empty()
                    && !expr.trim().is_empty()
                {
                    self.set
                        .push((name.trim().to_string(), expr.trim().to_string()));
                }
            }
            "precision" => {
                if let Ok(p) = value.trim().parse::<u8>()
                    && (1..=15).contains(&p)
                {
                    self.precision = Some(usize::from(p));
                }
            }
            "explain" => self.explain = true,
            "rough" => self.rough = true,
            "calendar" => self.calendar = Conventions::named(value.trim()),
            "eval" => self.mode = Mode::Eval,
            "sla" => self.mode = Mode::Sla,
            "slo" => self.mode = Mode::Slo,
            "downtime" => self.downtime.push(value.to_string()),
            "window" => self.window = Some(value.to_string()),
            "requests" => self.requests = Some(value.to_string()),
            "burn" => self.burn = Some(value.to_string()),
            "samples" => {
                if let Ok(n) = value.trim().parse::<usize>()
                    && (1..=200).contains(&n)
                {
                    self.samples = Some(n);
                }
            }
            "seed" => self.seed = value.trim().parse().ok(),
            "vary" => {
                if let Ok(v) = bote::sweep::Vary::parse(value) {
                    self.sweep.vary.push(v);
                }
            }
            "steps" => {
                if let Ok(n) = value.trim().parse::<usize>()
                    && (2..=50).contains(&n)
                {
                    self.sweep.steps = n;
                }
            }
            "log" => self.sweep.log = true,
            "show" => {
                let names = value.split(',').map(|n| n.trim().to_string());
                self.sweep.show.extend(names.filter(|n| !n.is_empty()));
            }
            "until" => self.sweep.until = Some(value.to_string()),
            _ => {}
        }
    }

    fn style(&self) -> Style {
        self.precision
            .map_or_else(Style::default, Style::with_precision)
    }

    /// Every text the case feeds the library: a word found in it may be a name the user chose.
    pub fn all_text(&self) -> String {
        let mut all = self.body.clone();
        for (name, expr) in &self.set {
            let _ = write!(all, "\n{name}={expr}");
        }
        for text in self.files.values() {
            all.push('\n');
            all.push_str(text);
        }
        for extra in [&self.window, &self.requests, &self.burn]
            .into_iter()
            .flatten()
        {
            all.push('\n');
            all.push_str(extra);
        }
        for d in &self.downtime {
            all.push('\n');
            all.push_str(d);
        }
        all
    }
}

/// Everything a case rendered, for the oracle to inspect.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Every JSON document written, with what wrote it.
    pub json: Vec<(&'static str, String)>,
    /// `bote run --format csv`.
    pub csv: Option<String>,
    /// Tables, Markdown, plain text and drawn diagnostics.
    pub text: Vec<String>,
    /// The largest magnitude among the values reported, in base units and as shown.
    pub largest: f64,
}

impl Outputs {
    fn measure(&mut self, report: &Report) {
        let values = report
            .values
            .iter()
            .flat_map(|v| [v.value.point(), v.shown.value]);
        let sides = report.assertions.iter().flat_map(|a| {
            [
                a.lhs_value.point(),
                a.rhs_value.point(),
                a.lhs.value,
                a.rhs.value,
            ]
        });
        for x in values.chain(sides) {
            self.largest = self.largest.max(x.abs());
        }
    }
}

/// Runs a case through the pipeline of its command and renders every output format.
pub fn exercise(case: &Case) -> Outputs {
    let mut out = Outputs::default();
    match case.mode {
        Mode::Run => {
            run(case, &mut out);
            if !case.sweep.vary.is_empty() {
                sweep(case, &mut out);
            }
        }
        Mode::Eval => eval(case, &mut out),
        Mode::Sla => sla(case, &mut out),
        Mode::Slo => slo(case, &mut out),
    }
    out
}

/// Imports read from the case's `--file` sections: a path is its own key, as a canonical
/// path would be.
struct Memory<'a>(&'a BTreeMap<String, String>);

impl Loader for Memory<'_> {
    fn resolve(&mut self, _importer: &Resolved, path: &str) -> Result<Resolved, String> {
        if self.0.contains_key(path) {
            Ok(Resolved::named(path))
        } else {
            Err(format!("cannot read `{path}`: no such file"))
        }
    }

    fn read(&mut self, file: &Resolved) -> Result<String, String> {
        self.0
            .get(&file.name)
            .cloned()
            .ok_or_else(|| format!("cannot read `{}`", file.name))
    }
}

/// `cli::commands::pipeline`: add the inputs, apply `--set`, check, evaluate, report.
fn pipeline(
    session: &mut Session,
    inputs: &[(&str, &str)],
    case: &Case,
    set: &[(String, String)],
) -> Result<Report, bote::Error> {
    for (name, text) in inputs {
        session.add_with(&Resolved::named(name), text, &mut Memory(&case.files))?;
    }
    for (name, value) in set {
        session.set(name, value)?;
    }
    let work = bote::report::Work {
        steps: case.explain,
        rough: case.rough,
    };
    bote::report_with(session, &case.style(), work)
}

/// `cli::commands::evaluate`: the report, or the error drawn as a diagnostic.
pub(crate) fn evaluate(
    inputs: &[(&str, &str)],
    case: &Case,
    set: &[(String, String)],
) -> (Result<Report, Diagnostic>, SourceMap) {
    let mut session = Session::new(Conventions::default());
    session.set_sampling(Sampling {
        samples: case.samples.unwrap_or(20),
        seed: case.seed.unwrap_or(1),
        ..Sampling::default()
    });
    let result = pipeline(&mut session, inputs, case, set);
    let result = result.map_err(|e| {
        // Both stage views of an error: its stage, and its diagnostic.
        let _ = e.stage();
        e.to_diagnostic(session.sources())
    });
    (result, session.take_sources())
}

fn diagnostics(out: &mut Outputs, ds: &[Diagnostic], sources: &SourceMap) {
    for d in ds {
        out.text.push(d.render(sources, false));
        out.text.push(d.render(sources, true));
        let _ = d.location(sources);
    }
}

fn input_error(out: &mut Outputs, d: &Diagnostic, sources: &SourceMap) {
    out.json.push(("error", json::error(d, sources)));
    diagnostics(out, std::slice::from_ref(d), sources);
}

fn sheets(out: &mut Outputs, case: &Case, sheet: &Sheet) {
    let width = WIDTHS[case.body.len() % WIDTHS.len()];
    out.text.push(render::table(sheet, width));
    if width != 80 {
        out.text.push(render::table(sheet, 80));
    }
    out.text.push(render::markdown(sheet));
}

/// `bote sweep`: the scenario at each step of the varied inputs, or the break-even, in every
/// format and with its charts at each width.
fn sweep(case: &Case, out: &mut Outputs) {
    let mut session = Session::new(Conventions::default());
    session.set_sampling(Sampling {
        samples: case.samples.unwrap_or(20),
        seed: case.seed.unwrap_or(1),
        ..Sampling::default()
    });
    let request = bote::sweep::Request {
        steps: if case.sweep.steps == 0 { 5 } else { case.sweep.steps },
        ..case.sweep.clone()
    };
    let style = case.style();
    let answer = session
        .add_with(&Resolved::named(FILE), &case.body, &mut Memory(&case.files))
        .and_then(|()| {
            case.set
                .iter()
                .try_for_each(|(name, value)| session.set(name, value))
        })
        .and_then(|()| bote::sweep::answer(&mut session, &request, &style));
    let sources = session.take_sources();
    match answer {
        Err(e) => input_error(out, &e.to_diagnostic(&sources), &sources),
        Ok(bote::sweep::Answer::BreakEven(b)) => {
            out.text.push(render::break_even_text(&b));
            out.json.push(("break-even", json::break_even(&b)));
        }
        Ok(bote::sweep::Answer::Points(points)) => {
            let title = render::SweepTitle {
                scenario: "scenario",
                log: request.log,
            };
            let width = WIDTHS[case.body.len() % WIDTHS.len()];
            for width in [width, 80] {
                let sheet = render::sweep_sheet(&points, &title, Some(usize::from(width)));
                out.text.push(render::table(&sheet, width));
                out.text
                    .extend(render::sweep_charts(&points, request.log, style, width));
            }
            out.text
                .push(render::markdown(&render::sweep_sheet(&points, &title, None)));
            out.text.push(render::sweep_csv(&points));
            out.json.push(("sweep", json::sweep(&points)));
        }
    }
}

/// `bote run` in every format, and `bote check` in its JSON and JUnit forms.
/// The name the scenario of a `run` case is read under.
pub(crate) const FILE: &str = "scenario.bote";

fn run(case: &Case, out: &mut Outputs) {
    let (result, sources) = evaluate(&[(FILE, &case.body)], case, &case.set);
    let checked = [CheckedFile {
        file: FILE,
        result: result.as_ref(),
        sources: &sources,
    }];
    out.json.push(("check", render::check_json(&checked)));
    out.text.push(render::junit(&checked));
    let report = match result {
        Ok(report) => report,
        Err(d) => return input_error(out, &d, &sources),
    };
    out.measure(&report);
    out.json.push(("scenario", json::scenario(&report, FILE)));
    out.csv = Some(render::csv(&report));
    let options = SheetOptions {
        explain: case.explain,
        rough: case.rough,
        style: case.style(),
        fallback_title: "scenario".into(),
    };
    sheets(out, case, &render::sheet(&report, &options));
    diagnostics(out, &report.warnings, &sources);
    diagnostics(out, &report.failures(), &sources);
}

/// `bote eval ARG…`, with its retries: an argument whose error stops the program is set
/// aside and the rest evaluated again (`cli::commands::eval::run`).
fn eval(case: &Case, out: &mut Outputs) {
    let args: Vec<&str> = case.body.lines().collect();
    let several = args.len() > 1;
    let names: Vec<String> = (0..args.len())
        .map(|i| {
            if several {
                format!("<expr {}>", i + 1)
            } else {
                "<expr>".to_string()
            }
        })
        .collect();
    let mut remaining: Vec<usize> = (0..args.len()).collect();
    let mut set_aside: Vec<(usize, Diagnostic, SourceMap)> = Vec::new();
    let report = loop {
        let inputs: Vec<(&str, &str)> = remaining
            .iter()
            .map(|&i| (names[i].as_str(), args[i]))
            .collect();
        let (result, sources) = evaluate(&inputs, case, &[]);
        let d = match result {
            Ok(report) => break Some((report, sources)),
            Err(d) => d,
        };
        let culprit = d.location(&sources).and_then(|at| {
            remaining
                .iter()
                .position(|&i| several && names[i] == at.file)
        });
        let Some(position) = culprit else {
            input_error(out, &d, &sources);
            break None;
        };
        set_aside.push((remaining.remove(position), d, sources));
        if remaining.is_empty() {
            break None;
        }
    };
    for (_, d, sources) in &set_aside {
        input_error(out, d, sources);
    }
    let Some((report, sources)) = report else {
        return;
    };
    out.measure(&report);
    out.json.push(("eval", json::eval_results(&report)));
    let mut text = String::new();
    for v in &report.values {
        let _ = match &v.name {
            Some(name) => writeln!(text, "{name} = {}", v.shown.text),
            None => writeln!(text, "{}", v.shown.text),
        };
    }
    out.text.push(text);
    let mut inputs = vec![EvalInput::Results(&report)];
    for (i, d, sources) in &set_aside {
        inputs.push(EvalInput::Failed {
            expr: args[*i],
            diagnostic: d,
            sources,
        });
    }
    out.json
        .push(("eval (some failed)", json::eval_inputs(&inputs)));
    diagnostics(out, &report.warnings, &sources);
    diagnostics(out, &report.failures(), &sources);
}

/// `bote sla AVAILABILITY… [--downtime …]`.
fn sla(case: &Case, out: &mut Outputs) {
    let request = SlaRequest {
        availabilities: case
            .body
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        downtime: case.downtime.clone(),
        calendar: case.calendar.unwrap_or_default(),
        style: case.style(),
    };
    let mut sources = SourceMap::default();
    match sla::build(&request, &mut sources) {
        Ok(report) => {
            out.json.push(("sla", json::sla(&report)));
            sheets(out, case, &render::sla_sheet(&report, &case.style()));
            diagnostics(out, &report.failures, &sources);
        }
        Err(d) => input_error(out, &d, &sources),
    }
}

/// `bote slo TARGET [--window …] [--requests …] [--burn …]`.
fn slo(case: &Case, out: &mut Outputs) {
    let request = SloRequest {
        target: case.body.trim_end_matches('\n').to_string(),
        window: case.window.clone().unwrap_or_else(|| "30 days".into()),
        requests: case.requests.clone(),
        burn: case.burn.clone(),
        calendar: case.calendar.unwrap_or_default(),
        style: case.style(),
    };
    let mut sources = SourceMap::default();
    match slo::build(&request, &mut sources) {
        Ok(report) => {
            out.json.push(("slo", json::slo(&report)));
            sheets(out, case, &render::slo_sheet(&report, &case.style()));
            diagnostics(out, &report.failures, &sources);
        }
        Err(d) => input_error(out, &d, &sources),
    }
}

pub mod known;
pub mod oracle;
