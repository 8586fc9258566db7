//! The human-readable report (dlq-simulator §12.1): one `cargo test`-like block per run.

use std::fmt::Write;

use crate::report::{ExpectationResult, Label, Report, RunReport, Verdict};

/// At most this many violation lines per run.
const MAX_LINES: usize = 20;

/// Renders every run as text; deterministic and without colour (the CLI adds colour on a TTY).
pub fn render_text(report: &Report) -> String {
    let blocks: Vec<String> = report.runs.iter().map(render_run).collect();
    blocks.join("\n")
}

fn short_sha(sha: &str) -> String {
    if sha.is_empty() { "-".to_owned() } else { format!("{}…", sha.chars().take(4).collect::<String>()) }
}

fn render_run(run: &RunReport) -> String {
    let mut out = String::new();
    let header = &run.header;
    let scenario = header.scenario_path.rsplit('/').next().unwrap_or(&header.scenario_path);
    let _ = writeln!(
        out,
        "eventlint {}  scenario={}#sha256:{}  seed={}  policy={}",
        header.tool_version,
        scenario,
        short_sha(&header.scenario_sha256),
        header.seed,
        run.name
    );
    let counts = &run.counts;
    let _ = writeln!(
        out,
        "produced {}  processed {}  replayed {}  dlq {} (poison {}, parked {})  dup {}  lost {}  stuck {}",
        counts.produced,
        counts.processed,
        counts.replayed,
        counts.dlq.entries,
        counts.dlq.poison,
        counts.dlq.parked,
        counts.duplicates,
        counts.lost,
        counts.stuck
    );
    let label = match run.label {
        Label::AsDesigned => "as designed",
        Label::Unexpected => "UNEXPECTED",
    };
    let codes: Vec<&str> = run.by_code.iter().map(|count| count.code.as_str()).collect();
    let mut affected: Vec<&str> = run.violations.iter().filter_map(|v| v.key.as_deref()).collect();
    affected.sort_unstable();
    affected.dedup();
    let collateral: Vec<String> = run
        .keys
        .iter()
        .filter_map(|stats| {
            let delay = stats.collateral.as_ref()?;
            Some(format!(
                "{} waited {} steps ({} events, max {})",
                stats.key, delay.total_delay, delay.events, delay.max_delay
            ))
        })
        .collect();
    let collateral =
        if collateral.is_empty() { String::new() } else { format!("  (collateral: {})", collateral.join("; ")) };
    if codes.is_empty() {
        let _ = writeln!(out, "{label}  no violations{collateral}");
    } else {
        let plural = if affected.len() == 1 { "key" } else { "keys" };
        let _ = writeln!(
            out,
            "{label}  {} on {} {plural} ({}){collateral}",
            codes.join(", "),
            affected.len(),
            affected.join(", ")
        );
    }
    for violation in run.violations.iter().take(MAX_LINES) {
        let subject = [violation.key.as_deref(), violation.event.as_deref(), violation.message.as_deref()]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let mark = if violation.expected { "" } else { "  [unexpected]" };
        let _ = writeln!(
            out,
            "  {:<16} {:<30} step {:<4} {}{mark}",
            violation.code.as_str(),
            subject,
            violation.step,
            violation.detail
        );
    }
    if run.violations.len() > MAX_LINES {
        let _ = writeln!(out, "  … and {} more (use `--output-format json`)", run.violations.len() - MAX_LINES);
    }
    for note in &run.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    if run.incomplete {
        let _ = writeln!(out, "  incomplete: the run reached `maxSteps` before quiescence");
    }
    let _ = writeln!(out, "{}", expectation_line(run));
    out
}

fn describe(result: &ExpectationResult) -> String {
    match (&result.value, result.actual) {
        (Some(value), Some(actual)) if !result.ok => format!("{} {value} (was {actual})", result.assert),
        (Some(value), _) => format!("{} {value}", result.assert),
        (None, _) => result.assert.to_owned(),
    }
}

fn expectation_line(run: &RunReport) -> String {
    let verdict = if run.verdict == Verdict::Pass { "PASS" } else { "FAIL" };
    if run.expectations.is_empty() {
        let why = if run.verdict == Verdict::Pass { "" } else { " (unexpected violations)" };
        return format!("{verdict}{why}  (this policy's runs are not covered by an expect block)");
    }
    let failed: Vec<String> = run.expectations.iter().filter(|r| !r.ok).map(describe).collect();
    let held: Vec<String> = run.expectations.iter().filter(|r| r.ok).map(describe).collect();
    if failed.is_empty() {
        format!("{verdict}  {}", held.join(", "))
    } else if held.is_empty() {
        format!("{verdict}  broken: {}", failed.join(", "))
    } else {
        format!("{verdict}  broken: {}; held: {}", failed.join(", "), held.join(", "))
    }
}
