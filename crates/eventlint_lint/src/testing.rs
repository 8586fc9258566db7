//! Test support: in-memory workspaces from a catalog and `.avsc` texts, the rule-catalogue header, and the
//! shorthand of rules/README.md §3.3 (`fields:`) turned into real schemas.

use eventlint_diagnostics::{Limits, Sources, render_concise, resolve_all};
use eventlint_yaml::{NodeKind, YamlNode};
use serde_json::{Map, Value, json};

use eventlint_config::{Config, ConfigFile};
use eventlint_project::{BaseInputs, InputFile, Project, ProjectOptions, load_project_with_base};

use crate::{CliSelection, LintResult, Settings, lint_project};

/// The header every catalogue example starts with (rules/README.md §3.3), with the file `owner` its examples assume.
pub(crate) const HEADER: &str = "eventlint: 1
domain: shipping
owner: team-shipping
defaults: {compatibility: BACKWARD_TRANSITIVE, subjectStrategy: TopicRecordNameStrategy}
services:
  shipping:   {domain: shipping,  owner: team-shipping}
  dispatcher: {domain: shipping,  owner: team-shipping}
  billing:    {domain: billing,   owner: team-billing, consumerGroups: {billing-shipments: {}}}
  crm:        {domain: customer,  owner: team-crm}
  reporting:  {domain: analytics, owner: team-data}
topics:
  shipping.events:     {partitions: 12, key: shipmentId, visibility: public, compatibility: FULL_TRANSITIVE}
  shipping.events.dlq: {partitions: 12}
  shipping.internal:   {partitions: 12, key: shipmentId, visibility: internal}
  shipping.commands:   {partitions: 6,  key: shipmentId}
  billing.events:      {partitions: 6,  key: customerId, visibility: public, owner: team-billing}
";

/// A loaded in-memory project, with the files it was loaded from (to load it again with a base).
pub(crate) struct Workspace {
    project: Project,
    files: Vec<(String, String)>,
}

impl std::ops::Deref for Workspace {
    type Target = Project;

    fn deref(&self) -> &Project {
        &self.project
    }
}

impl Workspace {
    /// Loads `files` (path, text) with the project assembly the CLI uses. Panics on load errors.
    pub(crate) fn load(files: &[(String, String)]) -> Workspace {
        Workspace::load_with_base(files, None)
    }

    /// This workspace compared with `base`, as `eventlint check --against` loads them (the base's files under `base:`).
    pub(crate) fn with_base(&self, base: &Workspace) -> Workspace {
        Workspace::load_with_base(&self.files, Some(&base.files))
    }

    fn load_with_base(files: &[(String, String)], base_files: Option<&[(String, String)]>) -> Workspace {
        let inputs = |files: &[(String, String)]| -> Vec<InputFile> {
            files
                .iter()
                .map(|(path, text)| InputFile { path: path.clone(), contents: Ok(text.clone().into_bytes()) })
                .collect()
        };
        let nothing_else = |_: &str| None;
        let base = base_files.map(|base_files| BaseInputs {
            label: "base".to_owned(),
            prefix: "base:".to_owned(),
            files: inputs(base_files),
            read_extra: &nothing_else,
        });
        let options = ProjectOptions { limits: Limits::default() };
        let (project, errors) = load_project_with_base(inputs(files), &nothing_else, base, &options);
        let rendered: Vec<String> = resolve_all(&project.sources, &errors, false).iter().map(render_concise).collect();
        assert!(errors.is_empty(), "load errors:\n{}", rendered.join("\n"));
        Workspace { project, files: files.to_vec() }
    }

    /// Lints as `eventlint check` does, the schema-version findings included.
    pub(crate) fn lint(&self, settings: &Settings) -> LintResult {
        lint_project(&self.project, settings, None)
    }

    /// One line per finding: `severity[rule] message`, then its notes indented.
    pub(crate) fn render(&self, result: &LintResult) -> String {
        let mut out = String::new();
        for finding in resolve_all(&self.sources, &result.diagnostics, false) {
            let location = finding.range.map_or(String::new(), |r| {
                format!("{}:{}:{} ", finding.file.clone().unwrap_or_default(), r.start.line, r.start.column)
            });
            out.push_str(&format!("{location}{}[{}] {}\n", finding.severity.as_str(), finding.rule, finding.message));
            for note in &finding.notes {
                out.push_str(&format!("  = {note}\n"));
            }
        }
        out
    }
}

