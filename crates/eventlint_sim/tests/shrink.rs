//! Counterexample search and shrinking (dlq-simulator §10): the two failure modes beyond the textbook case are
//! found from generated workloads and shrunk to small explicit scenarios.

mod common;

use common::*;
use eventlint_sim::*;

fn generated(events: u64, rate: Option<u32>) -> Scenario {
    let mut scenario = poison_pill_scenario();
    scenario.name = "explore".into();
    scenario.seed = 1;
    scenario.workload = Workload::Generate(Generate {
        events,
        // Round-robin over events/4 keys walks every key through the lifecycle exactly once, so any CAUSAL is
        // a real reordering, not a lifecycle restart.
        key_count: (events / 4) as u32,
        key_prefix: "pay-".into(),
        popularity: Popularity::Uniform,
        lifecycle: Lifecycle::Sequence(
            ["PaymentInitiated", "PaymentAuthorized", "PaymentCaptured", "RefundIssued"].map(String::from).to_vec(),
        ),
        interleave: Interleave::RoundRobin,
        rate,
        poison: 0.1,
        transient: 0.0,
        transient_geometric: 0.5,
        transient_max: 1,
    });
    for (path, value) in
        [("instances", "2"), ("retry.mode", "blocking"), ("retry.maxAttempts", "2"), ("retry.backoff.initial", "0ms")]
    {
        scenario.overrides.group.push((path.into(), value.into()));
    }
    scenario.run.policies = vec![Policy::KeyParkingDlq];
    scenario.expect = vec![ExpectBlock { per_key_order: Some(OrderExpectation::Strict), ..ExpectBlock::default() }];
    scenario
}

fn stream_len(scenario: &Scenario) -> usize {
    match &scenario.workload {
        Workload::Stream(events) => events.len(),
        Workload::Generate(_) => usize::MAX,
    }
}

/// The shrunk scenario must reproduce the failure on its own, with a strict explicit schedule.
fn check_reproduces(found: &Counterexample) {
    let report = run_scenario(&payments_setup(), &found.scenario, &options()).expect("shrunk scenario is valid");
    let run = &report.runs[0];
    assert_eq!(run.verdict, Verdict::Fail);
    assert!(run.violations.iter().any(|v| v.code == found.target.code), "{}", render_text(&report));
}

#[test]
fn in_memory_park_state_lost_in_a_crash_is_found_and_shrunk() {
    let mut scenario = generated(60, None);
    scenario.run.sweep = vec![("dlq.parkStore".into(), vec!["in-memory".into()])];
    scenario.faults.push(Fault { trigger: FaultTrigger::PerStep(0.05), action: FaultAction::Crash(MemberRef::Any) });
    let explore_options = ExploreOptions { seeds: 40, ..ExploreOptions::default() };
    let found = explore(&payments_setup(), &scenario, &options(), &explore_options).unwrap().expect("a failing seed");
    assert!(
        matches!(found.target.code, Code::ParkBreach | Code::OrderOvertake | Code::OrderInversion),
        "{:?}",
        found.target
    );
    assert!(stream_len(&found.scenario) <= 10, "{} events", stream_len(&found.scenario));
    assert!(found.scenario.faults.iter().any(|f| matches!(f.action, FaultAction::Crash(_))), "the crash is needed");
    check_reproduces(&found);
}

#[test]
fn unpark_at_fix_time_race_is_found_and_shrunk() {
    let mut scenario = generated(60, Some(1));
    scenario.run.sweep = vec![("dlq.unpark".into(), vec!["at-fix-time".into()])];
    scenario.operations = vec![
        Operation { at: At::Percent(50), action: OperationAction::DeployFix(Cures::AllPoison) },
        Operation {
            at: At::Percent(50),
            action: OperationAction::ReplayDlq(ReplayDlq { order: None, via: None, rate: 1, only_cured: true }),
        },
    ];
    let found = explore(&payments_setup(), &scenario, &options(), &ExploreOptions::default()).unwrap().expect("a race");
    assert_eq!(found.target.code, Code::UnparkRace);
    assert!(stream_len(&found.scenario) <= 10, "{} events", stream_len(&found.scenario));
    check_reproduces(&found);
    let yaml = render_scenario_yaml(
        &found.scenario,
        "payments.catalog.yaml",
        "ledger-payments",
        &[
            format!(
                "shrunk from seed {}: {} events, {} steps",
                found.original.seed, found.original.events, found.original.steps
            ),
            format!("violation: {}", found.target.code.as_str()),
        ],
    );
    insta::assert_snapshot!(yaml);
}

#[test]
fn correct_parking_survives_the_same_search() {
    let mut scenario = generated(40, None);
    scenario.faults.push(Fault { trigger: FaultTrigger::PerStep(0.05), action: FaultAction::Crash(MemberRef::Any) });
    let explore_options = ExploreOptions { seeds: 10, ..ExploreOptions::default() };
    let found = explore(&payments_setup(), &scenario, &options(), &explore_options).unwrap();
    assert!(found.is_none(), "{:?}", found.map(|f| f.target));
}

#[test]
fn shrunk_in_memory_park_counterexample_yaml() {
    let mut scenario = generated(60, None);
    scenario.run.sweep = vec![("dlq.parkStore".into(), vec!["in-memory".into()])];
    scenario.faults.push(Fault { trigger: FaultTrigger::PerStep(0.05), action: FaultAction::Crash(MemberRef::Any) });
    let explore_options = ExploreOptions { seeds: 40, ..ExploreOptions::default() };
    let found = explore(&payments_setup(), &scenario, &options(), &explore_options).unwrap().unwrap();
    let header = [format!("violation: {} (shrunk in {} re-runs)", found.target.code.as_str(), found.reruns)];
    insta::assert_snapshot!(render_scenario_yaml(&found.scenario, "payments.catalog.yaml", "ledger-payments", &header));
}
