//! How a value reads on a chart's axis: in the unit its table shows it in (`174K /s`,
//! `2.5 TB`, `99.9%`, `$16.4M /month`), whatever the number.

use crate::format::Style;
use crate::report::{Digits, Restater, ValueReport};
use crate::value::Number;

/// Axis labels in the unit `v` is shown in: `174K /s`, `2.5 TB`, `99.9%`, `$16.4M /month`.
pub fn label_like(v: &ValueReport, style: Style) -> impl Fn(Number) -> String + use<> {
    let restater = Restater::of(v);
    move |x| restater.text(x, &style, Digits::Scaled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(program: &str, xs: &[Number]) -> Vec<String> {
        let mut session = crate::Session::new(crate::Conventions::default());
        session.add("<test>", program).unwrap();
        let report = crate::report(&mut session, &Style::default()).unwrap();
        let label = label_like(&report.values[0], Style::default());
        xs.iter().map(|&x| label(x)).collect()
    }

    #[test]
    fn labels_read_as_the_tables_write_the_value() {
        let month = crate::Conventions::default().month_s;
        assert_eq!(
            labels("cost = $16.4M/month", &[16.4e6 / month, -5.0 / month]),
            ["$16.4M /month", "-$5 /month"]
        );
        assert_eq!(labels("fee = $5", &[1500.0]), ["$1.5K"]);
        assert_eq!(labels("rate = 174K/s", &[2e5]), ["200K /s"]);
        assert_eq!(labels("size = 2.5 TB", &[3e12]), ["3 TB"]);
        assert_eq!(
            labels("sla = availability(99.9%)", &[0.9999999]),
            ["99.99999%"]
        );
    }
}
