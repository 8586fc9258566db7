//! The worked payments example (dlq-simulator §13, catalog-format §16.8): outcomes per policy and report snapshots.

mod common;

use common::*;
use eventlint_sim::*;

/// `CODE event` for every violation of the run, in report order, plus its label and verdict.
fn summary(run: &RunReport) -> String {
    let mut lines: Vec<String> = run
        .violations
        .iter()
        .filter(|v| v.code != Code::DedupHit)
        .map(|v| {
            let subject = v.event.clone().or_else(|| v.key.clone()).unwrap_or_default();
            match &v.constraint {
                Some(constraint) => format!("{}({constraint}) {subject}", v.code.as_str()),
                None => format!("{} {subject}", v.code.as_str()),
            }
        })
        .collect();
    lines.push(format!("{:?} {:?} dlq={}", run.label, run.verdict, run.counts.dlq.entries));
    lines.join("\n")
}

fn check_run(report: &Report, name: &str, expect: &str) {
    let run = report.runs.iter().find(|run| run.name == name).unwrap_or_else(|| panic!("no run `{name}`"));
    assert_eq!(summary(run), expect.trim(), "run `{name}`");
}

#[test]
fn example_keys_land_on_the_partitions_the_spec_names() {
    // The per-event list is filled for traced runs only.
    let traced = RunOptions { trace: true, ..options() };
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &traced).unwrap();
    let events = &report.runs[0].events;
    let partition_of = |key: &str| {
        let partitions: Vec<u32> =
            events.iter().filter(|e| e.key.as_deref() == Some(key)).map(|e| e.partition).collect();
        assert!(partitions.windows(2).all(|pair| pair[0] == pair[1]), "{key} spans partitions");
        partitions[0]
    };
    assert_eq!((partition_of("pay-1001"), partition_of("pay-1002"), partition_of("pay-1003")), (2, 1, 2));
}

#[test]
fn poison_pill_outcome_per_policy() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    let overtakes_and_inversion = "
ORDER_OVERTAKE e5
CAUSAL(auth-before-capture) e5
CAUSAL(payment-lifecycle) e5
ORDER_OVERTAKE e7
ORDER_INVERSION e3
CAUSAL(payment-lifecycle) e3";
    check_run(&report, "declared", &format!("{overtakes_and_inversion}\nAsDesigned Fail dlq=1"));
    check_run(&report, "naive-dlq", &format!("{overtakes_and_inversion}\nAsDesigned Pass dlq=1"));
    check_run(&report, "stop", "AsDesigned Pass dlq=0");
    check_run(
        &report,
        "skip",
        "
ORDER_OVERTAKE e5
CAUSAL(auth-before-capture) e5
CAUSAL(payment-lifecycle) e5
ORDER_OVERTAKE e7
LOST e3
AsDesigned Pass dlq=0",
    );
    check_run(&report, "key-parking-dlq", "AsDesigned Pass dlq=3");
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn causal_counts_offending_runs_once_and_constraints_separately() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    let run = &report.runs[3];
    assert_eq!(run.name, "naive-dlq");
    let causal = run.by_code.iter().find(|count| count.code == Code::Causal).unwrap();
    assert_eq!((causal.events, causal.keys), (2, 1));
    assert_eq!(run.constraints, vec![("payment-lifecycle".to_owned(), 2), ("auth-before-capture".to_owned(), 1)]);
}

#[test]
fn stop_makes_the_collateral_key_wait_for_the_fix() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    let stop = &report.runs[1];
    assert_eq!((stop.counts.lost, stop.counts.processed), (0, 9));
    let pay_1003 = stop.keys.iter().find(|stats| stats.key == "pay-1003").unwrap();
    assert_eq!(pay_1003.collateral.as_ref().map(|c| c.events), Some(2));
}

#[test]
fn stop_without_a_fix_leaves_the_partition_tail_stuck() {
    let mut scenario = poison_pill_scenario();
    scenario.operations.clear();
    scenario.run.policies = vec![Policy::Stop];
    let report = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
    check_run(&report, "stop", "STUCK e3\nSTUCK e5\nSTUCK e7\nSTUCK e8\nSTUCK e9\nAsDesigned Pass dlq=0");
}

