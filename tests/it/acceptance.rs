//! The acceptance table of the engine issue, run through the binary with `--format json`.
//! Expected figures are the issue's, worked by hand: base values within 0.1%.

use crate::common::{bote, bote_with_stdin, json};

fn eval_json(expr: &str) -> serde_json::Value {
    json(&bote(&["eval", "--format", "json", expr]))[0].clone()
}

#[test]
fn acceptance_table() {
    // (expression, base value, base unit, display)
    let table: &[(&str, f64, &str, &str)] = &[
        ("100M * 10 / day -> /s", 11574.07, "1/s", "11.6K /s"),
        ("100 million * 5 / day", 5787.04, "1/s", "5.79K /s"),
        ("10K / s * 10 KB -> Mbps", 1e8, "B/s", "800 Mbps"),
        ("1K / s * 1 MB -> Gbps", 1e9, "B/s", "8 Gbps"),
        (
            "1M / day * 2 MB * 5 years * 3 -> PB",
            1.09575e16,
            "B",
            "11 PB",
        ),
        ("1bn * 100 B / day * 365 day -> TB", 3.65e13, "B", "36.5 TB"),
        ("(1 - 99.99%) * 1 year -> min", 3155.76, "s", "52.6 min"),
        ("(1 - 99.9%) * 1 month -> min", 2629.8, "s", "43.8 min"),
        ("2^30 B -> GiB", 1073741824.0, "B", "1 GiB"),
        ("1 GiB -> MB", 1073741824.0, "B", "1074 MB"),
        ("1 Gbps -> MB/s", 1.25e8, "B/s", "125 MB/s"),
        ("10 Gbps * 1 h -> TB", 4.5e12, "B", "4.5 TB"),
        ("500 B", 500.0, "B", "500 B"),
        ("1 KB -> B", 1000.0, "B", "1000 B"),
        ("3 days -> s", 259200.0, "s", "259200 s"),
    ];
    for &(expr, base, unit, display) in table {
        let r = eval_json(expr);
        let got = r["base_value"].as_f64().expect("base_value");
        assert!(
            ((got - base) / base).abs() < 1e-3,
            "{expr}: base value {got}, expected {base}"
        );
        assert_eq!(r["base_unit"], unit, "{expr}");
        assert_eq!(r["display"], display, "{expr}");
        assert_eq!(r["expr"], expr);
    }
}

#[test]
fn rejected_inputs_exit_2_with_a_position() {
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let cases = [
        "1 GB + 1 s",
        "2 +",
        "foo * 3",
        "dya",
        "1 Mbps -> GB",
        "1 / 0",
        "0 / 0",
        "1e999999",
        "10 KB ->",
        deep.as_str(),
    ];
    for expr in cases {
        // Through stdin: 100,000 parentheses exceed the operating system's argument limit.
        let out = bote_with_stdin(&["eval", "-"], Some(expr.as_bytes()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let short: String = expr.chars().take(30).collect();
        assert_eq!(out.status.code(), Some(2), "{short}: {stderr}");
        assert!(stderr.starts_with("error: "), "{short}: {stderr}");
        assert!(stderr.contains(" --> <stdin>:1:"), "{short}: {stderr}");
        assert!(!stderr.contains("panicked"), "{short}: {stderr}");
    }
}

#[test]
fn typo_gets_a_suggestion() {
    let out = bote(&["eval", "3 dya"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `day`?"));
}
