//! Each rule of the layout on a small file, and the guard against a changed meaning.

use super::*;

fn formatted(text: &str) -> String {
    format(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

#[test]
fn statements_are_spaced_from_their_trees() {
    assert_eq!(formatted("x=1+2*3"), "x = 1 + 2 * 3\n");
    assert_eq!(
        formatted("qps=100M*10/day->/s"),
        "qps = 100M * 10 / day -> /s\n"
    );
    assert_eq!(formatted("rate = 100 MB / s"), "rate = 100 MB/s\n");
    assert_eq!(formatted("y = 2 ** 30 B in GiB"), "y = 2**30 B in GiB\n");
    assert_eq!(formatted("z = 10KB to MB"), "z = 10 KB to MB\n");
    assert_eq!(
        formatted("d = 10 GB per day -> GB / h"),
        "d = 10 GB per day -> GB/h\n"
    );
    assert_eq!(formatted("s = 99.9 % -> %"), "s = 99.9% -> %\n");
    assert_eq!(formatted("  1 GB / 100 MB/s  "), "1 GB / 100 MB/s\n");
    assert_eq!(
        formatted("a = 300M   to 700M\nb = min( a,2 )"),
        "a = 300M to 700M\nb = min(a, 2)\n"
    );
}

#[test]
fn other_statements() {
    assert_eq!(
        formatted("unit   req\ncalendar    gregorian\nassert 1 GB<2GB\nassert x ~=  5 within   1%"),
        "unit req\ncalendar gregorian\nassert 1 GB < 2 GB\nassert x ~= 5 within 1%\n"
    );
    assert_eq!(
        formatted("import   \"common.bote\"   # shared\nx = 1"),
        "import \"common.bote\"  # shared\nx = 1\n"
    );
    assert_eq!(
        formatted("calendar year=365.25 days\nx = 1"),
        "calendar year = 365.25 days\nx             = 1\n"
    );
}

#[test]
fn statements_after_a_semicolon_get_their_own_line() {
    assert_eq!(
        formatted("a = 1; b = 2;c = 3 # the c"),
        "a = 1\nb = 2\nc = 3  # the c\n"
    );
    // A comment after a `;` belongs to no statement: it stays a comment of its own.
    assert_eq!(formatted("a = 1; # note"), "a = 1\n# note\n");
    assert_eq!(formatted("a = 1 ;;\n;\nb = 2"), "a = 1\n\nb = 2\n");
}

#[test]
fn definitions_align_within_a_block() {
    let text = "dau = 500M\nphoto_size = 2 MB\n\nx = 1\nlonger_name = 2\n";
    insta::assert_snapshot!(formatted(text), @r"
    dau        = 500M
    photo_size = 2 MB

    x           = 1
    longer_name = 2
    ");
}

#[test]
fn trailing_comments_align_within_a_block() {
    let text = "\
a = 1 # one
bb = a * 100 / day   #  two, spaced as written   
ccc = 3
# a comment line does not break the block
d = 4 # four

e = 5    # alone in its block
";
    insta::assert_snapshot!(formatted(text), @r"
    a   = 1              # one
    bb  = a * 100 / day  #  two, spaced as written
    ccc = 3
    # a comment line does not break the block
    d   = 4              # four

    e = 5  # alone in its block
    ");
}

#[test]
fn blank_lines_and_line_ends() {
    assert_eq!(
        formatted("\n\n\nx = 1\n\n\n\ny = 2\n\n\n"),
        "x = 1\n\ny = 2\n"
    );
    assert_eq!(formatted("x = 1\r\ny = 2\r\n"), "x = 1\ny = 2\n");
    assert_eq!(formatted("\u{FEFF}x = 1\ry = 2"), "x = 1\ny = 2\n");
    assert_eq!(formatted(""), "");
    assert_eq!(formatted("\n \n\t\n"), "");
    assert_eq!(formatted("# only a comment   "), "# only a comment\n");
}

#[test]
fn the_leading_comment_stays_the_title() {
    let text = "# Title\n  # the description  \n\n\n# not the title\nx = 1\n";
    assert_eq!(
        formatted(text),
        "# Title\n# the description\n\n# not the title\nx = 1\n"
    );
    // A line of `;` ends the leading comment as a blank line does.
    assert_eq!(formatted("# a\n;\n# b\n"), "# a\n\n# b\n");
}

#[test]
fn numbers_names_and_parentheses_stay_as_written() {
    assert_eq!(
        formatted("x = ((1_000 + .5e3)) * 10   million + 1bn / 2^(3) + (+y)"),
        "x = ((1_000 + .5e3)) * 10 million + 1bn / 2^(3) + (+y)\n"
    );
    assert_eq!(
        formatted("p = $0.02 / GB * 1 PB/month -> $/month"),
        "p = $0.02/GB * 1 PB/month -> $/month\n"
    );
}

/// Found by the fuzzer: `to -   5` was a conversion and `to -5` a range.
#[test]
fn a_sign_keeps_its_meaning_once_glued() {
    assert_eq!(formatted("x = 1 to -   5"), "x = 1 to -5\n");
    assert_eq!(formatted("x = 1 to +   5"), "x = 1 to +5\n");
    assert_eq!(formatted("x = 1 to - y"), "x = 1 to -y\n");
}

#[test]
fn formatting_twice_changes_nothing() {
    for text in [
        "a = 1; b = 2 # c\n\n\n  # d\nlonger = a+b   # e",
        "x = (1 - 99.99%) * 1 year -> min",
        "# T\n\nimport \"a.bote\"; y = -(-x)",
    ] {
        let once = formatted(text);
        assert_eq!(formatted(&once), once, "{text:?}");
    }
}

#[test]
fn a_parse_error_is_returned_with_the_text_it_points_into() {
    let Err(FormatError::Parse { error, source }) = format("\u{FEFF}x = 1 +") else {
        panic!("not a parse error");
    };
    assert_eq!(source, "x = 1 +");
    assert_eq!(error.span, Span::new(7, 7));
    let (d, sources) = FormatError::Parse { error, source }.to_diagnostic("plan.bote");
    insta::assert_snapshot!(d.render(&sources, false), @r"
    error: expected an expression after `+`, found the end of the input
     --> plan.bote:1:8
      |
    1 | x = 1 +
      |        ^ expected an expression after `+`
    ");
}

#[test]
fn a_changed_meaning_is_an_error_that_points_at_the_statement() {
    let src = "a = 1\nb = 2 # two\n";
    let program = syntax::parse_program(src, 0).unwrap();
    let other = syntax::parse_program("a = 1\nb = 3 # two\n", 0).unwrap();
    let span = same::first_difference(src, &program, src, &other).unwrap();
    assert_eq!(span.text(src), "b = 2");
    let described = syntax::parse_program("a = 1\nb = 2 # 2\n", 0).unwrap();
    assert!(same::first_difference(src, &program, src, &described).is_some());
    let spaced = "a   =   1\n\n\nb=2    # two";
    let moved = syntax::parse_program(spaced, 0).unwrap();
    assert_eq!(same::first_difference(src, &program, spaced, &moved), None);
    let error = FormatError::Changed {
        span,
        source: src.to_string(),
    };
    let (d, sources) = error.to_diagnostic("plan.bote");
    insta::assert_snapshot!(d.render(&sources, false), @r"
    error: bote fmt would change the meaning of `plan.bote`; the file is left unchanged
     --> plan.bote:2:1
      |
    2 | b = 2 # two
      | ^^^^^ this would read differently once formatted
      |
      = help: this is a bug in bote fmt: please report it, with the file
    ");
}
