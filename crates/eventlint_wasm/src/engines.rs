//! The engines behind `compat`, `simulate` and the rule docs. Each answers `unavailable` until its crate is part of
//! the build, so the page can say so instead of showing made-up results.

use serde_json::{Map, Value};

use crate::{Failure, PlaygroundFile};

fn unavailable(engine: &str) -> Failure {
    Failure::new("unavailable", format!("the {engine} is not available in this build"))
}

/// `{compat, simulate, rules}`: whether each engine is in this build.
pub fn capabilities() -> Map<String, Value> {
    [("compat", false), ("simulate", false), ("rules", false)]
        .into_iter()
        .map(|(engine, present)| (engine.to_owned(), Value::Bool(present)))
        .collect()
}

pub fn compat(_reader: &str, _writer: &str, _mode: &str, _imports: &[PlaygroundFile]) -> Result<Value, Failure> {
    Err(unavailable("compatibility engine"))
}

pub fn simulate(_scenario: &str, _files: &[PlaygroundFile]) -> Result<Value, Failure> {
    Err(unavailable("simulator"))
}

pub fn rules() -> Result<Value, Failure> {
    Err(unavailable("rule catalogue"))
}

pub fn rule_docs(_name: &str) -> Result<Value, Failure> {
    Err(unavailable("rule catalogue"))
}
