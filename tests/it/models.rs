//! Issue 13, capacity models as functions of the language: each acceptance figure through the
//! binary (the base value to 1e-9 and the display), each function against its closed form,
//! Erlang C against published tables, ranges through the models, and the exit status of bad
//! input (the diagnostics themselves are fixtures under `tests/errors/`).

use crate::common::{bote, json};

/// Each expression's JSON entry, from one `bote eval --format json`.
fn entries(exprs: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["eval", "--format", "json"];
    args.extend_from_slice(exprs);
    let doc = json(&bote(&args));
    doc.as_array().expect("an array").clone()
}

fn base(entry: &serde_json::Value) -> f64 {
    entry["base_value"].as_f64().expect("base_value")
}

fn close(got: f64, want: f64, relative: f64) -> bool {
    (got - want).abs() <= relative * want.abs()
}

const TB: f64 = 1e12;

#[test]
fn the_acceptance_figures() {
    // (expression, base value, display)
    let cases: &[(&str, f64, &str)] = &[
        ("grow(100 TB, 20% / year, 3 years)", 172.8 * TB, "173 TB"),
        (
            "grow(100 TB, 20% / year, 18 months)",
            100.0 * TB * 1.2f64.powf(1.5),
            "131 TB",
        ),
        (
            "accumulate(2 TB / day, 20% / year, 5 years) -> TB",
            2.0 * TB * 365.25 * (1.2f64.powi(5) - 1.0) / 1.2f64.ln(),
            "5963 TB",
        ),
        ("headroom(700 /s, 30%)", 1000.0, "1K /s"),
        ("fanout_slow(1%, 100)", 1.0 - 0.99f64.powi(100), "63.4%"),
        ("leaf_percentile(99%, 100)", 0.99f64.powf(0.01), "99.99%"),
        ("mm1_wait(80%, 10 ms)", 0.04, "40 ms"),
        ("mm1_response(80%, 10 ms)", 0.05, "50 ms"),
        ("servers_for(1000 /s, 10 ms, 1 ms)", 13.0, "13"),
        ("servers(700 /s, 100 /s, 30%)", 10.0, "10"),
    ];
    let exprs: Vec<&str> = cases.iter().map(|c| c.0).collect();
    for (entry, &(expr, want, display)) in entries(&exprs).iter().zip(cases) {
        assert!(close(base(entry), want, 1e-9), "{expr}: {entry}");
        assert_eq!(entry["display"], display, "{expr}");
    }
    // 2 TB a day for 5 years at 20% a year is about 5,963 TB.
    let accumulated = base(&entries(&["accumulate(2 TB / day, 20% / year, 5 years)"])[0]);
    assert!((accumulated / TB - 5_963.0).abs() < 1.0, "{accumulated}");
}

#[test]
fn erlang_c_against_published_tables_and_its_closed_form() {
    let got = entries(&[
        // Offered load λS = 10 erlangs on 12 servers: 0.4494 in published Erlang C tables.
        "erlang_c(1000 /s, 10 ms, 12)",
        // A = 2 on 3 servers: 4/9 exactly; A = 1 on 2: 1/3.
        "erlang_c(2 /s, 1 s, 3)",
        "erlang_c(1 /s, 1 s, 2)",
        // One server: the probability of waiting is the utilisation, and the wait M/M/1's.
        "erlang_c(80 /s, 10 ms, 1)",
        "mmc_wait(80 /s, 10 ms, 1)",
        // mmc_wait = C × S / (c − A).
        "mmc_wait(1000 /s, 10 ms, 12)",
    ]);
    assert!(close(base(&got[0]), 0.4494, 2e-4), "{}", got[0]);
    assert_eq!(got[0]["display"], "44.9%");
    assert!(close(base(&got[1]), 4.0 / 9.0, 1e-12));
    assert!(close(base(&got[2]), 1.0 / 3.0, 1e-12));
    assert!(close(base(&got[3]), 0.8, 1e-12));
    assert!(close(base(&got[4]), 0.04, 1e-12));
    assert!(close(base(&got[5]), base(&got[0]) * 0.01 / 2.0, 1e-12));
    // The fewest servers: 13 meets a 1 ms mean wait, 12 does not.
    let around = entries(&[
        "mmc_wait(1000 /s, 10 ms, 12)",
        "mmc_wait(1000 /s, 10 ms, 13)",
    ]);
    assert!(base(&around[0]) > 0.001 && base(&around[1]) <= 0.001);
}

