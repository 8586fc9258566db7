//! The worked example's setup (`ledger-payments` of `payments.catalog.yaml`) and scenarios, built by hand.
#![allow(dead_code)]

pub mod json_schema;

use eventlint_diagnostics::{Limits, Sources};
use eventlint_sim::*;

/// The `ledger-payments` group of the example catalog, as declared (2 instances, retry topics, naive DLQ).
pub fn payments_setup() -> SimSetup {
    let events_topic = "payments.events.v1";
    let message = |name: &str, consumed: bool| MessageSetup { name: name.into(), topic: events_topic.into(), consumed };
    SimSetup {
        group: "ledger-payments".into(),
        topics: vec![
            TopicSetup { name: events_topic.into(), partitions: 12, partitioner: Partitioner::Murmur2 },
            TopicSetup { name: "ledger-payments.dlq".into(), partitions: 12, partitioner: Partitioner::Murmur2 },
        ],
        messages: vec![
            message("PaymentInitiated", true),
            message("PaymentAuthorized", true),
            message("PaymentDeclined", false),
            message("PaymentCaptured", true),
            message("RefundIssued", true),
            message("PaymentUpdated", false),
            message("SendPaymentReceipt", false),
            message("PaymentStatusChanged", false),
        ],
        settings: GroupSettings {
            instances: 2,
            idempotent: true,
            retry: RetrySettings {
                mode: RetryMode::Topics,
                max_attempts: 3,
                backoff: Backoff {
                    kind: BackoffType::Exponential,
                    initial_ms: 5_000,
                    increment_ms: 0,
                    multiplier_permille: 12_000,
                    max_ms: Some(60_000),
                },
                topics: vec![],
            },
            on_exhausted: OnExhausted::Dlq,
            dlq: Some(DlqSettings::synthetic("ledger-payments")),
            ..GroupSettings::default()
        },
        constraints: vec![
            ConstraintSetup {
                id: "payment-lifecycle".into(),
                rule: ConstraintRule::Fsm {
                    start: vec!["PaymentInitiated".into()],
                    next: vec![
                        ("PaymentInitiated".into(), vec!["PaymentAuthorized".into(), "PaymentDeclined".into()]),
                        ("PaymentAuthorized".into(), vec!["PaymentCaptured".into()]),
                        ("PaymentCaptured".into(), vec!["RefundIssued".into()]),
                        ("RefundIssued".into(), vec!["RefundIssued".into()]),
                    ],
                },
            },
            ConstraintSetup {
                id: "auth-before-capture".into(),
                rule: ConstraintRule::Precedes {
                    first: vec!["PaymentAuthorized".into()],
                    then: vec!["PaymentCaptured".into()],
                },
            },
        ],
        producer: ProducerSettings::default(),
    }
}

fn event(id: &str, message: &str, key: &str, fault: EventFault) -> StreamEvent {
    StreamEvent { id: id.into(), message: message.into(), key: Some(key.into()), partition: None, at: None, fault }
}

/// The nine events of `poison-pill.scenario.yaml`.
pub fn payments_stream() -> Vec<StreamEvent> {
    let poison = EventFault::Poison { class: None, detail: "currency 'CHF ' rejected by validator v1".into() };
    vec![
        event("e1", "PaymentInitiated", "pay-1001", EventFault::None),
        event("e2", "PaymentInitiated", "pay-1002", EventFault::None),
        event("e3", "PaymentAuthorized", "pay-1001", poison),
        event("e4", "PaymentAuthorized", "pay-1002", EventFault::None),
        event("e5", "PaymentCaptured", "pay-1001", EventFault::None),
        event("e6", "PaymentCaptured", "pay-1002", EventFault::Transient { failures: 2, class: None }),
        event("e7", "RefundIssued", "pay-1001", EventFault::None),
        event("e8", "PaymentInitiated", "pay-1003", EventFault::None),
        event("e9", "PaymentAuthorized", "pay-1003", EventFault::None),
    ]
}

fn fix_and_replay(at: At) -> Vec<Operation> {
    vec![
        Operation { at: at.clone(), action: OperationAction::DeployFix(Cures::AllPoison) },
        Operation {
            at,
            action: OperationAction::ReplayDlq(ReplayDlq {
                order: Some(ReplayOrder::DlqOffset),
                via: None,
                rate: 1,
                only_cured: true,
            }),
        },
    ]
}

/// `poison-pill.scenario.yaml` (catalog-format §16.8).
pub fn poison_pill_scenario() -> Scenario {
    let mut scenario = Scenario::from_stream("poison-pill", payments_stream());
    scenario.seed = 42;
    scenario.step_ms = 1_000;
    scenario.overrides.topics.push(("payments.events.v1".into(), Some(3), None));
    scenario.overrides.group.push(("instances".into(), "1".into()));
    scenario.operations = fix_and_replay(At::End);
    scenario.run.policies = vec![Policy::Declared, Policy::Stop, Policy::Skip, Policy::NaiveDlq, Policy::KeyParkingDlq];
    scenario.expect = vec![ExpectBlock {
        policies: vec![Policy::Declared, Policy::KeyParkingDlq],
        no_loss: Some(true),
        per_key_order: Some(OrderExpectation::Strict),
        constraints: Some(ConstraintSelection::Ids(vec!["payment-lifecycle".into()])),
        max_duplicates: Some(0),
        replay_complete: Some(true),
        ..ExpectBlock::default()
    }];
    scenario
}

