//! The integration tests, one binary: the CLI as a black box, every scenario and error
//! fixture, the README's examples, and properties of the library. Shared helpers live in
//! `common`.

// A test may panic: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod acceptance;
mod architecture;
mod cli;
mod common;
mod diff;
mod drill;
mod errors;
mod exact;
mod fmt;
mod imports;
mod models;
mod papercuts;
mod readme;
mod reliability;
mod repl;
mod reports;
mod robustness;
mod rough;
mod roundtrip;
mod scenario_acceptance;
mod scenarios;
mod spans;
mod steps;
mod sweep;
mod traps;
mod uncertainty;
