//! Lint benchmark: a generated project of 10,000 messages with one `.avsc` each, every rule of this crate on
//! (issue 4: under 1 s on one core).

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_config::Config;
use eventlint_lint::{CliSelection, Context, Settings, lint};
use eventlint_project::{InputFile, ProjectOptions, load_project};

const MESSAGES: usize = 10_000;

/// Name shapes that exercise the naming, CRUD, state and request heuristics.
const SUFFIXES: &[&str] = &["Registered", "Updated", "StatusChanged", "Requested", "Scan", "Processing"];

fn generated_project() -> Vec<InputFile> {
    let mut catalog = String::from(
        "eventlint: 1\ndomain: bench\nowner: team-bench\nservices:\n  producer: {}\n  consumer: {domain: other}\n\
         topics:\n  bench.events: {partitions: 12, key: entityId, visibility: public}\nmessages:\n",
    );
    let mut files = Vec::new();
    for i in 0..MESSAGES {
        let name = format!("Entity{i}{}", SUFFIXES[i % SUFFIXES.len()]);
        catalog.push_str(&format!(
            "  {name}:  # eventlint: ignore[missing-summary] generated\n    version: 1.0.0\n    producer: producer\n    \
             consumers: [consumer]\n    topic: bench.events\n    schema: schemas/{name}.avsc\n"
        ));
        let schema = format!(
            r#"{{"type": "record", "name": "{name}", "namespace": "com.example.bench", "doc": "Generated.",
  "fields": [
    {{"name": "eventId", "type": {{"type": "string", "logicalType": "uuid"}}}},
    {{"name": "entityId", "type": "string"}},
    {{"name": "status", "type": {{"type": "enum", "name": "Status{i}", "symbols": ["UNKNOWN", "OPEN"], "default": "UNKNOWN"}}}},
    {{"name": "contactEmail", "type": ["null", "string"], "default": null}},
    {{"name": "address", "type": {{"type": "record", "name": "Address{i}", "fields": [{{"name": "street", "type": "string"}}]}}}},
    {{"name": "updatedAt", "type": {{"type": "long", "logicalType": "timestamp-millis"}}}}
  ]}}"#
        );
        files.push(InputFile { path: format!("schemas/{name}.avsc"), contents: Ok(schema.into_bytes()) });
    }
    files.push(InputFile { path: "bench.catalog.yaml".into(), contents: Ok(catalog.into_bytes()) });
    files
}

fn bench_lint(c: &mut Criterion) {
    let (project, diagnostics) =
        load_project(generated_project(), &|_| None, &ProjectOptions { limits: Default::default() });
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
    let cli = CliSelection { select: Some(vec!["all".into()]), ..CliSelection::default() };
    let (settings, errors) = Settings::new(&Config::default(), &cli);
    assert!(errors.is_empty());
    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    group.bench_function("10k messages, all rules", |b| {
        b.iter(|| {
            let cx =
                Context::new(&project.model, &project.schemas, &project.message_schemas, &project.sources, &settings);
            lint(&cx, Vec::new(), None)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_lint);
criterion_main!(benches);
