//! The histogram of an output's samples: how the rows of its bins (see [`super::bins`]) are
//! labelled and drawn, and the notes under them.

use std::cmp::Reverse;

use super::bins::{Bins, bins, finite_sorted};
use crate::format::group_thousands as thousands;

use super::{
    LONGEST_BAR, Lines, NARROWEST, TOO_NARROW, bar, columns, cut, glue, one_line, pad_left,
};

/// Shorter than this, a histogram's bar gives its columns back and the counts go.
const COUNTED_BAR: usize = 12;
/// The shortest bar that still shows a shape: labels and marks give way to keep it.
const SHORTEST_BAR: usize = 4;

/// A histogram of `samples` as terminal lines at most `width` columns wide: a header, then one
/// row per bin with its lower edge (through `label`), its count and a bar. The bins span the
/// samples, or, when the tails are long, the 0.5th to the 99.5th percentile, and a note says
/// how many samples lie outside and how far they reach. Each of `marks` (a name and a value,
/// e.g. `("p50", v)`) is shown after the bar of the row that holds it and listed with its value
/// under the chart. NaN and infinite samples are skipped and counted in a note.
pub fn histogram(
    title: &str,
    samples: &[f64],
    marks: &[(&str, f64)],
    width: usize,
    label: &dyn Fn(f64) -> String,
) -> String {
    if width < NARROWEST {
        return TOO_NARROW.to_string();
    }
    let title = one_line(title);
    if samples.is_empty() {
        // One line: the title gives way to the message.
        const NONE: &str = ": no samples";
        let title = cut(title.trim_end(), width - NONE.len());
        return format!("{title}{NONE}\n");
    }
    let text = |v: f64| glue(&one_line(&label(v)));
    let sorted = finite_sorted(samples);
    let skipped = samples.len() - sorted.len();
    let mut out = Lines::default();
    out.wrap(&title, width, "");
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        let note = format!("nothing to draw: {}", not_numbers(skipped));
        out.wrap(&note, width, "  ");
        return out.0;
    };
    let bins = bins(&sorted);
    let (labels, offsets_from) = row_labels(&bins, min, &text);
    let mut rows: Vec<Row> = labels
        .into_iter()
        .zip(&bins.counts)
        .map(|(label, &count)| Row {
            label,
            count,
            marks: Vec::new(),
        })
        .collect();
    let mut legend = Vec::new();
    for &(name, value) in marks {
        let name = one_line(name);
        let entry = format!("{name} = {}", text(value));
        match bins.row_of(value).and_then(|i| rows.get_mut(i)) {
            Some(row) => {
                legend.push(glue(&entry));
                row.marks.push(name);
            }
            None => legend.push(glue(&format!("{entry} (off the chart)"))),
        }
    }
    draw(
        &mut out,
        if min == max { "value" } else { "from" },
        &rows,
        width,
    );

    let mut notes = Vec::new();
    if !legend.is_empty() {
        notes.push(legend.join(", "));
    }
    match sorted.len() {
        _ if min != max => {}
        1 => notes.push(format!("the only sample is {}", text(min))),
        n => notes.push(format!("all {} samples are {}", thousands(n), text(min))),
    }
    if min != max && bins.step == 0.0 {
        notes.push(format!(
            "the samples lie too close together to draw apart: from {} to {}",
            text(min),
            text(max)
        ));
    }
    if let Some(base) = offsets_from {
        notes.push(format!("+/- labels: distance from {base}"));
    }
    if bins.log {
        notes.push(format!(
            "log scale: each row spans a factor of {}",
            factor(10f64.powf(bins.step))
        ));
    }
    let mut outside = Vec::new();
    if bins.below > 0 {
        outside.push(format!(
            "{} below {} (the lowest is {})",
            thousands(bins.below),
            text(bins.edge(0)),
            text(min)
        ));
    }
    if bins.above > 0 {
        outside.push(format!(
            "{} at {} or more (the highest is {})",
            thousands(bins.above),
            text(bins.edge(bins.counts.len())),
            text(max)
        ));
    }
    if !outside.is_empty() {
        notes.push(format!("not shown: {}", outside.join("; ")));
    }
    if skipped > 0 {
        notes.push(format!("skipped: {}", not_numbers(skipped)));
    }
    for note in notes {
        out.wrap(&note, width, "  ");
    }
    out.0
}

/// `1 sample is NaN or infinite`, `3 samples are …`.
fn not_numbers(n: usize) -> String {
    match n {
        1 => "1 sample is NaN or infinite".to_string(),
        n => format!("{} samples are NaN or infinite", thousands(n)),
    }
}

