//! Model behaviours beyond the worked example: delivery modes, crashes, rebalances, replay variants, producer
//! faults and processing modes, each as a small variation of the payments stream.

mod common;

use common::*;
use eventlint_sim::*;

/// Runs the poison-pill stream with one policy after `tweak`, and summarizes codes, counts and label.
fn run(policy: Policy, tweak: impl FnOnce(&mut Scenario)) -> String {
    let mut scenario = poison_pill_scenario();
    scenario.run.policies = vec![policy];
    scenario.expect.clear();
    tweak(&mut scenario);
    let report = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
    let run = &report.runs[0];
    let mut parts: Vec<String> = run
        .by_code
        .iter()
        .map(|count| format!("{}={}{}", count.code.as_str(), count.events, if count.expected { "" } else { "!" }))
        .collect();
    let counts = &run.counts;
    parts.push(format!(
        "runs={} dlq={} crashes={} rebalances={} {:?}",
        counts.handler_runs, counts.dlq.entries, counts.crashes, counts.rebalances, run.label
    ));
    parts.join(" ")
}

fn group(scenario: &mut Scenario, path: &str, value: &str) {
    scenario.overrides.group.push((path.into(), value.into()));
}

fn sweep(scenario: &mut Scenario, path: &str, value: &str) {
    scenario.run.sweep.push((path.into(), vec![value.into()]));
}

fn fault(scenario: &mut Scenario, trigger: FaultTrigger, action: FaultAction) {
    scenario.faults.push(Fault { trigger, action });
}

fn crash_at(scenario: &mut Scenario, step: u64) {
    fault(scenario, FaultTrigger::At(At::Step(step)), FaultAction::Crash(MemberRef::Named("ledger-payments-0".into())));
}

#[test]
fn at_most_once_loses_the_record_in_flight_at_a_crash() {
    // Round-robin: e2, e1, e4, then e3 fails at step 4 and waits 5 steps; the crash hits during that backoff.
    let summary = run(Policy::NaiveDlq, |s| {
        group(s, "delivery", "at-most-once");
        s.schedule = Schedule { mode: ScheduleMode::RoundRobin, steps: vec![] };
        crash_at(s, 6);
    });
    // e3 and e6 are both in backoff at the crash: committed before handling, never run.
    assert!(summary.starts_with("LOST=2 ORDER_OVERTAKE=2 CAUSAL=1 "), "{summary}");
    assert!(summary.ends_with("runs=7 dlq=0 crashes=1 rebalances=1 AsDesigned"), "{summary}");
}

#[test]
fn at_least_once_redelivers_the_uncommitted_tail_after_a_crash() {
    let duplicates = run(Policy::NaiveDlq, |s| {
        group(s, "idempotent", "false");
        group(s, "commit.every", "5");
        crash_at(s, 6);
    });
    assert!(duplicates.starts_with("DUPLICATE="), "{duplicates}");
    let deduplicated = run(Policy::NaiveDlq, |s| {
        group(s, "commit.every", "5");
        crash_at(s, 6);
    });
    assert!(deduplicated.starts_with("DEDUP_HIT="), "{deduplicated}");
    assert!(!deduplicated.contains("DUPLICATE="), "{deduplicated}");
}

#[test]
fn exactly_once_aborts_the_open_transaction_instead_of_duplicating() {
    let summary = run(Policy::NaiveDlq, |s| {
        group(s, "idempotent", "false");
        group(s, "delivery", "exactly-once");
        group(s, "commit.every", "5");
        crash_at(s, 6);
    });
    assert!(!summary.contains("DUPLICATE"), "{summary}");
}

#[test]
fn rebalance_without_commit_on_revoke_redelivers() {
    let rebalance = |on_revoke: &'static str| {
        run(Policy::KeyParkingDlq, move |s| {
            group(s, "idempotent", "false");
            group(s, "commit.every", "10");
            group(s, "commit.onRevoke", on_revoke);
            fault(s, FaultTrigger::At(At::Step(4)), FaultAction::Join(1));
        })
    };
    assert!(rebalance("false").contains("DUPLICATE="), "{}", rebalance("false"));
    assert!(!rebalance("true").contains("DUPLICATE="), "{}", rebalance("true"));
}

