//! End-to-end tests of the CI integrations: SARIF checked by Microsoft's validator, JUnit parsed as XML, GitHub
//! step summaries, `--statistics`, `EVENTLINT_OUTPUT_FORMAT`, `--changed`/`--staged` errors, completions and man.

use std::process::{Command, Output};

use crate::common::{Project, junit_suites, sarif_errors, sarif_validator};

/// A project whose findings are three load errors in three files, one of them in a directory whose name needs URI
/// escaping.
fn broken() -> Project {
    let project = Project::new();
    project.write("eventlint.toml", "[limits]\nmax-file-bytes = 64\n");
    project.write("ok.catalog.yaml", "eventlint: 1\nmessages: {}\n");
    project.write("latin1.catalog.yaml", b"eventlint: 1\nmessages: {} # caf\xe9\n".as_slice());
    project.write("my schemas/big.avsc", vec![b' '; 100]);
    project
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn sarif_with_load_errors_passes_the_sarif_validator() {
    let Some(validator) = sarif_validator() else { return };
    let project = broken();
    let output = project.run(&["check", "--output-format", "sarif", "--output-file", "eventlint.sarif"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path("eventlint.sarif")).expect("sarif")).expect("json");
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().map(Vec::len), Some(2));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let uris: Vec<&str> = run["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert_eq!(uris, ["latin1.catalog.yaml", "my%20schemas/big.avsc"]);
    assert_eq!(sarif_errors(&validator, project.dir.path(), "eventlint.sarif"), Vec::<String>::new());
}

#[test]
fn sarif_of_a_clean_run_passes_the_sarif_validator() {
    let Some(validator) = sarif_validator() else { return };
    let project = Project::new();
    project.write("ok.catalog.yaml", "eventlint: 1\nmessages: {}\n");
    let output = project.run(&["check", "--output-format", "sarif", "--output-file", "clean.sarif"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sarif_errors(&validator, project.dir.path(), "clean.sarif"), Vec::<String>::new());
}

#[test]
fn the_sarif_validator_does_find_errors() {
    let Some(validator) = sarif_validator() else { return };
    let project = Project::new();
    let result = r#"{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.yaml"}, "region": {"startLine": 0}}}]}"#;
    project.write(
        "bad.sarif",
        format!(
            r#"{{"version": "2.1.0", "runs": [{{"tool": {{"driver": {{"name": "x"}}}}, "results": [{result}]}}]}}"#
        ),
    );
    let errors = sarif_errors(&validator, project.dir.path(), "bad.sarif");
    assert!(errors.iter().any(|e| e.contains("SARIF1002")), "a space in a URI is an error: {errors:#?}");
    assert!(errors.iter().any(|e| e.contains("startLine")), "line 0 is an error: {errors:#?}");
}

#[test]
fn junit_is_well_formed_xml_with_one_suite_per_file() {
    let project = broken();
    let output = project.run(&["check", "--output-format", "junit"]);
    assert_eq!(output.status.code(), Some(2));
    let (suites, failures) = junit_suites(&stdout(&output));
    let pass = |name: &str| (name.to_owned(), vec![("eventlint".to_owned(), None)]);
    let fail =
        |name: &str, rule: &str| (name.to_owned(), vec![(format!("eventlint.{rule}"), Some("error".to_owned()))]);
    assert_eq!(
        suites,
        [
            fail("latin1.catalog.yaml", "load/yaml-syntax"),
            fail("my schemas/big.avsc", "load/limit-exceeded"),
            pass("ok.catalog.yaml"),
        ]
    );
    assert_eq!(failures, "2");
}

#[test]
fn github_format_appends_a_step_summary() {
    let project = broken();
    project.write("summary.md", "earlier step\n");
    let output = project
        .command(&["check", "--output-format", "github"])
        .env("GITHUB_STEP_SUMMARY", project.path("summary.md"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output).lines().filter(|l| l.starts_with("::error file=")).count(), 2);
    let summary = std::fs::read_to_string(project.path("summary.md")).expect("summary");
    assert!(summary.starts_with("earlier step\n### eventlint\n"), "{summary}");
    assert_eq!(summary.lines().filter(|l| l.starts_with("| error |")).count(), 2);
}

#[test]
fn gitlab_report_has_every_field() {
    let output = broken().run(&["check", "--output-format", "gitlab"]);
    let issues: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(issues.len(), 2);
    for issue in &issues {
        for pointer in [
            "/description",
            "/check_name",
            "/fingerprint",
            "/severity",
            "/location/path",
            "/location/positions/begin/line",
            "/location/positions/end/column",
        ] {
            assert!(issue.pointer(pointer).is_some(), "missing {pointer} in {issue}");
        }
    }
}

#[test]
fn statistics_count_rules_in_text_and_json() {
    let project = broken();
    let text = project.run(&["check", "--statistics"]);
    assert_eq!(text.status.code(), Some(2));
    assert_eq!(stdout(&text), "1\tload/limit-exceeded\terror\n1\tload/yaml-syntax\terror\n");
    let json: serde_json::Value =
        serde_json::from_slice(&project.run(&["check", "--statistics", "--output-format", "json"]).stdout)
            .expect("json");
    assert_eq!(
        json,
        serde_json::json!([
            {"rule": "load/limit-exceeded", "severity": "error", "count": 1},
            {"rule": "load/yaml-syntax", "severity": "error", "count": 1},
        ])
    );
}

#[test]
fn output_format_comes_from_the_flag_then_the_environment_then_the_config() {
    let project = broken();
    project.write("eventlint.toml", "[limits]\nmax-file-bytes = 64\n[output]\nformat = \"concise\"\n");
    let first_line = |output: Output| stdout(&output).lines().next().unwrap_or("").to_owned();
    assert!(first_line(project.run(&["check"])).starts_with("latin1.catalog.yaml:2:"));
    let from_env = project.command(&["check"]).env("EVENTLINT_OUTPUT_FORMAT", "json-lines").output().expect("run");
    assert!(first_line(from_env).starts_with("{\"kind\":\"load\""));
    let flag_wins = project
        .command(&["check", "--output-format", "github"])
        .env("EVENTLINT_OUTPUT_FORMAT", "json")
        .output()
        .expect("run");
    assert!(first_line(flag_wins).starts_with("::error "));
    let bad = project.command(&["check"]).env("EVENTLINT_OUTPUT_FORMAT", "xml").output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`EVENTLINT_OUTPUT_FORMAT` is `xml`"), "{}", stderr(&bad));
}

#[test]
fn changed_without_a_base_is_an_actionable_error() {
    let project = Project::new();
    project.git(&["init", "-q", "-b", "main"]);
    let output = project.run(&["check", "--changed"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `--changed` needs a base revision\n  help: pass `--since REF`, e.g. `--since origin/main`, or set `[check] against` in `eventlint.toml`\n"
    );
}

#[test]
fn changed_in_a_shallow_clone_says_how_to_fetch_history() {
    let origin = Project::new();
    origin.git(&["init", "-q", "-b", "main"]).git(&["add", "."]).git(&["commit", "-qm", "one"]);
    origin.write("a.catalog.yaml", "eventlint: 1\n").git(&["add", "."]).git(&["commit", "-qm", "two"]);
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", origin.dir.path().display());
    let cloned = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(clone.path())
        .status()
        .expect("clone");
    assert!(cloned.success());
    let output = Command::new(env!("CARGO_BIN_EXE_eventlint"))
        .args(["check", "--changed", "--since", "HEAD~1"])
        .current_dir(clone.path().join("shallow"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot find the changes since `HEAD~1`: the revision is not in this shallow clone\n  \
         help: fetch the history it needs, e.g. actions/checkout with `fetch-depth: 0`,\n        \
         or `git fetch --unshallow`\n"
    );
}

#[test]
fn changed_and_staged_still_report_load_errors() {
    let project = broken();
    project.git(&["init", "-q", "-b", "main"]).git(&["add", "eventlint.toml"]).git(&["commit", "-qm", "base"]);
    for args in [["check", "--changed", "--since", "main"].as_slice(), &["check", "--staged"]] {
        let output = project.run(&[args, &["--output-format", "concise"]].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output).lines().filter(|l| l.contains("error[load/")).count(), 2);
    }
}

#[test]
fn completions_and_man_page_describe_check() {
    let project = Project::new();
    for args in [&["completions", "bash"][..], &["completions", "zsh"], &["completions", "fish"], &["man"]] {
        let output = project.run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).contains("check"), "{args:?} does not mention `check`");
    }
    assert!(stdout(&project.run(&["man"])).starts_with(".ie \\n(.g .ds Aq"));
}
