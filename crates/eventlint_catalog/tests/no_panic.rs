//! The loader never panics: every truncation and many single-byte corruptions of a catalog that uses most of
//! the format load to a model or to located load errors.

use eventlint_catalog::load_catalogs;
use eventlint_diagnostics::{Limits, Sources};

const CATALOG: &str = "\u{feff}eventlint: 1  # eventlint: file-ignore[missing-summary] fixture
domain: payments
owner: team-payments
defaults: { compatibility: FULL, visibility: public, delivery: at-least-once, category: domain }
x-meta: &meta { a: [1, 2.5, true, ~, 'q # not a comment'] }
services:
  cafe-gateway: { external: true, summary: Café gateway ☕ }
  ledger:
    producer: { client: librdkafka, maxInFlight: 2 }
    consumerGroups:
      ledger-g:
        retry: { mode: topics, maxAttempts: 3, topics: [t.retry], backoff: { type: exponential, initial: 1s, multiplier: 2, max: 1m } }
        onExhausted: dlq
        commit: { interval: 5s }
        dlq: { topic: t.dlq, parkByKey: true, unpark: manual, replay: { owner: team, via: republish } }
topics:
  t: { partitions: 3, key: payment.id, retention: forever }
  t.retry: {}
  t.dlq: { x-note: *meta }
messages:
  # eventlint: ignore[clickbait-event] reason
  Paid:
    version: 2.0.0
    description: |
      # a heading, not a comment
    producer: [ledger]
    consumers: [{ service: ledger, ordering: per-key, fields: [payment.id] }, cafe-gateway]
    topic: t
    schema: schemas/Paid.avsc#com.x.Paid
    history: [{ version: 1.0.0, schema: schemas/old/Paid.avsc, imports: [schemas/M.avsc] }]
    deprecated: { replacedBy: Paid, since: 2.0.0 }
    links: { cloudevents: { type: paid, source: ledger } }
  Pay: { kind: command, version: 1.0.0, emits: [Paid], consumers: [ledger] }
constraints:
  c: { key: id, fsm: { start: [Pay], next: { Pay: [Paid] } } }
views:
  V: { service: ledger, from: [Paid] }
automations:
  A: { service: ledger, when: [Paid], reads: V, issues: [Pay] }
screens:
  S: { actor: clerk, issues: [Pay], shows: [V] }
";

fn load(text: &str) {
    let mut sources = Sources::new();
    let file = sources.add("c.catalog.yaml", text);
    let (_model, diagnostics) = load_catalogs(&[file], &sources, &Limits::default(), &|_| true);
    for diagnostic in &diagnostics {
        assert!(diagnostic.primary.is_some(), "every load error is located: {diagnostic:?}");
    }
}

#[test]
fn the_fixture_loads_cleanly() {
    let mut sources = Sources::new();
    let file = sources.add("c.catalog.yaml", CATALOG);
    let (model, diagnostics) = load_catalogs(&[file], &sources, &Limits::default(), &|_| true);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(model.files[0].directives.len(), 2);
}

#[test]
fn every_truncation_loads_without_panic() {
    for (end, _) in CATALOG.char_indices() {
        load(&CATALOG[..end]);
    }
}

#[test]
fn single_byte_corruptions_load_without_panic() {
    let replacements = [":", "-", "[", "{", "}", "]", "'", "\"", "&", "*", "!", "#", "|", " ", "\n", "\t", "x-"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..1_500 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut at = (seed % CATALOG.len() as u64) as usize;
        while !CATALOG.is_char_boundary(at) {
            at -= 1;
        }
        let replacement = replacements[(seed >> 32) as usize % replacements.len()];
        let next = CATALOG[at..].chars().next().map_or(0, char::len_utf8);
        let corrupted = format!("{}{replacement}{}", &CATALOG[..at], &CATALOG[at + next..]);
        load(&corrupted);
    }
}
