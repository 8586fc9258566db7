//! End-to-end tests of `eventlint simulate`: the worked example's reports, exit codes, seed override, determinism,
//! JSON Schema conformance, JUnit output and the explore → shrink → write → re-run loop.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = "examples/payments/poison-pill.scenario.yaml";
const SCHEMA: &str = include_str!("../../crates/eventlint_sim/schema/simulation-v1.schema.json");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn eventlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run eventlint")
}

fn simulate(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["simulate"];
    all.extend_from_slice(args);
    let output = eventlint(repo(), &all);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

/// A throwaway project with the payments catalog and schemas copied in, for scenarios the tests write.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Self {
        let project = Project { dir: tempfile::tempdir().expect("temp dir") };
        std::fs::write(project.path("eventlint.toml"), "").expect("config");
        let source = repo().join("examples/payments");
        copy_dir(&source, &project.path("payments"));
        project
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, contents: &str) {
        std::fs::write(self.path(relative), contents).expect("write");
    }

    fn simulate(&self, args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["simulate"];
        all.extend_from_slice(args);
        let output = eventlint(self.dir.path(), &all);
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The worked example restricted to one policy, which passes its expectations.
fn passing_scenario() -> String {
    let example = std::fs::read_to_string(repo().join(EXAMPLE)).expect("example");
    example.replace("policies: [declared, stop, skip, naive-dlq, key-parking-dlq]", "policies: [key-parking-dlq]")
}

#[test]
fn worked_example_text_report() {
    let (code, stdout, stderr) = simulate(&[EXAMPLE]);
    assert_eq!(code, 1, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn worked_example_json_report() {
    let (code, stdout, stderr) = simulate(&[EXAMPLE, "--output-format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let runs: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let verdicts: Vec<(&str, &str)> = runs
        .as_array()
        .expect("array")
        .iter()
        .map(|run| (run["run"].as_str().unwrap_or_default(), run["verdict"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        verdicts,
        [("declared", "fail"), ("stop", "pass"), ("skip", "pass"), ("naive-dlq", "pass"), ("key-parking-dlq", "pass")]
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let first = simulate(&[EXAMPLE, "--output-format", "json", "--trace"]);
    let second = simulate(&[EXAMPLE, "--output-format", "json", "--trace"]);
    assert_eq!(first.1, second.1);
    let (code, _, stderr) = simulate(&[EXAMPLE, "--check-determinism"]);
    assert_eq!(code, 1, "determinism holds, the example still fails: {stderr}");
}

#[test]
fn json_reports_match_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("schema");
    for format in ["json", "json-lines"] {
        let (_, stdout, _) = simulate(&[EXAMPLE, "--output-format", format, "--trace"]);
        let runs: Vec<serde_json::Value> = if format == "json" {
            serde_json::from_str(&stdout).expect("JSON array")
        } else {
            stdout.lines().map(|line| serde_json::from_str(line).expect("JSON line")).collect()
        };
        assert_eq!(runs.len(), 5);
        let mut errors = vec![];
        for (index, run) in runs.iter().enumerate() {
            crate::json_schema::validate(&schema, &schema, run, &format!("/{index}"), &mut errors);
        }
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn seed_flag_replaces_the_scenario_seed() {
    let (_, stdout, _) = simulate(&[EXAMPLE, "--seed", "7", "--policy", "declared", "--output-format", "json"]);
    let runs: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(runs[0]["seed"], 7);
    let (_, text, _) = simulate(&[EXAMPLE, "--seed", "7", "--policy", "declared"]);
    assert!(
        text.starts_with("eventlint 0.1.0  scenario=poison-pill.scenario.yaml#sha256:9a2c…  seed=7  policy=declared\n")
    );
    let (_, stdout, _) = simulate(&[EXAMPLE, "--seeds", "3", "--policy", "stop", "--output-format", "json-lines"]);
    let seeds: Vec<u64> = stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["seed"].as_u64().unwrap())
        .collect();
    assert_eq!(seeds, [42, 43, 44]);
}

#[test]
fn json_limits_follow_the_flags() {
    let json = |extra: &[&str]| {
        let mut args = vec![EXAMPLE, "--policy", "declared", "--output-format", "json"];
        args.extend_from_slice(extra);
        let (_, stdout, _) = simulate(&args);
        serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON")[0].clone()
    };
    let default = json(&[]);
    assert_eq!(
        (default["violations"].as_array().unwrap().len(), default["violations_truncated"].as_u64()),
        (6, Some(0))
    );
    let capped = json(&["--max-violations", "2"]);
    assert_eq!((capped["violations"].as_array().unwrap().len(), capped["violations_truncated"].as_u64()), (2, Some(4)));
    let keys = |run: &serde_json::Value| run["keys"].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&default), ["pay-1001", "pay-1003"]);
    assert_eq!(keys(&json(&["--all-keys"])), ["pay-1001", "pay-1002", "pay-1003"]);
}

#[test]
fn passing_scenario_exits_0() {
    let project = Project::new();
    project.write("payments/passing.scenario.yaml", &passing_scenario());
    let (code, stdout, stderr) = project.simulate(&["payments/passing.scenario.yaml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.ends_with(
        "PASS  noLoss, perKeyOrder strict, constraints [payment-lifecycle], maxDuplicates 0, replayComplete\n"
    ));
}

#[test]
fn scenarios_are_found_in_directories_and_by_default() {
    let project = Project::new();
    project.write("payments/passing.scenario.yaml", &passing_scenario());
    let (code, stdout, _) = project.simulate(&["payments"]);
    assert_eq!(code, 1, "the copied worked example fails");
    // poison-pill (5 runs), in-memory-park (2 runs), unpark-race (2 runs) and passing (1 run)
    assert_eq!(stdout.matches("eventlint 0.1.0  scenario=").count(), 10);
    let (_, default, _) = project.simulate(&[]);
    assert_eq!(default, stdout);
}

#[test]
fn invalid_scenario_exits_2_with_a_location() {
    let project = Project::new();
    let broken = passing_scenario().replace("message: RefundIssued,", "message: RefundIsued,");
    project.write("payments/broken.scenario.yaml", &broken);
    let (code, stdout, stderr) = project.simulate(&["payments/broken.scenario.yaml"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    insta::assert_snapshot!(stderr);
}

#[test]
fn syntax_errors_and_missing_catalogs_exit_2() {
    let project = Project::new();
    project.write(
        "payments/bad.scenario.yaml",
        "scenario: 1\ncatalog: nowhere.yaml\ngroup: ledger-payments\nstream: []\n",
    );
    let (code, _, stderr) = project.simulate(&["payments/bad.scenario.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("[payments/bad.scenario.yaml:2:10]"), "{stderr}");
    assert!(stderr.contains("catalog `nowhere.yaml` does not exist"), "{stderr}");
    let (code, _, stderr) =
        project.simulate(&["--policy", "stop", "payments/poison-pill.scenario.yaml", "--policy", "retry-topics"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does not run policy `retry-topics`"), "{stderr}");
}

#[test]
fn junit_has_one_case_per_run_and_expectation_block() {
    let (code, stdout, _) = simulate(&[EXAMPLE, "--output-format", "junit"]);
    assert_eq!(code, 1);
    let document = roxmltree::Document::parse(&stdout).expect("XML");
    let cases: Vec<(String, bool)> = document
        .descendants()
        .filter(|node| node.has_tag_name("testcase"))
        .map(|case| {
            let failed = case.children().any(|child| child.has_tag_name("failure"));
            (case.attribute("name").unwrap_or_default().to_owned(), failed)
        })
        .collect();
    let expected: Vec<(String, bool)> = [
        ("declared seed=42 expect[0]", true),
        ("stop seed=42", false),
        ("skip seed=42", false),
        ("naive-dlq seed=42", false),
        ("key-parking-dlq seed=42 expect[0]", false),
    ]
    .iter()
    .map(|(name, failed)| ((*name).to_owned(), *failed))
    .collect();
    assert_eq!(cases, expected);
}

#[test]
fn one_run_draws_as_mermaid_and_svg() {
    let (code, mermaid, stderr) = simulate(&[EXAMPLE, "--policy", "key-parking-dlq", "--output-format", "mermaid"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(mermaid.starts_with("sequenceDiagram\n"), "{mermaid}");
    let (_, svg, _) = simulate(&[EXAMPLE, "--policy", "key-parking-dlq", "--output-format", "svg"]);
    assert!(roxmltree::Document::parse(&svg).is_ok());
    let (code, _, stderr) = simulate(&[EXAMPLE, "--output-format", "svg"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("help: select one scenario and one run with `--policy`"), "{stderr}");
}

#[test]
fn explore_writes_a_shrunk_scenario_that_fails_the_same_way() {
    let project = Project::new();
    let (code, _, stderr) =
        project.simulate(&["payments/poison-pill.scenario.yaml", "--explore", "5", "--write-shrunk"]);
    assert_eq!(code, 1, "{stderr}");
    let written = std::fs::read_to_string(project.path("payments/poison-pill.scenario.min.yaml")).expect("written");
    let violation = written.lines().find_map(|line| line.strip_prefix("# violation: ")).expect("violation header");
    assert!(written.contains("# original seed 42: 9 events"), "{written}");
    assert!(written.contains("\ncatalog: payments.catalog.yaml\n"), "{written}");
    let (code, stdout, stderr) =
        project.simulate(&["payments/poison-pill.scenario.min.yaml", "--output-format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let runs: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let codes: Vec<&str> =
        runs[0]["violations"].as_array().unwrap().iter().filter_map(|v| v["code"].as_str()).collect();
    assert!(codes.contains(&violation), "{violation} not in {codes:?}");
    let (code, _, stderr) =
        project.simulate(&["payments/poison-pill.scenario.yaml", "--explore", "5", "--write-shrunk"]);
    assert_eq!(code, 2, "never overwrites without --force");
    assert!(stderr.contains("already exists"), "{stderr}");
    let (code, _, stderr) =
        project.simulate(&["payments/poison-pill.scenario.yaml", "--explore", "5", "--write-shrunk", "--force"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn in_memory_park_example_fails_only_with_the_in_memory_store() {
    let (code, stdout, stderr) = simulate(&["examples/payments/in-memory-park.scenario.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn output_file_is_written_whole() {
    let project = Project::new();
    let (code, stdout, _) = project.simulate(&[
        "payments/poison-pill.scenario.yaml",
        "--output-format",
        "json",
        "--output-file",
        "out.json",
    ]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    let written = std::fs::read_to_string(project.path("out.json")).expect("report");
    assert!(serde_json::from_str::<serde_json::Value>(&written).is_ok());
}
