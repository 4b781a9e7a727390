//! Issue 8: inputs that used to give a wrong answer with exit 0, and the words people write.
//! Each test names the trap; each would fail on the code before the fix.

use crate::common::{bote, scratch};

/// The text `bote eval` prints for `expr`, which must succeed.
fn eval(expr: &str) -> String {
    let out = bote(&["eval", expr]);
    assert!(
        out.status.success(),
        "{expr}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// Exit code and stderr of `bote eval expr`, which must fail.
fn eval_error(expr: &str) -> (i32, String) {
    let out = bote(&["eval", expr]);
    assert!(!out.status.success(), "{expr} should fail");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_rate_after_a_slash_is_one_quantity() {
    assert_eq!(eval("1 GB / 100 MB/s"), "10 s");
    assert_eq!(eval("1 TB / 100 GB/day"), "10 days");
    assert_eq!(eval("1 TB / 100 GB per day"), "10 days");
    assert_eq!(eval("1 PB / 2 GB/s -> days"), "5.79 days");
    // A bare number keeps left-to-right reading.
    assert_eq!(eval("864 GB / 10 / day -> Mbps"), "8 Mbps");
    // A name after the `/` that is a definition, not a unit, reads left to right too.
    assert_eq!(
        eval("total = 1 TB; servers = 10; total / 10 GB / servers"),
        "total = 1 TB\nservers = 10\n10"
    );
}

#[test]
fn adding_a_percentage_literal_is_a_change_by_it() {
    assert_eq!(eval("1000 + 50%"), "1.5K");
    assert_eq!(eval("servers = 10; servers + 30%"), "servers = 10\n13");
    assert_eq!(eval("10 GB - 20%"), "8 GB");
    assert_eq!(eval("100K /s + 30% -> /s"), "130K /s");
    // Between percentages and availabilities, `+` adds.
    assert_eq!(eval("99.9% + 0.05%"), "99.95%");
    assert_eq!(eval("availability(99.9%) - 0.05%"), "99.85%");
    // `1 - 99.9%` means the same either way.
    assert_eq!(eval("1 - 99.9% -> %"), "0.1%");
    // A name holding a percentage, added to a plain number, could mean either.
    let (code, err) = eval_error("headroom = 30%; servers = 10; servers + headroom");
    assert_eq!(code, 2);
    assert!(err.contains("servers * (1 + headroom)"), "{err}");
    assert!(err.contains("servers + 1 * (headroom)"), "{err}");
    // So do a percentage on the left, an availability, and a product of literals.
    for expr in [
        "headroom = 30%; servers = 10; headroom + servers",
        "n = 1000; n + availability(99.9%)",
        "1000 + nines(3)",
        "1000 + 30% * 2",
        "30% + 1000",
        "x = 1000; x + 30%^2",
    ] {
        let (code, err) = eval_error(expr);
        assert_eq!(code, 2, "{expr}");
        assert!(err.contains("could mean two things"), "{expr}: {err}");
    }
    // A negative percentage literal is a change too.
    assert_eq!(eval("x = 2000; x + -30%"), "x = 2K\n1.4K");
    assert_eq!(eval("1000 - -20%"), "1.2K");
    // A percentage too close to 100% for a double is refused, not rounded to 100%.
    let (code, err) = eval_error("availability(99.99999999999999999%)");
    assert_eq!(code, 2);
    assert!(err.contains("too close to 100%"), "{err}");
}

#[test]
fn explain_shows_the_reading_of_a_percentage_change() {
    let file = scratch(
        "headroom.bote",
        "servers = 100\nwith_headroom = servers + 30%\n",
    );
    // The worked steps show the scaling.
    let out = bote(&["run", "--explain", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("= 100 × 1.3"), "{text}");
    let out = bote(&[
        "run",
        "--explain",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["values"][1]["steps"],
        serde_json::json!(["servers + 30%", "100 + 30%", "100 × 1.3", "130"])
    );
    let out = bote(&["run", "--format", "json", file.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["values"][1]["readings"][0],
        "servers + 30% = servers × 1.3"
    );
    assert_eq!(doc["values"][1]["base_value"], 130.0);
}

#[test]
fn percentages_stay_percentages() {
    assert_eq!(eval("ctr = 1%; ctr"), "ctr = 1%\n1%");
    assert_eq!(eval("hot = 20%; hot * 50%"), "hot = 20%\n10%");
    assert_eq!(eval("99.9% * 99.9%"), "99.8%");
    // Just above 100% is never shown as 100%.
    assert_eq!(eval("availability(99.9%) + 0.2%"), "100.1%");
    assert_eq!(eval("100.0001%"), "100.0001%");
    assert_eq!(eval("max(1%, 2%)"), "2%");
    assert_eq!(eval("x = -5%; x"), "x = -5%\n-5%");
    // Times a plain number, a percentage is a plain number.
    assert_eq!(eval("20% * 1000"), "200");
}

#[test]
fn count_words_annotate_a_number() {
    assert_eq!(eval("100M DAU * 10 requests / day -> QPS"), "11.6K QPS");
    assert_eq!(eval("100M users * 10 req/day -> /s"), "11.6K /s");
    assert_eq!(eval("10K QPS"), "10K /s");
    assert_eq!(eval("10K qps * 1 KB -> MB/s"), "10 MB/s");
    assert_eq!(eval("1M users * 2 photos/day * 2 MB -> TB/day"), "4 TB/day");
    assert_eq!(eval("5 msgs"), "5");
    // Soft: a definition may take a word's name, and then means itself.
    assert_eq!(eval("views = 3; views * 2"), "views = 3\n6");
    // After a number the word is a word, even where a definition takes its name.
    assert_eq!(
        eval("dau = 1M; posts = dau * 2 posts/day -> /day"),
        "dau = 1M\nposts = 2M /day"
    );
    // `unit NAME` still declares a checked count dimension.
    assert_eq!(eval("unit req; 10 req/s"), "10 req/s");
    // A word alone is not a value.
    let (code, err) = eval_error("users * 2");
    assert_eq!(code, 2);
    assert!(err.contains("`100M users`"), "{err}");
    // After a size or a duration, a count word is an error; after `1B`, the byte is named.
    let (code, err) = eval_error("1B users");
    assert_eq!(code, 2);
    assert!(err.contains("`1B` is one byte"), "{err}");
    let (_, err) = eval_error("10 GB photos");
    assert!(err.contains("`10 GB/photo`"), "{err}");
    // A declared unit takes every spelling of its word: `unit user` makes `users` a user.
    assert_eq!(
        eval("unit user; n = 100M users; k = 10 GB/user; n * k"),
        "n = 100M users\nk = 10 GB/user\n1 EB"
    );
    let (_, err) = eval_error("unit req; load = 10 req/s; load + 5 /s");
    assert!(err.contains("cannot add"), "{err}");
    // Misspelt words get a suggestion from the list.
    let (_, err) = eval_error("10K QSP");
    assert!(err.contains("did you mean `QPS`?"), "{err}");
}

#[test]
fn money_has_its_own_dimension_and_table() {
    assert_eq!(eval("$0.02/GB * 1 PB/month -> $/month"), "$20K /month");
    assert_eq!(eval("$0.02/GB * 1 PB/month"), "$20K /month");
    assert_eq!(eval("$0.023/GB/month * 500 TB"), "$11.5K /month");
    assert_eq!(eval("5 cents * 1M"), "$50K");
    assert_eq!(eval("100 USD - $150"), "-$50");
    let (code, err) = eval_error("$5 + 1 GB");
    assert_eq!(code, 2);
    assert!(err.contains("cannot add Money and Information"), "{err}");
    let out = bote(&["eval", "--format", "json", "$0.02/GB * 1 PB/month"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc[0]["unit"], "$/month");
    assert_eq!(doc[0]["base_unit"], "$/s");

    let file = scratch(
        "cost.bote",
        "stored = 1 PB\nprice = $0.023/GB/month\nmonthly = stored * price\n",
    );
    let out = bote(&["run", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Cost\n"), "{text}");
    assert!(text.contains("$23K /month"), "{text}");
    let out = bote(&["run", "--format", "json", file.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["values"][2]["kind"], "cost");
}

#[test]
fn overflow_and_underflow_are_errors() {
    let (code, err) = eval_error("1e300 s -> ns");
    assert_eq!(code, 2);
    assert!(err.contains("too large to represent in `ns`"), "{err}");
    let (code, err) = eval_error("1e307 -> %");
    assert_eq!(code, 2);
    assert!(err.contains("too large"), "{err}");
    let (code, err) = eval_error("1e-400");
    assert_eq!(code, 2);
    assert!(err.contains("number too small"), "{err}");
    assert_eq!(eval("0e-400"), "0");
    // A result too small for a double was shown as 0 (a wrong answer, exit 0).
    for expr in [
        "1e-300 * 1e-300",
        "1e-200 / 1e200",
        "10 ^ -400",
        "5e-324 s -> years",
    ] {
        let (code, err) = eval_error(expr);
        assert_eq!(code, 2, "{expr}");
        assert!(err.contains("too small to represent"), "{expr}: {err}");
    }
    assert_eq!(eval("0 * 1e-300"), "0");
}

#[test]
fn periods_and_tolerances_must_be_positive() {
    for expr in [
        "error_budget(99.9%, -30 days)",
        "downtime(99.9%, -1 year)",
        "burn_rate(5%, -30 days, 6 h)",
        "burn_rate(5%, 30 days, -6 h)",
        "assert 1 ~= 2 within -200%",
        "assert 1 ~= 2 within -5",
    ] {
        let (code, err) = eval_error(expr);
        assert_eq!(code, 2, "{expr}: {err}");
        assert!(err.contains('^'), "{expr}: no caret in {err}");
    }
}

#[test]
fn the_calendar_is_set_once() {
    for program in [
        "calendar year = 365 days; calendar year = 360 days; 1 year",
        "calendar year = 365 days; calendar julian; 1 year",
        "calendar month = 30 days; calendar month = 31 days; 1 month",
        "calendar julian; calendar gregorian; 1 year",
    ] {
        let (code, err) = eval_error(program);
        assert_eq!(code, 2, "{program}");
        assert!(err.contains("first set here"), "{program}: {err}");
    }
    assert_eq!(
        eval("calendar year = 365 days; calendar month = 30 days; 1 month -> days"),
        "30 days"
    );
    assert_eq!(
        eval("calendar 365; calendar month = 30 days; 1 month -> days"),
        "30 days"
    );
}

#[test]
fn a_glued_b_is_traced_when_it_squares_bytes() {
    let file = scratch(
        "billion.bote",
        "messages = 1B / day\nmsg_size = 100 B\ndaily = messages * msg_size\nyearly = daily * 1 year\n",
    );
    let out = bote(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("warning: `daily` is in B^2/s"), "{err}");
    assert!(
        err.contains("`1B` at line 1 is one byte: `B` means bytes; a billion is `1bn`"),
        "{err}"
    );
    // Given where the dimension arises, not again for every value computed from it.
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    let out = bote(&["run", "--format", "json", file.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warning = doc["values"][2]["warnings"][0].as_str().unwrap();
    assert!(warning.contains("a billion is `1bn`"), "{warning}");
    assert!(doc["values"][3].get("warnings").is_none());
    // In check's JSON too, for CI.
    let out = bote(&["check", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = doc["files"][0]["warnings"][0]["message"].as_str().unwrap();
    assert!(message.contains("B^2/s"), "{message}");
    // In eval too, and in its JSON.
    let out = bote(&["eval", "--format", "json", "10 GB * 1 s"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc[0]["warnings"][0].as_str().unwrap().contains("B*s"));
    // A dimension error in a value computed from such a literal says so.
    let (code, err) = eval_error("x = 1B / day; x * 100 B -> GB/day");
    assert_eq!(code, 2);
    assert!(err.contains("`1B` at line 1 is one byte"), "{err}");
    let (_, err) = eval_error("n = 1B; sqrt(n)");
    assert!(err.contains("a billion is `1bn`"), "{err}");
}

#[test]
fn a_budget_that_lasts_too_long_to_represent_is_an_error() {
    let out = bote(&[
        "slo",
        "99.9%",
        "--window",
        "1e300 years",
        "--burn",
        "1e-300",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too large to represent"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("inf"));
}

#[test]
fn inputs_with_money_and_words_are_shown_as_written() {
    let file = scratch(
        "written.bote",
        "dau = 50M DAU\nreads = 10K QPS\nprice = $0.023/GB/month\nfee = $5\ngrowth = 20% / year\n",
    );
    let out = bote(&["run", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    for shown in ["50M DAU", "10K QPS", "$0.023 /GB/month", "$5 ", "20% /year"] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
}
