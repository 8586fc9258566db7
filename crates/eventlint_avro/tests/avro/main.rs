//! Integration tests of the Avro layer through its public API: building, resolution, the parse-time rules,
//! rendered diagnostics, hostile inputs and the specification's example schemas.

mod build;
mod examples;
mod hostile;
mod rendering;
mod rules;
mod support;
