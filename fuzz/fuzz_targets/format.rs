//! The number formatter (`bote::format`) on any `f64`, in any dimension, kind, precision and
//! calendar. It never panics; for a finite number it never shows `inf` or `NaN`; and what
//! `format::show` displays reads back, through the language, as the same quantity within the
//! precision shown (the property of `tests/it/roundtrip.rs`, on any number).
//!
//! Input: 8 bytes of an `f64` (little endian), then one byte each for the dimension, the kind
//! (plain, percentage, availability, availability given by what it lacks of 1), the precision
//! (1 to 15) and the calendar; missing bytes are zero.

#![no_main]

use bote::format::{self, Frame, Shown, Style};
use bote::quantity::conventions::CALENDARS;
use bote::{Conventions, Dimension, Entry, Session, Value, ValueKind, reliability};
use bote_fuzz::known;
use libfuzzer_sys::fuzz_target;

/// The count unit a dimension may use, declared in the program a display is read back in.
const COUNT_UNIT: &str = "req";

fuzz_target!(|data: &[u8]| {
    let mut bytes = [0u8; 12];
    let n = data.len().min(bytes.len());
    bytes[..n].copy_from_slice(&data[..n]);
    let mut number = [0u8; 8];
    number.copy_from_slice(&bytes[..8]);
    let x = f64::from_le_bytes(number);
    let dims = dimensions();
    let dim = dims[usize::from(bytes[8]) % dims.len()];
    let kind = bytes[9] % 4;
    let precision = usize::from(bytes[10] % 15) + 1;
    let calendar = &CALENDARS[usize::from(bytes[11]) % CALENDARS.len()];
    let conventions = Conventions::from_calendar(calendar);
    let style = Style::with_precision(precision);
    let count_units = [COUNT_UNIT.to_string()];
    let frame = Frame {
        conventions: &conventions,
        count_units: &count_units,
    };

    helpers(x, &conventions, &style);

    let (shown, expected) = match kind {
        0 => (
            format::show(x, dim, ValueKind::Plain, None, &frame, &style),
            Expected::Number(x, dim),
        ),
        1 => (
            format::show(x, Dimension::NONE, ValueKind::Percent, None, &frame, &style),
            Expected::Number(x, Dimension::NONE),
        ),
        // An availability is a fraction in [0, 1]: the checker lets no other through.
        2 if (0.0..=1.0).contains(&x) => (
            format::show_value(
                &Value::scalar(x),
                Dimension::NONE,
                ValueKind::Availability,
                None,
                &frame,
                &style,
            ),
            Expected::Availability(x, Value::scalar(x).complement()),
        ),
        3 if (0.0..=1.0).contains(&x) => (
            format::show_value(
                &Value::complement_of(x),
                Dimension::NONE,
                ValueKind::Availability,
                None,
                &frame,
                &style,
            ),
            Expected::Availability(Value::complement_of(x).point(), x),
        ),
        _ => return,
    };
    if !x.is_finite() {
        return;
    }
    finite(&shown.text, x);
    assert!(
        shown.value.is_finite(),
        "{x:e} shown as `{}` has the non-finite value {}",
        shown.text,
        shown.value
    );
    read_back(&shown, &expected, calendar.name, precision);
});

/// The dimensions a value can have, each with its own display rule.
fn dimensions() -> Vec<Dimension> {
    let time = Dimension::TIME;
    let info = Dimension::INFORMATION;
    let money = Dimension::MONEY;
    let req = Dimension::count(0).unwrap_or(Dimension::NONE);
    [
        Some(Dimension::NONE),
        Some(time),
        Some(info),
        Some(Dimension::DATA_RATE),
        Some(Dimension::PER_TIME),
        Some(money),
        money.per(time),
        money.per(info),
        money.per(info).and_then(|d| d.per(time)),
        Some(req),
        req.per(time),
        req.per(info),
        info.times(info),
        time.times(time),
        info.times(time),
        Dimension::PER_TIME.per(time),
    ]
    .into_iter()
    .flatten()
    .collect()
}

enum Expected {
    /// This number, in base units, of this dimension.
    Number(f64, Dimension),
    /// An availability: the fraction, and what it lacks of 1.
    Availability(f64, f64),
}

