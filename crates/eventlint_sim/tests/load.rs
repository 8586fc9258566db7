//! The scenario loader and the catalog adapter: the worked example loaded from its files gives the same setup and
//! the same reports as the hand-built one, and broken scenarios give located load errors.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use eventlint_diagnostics::{Limits, Sources, render_concise, resolve_all};
use eventlint_sim::*;

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/payments")
}

fn load_setup() -> SimSetup {
    let dir = example_dir();
    let text = std::fs::read_to_string(dir.join("payments.catalog.yaml")).expect("the example catalog is in the repo");
    let mut sources = Sources::new();
    let file = sources.add("payments.catalog.yaml", text);
    let exists = |path: &str| dir.join(path).is_file();
    let (model, diagnostics) = eventlint_catalog::load_catalogs(&[file], &sources, &Limits::default(), &exists);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    SimSetup::from_model(&model, "ledger-payments").unwrap()
}

/// Loads scenario text; returns the file or the rendered load errors.
fn load(text: &str) -> Result<(ScenarioFile, Sources), String> {
    let mut sources = Sources::new();
    let file = sources.add("test.scenario.yaml", text.to_owned());
    let (scenario, mut diagnostics) = load_scenario(file, text, &Limits::default());
    if let Some(scenario) = &scenario {
        diagnostics.extend(scenario.check(&load_setup()));
    }
    if diagnostics.is_empty() {
        return Ok((scenario.unwrap(), sources));
    }
    let rendered: Vec<String> = resolve_all(&sources, &diagnostics, false).iter().map(render_concise).collect();
    Err(rendered.join("\n"))
}

#[test]
fn the_catalog_adapter_builds_the_hand_written_setup() {
    assert_eq!(load_setup(), payments_setup());
}

#[test]
fn unknown_groups_are_named() {
    let error = SimSetup::from_model(&eventlint_catalog::Model::default(), "ledger").unwrap_err();
    assert_eq!(error, "unknown consumer group `ledger`; known groups: ");
}

#[test]
fn the_example_scenario_file_gives_the_hand_built_reports() {
    let text = std::fs::read_to_string(example_dir().join("poison-pill.scenario.yaml")).unwrap();
    let (file, _) = load(&text).unwrap();
    assert_eq!((file.catalog.name.as_str(), file.group.name.as_str()), ("payments.catalog.yaml", "ledger-payments"));
    let mut hand_built = poison_pill_scenario();
    hand_built.name = String::new();
    assert_eq!(file.scenario, hand_built);
    let from_files = run_scenario(&load_setup(), &file.scenario, &options()).unwrap();
    let by_hand = run_scenario(&payments_setup(), &poison_pill_scenario(), &options()).unwrap();
    assert_eq!(render_json(&from_files), render_json(&by_hand));
}

#[test]
fn the_shrunk_yaml_loads_back_to_the_same_scenario() {
    let scenario = unpark_race_scenario();
    let yaml = render_scenario_yaml(&scenario, "payments.catalog.yaml", "ledger-payments", &[]);
    let (file, _) = load(&yaml).unwrap_or_else(|errors| panic!("{errors}\n{yaml}"));
    let original = run_scenario(&payments_setup(), &scenario, &options()).unwrap();
    let reloaded = run_scenario(&payments_setup(), &file.scenario, &options()).unwrap();
    assert_eq!(render_json(&reloaded), render_json(&original));
}

/// Loads `text` and compares its rendered load errors (empty when it loads cleanly) with `expect`.
fn check_errors(text: &str, expect: &str) {
    let errors = load(text).err().unwrap_or_default();
    assert_eq!(errors.trim(), expect.trim(), "\nactual:\n{errors}");
}

const HEAD: &str = "scenario: 1\ncatalog: payments.catalog.yaml\ngroup: ledger-payments\n";

#[test]
fn load_errors_are_located() {
    insta::assert_snapshot!(load(&format!(
        "{HEAD}stream:\n  - {{ id: e1, message: PaymentRefunded, key: k1 }}\n  - {{ id: e1, message: PaymentInitiated, key: k1, partition: 1 }}\ngenerate: {{ events: 10, lifecycle: payment-lifecycle }}\nfaults:\n  - {{ afterEvent: e9, point: after-dlq-write, crash: ledger-payments-7 }}\nrun:\n  policies: [key-parking]\n  sweep: {{ dlq.parkStore: [disk] }}\nexpect:\n  - {{ perKeyOrder: strictly, constraints: [payment-lifecycles] }}\ncolour: blue\n"
    ))
    .err()
    .unwrap_or_default());
}

#[test]
fn a_valid_minimal_scenario_has_no_errors() {
    check_errors(&format!("{HEAD}stream:\n  - {{ id: e1, message: PaymentInitiated, key: k1 }}\n"), "");
}

#[test]
fn a_fault_has_one_action_and_an_operation_does_one_thing() {
    let stream = "stream:\n  - { id: e1, message: PaymentInitiated, key: k1 }\n";
    check_errors(
        &format!("{HEAD}{stream}faults:\n  - {{ at: 3, crash: any, rebalance: leave-join, producer: reorder }}\n"),
        "test.scenario.yaml:7:26: error[load/conflicting-keys] a fault has one action: `crash`, `rebalance`, `producer`
test.scenario.yaml:7:49: error[load/conflicting-keys] a fault has one action: `crash`, `rebalance`, `producer`",
    );
    check_errors(
        &format!("{HEAD}{stream}faults:\n  - {{ at: 3 }}\n"),
        "test.scenario.yaml:7:5: error[load/missing-key] missing required key `crash`",
    );
    check_errors(
        &format!(
            "{HEAD}{stream}operations:\n  - {{ at: 3, unpark: {{ keys: all }}, deployFix: {{ cures: poison }} }}\n"
        ),
        "test.scenario.yaml:7:37: error[load/conflicting-keys] an operation does one thing: `deployFix`, `replayDlq`, `unpark`",
    );
}

#[test]
fn a_scenario_needs_a_workload() {
    check_errors(HEAD, "test.scenario.yaml:1:1: error[load/missing-key] missing required key `stream`");
}
