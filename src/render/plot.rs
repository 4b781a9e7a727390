//! Charts of an uncertain estimate, drawn as terminal text: a [`histogram`] of an output's
//! Monte Carlo samples, a [`tornado`] chart of how far each input swings the output, and the
//! [`shares`] of the spread each input explains. This module only draws: the caller computes
//! samples, swings and shares, and decides how a value reads (its `label`, e.g. `174K /s`).
//! Charts are Unicode block characters without colour, so that they survive a pipe, a log file
//! and a paste into a ticket; every line ends with `\n`, never with a space, and fits the
//! width asked for, down to [`NARROWEST`] columns.

mod bins;
mod histogram;
mod label;
mod line;
mod shares;
mod tornado;

pub use histogram::histogram;
pub use label::label_like;
pub use line::{XAxis, line};
pub use shares::shares;
pub use tornado::{Bar, tornado};

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar as _;

use super::table::columns;

/// Below this many columns no chart is drawn, only a line that says so.
pub const NARROWEST: usize = 20;
/// A longer bar is no easier to compare, only harder to follow back to its label.
const LONGEST_BAR: usize = 60;
/// What a chart narrower than [`NARROWEST`] is instead.
const TOO_NARROW: &str = "too narrow for a chart\n";
/// A bar's end, in eighths of a column.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
/// Joins the words of a note that must not be wrapped apart (`174K /s`, `p50 = 174K /s`); a
/// space once drawn. Text from the caller never holds one: [`one_line`] names it.
const GLUE: char = '\u{a0}';

/// A chart's text, a line at a time: each ends with `\n` and never with a space.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn push(&mut self, line: &str) {
        let line = if line.contains(GLUE) {
            Cow::Owned(line.replace(GLUE, " "))
        } else {
            Cow::Borrowed(line)
        };
        self.0.push_str(line.trim_end_matches(' '));
        self.0.push('\n');
    }

    /// `text` wrapped at spaces into lines of at most `width` columns: its leading spaces
    /// start the first line, `indent` the others. Glued words stay together unless together
    /// they are longer than a line; a single word longer than a line is cut.
    fn wrap(&mut self, text: &str, width: usize, indent: &str) {
        let body = text.trim_start_matches(' ');
        let lead = &text[..text.len() - body.len()];
        let room = width
            .saturating_sub(columns(lead).max(columns(indent)))
            .max(1);
        let words = body.split(' ').filter(|w| !w.is_empty()).flat_map(|w| {
            let parts: Vec<&str> = if columns(w) > room {
                w.split(GLUE).collect()
            } else {
                vec![w]
            };
            parts.into_iter().filter(|p| !p.is_empty())
        });
        let mut line = lead.to_string();
        let (mut start, mut used) = (columns(lead), columns(lead));
        for word in words {
            let word = cut(word, room);
            let len = columns(&word);
            if used == start {
                line.push_str(&word);
                used += len;
            } else if used + 1 + len <= width {
                line.push(' ');
                line.push_str(&word);
                used += 1 + len;
            } else {
                self.push(&line);
                line = format!("{indent}{word}");
                start = columns(indent);
                used = start + len;
            }
        }
        if used > start {
            self.push(&line);
        }
    }
}

/// A chart's title, wrapped to `width`, as its first lines; `None` when the width is below
/// [`NARROWEST`], where the chart is [`TOO_NARROW`] instead.
fn titled(title: &str, width: usize) -> Option<Lines> {
    if width < NARROWEST {
        return None;
    }
    let mut out = Lines::default();
    out.wrap(&one_line(title), width, "");
    Some(out)
}

/// Text as one line of a chart: hidden characters named (`<U+XXXX>`), tabs and line breaks as
/// spaces, so that a name can neither hide in a row nor break it.
fn one_line(text: &str) -> String {
    crate::invisible::escape(text).replace(['\t', '\n'], " ")
}