/// A log scale's factor to three significant digits: `1.58`, `10`.
fn factor(x: f64) -> String {
    let digits = if x < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.0}")
    };
    match digits.contains('.') {
        true => digits
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string(),
        false => digits,
    }
}

/// Each row's label: its lower edge. When two edges read the same through `text` (samples
/// that differ only in digits the label does not show), the roundest edge keeps its label and
/// the others show their distance from it (`+20m /s`), which is returned too.
fn row_labels(
    bins: &Bins,
    min: f64,
    text: &dyn Fn(f64) -> String,
) -> (Vec<String>, Option<String>) {
    if bins.step == 0.0 {
        return (vec![text(min)], None);
    }
    let count = bins.counts.len();
    let edges: Vec<String> = (0..count).map(|k| text(bins.edge(k))).collect();
    if bins.log || edges.windows(2).all(|w| w[0] != w[1]) {
        return (edges, None);
    }
    // The roundest edge, nearest the middle, keeps its label: the likeliest to read exactly.
    // Roundness is how many zeros end the edge's value counted in halves of the step's power
    // of ten (`first + k` steps of `twice_mantissa` halves); zero is the roundest of all. A
    // plain grid has no round edges, and starts at the lowest sample.
    let roundness = |k: usize| {
        let halves = (bins.first + k as f64) as i64 * bins.twice_mantissa;
        match halves.unsigned_abs() {
            0 => u32::MAX,
            mut n => {
                let mut zeros = 0;
                while n.is_multiple_of(10) {
                    n /= 10;
                    zeros += 1;
                }
                zeros
            }
        }
    };
    let base = match bins.twice_mantissa {
        0 => 0,
        _ => (0..count)
            .max_by_key(|&k| (roundness(k), Reverse(k.abs_diff(count / 2))))
            .unwrap_or(0),
    };
    let labels = (0..count)
        .map(|k| {
            let distance = (k as f64 - base as f64) * bins.step;
            match k.cmp(&base) {
                std::cmp::Ordering::Equal => text(bins.edge(k)),
                std::cmp::Ordering::Greater => format!("+{}", text(distance)),
                std::cmp::Ordering::Less => text(distance),
            }
        })
        .collect();
    (labels, Some(text(bins.edge(base))))
}

/// A histogram row: its label, count, and the names of the marks it holds.
struct Row {
    label: String,
    count: usize,
    marks: Vec<String>,
}

/// The rows as `label count │bar ◀ marks`, under a header, the longest bar as long as there is
/// room for (up to [`LONGEST_BAR`]). Narrower, the counts go first, then labels are cut to six
/// columns, then marks are cut or go (the legend under the chart still has them), so that the
/// bar keeps [`SHORTEST_BAR`] columns.
fn draw(out: &mut Lines, header: &str, rows: &[Row], width: usize) {
    let counts: Vec<String> = rows.iter().map(|r| thousands(r.count)).collect();
    let marks: Vec<String> = rows.iter().map(|r| r.marks.join(" ")).collect();
    let mut label_w = rows
        .iter()
        .map(|r| columns(&r.label))
        .fold(columns(header), usize::max);
    // The widest count, and the space before it.
    let count_w = 1 + counts.iter().map(|c| columns(c)).fold(5, usize::max);
    // ` ◀ ` and the names.
    let mut mark_w = marks
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| 3 + columns(m))
        .max()
        .unwrap_or(0);
    // What is left for the bar: after the label, the counts, and ` │`.
    let room = |label_w: usize, count_w: usize, mark_w: usize| {
        width.saturating_sub(label_w + count_w + 2 + mark_w)
    };
    let count_w = if room(label_w, count_w, mark_w) >= COUNTED_BAR {
        count_w
    } else {
        0
    };
    // How many columns short of the shortest bar.
    let short = |label_w: usize, mark_w: usize| {
        (label_w + count_w + 2 + mark_w + SHORTEST_BAR).saturating_sub(width)
    };
    label_w -= short(label_w, mark_w).min(label_w.saturating_sub(6));
    mark_w -= short(label_w, mark_w).min(mark_w);
    if mark_w < 4 {
        mark_w = 0;
    }
    label_w -= short(label_w, mark_w).min(label_w.saturating_sub(1));
    let bar_w = room(label_w, count_w, mark_w).min(LONGEST_BAR);

    let mut head = pad_left(&cut(header, label_w), label_w);
    if count_w > 0 {
        head.push_str(&pad_left("count", count_w));
    }
    out.push(&head);
    let most = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    for ((row, count), names) in rows.iter().zip(&counts).zip(&marks) {
        let mut line = pad_left(&cut(&row.label, label_w), label_w);
        if count_w > 0 {
            line.push_str(&pad_left(count, count_w));
        }
        line.push_str(" │");
        line.push_str(&bar(row.count as f64 / most as f64, bar_w));
        if mark_w > 0 && !names.is_empty() {
            line.push_str(" ◀ ");
            line.push_str(&cut(names, mark_w - 3));
        }
        out.push(&line);
    }
}

