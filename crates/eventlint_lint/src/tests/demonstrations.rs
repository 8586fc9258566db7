//! The simulator commands that ordering findings name really demonstrate them: for each rule the payments example
//! triggers, the finding names `eventlint simulate <scenario> --policy <p>`, and running that policy of the
//! scenario against the example's group reports the violation codes the rule predicts (dlq-simulator.md §9).

use eventlint_diagnostics::{Diagnostic, Limits, Sources};
use eventlint_sim::{Code, Policy, RunOptions, SimSetup, load_scenario, run_scenario};

use crate::Settings;
use crate::rules::ordering::{IN_MEMORY_PARK, POISON_PILL, UNPARK_RACE};
use crate::tests::examples::example;

/// The policy named by `--policy <p>` in a finding's help or notes.
fn named_policy(finding: &Diagnostic) -> Option<Policy> {
    let texts = finding.help.iter().chain(&finding.notes);
    let command =
        texts.filter_map(|text| text.split(&format!("eventlint simulate {POISON_PILL} --policy ")).nth(1)).next()?;
    Policy::parse(command.split('`').next()?)
}

/// The violation codes of each run of an example scenario (all of its policies, or only `policy`), by run name.
fn runs(path: &str, policy: Option<Policy>) -> Vec<(String, Vec<Code>)> {
    let workspace = example("payments");
    let setup = SimSetup::from_model(&workspace.model, "ledger-payments").unwrap();
    let text = std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut sources = Sources::new();
    let file = sources.add(path, text.clone());
    let (scenario, errors) = load_scenario(file, &text, &Limits::default());
    assert!(errors.is_empty(), "{errors:?}");
    let mut scenario = scenario.unwrap().scenario;
    if let Some(policy) = policy {
        // As `--policy` does: a policy the scenario does not run is an error, not a new run.
        assert!(scenario.run.policies.contains(&policy), "{path} does not run `{}`", policy.as_str());
        scenario.run.policies = vec![policy];
    }
    let report = run_scenario(&setup, &scenario, &RunOptions::default()).unwrap();
    report.runs.iter().map(|run| (run.name.clone(), run.violations.iter().map(|v| v.code).collect())).collect()
}

/// The violation codes of one policy's run of the worked scenario.
fn codes(policy: Policy) -> Vec<Code> {
    runs(POISON_PILL, Some(policy)).into_iter().flat_map(|(_, codes)| codes).collect()
}

#[track_caller]
fn check(rule: &str, predicted: &[Code]) {
    let workspace = example("payments");
    let result = workspace.lint(&Settings::default());
    let finding = result.diagnostics.iter().find(|d| d.code == rule).unwrap_or_else(|| panic!("no `{rule}` finding"));
    let policy = named_policy(finding).unwrap_or_else(|| panic!("`{rule}` names no simulate command"));
    let codes = codes(policy);
    for code in predicted {
        assert!(codes.contains(code), "`{rule}`: `--policy {}` gives {codes:?}, not {code:?}", policy.as_str());
    }
}

#[test]
fn naive_dlq_run_shows_the_overtake_and_the_inversion() {
    check("dlq-without-key-parking", &[Code::OrderOvertake, Code::OrderInversion, Code::Causal]);
}

#[test]
fn retry_topics_run_shows_the_overtake() {
    check("retry-topics-break-key-order", &[Code::OrderOvertake, Code::Causal]);
}

#[test]
fn key_parking_run_of_the_same_scenario_is_clean() {
    let ordering_codes = [Code::OrderOvertake, Code::OrderInversion, Code::Causal];
    assert!(codes(Policy::KeyParkingDlq).iter().all(|code| !ordering_codes.contains(code)));
}

#[test]
fn unpark_race_scenario_shows_the_race_only_when_unparking_at_fix_time() {
    let runs = runs(UNPARK_RACE, None);
    let codes_of = |name: &str| runs.iter().find(|(run, _)| run == name).map(|(_, codes)| codes.clone()).unwrap();
    let at_fix_time = codes_of("key-parking-dlq+dlq.unpark=at-fix-time");
    assert!(at_fix_time.contains(&Code::UnparkRace) && at_fix_time.contains(&Code::ParkBreach), "{at_fix_time:?}");
    let drained = codes_of("key-parking-dlq+dlq.unpark=when-backlog-drained");
    assert!(!drained.contains(&Code::UnparkRace) && !drained.contains(&Code::ParkBreach), "{drained:?}");
}

#[test]
fn in_memory_park_scenario_reorders_only_with_the_in_memory_store() {
    let runs = runs(IN_MEMORY_PARK, None);
    let codes_of = |name: &str| runs.iter().find(|(run, _)| run == name).map(|(_, codes)| codes.clone()).unwrap();
    let ordering = [Code::OrderOvertake, Code::OrderInversion, Code::ParkBreach];
    let in_memory = codes_of("key-parking-dlq+dlq.parkStore=in-memory");
    assert!(in_memory.iter().any(|code| ordering.contains(code)), "{in_memory:?}");
    let durable = codes_of("key-parking-dlq+dlq.parkStore=durable");
    assert!(durable.iter().all(|code| !ordering.contains(code)), "{durable:?}");
}