/// `text` with its words glued, to be wrapped as one.
fn glue(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// `text` cut to at most `max` columns, its last one `…`; borrowed when it fits.
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if columns(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used + 1 > max {
            break;
        }
        kept.push(c);
    }
    // A text's width is not always the sum of its characters' (emoji sequences).
    while columns(&kept) + 1 > max && kept.pop().is_some() {}
    kept.push('…');
    Cow::Owned(kept)
}

/// `text` aligned right in `width` columns.
fn pad_left(text: &str, width: usize) -> String {
    format!(
        "{:pad$}{text}",
        "",
        pad = width.saturating_sub(columns(text))
    )
}

/// `text` aligned left in `width` columns.
fn pad_right(text: &str, width: usize) -> String {
    format!(
        "{text}{:pad$}",
        "",
        pad = width.saturating_sub(columns(text))
    )
}

/// A bar `fraction` (0 to 1) of `width` columns long, to the eighth of a column; never empty
/// for a fraction above zero, so that what is there is seen.
fn bar(fraction: f64, width: usize) -> String {
    let eighths = (fraction.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let eighths = if fraction > 0.0 {
        eighths.max(1)
    } else {
        eighths
    };
    let mut out = "█".repeat(eighths / 8);
    out.push_str(EIGHTHS[eighths % 8]);
    out
}

/// A share as a percentage to a tenth; a share too small to show as `0.1%` is `<0.1%`, so that
/// it does not read as none.
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p.is_nan() {
        "n/a".to_string()
    } else if p > 999.9 {
        ">999%".to_string()
    } else if p < -999.9 {
        "<-999%".to_string()
    } else if p > 0.0 && p < 0.05 {
        "<0.1%".to_string()
    } else {
        // `+ 0.0` turns a negative zero into zero.
        format!("{:.1}%", p + 0.0)
    }
}

/// What the charts' tests share: a deterministic generator, labels as the caller's read, and
/// the check every chart must pass.
#[cfg(test)]
mod testing {
    use super::columns;

    /// A small deterministic generator (xorshift), so that the charts are the same on every
    /// run.
    pub struct Rng(pub u64);

    impl Rng {
        /// Uniform in (0, 1).
        pub fn uniform(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }

        /// Standard normal (Box–Muller).
        pub fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        }