#[test]
fn unpark_race_matches_the_normative_trace() {
    let report = run_scenario(&payments_setup(), &unpark_race_scenario(), &options()).unwrap();
    check_run(
        &report,
        "key-parking-dlq+dlq.unpark=at-fix-time",
        "
UNPARK_RACE pay-1001
ORDER_OVERTAKE e7
CAUSAL(payment-lifecycle) e7
PARK_BREACH e7
ORDER_INVERSION e3
CAUSAL(payment-lifecycle) e3
ORDER_INVERSION e5
Unexpected Fail dlq=2",
    );
    check_run(&report, "key-parking-dlq+dlq.unpark=when-backlog-drained", "AsDesigned Pass dlq=3");
    let drained = &report.runs[1];
    let counts = &drained.counts;
    assert_eq!((counts.steps, counts.attempts, counts.handler_runs, counts.processed), (18, 14, 9, 9));
    let key = &drained.keys[0];
    assert_eq!(
        (key.key.as_str(), key.parked_at, key.unparked_at, key.max_park_duration),
        ("pay-1001", Some(7), Some(18), 11)
    );
    assert_eq!((drained.collateral.events, drained.collateral.total_delay, drained.collateral.max_delay), (2, 6, 3));
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn an_explicit_step_naming_a_non_runnable_actor_is_an_error() {
    let mut scenario = unpark_race_scenario();
    scenario.schedule.steps[0] = "replayer".into();
    let errors = run_scenario(&payments_setup(), &scenario, &options()).unwrap_err();
    assert_eq!(
        errors,
        vec![
            "schedule step 1 names `replayer`, which is not runnable at step 1; runnable: \
             `ledger-payments-0:payments.events.v1[1]`, `ledger-payments-0:payments.events.v1[2]`"
                .to_owned()
        ]
    );
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let scenario = poison_pill_scenario();
    let first = render_json(&run_scenario(&payments_setup(), &scenario, &options()).unwrap());
    let second = render_json(&run_scenario(&payments_setup(), &scenario, &options()).unwrap());
    assert_eq!(first, second);
    let mut reseeded = scenario.clone();
    reseeded.seed = 7;
    let third = render_json(&run_scenario(&payments_setup(), &reseeded, &options()).unwrap());
    assert_ne!(first, third, "the seed must reach the report");
}

#[test]
fn poison_pill_text_report() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    insta::assert_snapshot!(render_text(&report));
}

#[test]
fn poison_pill_json_report() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    insta::assert_snapshot!(render_json(&report));
}

#[test]
fn unpark_race_text_report() {
    let report = run_scenario(&payments_setup(), &unpark_race_scenario(), &options()).unwrap();
    insta::assert_snapshot!(render_text(&report));
}

#[test]
fn unpark_race_json_report() {
    let report = run_scenario(&payments_setup(), &unpark_race_scenario(), &options()).unwrap();
    insta::assert_snapshot!(render_json(&report));
}

fn traced_run(scenario: &Scenario, name: &str) -> RunReport {
    let options = RunOptions { trace: true, ..options() };
    let report = run_scenario(&payments_setup(), scenario, &options).unwrap();
    report.runs.into_iter().find(|run| run.name == name).unwrap()
}

#[test]
fn key_parking_mermaid() {
    insta::assert_snapshot!(render_mermaid(&traced_run(&poison_pill_scenario(), "key-parking-dlq")).unwrap());
}

#[test]
fn naive_dlq_mermaid() {
    insta::assert_snapshot!(render_mermaid(&traced_run(&poison_pill_scenario(), "naive-dlq")).unwrap());
}

#[test]
fn unpark_race_mermaid() {
    let run = traced_run(&unpark_race_scenario(), "key-parking-dlq+dlq.unpark=at-fix-time");
    insta::assert_snapshot!(render_mermaid(&run).unwrap());
}

#[test]
fn key_parking_svg() {
    insta::assert_snapshot!(render_svg(&traced_run(&poison_pill_scenario(), "key-parking-dlq")).unwrap());
}

#[test]
fn unpark_race_svg() {
    let run = traced_run(&unpark_race_scenario(), "key-parking-dlq+dlq.unpark=at-fix-time");
    insta::assert_snapshot!(render_svg(&run).unwrap());
}

#[test]
fn diagrams_need_a_trace() {
    let report = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    assert!(render_mermaid(&report.runs[0]).is_err());
    assert!(render_svg(&report.runs[0]).is_err());
}
