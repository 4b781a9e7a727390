//! The arguments of `bote fmt`, and its long help: scenario files in the canonical layout.

use std::path::PathBuf;

use clap::Args;

use crate::cli::config::FmtConfig;

/// `bote help fmt`, after the options.
pub(super) const FMT_HELP: &str = "\
The layout:
  - one statement a line: `a = 1; b = 2` becomes two lines;
  - one space around + - * / per -> to, comparisons, `=` and `within`; none after a unary
    minus, before %, around ^, or around the / of a quantity (`100 MB/s`, `2 req/user/day`);
    a number and its unit apart (`10KB` becomes `10 KB`; `10k`, `1bn` stay one number);
    `f(a, b)`; conversion targets glued (`-> GB/day`, `-> /s`);
  - numbers, names, parentheses, `per`, `**` and `in`/`to`/`->` as written;
  - in a block (lines with no blank line between them), the `=` of the definitions aligned,
    and the trailing comments aligned two spaces after the longest line that has one;
  - comments kept as written from their `#` (blanks before it and after the text dropped);
    comment lines stay where they are;
  - one blank line between blocks, none at the start or the end, `\\n` line ends.

For example,
    dau=500M # daily users
    uploads = dau*2%/day
    photo=2MB;size=uploads*photo->TB/day
becomes
    dau     = 500M  # daily users
    uploads = dau * 2% / day
    photo   = 2 MB
    size    = uploads * photo -> TB/day

The meaning never changes: the formatted text is read again and compared with the file,
statement by statement (numbers, names, operators, targets, descriptions). A file that
would read differently is left as it is, with an error (a bug: please report it).

Without --check, each file that is not laid out so is rewritten (through a temporary file
in its folder, so that a failure never leaves half a file); nothing is printed. `-` reads
standard input and writes the formatted text to standard output.

Exit status: 0 ok; 1 with --check, a file is not formatted (or a bug, as above); 2 a file
cannot be read or does not parse (it is left unchanged).

Examples:
  bote fmt scenarios/*.bote                   rewrite the scenarios in place
  bote fmt --check scenarios/*.bote           in CI: show a diff, exit 1 if any would change
  bote fmt - < plan.bote > tidy.bote          a filter, for an editor";

#[derive(Args, Debug)]
pub(super) struct FmtArgs {
    /// Scenario files to format in place; `-` reads standard input and writes standard
    /// output.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Write nothing: print a unified diff of each file that is not formatted, and exit 1
    /// if there is any (for CI).
    #[arg(long)]
    check: bool,
}

impl FmtArgs {
    pub(super) fn into_config(self) -> FmtConfig {
        FmtConfig {
            files: self.files,
            check: self.check,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FMT_HELP;

    /// The example of the help is what `bote fmt` does.
    #[test]
    fn the_example_is_true() {
        let lines: Vec<&str> = FMT_HELP.lines().collect();
        let at = |marker: &str| lines.iter().position(|l| l.trim() == marker).unwrap();
        let (start, middle) = (at("For example,"), at("becomes"));
        let block = |from: usize, to: usize| {
            let text: Vec<&str> = lines[from..to].iter().map(|l| &l[4..]).collect();
            text.join("\n") + "\n"
        };
        let end = lines[middle..].iter().position(|l| l.is_empty()).unwrap() + middle;
        let before = block(start + 1, middle);
        let after = block(middle + 1, end);
        assert_eq!(bote::layout::format(&before).unwrap(), after);
    }
}