#[cfg(test)]
mod tests {
    use super::super::bins::quantile;
    use super::super::testing::{
        Rng, assert_fits, awkward_sets, dollars, qps_samples, rate, si, verbose, wide_samples,
    };
    use super::*;

    fn marks_of(samples: &[f64]) -> [(&'static str, f64); 3] {
        let sorted = finite_sorted(samples);
        let at = |q| quantile(&sorted, q).unwrap();
        [("p5", at(0.05)), ("p50", at(0.5)), ("p95", at(0.95))]
    }

    #[test]
    fn log_normal() {
        let samples = qps_samples(10_000);
        let marks = marks_of(&samples);
        let text = histogram("peak_view_qps: 10,000 samples", &samples, &marks, 80, &rate);
        insta::assert_snapshot!(text, @r"
        peak_view_qps: 10,000 samples
           from count
           0 /s     1 │▏
         50K /s   612 │███████████▌ ◀ p5
        100K /s 2,769 │████████████████████████████████████████████████████▏
        150K /s 3,135 │███████████████████████████████████████████████████████████ ◀ p50
        200K /s 1,951 │████████████████████████████████████▊
        250K /s   881 │████████████████▋
        300K /s   412 │███████▊ ◀ p95
        350K /s   142 │██▋
        400K /s    62 │█▏
        450K /s    28 │▌
        500K /s     4 │▏
        550K /s     2 │▏
        600K /s     0 │
        650K /s     1 │▏
        p5 = 96.5K /s, p50 = 174K /s, p95 = 314K /s
        ");
    }

    #[test]
    fn orders_of_magnitude_on_a_log_scale() {
        let samples = wide_samples(10_000);
        let marks = marks_of(&samples);
        let text = histogram(
            "storage_cost: 10,000 samples",
            &samples,
            &marks,
            64,
            &dollars,
        );
        insta::assert_snapshot!(text, @r"
        storage_cost: 10,000 samples
          from count
           $1K     1 │▏
        $3.16K     0 │
          $10K     1 │▏
        $31.6K    70 │▉
         $100K   580 │██████▉ ◀ p5
         $316K 2,252 │██████████████████████████▉
           $1M 3,681 │████████████████████████████████████████████ ◀ p50
        $3.16M 2,543 │██████████████████████████████▍
          $10M   760 │█████████▏ ◀ p95
        $31.6M   104 │█▎
         $100M     8 │▏
        p5 = $269K, p50 = $1.94M, p95 = $14.1M
        log scale: each row spans a factor of 3.16
        ");
    }

    #[test]
    fn long_tails_cut() {
        // Mostly near 100, with one sample in 300 far above.
        let mut rng = Rng(11);
        let samples: Vec<f64> = (0..6_000)
            .map(|i| match i % 300 {
                0 => 1_000.0 + 4_000.0 * rng.uniform(),
                _ => 100.0 + 10.0 * rng.normal(),
            })
            .collect();
        let marks = marks_of(&samples);
        let text = histogram("p99_latency_ms: 6,000 samples", &samples, &marks, 64, &si);
        insta::assert_snapshot!(text, @r"
        p99_latency_ms: 6,000 samples
        from count
          70    45 │█▊
          75   107 │████▎
          80   252 │██████████▏ ◀ p5
          85   564 │██████████████████████▋
          90   901 │████████████████████████████████████▏
          95 1,148 │██████████████████████████████████████████████ ◀ p50
         100 1,106 │████████████████████████████████████████████▍
         105   929 │█████████████████████████████████████▎
         110   545 │█████████████████████▉
         115   259 │██████████▍ ◀ p95
         120    87 │███▌
         125    20 │▊
         130     8 │▍
        p5 = 83.4, p50 = 99.9, p95 = 116
        not shown: 6 below 70 (the lowest is 65.5); 23 at 135 or more
          (the highest is 4.68K)
        ");
    }

    #[test]
    fn at_the_narrowest() {
        let samples = qps_samples(10_000);
        let marks = marks_of(&samples);
        let text = histogram("peak_view_qps: 10,000 samples", &samples, &marks, 20, &rate);
        insta::assert_snapshot!(text, @r"
        peak_view_qps:
        10,000 samples
           from
           0 /s │▏
         50K /s │█ ◀ p5
        100K /s │████▍
        150K /s │█████ ◀ p50
        200K /s │███▏
        250K /s │█▍
        300K /s │▋ ◀ p95
        350K /s │▎
        400K /s │▏
        450K /s │▏
        500K /s │▏
        550K /s │▏
        600K /s │
        650K /s │▏
        p5 = 96.5K /s,
          p50 = 174K /s,
          p95 = 314K /s
        ");
    }

    #[test]
    fn equal_samples() {
        let samples = [42e3; 5];
        let marks = marks_of(&samples);
        let text = histogram("peak_qps: 5 samples", &samples, &marks, 50, &rate);
        insta::assert_snapshot!(text, @r"
        peak_qps: 5 samples
         value count
        42K /s     5 │███████████████████████ ◀ p5 p50 p95
        p5 = 42K /s, p50 = 42K /s, p95 = 42K /s
        all 5 samples are 42K /s
        ");
    }

    #[test]
    fn two_values_and_some_not_numbers() {
        let mut samples = vec![1.0; 30];
        samples.extend([2.0; 10]);
        samples.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        let marks = [("p50", 1.0), ("p99.9", 7.0)];
        let text = histogram("replicas: 43 samples", &samples, &marks, 50, &si);
        insta::assert_snapshot!(text, @r"
        replicas: 43 samples
        from count
           1    30 │████████████████████████████████ ◀ p50
           2    10 │██████████▋
        p50 = 1, p99.9 = 7 (off the chart)
        skipped: 3 samples are NaN or infinite
        ");
    }

    #[test]
    fn one_sample() {
        let text = histogram("x: 1 sample", &[0.25], &[], 40, &si);
        insta::assert_snapshot!(text, @r"
        x: 1 sample
        value count
         250m     1 │███████████████████████████
        the only sample is 250m
        ");
    }

    #[test]
    fn no_samples() {
        let text = histogram("x: 0 samples", &[], &[], 40, &si);
        insta::assert_snapshot!(text, @r"
        x: 0 samples: no samples
        ");
        let text = histogram("x: 2 samples", &[f64::NAN, f64::NAN], &[], 40, &si);
        insta::assert_snapshot!(text, @r"
        x: 2 samples
        nothing to draw: 2 samples are NaN or
          infinite
        ");
    }

    #[test]
    fn offsets_when_edges_read_the_same() {
        let mut rng = Rng(99);
        let samples: Vec<f64> = (0..1000).map(|_| 1000.0 + rng.normal() * 0.1).collect();
        let text = histogram("latency_budget: 1,000 samples", &samples, &[], 60, &si);
        insta::assert_snapshot!(text, @r"
        latency_budget: 1,000 samples
         from count
        -400m     3 │▍
        -300m    20 │██▉
        -200m   148 │████████████████████▉
        -100m   323 │█████████████████████████████████████████████▋
           1K   333 │███████████████████████████████████████████████
        +100m   152 │█████████████████████▌
        +200m    19 │██▋
        +300m     2 │▎
        +/- labels: distance from 1K
        ");
    }

    #[test]
    fn every_line_fits() {
        let long = "p50 of a mark whose name goes on and on".repeat(3);
        for (case, samples) in awkward_sets() {
            let finite = finite_sorted(&samples);
            let mid = quantile(&finite, 0.5).unwrap_or(0.0);
            let marks = [("p5", mid), (long.as_str(), mid), ("p95", f64::NAN)];
            for width in NARROWEST..=200 {
                for label in [&si as &dyn Fn(f64) -> String, &verbose] {
                    let title = "名前".repeat(width % 50);
                    let text = histogram(&title, &samples, &marks, width, label);
                    assert_fits(&text, width, case);
                }
            }
        }
    }

    #[test]
    fn marks_sit_on_the_rows_that_hold_them() {
        let samples = qps_samples(10_000);
        let text = histogram("q", &samples, &[("p50", 174e3)], 80, &rate);
        let row = text.lines().find(|l| l.contains("◀ p50")).unwrap();
        assert!(row.trim_start().starts_with("150K /s"), "{text}");
    }
}
