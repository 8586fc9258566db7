//! The playground's engine (`eventlint_wasm`, run natively) gives the binary's answers: the same diagnostics on the
//! files `check` reads, and the same compat verdicts.

use std::path::Path;

use eventlint_wasm::{Columns, PlaygroundFile, lint_files};
use serde_json::Value;

use crate::common::{Project, eventlint_in, example_dir};

/// The files `eventlint check DIR` reads in the project `root` (its `--show-files`), as playground tabs.
fn files_the_cli_reads(root: &Path, dir: &str) -> Vec<PlaygroundFile> {
    let listing = eventlint_in(root, &["check", "--show-files", dir]).output().expect("run eventlint");
    String::from_utf8(listing.stdout)
        .expect("UTF-8 listing")
        .lines()
        .map(|path| PlaygroundFile {
            path: path.to_owned(),
            text: std::fs::read_to_string(root.join(path)).expect("listed file"),
        })
        .collect()
}

/// Asserts that the playground's diagnostics (in code points) are the CLI's JSON `diagnostics` for `dir`.
fn assert_same_as_cli(root: &Path, dir: &str) -> usize {
    let output = eventlint_in(root, &["check", "--output-format", "json", dir]).output().expect("run eventlint");
    let cli: Value = serde_json::from_slice(&output.stdout).expect("the CLI prints JSON");
    let playground = lint_files(files_the_cli_reads(root, dir), Columns::CodePoints);
    assert_eq!(serde_json::to_value(&playground.diagnostics).expect("serialisable"), cli["diagnostics"], "{dir}");
    playground.diagnostics.len()
}

#[test]
fn same_diagnostics_as_the_cli() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(assert_same_as_cli(repository, "examples/payments"), 10, "the payments example's findings");
    assert_eq!(assert_same_as_cli(repository, "examples/clean"), 0);
    let broken = Project::new();
    broken
        .write(
            "shop.catalog.yaml",
            "eventlint: 1\ndomain: shop\nmessages:\n  Bestellt:\n    summary: «bestellt» 🛒\n    sumary: x\n",
        )
        .write(
            "schemas/Order.avsc",
            r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "strin"}]}"#,
        )
        .write("schemas/Broken.avsc", r#"{"type": "#);
    assert!(assert_same_as_cli(broken.dir.path(), ".") >= 3, "the broken project has findings to compare");
}

#[test]
fn same_compat_verdicts_as_the_cli() {
    let payments = example_dir("payments");
    let (new, previous, import) =
        ("schemas/PaymentAuthorized.avsc", "schemas/history/PaymentAuthorized-2.0.0.avsc", "schemas/Money.avsc");
    let text = |path: &str| std::fs::read_to_string(payments.join(path)).expect("example file");
    let imports = serde_json::json!([{"path": import, "text": text(import)}]).to_string();
    let verdicts = |checks: &Value| -> Vec<(Value, Vec<Value>)> {
        let checks = checks.as_array().expect("checks");
        let without_ranges = |found: &Value| {
            let mut found = found.clone();
            found.as_object_mut().map(|found| (found.remove("reader_range"), found.remove("writer_range")));
            found
        };
        checks
            .iter()
            .map(|c| {
                let found = c["incompatibilities"].as_array().expect("incompatibilities");
                (c["compatible"].clone(), found.iter().map(without_ranges).collect())
            })
            .collect()
    };
    let mut incompatible_modes = 0;
    for mode in ["NONE", "BACKWARD", "FORWARD", "FULL_TRANSITIVE"] {
        let args =
            ["compat", "--mode", mode, "--new", new, "--previous", previous, "--import", import, "--format", "json"];
        let output = eventlint_in(&payments, &args).output().expect("run eventlint compat");
        let cli: Value = serde_json::from_slice(&output.stdout).expect("the CLI prints JSON");
        let playground: Value =
            serde_json::from_str(&eventlint_wasm::compat(&text(new), &text(previous), mode, &imports)).expect("JSON");
        assert_eq!(playground["compatible"], cli["compatible"], "{mode}");
        assert_eq!(verdicts(&playground["checks"]), verdicts(&cli["checks"]), "{mode}");
        incompatible_modes += usize::from(cli["compatible"] == false);
    }
    assert_eq!(incompatible_modes, 2, "BACKWARD and FULL_TRANSITIVE reject the example's new required field");
}