/// The other public formatters: no panic, and nothing non-finite out of a finite number.
fn helpers(x: f64, conventions: &Conventions, style: &Style) {
    let texts = [
        style.number(x),
        style.count(x),
        format::duration(x, conventions, style).text,
        format::bit_rate(x, style).text,
        format::byte_rate(x, style).text,
        format::nines_text(Some(x)),
        format::nines_text(reliability::count_nines(x.abs())),
        format::number_text_fixed(x, style.precision),
    ];
    if (0.0..=1.0).contains(&x) {
        let c = Value::scalar(x).complement();
        let _ = style.availability_percent(x, c);
        let _ = style.availability(x, c);
        let _ = style.availability_percent(1.0 - x, x);
        let _ = style.availability(1.0 - x, x);
    }
    let machines = format::for_machines(x);
    if x.is_finite() {
        for text in texts.iter() {
            finite(text, x);
        }
        assert!(
            machines.is_finite(),
            "for_machines({x:e}) = {machines}: JSON writes a number out of range, CSV `inf`"
        );
    }
}

fn finite(text: &str, x: f64) {
    if let Some(token) = bote_fuzz::oracle::non_finite(text, &[]) {
        panic!("the finite {x:e} is shown as `{text}` (`{token}`)");
    }
}

/// Reads the display back in a program of the same calendar and count unit.
fn read_back(shown: &Shown, expected: &Expected, calendar: &str, precision: usize) {
    // Known: a percentage within 1e-16 of 100% is refused as a literal ("too close to 100% for
    // a 64-bit number"), so the display of `nines(17)` and beyond does not read back
    // (regressions/format/availability-of-20-nines-does-not-read-back).
    if let Expected::Availability(_, c) = *expected
        && 1.0 - c == 1.0
        && c > 0.0
    {
        return;
    }
    if let Expected::Number(x, _) = *expected
        && (known::display_past_max(x) || known::display_past_max(shown.value))
    {
        return;
    }
    // A data rate shows bits, then bytes in parentheses; an availability its nines after it.
    let text = shown.text.as_str();
    let text = match text.rsplit_once(" (") {
        Some((before, _)) if !before.is_empty() => before,
        _ => text,
    };
    let program = format!("unit {COUNT_UNIT}\ncalendar {calendar}\n{text}\n");
    let mut session = Session::new(Conventions::default());
    let fail = |session: &Session, e: bote::Error| -> ! {
        let sources = session.sources();
        panic!(
            "`{}` (read as `{text}`) does not read back:\n{}",
            shown.text,
            e.to_diagnostic(sources).render(sources, false)
        )
    };
    if let Err(e) = session.add("<shown>", &program) {
        fail(&session, e);
    }
    if let Err(e) = session.check() {
        fail(&session, e);
    }
    let evaluation = match session.evaluate() {
        Ok(evaluation) => evaluation,
        Err(e) => fail(&session, e),
    };
    let Some((back, back_dim)) = evaluation.entries().find_map(|e| match e.ok()? {
        Entry::Expression { expression, value } => Some((value, expression.expr.dim)),
        _ => None,
    }) else {
        panic!("`{text}` is not an expression");
    };
    // Half a unit in the last significant digit shown, and a little floating-point noise.
    let tolerance = |digits: usize| 0.51 * 10f64.powi(1 - digits as i32) + 1e-13;
    match *expected {
        Expected::Number(x, dim) => {
            assert_eq!(back_dim, dim, "`{}` changed dimension", shown.text);
            let back = back.point();
            // Below 2.2e-308 a double has fewer digits (subnormals lie 4.9e-324 apart), and
            // reading back rounds once more to one of them.
            let close = back == x || (back - x).abs() <= tolerance(precision) * x.abs() + 2e-323;
            assert!(
                close,
                "{x:e} shown as `{}` reads back as {back:e} (precision {precision})",
                shown.text
            );
        }
        Expected::Availability(f, c) => {
            let back_c = back.complement();
            // Within 10% of 1, the unavailability keeps p - 1 digits (at most 12: the
            // formatter drops the noise of the subtraction beyond them), but no more than a
            // double near 1 holds: a percentage literal is read as the double nearest it,
            // and doubles just below 1 lie 1.1e-16 apart. Further from 1, the fraction keeps p.
            let close = if c <= 0.1 {
                (back_c - c).abs() <= tolerance((precision.max(2) - 1).min(12)) * c + 2.3e-16
            } else {
                let back_f = back.point();
                back_f == f || ((back_f - f) / f).abs() <= tolerance(precision)
            };
            assert!(
                close,
                "availability lacking {c:e} shown as `{}` reads back lacking {back_c:e} \
                 (precision {precision})",
                shown.text
            );
        }
    }
}
