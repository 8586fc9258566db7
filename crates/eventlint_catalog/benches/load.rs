//! Load time of a generated catalog with 10 000 messages: parse, read, merge and resolve.

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_catalog::load_catalogs;
use eventlint_diagnostics::{Limits, Sources};

/// A catalog with 50 services (one group each), 100 topics and `messages` events, each with a producer, two
/// consumers (one of them with `ordering: per-key`), a topic, a schema and a history entry.
fn generated_catalog(messages: usize) -> String {
    let mut text = String::from("eventlint: 1\ndomain: bench\nowner: team-bench\ndefaults: { compatibility: FULL }\n");
    text.push_str("services:\n");
    for s in 0..50 {
        text.push_str(&format!(
            "  service-{s}:\n    consumerGroups:\n      group-{s}:\n        retry: {{ mode: blocking, maxAttempts: 3, backoff: {{ type: fixed, initial: 1s }} }}\n        onExhausted: dlq\n        dlq: {{ topic: topic-0, parkByKey: true, replay: {{ owner: team-bench }} }}\n"
        ));
    }
    text.push_str("topics:\n");
    for t in 0..100 {
        text.push_str(&format!("  topic-{t}: {{ partitions: 12, key: entityId, visibility: public }}\n"));
    }
    text.push_str("messages:\n");
    for m in 0..messages {
        text.push_str(&format!(
            "  Thing{m}Happened:  # eventlint: ignore[clickbait-event] generated\n    version: 2.0.0\n    summary: Thing {m} happened.\n    producer: service-{}\n    consumers:\n      - {{ service: service-{}, ordering: per-key }}\n      - service-{}\n    topic: topic-{}\n    schema: schemas/Thing{m}.avsc\n    history:\n      - {{ version: 1.0.0, schema: schemas/history/Thing{m}-1.avsc }}\n",
            m % 50,
            (m + 1) % 50,
            (m + 2) % 50,
            m % 100
        ));
    }
    text
}

fn load(c: &mut Criterion) {
    let text = generated_catalog(10_000);
    let mut sources = Sources::new();
    let file = sources.add("bench.catalog.yaml", text);
    let exists = |_: &str| true;
    let (model, diagnostics) = load_catalogs(&[file], &sources, &Limits::default(), &exists);
    assert!(diagnostics.is_empty(), "the generated catalog must load cleanly: {:?}", diagnostics.first());
    assert_eq!(model.messages.len(), 10_000);
    let text = sources.get(file).text();
    c.bench_function("saphyr events 10k messages", |b| {
        b.iter(|| saphyr_parser::Parser::new_from_str(text).count());
    });
    c.bench_function("parse 10k messages", |b| {
        b.iter(|| eventlint_yaml::parse(file, text, &Limits::default()));
    });
    let root = eventlint_yaml::parse(file, text, &Limits::default()).0.unwrap();
    c.bench_function("directives 10k messages", |b| {
        b.iter(|| eventlint_yaml::directives(file, text, &root));
    });
    c.bench_function("load 10k messages", |b| {
        b.iter(|| load_catalogs(&[file], &sources, &Limits::default(), &exists));
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
