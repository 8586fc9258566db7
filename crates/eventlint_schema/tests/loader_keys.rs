//! The catalog schema and the catalog loader accept the same keys in every mapping: a probe key is added to each
//! mapping of a full catalog, and the loader's "known keys here" list must equal the schema's `properties`.

use std::collections::BTreeSet;

use eventlint_diagnostics::{Limits, Sources};
use eventlint_schema::Format;
use serde_json::{Value, json};

/// Every mapping of the catalog format, written out once.
const FULL_CATALOG: &str = r#"
eventlint: 1
domain: payments
owner: team-payments
defaults: { compatibility: BACKWARD, subjectStrategy: TopicNameStrategy, partitioner: murmur2, visibility: internal, delivery: at-least-once, schemaFormat: avro, category: domain }
services:
  ledger:
    owner: team-ledger
    domain: ledger
    summary: books payments
    external: false
    repository: https://example.com/ledger
    producer: { idempotent: true, maxInFlight: 5, client: java, partitioner: murmur2, outbox: false }
    consumerGroups:
      ledger-payments:
        instances: 2
        assignor: range
        processing: partition
        delivery: at-least-once
        idempotent: true
        commit: { every: 1, onRevoke: true }
        maxPollInterval: 5m
        sessionTimeout: 45s
        retry: { mode: blocking, maxAttempts: 3, backoff: { type: fixed, initial: 1s, increment: 1s, multiplier: 2, max: 1m }, topics: [] }
        onExhausted: dlq
        dlq: { topic: payments.dlq, partition: same, parkByKey: true, parkStore: durable, parkTopic: payments.park, unpark: manual, replay: { owner: team-ledger, via: in-place, order: dlq-offset } }
topics:
  payments.events.v1: { summary: s, owner: ledger, partitions: 3, key: paymentId, keySchema: k.avsc, partitioner: murmur2, compatibility: BACKWARD, subjectStrategy: TopicNameStrategy, visibility: public, compacted: false, retention: 7d }
  payments.dlq: {}
  payments.park: {}
messages:
  PaymentInitiated:
    kind: event
    version: 2.0.0
    summary: s
    description: d
    owner: ledger
    visibility: public
    category: domain
    producer: ledger
    consumers: [{ service: ledger, group: ledger-payments, ordering: per-key, fields: [paymentId] }]
    topic: payments.events.v1
    key: paymentId
    schema: a.avsc
    schemaFormat: avro
    history: [{ version: 1.0.0, schema: a1.avsc, topic: payments.events.v1, imports: [] }]
    triggeredBy: [Pay]
    emits: []
    replyTo: Pay
    deprecated: { since: 2.0.0, replacedBy: Pay, message: m }
    draft: { message: m }
    tags: [t]
    links: { asyncapi: a, eventcatalog: e, registry: r, docs: d, cloudevents: { type: t, source: s } }
  Pay: { kind: command, version: 1.0.0 }
constraints:
  lifecycle: { summary: s, key: paymentId, consumers: [ledger-payments], fsm: { start: [PaymentInitiated], next: {} } }
  order: { key: paymentId, precedes: { first: Pay, then: PaymentInitiated } }
views:
  Balance: { service: ledger, question: q, from: PaymentInitiated, summary: s }
automations:
  Book: { service: ledger, when: PaymentInitiated, reads: Balance, issues: Pay, summary: s }
screens:
  Checkout: { actor: customer, issues: Pay, shows: Balance }
"#;

/// Keys the loader reads only to reject them with a tailored help (catalog-format §4.3, §9).
const REJECTED_WITH_HELP: &[&str] = &["idempotent", "on", "scenario"];

const PROBE: &str = "zzProbe";

