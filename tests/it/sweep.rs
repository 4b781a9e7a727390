//! `bote sweep`: the steps (even and geometric), each step against a `bote run --set` of the
//! same value, the break-even against closed forms, the grid, every output format and the
//! errors.

use serde_json::Value;

use crate::common::{bote, json, transcript};

const PHOTOS: &str = "scenarios/photo_sharing.bote";

/// The JSON array of a sweep.
fn sweep(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["sweep", "--format", "json"];
    all.extend_from_slice(args);
    match json(&bote(&all)) {
        Value::Array(points) => points,
        other => panic!("not an array: {other}"),
    }
}

fn base(point: &Value, name: &str) -> f64 {
    point[name]["base_value"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {name} in {point}"))
}

fn close(a: f64, b: f64, relative: f64) -> bool {
    (a - b).abs() <= relative * a.abs().max(b.abs())
}

#[test]
fn even_steps_give_a_straight_line() {
    let points = sweep(&[
        PHOTOS,
        "--vary",
        "dau=100M..1bn",
        "--steps",
        "10",
        "--show",
        "total_storage",
    ]);
    assert_eq!(points.len(), 10);
    let dau: Vec<f64> = points.iter().map(|p| base(p, "dau")).collect();
    assert_eq!((dau[0], dau[9]), (100e6, 1e9));
    for pair in dau.windows(2) {
        assert!(close(pair[1] - pair[0], 100e6, 1e-9), "{dau:?}");
    }
    // Storage is linear in DAU through the origin: the same storage per user at every step.
    let per_user: Vec<f64> = points
        .iter()
        .map(|p| base(p, "total_storage") / base(p, "dau"))
        .collect();
    for x in &per_user {
        assert!(close(*x, per_user[0], 1e-12), "{per_user:?}");
    }
    let first = &points[0]["total_storage"];
    assert_eq!(first["display"], "21.9 PB");
    assert_eq!(first["unit"], "PB");
    assert!(
        close(first["value"].as_f64().unwrap(), 21.915, 1e-9),
        "{first}"
    );
}

#[test]
fn log_steps_are_geometric() {
    let points = sweep(&[PHOTOS, "--vary", "dau=100M..1bn", "--steps", "5", "--log"]);
    let dau: Vec<f64> = points.iter().map(|p| base(p, "dau")).collect();
    let ratio = 10f64.powf(0.25);
    for pair in dau.windows(2) {
        assert!(close(pair[1] / pair[0], ratio, 1e-12), "{dau:?}");
    }
    assert_eq!(dau[4], 1e9);
}

/// Each step of a sweep is what `bote run --set NAME=VALUE` computes at that value: the
/// sweep's re-evaluation (no parse, no check) changes nothing but the input.
#[test]
fn every_step_is_the_scenario_run_with_that_input() {
    for (file, vary) in [
        (PHOTOS, "dau=100M..1bn"),
        ("scenarios/url_shortener.bote", "retention=1 year..20 years"),
        ("scenarios/chat.bote", "dau=10M..1bn"),
    ] {
        let points = sweep(&[file, "--vary", vary, "--steps", "4", "--log"]);
        let name = vary.split('=').next().unwrap();
        for point in &points {
            let x = format!(
                "{name}=({:e} * {})",
                base(point, name),
                base_unit(file, name)
            );
            // A scenario's assertion may fail at some step (exit 1): its values are still there.
            let out = bote(&["run", "--format", "json", file, "--set", &x]);
            let run: Value = serde_json::from_slice(&out.stdout).unwrap();
            let values = run["values"].as_array().unwrap();
            let shown = point.as_object().unwrap();
            assert!(shown.len() > 2, "{file}: {point}");
            for (key, v) in shown {
                let ran = values.iter().find(|r| r["name"] == *key).unwrap();
                let (swept, ran) = (
                    v["base_value"].as_f64().unwrap(),
                    ran["base_value"].as_f64().unwrap(),
                );
                assert!(
                    close(swept, ran, 1e-12),
                    "{file} {x}: {key} {swept} vs {ran}"
                );
                if key != name {
                    assert_eq!(&v["display"], run_display(values, key), "{file} {x}");
                }
            }
        }
    }
}

fn run_display<'a>(values: &'a [Value], name: &str) -> &'a Value {
    &values.iter().find(|r| r["name"] == name).unwrap()["display"]
}

