//! The scenario schema and the scenario loader (`eventlint_sim`) accept the same keys in every mapping.

use eventlint_diagnostics::{Diagnostic, FileId, Limits};
use eventlint_schema::Format;
use serde_json::Value;

use super::assert_same_keys;

/// Every mapping of a scenario with a `stream`, written out once; each fault and operation shape appears.
const STREAM_SCENARIO: &str = r#"
scenario: 1
name: full
catalog: payments.catalog.yaml
group: ledger-payments
seed: 7
time: { step: 100ms }
overrides:
  topics: { payments.events.v1: { partitions: 3, partitioner: murmur2 } }
  groups: { ledger-payments: { instances: 2, retry: { maxAttempts: 2 } } }
  services: { ledger: { producer: { idempotent: false, maxInFlight: 5 } } }
stream:
  - { id: e1, message: PaymentInitiated, key: pay-1, partition: 0, at: 1, fault: { class: currency, poison: bad } }
  - { id: e2, message: PaymentInitiated, key: 2, fault: { transient: 2 } }
schedule: { mode: explicit, steps: [p0] }
faults:
  - { at: 6, crash: ledger-payments-0 }
  - { afterEvent: e1, point: after-dlq-write, crash: any }
  - { perStep: 0.001, rebalance: { leave: ledger-payments-1 } }
  - { at: 8, rebalance: { join: 1 } }
  - { everySteps: 10, rebalance: leave-join }
  - { at: 3, producer: reorder }
operations:
  - { at: 10, deployFix: { cures: [currency] } }
  - { at: 50%, replayDlq: { order: dlq-offset, via: in-place, rate: 1/step, onlyCured: true } }
  - { at: end, unpark: { key: pay-1 } }
  - { at: end, unpark: { keys: all } }
run: { policies: [stop], sweep: { instances: [1, 2] }, seeds: 2, maxSteps: 100, shrink: true, trace: false }
expect:
  - policies: [stop]
    noLoss: true
    perKeyOrder: violated
    constraints: all
    maxDuplicates: 0
    maxDlq: 0
    maxDlqDuplicates: 0
    maxStuck: 0
    maxParkDuration: 1s
    replayComplete: true
    maxCollateralDelay: 500ms
"#;

/// The mappings of a generated workload, which excludes `stream`.
const GENERATED_SCENARIO: &str = r#"
scenario: 1
catalog: payments.catalog.yaml
group: ledger-payments
generate:
  events: 10
  keys: { count: 5, prefix: pay-, popularity: { zipf: 1.1 } }
  lifecycle: payment-lifecycle
  interleave: round-robin
  rate: 1/step
  faults: { poison: 0.01, transient: { p: 0.01, failures: { geometric: 0.5, max: 3 } } }
"#;

fn load(scenario: &Value) -> Vec<Diagnostic> {
    eventlint_sim::load_scenario(FileId(0), &scenario.to_string(), &Limits::default()).1
}

#[test]
fn scenario_schema_and_loader_accept_the_same_keys_with_a_stream() {
    assert_same_keys(Format::Scenario, &crate::yaml_as_json(STREAM_SCENARIO), 20, &[], load);
}

#[test]
fn scenario_schema_and_loader_accept_the_same_keys_with_a_generated_workload() {
    assert_same_keys(Format::Scenario, &crate::yaml_as_json(GENERATED_SCENARIO), 2, &[], load);
}
