//! `run`, and then every output is held to the rules of `src/oracle.rs`: JSON parses, no
//! number shown or written is `inf` or `NaN`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let case = bote_fuzz::Case::parse(&text);
    let outputs = bote_fuzz::exercise(&case);
    bote_fuzz::oracle::check(&case, &outputs);
});
