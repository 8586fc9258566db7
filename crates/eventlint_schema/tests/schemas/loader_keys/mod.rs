//! Each JSON Schema and its loader accept the same keys in every mapping: a probe key is added to each mapping of a
//! full document, and the loader's "known keys here" note must list exactly the schema's `properties` there; where
//! the schema takes any key (names, free-form options), the loader must take the probe too.

mod catalog;
mod config;
mod scenario;

use std::collections::BTreeSet;

use eventlint_diagnostics::Diagnostic;
use eventlint_schema::Format;
use serde_json::{Value, json};

const PROBE: &str = "zzProbe";

/// Probes every mapping of `document`, of which at least `min_mappings` have a schema that lists its keys (so a
/// document that lost its mappings fails). `load` returns a document's load diagnostics; `rejected_with_help` are
/// keys the loader reads only to reject them with a tailored help, which the schema rightly leaves out.
pub fn assert_same_keys(
    format: Format,
    document: &Value,
    min_mappings: usize,
    rejected_with_help: &[&str],
    load: impl Fn(&Value) -> Vec<Diagnostic>,
) {
    let schema: Value = serde_json::from_str(&format.schema_json()).unwrap();
    let unknown: Vec<_> = load(document).into_iter().filter(|d| d.code == "load/unknown-key").collect();
    assert!(unknown.is_empty(), "the full document has unknown keys: {unknown:#?}");
    let mut mappings = Vec::new();
    every_mapping(&schema, &schema, document, String::new(), &mut mappings);
    let closed = mappings.iter().filter(|(_, keys)| keys.is_some()).count();
    assert!(closed >= min_mappings, "{closed} mappings whose schema lists its keys: {mappings:?}");
    let mut mismatches = Vec::new();
    for (pointer, expected) in &mappings {
        let mut probed = document.clone();
        probed.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert(PROBE.to_owned(), json!(1));
        let found = loader_keys(&load(&probed));
        let Some(expected) = expected else {
            // The schema takes any key here (names, free-form options); so must the loader.
            if let Ok(Some(found)) = found {
                mismatches.push(format!("{pointer}: the schema takes any key, the loader only {found:?}"));
            }
            continue;
        };
        // A key the loader reads only to reject it is no key of the schema.
        let found = found.and_then(|keys| keys.ok_or_else(|| "no unknown-key for the probe".to_owned()));
        match found.map(|keys| {
            keys.into_iter().filter(|k| expected.contains(k) || !rejected_with_help.contains(&k.as_str())).collect()
        }) {
            Ok(found) if &found == expected => {}
            Ok(found) => mismatches.push(format!(
                "{pointer}: only the schema has {:?}, only the loader has {:?}",
                expected.difference(&found).collect::<Vec<_>>(),
                found.difference(expected).collect::<Vec<_>>()
            )),
            Err(error) => mismatches.push(format!("{pointer}: {error}")),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The keys the loader names as known where the probe is; `None` when it takes the probe.
fn loader_keys(diagnostics: &[Diagnostic]) -> Result<Option<BTreeSet<String>>, String> {
    let Some(probe) = diagnostics.iter().find(|d| d.code == "load/unknown-key" && d.message.contains(PROBE)) else {
        return Ok(None);
    };
    let note = probe.notes.iter().find_map(|n| n.strip_prefix("known keys here: ")).ok_or("no known-keys note")?;
    Ok(Some(note.split(", ").map(|k| k.trim_matches('`').to_owned()).collect()))
}

/// `schema` with its `$ref` followed and, of a union, the mapping variant.
fn mapping_schema<'s>(root: &'s Value, mut schema: &'s Value) -> &'s Value {
    loop {
        if let Some(reference) = schema["$ref"].as_str() {
            schema = root.pointer(reference.trim_start_matches('#')).unwrap();
        } else if let Some(variants) = schema["oneOf"].as_array() {
            let Some(mapping) = variants
                .iter()
                .map(|v| mapping_schema(root, v))
                .find(|v| v["type"] == "object" || v["type"][0] == "object")
            else {
                return schema;
            };
            schema = mapping;
        } else {
            return schema;
        }
    }
}

fn child<'s>(root: &'s Value, schema: &'s Value, key: &str) -> &'s Value {
    let schema = mapping_schema(root, schema);
    let child = if key.parse::<usize>().is_ok() && schema.get("items").is_some() {
        &schema["items"]
    } else if let Some(property) = schema["properties"].get(key) {
        property
    } else {
        &schema["additionalProperties"]
    };
    mapping_schema(root, child)
}

/// Every mapping of `value` as a JSON pointer, with the keys its schema lists (`None`: the schema takes any key).
fn every_mapping(
    root: &Value,
    schema: &Value,
    value: &Value,
    pointer: String,
    found: &mut Vec<(String, Option<BTreeSet<String>>)>,
) {
    match value {
        Value::Object(entries) => {
            let keys =
                mapping_schema(root, schema)["properties"].as_object().map(|keys| keys.keys().cloned().collect());
            found.push((pointer.clone(), keys));
            for (key, item) in entries {
                every_mapping(root, child(root, schema, key), item, format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                every_mapping(root, child(root, schema, &index.to_string()), item, format!("{pointer}/{index}"), found);
            }
        }
        _ => {}
    }
}
