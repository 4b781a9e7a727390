//! The sensitivity ranking: which input explains most of the output's spread, as each
//! input's share of it.

use super::{
    LONGEST_BAR, TOO_NARROW, bar, columns, cut, one_line, pad_left, pad_right, percent, titled,
};

/// Shares of the output's spread (0 to 1, summing to at most 1) as horizontal bars at most
/// `width` columns wide, the largest first, each after its name and percentage. A full bar is
/// 100%, as the scale above the bars says. A note says how much no single input explains.
pub fn shares(title: &str, rows: &[(String, f64)], width: usize) -> String {
    let Some(mut out) = titled(title, width) else {
        return TOO_NARROW.to_string();
    };
    if rows.is_empty() {
        out.push("no inputs to rank");
        return out.0;
    }
    let mut rows: Vec<(String, f64)> = rows
        .iter()
        .map(|(name, share)| (one_line(name), *share))
        .collect();
    // A share that is not a number sorts last; equal shares keep the caller's order.
    let key = |s: f64| if s.is_nan() { f64::NEG_INFINITY } else { s };
    rows.sort_by(|a, b| key(b.1).total_cmp(&key(a.1)));
    let percents: Vec<String> = rows.iter().map(|&(_, s)| percent(s)).collect();
    let pct_w = percents.iter().map(|p| columns(p)).max().unwrap_or(0);
    let name_w = rows.iter().map(|(n, _)| columns(n)).max().unwrap_or(0);
    // The bar keeps 30 columns before a name is cut, and a name keeps 6.
    let spare = width.saturating_sub(pct_w + 2);
    let name_w = name_w.min(spare - 30.min(spare.saturating_sub(name_w.min(6))));
    let bar_w = (spare - name_w).min(LONGEST_BAR);

    let scale = match bar_w {
        8.. => format!("0%{:>w$}", "100%", w = bar_w - 2),
        4.. => format!("{:>bar_w$}", "100%"),
        _ => String::new(),
    };
    out.push(&format!("{:w$}{scale}", "", w = name_w + pct_w + 2));
    for ((name, share), pct) in rows.iter().zip(&percents) {
        let share = if share.is_nan() { 0.0 } else { *share };
        out.push(&format!(
            "{} {} {}",
            pad_right(&cut(name, name_w), name_w),
            pad_left(pct, pct_w),
            bar(share, bar_w)
        ));
    }
    let total: f64 = rows.iter().map(|&(_, s)| s).filter(|s| s.is_finite()).sum();
    if total < 0.995 {
        let note = format!(
            "{} is not explained by any one input alone",
            percent(1.0 - total)
        );
        out.wrap(&note, width, "  ");
    } else if total > 1.005 {
        out.wrap(
            &format!("the shares add up to {}", percent(total)),
            width,
            "  ",
        );
    }
    out.0
}

#[cfg(test)]
mod tests {
    use super::super::testing::assert_fits;
    use super::*;

    fn three_shares() -> Vec<(String, f64)> {
        vec![
            ("bytes_per_view".to_string(), 0.18),
            ("peak_factor".to_string(), 0.62),
            ("cache_hit_rate".to_string(), 0.12),
        ]
    }

    #[test]
    fn three_inputs() {
        let text = shares(
            "monthly_cost: which input explains the spread",
            &three_shares(),
            60,
        );
        insta::assert_snapshot!(text, @r"
        monthly_cost: which input explains the spread
                             0%                                 100%
        peak_factor    62.0% ████████████████████████▏
        bytes_per_view 18.0% ███████
        cache_hit_rate 12.0% ████▋
        8.0% is not explained by any one input alone
        ");
    }

    #[test]
    fn three_inputs_at_the_narrowest() {
        let text = shares("monthly_cost", &three_shares(), 20);
        insta::assert_snapshot!(text, @r"
        monthly_cost
                        100%
        peak_… 62.0% ████▍
        bytes… 18.0% █▎
        cache… 12.0% ▉
        8.0% is not
          explained by any
          one input alone
        ");
    }

    #[test]
    fn every_line_fits() {
        let long = "an_input_with_a_name_longer_than_any_terminal_".repeat(5);
        let sets: Vec<(&str, Vec<(String, f64)>)> = vec![
            ("three", three_shares()),
            ("none", vec![]),
            ("one whole", vec![("all".into(), 1.0)]),
            (
                "awkward",
                vec![
                    (long.clone(), 0.4),
                    ("名前".repeat(40), 0.3),
                    ("tab\tand\nbreak\u{200b}".into(), 1e-9),
                    ("nan".into(), f64::NAN),
                    ("negative".into(), -0.2),
                    ("too much".into(), 1e300),
                    ("inf".into(), f64::INFINITY),
                ],
            ),
            (
                "many",
                (0..30).map(|i| (format!("input_{i}"), 0.03)).collect(),
            ),
        ];
        for (case, rows) in &sets {
            for width in crate::render::plot::NARROWEST..=200 {
                assert_fits(&shares(&long, rows, width), width, case);
            }
        }
    }

    #[test]
    fn largest_first_and_the_rest_noted() {
        let text = shares("t", &three_shares(), 60);
        let names: Vec<&str> = text
            .lines()
            .skip(2)
            .take(3)
            .filter_map(|l| l.split(' ').next())
            .collect();
        assert_eq!(names, ["peak_factor", "bytes_per_view", "cache_hit_rate"]);
        assert!(text.contains("8.0% is not explained"), "{text}");
    }
}
