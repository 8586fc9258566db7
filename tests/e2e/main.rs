//! End-to-end tests of the `eventlint` binary, as one test binary: each module is one area of the CLI.
//!
//! One binary rather than one per file: every test binary links the whole tool, which costs CI minutes and disk.

mod against;
mod cli;
mod common;
mod compat_cli;
mod compat_formats;
mod examples;
mod init;
mod integrations;
#[path = "../../crates/eventlint_sim/tests/common/json_schema.rs"]
mod json_schema;
mod playground;
mod simulate;
