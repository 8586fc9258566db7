//! The worked examples through the real binary: `examples/payments` yields exactly what its `# expect:` comments
//! name (matched by rule and subject, catalog-format §15), with every rule category and the compat check together;
//! `examples/eventcatalog` (EventCatalog folders, `# expect:` comments in the frontmatter) likewise; `examples/clean`
//! yields nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use eventlint_project::{InputFile, ProjectOptions, is_eventcatalog_page, load_project};
use eventlint_yaml::DirectiveKind;

use crate::common::example_dir;

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

/// Every `# expect:` comment of the example's catalogs and EventCatalog pages, with the entity its node belongs to:
/// the group for a group setting, else the top-level entry.
fn expected(dir: &Path) -> BTreeSet<(String, String)> {
    let inputs: Vec<InputFile> = walk(dir)
        .into_iter()
        .map(|file| {
            let path = file.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            (path, file)
        })
        .filter(|(path, _)| path.ends_with(".yaml") || is_eventcatalog_page(path))
        .map(|(path, file)| InputFile { path, contents: Ok(std::fs::read(file).expect("read")) })
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
    let dir = example_dir("payments");
    let (code, found, report) = findings(&dir);
    let expected = expected(&dir);
    assert_eq!(expected.len(), 10, "the example names ten findings: {expected:?}");
    assert_eq!(found, expected, "{report:#}");
    assert_eq!(code, 1);
    assert_eq!((report["summary"]["errors"].as_u64(), report["summary"]["warnings"].as_u64()), (Some(2), Some(8)));
}

#[test]
fn eventcatalog_yields_exactly_its_expected_findings() {
    let dir = example_dir("eventcatalog");
    let (code, found, report) = findings(&dir);
    let expected = expected(&dir);
    assert_eq!(expected.len(), 2, "the example names two findings: {expected:?}");
    assert_eq!(found, expected, "{report:#}");
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let change = diagnostics.iter().find(|d| d["rule"] == "incompatible-change").expect("the break");
    let (new, old) = (change["file"].as_str().unwrap_or(""), change["labels"][0]["file"].as_str().unwrap_or(""));
    assert!(new.ends_with("/events/OrderCreated/schema.avsc"), "{new}");
    assert!(old.ends_with("/events/OrderCreated/versioned/0.6.0/schema.avsc"), "{old}");
}

#[test]
fn clean_example_has_no_findings() {
    let (code, found, report) = findings(&example_dir("clean"));
    assert!(found.is_empty(), "{report:#}");
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(0), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn baseline_hides_known_findings_and_reports_new_ones() {
    let project = tempfile::tempdir().expect("temp dir");
    let copy = |from: &Path, to: &Path| {
        for entry in walk(from) {
            let target = to.join(entry.strip_prefix(from).expect("inside"));
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&entry, &target).expect("copy");
        }
    };
    copy(&example_dir("payments"), project.path());
    std::fs::write(project.path().join("eventlint.toml"), "").expect("config");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_eventlint")).args(args).current_dir(project.path()).output().expect("run")
    };
    assert_eq!(run(&["check", "--write-baseline", "baseline.json"]).status.code(), Some(0));
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path().join("baseline.json")).expect("baseline written"))
            .expect("baseline is JSON");
    assert_eq!(baseline["findings"].as_array().map(Vec::len), Some(10));

    let known = run(&["check", "--baseline", "baseline.json", "--output-format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&known.stdout).expect("json");
    assert_eq!((known.status.code(), report["summary"]["baselined"].as_u64()), (Some(0), Some(10)), "{report:#}");

    let catalog = project.path().join("payments.catalog.yaml");
    let text = std::fs::read_to_string(&catalog).expect("catalog");
    std::fs::write(&catalog, text.replace("    summary: Money was paid back to the shopper.\n", "")).expect("edit");
    let new = run(&["check", "--baseline", "baseline.json", "--output-format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&new.stdout).expect("json");
    let rules: Vec<&str> =
        report["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["rule"].as_str()).collect();
    assert_eq!((new.status.code(), rules), (Some(1), vec!["missing-summary"]), "{report:#}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
