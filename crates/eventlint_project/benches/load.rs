//! Loading benchmark: a generated project of 10,000 messages, each with its own `.avsc` file (issue 2: < 300 ms),
//! alone and against an identical `--against` base (the common case: every base version is dropped as equal).

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_project::{BaseInputs, InputFile, ProjectOptions, load_project, load_project_with_base};

const MESSAGES: usize = 10_000;

fn generated_project() -> Vec<InputFile> {
    let mut catalog = String::from(
        "eventlint: 1\ndomain: bench\nowner: team-bench\nservices:\n  producer: {}\n  consumer: {consumerGroups: {consumer-main: {idempotent: true}}}\n\
         topics:\n  bench.events: {partitions: 12, key: entityId}\nmessages:\n",
    );
    let mut files = Vec::new();
    for i in 0..MESSAGES {
        catalog.push_str(&format!(
            "  Entity{i}Registered:\n    version: 1.0.{i}\n    summary: Entity {i} was registered.\n    producer: producer\n    \
             consumers: [consumer]\n    topic: bench.events\n    schema: schemas/Entity{i}Registered.avsc\n"
        ));
        let schema = format!(
            r#"{{"type": "record", "name": "Entity{i}Registered", "namespace": "com.example.bench", "doc": "Entity {i} was registered.",
  "fields": [
    {{"name": "eventId", "type": {{"type": "string", "logicalType": "uuid"}}, "doc": "Event id."}},
    {{"name": "entityId", "type": "string", "doc": "The entity."}},
    {{"name": "amount", "type": "long", "doc": "Amount in minor units."}},
    {{"name": "currency", "type": {{"type": "enum", "name": "Currency{i}", "symbols": ["UNKNOWN", "CHF", "EUR"], "default": "UNKNOWN"}}, "doc": "Currency."}},
    {{"name": "note", "type": ["null", "string"], "default": null, "doc": "A note."}},
    {{"name": "registeredAt", "type": {{"type": "long", "logicalType": "timestamp-millis"}}, "doc": "When."}}
  ]}}"#
        );
        files.push(InputFile { path: format!("schemas/Entity{i}Registered.avsc"), contents: Ok(schema.into_bytes()) });
    }
    files.push(InputFile { path: "bench.catalog.yaml".into(), contents: Ok(catalog.into_bytes()) });
    files
}

fn bench_load(c: &mut Criterion) {
    let files = generated_project();
    let clone =
        || files.iter().map(|f| InputFile { path: f.path.clone(), contents: f.contents.clone() }).collect::<Vec<_>>();
    let options = ProjectOptions { limits: Default::default() };
    let (project, diagnostics) = load_project(clone(), &|_| None, &options);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.first());
    assert_eq!(project.message_schemas.len(), MESSAGES);
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("10k messages + 10k avsc", |b| {
        b.iter_batched(clone, |inputs| load_project(inputs, &|_| None, &options), criterion::BatchSize::LargeInput)
    });
    let with_base = |(inputs, base_files): (Vec<InputFile>, Vec<InputFile>)| {
        let base =
            BaseInputs { label: "HEAD".into(), prefix: "HEAD:".into(), files: base_files, read_extra: &|_| None };
        load_project_with_base(inputs, &|_| None, Some(base), &options)
    };
    let (project, diagnostics) = with_base((clone(), clone()));
    assert!(diagnostics.is_empty() && project.base.is_some_and(|base| base.diagnostics.is_empty()));
    assert!(project.history.is_empty(), "a base equal to the project adds no version");
    group.bench_function("10k messages + 10k avsc, against an equal base", |b| {
        b.iter_batched(|| (clone(), clone()), with_base, criterion::BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
