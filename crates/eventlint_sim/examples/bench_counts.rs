//! Prints the violation and step counts of the benchmark workload (a sizing aid for the bench).

#[path = "../tests/common/mod.rs"]
mod common;

use eventlint_sim::*;

fn main() {
    let mut scenario = common::poison_pill_scenario();
    scenario.seed = 1234;
    scenario.step_ms = 100;
    scenario.overrides.topics = vec![("payments.events.v1".into(), Some(48), None)];
    for (path, value) in [
        ("instances", "8"),
        ("retry.mode", "blocking"),
        ("retry.maxAttempts", "3"),
        ("retry.backoff.type", "exponential"),
        ("retry.backoff.initial", "100ms"),
        ("retry.backoff.multiplier", "2"),
        ("retry.backoff.max", "2s"),
    ] {
        scenario.overrides.group.push((path.into(), value.into()));
    }
    scenario.workload = Workload::Generate(Generate {
        events: std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000),
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
    scenario.run.policies = vec![Policy::NaiveDlq, Policy::KeyParkingDlq];
    scenario.expect.clear();
    let report = run_scenario(&common::payments_setup(), &scenario, &RunOptions::default()).unwrap();
    for run in &report.runs {
        println!(
            "{} steps={} attempts={} violations={} dlq={}",
            run.name,
            run.counts.steps,
            run.counts.attempts,
            run.violations.len(),
            run.counts.dlq.entries
        );
        for count in &run.by_code {
            println!("  {} {}", count.code.as_str(), count.events);
        }
        for v in run.violations.iter().filter(|v| v.code != Code::Causal).take(6) {
            println!("    {} {:?} {:?} step {} {} {:?}", v.code.as_str(), v.key, v.event, v.step, v.detail, v.origin);
        }
    }
}
