//! The ordering rules rendered in full on one catalog that trips most of them, so reviewers see every span, label,
//! help and note as a user would (one group with every risky setting, a reordering producer, a librdkafka producer,
//! a small same-partition DLQ).

use crate::registry::RULES;
use crate::rule::Category;
use crate::testing::{Workspace, settings_for};

const CATALOG: &str = "eventlint: 1
domain: shipping
owner: team-shipping
services:
  shipping: {producer: {idempotent: false, maxInFlight: 5}}
  dispatcher: {producer: {client: librdkafka}}
  billing:
    consumerGroups:
      billing-shipments:
        maxPollInterval: 45s
        retry: {mode: topics, maxAttempts: 3, backoff: {type: fixed, initial: 30s}}
        onExhausted: dlq
        dlq: {topic: shipping.events.dlq, parkByKey: true, parkStore: in-memory, unpark: at-fix-time, replay: {via: republish}}
topics:
  shipping.events: {partitions: 12, key: shipmentId}
  shipping.events.dlq: {partitions: 3}
messages:
  ShipmentDispatched:
    version: 1.0.0
    producer: [shipping, dispatcher]
    topic: shipping.events
    consumers: [{service: billing, ordering: per-key}]
";

#[test]
fn ordering_findings_render_with_their_labels() {
    let workspace = Workspace::load(&[("catalog.yaml".to_owned(), CATALOG.to_owned())]);
    let ordering: Vec<&str> = RULES.iter().filter(|r| r.category == Category::Ordering).map(|r| r.name).collect();
    let config =
        format!("[lint]\nselect = [{}]\n", ordering.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", "));
    let result = workspace.lint(&settings_for(&config));
    let rendered: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| eventlint_diagnostics::render_full(&workspace.sources, d, false, 100))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}
