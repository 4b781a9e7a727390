//! Property: what bote displays, read back by bote, is the same quantity within the precision
//! shown. Values are drawn from a fixed pseudo-random sequence so that failures reproduce.

use bote::format::{self, Frame, Style};
use bote::{Conventions, Dimension, Entry, Session, ValueKind};

/// A small xorshift generator: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn read_back(text: &str) -> (f64, Dimension) {
    let mut session = Session::new(Conventions::default());
    let fail = |session: &Session, e: bote::Error| -> ! {
        let sources = session.sources();
        panic!(
            "`{text}` does not parse back:\n{}",
            e.to_diagnostic(sources).render(sources, false)
        )
    };
    if let Err(e) = session.add("<shown>", text) {
        fail(&session, e);
    }
    if let Err(e) = session.check() {
        fail(&session, e);
    }
    let evaluation = match session.evaluate() {
        Ok(evaluation) => evaluation,
        Err(e) => fail(&session, e),
    };
    let entries: Vec<Entry> = match evaluation.entries().collect() {
        Ok(entries) => entries,
        Err(e) => fail(&session, bote::Error::Eval(e)),
    };
    match &entries[..] {
        [Entry::Expression { expression, value }] => (value.point(), expression.expr.dim),
        _ => panic!("`{text}` is not one expression"),
    }
}

#[test]
fn displayed_values_parse_back() {
    let conventions = Conventions::default();
    let per_second = Dimension::NONE.per(Dimension::TIME).unwrap();
    let dims = [
        Dimension::NONE,
        Dimension::TIME,
        Dimension::INFORMATION,
        Dimension::DATA_RATE,
        per_second,
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for precision in [1, 3, 6] {
        let style = Style::with_precision(precision);
        let frame = Frame {
            conventions: &conventions,
            count_units: &[],
        };
        // Magnitudes from 1e-9 to 1e21, and values just under unit boundaries, where a unit
        // chosen before rounding would show `0.999 h` for 3595 s.
        let boundaries = [60.0, 3600.0, 86400.0, 1e3, 1e6, 1e9, 1.25e5, 1.25e8, 1e12];
        let samples: Vec<f64> = (0..400)
            .map(|_| 10f64.powf(rng.next() * 30.0 - 9.0))
            .chain(boundaries.iter().map(|b| b * 0.9986))
            .collect();
        for value in samples {
            for dim in dims {
                let shown = format::show(value, dim, ValueKind::Plain, None, &frame, &style);
                // A data rate shows bits then bytes in parentheses: read the bits.
                let text = shown.text.split(" (").next().unwrap_or("");
                let (back, back_dim) = read_back(text);
                assert_eq!(back_dim, dim, "`{text}` changed dimension");
                // The unit is the largest that keeps the shown number at least 1 (plain
                // numbers below 1 are just small), and a smaller unit was not skipped.
                let number: f64 = text
                    .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == '/' || c == 'µ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(f64::NAN);
                let smallest = ["ns", "B", "bps", "/s"].iter().any(|u| text.ends_with(u))
                    && !text.contains(['K', 'M', 'G', 'T', 'P', 'E', 'k']);
                if dim != Dimension::NONE && !smallest && !text.contains('e') {
                    assert!(
                        number >= 1.0,
                        "{value} shown as `{text}`: below 1 in its unit"
                    );
                }
                let tolerance = 0.51 * 10f64.powi(1 - precision as i32);
                assert!(
                    ((back - value) / value).abs() <= tolerance,
                    "{value} shown as `{text}` reads back as {back} (precision {precision})"
                );
            }
        }
    }
}

#[test]
fn availabilities_parse_back_and_never_reach_100_percent() {
    let conventions = Conventions::default();
    let style = Style::default();
    let frame = Frame {
        conventions: &conventions,
        count_units: &[],
    };
    for nines in 1..=12 {
        for extra in [0.0, 0.3, 0.5, 0.9] {
            let fraction = 1.0 - 10f64.powf(-(nines as f64 + extra));
            let shown = format::show(
                fraction,
                Dimension::NONE,
                ValueKind::Availability,
                None,
                &frame,
                &style,
            );
            let percent = shown.text.split(' ').next().unwrap_or("");
            assert_ne!(percent, "100%", "{fraction} shown as {}", shown.text);
            let (back, _) = read_back(percent);
            let down = 1.0 - fraction;
            assert!(
                ((1.0 - back) - down).abs() / down < 0.06,
                "{fraction} shown as `{}` reads back as {back}",
                shown.text
            );
        }
    }
}
