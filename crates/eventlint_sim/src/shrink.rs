//! Counterexample search over seeds and biased fault placements, and deterministic delta-debugging of a failing
//! run down to a small explicit scenario that fails with the same violation code (dlq-simulator §10).

use crate::engine::EngineOptions;
use crate::outcome::Code;
use crate::partition::Partitioner;
use crate::prng::{Rng, Stream};
use crate::report::{RunOptions, RunReport, ShrunkFrom, Verdict, run_with};
use crate::scenario::{
    CrashPoint, Fault, FaultAction, FaultTrigger, MemberRef, Scenario, Schedule, ScheduleMode, StreamEvent, Workload,
};
use crate::setup::SimSetup;

/// How hard to search and shrink.
#[derive(Clone, Debug)]
pub struct ExploreOptions {
    /// Seeds `scenario.seed .. scenario.seed + seeds`.
    pub seeds: u64,
    /// Targeted crash faults added per seed, placed with the `shrink` stream (BUGGIFY-style); 0 adds none.
    pub injected_crashes: u32,
    /// Re-runs allowed while shrinking.
    pub max_reruns: usize,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions { seeds: 100, injected_crashes: 0, max_reruns: 2000 }
    }
}

/// What the shrinker keeps failing: a violation code, and the constraint for `CAUSAL`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub code: Code,
    pub constraint: Option<String>,
}

/// A minimal failing scenario.
#[derive(Clone, Debug)]
pub struct Counterexample {
    pub target: Target,
    /// The single-run scenario that reproduces the failure (explicit stream, partitions, schedule, faults).
    pub scenario: Scenario,
    /// The shrunk scenario's run.
    pub run: RunReport,
    pub original: ShrunkFrom,
    pub reruns: usize,
}

/// Tries seeds (and injected crash placements) until a run fails, then shrinks it.
pub fn explore(
    setup: &SimSetup,
    scenario: &Scenario,
    options: &RunOptions,
    explore: &ExploreOptions,
) -> Result<Option<Counterexample>, Vec<String>> {
    for offset in 0..explore.seeds {
        let mut candidate = scenario.clone();
        candidate.seed = scenario.seed.wrapping_add(offset);
        inject_crashes(&mut candidate, explore.injected_crashes);
        let report = run_with(setup, &candidate, options, &EngineOptions::default())?;
        for run in &report.runs {
            if let Some(target) = failure_target(run) {
                let single = single_run(&candidate, run);
                return Ok(shrink(setup, &single, options, &target, explore.max_reruns));
            }
        }
    }
    Ok(None)
}

/// The code to keep while shrinking: the first unexpected violation, else the first violation a failed
/// expectation forbids.
pub fn failure_target(run: &RunReport) -> Option<Target> {
    if run.verdict != Verdict::Fail {
        return None;
    }
    let violation = run
        .violations
        .iter()
        .find(|v| !v.expected)
        .or_else(|| run.violations.iter().find(|v| !matches!(v.code, Code::DedupHit | Code::CollateralDelay)))?;
    Some(Target { code: violation.code, constraint: violation.constraint.clone() })
}

/// Places targeted crash points on random events: after-dlq-write and after-park-write first (BUGGIFY).
fn inject_crashes(scenario: &mut Scenario, count: u32) {
    let Workload::Stream(events) = &scenario.workload else { return };
    if events.is_empty() {
        return;
    }
    let mut rng = Rng::new(scenario.seed, Stream::Shrink);
    for _ in 0..count {
        let event = events[rng.below(events.len() as u64) as usize].id.clone();
        let point =
            [CrashPoint::AfterDlqWrite, CrashPoint::AfterParkWrite, CrashPoint::BeforeCommit][rng.below(3) as usize];
        scenario.faults.push(Fault {
            trigger: FaultTrigger::AfterEvent { event, point },
            action: FaultAction::Crash(MemberRef::Any),
        });
    }
}

/// Restricts the scenario to the run's policy and sweep point.
fn single_run(scenario: &Scenario, run: &RunReport) -> Scenario {
    let mut single = scenario.clone();
    single.run.policies = vec![run.preset];
    single.run.sweep.clear();
    if let Some((_, point)) = run.name.split_once('+') {
        for pair in point.split(',') {
            if let Some((path, value)) = pair.split_once('=') {
                single.run.sweep.push((path.to_owned(), vec![value.to_owned()]));
            }
        }
    }
    single
}

struct Shrinker<'a> {
    setup: &'a SimSetup,
    options: &'a RunOptions,
    target: &'a Target,
    budget: usize,
    reruns: usize,
}