/// `unpark-race.scenario.yaml` (dlq-simulator §13, variants c and d).
pub fn unpark_race_scenario() -> Scenario {
    let mut scenario = poison_pill_scenario();
    scenario.name = "unpark-race".into();
    for (path, value) in [
        ("retry.mode", "blocking"),
        ("retry.maxAttempts", "3"),
        ("retry.backoff.type", "fixed"),
        ("retry.backoff.initial", "0ms"),
    ] {
        scenario.overrides.group.push((path.into(), value.into()));
    }
    scenario.operations = fix_and_replay(At::Step(9));
    scenario.run.policies = vec![Policy::KeyParkingDlq];
    scenario.run.sweep = vec![("dlq.unpark".into(), vec!["at-fix-time".into(), "when-backlog-drained".into()])];
    let a1 = "ledger-payments-0:payments.events.v1[1]";
    let a2 = "ledger-payments-0:payments.events.v1[2]";
    scenario.schedule = Schedule {
        mode: ScheduleMode::Explicit,
        steps: [a1, a2, a1, a2, a2, a2, a2, a2, a1, a1, a1, a2, a2].iter().map(|s| s.to_string()).collect(),
    };
    scenario.expect = vec![ExpectBlock {
        no_loss: Some(true),
        per_key_order: Some(OrderExpectation::Strict),
        replay_complete: Some(true),
        ..ExpectBlock::default()
    }];
    scenario
}

pub fn options() -> RunOptions {
    RunOptions {
        tool_version: "0.1.0".into(),
        scenario_path: "examples/payments/poison-pill.scenario.yaml".into(),
        scenario_sha256: "5d1e0000".into(),
        catalog_path: "examples/payments/payments.catalog.yaml".into(),
        catalog_sha256: "c0ffee00".into(),
        ..RunOptions::default()
    }
}

/// The scenario of §14.3 with the event and key counts as placeholders.
const DLQ_BENCH_1: &str = r#"
scenario: 1
name: dlq-bench-1
catalog: payments.catalog.yaml
group: ledger-payments
seed: 1234
time: { step: 100ms }
overrides:
  topics:
    payments.events.v1: { partitions: 48 }
  groups:
    ledger-payments:
      instances: 8
      assignor: range
      retry: { mode: blocking, maxAttempts: 3, backoff: { type: exponential, initial: 100ms, multiplier: 2, max: 2s } }
generate:
  events: EVENTS
  keys: { count: KEYS, prefix: "pay-", popularity: { zipf: 1.1 } }
  lifecycle: payment-lifecycle
  interleave: random
  rate: 1/step
  faults:
    poison: 1.0e-4
    transient: { p: 1.0e-2, failures: { geometric: 0.5, max: 5 } }
faults:
  - { crash: any, perStep: 1.0e-6 }
  - { rebalance: leave-join, everySteps: 1000000 }
operations:
  - { at: 50%, deployFix: { cures: [poison] } }
  - { at: 50%, replayDlq: { order: dlq-offset, rate: 1/step } }
run:
  policies: [naive-dlq, key-parking-dlq]
  trace: false
"#;

/// `dlq-bench-1` (dlq-simulator §14.3) with `events` events over `keys` keys, against [`payments_setup`].
pub fn dlq_bench_1(events: u64, keys: u64) -> Scenario {
    let text = DLQ_BENCH_1.replace("EVENTS", &events.to_string()).replace("KEYS", &keys.to_string());
    let mut sources = Sources::new();
    let file = sources.add("dlq-bench-1.scenario.yaml", text.clone());
    let (scenario, diagnostics) = load_scenario(file, &text, &Limits::default());
    let scenario = scenario.expect("dlq-bench-1 loads");
    let mut problems = diagnostics;
    problems.extend(scenario.check(&payments_setup()));
    assert!(problems.is_empty(), "{problems:?}");
    scenario.scenario
}

/// The criterion bench's workload (shaped like `dlq-bench-1`, dlq-simulator §14.3): `events` generated events over
/// 10 000 keys, 48 partitions, 8 instances with blocking retries, under `policies`.
pub fn generated_bench_scenario(events: u64, policies: Vec<Policy>) -> Scenario {
    let mut scenario = poison_pill_scenario();
    scenario.name = "dlq-bench-1-small".into();
    scenario.seed = 1234;
    scenario.step_ms = 100;
    scenario.overrides.topics = vec![("payments.events.v1".into(), Some(48), None)];
    scenario.overrides.group = [
        ("instances", "8"),
        ("assignor", "range"),
        ("retry.mode", "blocking"),
        ("retry.maxAttempts", "3"),
        ("retry.backoff.type", "exponential"),
        ("retry.backoff.initial", "100ms"),
        ("retry.backoff.multiplier", "2"),
        ("retry.backoff.max", "2s"),
    ]
    .iter()
    .map(|(path, value)| (path.to_string(), value.to_string()))
    .collect();
    scenario.workload = Workload::Generate(Generate {
        events,
        key_count: 10_000,
        key_prefix: "pay-".into(),
        popularity: Popularity::Zipf(1.1),
        lifecycle: Lifecycle::Constraint("payment-lifecycle".into()),
        interleave: Interleave::Random,
        rate: None,
        poison: 1.0e-4,
        transient: 1.0e-2,
        transient_geometric: 0.5,
        transient_max: 5,
    });
    scenario.run.policies = policies;
    scenario.expect.clear();
    scenario
}
