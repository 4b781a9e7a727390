//! Issue 10: ranges, distributions and their summaries. Accuracy is checked against the
//! analytic percentiles of the cases where they are known, at 100,000 samples with the
//! default seed; every figure is computed here from the distribution's definition, not copied
//! from bote's output.

use crate::common::{bote, json};

/// z such that Φ(z) = 0.95.
const Z95: f64 = 1.644_853_626_951_472_2;

/// The base values of `bote eval` over `exprs`, one per result.
fn eval(samples: &str, exprs: &[&str]) -> Vec<f64> {
    let mut args = vec!["eval", "--format", "json", "--samples", samples];
    args.extend(exprs);
    let doc = json(&bote(&args));
    doc.as_array()
        .unwrap()
        .iter()
        .map(|r| r["base_value"].as_f64().unwrap())
        .collect()
}

fn within(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        ((got - want) / want).abs() <= tolerance,
        "{what}: {got} is not within {}% of {want}",
        tolerance * 100.0
    );
}

fn text(args: &[&str]) -> (i32, String, String) {
    let out = bote(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Acceptance 1: a range's own ends and median, within the display precision.
#[test]
fn a_range_is_its_own_ninety_percent_interval() {
    let (code, out, _) = text(&["eval", "x = 1 MB to 3 MB; p(x, 5%); p(x, 95%); median(x)"]);
    assert_eq!(code, 0);
    assert_eq!(out, "x = 1.73 MB (1–3)\n1 MB\n3 MB\n1.73 MB\n");
}

/// Acceptance 2: every use of a range shares its samples.
#[test]
fn a_range_minus_itself_is_exactly_zero() {
    let (code, out, _) = text(&["eval", "x = 300M to 700M; x - x; x / x"]);
    assert_eq!(code, 0);
    assert_eq!(out, "x = 458M (300M–700M)\n0\n1\n");
    let values = eval("1000", &["x = 300M to 700M", "x - x", "p(x - x, 99%)"]);
    assert_eq!(values[1..], [0.0, 0.0]);
}

/// The product and the quotient of two log-normals are log-normal: μ and σ² add (σ² adds for
/// the quotient too, μ subtracts).
#[test]
fn products_and_quotients_of_ranges_match_the_analytic_percentiles() {
    let (a, b, c, d) = (2.0_f64, 8.0_f64, 100.0_f64, 400.0_f64);
    let mu = |lo: f64, hi: f64| (lo.ln() + hi.ln()) / 2.0;
    let sigma = |lo: f64, hi: f64| (hi.ln() - lo.ln()) / (2.0 * Z95);
    let s = (sigma(a, b).powi(2) + sigma(c, d).powi(2)).sqrt();
    for (op, m) in [("*", mu(a, b) + mu(c, d)), ("/", mu(a, b) - mu(c, d))] {
        let x = format!("x = (2 to 8) {op} (100 to 400)");
        let got = eval("100000", &[&x, "p(x, 5%)", "median(x)", "p(x, 95%)"]);
        for (got, z, what) in [
            (got[1], -Z95, "p5"),
            (got[2], 0.0, "p50"),
            (got[3], Z95, "p95"),
        ] {
            within(got, (m + z * s).exp(), 0.01, &format!("{op} {what}"));
        }
    }
}

/// A sum of normals is normal; a uniform's percentiles are linear.
#[test]
fn sums_of_normals_and_uniforms_match_the_analytic_percentiles() {
    let got = eval(
        "100000",
        &[
            "x = normal(100, 10) + normal(50, 20)",
            "p(x, 5%)",
            "median(x)",
            "p(x, 95%)",
        ],
    );
    let sd = (10.0_f64.powi(2) + 20.0_f64.powi(2)).sqrt();
    within(got[1], 150.0 - Z95 * sd, 0.01, "normal p5");
    within(got[2], 150.0, 0.01, "normal p50");
    within(got[3], 150.0 + Z95 * sd, 0.01, "normal p95");
    let got = eval(
        "100000",
        &[
            "u = uniform(2 s, 6 s)",
            "p(u, 5%)",
            "median(u)",
            "p(u, 95%)",
        ],
    );
    within(got[1], 2.2, 0.01, "uniform p5");
    within(got[2], 4.0, 0.01, "uniform p50");
    within(got[3], 5.8, 0.01, "uniform p95");
}

/// `prob(x > t)` within half a percentage point of the log-normal's tail.
#[test]
fn prob_matches_the_analytic_probability() {
    // P(X > t) = Q((ln t − μ) / σ) with Q the normal tail, from erfc.
    fn erfc(x: f64) -> f64 {
        // Abramowitz and Stegun 7.1.26 is only good to 1e-7; integrate the tail instead.
        let (mut sum, steps, end) = (0.0, 200_000, x + 12.0);
        let h = (end - x) / f64::from(steps);
        for i in 0..steps {
            let t = x + (f64::from(i) + 0.5) * h;
            sum += (-t * t).exp() * h;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }
    let (lo, hi) = (100.0_f64, 300.0_f64);
    let mu = (lo.ln() + hi.ln()) / 2.0;
    let sigma = (hi.ln() - lo.ln()) / (2.0 * Z95);
    for t in [120.0_f64, 200.0, 280.0] {
        let z = (t.ln() - mu) / sigma;
        let want = 0.5 * erfc(z / std::f64::consts::SQRT_2);
        let expr = format!("prob(x > {t})");
        let got = eval("100000", &["x = 100 to 300", &expr])[1];
        assert!(
            (got - want).abs() <= 0.005,
            "P(X > {t}) = {got}, want {want}"
        );
    }
}

/// An uncertain availability compares and averages by what it lacks of 1, so high nines
/// survive (found by review: `prob` said 0% where the answer is 50%).
#[test]
fn an_uncertain_availability_keeps_its_nines() {
    let (code, out, _) = text(&[
        "eval",
        "a = availability(nines(12) to nines(13)); prob(a > nines(12.5)); mean(a)",
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "50%");
    assert!(lines[2].contains("12."), "{out}");
    let (code, _, err) = text(&["sla", "99.9% to 99.99%"]);
    assert_eq!(code, 2);
    assert!(err.contains("take certain numbers"), "{err}");
}

/// An uncertain availability: no trial above 100%, and its median unavailability is the
/// geometric mean of the ends'.
#[test]
fn an_availability_range_never_exceeds_one_hundred_percent() {
    let got = eval(
        "100000",
        &[
            "a = availability(99.9% to 99.99%)",
            "p(a, 100%)",
            "1 - median(a)",
            "prob(a > 100%)",
        ],
    );
    assert!(got[1] < 1.0, "the largest trial is {}", got[1]);
    within(
        got[2],
        (0.001_f64 * 0.0001).sqrt(),
        0.01,
        "median unavailability",
    );
    assert_eq!(got[3], 0.0);
}

/// Acceptance 3: the same seed gives the same output; another seed moves only digits within
/// sampling noise.
#[test]
fn a_seed_reproduces_a_run_and_another_differs_within_noise() {
    let run = |seed: &str| {
        let out = bote(&[
            "run",
            "--format",
            "json",
            "--seed",
            seed,
            "scenarios/photo_sharing_ranges.bote",
        ]);
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            json(&out),
        )
    };
    let (first, a) = run("7");
    let (again, _) = run("7");
    assert_eq!(first, again);
    let (other, b) = run("8");
    assert_ne!(first, other);
    assert_eq!(a["seed"], 7);
    assert_eq!(a["samples"], 10000);
    let (a, b) = (
        a["values"].as_array().unwrap(),
        b["values"].as_array().unwrap(),
    );
    for (x, y) in a.iter().zip(b) {
        let Some(dx) = x.get("distribution") else {
            continue;
        };
        for q in ["p5", "p50", "p95"] {
            let (p, r) = (
                dx[q].as_f64().unwrap(),
                y["distribution"][q].as_f64().unwrap(),
            );
            within(r, p, 0.03, &format!("{} {q}", x["name"]));
        }
    }
}

/// A scenario without ranges is the same JSON as before: schema 1, no sampling fields.
#[test]
fn a_plan_without_ranges_has_no_sampling_fields() {
    let doc = json(&bote(&[
        "run",
        "--format",
        "json",
        "scenarios/photo_sharing.bote",
    ]));
    assert_eq!(doc["schema"], 1);
    assert!(doc.get("samples").is_none() && doc.get("seed").is_none());
    let with = json(&bote(&[
        "run",
        "--format",
        "json",
        "scenarios/photo_sharing_ranges.bote",
    ]));
    assert_eq!(with["schema"], 2);
}

/// Bad input: each is an error at its source with exit 2, or a documented result.
#[test]
fn bad_ranges_are_errors_that_say_what_to_write() {
    for (expr, message) in [
        (
            "1 GB to 3 s",
            "the ends of a range have different dimensions",
        ),
        ("0 to 5", "the low end of a range must be above 0"),
        ("x = -1 to 3", "the low end of a range must be above 0"),
        ("5 to 1", "the low end of a range is above its high end"),
        ("normal(1 GB, 2 s)", "needs arguments of one dimension"),
        ("normal(1, -1)", "a standard deviation cannot be negative"),
        ("pert(3, 1, 2)", "`pert` needs min ≤ mode ≤ max"),
        (
            "x = 1 to 3; p(x, 150%)",
            "a percentile must lie from 0% to 100%",
        ),
        (
            "x = 1 to 3; assert x < 5",
            "must say which summary it means",
        ),
        (
            "x = 1 to 3; (x to 5)",
            "the ends of a range must be certain",
        ),
        ("prob(5)", "`prob` needs a comparison"),
        ("availability(1 GB to 2 GB)", "needs fractions at both ends"),
    ] {
        let (code, out, err) = text(&["eval", expr]);
        assert_eq!(code, 2, "{expr}: {out}{err}");
        assert!(err.contains(message), "{expr}: {err}");
        assert!(err.contains(" --> "), "{expr} has no position: {err}");
    }
    // Documented results: equal ends are a constant, a certain value is its own percentile.
    assert_eq!(text(&["eval", "5 to 5"]).1, "5\n");
    assert_eq!(text(&["eval", "uniform(5, 5)"]).1, "5\n");
    assert_eq!(text(&["eval", "p(7 GB, 95%)"]).1, "7 GB\n");
    for args in [
        &["eval", "--samples", "0", "1"][..],
        &["eval", "--samples", "99", "1"],
        &["eval", "--samples", "1e12", "1"],
        &["eval", "--samples", "10000001", "1"],
        &["eval", "--seed", "x", "1"],
    ] {
        let (code, _, err) = text(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("invalid value"), "{args:?}: {err}");
    }
}

/// `to` before a unit still converts; a conversion after a range applies to all of it.
/// Every conversion that worked before ranges still converts (found by review).
#[test]
fn to_converts_before_a_unit_and_ranges_before_a_value() {
    for (expr, want) in [
        ("price = $0.02; price to $", "price = $0.02\n$0.02\n"),
        ("$0.50/month to $/day", "$0.0164 /day\n"),
        ("1 MB/s to (GB/s)", "0.001 (GB/s)\n"),
        ("100 /day to 1/s", "0.00116 1/s\n"),
        ("x = 1 /s; x to QPS", "x = 1 /s\n1 QPS\n"),
        ("100 users/day to users/s", "0.00116 users/s\n"),
        (
            "unit req; daily = 100 req/day; daily to req/s",
            "daily = 100 req/day\n0.00116 req/s\n",
        ),
    ] {
        let (code, out, err) = text(&["eval", expr]);
        assert_eq!((code, out.as_str()), (0, want), "{expr}: {err}");
    }
    // A bare low end takes the high end's units, never its values or scale.
    assert_eq!(text(&["eval", "100 to 300 /s"]).1, "173 /s (100–300)\n");
    assert_eq!(
        text(&["eval", "lo = 5; 1 to 15 / lo"]).1,
        "lo = 5\n1.73 (1–3)\n"
    );
    assert_eq!(text(&["eval", "1 GB to MB"]).1, "1000 MB\n");
    // A conversion to a unit of another dimension is still a conversion error.
    assert!(text(&["eval", "1 GB to /s"]).2.contains("cannot convert"));
    let (code, out, _) = text(&["eval", "lo = 1 MB; hi = 3 MB; r = lo to hi; r to KB"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "lo = 1 MB\nhi = 3 MB\nr = 1.73 MB (1–3)\n1732 KB (1000–3000)\n"
    );
}

/// Acceptance 4 and 5: `--sensitivity` ranks the uncertain inputs, `--tornado` the inputs of
/// a plan without ranges, and `--plot` draws a histogram that fits 80 columns.
#[test]
fn charts_rank_the_inputs_and_fit_the_terminal() {
    let (code, out, err) = text(&[
        "run",
        "scenarios/photo_sharing_ranges.bote",
        "--plot",
        "peak_view_qps",
        "--sensitivity",
        "total_storage",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let plot = &out[out
        .find("peak_view_qps: 10,000 samples")
        .expect("a histogram")..];
    for mark in ["◀ p5", "◀ p50", "◀ p95"] {
        assert!(plot.contains(mark), "{plot}");
    }
    // total_storage = dau × upload_share × photo × …: the three inputs with ranges, the
    // widest first (upload_share and photo span a factor of 3, dau one of 2.33).
    let ranking = &out[out
        .find("total_storage: which")
        .expect("a sensitivity chart")..];
    let first: Vec<&str> = ranking
        .lines()
        .skip(2)
        .take(3)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(first.len(), 3);
    assert!(
        first[..2].contains(&"upload_share") && first[..2].contains(&"photo"),
        "{ranking}"
    );
    assert_eq!(first[2], "dau", "{ranking}");

    let (code, out, err) = text(&[
        "run",
        "scenarios/photo_sharing.bote",
        "--tornado",
        "total_storage",
    ]);
    assert_eq!(code, 0, "{err}");
    let tornado = &out[out
        .find("total_storage: each input ±20%")
        .expect("a tornado")..];
    // Storage is a product of dau, photo, retention and replication: ±20% on each moves it
    // ±20%, from 110 PB to 87.7 PB and 131 PB; peak_factor does not move it.
    for input in ["dau", "photo", "retention", "replication"] {
        let line = tornado.lines().find(|l| l.starts_with(input)).expect(input);
        assert!(line.ends_with("87.7 PB  131 PB"), "{line}");
    }
    let last = tornado.lines().last().expect("a row");
    assert!(
        last.starts_with("peak_factor") && last.ends_with("110 PB  110 PB"),
        "{last}"
    );

    for args in [
        &[
            "run",
            "scenarios/photo_sharing.bote",
            "--plot",
            "total_storage",
        ][..],
        &["run", "scenarios/photo_sharing.bote", "--tornado", "nope"],
        &[
            "run",
            "scenarios/photo_sharing_ranges.bote",
            "--plot",
            "dau",
            "--format",
            "json",
        ],
    ] {
        assert_eq!(text(args).0, 2, "{args:?}");
    }
}

/// `--set` turns an input into a range, or pins one; a bare assertion on what then becomes
/// uncertain is the usual error.
#[test]
fn set_makes_and_pins_ranges() {
    let (code, out, _) = text(&[
        "run",
        "scenarios/photo_sharing_ranges.bote",
        "--set",
        "dau=500M",
    ]);
    assert_eq!(code, 0);
    let dau = out
        .lines()
        .find(|l| l.starts_with("│ dau "))
        .expect("a dau row");
    assert!(dau.contains("┆            500M ┆"), "{dau}");
    let (code, _, err) = text(&[
        "run",
        "scenarios/photo_sharing.bote",
        "--set",
        "dau=300M to 700M",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("assert p(peak_view_qps, 95%) < 1M / s"),
        "{err}"
    );
    let (code, out, _) = text(&["eval", "--format", "json", "x = 1 to 3"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"distribution\""), "{out}");
}