impl Shrinker<'_> {
    /// Runs a candidate leniently; the run if it still fails with the target code.
    fn fails(&mut self, candidate: &Scenario, lenient: bool) -> Option<RunReport> {
        if self.reruns >= self.budget {
            return None;
        }
        self.reruns += 1;
        let engine = EngineOptions { record_picks: true, lenient_schedule: lenient, trace: false };
        let report = run_with(self.setup, candidate, self.options, &engine).ok()?;
        let run = report.runs.into_iter().next()?;
        let hit = run.violations.iter().any(|v| v.code == self.target.code && v.constraint == self.target.constraint);
        (run.verdict == Verdict::Fail && hit).then_some(run)
    }

    /// Accepts `candidate` if it fails, pinning its schedule to the picks it really made.
    fn accept(&mut self, candidate: &mut Scenario) -> bool {
        match self.fails(candidate, true) {
            Some(run) => {
                candidate.schedule = Schedule { mode: ScheduleMode::Explicit, steps: run.picks };
                true
            }
            None => false,
        }
    }

    /// Classic ddmin over the items that `get` extracts and `set` writes back.
    fn ddmin<T: Clone>(
        &mut self,
        scenario: &mut Scenario,
        get: impl Fn(&Scenario) -> Vec<T>,
        set: impl Fn(&mut Scenario, Vec<T>),
    ) {
        let mut items = get(scenario);
        let mut parts = 2usize;
        while !items.is_empty() {
            let chunk = items.len().div_ceil(parts);
            let mut reduced = false;
            for start in (0..items.len()).step_by(chunk.max(1)) {
                let mut complement = items.clone();
                complement.drain(start..(start + chunk).min(items.len()));
                let mut candidate = scenario.clone();
                set(&mut candidate, complement.clone());
                if self.accept(&mut candidate) {
                    *scenario = candidate;
                    items = complement;
                    parts = parts.saturating_sub(1).max(2);
                    reduced = true;
                    break;
                }
            }
            if !reduced {
                if parts >= items.len() {
                    break;
                }
                parts = (parts * 2).min(items.len());
            }
        }
    }
}

/// Shrinks a failing single-run scenario; `None` when it does not fail with `target`.
pub fn shrink(
    setup: &SimSetup,
    scenario: &Scenario,
    options: &RunOptions,
    target: &Target,
    max_reruns: usize,
) -> Option<Counterexample> {
    let mut shrinker = Shrinker { setup, options, target, budget: max_reruns, reruns: 0 };
    let first = shrinker.fails(scenario, false)?;
    let original = ShrunkFrom {
        seed: scenario.seed,
        events: first.events.len() as u64,
        steps: first.counts.steps,
        faults: scenario.faults.len() as u64,
    };
    let mut current = make_explicit(scenario, &first);
    if !shrinker.accept(&mut current) {
        return None;
    }
    // 1. drop whole keys
    shrinker.ddmin(&mut current, stream_keys, |s, keys| retain_events(s, |e| keys.contains(&e.key)));
    // 2. drop single events
    shrinker.ddmin(
        &mut current,
        |s| stream(s).iter().map(|e| e.id.clone()).collect(),
        |s, ids| retain_events(s, |e| ids.contains(&e.id)),
    );
    // 3. drop faults
    shrinker.ddmin(&mut current, |s| s.faults.clone(), |s, faults| s.faults = faults);
    // 4. drop operations that are not needed
    shrinker.ddmin(&mut current, |s| s.operations.clone(), |s, operations| s.operations = operations);
    // 5. reduce numbers: instances
    for instances in 1..4 {
        let mut candidate = current.clone();
        candidate.overrides.group.retain(|(path, _)| path != "instances");
        candidate.overrides.group.push(("instances".to_owned(), instances.to_string()));
        if shrinker.accept(&mut candidate) {
            current = candidate;
            break;
        }
    }
    // 6. shortest strict schedule prefix; round-robin takes over after it
    let steps = current.schedule.steps.clone();
    for length in 0..=steps.len() {
        let mut candidate = current.clone();
        candidate.schedule.steps = steps[..length].to_vec();
        if shrinker.fails(&candidate, false).is_some() {
            current = candidate;
            break;
        }
    }
    let mut run = shrinker.fails(&current, false)?;
    run.shrunk_from = Some(original.clone());
    Some(Counterexample { target: target.clone(), scenario: current, run, original, reruns: shrinker.reruns })
}

fn stream(scenario: &Scenario) -> &[StreamEvent] {
    match &scenario.workload {
        Workload::Stream(events) => events,
        Workload::Generate(_) => &[],
    }
}

fn stream_keys(scenario: &Scenario) -> Vec<Option<String>> {
    let mut keys: Vec<Option<String>> = vec![];
    for event in stream(scenario) {
        if !keys.contains(&event.key) {
            keys.push(event.key.clone());
        }
    }
    keys
}

/// Keeps the events `keep` accepts, and the targeted faults whose event survives.
fn retain_events(scenario: &mut Scenario, keep: impl Fn(&StreamEvent) -> bool) {
    if let Workload::Stream(events) = &mut scenario.workload {
        events.retain(|event| keep(event));
        let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
        scenario.faults.retain(|fault| match &fault.trigger {
            FaultTrigger::AfterEvent { event, .. } => ids.contains(event),
            _ => true,
        });
    }
}

/// The failing run as an explicit scenario: stream with explicit partitions, the faults as they fired, the picks.
fn make_explicit(scenario: &Scenario, run: &RunReport) -> Scenario {
    let mut explicit = scenario.clone();
    let events = run.stream.clone();
    let mut topics: Vec<String> = run.events.iter().map(|e| e.topic.clone()).collect();
    topics.sort_unstable();
    topics.dedup();
    explicit.workload = Workload::Stream(events.into_iter().filter(|event| event.at != Some(u64::MAX)).collect());
    for topic in topics {
        explicit.overrides.topics.push((topic, None, Some(Partitioner::Explicit)));
    }
    let mut faults: Vec<Fault> =
        scenario.faults.iter().filter(|f| matches!(f.trigger, FaultTrigger::AfterEvent { .. })).cloned().collect();
    faults.extend(run.fault_log.iter().cloned());
    explicit.faults = faults;
    explicit.schedule = Schedule { mode: ScheduleMode::Explicit, steps: run.picks.clone() };
    explicit
}
