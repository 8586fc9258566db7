//! End-to-end tests of `eventlint compat` in `check`'s report formats: every incompatibility is an
//! `incompatible-change` finding on the reader (or, for a mode, the new schema), SARIF passes Microsoft's validator,
//! JUnit parses, and `--output-file`, `--exit-zero` and `--statistics` behave as for `check`.

use std::process::Output;

use crate::common::{Project, junit_suites, sarif_errors, sarif_validator};

/// The version the data was written with.
const OLD: &str = r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.example",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "amount", "type": "int"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "VOID"]}}
  ]
}
"#;

/// Three breaks when it reads `OLD`: a type change, a dropped enum symbol and a field without a default.
const NEW: &str = r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.example",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "amount", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
    {"name": "riskScore", "type": "int"}
  ]
}
"#;

const PAIR: [&str; 5] = ["compat", "--reader", "new/Payment.avsc", "--writer", "old/Payment.avsc"];
const MODE: [&str; 7] = ["compat", "--mode", "FULL", "--new", "new/Payment.avsc", "--previous", "old/Payment.avsc"];

fn project() -> Project {
    let project = Project::new();
    project.write("old/Payment.avsc", OLD).write("new/Payment.avsc", NEW);
    project
}

fn run(project: &Project, form: &[&str], extra: &[&str]) -> Output {
    project.run(&[form, extra].concat())
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn each_incompatibility_is_one_finding_with_java_facts() {
    let project = project();
    let output = run(&project, &PAIR, &["--output-format", "json-lines"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let findings: Vec<serde_json::Value> =
        stdout(&output).lines().map(|line| serde_json::from_str(line).expect("JSON line")).collect();
    let facts: Vec<(&str, &str, &str, &str)> = findings
        .iter()
        .map(|f| {
            assert_eq!((f["rule"].as_str(), f["category"].as_str()), (Some("incompatible-change"), Some("compat")));
            assert_eq!(f["labels"][0]["file"], "old/Payment.avsc", "the writer is the secondary label");
            (
                f["file"].as_str().unwrap_or_default(),
                f["data"]["java_type"].as_str().unwrap_or_default(),
                f["data"]["java_location"].as_str().unwrap_or_default(),
                f["logical_path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            ("new/Payment.avsc", "TYPE_MISMATCH", "/fields/1/type", "/com.example.Payment/fields/amount/type"),
            ("new/Payment.avsc", "MISSING_ENUM_SYMBOLS", "/fields/2/type/symbols", "/com.example.Status"),
            (
                "new/Payment.avsc",
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "/fields/3",
                "/com.example.Payment/fields/riskScore"
            ),
        ]
    );
}

#[test]
fn full_shows_reader_and_writer_snippets_then_the_summary() {
    let project = project();
    // Snapshots render at width 80, as `check`'s do.
    let output = project.command(&[&PAIR[..], &["--output-format", "full"]].concat()).env("COLUMNS", "80").output();
    let output = output.expect("run eventlint");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn a_mode_locates_its_findings_on_the_new_schema_in_both_directions() {
    let project = project();
    let extended = NEW
        .replace(r#""amount", "type": "string""#, r#""amount", "type": "int""#)
        .replace(r#", "PAID"]"#, r#", "PAID", "VOID", "LOST"]"#);
    project.write("new/Payment.avsc", extended);
    let output = run(&project, &MODE, &["--output-format", "concise"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[..2].iter().all(|line| line.starts_with("new/Payment.avsc:")), "{text}");
    assert!(text.contains("`old/Payment.avsc` cannot read data written with `new/Payment.avsc`: [LOST]"), "{text}");
    assert!(text.contains("`new/Payment.avsc` cannot read data written with `old/Payment.avsc`: field `riskScore`"));
    assert_eq!(lines[2], "Found 2 findings: 2 errors.");
}

#[test]
fn compat_sarif_passes_the_sarif_validator() {
    let Some(validator) = sarif_validator() else { return };
    let project = project();
    project.write("broken/Payment.avsc", r#"{"type": "record", "name": "Payment", "fields": [{"name": "x"}]}"#);
    let cases: [(&[&str], &str, i32); 3] = [
        (&PAIR, "pair.sarif", 1),
        (&MODE, "mode.sarif", 1),
        (&["compat", "--reader", "broken/Payment.avsc", "--writer", "old/Payment.avsc"], "broken.sarif", 2),
    ];
    for (form, file, code) in cases {
        let output = run(&project, form, &["--output-format", "sarif", "--output-file", file]);
        assert_eq!(output.status.code(), Some(code), "{file}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(stdout(&output), "", "the report goes to the file");
        let sarif: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(project.path(file)).expect("sarif")).expect("json");
        let run = &sarif["runs"][0];
        assert_eq!(run["invocations"][0]["executionSuccessful"], code != 2, "{file}");
        assert_eq!(sarif_errors(&validator, project.dir.path(), file), Vec::<String>::new(), "{file}");
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path("pair.sarif")).expect("sarif")).expect("json");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    for result in results {
        assert_eq!(result["ruleId"], "incompatible-change");
        assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "new/Payment.avsc");
        assert_eq!(result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "old/Payment.avsc");
    }
}

#[test]
fn compat_junit_fails_the_reader_and_passes_the_writer() {
    let project = project();
    let output = run(&project, &PAIR, &["--output-format", "junit"]);
    assert_eq!(output.status.code(), Some(1));
    let (suites, failures) = junit_suites(&stdout(&output));
    let failure = || ("eventlint.incompatible-change".to_owned(), Some("error".to_owned()));
    assert_eq!(
        suites,
        [
            ("new/Payment.avsc".to_owned(), vec![failure(), failure(), failure()]),
            ("old/Payment.avsc".to_owned(), vec![("eventlint".to_owned(), None)]),
        ]
    );
    assert_eq!(failures, "3");
    let compatible = run(
        &project,
        &["compat", "--reader", "old/Payment.avsc", "--writer", "old/Payment.avsc"],
        &["--output-format", "junit"],
    );
    assert_eq!(compatible.status.code(), Some(0));
    assert_eq!(junit_suites(&stdout(&compatible)).1, "0");
}

#[test]
fn github_annotates_and_appends_a_step_summary() {
    let project = project();
    project.write("summary.md", "earlier step\n");
    let output = project
        .command(&[&PAIR[..], &["--output-format", "github"]].concat())
        .env("GITHUB_STEP_SUMMARY", project.path("summary.md"))
        .output()
        .expect("run eventlint");
    assert_eq!(output.status.code(), Some(1));
    let annotations = stdout(&output);
    assert_eq!(annotations.lines().filter(|l| l.starts_with("::error file=new/Payment.avsc,")).count(), 3);
    let summary = std::fs::read_to_string(project.path("summary.md")).expect("summary");
    assert!(summary.starts_with("earlier step\n"), "{summary}");
    assert_eq!(summary.lines().filter(|l| l.starts_with("| error | `incompatible-change` |")).count(), 3);
}

#[test]
fn gitlab_fingerprints_are_unique() {
    let project = project();
    let output = run(&project, &PAIR, &["--format", "gitlab"]);
    assert_eq!(output.status.code(), Some(1));
    let issues: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).expect("json");
    let mut fingerprints: Vec<&str> = issues.iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3);
}

#[test]
fn exit_zero_statistics_and_output_file() {
    let project = project();
    let statistics = run(&project, &PAIR, &["--statistics"]);
    assert_eq!((statistics.status.code(), stdout(&statistics)), (Some(1), "3\tincompatible-change\terror\n".into()));
    let as_json = run(&project, &PAIR, &["--statistics", "--format", "json", "--exit-zero"]);
    assert_eq!(as_json.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&as_json.stdout).expect("json");
    assert_eq!(rows, serde_json::json!([{"rule": "incompatible-change", "severity": "error", "count": 3}]));
    let to_file = run(&project, &PAIR, &["--format", "json", "--output-file", "compat.json", "--exit-zero"]);
    assert_eq!((to_file.status.code(), stdout(&to_file)), (Some(0), String::new()));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path("compat.json")).expect("report")).expect("json");
    assert_eq!(written["compatible"], false, "`json` keeps the compat shape");
    assert_eq!(written["incompatibilities"].as_array().map(Vec::len), Some(3));
    let broken =
        run(&project, &["compat", "--reader", "missing.avsc", "--writer", "old/Payment.avsc"], &["--exit-zero"]);
    assert_eq!(broken.status.code(), Some(2), "--exit-zero still fails on errors");
}

#[test]
fn the_batch_takes_no_report_options() {
    let project = project();
    for extra in [&["--output-format", "sarif"][..], &["--statistics"], &["--output-file", "out.jsonl"]] {
        let output = project
            .command(&[&["compat", "--pairs", "-"][..], extra].concat())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run eventlint");
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--pairs"), "{extra:?}");
    }
}