/// Builds a workspace from catalogue shorthand: one message per line under `messages:` (with `fields:` and
/// `record:`), trailing comments kept; each message gets a real `.avsc`. `extra` is appended to the catalog.
pub(crate) fn shorthand(messages: &str, extra: &str) -> Vec<(String, String)> {
    shorthand_on(HEADER, messages, extra)
}

/// [`shorthand`] on another header (see [`header_with`]).
pub(crate) fn shorthand_on(header: &str, messages: &str, extra: &str) -> Vec<(String, String)> {
    let mut catalog = format!("{header}{extra}messages:\n");
    let mut files = Vec::new();
    for line in messages.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if line.starts_with('#') {
            catalog.push_str(&format!("  {line}\n"));
            continue;
        }
        let (body, comment) = split_comment(line);
        let mut sources = Sources::new();
        let id = sources.add("line.yaml", body.to_owned());
        let (root, errors) = eventlint_yaml::parse(id, body, &Limits::default());
        assert!(errors.is_empty(), "bad shorthand line: {line}");
        let Some((name, value)) = root.as_ref().and_then(|r| r.as_map()).and_then(|m| m.first()) else {
            panic!("bad shorthand line: {line}")
        };
        let name = name.as_str().unwrap_or_default().to_owned();
        let Value::Object(mut entry) = to_json(value) else { panic!("bad shorthand line: {line}") };
        let path = format!("schemas/{}.avsc", pascal(&name));
        files.push((path.clone(), schema_of(&name, &mut entry)));
        if let Some(Value::Array(history)) = entry.get_mut("history") {
            for version in history.iter_mut().filter_map(Value::as_object_mut) {
                let number = version.get("version").and_then(Value::as_str).unwrap_or_default().to_owned();
                let old_path = format!("schemas/history/{}-{number}.avsc", pascal(&name));
                files.push((old_path.clone(), schema_of(&name, version)));
                version.insert("schema".into(), json!(old_path));
            }
        }
        entry.entry("version").or_insert(json!("1.0.0"));
        entry.entry("producer").or_insert(json!("shipping"));
        entry.entry("topic").or_insert(json!("shipping.events"));
        entry.insert("schema".into(), json!(path));
        catalog.push_str(&format!("  {name}: {}{comment}\n", Value::Object(entry)));
    }
    files.insert(0, ("catalog.yaml".to_owned(), catalog));
    files
}

/// The `.avsc` text of a shorthand entry (a message or one of its `history` versions), taking its `fields:` and
/// `record:` keys out of the entry.
fn schema_of(message: &str, entry: &mut Map<String, Value>) -> String {
    let fields = entry.remove("fields").unwrap_or_else(|| json!({}));
    let record = entry.remove("record").unwrap_or_else(|| json!({}));
    let record_name = record.get("name").and_then(Value::as_str).map_or_else(|| pascal(message), str::to_owned);
    avsc(&record_name, &fields, &record)
}

/// The header with the overrides of a catalogue example: `group` becomes the settings of `billing-shipments` (the
/// `group:` abbreviation of rules/README.md §3.3), and each `name: value` line of `services` and `topics` replaces
/// the header's entry of that name or is added to its section.
pub(crate) fn header_with(group: &str, services: &[&str], topics: &[&str]) -> String {
    let mut lines: Vec<String> = HEADER.lines().map(str::to_owned).collect();
    for (section, entries) in [("services:", services), ("topics:", topics)] {
        for entry in entries {
            let name = entry.split(':').next().unwrap_or_default().trim();
            let start = lines.iter().position(|line| line == section).expect("header section");
            let end = lines[start + 1..]
                .iter()
                .position(|line| !line.starts_with("  "))
                .map_or(lines.len(), |i| start + 1 + i);
            let line = format!("  {entry}");
            match lines[start + 1..end].iter().position(|line| line.trim_start().starts_with(&format!("{name}:"))) {
                Some(index) => lines[start + 1 + index] = line,
                None => lines.insert(end, line),
            }
        }
    }
    let mut header = lines.join("\n") + "\n";
    if !group.is_empty() {
        header = header.replace("billing-shipments: {}", &format!("billing-shipments: {group}"));
    }
    header
}

