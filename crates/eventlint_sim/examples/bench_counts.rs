//! Prints the violation and step counts of the benchmark workload (a sizing aid for the bench).

#[path = "../tests/common/mod.rs"]
mod common;

use eventlint_sim::*;

fn main() {
    let events = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let scenario = common::generated_bench_scenario(events, vec![Policy::NaiveDlq, Policy::KeyParkingDlq]);
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
