//! The whole pipeline as the binary's commands drive it (`run` with `--set`, `eval`, `check`,
//! `sla`, `slo`; see the input format in `src/lib.rs`), rendered as tables at several widths,
//! Markdown, CSV, JSON and diagnostics. It must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let case = bote_fuzz::Case::parse(&text);
    let _ = bote_fuzz::exercise(&case);
});
