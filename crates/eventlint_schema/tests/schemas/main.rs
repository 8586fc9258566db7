//! The committed schemas under `schemas/` are current, every example validates against its schema, and each schema
//! accepts the keys its loader accepts (`loader_keys`).

mod loader_keys;

use std::path::{Path, PathBuf};

use eventlint_diagnostics::{FileId, Limits};
use eventlint_schema::Format;
use eventlint_yaml::{NodeKind, YamlNode, parse};
use serde_json::{Map, Value, json};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Set `UPDATE_SCHEMAS=1` to rewrite the committed copies.
#[test]
fn committed_schemas_are_current() {
    let mut stale = Vec::new();
    for format in Format::ALL {
        let path = repo_root().join("schemas").join(format.file_name());
        let generated = format.schema_json();
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(format.file_name());
        }
    }
    assert!(stale.is_empty(), "stale schemas {stale:?}: run `UPDATE_SCHEMAS=1 cargo test -p eventlint_schema`");
}

fn to_json(node: &YamlNode) -> Value {
    match node.kind() {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(flag) => json!(flag),
        NodeKind::Int { value, .. } => json!(value),
        NodeKind::Float { value, .. } => json!(value),
        NodeKind::Str(text) => json!(text),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| (key.as_str().unwrap_or_default().to_owned(), to_json(value)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn yaml_as_json(text: &str) -> Value {
    let (root, diagnostics) = parse(FileId(0), text, &Limits::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    to_json(&root.unwrap())
}

/// The validation errors of `instance` against the schema of `format`, as `pointer: message` lines.
fn errors(format: Format, instance: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(&format.schema_json()).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    validator.iter_errors(instance).map(|error| format!("{}: {error}", error.instance_path)).collect()
}

fn examples(suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in std::fs::read_dir(repo_root().join("examples")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    assert!(!found.is_empty(), "no `*{suffix}` under examples/");
    found
}

#[test]
fn example_catalogs_and_scenarios_validate() {
    for (suffix, format) in [(".catalog.yaml", Format::Catalog), (".scenario.yaml", Format::Scenario)] {
        for path in examples(suffix) {
            let instance = yaml_as_json(&std::fs::read_to_string(&path).unwrap());
            assert_eq!(errors(format, &instance), Vec::<String>::new(), "{}", path.display());
        }
    }
}

#[test]
fn repository_config_sample_validates() {
    let sample = include_str!("../../../eventlint_cli/src/init/eventlint.toml");
    let instance = serde_json::to_value(toml::from_str::<toml::Table>(sample).unwrap()).unwrap();
    assert_eq!(errors(Format::Config, &instance), Vec::<String>::new());
}

/// One catalog snippet against the catalog schema: the expected error lines (empty: valid).
fn check(format: Format, yaml: &str, expect: &[&str]) {
    let found = errors(format, &yaml_as_json(yaml));
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, expect, "{yaml}");
}

const HEAD: &str = "eventlint: 1\n";

#[test]
fn catalog_schema_is_structural() {
    let catalog = |body: &str| format!("{HEAD}{body}");
    check(Format::Catalog, &catalog("messages: {}\nx-team: payments\n"), &[]);
    check(
        Format::Catalog,
        &catalog("messages: {}\nextras: 1\n"),
        &[": Additional properties are not allowed ('extras' was unexpected)"],
    );
    check(
        Format::Catalog,
        &catalog("messages:\n  A: { version: 1.0.0, kind: evnt }\n"),
        &["/messages/A/kind: \"evnt\" is not one of \"event\", \"command\" or 3 other candidates"],
    );
    check(
        Format::Catalog,
        &catalog(
            "messages:\n  A:\n    version: 1.0.0\n    consumers: [ledger, { service: audit, ordering: per-key }]\n",
        ),
        &[],
    );
    check(
        Format::Catalog,
        &catalog("messages:\n  A: { version: 1.0.0, consumers: [{ group: g }] }\n"),
        &[
            "/messages/A/consumers/0: {\"group\":\"g\"} is not valid under any of the schemas listed in the 'oneOf' keyword",
        ],
    );
    check(
        Format::Catalog,
        &catalog("messages:\n  x-A: { version: 1.0.0 }\n"),
        &["/messages: {\"pattern\":\"^x-\"} is not allowed for \"x-A\""],
    );
    check(
        Format::Catalog,
        &catalog("messages: {}\ntopics:\n  t: { retention: forever, partitions: 0 }\n"),
        &["/topics/t/partitions: 0 is less than the minimum of 1"],
    );
}

#[test]
fn scenario_schema_is_structural() {
    let scenario = "scenario: 1\ncatalog: c.catalog.yaml\ngroup: g\n";
    check(Format::Scenario, &format!("{scenario}stream: []\n"), &[]);
    check(
        Format::Scenario,
        &format!("{scenario}run: {{ policies: [stop, parking] }}\n"),
        &["/run/policies/1: \"parking\" is not one of \"declared\", \"stop\" or 5 other candidates"],
    );
}
