//! Validates JSON reports against the committed `eventlint.simulation/v1` JSON Schema with a small validator that
//! covers the keywords the schema uses.

mod common;

use common::json_schema::validate;
use common::*;
use eventlint_sim::*;
use serde_json::Value;

const SCHEMA: &str = include_str!("../schema/simulation-v1.schema.json");

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
