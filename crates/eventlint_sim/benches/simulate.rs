//! Throughput of the full simulator and checker on a generated workload shaped like `dlq-bench-1`, scaled to
//! 100 000 events (dlq-simulator §14.3).

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eventlint_sim::*;

const EVENTS: u64 = 100_000;

fn bench_scenario(policy: Policy) -> Scenario {
    let mut scenario = common::poison_pill_scenario();
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
        events: EVENTS,
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
    scenario.run.policies = vec![policy];
    scenario.expect.clear();
    scenario
}

fn simulate(c: &mut Criterion) {
    let setup = common::payments_setup();
    let mut group = c.benchmark_group("simulate-100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(EVENTS));
    for policy in [Policy::NaiveDlq, Policy::KeyParkingDlq] {
        let scenario = bench_scenario(policy);
        let options = RunOptions::default();
        group.bench_function(policy.as_str(), |b| {
            b.iter(|| run_scenario(&setup, &scenario, &options).map(|report| report.runs.len()))
        });
    }
    group.finish();
}

fn partitioners(c: &mut Criterion) {
    let keys: Vec<String> = (0..10_000).map(|n| format!("pay-{n}")).collect();
    let mut group = c.benchmark_group("partitioner-10k-keys");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("murmur2", |b| b.iter(|| keys.iter().map(|k| murmur2(k.as_bytes()) as i64).sum::<i64>()));
    group.bench_function("crc32", |b| b.iter(|| keys.iter().map(|k| u64::from(crc32(k.as_bytes()))).sum::<u64>()));
    group.finish();
}

criterion_group!(benches, simulate, partitioners);
criterion_main!(benches);
