//! The tornado chart: how far each input, set low and then high, moves the output from its
//! value at the plan's inputs. All bars share one scale, so that their lengths compare.

use super::{LONGEST_BAR, TOO_NARROW, columns, cut, glue, one_line, pad_left, pad_right, titled};

/// One bar of a tornado chart: an input and the output's values when that input is set low
/// and high (or, for a sensitivity chart, `low` = 0 and `high` = the input's share).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub name: String,
    pub low: f64,
    pub high: f64,
}

/// A tornado chart at most `width` columns wide: one row per bar, the largest swing
/// (|high − low|) first, each drawn from its lower to its higher value on one scale around a
/// centre line `│` at `base` (the output at the plan's values), which is labelled above it; each
/// row ends with the low and high values through `label`. When a row cannot hold its name, a
/// bar and its values on one line, each bar takes three lines: name, bar, values.
pub fn tornado(
    title: &str,
    base: f64,
    bars: &[Bar],
    width: usize,
    label: &dyn Fn(f64) -> String,
) -> String {
    let Some(mut out) = titled(title, width) else {
        return TOO_NARROW.to_string();
    };
    if bars.is_empty() {
        out.push("no inputs to compare");
        return out.0;
    }
    let mut bars: Vec<&Bar> = bars.iter().collect();
    // A swing that is not a number sorts last; equal swings keep the caller's order.
    let swing = |b: &Bar| {
        let s = (b.high / 2.0 - b.low / 2.0).abs();
        if s.is_nan() { -1.0 } else { s }
    };
    bars.sort_by(|a, b| swing(b).total_cmp(&swing(a)));
    let scale = Scale::of(base, &bars);
    let text = |v: f64| one_line(&label(v));
    let names: Vec<String> = bars.iter().map(|b| one_line(&b.name)).collect();
    let lows: Vec<String> = bars.iter().map(|b| text(b.low)).collect();
    let highs: Vec<String> = bars.iter().map(|b| text(b.high)).collect();
    let base_text = text(base);
    let widest = |texts: &[String], header: &str| {
        texts
            .iter()
            .map(|t| columns(t))
            .fold(columns(header), usize::max)
    };
    let (low_w, high_w) = (widest(&lows, "low"), widest(&highs, "high"));
    let name_w = widest(&names, "");

    // One line a bar: the name, the bar (the centre and ten columns or more), the values. The
    // bar keeps 30 columns before a name is cut, and a name keeps 8.
    let spare = width.saturating_sub(low_w + 2 + high_w + 2);
    let shortest_name = name_w.min(8);
    if spare >= shortest_name + 11 {
        let name_w = name_w.min(spare - 30.min(spare - shortest_name));
        let area = (spare - name_w).min(LONGEST_BAR + 1);
        let layout = scale.layout(area);
        let centre = over_centre(&base_text, &layout);
        out.push(&format!(
            "{:name_w$} {} {}  {}",
            "",
            centre.clone().unwrap_or_else(|| " ".repeat(area)),
            pad_left("low", low_w),
            pad_left("high", high_w)
        ));
        for (((bar, name), low), high) in bars.iter().zip(&names).zip(&lows).zip(&highs) {
            out.push(&format!(
                "{} {} {}  {}",
                pad_right(&cut(name, name_w), name_w),
                scale.draw(bar, &layout),
                pad_left(low, low_w),
                pad_left(high, high_w)
            ));
        }
        if centre.is_none() {
            out.wrap(&format!("│ is at {}", glue(&base_text)), width, "  ");
        }
        return out.0;
    }

    // Stacked: the name, the bar under it, then its values.
    let layout = scale.layout((width - 2).min(LONGEST_BAR + 1));
    match over_centre(&base_text, &layout) {
        Some(centre) => out.push(&format!("  {centre}")),
        None => out.wrap(&format!("│ is at {}", glue(&base_text)), width, "  "),
    }
    for (((bar, name), low), high) in bars.iter().zip(&names).zip(&lows).zip(&highs) {
        out.push(&cut(name, width));
        out.push(&format!("  {}", scale.draw(bar, &layout)));
        let values = format!(
            "  {} {}",
            glue(&format!("low {low},")),
            glue(&format!("high {high}"))
        );
        out.wrap(&values, width, "    ");
    }
    out.0
}

/// A tornado chart's scale: how far below and above the base its bars reach, in halves of the
/// output's unit (halves, so that the distance between the largest finite values cannot
/// overflow).
struct Scale {
    base: f64,
    below: f64,
    above: f64,
}