fn split_comment(line: &str) -> (&str, String) {
    match line.find("  #").or_else(|| line.find(" # eventlint")) {
        Some(index) => (line[..index].trim_end(), format!("  {}", line[index..].trim())),
        None => (line, String::new()),
    }
}

fn pascal(name: &str) -> String {
    name.split(['-', '_', '.'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

fn to_json(node: &YamlNode) -> Value {
    match node.kind() {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => json!(b),
        NodeKind::Int { value, .. } => json!(value),
        NodeKind::Float { value, .. } => json!(value),
        NodeKind::Str(text) => json!(text),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries.iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), to_json(v))).collect(),
        ),
    }
}

/// A record schema from shorthand fields and `record:` attributes (`namespace: null` drops the namespace); named
/// types it mentions are defined inline on first use.
fn avsc(record_name: &str, fields: &Value, record: &Value) -> String {
    let (namespace, name) = match record_name.rsplit_once('.') {
        Some((namespace, name)) => (json!(namespace), name.to_owned()),
        None => (json!("com.acme.shipping"), record_name.to_owned()),
    };
    let mut defined = Vec::new();
    let fields: Vec<Value> = fields
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .map(|(field, ty)| {
                    let mut object = Map::new();
                    object.insert("name".into(), json!(field));
                    match ty {
                        Value::Object(full) if is_field_object(full) => {
                            for (key, value) in full {
                                let value = if key == "type" { avro_type(value, &mut defined) } else { value.clone() };
                                object.insert(key.clone(), value);
                            }
                        }
                        _ => {
                            let converted = avro_type(ty, &mut defined);
                            if converted.as_array().is_some_and(|branches| branches.first() == Some(&json!("null"))) {
                                object.insert("default".into(), Value::Null);
                            }
                            object.insert("type".into(), converted);
                        }
                    }
                    // Catalogue examples are about names and shapes; their fields count as documented.
                    object.entry("doc").or_insert(json!("test"));
                    Value::Object(object)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut schema = json!({"type": "record", "name": name, "namespace": namespace, "doc": "test", "fields": fields});
    if let (Some(schema), Some(record)) = (schema.as_object_mut(), record.as_object()) {
        schema.extend(record.iter().filter(|(key, _)| *key != "name").map(|(key, value)| (key.clone(), value.clone())));
        if schema.get("namespace") == Some(&Value::Null) {
            schema.remove("namespace");
        }
    }
    schema.to_string()
}

/// A full field object (`{type: string, classification: pii}`), as opposed to a complex type written inline.
fn is_field_object(object: &Map<String, Value>) -> bool {
    let complex = ["record", "enum", "fixed", "array", "map"];
    object.get("type").and_then(Value::as_str).is_some_and(|ty| !complex.contains(&ty)) && object.len() > 1
}

fn avro_type(ty: &Value, defined: &mut Vec<String>) -> Value {
    match ty {
        Value::Array(branches) => Value::Array(branches.iter().map(|b| avro_type(b, defined)).collect()),
        Value::Null => json!("null"),
        Value::Object(_) => ty.clone(),
        Value::String(text) => {
            let text = text.as_str();
            if let Some(args) = text.strip_prefix("decimal(").and_then(|rest| rest.strip_suffix(')')) {
                let (precision, scale) = args.split_once(',').unwrap_or((args, "0"));
                return json!({"type": "bytes", "logicalType": "decimal", "precision": precision.trim().parse::<u32>().unwrap_or(10), "scale": scale.trim().parse::<u32>().unwrap_or(0)});
            }
            match text {
                "null" | "boolean" | "int" | "long" | "float" | "double" | "bytes" | "string" => json!(text),
                "timestamp-millis"
                | "timestamp-micros"
                | "timestamp-nanos"
                | "local-timestamp-millis"
                | "local-timestamp-micros"
                | "time-micros" => {
                    json!({"type": "long", "logicalType": text})
                }
                "date" | "time-millis" => json!({"type": "int", "logicalType": text}),
                "uuid" => json!({"type": "string", "logicalType": "uuid"}),
                named if defined.iter().any(|d| d == named) => json!(named),
                named => {
                    defined.push(named.to_owned());
                    if ["Status", "Kind", "Type"].iter().any(|suffix| named.ends_with(suffix)) {
                        json!({"type": "enum", "name": named, "symbols": ["UNKNOWN", "FIRST", "SECOND"], "default": "UNKNOWN", "doc": "test"})
                    } else {
                        json!({"type": "record", "name": named, "fields": [{"name": "code", "type": "string", "doc": "test"}], "doc": "test"})
                    }
                }
            }
        }
        _ => json!("string"),
    }
}

/// Settings from an `eventlint.toml` text, with the selection narrowed to `rule` plus whatever the
/// configuration's `extend-select` adds.
pub(crate) fn settings(rule: &str, config_text: Option<&str>) -> Settings {
    let mut config = Config::default();
    if let Some(text) = config_text {
        let mut sources = Sources::new();
        let file = sources.add("eventlint.toml", text.to_owned());
        let (parsed, errors) = ConfigFile::parse(file, text, "");
        assert!(errors.is_empty(), "{errors:?}");
        let errors = parsed.apply_to(&mut config);
        assert!(errors.is_empty(), "{errors:?}");
    }
    config.select = None;
    let cli = CliSelection { select: Some(vec![rule.to_owned()]), ..CliSelection::default() };
    let (settings, errors) = Settings::new(&config, &cli);
    assert!(errors.is_empty(), "{errors:?}");
    settings
}

/// Asserts the rendered findings of one rule over shorthand messages.
#[track_caller]
pub(crate) fn check(rule: &str, messages: &str, expect: &str) {
    check_with(rule, "", messages, expect);
}

/// Asserts the rendered findings of one rule over shorthand messages, under an `eventlint.toml`.
#[track_caller]
pub(crate) fn check_with(rule: &str, config: &str, messages: &str, expect: &str) {
    check_files(rule, config, &shorthand(messages, ""), expect);
}

/// Asserts the rendered findings of one rule over shorthand messages on a header with overrides ([`header_with`]);
/// `extra` (constraints, say) goes before the messages.
#[track_caller]
pub(crate) fn check_on(rule: &str, header: &str, extra: &str, messages: &str, expect: &str) {
    check_files(rule, "", &shorthand_on(header, messages, extra), expect);
}

#[track_caller]
fn check_files(rule: &str, config: &str, files: &[(String, String)], expect: &str) {
    let workspace = Workspace::load(files);
    let config = (!config.is_empty()).then_some(config);
    let actual = workspace.render(&workspace.lint(&settings(rule, config)));
    let expect: String =
        expect.lines().map(str::trim_start).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let actual_trimmed: String = actual.lines().map(str::trim_start).map(|l| format!("{l}\n")).collect();
    assert_eq!(actual_trimmed, expect, "\nactual:\n{actual}");
}

/// Asserts the rendered findings of one rule over shorthand messages plus catalog sections (`views:`, …).
#[track_caller]
pub(crate) fn check_extra(rule: &str, extra: &str, messages: &str, expect: &str) {
    let workspace = Workspace::load(&shorthand(messages, extra));
    let actual = workspace.render(&workspace.lint(&settings(rule, None)));
    let expect: String =
        expect.lines().map(str::trim_start).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let actual_trimmed: String = actual.lines().map(str::trim_start).map(|l| format!("{l}\n")).collect();
    assert_eq!(actual_trimmed, expect, "\nactual:\n{actual}");
}

/// Full settings (default selection) from an `eventlint.toml` text.
pub(crate) fn settings_for(toml: &str) -> Settings {
    let mut config = Config::default();
    let mut sources = Sources::new();
    let file = sources.add("eventlint.toml", toml.to_owned());
    let (parsed, errors) = ConfigFile::parse(file, toml, "");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(parsed.apply_to(&mut config).is_empty());
    let (settings, errors) = Settings::new(&config, &CliSelection::default());
    assert!(errors.is_empty(), "{errors:?}");
    settings
}
