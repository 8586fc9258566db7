//! Runs a scenario's policies and sweeps, labels every violation against the allowed-violations matrix
//! (dlq-simulator §7), evaluates `expect` blocks into a verdict, and holds the result every renderer reads.

use std::collections::BTreeMap;

use crate::engine::{Engine, EngineOptions, EngineOutput};
use crate::outcome::{Code, Collateral, Counts, DlqRecord, EventInfo, KeyStats, Origin, TraceEntry, Violation};
use crate::scenario::{ConstraintSelection, ExpectBlock, OrderExpectation, Policy, Scenario, apply_policy};
use crate::setup::{Delivery, GroupSettings, OnExhausted, Processing, RetryMode, SimSetup};

/// What the caller knows about the run that the simulator cannot: identity of the inputs and output limits.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub tool_version: String,
    pub scenario_path: String,
    pub scenario_sha256: String,
    pub catalog_path: String,
    pub catalog_sha256: String,
    /// At most this many violation records per run in the JSON (`--max-violations`).
    pub max_violations: usize,
    /// List every key, not only affected ones (`--all-keys`).
    pub all_keys: bool,
    /// Record the timeline (`--trace`); Mermaid and SVG need it.
    pub trace: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            tool_version: "0.0.0".to_owned(),
            scenario_path: String::new(),
            scenario_sha256: String::new(),
            catalog_path: String::new(),
            catalog_sha256: String::new(),
            max_violations: 1000,
            all_keys: false,
            trace: false,
        }
    }
}

/// Whether a run's violations are all allowed by its policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    AsDesigned,
    Unexpected,
}

/// Pass or fail of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
}

/// One assertion of an `expect` block, evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectationResult {
    pub block: usize,
    /// `noLoss`, `perKeyOrder`, `constraints`, `maxDuplicates`, …
    pub assert: &'static str,
    /// The asserted value as the scenario spells it (`strict`, `3`, `[payment-lifecycle]`), if any.
    pub value: Option<String>,
    /// The measured value for numeric limits.
    pub actual: Option<u64>,
    pub ok: bool,
}

/// Per-code totals (`by_code`).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeCount {
    pub code: Code,
    pub events: u64,
    pub keys: u64,
    pub expected: bool,
}

/// Where a shrunk counterexample came from (`shrunk_from`).
#[derive(Clone, Debug, PartialEq)]
pub struct ShrunkFrom {
    pub seed: u64,
    pub events: u64,
    pub steps: u64,
    pub faults: u64,
}

/// The identity of the inputs, repeated in every run object.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub tool_version: String,
    pub seed: u64,
    pub scenario_path: String,
    pub scenario_sha256: String,
    pub catalog_path: String,
    pub catalog_sha256: String,
    pub group: String,
}

/// One run: a policy, possibly with sweep values.
#[derive(Clone, Debug)]
pub struct RunReport {
    pub header: Header,
    /// `‹preset›` or `‹preset›+‹path›=‹value›,…`.
    pub name: String,
    pub preset: Policy,
    /// The matrix column the effective settings fall in.
    pub column: Policy,
    pub settings: GroupSettings,
    pub label: Label,
    pub verdict: Verdict,
    pub incomplete: bool,
    pub expectations: Vec<ExpectationResult>,
    pub counts: Counts,
    pub by_code: Vec<CodeCount>,
    pub constraints: Vec<(String, u64)>,
    /// Every violation, sorted by `(step, partition, offset, code, constraint)`.
    pub violations: Vec<Violation>,
    pub max_violations: usize,
    pub keys: Vec<KeyStats>,
    pub collateral: Collateral,
    pub dlq: Vec<DlqRecord>,
    pub timeline: Option<Vec<TraceEntry>>,
    /// Every event of the run; filled only for traced runs (the drawings) and shrinking, empty otherwise.
    pub events: Vec<EventInfo>,
    pub notes: Vec<String>,
    pub shrunk_from: Option<ShrunkFrom>,
    /// Actor ids of every pick, for turning the run into an explicit schedule.
    pub picks: Vec<String>,
    /// The stream as it ran, with explicit partitions and produce steps (generated events included); filled only
    /// for traced runs and shrinking, like `events`.
    pub stream: Vec<crate::scenario::StreamEvent>,
    /// Time- and rate-triggered faults as they fired.
    pub fault_log: Vec<crate::scenario::Fault>,
}

