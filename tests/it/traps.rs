//! Issue 8: inputs that used to give a wrong answer with exit 0, and the words people write.
//! Each test names the trap; each would fail on the code before the fix.

use crate::common::bote;

/// The text `bote eval` prints for `expr`, which must succeed.
fn eval(expr: &str) -> String {
    let out = bote(&["eval", expr]);
    assert!(
        out.status.success(),
        "{expr}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// Exit code and stderr of `bote eval expr`, which must fail.
fn eval_error(expr: &str) -> (i32, String) {
    let out = bote(&["eval", expr]);
    assert!(!out.status.success(), "{expr} should fail");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_rate_after_a_slash_is_one_quantity() {
    assert_eq!(eval("1 GB / 100 MB/s"), "10 s");
    assert_eq!(eval("1 TB / 100 GB/day"), "10 days");
    assert_eq!(eval("1 TB / 100 GB per day"), "10 days");
    assert_eq!(eval("1 PB / 2 GB/s -> days"), "5.79 days");
    // A bare number keeps left-to-right reading.
    assert_eq!(eval("864 GB / 10 / day -> Mbps"), "8 Mbps");
    // A name after the `/` that is a definition, not a unit, reads left to right too.
    assert_eq!(
        eval("total = 1 TB; servers = 10; total / 10 GB / servers"),
        "total = 1 TB\nservers = 10\n10"
    );
}
