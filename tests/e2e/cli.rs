//! End-to-end tests of the `eventlint` binary: exit codes, JSON output and hostile input, on throwaway projects.

use std::path::Path;
use std::process::Command;

use crate::common::Project;

fn rules(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn first_location(report: &serde_json::Value) -> (String, u64, u64) {
    let d = &report["diagnostics"][0];
    (d["file"].as_str().unwrap_or("").to_owned(), d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0))
}

#[test]
fn empty_project_passes() {
    let project = Project::new();
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "All checks passed.\n");
}

#[test]
fn plain_eventlint_runs_check() {
    let project = Project::new();
    assert_eq!(project.run(&[]).status.code(), Some(0));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    assert_eq!(Project::new().run(&["check", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn config_errors_exit_2_with_location() {
    let project = Project::new();
    project.write("eventlint.toml", "[lint]\nfail_level = \"error\"\n");
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    assert_eq!(rules(&report), ["load/unknown-key"]);
    assert_eq!(first_location(&report), ("eventlint.toml".to_owned(), 2, 1));
    assert_eq!(report["diagnostics"][0]["help"], "did you mean `fail-level`?");
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let project = Project::new();
    let big = project.path("big.avsc");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(60 * 1024 * 1024).expect("sparse 60 MB file");
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    assert_eq!(rules(&report), ["load/limit-exceeded"]);
    assert_eq!(first_location(&report), ("big.avsc".to_owned(), 1, 1));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_a_located_error() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("dir")).expect("mkdir");
    std::os::unix::fs::symlink(project.path("dir"), project.path("dir/loop")).expect("symlink");
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    assert_eq!(rules(&report), ["load/unreadable-file"]);
    assert_eq!(first_location(&report).0, "dir/loop");
}

#[test]
fn json_report_has_the_documented_fields() {
    let project = Project::new();
    project.write("eventlint.toml", "[limits]\nmax-file-bytes = 10\n");
    project.write("a.avsc", "\"string\"         ");
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    assert_eq!(report["schema"], "eventlint.check/v1");
    assert_eq!(report["summary"]["exit_code"], 2);
    let diagnostic = &report["diagnostics"][0];
    for field in [
        "kind",
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "range",
        "labels",
        "logical_path",
        "path",
        "help",
        "fingerprint",
        "subject",
        "url",
    ] {
        assert!(diagnostic.get(field).is_some(), "missing `{field}` in {diagnostic}");
    }
    assert_eq!(diagnostic["kind"], "load");
    assert_eq!(diagnostic["fingerprint"].as_str().map(str::len), Some(32));
}

#[test]
fn gitignored_files_are_not_loaded() {
    let project = Project::new();
    project.write(".gitignore", "generated/\n");
    project.write("generated/huge.avsc", vec![b' '; 64]);
    project.write("eventlint.toml", "[limits]\nmax-file-bytes = 10\n");
    let output = project.run(&["check", "--show-files"]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
}

#[test]
fn output_file_is_written_whole() {
    let project = Project::new();
    let output = project.run(&["check", "--output-format", "json", "--output-file", "report.json"]);
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(project.path("report.json")).expect("report written");
    assert!(text.contains("\"eventlint.check/v1\""));
    assert!(!Path::new(&project.path("report.eventlint-tmp")).exists());
}

/// Runs `check --output-format json` and returns the single load-error code with its location.
fn single_load_error(project: &Project) -> (String, (String, u64, u64)) {
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2, "{report:#}");
    let found = rules(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    (found[0].clone(), first_location(&report))
}

#[test]
fn alias_bomb_hits_the_expansion_limit() {
    let project = Project::new();
    let mut text = String::from(
        "eventlint: 1\nmessages: {}\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        text.push_str(&format!("  a{level}: &a{level} [{}]\n", [previous.as_str(); 10].join(", ")));
    }
    project.write("bomb.catalog.yaml", text);
    let (rule, (file, ..)) = single_load_error(&project);
    assert_eq!((rule.as_str(), file.as_str()), ("load/limit-exceeded", "bomb.catalog.yaml"));
}

#[test]
fn deeply_nested_yaml_is_a_limit_error_not_a_stack_overflow() {
    let project = Project::new();
    project.write("deep.catalog.yaml", format!("eventlint: 1\nmessages: {{}}\nx-deep: {}\n", "[".repeat(100_000)));
    let (rule, (file, line, _)) = single_load_error(&project);
    assert_eq!((rule.as_str(), file.as_str(), line), ("load/limit-exceeded", "deep.catalog.yaml", 3));
}

#[test]
fn deeply_nested_json_is_a_limit_error_not_a_stack_overflow() {
    let project = Project::new();
    project.write("deep.avsc", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    let (rule, (file, line, _)) = single_load_error(&project);
    assert_eq!((rule.as_str(), file.as_str(), line), ("load/limit-exceeded", "deep.avsc", 1));
}

#[test]
fn invalid_utf8_is_located() {
    let project = Project::new();
    project.write("bad.catalog.yaml", b"eventlint: 1\nmessages:\n  Caf\xe9: {}\n".as_slice());
    let (rule, location) = single_load_error(&project);
    assert_eq!(rule, "load/yaml-syntax");
    assert_eq!(location, ("bad.catalog.yaml".to_owned(), 3, 6));
}

#[test]
fn schema_path_leaving_the_root_shows_nothing_of_the_target() {
    let project = Project::new();
    project.write(
        "a.catalog.yaml",
        "eventlint: 1\nmessages:\n  Foo:\n    version: 1.0.0\n    schema: ../../../../../../etc/passwd\n",
    );
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    let text = report.to_string();
    assert!(!text.contains("root:"), "leaked the target file: {text}");
    assert!(rules(&report).iter().all(|rule| rule.starts_with("load/")), "{text}");
    assert_eq!(first_location(&report), ("a.catalog.yaml".to_owned(), 5, 13));
}

#[test]
fn all_load_errors_are_reported_together() {
    let project = Project::new();
    project.write("a.catalog.yaml", "eventlint: 1\nmessages:\n  Foo:\n    version: 1.0\n    producer: nobody\n");
    project.write("b.avsc", "{\"type\": \"record\", \"name\": \"B\"}");
    let (code, report) = project.json(&[]);
    assert_eq!(code, 2);
    let found = rules(&report);
    assert_eq!(found, ["load/invalid-value", "load/dangling-reference", "load/avro-invalid-schema"], "{report:#}");
}

#[test]
fn payments_example_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/payments");
    let output = Command::new(env!("CARGO_BIN_EXE_eventlint"))
        .args(["check", ".", "--output-format", "json"])
        .current_dir(&root)
        .output()
        .expect("run eventlint");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let load_errors: Vec<String> = rules(&report).into_iter().filter(|rule| rule.starts_with("load/")).collect();
    assert!(load_errors.is_empty(), "{report:#}");
}

#[test]
fn rule_prints_a_page_and_lists_every_rule() {
    let project = Project::new();
    let page = project.run(&["rule", "clickbait-event"]);
    assert_eq!(page.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&page.stdout).starts_with("# clickbait-event\n"));
    let listing = project.run(&["rule", "--all", "--output-format", "json"]);
    assert_eq!(listing.status.code(), Some(0));
    let all: serde_json::Value = serde_json::from_slice(&listing.stdout).expect("JSON");
    let first = &all.as_array().expect("a list")[0];
    for key in ["name", "category", "default_severity", "recommended", "since", "summary", "docs", "options"] {
        assert!(first.get(key).is_some(), "missing `{key}` in {first}");
    }
}

#[test]
fn every_catalogue_rule_has_a_page_the_schema_version_ones_included() {
    let project = Project::new();
    for name in ["incompatible-change", "rename-without-alias", "version-not-bumped", "no-previous-version"] {
        let page = project.run(&["rule", name]);
        assert_eq!(page.status.code(), Some(0), "{}", String::from_utf8_lossy(&page.stderr));
        assert!(String::from_utf8_lossy(&page.stdout).starts_with(&format!("# {name}\n")));
    }
    let listing = project.run(&["rule", "--all", "--output-format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&listing.stdout).expect("JSON");
    // rules/README.md §2: 94 rules.
    assert_eq!(all.as_array().map(Vec::len), Some(94));
}

#[test]
fn unknown_rule_exits_2_with_a_suggestion() {
    let output = Project::new().run(&["rule", "clickbait-evnt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `clickbait-event`?"));
}

#[test]
fn a_project_named_from_outside_uses_its_own_root() {
    let project = Project::new();
    project
        .write("orders.catalog.yaml", "eventlint: 1\nmessages:\n  Foo: {version: 1.0.0, schema: schemas/Foo.avsc}\n")
        .write("schemas/Foo.avsc", r#"{"type": "record", "name": "Foo", "fields": []}"#);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let path = project.dir.path().to_str().expect("UTF-8 temp path");
    let output = crate::common::eventlint_in(elsewhere.path(), &["check", "--output-format", "json", path])
        .output()
        .expect("run eventlint");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let files: Vec<&str> =
        report["diagnostics"].as_array().expect("diagnostics").iter().filter_map(|d| d["file"].as_str()).collect();
    assert!(!rules(&report).iter().any(|rule| rule.starts_with("load/")), "{report}");
    assert!(files.iter().all(|file| !file.starts_with('/')), "paths stay relative to the project: {files:?}");
}
