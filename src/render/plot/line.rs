//! A line chart of a value across the steps of a sweep, drawn in Braille: each character cell
//! holds a 2 × 4 grid of dots, so a chart of 60 columns and 8 rows plots 120 × 32 points.
//! The steps are evenly spaced along the x axis (with `--log` they are geometric steps of the
//! input, so the axis is logarithmic); the y axis runs from the smallest value to the largest.

use super::{TOO_NARROW, columns, cut, one_line, pad_left, titled};

/// Rows of character cells a chart is tall.
const ROWS: usize = 8;
/// A wider chart shows no more: the steps are already joined by lines.
const WIDEST: usize = 72;
/// The first Braille pattern (no dot); a dot's bit is `DOTS[row][column]` within a cell.
const BRAILLE: u32 = 0x2800;
const DOTS: [[u8; 2]; 4] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];

/// What the x axis says: the input's first step, its middle, and its last, as shown.
pub struct XAxis<'a> {
    pub first: &'a str,
    pub middle: &'a str,
    pub last: &'a str,
}

/// `ys`, one per step, as a line chart at most `width` columns wide under `title`. `label`
/// says how a value reads on the y axis (`3.29 PB`). A value that is not finite leaves a gap.
pub fn line(
    title: &str,
    ys: &[f64],
    x: &XAxis,
    width: usize,
    label: &dyn Fn(f64) -> String,
) -> String {
    let Some(mut out) = titled(title, width) else {
        return TOO_NARROW.to_string();
    };
    let finite = ys.iter().copied().filter(|y| y.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if low > high {
        out.push("no finite value to plot");
        return out.0;
    }
    // The middle label is the value at the centre of its row of cells, which is a little
    // below half way: 8 rows of 4 dots have no middle row.
    let dots_h = (ROWS * 4 - 1) as f64;
    let centre = (ROWS / 2 * 4) as f64 + 1.5;
    let middle = low + (high - low) * (dots_h - centre) / dots_h;
    let labels = [label(high), label(middle), label(low)].map(|l| one_line(&l));
    let label_w = labels.iter().map(|l| columns(l)).max().unwrap_or(0);
    // The labels keep at most a third of the width; the plot takes the rest, past the axis.
    let label_w = label_w.min(width / 3);
    let plot_w = width.saturating_sub(label_w + 2).min(WIDEST);
    if plot_w < 4 {
        return TOO_NARROW.to_string();
    }
    let grid = plot(ys, (low, high), plot_w);
    for (row, cells) in grid.iter().enumerate() {
        let (tick, text) = match row {
            0 => ('┤', labels[0].as_str()),
            r if r == ROWS / 2 && high > low => ('┤', labels[1].as_str()),
            r if r == ROWS - 1 && high > low => ('┤', labels[2].as_str()),
            _ => ('│', ""),
        };
        let cells: String = cells
            .iter()
            .map(|&bits| match bits {
                0 => ' ',
                b => char::from_u32(BRAILLE + u32::from(b)).unwrap_or(' '),
            })
            .collect();
        out.push(&format!(
            "{} {tick}{cells}",
            pad_left(&cut(text, label_w), label_w)
        ));
    }
    out.push(&format!("{:label_w$} └{}", "", "─".repeat(plot_w)));
    out.push(&x_labels(x, label_w + 2, plot_w));
    out.0
}

/// The x axis's labels under the plot, which starts `indent` columns in and is `plot_w`
/// wide: the first step at its left end, the last at its right end, the middle between when
/// there is room for it.
fn x_labels(x: &XAxis, indent: usize, plot_w: usize) -> String {
    let first = one_line(x.first);
    let last = one_line(x.last);
    let middle = one_line(x.middle);
    let room = plot_w.saturating_sub(2);
    let first = cut(&first, room / 2).into_owned();
    let last = cut(&last, room / 2).into_owned();
    let mut line = format!("{:indent$}{first}", "");
    let end = indent + plot_w;
    let centre = indent + plot_w / 2;
    let (mw, lw) = (columns(&middle), columns(&last));
    let start_middle = centre.saturating_sub(mw / 2);
    if start_middle > columns(&line) + 1 && start_middle + mw + 1 < end.saturating_sub(lw) {
        line.push_str(&" ".repeat(start_middle - columns(&line)));
        line.push_str(&middle);
    }
    let gap = end.saturating_sub(columns(&line) + lw).max(1);
    line.push_str(&" ".repeat(gap));
    line.push_str(&last);
    line
}

/// The dots of the line through `ys`, as `ROWS` rows of `plot_w` cells of Braille bits.
fn plot(ys: &[f64], (low, high): (f64, f64), plot_w: usize) -> Vec<Vec<u8>> {
    let (dots_w, dots_h) = (plot_w * 2, ROWS * 4);
    let mut grid = vec![vec![0u8; plot_w]; ROWS];
    let point = |i: usize, y: f64| -> Option<(i64, i64)> {
        if !y.is_finite() {
            return None;
        }
        let x = if ys.len() > 1 {
            (i as f64 * (dots_w - 1) as f64 / (ys.len() - 1) as f64).round()
        } else {
            (dots_w / 2) as f64
        };
        let up = if high > low {
            ((y - low) / (high - low) * (dots_h - 1) as f64).round()
        } else {
            (dots_h / 2) as f64
        };
        Some((x as i64, (dots_h - 1) as i64 - up as i64))
    };
    let mut set = |x: i64, y: i64| {
        if let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y))
            && x < dots_w
            && y < dots_h
        {
            grid[y / 4][x / 2] |= DOTS[y % 4][x % 2];
        }
    };
    let mut previous = None;
    for (i, &y) in ys.iter().enumerate() {
        let here = point(i, y);
        match (previous, here) {
            (Some(from), Some(to)) => segment(from, to, &mut set),
            (None, Some((x, y))) => set(x, y),
            _ => {}
        }
        previous = here;
    }
    grid
}