#[test]
fn erlang_c_is_stable_at_ten_thousand_servers() {
    let got = entries(&[
        "erlang_c(9900 /s, 1 s, 10000)",
        "mmc_wait(9900 /s, 1 s, 10000)",
        "servers_for(9900 /s, 1 s, 10 ms)",
    ]);
    let waits = base(&got[0]);
    assert!(waits > 0.0 && waits < 1.0, "{waits}");
    // The textbook sum of A^k / k!, worked apart in log space (lgamma): 0.2227769.
    assert!(close(waits, 0.222_776_9, 1e-6), "{waits}");
    assert!(base(&got[1]) > 0.0 && base(&got[1]).is_finite());
    let c = base(&got[2]);
    assert!(c > 9_900.0 && c < 11_000.0 && c.fract() == 0.0, "{c}");
}

#[test]
fn growth_compounds_per_the_period_the_rate_is_stated_in() {
    let got = entries(&[
        "growth = 20% / year",
        "grow(100 TB, growth, 3 years)",
        "grow(1, 20% per year, 3 years)",
        "grow(1, 5% / (6 months), 1 year)",
        "grow(1, 5% / 6 months, 1 year)",
        "grow(1, -10% / year, 2 years)",
        "grow(1, 0.2 / year, 3 years)",
        // Compounding per second would give e^0.6 = 1.822.
        "grow(1, 20% / year, 3 years)",
    ]);
    assert!(close(base(&got[1]), 172.8 * TB, 1e-9));
    assert!(close(base(&got[2]), 1.728, 1e-9));
    assert!(close(base(&got[3]), 1.05f64.powi(2), 1e-9));
    assert!(close(base(&got[4]), 1.05f64.powi(2), 1e-9));
    assert!(close(base(&got[5]), 0.81, 1e-9));
    assert!(close(base(&got[6]), 1.728, 1e-9));
    assert!(!close(base(&got[7]), 0.6f64.exp(), 1e-3));
}

#[test]
fn accumulate_is_the_integral_and_flat_is_rate_times_time() {
    let got = entries(&[
        "accumulate(2 TB / day, 0% / year, 5 years)",
        "2 TB / day * 5 years",
        "accumulate(2 TB / day, 1e-12% / year, 5 years)",
        "accumulate($1000 / month, 10% / year, 2 years)",
    ]);
    assert_eq!(base(&got[0]), base(&got[1]));
    assert!(close(base(&got[2]), base(&got[1]), 1e-9));
    // $12K a year, growing 10% a year, over 2 years: 12K × (1.1² − 1) / ln 1.1.
    assert!(close(base(&got[3]), 12_000.0 * 0.21 / 1.1f64.ln(), 1e-9));
    assert_eq!(got[3]["base_unit"], "$");
}

#[test]
fn headroom_divides_and_does_not_multiply() {
    let got = entries(&[
        "headroom(700 /s, 30%)",
        "700 /s + 30%",
        "headroom(1 PB, 0%)",
    ]);
    assert!(close(base(&got[0]), 1000.0, 1e-12));
    assert!(close(base(&got[1]), 910.0, 1e-12));
    assert!(close(base(&got[2]), 1e15, 1e-12));
    // ceil(peak / (per_server × (1 − h))), with no floating-point noise to round up.
    let got = entries(&[
        "servers(50K /s, 2K /s, 40%)",
        "servers(50K /s, 2K /s, 0%)",
        "servers(0 /s, 2K /s, 30%)",
    ]);
    assert_eq!(base(&got[0]), 42.0);
    assert_eq!(base(&got[1]), 25.0);
    assert_eq!(base(&got[2]), 0.0);
}

#[test]
fn the_tail_at_scale_closed_forms() {
    let got = entries(&[
        "fanout_slow(1%, 1)",
        "fanout_slow(0.01%, 2000)",
        "leaf_percentile(99.9%, 1)",
        "leaf_percentile(99%, 50)",
    ]);
    assert!(close(base(&got[0]), 0.01, 1e-12));
    assert!(close(base(&got[1]), 1.0 - 0.9999f64.powi(2000), 1e-12));
    assert!(close(base(&got[2]), 0.999, 1e-12));
    assert!(close(base(&got[3]), 0.99f64.powf(1.0 / 50.0), 1e-12));
}