/// Where a tornado's bars are drawn: `left` columns below the base, the centre line, then
/// `right` columns above it, each column `unit` of the scale.
struct Layout {
    left: usize,
    right: usize,
    unit: f64,
}

impl Scale {
    fn of(base: f64, bars: &[&Bar]) -> Scale {
        let (mut below, mut above) = (0.0_f64, 0.0_f64);
        for bar in bars {
            if let Some((lo, hi)) = Scale::reach(base, bar) {
                below = below.max(-lo);
                above = above.max(hi);
            }
        }
        Scale { base, below, above }
    }

    /// A bar's ends as distances from the base in the scale's halves, lower first; `None` when
    /// a value is not a finite number.
    fn reach(base: f64, bar: &Bar) -> Option<(f64, f64)> {
        let a = bar.low / 2.0 - base / 2.0;
        let b = bar.high / 2.0 - base / 2.0;
        (a.is_finite() && b.is_finite()).then(|| (a.min(b), a.max(b)))
    }

    /// `area` columns split around the centre line in proportion to how far the bars reach on
    /// each side, so that one scale fits both.
    fn layout(&self, area: usize) -> Layout {
        let columns = area.saturating_sub(1).max(2);
        let total = self.below + self.above;
        if !(total > 0.0 && total.is_finite()) {
            return Layout {
                left: columns / 2,
                right: columns - columns / 2,
                unit: 0.0,
            };
        }
        let left = ((columns as f64 * self.below / total).round() as usize).min(columns);
        let right = columns - left;
        let per = |reach: f64, n: usize| if n == 0 { 0.0 } else { reach / n as f64 };
        // A side that rounds to no columns has so little reach that its bars round to nothing.
        Layout {
            left,
            right,
            unit: per(self.below, left).max(per(self.above, right)),
        }
    }

    /// A bar in its layout's columns, to half a column: the part below the base left of the
    /// centre line, the part above right of it. A part too short for half a column still shows
    /// as one, so that an input that moves the output at all is seen to.
    fn draw(&self, bar: &Bar, layout: &Layout) -> String {
        let mut cells = vec![' '; layout.left + 1 + layout.right];
        if let Some(c) = cells.get_mut(layout.left) {
            *c = '│';
        }
        let Some((lo, hi)) = Scale::reach(self.base, bar) else {
            return cells.into_iter().collect();
        };
        let halves = |distance: f64, columns: usize| {
            if layout.unit > 0.0 {
                ((2.0 * distance / layout.unit).round() as usize).min(2 * columns)
            } else {
                0
            }
        };
        // A side as the half columns it covers, counted out from the centre.
        let side = |from: f64, to: f64, columns: usize| {
            let (a, b) = (halves(from, columns), halves(to, columns));
            if to > from && a == b && b < 2 * columns {
                (a, b + 1)
            } else {
                (a, b)
            }
        };
        let left = side(-hi.min(0.0), -lo.min(0.0), layout.left);
        let right = side(lo.max(0.0), hi.max(0.0), layout.right);
        // The j-th column out from the centre holds half columns 2j (inner) and 2j + 1.
        let fill = |(a, b): (usize, usize), j: usize, [inner, outer]: [char; 2]| {
            let has = |h: usize| a <= h && h < b;
            match (has(2 * j), has(2 * j + 1)) {
                (true, true) => '█',
                (true, false) => inner,
                (false, true) => outer,
                (false, false) => ' ',
            }
        };
        for j in 0..layout.left {
            if let Some(c) = cells.get_mut(layout.left - 1 - j) {
                *c = fill(left, j, ['▐', '▌']);
            }
        }
        for j in 0..layout.right {
            if let Some(c) = cells.get_mut(layout.left + 1 + j) {
                *c = fill(right, j, ['▌', '▐']);
            }
        }
        cells.into_iter().collect()
    }
}