/// The base unit of a definition, as `run --format json` names it (`1` for a plain number).
fn base_unit(file: &str, name: &str) -> String {
    let run = json(&bote(&["run", "--format", "json", file]));
    let unit = run["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap()["base_unit"]
        .as_str()
        .unwrap()
        .to_string();
    if unit == "1" {
        "1".into()
    } else {
        format!("({unit})")
    }
}

/// `peak_view_qps = dau * 30 / day * 3`, so `peak_view_qps > 1M /s` from
/// dau = 1M × 86,400 / 90 = 960M; `total_storage = dau × 2% / day × 2 MB × 5 years × 3`, so
/// `total_storage > 1 EB` from dau = 1e18 / (0.02 × 2e6 × 5 × 365.25 × 3) = 4.563bn.
#[test]
fn the_break_even_is_the_closed_form() {
    let cases = [
        ("peak_view_qps > 1M /s", 1e6 * 86_400.0 / 90.0, "960M"),
        (
            "total_storage > 1 EB",
            1e18 / (0.02 * 2e6 * 5.0 * 365.25 * 3.0),
            "4.56bn",
        ),
    ];
    for (condition, exact, shown) in cases {
        for spacing in [&[][..], &["--log"][..]] {
            let mut args = vec![
                "sweep",
                PHOTOS,
                "--vary",
                "dau=100M..10bn",
                "--until",
                condition,
                "--format",
                "json",
            ];
            args.extend_from_slice(spacing);
            let answer = json(&bote(&args));
            assert_eq!(answer["found"], "at", "{answer}");
            let at = &answer["input"]["dau"];
            let found = at["base_value"].as_f64().unwrap();
            assert!(close(found, exact, 1e-9), "{condition}: {found} vs {exact}");
            assert_eq!(at["display"], shown, "{condition}");
        }
    }
    let text = transcript(
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=100M..10bn",
            "--until",
            "peak_view_qps > 1M /s",
            "--show",
            "peak_view_qps,total_storage",
        ],
        None,
    );
    insta::assert_snapshot!(text);
}

/// A falling condition is found too: replication from 5 down to 1 crosses under 100 PB
/// between 2 and 3 (total_storage is 36.5 PB per copy), at 100 / 36.525 = 2.74 copies.
/// The JSON answer of `--until condition` along `vary`, in the photo-sharing scenario.
fn until(vary: &str, condition: &str) -> Value {
    let args = [
        "sweep", PHOTOS, "--vary", vary, "--until", condition, "--format", "json",
    ];
    json(&bote(&args))
}

#[test]
fn a_break_even_going_down_and_the_ends_of_the_range() {
    let answer = until("replication=5..1", "total_storage < 100 PB");
    let found = answer["input"]["replication"]["base_value"]
        .as_f64()
        .unwrap();
    let per_copy = 500e6 * 0.02 * 2e6 * 5.0 * 365.25;
    assert!(close(found, 100e15 / per_copy, 1e-9), "{answer}");
    assert_eq!(answer["input"]["replication"]["display"], "2.74");

    let start = until("dau=1bn..2bn", "peak_view_qps > 1M /s");
    assert_eq!(start["found"], "start");
    assert_eq!(start["input"]["dau"]["display"], "1bn");
    let never = until("dau=100M..500M", "peak_view_qps > 1M /s");
    assert_eq!(never["found"], "never");
    assert_eq!(never["input"]["dau"]["display"], "500M");
    assert_eq!(never["lhs"]["display"], "521K /s");
    let text = transcript(
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=100M..500M",
            "--until",
            "peak_view_qps > 1M /s",
            "--show",
            "peak_view_qps",
        ],
        None,
    );
    insta::assert_snapshot!(text);
}