#[test]
fn ranges_pass_through_the_models_unchanged() {
    let got = entries(&[
        "grow(1 TB to 2 TB, 20% / year, 3 years)",
        "1 TB to 2 TB",
        "mm1_wait(50% to 70%, 10 ms)",
        "grow(100 TB, (10% to 30%) / year, 3 years)",
    ]);
    let median = |e: &serde_json::Value| e["distribution"]["p50"].as_f64().expect("p50");
    assert!(close(median(&got[0]), 1.728 * median(&got[1]), 0.01));
    assert!(close(median(&got[0]), 1.728 * 2f64.sqrt() * TB, 0.01));
    // The median utilisation is √(50% × 70%): M/M/1 is monotone, so its wait is the median's.
    let rho = (0.5f64 * 0.7).sqrt();
    assert!(close(median(&got[2]), rho * 0.01 / (1.0 - rho), 0.01));
    let r = (0.1f64 * 0.3).sqrt();
    assert!(close(median(&got[3]), 100.0 * TB * (1.0 + r).powi(3), 0.01));
    assert!(got[3]["distribution"]["p5"].as_f64().unwrap() < 140.0 * TB);
}

#[test]
fn bad_input_exits_2_with_a_caret() {
    for expr in [
        "grow(100 TB, 20%, 3 years)",
        "g = 20% / year; grow(100 TB, g * 2, 3 years)",
        "grow(100 TB, 20% / year, -3 years)",
        "grow(100 TB, -100% / year, 3 years)",
        "mm1_wait(100%, 10 ms)",
        "erlang_c(1000 /s, 10 ms, 10)",
        "fanout_slow(1%, 0)",
        "leaf_percentile(99%, 2.5)",
        "servers_for(1e9 /s, 10 ms, 1 ms)",
        "erlang_c(1000 /s, 10 ms, 12.5)",
        "headroom(1 TB, -5%)",
        "mm1_wait(80%, 10 GB)",
        "grow(1 B, -99.9999% / day, 100 years)",
        "erlang_c(1 /s, 1 s, 200)",
    ] {
        let out = bote(&["eval", expr]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{expr}: {stderr}");
        assert!(out.stdout.is_empty(), "{expr}");
        assert!(stderr.contains('^'), "{expr}: {stderr}");
    }
}

#[test]
fn the_year_is_the_julian_year() {
    // 20% a year over 365.25 days: growing for exactly one such year gives 1.2.
    let got = entries(&["grow(1, 20% / year, 365.25 days)"]);
    assert!(close(base(&got[0]), 1.2, 1e-12));
}

#[test]
fn set_and_vary_keep_the_period_of_a_growth_rate() {
    let scenario = "scenarios/api_tier.bote";
    // `--set` states its own period: 30% a year for 3 years (the scenario's assertions,
    // written for 20%, fail: exit 1).
    let out = bote(&[
        "run",
        scenario,
        "--set",
        "growth=30% / year",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let values = doc["values"].as_array().unwrap();
    let peak = values.iter().find(|v| v["name"] == "peak").unwrap();
    assert!(close(base(peak), 20_000.0 * 1.3f64.powi(3), 1e-9), "{peak}");
    // A value in base units states none: an error, never a compounding per second.
    let out = bote(&["run", scenario, "--set", "growth=6.3e-9 * (1/s)"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("period of this rate"));
    // A sweep steps in base units and compounds per the period its ends state: both the same.
    let out = bote(&["sweep", scenario, "--vary", "growth=10%/month..100%/year"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("different periods"), "{stderr}");
    let doc = json(&bote(&[
        "sweep",
        scenario,
        "--vary",
        "growth=10%/month..20%/month",
        "--steps",
        "2",
        "--show",
        "peak",
        "--format",
        "json",
    ]));
    // 10% a month for 36 months: 20K /s × 1.1^36; 20% a month: × 1.2^36.
    for (point, monthly) in [(0, 1.1f64), (1, 1.2)] {
        let got = base(&doc[point]["peak"]);
        let want = 20_000.0 * monthly.powi(36);
        assert!(close(got, want, 1e-9), "{got} vs {want}");
    }
}