fn yaml_as_json(text: &str) -> Value {
    let (root, diagnostics) = eventlint_yaml::parse(eventlint_diagnostics::FileId(0), text, &Limits::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    fn convert(node: &eventlint_yaml::YamlNode) -> Value {
        use eventlint_yaml::NodeKind;
        match node.kind() {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(flag) => json!(flag),
            NodeKind::Int { value, .. } => json!(value),
            NodeKind::Float { value, .. } => json!(value),
            NodeKind::Str(text) => json!(text),
            NodeKind::Seq(items) => Value::Array(items.iter().map(convert).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries.iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), convert(v))).collect(),
            ),
        }
    }
    convert(&root.unwrap())
}

/// The load diagnostics of `catalog` (JSON is YAML), with every schema file present.
fn load(catalog: &Value) -> Vec<eventlint_diagnostics::Diagnostic> {
    let mut sources = Sources::default();
    let file = sources.add("full.catalog.yaml", serde_json::to_string(catalog).unwrap());
    eventlint_catalog::load_catalogs(&[file], &sources, &Limits::default(), &|_| true).1
}

/// The keys the loader names as known where the probe is.
fn loader_keys(catalog: &Value) -> Result<BTreeSet<String>, String> {
    let diagnostics = load(catalog);
    let probe = diagnostics
        .iter()
        .find(|d| d.code == "load/unknown-key" && d.message.contains(PROBE))
        .ok_or_else(|| format!("no unknown-key for the probe: {diagnostics:#?}"))?;
    let note = probe.notes.iter().find_map(|n| n.strip_prefix("known keys here: ")).ok_or("no known-keys note")?;
    Ok(note.split(", ").map(|k| k.trim_matches('`').to_owned()).collect())
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

/// Every mapping of `value` (as JSON pointers) whose schema lists its keys.
fn closed_mappings(root: &Value, schema: &Value, value: &Value, pointer: String, found: &mut Vec<String>) {
    match value {
        Value::Object(entries) => {
            if mapping_schema(root, schema).get("properties").is_some() {
                found.push(pointer.clone());
            }
            for (key, item) in entries {
                closed_mappings(root, child(root, schema, key), item, format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                closed_mappings(
                    root,
                    child(root, schema, &index.to_string()),
                    item,
                    format!("{pointer}/{index}"),
                    found,
                );
            }
        }
        _ => {}
    }
}

fn schema_keys(root: &Value, pointer: &str) -> BTreeSet<String> {
    let mut schema = root;
    for key in pointer.split('/').skip(1) {
        schema = child(root, schema, key);
    }
    mapping_schema(root, schema)["properties"].as_object().unwrap().keys().cloned().collect()
}

#[test]
fn schema_and_loader_accept_the_same_keys_in_every_mapping() {
    let schema: Value = serde_json::from_str(&Format::Catalog.schema_json()).unwrap();
    let catalog = yaml_as_json(FULL_CATALOG);
    let unknown: Vec<_> = load(&catalog).into_iter().filter(|d| d.code == "load/unknown-key").collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
    let mut mappings = Vec::new();
    closed_mappings(&schema, &schema, &catalog, String::new(), &mut mappings);
    assert!(mappings.len() > 25, "{mappings:?}");
    let mut mismatches = Vec::new();
    for pointer in &mappings {
        let mut probed = catalog.clone();
        probed.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert(PROBE.to_owned(), json!(1));
        let expected = schema_keys(&schema, pointer);
        // A key the loader reads only to reject it is no key of the schema.
        let found = loader_keys(&probed).map(|keys| {
            keys.into_iter().filter(|k| expected.contains(k) || !REJECTED_WITH_HELP.contains(&k.as_str())).collect()
        });
        match found {
            Ok(found) if found == expected => {}
            Ok(found) => mismatches.push(format!(
                "{pointer}: only the schema has {:?}, only the loader has {:?}",
                expected.difference(&found).collect::<Vec<_>>(),
                found.difference(&expected).collect::<Vec<_>>()
            )),
            Err(error) => mismatches.push(format!("{pointer}: {error}")),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