#[test]
fn crash_after_the_dlq_write_duplicates_the_dead_letter() {
    let summary = run(Policy::KeyParkingDlq, |s| {
        fault(
            s,
            FaultTrigger::AfterEvent { event: "e3".into(), point: CrashPoint::AfterDlqWrite },
            FaultAction::Crash(MemberRef::Any),
        );
    });
    assert!(summary.starts_with("DEDUP_HIT=1 DLQ_DUPLICATE=1 "), "{summary}");
    assert!(summary.ends_with("AsDesigned"), "{summary}");
}

#[test]
fn durable_park_state_survives_a_crash_after_the_park_write() {
    let summary = run(Policy::KeyParkingDlq, |s| {
        fault(
            s,
            FaultTrigger::AfterEvent { event: "e3".into(), point: CrashPoint::AfterParkWrite },
            FaultAction::Crash(MemberRef::Any),
        );
    });
    assert!(!summary.contains("ORDER") && !summary.contains("PARK_BREACH"), "{summary}");
}

/// The step of the first trace entry with `action` for `event` in the only run.
fn step_of(scenario: &Scenario, event: &str, action: Action) -> u64 {
    let report = run_scenario(&payments_setup(), scenario, &RunOptions { trace: true, ..options() }).unwrap();
    let timeline = report.runs[0].timeline.clone().unwrap_or_default();
    timeline.iter().find(|e| e.action == action && e.event.as_deref() == Some(event)).map_or(0, |e| e.step)
}

#[test]
fn in_memory_park_state_is_lost_in_a_crash() {
    let with_store = |store: &str, crash: Option<u64>| {
        let mut scenario = poison_pill_scenario();
        scenario.run.policies = vec![Policy::KeyParkingDlq];
        scenario.expect.clear();
        sweep(&mut scenario, "dlq.parkStore", store);
        scenario.schedule = Schedule { mode: ScheduleMode::RoundRobin, steps: vec![] };
        if let Some(step) = crash {
            crash_at(&mut scenario, step);
        }
        scenario
    };
    // Crash right after e3 was dead-lettered, parked and committed, before e5 is delivered.
    let crash = step_of(&with_store("in-memory", None), "e3", Action::DlqWrite) + 1;
    let summary = |store: &str| {
        let report = run_scenario(&payments_setup(), &with_store(store, Some(crash)), &options()).unwrap();
        let run = &report.runs[0];
        let codes: Vec<&str> = run.by_code.iter().map(|count| count.code.as_str()).collect();
        format!("{} {:?}", codes.join(" "), run.label)
    };
    assert_eq!(summary("in-memory"), "ORDER_OVERTAKE ORDER_INVERSION CAUSAL PARK_BREACH Unexpected");
    assert_eq!(summary("durable"), " AsDesigned");
}

#[test]
fn republishing_a_naive_dlq_inverts_order() {
    let summary = run(Policy::NaiveDlq, |s| sweep(s, "dlq.replay.via", "republish"));
    assert!(summary.contains("ORDER_INVERSION=1 "), "{summary}");
    assert!(summary.ends_with("AsDesigned"), "{summary}");
}

#[test]
fn manual_unpark_before_the_replay_races_it() {
    let summary = run(Policy::KeyParkingDlq, |s| {
        sweep(s, "dlq.unpark", "manual");
        s.operations.insert(0, Operation { at: At::End, action: OperationAction::Unpark(Some("pay-1001".into())) });
    });
    assert!(summary.starts_with("UNPARK_RACE=1! "), "{summary}");
}

#[test]
fn manual_unpark_without_an_operator_leaves_the_key_parked() {
    let summary = run(Policy::KeyParkingDlq, |s| sweep(s, "dlq.unpark", "manual"));
    assert!(summary.starts_with("REPLAY_INCOMPLETE=1! "), "{summary}");
}

#[test]
fn a_fix_that_cures_another_class_leaves_the_key_parked() {
    let summary = run(Policy::KeyParkingDlq, |s| {
        s.operations[0].action = OperationAction::DeployFix(Cures::Classes(vec!["currency".into()]));
    });
    assert!(summary.starts_with("REPLAY_INCOMPLETE=1! "), "{summary}");
}

#[test]
fn a_dlq_nobody_replays_is_a_note_not_a_violation() {
    let mut scenario = poison_pill_scenario();
    scenario.operations.clear();
    scenario.run.policies = vec![Policy::NaiveDlq];
    let report = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
    assert_eq!(report.runs[0].notes, vec!["DLQ not replayed".to_owned()]);
    assert!(report.runs[0].violations.iter().all(|v| v.code != Code::ReplayIncomplete));
}

