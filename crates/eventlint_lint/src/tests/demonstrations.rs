//! The simulator commands that ordering findings name really demonstrate them: for each rule the payments example
//! triggers, the finding names `eventlint simulate <scenario> --policy <p>`, and running that policy of the
//! scenario against the example's group reports the violation codes the rule predicts (dlq-simulator.md §9).

use eventlint_diagnostics::{Diagnostic, Limits, Sources};
use eventlint_sim::{Code, Policy, RunOptions, SimSetup, load_scenario, run_scenario};

use crate::Settings;
use crate::rules::ordering::POISON_PILL;
use crate::tests::examples::example;

/// The policy named by `--policy <p>` in a finding's help or notes.
fn named_policy(finding: &Diagnostic) -> Option<Policy> {
    let texts = finding.help.iter().chain(&finding.notes);
    let command =
        texts.filter_map(|text| text.split(&format!("eventlint simulate {POISON_PILL} --policy ")).nth(1)).next()?;
    Policy::parse(command.split('`').next()?)
}

/// The violation codes of one policy's run of the worked scenario, against the example's `ledger-payments`.
fn codes(policy: Policy) -> Vec<Code> {
    let workspace = example("payments");
    let setup = SimSetup::from_model(&workspace.model, "ledger-payments").unwrap();
    let text = std::fs::read_to_string(format!("{}/../../{POISON_PILL}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut sources = Sources::new();
    let file = sources.add(POISON_PILL, text.clone());
    let (scenario, errors) = load_scenario(file, &text, &Limits::default());
    assert!(errors.is_empty(), "{errors:?}");
    let mut scenario = scenario.unwrap().scenario;
    scenario.run.policies = vec![policy];
    let report = run_scenario(&setup, &scenario, &RunOptions::default()).unwrap();
    report.runs.iter().flat_map(|run| run.violations.iter().map(|violation| violation.code)).collect()
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