impl RunReport {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Pass
    }
}

/// All runs of a scenario, in `run.policies` order, then sweep order.
#[derive(Clone, Debug)]
pub struct Report {
    pub runs: Vec<RunReport>,
}

impl Report {
    /// 0 when every run passes, else 1 (load errors are the caller's exit 2).
    pub fn exit_code(&self) -> i32 {
        if self.runs.iter().all(RunReport::passed) { 0 } else { 1 }
    }
}

/// Runs every policy and sweep point of `scenario` against `setup`. Errors are invalid-scenario problems (exit 2).
pub fn run_scenario(setup: &SimSetup, scenario: &Scenario, options: &RunOptions) -> Result<Report, Vec<String>> {
    run_with(setup, scenario, options, &EngineOptions { trace: options.trace, ..EngineOptions::default() })
}

pub(crate) fn run_with(
    setup: &SimSetup,
    scenario: &Scenario,
    options: &RunOptions,
    engine_options: &EngineOptions,
) -> Result<Report, Vec<String>> {
    let setup = apply_overrides(setup, scenario)?;
    let mut errors = vec![];
    let mut probe = setup.settings.clone();
    for (path, values) in &scenario.run.sweep {
        for value in values {
            if let Err(error) = probe.apply(&setup.group, path, value) {
                errors.push(format!("sweep `{path}`: {error}"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut runs = vec![];
    for &policy in &scenario.run.policies {
        for point in sweep_points(&scenario.run.sweep) {
            let mut settings = apply_policy(&setup.settings, policy, &setup.group);
            let mut name = policy.as_str().to_owned();
            for (index, (path, value)) in point.iter().enumerate() {
                settings.apply(&setup.group, path, value).map_err(|error| vec![format!("sweep `{path}`: {error}")])?;
                name.push(if index == 0 { '+' } else { ',' });
                name.push_str(&format!("{path}={value}"));
            }
            let engine = Engine::new(&setup, settings.clone(), scenario, engine_options.clone())?;
            let output = engine.run().map_err(|error| vec![error])?;
            runs.push(label_run(&setup, scenario, options, name, policy, settings, output));
        }
    }
    Ok(Report { runs })
}

fn apply_overrides(setup: &SimSetup, scenario: &Scenario) -> Result<SimSetup, Vec<String>> {
    let mut setup = setup.clone();
    let mut errors = vec![];
    for (topic, partitions, partitioner) in &scenario.overrides.topics {
        if let Err(error) = setup.override_topic(topic, *partitions, *partitioner) {
            errors.push(format!("overrides.topics: {error}"));
        }
    }
    for (path, value) in &scenario.overrides.group {
        if let Err(error) = setup.settings.apply(&setup.group.clone(), path, value) {
            errors.push(format!("overrides.groups `{path}`: {error}"));
        }
    }
    for (field, value) in &scenario.overrides.producer {
        if let Err(error) = setup.override_producer(field, value) {
            errors.push(format!("overrides.services producer: {error}"));
        }
    }
    if errors.is_empty() { Ok(setup) } else { Err(errors) }
}

/// Every combination of sweep values, in declaration order; one empty point without a sweep.
fn sweep_points(sweep: &[(String, Vec<String>)]) -> Vec<Vec<(String, String)>> {
    let mut points: Vec<Vec<(String, String)>> = vec![vec![]];
    for (path, values) in sweep {
        points = points
            .iter()
            .flat_map(|point| {
                values.iter().map(move |value| {
                    let mut next = point.clone();
                    next.push((path.clone(), value.clone()));
                    next
                })
            })
            .collect();
    }
    points
}

/// The matrix column (§7) that the effective settings fall in.
pub fn policy_column(settings: &GroupSettings) -> Policy {
    let parking = settings.dlq.as_ref().is_some_and(|dlq| dlq.park_by_key);
    match settings.on_exhausted {
        OnExhausted::Stop if settings.processing != Processing::Partition => Policy::KeyOrderedStop,
        OnExhausted::Stop => Policy::Stop,
        OnExhausted::Skip => Policy::Skip,
        OnExhausted::Dlq if parking => Policy::KeyParkingDlq,
        OnExhausted::Dlq if settings.retry.mode == RetryMode::Topics => Policy::RetryTopics,
        OnExhausted::Dlq => Policy::NaiveDlq,
    }
}

/// Whether `column` allows `code` under `delivery` (§7 and its modifiers).
pub fn allowed(code: Code, column: Policy, delivery: Delivery, origin: Origin, crash_or_rebalance: bool) -> bool {
    use Policy::*;
    let at_least_once = delivery == Delivery::AtLeastOnce;
    if origin == Origin::Producer
        && matches!(code, Code::OrderOvertake | Code::OrderInversion | Code::Causal | Code::Duplicate)
    {
        return true;
    }
    match code {
        Code::Lost => column == Skip || (delivery == Delivery::AtMostOnce && crash_or_rebalance),
        Code::Stuck => matches!(column, Stop | KeyOrderedStop),
        Code::Duplicate => at_least_once,
        Code::DedupHit => true,
        Code::DlqDuplicate => at_least_once && matches!(column, NaiveDlq | RetryTopics | KeyParkingDlq),
        Code::OrderOvertake | Code::Causal => matches!(column, Skip | NaiveDlq | RetryTopics),
        Code::OrderInversion => column == RetryTopics || (column == NaiveDlq && origin == Origin::Replay),
        Code::ParkBreach | Code::UnparkRace | Code::ReplayIncomplete => false,
        Code::CollateralDelay => column != KeyOrderedStop,
    }
}

fn label_run(
    setup: &SimSetup,
    scenario: &Scenario,
    options: &RunOptions,
    name: String,
    preset: Policy,
    settings: GroupSettings,
    mut output: EngineOutput,
) -> RunReport {
    let column = policy_column(&settings);
    if column == Policy::KeyOrderedStop {
        for stats in &output.keys {
            if let Some(collateral) = &stats.collateral {
                output.violations.push(Violation {
                    code: Code::CollateralDelay,
                    key: Some(stats.key.clone()),
                    event: None,
                    message: None,
                    seq: None,
                    step: output.counts.steps,
                    partition: Some(stats.partition),
                    offset: None,
                    origin: Origin::Live,
                    related: vec![],
                    constraint: None,
                    detail: format!(
                        "{} events waited {} steps behind another key",
                        collateral.events, collateral.total_delay
                    ),
                    expected: false,
                });
            }
        }
    }
    for violation in &mut output.violations {
        violation.expected =
            allowed(violation.code, column, settings.delivery, violation.origin, output.crash_or_rebalance);
    }
    output.violations.sort_by(|a, b| {
        (a.step, a.partition, a.offset, a.code, &a.constraint).cmp(&(
            b.step,
            b.partition,
            b.offset,
            b.code,
            &b.constraint,
        ))
    });
    let by_code = count_by_code(&output.violations);
    let label = if output.violations.iter().any(|v| !v.expected) { Label::Unexpected } else { Label::AsDesigned };
    let expectations = evaluate_expectations(&scenario.expect, preset, &output);
    let verdict = if label == Label::AsDesigned && !output.incomplete && expectations.iter().all(|result| result.ok) {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    let mut per_key: BTreeMap<&str, (u64, &Violation)> = BTreeMap::new();
    for violation in &output.violations {
        if let Some(key) = violation.key.as_deref() {
            per_key.entry(key).or_insert((0, violation)).0 += 1;
        }
    }
    let mut keys: Vec<KeyStats> = output
        .keys
        .into_iter()
        .map(|mut stats| {
            if let Some((count, first)) = per_key.get(stats.key.as_str()) {
                stats.first_violation = Some((first.code, first.event.clone(), first.step));
                stats.violations = *count;
            }
            stats
        })
        .filter(|stats| {
            options.all_keys || stats.violations > 0 || stats.parked_at.is_some() || stats.collateral.is_some()
        })
        .collect();
    keys.sort_by(|a, b| a.key.cmp(&b.key));
    RunReport {
        header: Header {
            tool_version: options.tool_version.clone(),
            seed: scenario.seed,
            scenario_path: options.scenario_path.clone(),
            scenario_sha256: options.scenario_sha256.clone(),
            catalog_path: options.catalog_path.clone(),
            catalog_sha256: options.catalog_sha256.clone(),
            group: setup.group.clone(),
        },
        name,
        preset,
        column,
        settings,
        label,
        verdict,
        incomplete: output.incomplete,
        expectations,
        counts: output.counts,
        by_code,
        constraints: output.constraint_counts,
        violations: output.violations,
        max_violations: options.max_violations,
        keys,
        collateral: output.collateral,
        dlq: sorted_dlq(output.dlq),
        timeline: options.trace.then_some(output.trace),
        events: output.events,
        notes: output.notes,
        shrunk_from: None,
        picks: output.picks,
        stream: output.stream,
        fault_log: output.fault_log,
    }
}

fn sorted_dlq(mut dlq: Vec<DlqRecord>) -> Vec<DlqRecord> {
    dlq.sort_by(|a, b| (&a.topic, a.partition, a.offset).cmp(&(&b.topic, b.partition, b.offset)));
    dlq
}

fn count_by_code(violations: &[Violation]) -> Vec<CodeCount> {
    let mut counts: Vec<CodeCount> = vec![];
    for code in Code::ALL.iter().filter_map(|text| Code::parse(text)) {
        let records: Vec<&Violation> = violations.iter().filter(|v| v.code == code).collect();
        if records.is_empty() {
            continue;
        }
        let mut runs: Vec<(Option<&str>, u64)> = records.iter().map(|v| (v.event.as_deref(), v.step)).collect();
        if code == Code::Causal {
            runs.sort_unstable();
            runs.dedup();
        }
        let mut keys: Vec<Option<&str>> = records.iter().map(|v| v.key.as_deref()).collect();
        keys.sort_unstable();
        keys.dedup();
        counts.push(CodeCount {
            code,
            events: runs.len() as u64,
            keys: keys.iter().flatten().count() as u64,
            expected: records.iter().all(|v| v.expected),
        });
    }
    counts
}

fn evaluate_expectations(blocks: &[ExpectBlock], preset: Policy, output: &EngineOutput) -> Vec<ExpectationResult> {
    let mut results = vec![];
    let has = |codes: &[Code]| output.violations.iter().any(|v| codes.contains(&v.code));
    for (block_index, block) in blocks.iter().enumerate() {
        if !block.policies.is_empty() && !block.policies.contains(&preset) {
            continue;
        }
        let mut push = |assert: &'static str, value: Option<String>, actual: Option<u64>, ok: bool| {
            results.push(ExpectationResult { block: block_index, assert, value, actual, ok });
        };
        if let Some(no_loss) = block.no_loss {
            push("noLoss", None, None, !no_loss || !has(&[Code::Lost]));
        }
        if let Some(order) = block.per_key_order {
            let ok = match order {
                OrderExpectation::Strict => {
                    !has(&[Code::OrderOvertake, Code::OrderInversion, Code::ParkBreach, Code::UnparkRace])
                }
                OrderExpectation::Eventual => !has(&[Code::OrderInversion]),
                OrderExpectation::None => true,
            };
            push("perKeyOrder", Some(order.as_str().to_owned()), None, ok);
        }
        if let Some(selection) = &block.constraints {
            let (text, ok) = match selection {
                ConstraintSelection::All => ("all".to_owned(), !has(&[Code::Causal])),
                ConstraintSelection::Ids(ids) => (
                    format!("[{}]", ids.join(", ")),
                    !output.violations.iter().any(|v| v.constraint.as_ref().is_some_and(|c| ids.contains(c))),
                ),
            };
            push("constraints", Some(text), None, ok);
        }
        let counts = &output.counts;
        let max_park = output.keys.iter().map(|k| k.max_park_duration).max().unwrap_or(0);
        let limits: [(&'static str, Option<u64>, u64); 6] = [
            ("maxDuplicates", block.max_duplicates, counts.duplicates),
            ("maxDlq", block.max_dlq, counts.dlq.entries),
            ("maxDlqDuplicates", block.max_dlq_duplicates, counts.dlq.duplicate_writes),
            ("maxStuck", block.max_stuck, counts.stuck),
            ("maxParkDuration", block.max_park_duration, max_park),
            ("maxCollateralDelay", block.max_collateral_delay, output.collateral.max_delay),
        ];
        for (assert, limit, actual) in limits {
            if let Some(limit) = limit {
                push(assert, Some(limit.to_string()), Some(actual), actual <= limit);
            }
        }
        if let Some(replay_complete) = block.replay_complete {
            push("replayComplete", None, None, !replay_complete || !has(&[Code::ReplayIncomplete]));
        }
    }
    results
}