#[test]
fn key_ordered_stop_lets_other_keys_flow() {
    let report = {
        let mut scenario = poison_pill_scenario();
        scenario.run.policies = vec![Policy::KeyOrderedStop];
        run_scenario(&payments_setup(), &scenario, &options()).unwrap()
    };
    let run = &report.runs[0];
    assert!(run.violations.is_empty(), "{}", render_text(&report));
    assert_eq!(run.collateral.events, 0);
}

#[test]
fn producer_reorder_is_blamed_on_the_producer() {
    let mut scenario = poison_pill_scenario();
    scenario.run.policies = vec![Policy::Stop];
    scenario.operations.clear();
    let stream = payments_stream().into_iter().map(|e| StreamEvent { fault: EventFault::None, ..e }).collect();
    scenario.workload = Workload::Stream(stream);
    scenario.overrides.producer = vec![("idempotent".into(), "false".into())];
    scenario.faults.push(Fault { trigger: FaultTrigger::At(At::Step(1)), action: FaultAction::ProducerReorder });
    let report = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
    let run = &report.runs[0];
    assert!(!run.violations.is_empty(), "the swap must show");
    assert!(run.violations.iter().all(|v| v.origin == Origin::Producer && v.expected), "{}", render_text(&report));
}

#[test]
fn idempotent_producers_cannot_reorder() {
    let summary = run(Policy::Stop, |s| {
        fault(s, FaultTrigger::At(At::Step(1)), FaultAction::ProducerReorder);
    });
    assert_eq!(summary, "runs=9 dlq=0 crashes=0 rebalances=0 AsDesigned");
}

#[test]
fn a_crc32_producer_moves_the_collateral_key_off_the_pill_partition() {
    let stuck_keys = |client: Option<&str>| {
        let mut scenario = poison_pill_scenario();
        scenario.run.policies = vec![Policy::Stop];
        scenario.operations.clear();
        if let Some(client) = client {
            scenario.overrides.producer = vec![("client".into(), client.into())];
        }
        let report = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
        let mut keys: Vec<String> =
            report.runs[0].violations.iter().filter(|v| v.code == Code::Stuck).filter_map(|v| v.key.clone()).collect();
        keys.dedup();
        keys.join(" ")
    };
    assert_eq!(stuck_keys(None), "pay-1001 pay-1003");
    assert_eq!(stuck_keys(Some("librdkafka")), "pay-1001");
}

#[test]
fn a_backoff_beyond_max_poll_interval_evicts_the_member() {
    let summary = run(Policy::NaiveDlq, |s| {
        group(s, "maxPollInterval", "30s");
        s.run.max_steps = Some(2_000);
    });
    assert!(summary.contains("rebalances=") && !summary.contains("rebalances=0"), "{summary}");
}

#[test]
fn scenario_errors_name_what_is_wrong() {
    let mut scenario = poison_pill_scenario();
    if let Workload::Stream(events) = &mut scenario.workload {
        events[0].message = "PaymentRefunded".into();
        events[1].partition = Some(1);
    }
    scenario.run.sweep = vec![("dlq.parkStore".into(), vec!["disk".into()])];
    let errors = run_scenario(&payments_setup(), &scenario, &options()).unwrap_err();
    assert_eq!(
        errors,
        vec!["sweep `dlq.parkStore`: unknown value `disk`: expected one of `durable`, `in-memory`".to_owned()]
    );
    scenario.run.sweep.clear();
    let errors = run_scenario(&payments_setup(), &scenario, &options()).unwrap_err();
    assert_eq!(
        errors,
        vec![
            "event `e1`: unknown message `PaymentRefunded`".to_owned(),
            "event `e2`: `partition` is only allowed with `partitioner: explicit`".to_owned(),
        ]
    );
}

#[test]
fn assignors_give_every_partition_an_owner() {
    for assignor in ["range", "roundrobin", "sticky", "cooperative-sticky"] {
        let summary = run(Policy::KeyParkingDlq, |s| {
            group(s, "instances", "2");
            group(s, "assignor", assignor);
            fault(s, FaultTrigger::At(At::Step(3)), FaultAction::Join(1));
            fault(s, FaultTrigger::At(At::Step(5)), FaultAction::Leave(MemberRef::Named("ledger-payments-0".into())));
        });
        assert!(summary.ends_with("AsDesigned"), "{assignor}: {summary}");
        assert!(summary.contains("rebalances=2"), "{assignor}: {summary}");
    }
}
