//! Parsers of option values that clap cannot express: `--set NAME=EXPR`, `--samples 1M`,
//! `--swing 20%`. Each error says what was expected.

/// `NAME=EXPR`, both sides non-empty, trimmed.
pub fn parse_set(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() && !value.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("expected NAME=EXPR, e.g. `dau=1bn`, got `{s}`")),
    }
}

/// A sample count: a whole number from 100 to [`bote::sample::MAX_SAMPLES`], with
/// an optional `K` or `M`, or in e-notation.
pub fn parse_samples(s: &str) -> Result<u64, String> {
    // Fewer trials than this cannot place a 5th percentile (at 1 sample, a range would show
    // as one random number).
    const MIN_SAMPLES: f64 = 100.0;
    let t = s.trim();
    let (digits, scale) = match t.strip_suffix(['K', 'k']) {
        Some(d) => (d, 1e3),
        None => match t.strip_suffix('M') {
            Some(d) => (d, 1e6),
            None => (t, 1.0),
        },
    };
    let max = bote::sample::MAX_SAMPLES as f64;
    match digits.parse::<f64>().map(|n| n * scale) {
        Ok(n) if n.fract() == 0.0 && (MIN_SAMPLES..=max).contains(&n) => Ok(n as u64),
        _ => Err(format!(
            "expected a whole number of samples from 100 to 10,000,000 (10M), got `{s}`"
        )),
    }
}

/// `20%` or `20`: a fraction in (0, 1).
pub fn parse_swing(s: &str) -> Result<f64, String> {
    let number = s.trim().trim_end_matches('%').trim();
    match number.parse::<f64>() {
        Ok(p) if p > 0.0 && p < 100.0 => Ok(p / 100.0),
        _ => Err(format!(
            "expected a percentage above 0 and below 100, e.g. `20%`, got `{s}`"
        )),
    }
}
