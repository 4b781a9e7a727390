//! The comparison and how its changes read, on small programs.

use super::*;

fn report(program: &str, set: &[(&str, &str)]) -> Report {
    let mut session = crate::Session::new(crate::Conventions::default());
    session.add("<test>", program).unwrap();
    for (name, value) in set {
        session.set(name, value).unwrap();
    }
    crate::report(&mut session, &Style::default()).unwrap()
}

fn changes(before: &Report, after: &Report) -> Vec<String> {
    let style = Style::default();
    Diff::new(before, after)
        .values
        .iter()
        .filter(|v| v.status != Status::Unchanged)
        .map(|v| {
            let (b, a) = v.shown(&style);
            format!("{}: {b} → {a}: {}", v.name, v.change(&style))
        })
        .collect()
}

#[test]
fn values_are_matched_by_name_and_expressions_by_text() {
    let before = report("a = 3\nb = a * 2 GB\na  *  2\nold = 1 s", &[]);
    let after = report("a = 3\nb = a * 3 GB\na*2\nnew = 2 s", &[]);
    assert_eq!(
        changes(&before, &after),
        [
            "b: 6 GB → 9 GB: ×1.5 (+50%)",
            "new:  → 2 s: added",
            "old: 1 s → : removed"
        ]
    );
}

#[test]
fn arithmetic_noise_is_not_a_change() {
    let before = report("x = 0.1 + 0.2", &[]);
    let after = report("x = 0.3", &[]);
    assert!(!Diff::new(&before, &after).any_change());
}

#[test]
fn a_change_that_would_read_the_same_gets_its_digits() {
    let before = report("x = 100 GB", &[]);
    let after = report("x = 100.001 GB", &[]);
    assert_eq!(
        changes(&before, &after),
        ["x: 100 GB → 100.001 GB: ×1.00001 (+0.001%)"]
    );
    // Sides that read as the same number in two forms get their digits, in one form.
    let before = report("x = 1500\nm = $1500\nw = 12000\nb = 1 GB", &[]);
    let after = report(
        "x = 1500.001\nm = $1500.001\nw = 12000.01\nb = 1.0000001 GB",
        &[],
    );
    assert_eq!(
        changes(&before, &after),
        [
            "x: 1500 → 1500.001: ×1.000001 (+6.67e-5%)",
            "m: $1500 → $1500.001: ×1.000001 (+6.67e-5%)",
            "w: 12K → 12.00001K: ×1.000001 (+8.33e-5%)",
            "b: 1 GB → 1.0000001 GB: ×1.0000001 (+1e-5%)"
        ]
    );
    assert_eq!(
        Diff::new(&before, &after).summary(&Style::default()),
        "x rises from 1500 to 1500.001 (×1.000001); m rises from $1500 to $1500.001 \
         (×1.000001); 2 more values changed."
    );
    let before = report("c = $16/month\nv = 5787.037/s", &[]);
    let after = report("c = $16.00001/month\nv = 5787.038/s", &[]);
    assert_eq!(
        changes(&before, &after),
        [
            "c: $16 /month → $16.00001 /month: ×1.000001 (+6.25e-5%)",
            "v: 5.787037K /s → 5.787038K /s: ×1.0000002 (+1.73e-5%)"
        ]
    );
}

#[test]
fn availabilities_change_in_points_and_downtime() {
    let before = report("sla = availability(99.9%)", &[]);
    let after = report("sla = availability(99.95%)", &[]);
    assert_eq!(
        changes(&before, &after),
        ["sla: 99.9% (3 nines) → 99.95% (3.3 nines): +0.05 pp (downtime ×0.5)"]
    );
    let far = report("sla = nines(20)", &[]);
    let farther = report("sla = nines(21)", &[]);
    assert_eq!(
        changes(&far, &farther),
        [
            "sla: 99.999999999999999999% (20 nines) → 99.9999999999999999999% (21 nines): \
             +9e-19 pp (downtime ×0.1)"
        ]
    );
}

#[test]
fn a_new_dimension_or_a_zero_has_no_ratio() {
    let before = report("x = 5 GB\ny = 0\nz = -2\np = 2%", &[]);
    let after = report("x = 5 GB/s\ny = 3\nz = 2\np = 3%", &[]);
    assert_eq!(
        changes(&before, &after),
        [
            "x: 5 GB → 5 GB/s (40 Gbps): was a size, now a data rate",
            "y: 0 → 3: from 0",
            "z: -2 → 2: +4 (changes sign)",
            "p: 2% → 3%: +1 pp (×1.5)"
        ]
    );
}