#[test]
fn a_table_and_a_chart() {
    let text = transcript(
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=100M..1bn",
            "--steps",
            "10",
            "--show",
            "total_storage",
        ],
        None,
    );
    insta::assert_snapshot!(text);
}

#[test]
fn inputs_in_units_and_log_charts() {
    let text = transcript(
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "retention=1 year..10 years",
            "--steps",
            "4",
            "--log",
            "--show",
            "total_storage,daily_storage",
        ],
        None,
    );
    insta::assert_snapshot!(text);
}

#[test]
fn without_show_every_dependent_value_in_tables_that_fit() {
    let args = [
        "sweep",
        PHOTOS,
        "--vary",
        "replication=2..4",
        "--steps",
        "3",
    ];
    let text = transcript(&args, None);
    // Only what depends on replication: total_storage.
    assert!(text.contains("total_storage"), "{text}");
    assert!(!text.contains("peak_view_qps"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn two_inputs_make_a_grid() {
    let args = [
        "sweep",
        PHOTOS,
        "--vary",
        "dau=100M..1bn",
        "--vary",
        "replication=2..4",
        "--steps",
        "3",
        "--show",
        "total_storage,peak_view_qps",
    ];
    insta::assert_snapshot!(transcript(&args, None));
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let points = match json(&bote(&json_args)) {
        Value::Array(points) => points,
        other => panic!("{other}"),
    };
    assert_eq!(points.len(), 9);
    // The first input down, the second across.
    assert_eq!(base(&points[1], "dau"), 100e6);
    assert_eq!(base(&points[1], "replication"), 3.0);
    assert_eq!(base(&points[3], "dau"), 550e6);
}

#[test]
fn json_csv_and_markdown() {
    let args = |format: &'static str| {
        [
            "sweep",
            PHOTOS,
            "--vary",
            "dau=100M..1bn",
            "--steps",
            "3",
            "--show",
            "peak_view_qps,total_storage",
            "--format",
            format,
        ]
    };
    insta::assert_snapshot!("sweep_json", transcript(&args("json"), None));
    insta::assert_snapshot!("sweep_csv", transcript(&args("csv"), None));
    insta::assert_snapshot!("sweep_markdown", transcript(&args("markdown"), None));
}

#[test]
fn ranges_are_swept_by_their_medians() {
    let args = [
        "sweep",
        "scenarios/photo_sharing_ranges.bote",
        "--vary",
        "replication=2..4",
        "--steps",
        "3",
        "--show",
        "total_storage",
        "--samples",
        "1000",
    ];
    let text = transcript(&args, None);
    assert!(text.contains("medians"), "{text}");
    insta::assert_snapshot!(text);
    let points = sweep(&args[1..]);
    for point in &points {
        let storage = &point["total_storage"];
        let p50 = storage["distribution"]["p50"].as_f64().unwrap();
        assert_eq!(storage["base_value"].as_f64().unwrap(), p50);
    }
    // The same seed gives the same samples at each step: twice the copies, twice the median.
    let ratio = base(&points[2], "total_storage") / base(&points[0], "total_storage");
    assert!(close(ratio, 2.0, 1e-12), "{ratio}");
}

#[test]
fn errors() {
    let cases: &[&[&str]] = &[
        &["sweep", PHOTOS, "--vary", "dua=1..2"],
        &["sweep", PHOTOS, "--vary", "dau=1 GB..2 GB"],
        &["sweep", PHOTOS, "--vary", "dau=1M to 2M..3M"],
        &["sweep", PHOTOS, "--vary", "dau=0..1bn", "--log"],
        &["sweep", PHOTOS, "--vary", "dau=100M"],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1M..2M",
            "--show",
            "total_strage",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1M..2M",
            "--until",
            "peak_view_qps == 1M /s",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1M..2M",
            "--until",
            "peak_view_qps",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1M..2M",
            "--vary",
            "photo=1 MB..2 MB",
            "--until",
            "dau > 1",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1M..2M",
            "--vary",
            "dau=1M..3M",
        ],
        &["sweep", PHOTOS, "--vary", "sla=99%..99.9%"],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "dau=1..2",
            "--vary",
            "photo=1 MB..2 MB",
            "--steps",
            "400",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "photo=0 MB..2 MB",
            "--show",
            "total_storage",
            "--set",
            "replication=(1 MB) / photo",
        ],
        &[
            "sweep",
            PHOTOS,
            "--vary",
            "photo=-1 MB..1 MB",
            "--steps",
            "3",
            "--show",
            "total_storage",
            "--set",
            "replication=(1 MB) / photo",
        ],
    ];
    let all: Vec<String> = cases.iter().map(|args| transcript(args, None)).collect();
    insta::assert_snapshot!(all.join("\n"));
}

