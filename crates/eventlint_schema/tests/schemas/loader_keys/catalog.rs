//! The catalog schema and the catalog loader (`eventlint_catalog`) accept the same keys in every mapping.

use eventlint_diagnostics::{Diagnostic, Limits, Sources};
use eventlint_schema::Format;
use serde_json::Value;

use super::assert_same_keys;

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

/// The load diagnostics of `catalog` (JSON is YAML), with every schema file present.
fn load(catalog: &Value) -> Vec<Diagnostic> {
    let mut sources = Sources::default();
    let file = sources.add("full.catalog.yaml", catalog.to_string());
    eventlint_catalog::load_catalogs(&[file], &sources, &Limits::default(), &|_| true).1
}

#[test]
fn catalog_schema_and_loader_accept_the_same_keys_in_every_mapping() {
    assert_same_keys(Format::Catalog, &crate::yaml_as_json(FULL_CATALOG), 26, REJECTED_WITH_HELP, load);
}
