//! The `dlq-bench-1` benchmark of dlq-simulator §14.3–14.5: runs the spec's scenario against the example group and
//! prints, per policy and repetition, events, handler runs, run ms, ns/event, M events/s and `report_sha256`.
//!
//! `cargo bench -p eventlint_sim --bench dlq_bench -- [--events N] [--keys N] [--reps N]`; defaults are 1 M events,
//! 100 000 keys and 3 repetitions (the spec's 10 M events take `--events 10000000`). Timings are printed, never
//! asserted. Runs are compared by their ratio to a bare loop over the same stream, timed in the same process.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::time::Instant;

use eventlint_sim::*;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The §14.5 baseline: a partition cursor over the generated stream plus a per-key seq check; returns (ns, inversions).
fn bare_loop(stream: &[StreamEvent], partitions: u32) -> (f64, u64) {
    let mut key_ids: HashMap<&str, u32> = HashMap::new();
    let mut by_partition: Vec<Vec<(u32, u32)>> = vec![];
    let mut next_seq: Vec<u32> = vec![];
    for event in stream {
        let key = event.key.as_deref().unwrap_or("");
        let next = key_ids.len() as u32;
        let id = *key_ids.entry(key).or_insert(next);
        if id as usize == next_seq.len() {
            next_seq.push(0);
        }
        next_seq[id as usize] += 1;
        let partition = Partitioner::Murmur2.partition(key.as_bytes(), partitions).unwrap_or(0) as usize;
        if by_partition.len() <= partition {
            by_partition.resize(partition + 1, vec![]);
        }
        by_partition[partition].push((id, next_seq[id as usize]));
    }
    let start = Instant::now();
    let mut last_seq = vec![0u32; next_seq.len()];
    let mut cursors = vec![0usize; by_partition.len()];
    let mut bad = 0;
    let mut live = true;
    while live {
        live = false;
        for (partition, records) in by_partition.iter().enumerate() {
            if let Some(&(key, seq)) = records.get(cursors[partition]) {
                cursors[partition] += 1;
                live = true;
                bad += u64::from(seq <= last_seq[key as usize]);
                last_seq[key as usize] = seq;
            }
        }
    }
    (start.elapsed().as_nanos() as f64, std::hint::black_box(bad))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let events = arg("--events", 1_000_000);
    let keys = arg("--keys", 100_000);
    let reps = arg("--reps", 3).max(1);
    let setup = common::payments_setup();
    let base = common::dlq_bench_1(events, keys);
    let Workload::Generate(generate) = &base.workload else { unreachable!("dlq-bench-1 generates its workload") };
    let stream = generated_stream(&setup, generate, base.seed).expect("the lifecycle resolves");
    println!("dlq-bench-1: {events} events, {keys} keys, {reps} repetitions");
    for policy in base.run.policies.clone() {
        let mut scenario = base.clone();
        scenario.run.policies = vec![policy];
        let mut times = vec![];
        let mut bare = vec![];
        for rep in 0..reps {
            let start = Instant::now();
            let report = run_scenario(&setup, &scenario, &RunOptions::default()).expect("dlq-bench-1 runs");
            let ns = start.elapsed().as_nanos() as f64;
            let run = &report.runs[0];
            let (bare_ns, _) = bare_loop(&stream, 48);
            let json = run_object(run);
            let sha = json.get("report_sha256").and_then(|v| v.as_str()).unwrap_or("").to_owned();
            let by_code: Vec<String> =
                run.by_code.iter().map(|count| format!("{}={}", count.code.as_str(), count.events)).collect();
            println!(
                "{:<16} rep {rep}: {} events, {} handler runs, {:.1} ms, {:.0} ns/event, {:.3} M ev/s, \
                 bare {:.1} ns/event, full/bare {:.4}, {} dlq, sha {}, {}",
                policy.as_str(),
                run.counts.produced,
                run.counts.handler_runs,
                ns / 1e6,
                ns / events as f64,
                events as f64 * 1e3 / ns,
                bare_ns / events as f64,
                bare_ns / ns,
                run.counts.dlq.entries,
                &sha[..16.min(sha.len())],
                by_code.join(" ")
            );
            times.push(ns);
            bare.push(bare_ns);
        }
        let min = times.iter().copied().fold(f64::INFINITY, f64::min);
        let med = median(&mut times);
        println!(
            "{:<16} min {:.0} ns/event ({:.3} M ev/s), median {:.0} ns/event, median full/bare {:.4}",
            policy.as_str(),
            min / events as f64,
            events as f64 * 1e3 / min,
            med / events as f64,
            median(&mut bare) / med
        );
    }
}
