//! Characters a reader cannot see, or that change how the text around them is shown: zero-width
//! and no-break spaces, bidirectional controls (a right-to-left override reorders the line it
//! is on), the byte-order mark, control characters. bote never echoes one raw in a message or
//! a table: it names it as `U+XXXX`, so that what is on the screen is what is in the file.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The invisible characters people meet in pasted text, with their names.
const NAMED: &[(char, &str)] = &[
    ('\u{00A0}', "no-break space"),
    ('\u{00AD}', "soft hyphen"),
    ('\u{034F}', "combining grapheme joiner"),
    ('\u{061C}', "Arabic letter mark"),
    ('\u{115F}', "Hangul choseong filler"),
    ('\u{1160}', "Hangul jungseong filler"),
    ('\u{1680}', "Ogham space mark"),
    ('\u{180E}', "Mongolian vowel separator"),
    ('\u{2007}', "figure space"),
    ('\u{200B}', "zero-width space"),
    ('\u{200C}', "zero-width non-joiner"),
    ('\u{200D}', "zero-width joiner"),
    ('\u{200E}', "left-to-right mark"),
    ('\u{200F}', "right-to-left mark"),
    ('\u{2028}', "line separator"),
    ('\u{2029}', "paragraph separator"),
    ('\u{202A}', "left-to-right embedding"),
    ('\u{202B}', "right-to-left embedding"),
    ('\u{202C}', "pop directional formatting"),
    ('\u{202D}', "left-to-right override"),
    ('\u{202E}', "right-to-left override"),
    ('\u{202F}', "narrow no-break space"),
    ('\u{205F}', "medium mathematical space"),
    ('\u{2060}', "word joiner"),
    ('\u{2066}', "left-to-right isolate"),
    ('\u{2067}', "right-to-left isolate"),
    ('\u{2068}', "first strong isolate"),
    ('\u{2069}', "pop directional isolate"),
    ('\u{3000}', "ideographic space"),
    ('\u{3164}', "Hangul filler"),
    ('\u{FEFF}', "byte-order mark"),
    ('\u{FFA0}', "halfwidth Hangul filler"),
];

/// Whether `c` is invisible or reorders text. Tab and newline are not: they are layout.
pub fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\t' && c != '\n';
    }
    c.is_control()
        || NAMED.iter().any(|&(n, _)| n == c)
        || ('\u{2000}'..='\u{200A}').contains(&c)
        || ('\u{2061}'..='\u{2064}').contains(&c)
        || ('\u{206A}'..='\u{206F}').contains(&c)
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
        || ('\u{FFF9}'..='\u{FFFB}').contains(&c)
        || ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// `U+200B (zero-width space)`, or `U+XXXX` for a character without a name here.
pub fn describe(c: char) -> String {
    match NAMED.iter().find(|&&(n, _)| n == c) {
        Some((_, name)) => format!("U+{:04X} ({name})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// `text` with each hidden character written `<U+XXXX>`: for messages.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_cannot_be_seen() {
        assert!(is_hidden('\u{202E}') && is_hidden('\u{200B}') && is_hidden('\r'));
        assert!(!is_hidden(' ') && !is_hidden('\t') && !is_hidden('µ'));
        assert_eq!(describe('\u{202E}'), "U+202E (right-to-left override)");
        assert_eq!(escape("a\u{200B}b"), "a<U+200B>b");
    }
}