/// `text` centred over a layout's centre line (as near as the area's ends allow), padded to
/// the area's width; `None` when it is wider than the area.
fn over_centre(text: &str, layout: &Layout) -> Option<String> {
    let area = layout.left + 1 + layout.right;
    let len = columns(text);
    let start = layout
        .left
        .saturating_sub(len / 2)
        .min(area.checked_sub(len)?);
    Some(pad_right(&format!("{:start$}{text}", ""), area))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Rng, assert_fits, dollars, si, verbose};
    use super::super::{NARROWEST, percent};
    use super::*;

    fn four_inputs() -> Vec<Bar> {
        let bar = |name: &str, low, high| Bar {
            name: name.to_string(),
            low,
            high,
        };
        vec![
            bar("cache_hit_rate", 15_800.0, 10_900.0),
            bar("peak_factor", 9_800.0, 17_900.0),
            bar("replicas", 12_300.0, 13_100.0),
            bar("bytes_per_view", 11_000.0, 14_600.0),
        ]
    }

    #[test]
    fn four_inputs_around_the_plan() {
        let title = "monthly_cost: each input at its 5th and 95th percentile";
        let text = tornado(title, 12_600.0, &four_inputs(), 80, &dollars);
        insta::assert_snapshot!(text, @r"
        monthly_cost: each input at its 5th and 95th percentile
                                     $12.6K                                  low    high
        peak_factor    █████████████████│████████████████████████████████  $9.8K  $17.9K
        cache_hit_rate       ▐██████████│███████████████████▌             $15.8K  $10.9K
        bytes_per_view        ▐█████████│████████████                       $11K  $14.6K
        replicas                      ██│███                              $12.3K  $13.1K
        ");
    }

    #[test]
    fn stacked_when_narrow() {
        let text = tornado("monthly_cost", 12_600.0, &four_inputs(), 24, &dollars);
        insta::assert_snapshot!(text, @r"
        monthly_cost
              $12.6K
        peak_factor
          ███████│█████████████▌
          low $9.8K, high $17.9K
        cache_hit_rate
            ▐████│████████
          low $15.8K,
            high $10.9K
        bytes_per_view
             ████│█████
          low $11K, high $14.6K
        replicas
                █│█▌
          low $12.3K,
            high $13.1K
        ");
    }

    #[test]
    fn shares_around_zero() {
        let bar = |name: &str, high| Bar {
            name: name.to_string(),
            low: 0.0,
            high,
        };
        let bars = [
            bar("bytes_per_view", 0.18),
            bar("peak_factor", 0.62),
            bar("cache_hit_rate", 0.12),
        ];
        let text = tornado("share of the spread", 0.0, &bars, 60, &|v| percent(v));
        insta::assert_snapshot!(text, @r"
        share of the spread
                       0.0%                               low   high
        peak_factor    │████████████████████████████████ 0.0%  62.0%
        bytes_per_view │█████████▌                       0.0%  18.0%
        cache_hit_rate │██████                           0.0%  12.0%
        ");
    }

    #[test]
    fn largest_swing_first() {
        let text = tornado("t", 12_600.0, &four_inputs(), 80, &dollars);
        let order: Vec<&str> = text
            .lines()
            .skip(2)
            .filter_map(|l| l.split(' ').next())
            .collect();
        assert_eq!(
            order,
            [
                "peak_factor",
                "cache_hit_rate",
                "bytes_per_view",
                "replicas"
            ]
        );
    }

    #[test]
    fn every_line_fits() {
        let mut rng = Rng(5);
        let mut sets = vec![("four", 12_600.0, four_inputs()), ("none", 0.0, vec![])];
        let names = ["x", "a_rather_long_input_name_indeed", "名前の長い入力"];
        let mut awkward = Vec::new();
        for (i, (low, high)) in [
            (-5e3, 2e3),
            (-1e300, 1e300),
            (-f64::MAX, f64::MAX),
            (1e-300, 2e-300),
            (3.0, 3.0),
            (f64::NAN, 1.0),
            (-f64::INFINITY, 0.0),
            (7e3, -9e3),
        ]
        .into_iter()
        .enumerate()
        {
            awkward.push(Bar {
                name: format!("{}{}", names[i % 3].repeat(1 + i * 3), "\t\n\u{202e}"),
                low,
                high,
            });
        }
        sets.push(("awkward", 0.0, awkward.clone()));
        sets.push(("awkward, no base", f64::NAN, awkward));
        let random = (0..12)
            .map(|i| {
                let base = rng.normal() * 1e4;
                Bar {
                    name: format!("input_{i}"),
                    low: base - rng.uniform() * 1e4,
                    high: base + rng.uniform() * 1e4,
                }
            })
            .collect();
        sets.push(("random, negative", -3e3, random));
        for (case, base, bars) in &sets {
            for width in NARROWEST..=200 {
                for label in [&si as &dyn Fn(f64) -> String, &dollars, &verbose] {
                    let text = tornado("a title", *base, bars, width, label);
                    assert_fits(&text, width, case);
                }
            }
        }
    }
}
