//! The worked examples through the real binary: `examples/payments` yields exactly what its `# expect:` comments
//! name (matched by rule and subject, catalog-format §15), with every rule category and the compat check together;
//! `examples/clean` yields nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use eventlint_project::{InputFile, ProjectOptions, load_project};
use eventlint_yaml::DirectiveKind;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// `eventlint check . --output-format json` in the example's folder: exit code and (rule, subject) of each
/// warning or error.
fn findings(dir: &Path) -> (i32, BTreeSet<(String, String)>, serde_json::Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_eventlint"))
        .args(["check", ".", "--output-format", "json"])
        .current_dir(dir)
        .output()
        .expect("run eventlint");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json report");
    let found = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| (d["rule"].as_str().unwrap_or("").to_owned(), d["subject"]["name"].as_str().unwrap_or("").to_owned()))
        .collect();
    (output.status.code().unwrap_or(-1), found, report)
}

/// Every `# expect:` comment of the example's catalogs, with the entity its node belongs to: the group for a
/// group setting, else the top-level entry.
fn expected(dir: &Path) -> BTreeSet<(String, String)> {
    let inputs: Vec<InputFile> = std::fs::read_dir(dir)
        .expect("example dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "yaml"))
        .map(|entry| InputFile {
            path: entry.file_name().to_string_lossy().into_owned(),
            contents: Ok(std::fs::read(entry.path()).expect("read")),
        })
        .collect();
    let read_extra = |path: &str| std::fs::read(dir.join(path)).ok();
    let (project, _) = load_project(inputs, &read_extra, &ProjectOptions { limits: Default::default() });
    let mut expected = BTreeSet::new();
    for file in &project.model.files {
        for directive in file.directives.iter().filter(|d| d.kind == DirectiveKind::Expect) {
            let path = file.path_at_line(directive.line).unwrap_or_default();
            let segments: Vec<&str> = path.split('/').collect();
            let subject = match segments.as_slice() {
                ["", "services", _, "consumerGroups", group, ..] => group,
                [_, _, entry, ..] => entry,
                _ => "",
            };
            for rule in &directive.rules {
                expected.insert((rule.value.clone(), subject.to_string()));
            }
        }
    }
    expected
}

#[test]
fn payments_yields_exactly_its_expected_findings() {
    let dir = example("payments");
    let (code, found, report) = findings(&dir);
    let expected = expected(&dir);
    assert_eq!(expected.len(), 10, "the example names ten findings: {expected:?}");
    assert_eq!(found, expected, "{report:#}");
    assert_eq!(code, 1);
    assert_eq!((report["summary"]["errors"].as_u64(), report["summary"]["warnings"].as_u64()), (Some(2), Some(8)));
}

#[test]
fn clean_example_has_no_findings() {
    let (code, found, report) = findings(&example("clean"));
    assert!(found.is_empty(), "{report:#}");
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(0), "{report:#}");
    assert_eq!(code, 0);
}
