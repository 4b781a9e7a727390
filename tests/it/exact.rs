//! Issue 8: numbers come back as typed. No floating-point noise in JSON, availabilities near 1
//! keep their nines, a count of nines is never `-0` or `inf`, and a failed comparison shows
//! the digits that differ.

use crate::common::{bote, json, scratch};

/// The significant digits of a number as JSON writes it: `0.999` has 3.
fn significant_digits(n: &serde_json::Number) -> usize {
    let text = n.to_string();
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if mantissa.contains('.') || !text.contains('.') {
        digits.trim_end_matches('0')
    } else {
        digits
    };
    digits.len()
}

fn numbers(value: &serde_json::Value, out: &mut Vec<serde_json::Number>) {
    match value {
        serde_json::Value::Number(n) => out.push(n.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| numbers(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| numbers(v, out)),
        _ => {}
    }
}

#[test]
fn slo_json_has_no_floating_point_noise() {
    let doc = json(&bote(&[
        "slo",
        "99.9%",
        "--requests",
        "1bn",
        "--format",
        "json",
    ]));
    assert_eq!(doc["slo"], 0.999);
    assert_eq!(doc["budget_requests"], 1_000_000.0);
    assert_eq!(doc["budget_s"], 2592.0);
    let mut all = Vec::new();
    numbers(&doc, &mut all);
    for n in &all {
        assert!(significant_digits(n) <= 6, "noise in {n}");
    }
}

#[test]
fn a_percentage_is_read_from_its_digits() {
    let doc = json(&bote(&[
        "eval", "--format", "json", "99.9%", "99.99%", "0.7%", "1_000%", "2.5e1%",
    ]));
    let got: Vec<f64> = (0..5)
        .map(|i| doc[i]["base_value"].as_f64().unwrap())
        .collect();
    assert_eq!(got, [0.999, 0.9999, 0.007, 10.0, 0.25]);
    // In `bote sla` too: the availability as typed.
    let doc = json(&bote(&["sla", "99.99%", "--format", "json"]));
    assert_eq!(doc["availabilities"][0]["fraction"], 0.9999);
    assert_eq!(doc["availabilities"][0]["downtime_s"]["day"], 8.64);
}

fn eval_lines(exprs: &[&str]) -> Vec<String> {
    let mut args = vec!["eval"];
    args.extend_from_slice(exprs);
    let out = bote(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn availabilities_near_one_keep_their_nines() {
    let lines = eval_lines(&[
        "parallel(99%, 99%, 99%, 99%, 99%, 99%, 99%, 99%)",
        "nines(20)",
        "nines(20) * nines(20)",
        "k_of_n(1, 10, 99%)",
        "max(nines(19), nines(20))",
        "1 - nines(20)",
        "nines(20) -> %",
        "assert nines(20) > nines(19)",
    ]);
    assert_eq!(
        lines,
        [
            "99.99999999999999% (16 nines)",
            "99.999999999999999999% (20 nines)",
            "99.999999999999999998% (19.7 nines)",
            "99.999999999999999999% (20 nines)",
            "99.999999999999999999% (20 nines)",
            "1e-20",
            "99.999999999999999999%",
        ]
    );
    let doc = json(&bote(&["sla", "nines(20)", "--format", "json"]));
    let row = &doc["availabilities"][0];
    assert_eq!(row["unavailability"], 1e-20);
    assert_eq!(row["nines"], 20.0);
    assert_eq!(row["downtime_s"]["day"], 8.64e-16);
}

#[test]
fn availabilities_near_zero_keep_their_digits() {
    // Replicas up 1e-17 or 1e-10 of the time: what they lack of 1 is 1 in floating point, or
    // nearly, and `k_of_n` once answered 0% for all three (they are 2e-17, 1e-20, 1e-30).
    let lines = eval_lines(&[
        "k_of_n(1, 2, 1e-17)",
        "k_of_n(2, 2, 1e-10)",
        "k_of_n(3, 3, 1e-10)",
    ]);
    assert_eq!(
        lines,
        ["2e-15% (0 nines)", "1e-18% (0 nines)", "1e-28% (0 nines)"]
    );
}

#[test]
fn a_count_of_nines_is_never_minus_zero_or_infinite() {
    let lines = eval_lines(&["availability(1e-300)", "availability(100%)", "nines(0)"]);
    assert_eq!(lines, ["1e-298% (0 nines)", "100% (no downtime)", "0%"]);
    let doc = json(&bote(&["sla", "100%", "1e-300", "--format", "json"]));
    assert_eq!(doc["availabilities"][0]["nines"], serde_json::Value::Null);
    assert_eq!(doc["availabilities"][0]["display"], "100% (no downtime)");
    assert_eq!(doc["availabilities"][1]["nines"].to_string(), "0.0");
    // The scenario table has no `inf` in its nines column.
    let file = scratch(
        "perfect.bote",
        "perfect = availability(100%)\nnone = availability(1e-300)\n",
    );
    let out = bote(&["run", file.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(!table.contains("inf") && !table.contains("-0"), "{table}");
    assert!(
        table.contains("│ perfect ┆      100% ┆     — ┆   0 s ┆"),
        "{table}"
    );
    let doc = json(&bote(&["run", "--format", "json", file.to_str().unwrap()]));
    assert_eq!(
        doc["values"][0]["availability"]["nines"],
        serde_json::Value::Null
    );
    assert_eq!(doc["values"][1]["availability"]["nines"].to_string(), "0.0");
}

#[test]
fn a_failed_comparison_shows_the_digits_that_differ() {
    let out = bote(&["eval", "assert 1 == 1 + 1e-11"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("^^^^^^^^^ 1.00000000001"), "{stderr}");
    let out = bote(&["eval", "--format", "json", "assert 10 GB == 10 GB + 1 KB"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc[0]["lhs"]["display"], "10 GB");
    assert_eq!(doc[0]["rhs"]["display"], "10.000001 GB");
    // A passing one keeps the usual precision.
    let out = bote(&["eval", "assert 1 == 1 + 1e-13", "1 + 1e-11"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
}

#[test]
fn inputs_are_shown_as_written() {
    let file = scratch(
        "ads.bote",
        "impressions = 20bn / day\nretention = 5 years\nlink = 10 Gbps\n\
         shown = 20bn / day -> /s\nclicks = impressions * 2\n",
    );
    let path = file.to_str().unwrap();
    let doc = json(&bote(&["run", "--format", "json", path]));
    let display: Vec<&str> = (0..5)
        .map(|i| doc["values"][i]["display"].as_str().unwrap())
        .collect();
    assert_eq!(
        display,
        [
            "20bn /day",
            "5 years",
            "10 Gbps (1.25 GB/s)",
            "231K /s",
            "463K /s"
        ]
    );
    assert_eq!(doc["values"][0]["value"], 2e10);
    assert_eq!(doc["values"][0]["unit"], "/day");
    assert_eq!(doc["values"][0]["base_value"], 231481.481481481);
    assert_eq!(doc["values"][0]["base_unit"], "1/s");
    let out = bote(&["run", path]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("│ impressions ┆           20bn /day │"),
        "{table}"
    );
}
