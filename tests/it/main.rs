//! The integration tests, one binary: the CLI as a black box, every scenario and error
//! fixture, the README's examples, and properties of the library. Shared helpers live in
//! `common`.

mod acceptance;
mod architecture;
mod cli;
mod common;
mod errors;
mod readme;
mod reliability;
mod roundtrip;
mod scenario_acceptance;
mod scenarios;
mod spans;