        /// Log-normal with median `median` and shape `sigma`.
        pub fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
            median * (sigma * self.normal()).exp()
        }

        pub fn below(&mut self, n: usize) -> usize {
            ((self.uniform() * n as f64) as usize).min(n - 1)
        }
    }

    /// A log-normal around 174K, as a peak rate might be.
    pub fn qps_samples(n: usize) -> Vec<f64> {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        (0..n).map(|_| rng.log_normal(174e3, 0.35)).collect()
    }

    /// A log-normal over orders of magnitude, as a cost estimated from wide ranges might be.
    pub fn wide_samples(n: usize) -> Vec<f64> {
        let mut rng = Rng(7);
        (0..n).map(|_| rng.log_normal(2e6, 1.2)).collect()
    }

    /// Sample sets with every shape the bins must survive.
    pub fn awkward_sets() -> Vec<(&'static str, Vec<f64>)> {
        let mut rng = Rng(3);
        let mut mixed: Vec<f64> = (0..500).map(|_| rng.normal() * 1e3).collect();
        mixed.extend([f64::NAN, f64::INFINITY, -0.0, 0.0, 0.0]);
        vec![
            ("log-normal", qps_samples(1_000)),
            ("wide log-normal", wide_samples(1_000)),
            ("mixed", mixed),
            ("one", vec![3.0]),
            ("two distinct", vec![1.0, 2.0, 2.0, 1.0]),
            ("equal", vec![-7.5; 20]),
            (
                "negative",
                (0..300).map(|i| -1e6 - i as f64 * 17.0).collect(),
            ),
            ("huge", vec![1e300, 3e300, 5e307, 1.7e308]),
            ("widest", vec![-f64::MAX, 0.0, f64::MAX]),
            ("tiny", vec![1e-300, 2e-300, 5e-300, 3e-299]),
            ("subnormal", vec![5e-324, 1e-323, 1.5e-323]),
            ("close", (0..50).map(|i| 1e15 + i as f64 * 0.125).collect()),
            (
                "nearly equal",
                vec![1.0, 1.0 + f64::EPSILON, 1.0 + 2.0 * f64::EPSILON],
            ),
            ("empty", vec![]),
            ("not numbers", vec![f64::NAN, f64::NEG_INFINITY]),
        ]
    }

    /// A value to three significant digits with an SI prefix.
    pub fn si(v: f64) -> String {
        if v == 0.0 || !v.is_finite() {
            return format!("{v}");
        }
        const PREFIXES: &[(f64, &str)] = &[
            (1e12, "T"),
            (1e9, "G"),
            (1e6, "M"),
            (1e3, "K"),
            (1.0, ""),
            (1e-3, "m"),
            (1e-6, "µ"),
        ];
        let found = PREFIXES.iter().find(|(s, _)| v.abs() >= *s);
        let (Some(&(scale, prefix)), true) = (found, v.abs() < 999.5e12) else {
            return format!("{v:.2e}");
        };
        let x = v / scale;
        let decimals = (2 - x.abs().log10().floor() as i32).max(0) as usize;
        let digits = format!("{x:.decimals$}");
        let digits = if digits.contains('.') {
            digits.trim_end_matches('0').trim_end_matches('.')
        } else {
            &digits
        };
        format!("{digits}{prefix}")
    }

    /// A rate: `174K /s`.
    pub fn rate(v: f64) -> String {
        format!("{} /s", si(v))
    }

    /// Money: `$12.6K`.
    pub fn dollars(v: f64) -> String {
        format!("${}", si(v))
    }

    /// A label far longer than any a caller should pass.
    pub fn verbose(v: f64) -> String {
        format!("{} requests per second per region at peak", si(v))
    }

    /// Every line of `text` ends with `\n`, not with a space, and fits `width` columns.
    pub fn assert_fits(text: &str, width: usize, case: &str) {
        assert!(text.ends_with('\n'), "no final line break, {case}:\n{text}");
        for line in text.lines() {
            assert!(
                columns(line) <= width,
                "a line of {} columns at width {width}, {case}:\n{text}",
                columns(line)
            );
            assert!(!line.ends_with(' '), "a trailing space, {case}:\n{text}");
            assert!(!line.contains(super::GLUE), "glue left in, {case}:\n{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_glued_words_together() {
        let mut out = Lines::default();
        out.wrap(&format!("a bb {}", glue("p50 = 174K /s")), 15, "  ");
        assert_eq!(out.0, "a bb\n  p50 = 174K /s\n");
        let mut out = Lines::default();
        out.wrap(
            &format!("  {}", glue("low $9.8K, much too long to glue")),
            12,
            "    ",
        );
        assert_eq!(out.0, "  low $9.8K,\n    much too\n    long to\n    glue\n");
    }

    #[test]
    fn cut_counts_wide_characters() {
        assert_eq!(cut("peak_factor", 6), "peak_…");
        assert_eq!(cut("名前名前", 6), "名前…");
        assert_eq!(cut("short", 6), "short");
    }

    #[test]
    fn small_numbers_and_shares_read_plainly() {
        assert_eq!(crate::format::group_thousands(0), "0");
        assert_eq!(crate::format::group_thousands(1234567), "1,234,567");
        assert_eq!(percent(0.62), "62.0%");
        assert_eq!(percent(0.0001), "<0.1%");
        assert_eq!(percent(-0.0), "0.0%");
        assert_eq!(percent(f64::NAN), "n/a");
        assert_eq!(percent(1e300), ">999%");
    }

    #[test]
    fn a_narrow_terminal_gets_one_line() {
        let bars = [Bar {
            name: "x".into(),
            low: 1.0,
            high: 2.0,
        }];
        for width in 0..NARROWEST {
            let label = |v: f64| v.to_string();
            assert_eq!(histogram("t", &[1.0, 2.0], &[], width, &label), TOO_NARROW);
            assert_eq!(tornado("t", 1.5, &bars, width, &label), TOO_NARROW);
            assert_eq!(shares("t", &[("x".into(), 0.5)], width), TOO_NARROW);
        }
    }
}
