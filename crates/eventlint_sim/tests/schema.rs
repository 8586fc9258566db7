//! Validates JSON reports against the committed `eventlint.simulation/v1` JSON Schema with a small validator that
//! covers the keywords the schema uses.

mod common;

use common::*;
use eventlint_sim::*;
use serde_json::Value;

const SCHEMA: &str = include_str!("../schema/simulation-v1.schema.json");

/// Collects every place where `value` breaks `schema`.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return validate(root, &root["$defs"][name], value, path, errors);
    }
    if let Some(types) = schema.get("type") {
        let names: Vec<&str> = match types {
            Value::String(name) => vec![name.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let matches = |name: &str| match name {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => panic!("validator does not know type `{name}`"),
        };
        if !names.iter().any(|name| matches(name)) {
            errors.push(format!("{path}: expected {names:?}, found {value}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {options:?}"));
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|option| {
                let mut sub = vec![];
                validate(root, option, value, path, &mut sub);
                sub.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of oneOf"));
        }
    }
    if let (Some(minimum), Some(number)) = (schema.get("minimum").and_then(Value::as_i64), value.as_i64())
        && number < minimum
    {
        errors.push(format!("{path}: {number} < {minimum}"));
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern").and_then(Value::as_str), value.as_str()) {
        assert_eq!(pattern, "^[0-9a-f]{64}$", "validator knows only the sha256 pattern");
        if text.len() != 64 || !text.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) {
            errors.push(format!("{path}: `{text}` is not a sha256"));
        }
    }
    if let Some(object) = value.as_object() {
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                errors.push(format!("{path}: missing `{name}`"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, member) in object {
            let member_path = format!("{path}/{name}");
            if let Some(names) = schema.get("propertyNames") {
                validate(root, names, &Value::String(name.clone()), &member_path, errors);
            }
            match (properties.and_then(|p| p.get(name)), schema.get("additionalProperties")) {
                (Some(sub), _) => validate(root, sub, member, &member_path, errors),
                (None, Some(Value::Bool(false))) => errors.push(format!("{member_path}: not allowed")),
                (None, Some(sub)) if sub.is_object() => validate(root, sub, member, &member_path, errors),
                _ => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            validate(root, items, item, &format!("{path}/{index}"), errors);
        }
    }
}

fn check_report(report: &Report) {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let runs: Value = serde_json::from_str(&render_json(report)).unwrap();
    let mut errors = vec![];
    for (index, run) in runs.as_array().unwrap().iter().enumerate() {
        validate(&schema, &schema, run, &format!("/{index}"), &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

fn traced() -> RunOptions {
    RunOptions { trace: true, ..options() }
}

#[test]
fn worked_example_reports_match_the_schema() {
    check_report(&run_scenario(&payments_setup(), &poison_pill_scenario(), &traced()).unwrap());
    check_report(&run_scenario(&payments_setup(), &unpark_race_scenario(), &traced()).unwrap());
}

#[test]
fn crash_reports_with_every_kind_of_record_match_the_schema() {
    let mut scenario = poison_pill_scenario();
    scenario.overrides.group.push(("idempotent".into(), "false".into()));
    scenario.faults.push(Fault {
        trigger: FaultTrigger::AfterEvent { event: "e3".into(), point: CrashPoint::AfterDlqWrite },
        action: FaultAction::Crash(MemberRef::Any),
    });
    scenario.run.policies = vec![Policy::NaiveDlq, Policy::KeyParkingDlq, Policy::KeyOrderedStop];
    let report = run_scenario(&payments_setup(), &scenario, &traced()).unwrap();
    assert!(report.runs.iter().any(|run| run.counts.dlq.duplicate_writes > 0));
    check_report(&report);
}

#[test]
fn the_validator_rejects_a_broken_report() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    let mut run = run_object(&report.runs[0]);
    run["label"] = Value::String("fine".into());
    run["counts"]["steps"] = Value::from(-1);
    run.as_object_mut().unwrap().remove("seed");
    let mut errors = vec![];
    validate(&schema, &schema, &run, "", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:?}");
}
