//! Deterministic per-key ordering simulator for retries, DLQs and key parking (`dlq-simulator.md`): a core crate
//! with no I/O that runs a [`Scenario`] against a [`SimSetup`] and renders the result.
//!
//! The flow for `eventlint simulate`:
//! 1. [`load_scenario`] reads the scenario YAML (located `load/*` diagnostics); the catalog loader gives a model,
//!    and [`SimSetup::from_model`] the group under test; [`ScenarioFile::check`] checks the scenario's names.
//! 2. [`run_scenario`] runs every policy and sweep point into a [`Report`] (errors are exit-2 problems, such as an
//!    explicit schedule step that is not runnable); [`Report::exit_code`] is 0 or 1.
//! 3. [`render_text`], [`render_json`] / [`render_json_lines`] (`eventlint.simulation/v1`, schema in
//!    `schema/simulation-v1.schema.json`), and per run [`render_mermaid`] and [`render_svg`] (need `trace`).
//! 4. [`explore`] tries seeds and shrinks a failure to a [`Counterexample`]; [`render_scenario_yaml`] writes it.
//!
//! Determinism: one PRNG ([`PRNG_ID`]) with independent streams, logical steps, no hash-order iteration and no
//! float in decisions, so the same inputs give byte-identical reports.

mod assign;
mod checker;
mod engine;
mod from_model;
mod generate;
mod json;
mod load;
mod mermaid;
mod outcome;
mod partition;
mod prng;
mod report;
mod scenario;
mod setup;
mod shrink;
mod svg;
mod text;
mod yaml;

pub use generate::generated_stream;
pub use json::{SCHEMA_ID, render_json, render_json_lines, run_object};
pub use load::{NameSpan, ScenarioFile, load_scenario};
pub use mermaid::{MERMAID_MAX_MESSAGES, render_mermaid};
pub use outcome::*;
pub use partition::{Partitioner, crc32, murmur2, to_positive};
pub use prng::PRNG_ID;
pub use report::*;
pub use scenario::*;
pub use setup::*;
pub use shrink::{Counterexample, ExploreOptions, Target, explore, failure_target, shrink};
pub use svg::{SVG_MAX_ELEMENTS, render_svg};
pub use text::render_text;
pub use yaml::render_scenario_yaml;
