//! "Did you mean …?": the closest known name by edit distance.

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so that
/// `dya` is one edit from `day`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, slot) in d[0].iter_mut().enumerate() {
        *slot = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// What a command that names a scenario's value (`--show`, `--plot`) says of a name the
/// scenario does not define: the closest of `defined`, or how to choose one.
pub fn no_such_value<I, S>(name: &str, defined: I) -> crate::diagnostic::Diagnostic
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let d = crate::diagnostic::Diagnostic::new(format!("the scenario defines no `{name}`"));
    match closest(name, defined) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("name a value the scenario defines"),
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo. A difference of
/// case alone counts as closest of all.
pub fn closest<I, S>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    if name.chars().count() > 64 {
        return None;
    }
    // One or two letters are too short to guess from: only a difference of case counts.
    let limit = match name.chars().count() {
        0..=2 => 0,
        3..=4 => 1,
        5..=7 => 2,
        _ => 3,
    };
    let lower = name.to_lowercase();
    let mut best: Option<(usize, usize, String)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        if candidate == name || candidate.len() > 64 {
            continue;
        }
        let folded = distance(&lower, &candidate.to_lowercase());
        let exact = distance(name, candidate);
        let key = (folded, exact);
        if folded <= limit && best.as_ref().is_none_or(|(f, e, _)| key < (*f, *e)) {
            best = Some((folded, exact, candidate.to_string()));
        }
    }
    best.map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        assert_eq!(closest("dya", ["day", "dau", "s"]).as_deref(), Some("day"));
        assert_eq!(closest("daux", ["dau", "day"]).as_deref(), Some("dau"));
        assert_eq!(closest("gb", ["GB", "Gbit"]).as_deref(), Some("GB"));
        assert_eq!(closest("zzzzzz", ["day"]), None);
        assert_eq!(closest("q", ["B", "s", "h"]), None);
        assert_eq!(closest("gb", ["GB", "Gbit"]).as_deref(), Some("GB"));
    }
}