/// Every dot on the straight segment from `from` to `to` (Bresenham's line).
fn segment(from: (i64, i64), to: (i64, i64), set: &mut impl FnMut(i64, i64)) {
    let (mut x, mut y) = from;
    let (dx, dy) = ((to.0 - x).abs(), -(to.1 - y).abs());
    let (sx, sy) = ((to.0 - x).signum(), (to.1 - y).signum());
    let mut err = dx + dy;
    loop {
        set(x, y);
        if (x, y) == to {
            break;
        }
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x += sx;
        }
        if e2 <= dx {
            err += dx;
            y += sy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_fits, si};
    use super::*;

    fn axis() -> XAxis<'static> {
        XAxis {
            first: "100M",
            middle: "550M",
            last: "1bn",
        }
    }

    /// The dots of each row, as the columns of the dot grid they fill.
    fn dots(chart: &str) -> Vec<Vec<usize>> {
        chart
            .lines()
            .filter(|l| l.contains(['┤', '│']))
            .map(|l| {
                let plot = l.split(['┤', '│']).nth(1).unwrap_or("");
                let mut xs = Vec::new();
                for (cell, c) in plot.chars().enumerate() {
                    let bits = (c as u32).saturating_sub(BRAILLE);
                    if c == ' ' || bits > 0xff {
                        continue;
                    }
                    for (col, bit) in [(0, 0x47), (1, 0xb8)] {
                        if bits & bit != 0 {
                            xs.push(cell * 2 + col);
                        }
                    }
                }
                xs
            })
            .collect()
    }

    #[test]
    fn a_straight_line_rises_evenly() {
        let ys: Vec<f64> = (1..=10).map(|i| f64::from(i) * 1e14).collect();
        let chart = line("total_storage", &ys, &axis(), 80, &si);
        assert_fits(&chart, 80, "line");
        insta::assert_snapshot!(chart, @r"
        total_storage
        1.00e15 ┤                                                              ⣀⣀⠤⠤⠔⠒⠒⠊⠉
                │                                                      ⣀⣀⠤⠤⠒⠒⠉⠉
                │                                            ⣀⣀⠤⠤⠔⠒⠒⠉⠉⠉
                │                                   ⢀⣀⣀⠤⠤⠒⠒⠉⠉
           492T ┤                          ⢀⣀⡠⠤⠔⠒⠒⠉⠉⠁
                │                 ⣀⣀⡠⠤⠤⠔⠒⠊⠉⠁
                │         ⣀⣀⠤⠤⠒⠒⠉⠉
           100T ┤⣀⡠⠤⠤⠒⠒⠒⠉⠉
                └───────────────────────────────────────────────────────────────────────
                 100M                             550M                               1bn
        ");
    }

    #[test]
    fn the_first_and_last_steps_are_the_ends_of_the_axis() {
        let ys = [1.0, 2.0, 3.0];
        let chart = line("x", &ys, &axis(), 60, &si);
        let rows = dots(&chart);
        // The first step is the bottom-left dot, the last the top-right one.
        assert!(rows.last().unwrap().contains(&0), "{chart}");
        let right = rows[0].iter().max().copied().unwrap_or(0);
        let widest = rows.iter().flatten().max().copied().unwrap_or(0);
        assert_eq!(right, widest, "{chart}");
    }

    #[test]
    fn a_flat_series_is_one_row() {
        let chart = line("flat", &[5.0; 6], &axis(), 60, &si);
        let rows: Vec<usize> = dots(&chart)
            .iter()
            .enumerate()
            .filter(|(_, xs)| !xs.is_empty())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(rows.len(), 1, "{chart}");
        assert_fits(&chart, 60, "flat");
    }

    #[test]
    fn gaps_and_narrow_terminals_are_said() {
        assert_eq!(line("x", &[1.0, 2.0], &axis(), 10, &si), TOO_NARROW);
        let chart = line("x", &[f64::NAN, f64::INFINITY], &axis(), 60, &si);
        assert!(chart.contains("no finite value"), "{chart}");
        let gap = line("x", &[1.0, f64::NAN, 3.0], &axis(), 60, &si);
        assert_fits(&gap, 60, "gap");
    }

    #[test]
    fn every_width_fits() {
        let ys: Vec<f64> = (0..50).map(|i| (f64::from(i) * 0.3).sin() * 1e9).collect();
        for width in crate::render::plot::NARROWEST..140 {
            let chart = line(
                "a long title that must wrap somewhere",
                &ys,
                &axis(),
                width,
                &si,
            );
            assert_fits(&chart, width, &format!("width {width}"));
        }
    }
}
