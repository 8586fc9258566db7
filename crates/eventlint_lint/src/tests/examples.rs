//! The repository examples: `examples/payments` yields exactly the findings (every rule, the schema-version ones
//! included) that its `# expect:` comments name (matched by rule and subject, catalog-format §15), and
//! `examples/clean` yields none.

use std::collections::BTreeSet;
use std::path::Path;

use eventlint_diagnostics::Severity;
use eventlint_yaml::DirectiveKind;

use crate::Settings;
use crate::registry::RULES;
use crate::testing::Workspace;

/// Every file of an example directory, with project-relative paths.
pub(super) fn example(name: &str) -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name);
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "avsc") || path.to_string_lossy().ends_with(".catalog.yaml")
            {
                let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    Workspace::load(&files)
}

/// The (rule, subject) pairs the `# expect:` comments name, for the rules of this crate.
fn expected(workspace: &Workspace) -> BTreeSet<(String, String)> {
    let ours: Vec<&str> = RULES.iter().map(|rule| rule.name).collect();
    let mut expected = BTreeSet::new();
    for file in &workspace.model.files {
        for directive in file.directives.iter().filter(|d| d.kind == DirectiveKind::Expect) {
            let path = file.path_at_line(directive.line).unwrap_or_default();
            let segments: Vec<&str> = path.split('/').collect();
            // The subject is the entity the node belongs to: the group for a group setting, else the top-level entry.
            let subject = match segments.as_slice() {
                ["", "services", _, "consumerGroups", group, ..] => group,
                [_, _, entry, ..] => entry,
                _ => "",
            }
            .to_string();
            for rule in directive.rules.iter().filter(|rule| ours.contains(&rule.value.as_str())) {
                expected.insert((rule.value.clone(), subject.clone()));
            }
        }
    }
    expected
}

#[test]
fn payments_yields_exactly_the_expected_findings() {
    let workspace = example("payments");
    let result = workspace.lint(&Settings::default());
    let found: BTreeSet<(String, String)> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| {
            let subject = d.subject.as_ref().map_or(String::new(), |s| s.name.clone());
            (d.code.clone(), subject)
        })
        .collect();
    assert_eq!(found, expected(&workspace), "\n{}", workspace.render(&result));
    insta::assert_snapshot!(workspace.render(&result));
}

#[test]
fn clean_yields_no_finding() {
    let workspace = example("clean");
    let result = workspace.lint(&Settings::default());
    let rendered = workspace.render(&result);
    assert!(result.diagnostics.iter().all(|d| d.severity == Severity::Info), "\n{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn payments_renders_with_evidence_and_labels() {
    let workspace = example("payments");
    let result = workspace.lint(&Settings::default());
    let rendered: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| eventlint_diagnostics::render_full(&workspace.sources, d, false, 80))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}

#[test]
fn payments_against_itself_gets_no_finding_from_comparing_revisions() {
    // Every `compat` rule, the opt-in `no-previous-version` included: the base revision adds nothing, and history
    // still yields the expected `incompatible-change`.
    let (workspace, base) = (example("payments"), example("payments"));
    let workspace = workspace.with_base(&base);
    let result = workspace.lint(&crate::testing::settings("compat", None));
    let rules: Vec<&str> = result.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(rules, ["incompatible-change"], "\n{}", workspace.render(&result));
}
