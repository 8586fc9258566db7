//! The playground API: envelopes, UTF-16 columns, compat locations, simulations and rule docs.
//!
//! That it answers what the `eventlint` binary answers is tested beside the binary's tests (`tests/e2e/playground.rs`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Columns, PlaygroundFile, lint_files};

fn file(path: &str, text: &str) -> PlaygroundFile {
    PlaygroundFile { path: path.to_owned(), text: text.to_owned() }
}

/// One `file:line:column-end_line:end_column rule` line per finding, in the given column unit.
fn check(files: &[(&str, &str)], columns: Columns, expect: &str) {
    let report = lint_files(files.iter().map(|(path, text)| file(path, text)).collect(), columns);
    let actual: String = report
        .diagnostics
        .iter()
        .map(|d| {
            let range = d.range.map(|r| format!("{}:{}-{}:{}", r.start.line, r.start.column, r.end.line, r.end.column));
            format!("{}:{} {}\n", d.file.as_deref().unwrap_or("-"), range.unwrap_or_default(), d.rule)
        })
        .collect();
    assert_eq!(actual.trim_end(), expect.trim(), "\nactual:\n{actual}");
}

fn envelope(answer: &str) -> Value {
    serde_json::from_str(answer).expect("every answer is JSON")
}

#[test]
fn utf16_columns_count_code_units_of_astral_characters() {
    let catalog = "eventlint: 1\ndomain: d\nmessages: {}\n\"🦀🦀\": 1\n";
    check(&[("a.catalog.yaml", catalog)], Columns::Utf16, "a.catalog.yaml:4:1-4:7 load/unknown-key");
    check(&[("a.catalog.yaml", catalog)], Columns::CodePoints, "a.catalog.yaml:4:1-4:5 load/unknown-key");
}

#[test]
fn load_errors_of_catalogs_and_schemas_are_located() {
    check(
        &[("a.catalog.yaml", "eventlint: 1\ndomain: d\nmessages: {}\nfoo: 1\n"), ("s/A.avsc", "{\"type\": \"recrd\"}")],
        Columns::Utf16,
        "a.catalog.yaml:4:1-4:4 load/unknown-key\ns/A.avsc:1:10-1:17 load/avro-invalid-schema",
    );
}

#[test]
fn files_get_their_roles() {
    let report = lint_files(
        vec![
            file("c.yaml", "eventlint: 1\ndomain: d\nmessages: {}\n"),
            file("s.yaml", "scenario: x\n"),
            file("n.yaml", "a: 1\n"),
        ],
        Columns::Utf16,
    );
    let roles: Vec<(&str, &str)> = report.files.iter().map(|f| (f.path.as_str(), f.role)).collect();
    assert_eq!(roles, [("c.yaml", "catalog"), ("s.yaml", "scenario"), ("n.yaml", "ignored")]);
}

#[test]
fn lint_answers_an_envelope_with_a_summary() {
    let answer = envelope(&crate::lint(r#"[{"path": "a.catalog.yaml", "text": "eventlint: 1\nfoo: 1\n"}]"#));
    assert_eq!(answer["ok"], true);
    assert_eq!(answer["summary"], serde_json::json!({"errors": 2, "warnings": 0, "infos": 0}));
    let rules: Vec<&Value> = answer["diagnostics"].as_array().expect("a list").iter().map(|d| &d["rule"]).collect();
    assert_eq!(rules, ["load/missing-key", "load/unknown-key"]);
    assert_eq!(
        answer["diagnostics"][1]["range"],
        serde_json::json!({"start": {"line": 2, "column": 1}, "end": {"line": 2, "column": 4}})
    );
}

#[test]
fn malformed_requests_are_errors_not_panics() {
    for request in ["", "{}", "[{\"path\": 1}]", "[{\"path\": \"a\"}]"] {
        let answer = envelope(&crate::lint(request));
        assert_eq!(answer["ok"], false, "{request}");
        assert_eq!(answer["error"]["kind"], "invalid-request", "{request}");
    }
}

#[test]
fn every_engine_is_in_this_build() {
    let capabilities = envelope(&crate::capabilities());
    for engine in ["lint", "compat", "simulate", "rules"] {
        assert_eq!(capabilities[engine], true, "{engine}");
    }
}

#[test]
fn rule_pages_and_the_rule_list() {
    let rules = envelope(&crate::rules());
    let names: Vec<&str> =
        rules["rules"].as_array().expect("rules").iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&"clickbait-event"), "{names:?}");
    assert_eq!(rules["rules"][0].get("docs"), None, "the list leaves the pages out");
    let page = envelope(&crate::rule_docs("clickbait-event"));
    assert_eq!(page["page"], "rules/clickbait-event.md", "{page}");
    assert_eq!(page["rule"]["category"], "modelling", "{page}");
    let markdown = std::fs::read_to_string(workspace_root().join(page["page"].as_str().expect("path"))).expect("page");
    assert!(markdown.starts_with("# clickbait-event"), "the page www/build.sh copies beside the playground");
    let unknown = envelope(&crate::rule_docs("clickbait-events"));
    assert_eq!(unknown["error"]["kind"], "unknown-rule");
    assert_eq!(unknown["error"]["message"], "unknown rule `clickbait-events`; did you mean `clickbait-event`?");
}

fn simulate(scenario: &str, files: &[PlaygroundFile]) -> Value {
    let files: Vec<Value> = files.iter().map(|f| serde_json::json!({"path": f.path, "text": f.text})).collect();
    envelope(&crate::simulate(scenario, &Value::from(files).to_string()))
}

