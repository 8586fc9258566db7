//! Throughput of the full simulator and checker on a generated workload shaped like `dlq-bench-1`, scaled to
//! 100 000 events (dlq-simulator §14.3).

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eventlint_sim::*;

const EVENTS: u64 = 100_000;

fn simulate(c: &mut Criterion) {
    let setup = common::payments_setup();
    let mut group = c.benchmark_group("simulate-100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(EVENTS));
    for policy in [Policy::NaiveDlq, Policy::KeyParkingDlq] {
        let scenario = common::generated_bench_scenario(EVENTS, vec![policy]);
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