/// In-process, for every input of every scenario: the sweep's re-evaluation with the input
/// pinned gives, at each step, what a fresh session with the input `--set` to that value
/// gives, value for value, or fails where it fails.
#[test]
fn pinning_an_input_is_setting_it() {
    use bote::sweep::{self, Axis};
    use bote::{Conventions, Session, Style};

    let style = Style::default();
    let mut compared = 0;
    for path in crate::common::files_under(std::path::Path::new("scenarios"), "bote") {
        let text = std::fs::read_to_string(&path).unwrap();
        let fresh = |set: Option<(&str, String)>| {
            let mut session = Session::new(Conventions::default());
            session.add("<scenario>", &text).unwrap();
            if let Some((name, value)) = &set {
                session.set(name, value).unwrap();
            }
            bote::report(&mut session, &style)
        };
        let report = fresh(None).unwrap();
        let inputs: Vec<_> = report
            .values
            .iter()
            .filter(|v| v.input && v.point() > 0.0 && v.distribution.is_none())
            .filter(|v| v.kind != bote::Kind::Availability)
            .collect();
        for input in inputs {
            let name = input.name.as_deref().unwrap();
            let x = input.point();
            // A rate per second is written `/ s`: a growth rate (`20% / year`) must state the
            // period it compounds over, and one written in base units (`* (1/s)`) has none.
            let as_text = |x: f64| match &*input.base_unit {
                "1/s" => format!("({x:e} / s)"),
                unit => format!("({x:e} * ({unit}))"),
            };
            let mut session = Session::new(Conventions::default());
            session.add("<scenario>", &text).unwrap();
            let (lo, hi) = (as_text(x / 2.0), as_text(x * 3.0));
            let Ok(ends) = sweep::vary(&mut session, &[(name, &lo, &hi)]) else {
                // An end outside a model's domain (a utilisation of 180%) fails as a --set.
                assert!(
                    fresh(Some((name, lo))).is_err() || fresh(Some((name, hi))).is_err(),
                    "{}: --vary {name} fails, both ends work as --set",
                    path.display()
                );
                continue;
            };
            let axis = Axis {
                name: name.to_string(),
                steps: sweep::steps(ends[0].0, ends[0].1, 3, true).unwrap(),
            };
            let shown = session.dependents(&[name]).unwrap();
            let swept = sweep::sweep(&mut session, std::slice::from_ref(&axis), &shown, &style);
            let sets: Vec<_> = axis
                .steps
                .iter()
                .map(|&step| fresh(Some((name, as_text(step)))))
                .collect();
            let Ok(swept) = swept else {
                // A sweep stops at its first failing step: some run of it fails too.
                assert!(
                    sets.iter().any(Result::is_err),
                    "{}: the sweep of {name} fails, every --set works",
                    path.display()
                );
                continue;
            };
            for ((point, set), step) in swept.points.iter().zip(sets).zip(&axis.steps) {
                let set = set.unwrap_or_else(|_| {
                    panic!("{}: {name} = {step} works swept, fails set", path.display())
                });
                for v in &point.values {
                    let n = v.name.as_deref().unwrap();
                    let expected = set.values.iter().find(|s| s.name.as_deref() == Some(n));
                    let expected = expected.unwrap().point();
                    assert!(
                        close(v.point(), expected, 1e-12),
                        "{}: {name} = {step}: {n} is {} swept, {expected} set",
                        path.display(),
                        v.point()
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 500, "only {compared} values compared");
}

/// Edge cases of the break-even and the steps: a crossing at 0 is found as 0, not as the
/// smallest number the halving reaches; magnitudes near the smallest and largest numbers are
/// bisected and stepped without overflow; steps that read alike get more digits.
#[test]
fn crossings_at_zero_and_extreme_magnitudes() {
    let gb = crate::common::scratch("sweep_gb.bote", "x = 1\ny = x * 1 GB\n");
    let gb = gb.to_str().unwrap();
    for range in ["x=-1..1", "x=-1..2", "x=-3..1"] {
        let answer = json(&bote(&[
            "sweep", gb, "--vary", range, "--until", "y > 0 GB", "--format", "json",
        ]));
        assert_eq!(answer["input"]["x"]["base_value"], 0.0, "{range}: {answer}");
    }
    let tiny = crate::common::scratch("sweep_tiny.bote", "x = 1\ny = x * 2\n");
    let tiny = tiny.to_str().unwrap();
    for log in [&[][..], &["--log"][..]] {
        let mut args = vec![
            "sweep",
            tiny,
            "--vary",
            "x=1e-200..1e-190",
            "--until",
            "y > 1e-190",
            "--format",
            "json",
        ];
        args.extend_from_slice(log);
        let answer = json(&bote(&args));
        let found = answer["input"]["x"]["base_value"].as_f64().unwrap();
        assert!(close(found, 5e-191, 1e-9), "{log:?}: {answer}");
    }
    let points = sweep(&[tiny, "--vary", "x=1e-300..1e300", "--log", "--steps", "3"]);
    assert_eq!(base(&points[1], "x"), 1.0);
    let points = sweep(&[tiny, "--vary", "x=-1e300..1e300", "--steps", "3"]);
    assert_eq!(base(&points[1], "x"), 0.0);
    let close_steps = sweep(&[PHOTOS, "--vary", "dau=1bn..1.001bn", "--steps", "4"]);
    let labels: Vec<&str> = close_steps
        .iter()
        .map(|p| p["dau"]["display"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["1bn", "1.0003bn", "1.0007bn", "1.001bn"]);
}

/// What a sweep refuses: an empty range, an input also `--set`, a grid too large, nothing
/// to show but the input.
#[test]
fn sweeps_that_cannot_be_drawn() {
    let cases: &[&[&str]] = &[
        &["sweep", PHOTOS, "--vary", "dau=1bn..1bn"],
        &["sweep", PHOTOS, "--vary", "dau=1..2", "--set", "dau=5"],
        &["sweep", PHOTOS, "--vary", "dau=1..2", "--show", "dau"],
    ];
    let all: Vec<String> = cases.iter().map(|args| transcript(args, None)).collect();
    insta::assert_snapshot!(all.join("\n"));
}

/// A growth rate written as a percentage over a year is stepped, labelled and charted so.
#[test]
fn a_growth_rate_is_shown_as_written() {
    let out = bote(&[
        "sweep",
        "scenarios/api_tier.bote",
        "--vary",
        "growth=10%/year..30%/year",
        "--steps",
        "3",
        "--show",
        "capacity",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // Each in the table and on the chart's axis; the ends in the description too.
    for (label, times) in [("10% /year", 3), ("20% /year", 2), ("30% /year", 3)] {
        assert_eq!(text.matches(label).count(), times, "{label}:\n{text}");
    }
}