#[test]
fn simulates_the_payments_scenario_with_a_timeline_per_policy() {
    let answer =
        simulate("poison-pill.scenario.yaml", &project_files(&workspace_root().join("examples/payments"), "."));
    assert_eq!(answer["ok"], true, "{answer}");
    assert_eq!(answer["diagnostics"], serde_json::json!([]));
    let runs: Vec<(&str, bool)> = answer["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|run| (run["policy"].as_str().unwrap_or_default(), run["passed"] == true))
        .collect();
    assert_eq!(
        runs,
        [("declared", false), ("stop", true), ("skip", true), ("naive-dlq", true), ("key-parking-dlq", true)]
    );
    assert_eq!(answer["exit_code"], 1);
    for run in answer["runs"].as_array().expect("runs") {
        assert!(run["svg"].as_str().is_some_and(|svg| svg.starts_with("<svg")), "{}", run["svg_error"]);
        assert_eq!(run["report"]["schema"], "eventlint.simulation/v1");
    }
}

#[test]
fn a_scenario_that_names_an_unknown_group_is_a_located_load_error() {
    let catalog = "eventlint: 1\ndomain: d\nmessages: {}\n";
    let scenario = "scenario: 1\ncatalog: c.catalog.yaml\ngroup: nobody\nstream: []\n";
    let answer = simulate("s.scenario.yaml", &[file("c.catalog.yaml", catalog), file("s.scenario.yaml", scenario)]);
    assert_eq!(answer["exit_code"], 2, "{answer}");
    assert_eq!(answer["runs"], serde_json::json!([]));
    let located: Vec<String> = answer["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d["file"].as_str().unwrap_or("-"),
                d["line"],
                d["column"],
                d["rule"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(located, ["s.scenario.yaml:3:8 load/dangling-reference"]);
}

#[test]
fn a_broken_schema_does_not_stop_a_simulation_but_a_broken_catalog_does() {
    let mut files = project_files(&workspace_root().join("examples/payments"), ".");
    let with = |path: &str, edit: &dyn Fn(&str) -> String| -> Vec<PlaygroundFile> {
        files.iter().map(|f| if f.path == path { file(path, &edit(&f.text)) } else { f.clone() }).collect()
    };
    let broken_schema = with("schemas/Money.avsc", &|text| format!("x{text}"));
    let answer = simulate("poison-pill.scenario.yaml", &broken_schema);
    assert_eq!((answer["exit_code"].clone(), answer["runs"].as_array().map(Vec::len)), (1.into(), Some(5)));
    files = with("payments.catalog.yaml", &|text| format!("{text}\nmesages: {{}}\n"));
    let answer = simulate("poison-pill.scenario.yaml", &files);
    assert_eq!(answer["exit_code"], 2);
    assert_eq!(answer["diagnostics"][0]["rule"], "load/unknown-key");
    assert_eq!(answer["runs"], serde_json::json!([]));
}

#[test]
fn simulating_a_file_that_is_not_there_is_an_invalid_request() {
    let answer = simulate("missing.scenario.yaml", &[]);
    assert_eq!(answer["error"]["kind"], "invalid-request");
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// Every file `eventlint check` reads under `root`/`dir`, as playground tabs with `root`-relative paths.
fn project_files(root: &Path, dir: &str) -> Vec<PlaygroundFile> {
    let mut pending = vec![root.join(dir)];
    let mut files = Vec::new();
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).expect("read dir").map(|entry| entry.expect("entry").path()));
        } else if ["avsc", "yaml", "yml"].iter().any(|ext| path.extension().is_some_and(|e| e == *ext)) {
            let relative = path.strip_prefix(root).expect("inside the project").to_string_lossy().replace('\\', "/");
            files.push(file(&relative, &std::fs::read_to_string(&path).expect("read file")));
        }
    }
    files
}

fn example_text(path: &str) -> String {
    std::fs::read_to_string(workspace_root().join("examples/payments").join(path)).expect("example file")
}

fn compat(reader: &str, writer: &str, mode: &str, imports: &[&str]) -> Value {
    let imports: Vec<Value> =
        imports.iter().map(|path| serde_json::json!({"path": path, "text": example_text(path)})).collect();
    envelope(&crate::compat(&example_text(reader), &example_text(writer), mode, &Value::from(imports).to_string()))
}

#[test]
fn compat_locates_each_incompatibility_in_both_schemas() {
    let answer = compat(
        "schemas/PaymentAuthorized.avsc",
        "schemas/history/PaymentAuthorized-2.0.0.avsc",
        "BACKWARD",
        &["schemas/Money.avsc"],
    );
    assert_eq!((answer["ok"].clone(), answer["compatible"].clone()), (true.into(), false.into()), "{answer}");
    let found = &answer["checks"][0]["incompatibilities"][0];
    assert_eq!(found["type"], "READER_FIELD_MISSING_DEFAULT_VALUE");
    assert_eq!(found["reader_range"]["file"], "reader");
    assert_eq!(found["reader_range"]["range"]["start"]["line"], 13);
    assert_eq!(found["writer_range"]["file"], "writer");
}

#[test]
fn compat_of_a_schema_that_does_not_load_answers_its_load_errors() {
    let answer = envelope(&crate::compat(
        "{\"type\": \"record\", \"name\": \"A\", \"fields\": [{\"name\": \"m\", \"type\": \"Money\"}]}",
        "\"int\"",
        "FULL",
        "[]",
    ));
    assert_eq!(answer["compatible"], Value::Null);
    let located: Vec<(&Value, &Value)> =
        answer["diagnostics"].as_array().expect("diagnostics").iter().map(|d| (&d["file"], &d["rule"])).collect();
    assert_eq!(located, [(&Value::from("reader"), &Value::from("load/avro-invalid-schema"))]);
    assert_eq!(envelope(&crate::compat("\"int\"", "\"int\"", "SIDEWAYS", "[]"))["error"]["kind"], "invalid-request");
}
