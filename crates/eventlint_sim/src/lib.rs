//! Deterministic per-key ordering simulator for retries, DLQs and key parking (`dlq-simulator.md`): a core crate
//! with no I/O that runs a [`Scenario`] against a [`SimSetup`] and renders the result.

mod assign;
mod checker;
mod engine;
mod from_model;
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