#[test]
fn a_median_within_sampling_error_is_the_same_median() {
    // One median, √200, which the two samplings put a few parts in a million apart.
    let before = report(
        "x = 10 to 20\nc = x * 1 GB\nav = availability(99.9% to 99.99%)",
        &[],
    );
    let after = report(
        "x = 5 to 40\nc = x * 1 GB\nav = availability(99.8% to 99.995%)",
        &[],
    );
    let (b, a) = (before.values[0].point(), after.values[0].point());
    assert!(b != a && (b / a - 1.0).abs() < 1e-4, "{b} {a}");
    assert_eq!(
        changes(&before, &after),
        [
            "x: 14.1 (10–20) → 14.1 (5–40): same median, wider 90% range",
            "c: 14.1 GB (10–20) → 14.1 GB (5–40): same median, wider 90% range",
            "av: 99.968% (99.9%–99.99%) → 99.968% (99.8%–99.995%): same median, wider 90% range"
        ]
    );
    assert_eq!(
        Diff::new(&before, &after).summary(&Style::default()),
        "c changes from 14.1 GB (10–20) to 14.1 GB (5–40) (same median, wider 90% range); \
         2 more values changed."
    );
    // Within sampling error, but shown apart: not called the same.
    let scaled = report("x = (10 to 20) * 1.004", &[]);
    let only_x = report("x = 10 to 20", &[]);
    assert_eq!(
        changes(&only_x, &scaled),
        ["x: 14.1 (10–20) → 14.2 (10–20.1): median within sampling error, wider 90% range"]
    );
    // Beyond it, a change of the median.
    let doubled = report("x = 20 to 40", &[]);
    assert_eq!(
        changes(&only_x, &doubled),
        ["x: 14.1 (10–20) → 28.3 (20–40): ×2 (+100%)"]
    );
}

#[test]
fn below_zero_a_change_is_a_signed_difference() {
    let before = report("n = -2\nk = n * 3 GB\nm = -$5\nz = -2\np = -2%\nf = 5", &[]);
    let after = report(
        "n = -4\nk = n * 3 GB\nm = -$2.5\nz = 0\np = -4%\nf = 0",
        &[],
    );
    assert_eq!(
        changes(&before, &after),
        [
            "n: -2 → -4: −2 (magnitude ×2)",
            "k: -6 GB → -12 GB: −6 GB (magnitude ×2)",
            "m: -$5 → -$2.5: +$2.5 (magnitude ×0.5)",
            "z: -2 → 0: +2 (to 0)",
            "p: -2% → -4%: −2 pp (magnitude ×2)",
            "f: 5 → 0: ×0 (−100%)"
        ]
    );
    // Falls with a negative difference, rises with a positive one; no nested parentheses.
    assert_eq!(
        Diff::new(&before, &after).summary(&Style::default()),
        "k falls from -6 GB to -12 GB (−6 GB, magnitude ×2); 5 more values changed."
    );
    let money = |x: &str| report(&format!("f = {x}\ng = f * $1"), &[]);
    assert_eq!(
        Diff::new(&money("-5"), &money("-2.5")).summary(&Style::default()),
        "g rises from -$5 to -$2.5 (+$2.5, magnitude ×0.5); 1 more value changed."
    );
    assert_eq!(
        Diff::new(&money("5"), &money("0")).summary(&Style::default()),
        "g falls from $5 to $0 (×0); 1 more value changed."
    );
    let sla = |x: &str| report(&format!("target = {x}\nsla = availability(target)"), &[]);
    assert_eq!(
        Diff::new(&sla("99.9%"), &sla("99.95%")).summary(&Style::default()),
        "sla rises from 99.9% (3 nines) to 99.95% (3.3 nines) (+0.05 pp, downtime ×0.5); \
         1 more value changed."
    );
}

#[test]
fn flipped_assertions_come_first() {
    let before = report("x = 2\nassert x > 1\nassert x < 3\nassert x > 0", &[]);
    let after = report("x = 4\nassert x>1\nassert  x<3\nassert x > 3", &[]);
    let diff = Diff::new(&before, &after);
    let listed: Vec<(&str, Status)> = diff
        .assertions
        .iter()
        .map(|a| (a.text.as_str(), a.status))
        .collect();
    assert_eq!(
        listed,
        [
            ("x < 3", Status::Changed),
            ("x > 3", Status::Added),
            ("x > 0", Status::Removed),
            ("x > 1", Status::Unchanged),
        ]
    );
    assert_eq!(
        diff.summary(&Style::default()),
        "Assertion x < 3 now fails; x rises from 2 to 4 (×2); 1 assertion added, 1 removed."
    );
}

#[test]
fn the_summary_leads_with_computed_values() {
    let before = report("r = 3\nt = r * 10 PB", &[]);
    let after = report("r = 3\nt = r * 10 PB", &[("r", "2")]);
    let diff = Diff::new(&before, &after);
    assert_eq!(
        diff.summary(&Style::default()),
        "t falls from 30 PB to 20 PB (×0.667); 1 more value changed."
    );
    assert_eq!(
        Diff::new(&before, &before).summary(&Style::default()),
        "Nothing changed: 2 values are the same."
    );
}

#[test]
fn a_failure_on_both_sides_is_said_even_when_nothing_changed() {
    let failing = report("x = 5\nassert x > 10", &[]);
    assert_eq!(
        Diff::new(&failing, &failing).summary(&Style::default()),
        "Nothing changed: 1 value and 1 assertion are the same; \
         assertion x > 10 fails on both sides."
    );
    let one = report("x = 1", &[]);
    assert_eq!(
        Diff::new(&one, &one).summary(&Style::default()),
        "Nothing changed: 1 value is the same."
    );
    let moved = report("x = 6\nassert x > 10\nassert x > 20", &[]);
    let more = report("x = 7\nassert x > 10\nassert x > 20", &[]);
    assert_eq!(
        Diff::new(&moved, &more).summary(&Style::default()),
        "x rises from 6 to 7 (×1.17); 2 assertions fail on both sides."
    );
}
