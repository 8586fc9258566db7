//! Check-only and parse+check timings on the shared benchmark schemas (avro-compat §6.2 targets: ≤ 2 µs per
//! compatible check, ≤ 5 µs for `reader_bad`, ≤ 50 µs to parse both and check).
//!
//! apache-avro 0.22's `SchemaCompatibility::can_read` runs on the same pairs in the same run as a timing peer
//! (avro-compat §6.3); compare ratios, since absolute numbers depend on the machine's load. Note that it stops at the
//! first error and, on `reader_v2`, answers `Partial` (a wrong verdict, §5).
//!
//! The schemas are read from `../shared/bench/avro/` (or `EVENTLINT_BENCH_AVRO_DIR`) at bench time and never
//! committed; without them the bench prints a note and measures nothing.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_avro::SchemaSet;
use eventlint_compat::{Checker, Schema};
use eventlint_diagnostics::{FileId, Limits};
use eventlint_json::JsonValue;

fn bench_dir() -> PathBuf {
    std::env::var_os("EVENTLINT_BENCH_AVRO_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/avro"))
}

fn parse(text: &str) -> JsonValue {
    let (value, errors) = eventlint_json::parse(FileId(0), text, &Limits::default());
    assert!(errors.is_empty(), "{errors:?}");
    value.expect("benchmark schema is JSON")
}

fn build(value: &JsonValue) -> SchemaSet {
    let (set, errors) = SchemaSet::build(&[(FileId(0), value)]);
    assert!(errors.is_empty(), "{errors:?}");
    set
}

fn benchmarks(criterion: &mut Criterion) {
    let dir = bench_dir();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let Some(writer_text) = read("writer_v1.avsc") else {
        eprintln!("skipped: benchmark schemas not found in {}", dir.display());
        return;
    };
    let writer_value = parse(&writer_text);
    let writer_set = build(&writer_value);
    let writer = Schema { set: &writer_set, root: writer_set.root(FileId(0)).expect("root") };
    let mut checker = Checker::new();
    for (reader_file, compatible) in
        [("reader_v2.avsc", true), ("reader_v2_samens.avsc", true), ("reader_bad.avsc", false)]
    {
        let Some(reader_text) = read(reader_file) else { continue };
        let reader_value = parse(&reader_text);
        let reader_set = build(&reader_value);
        let reader = Schema { set: &reader_set, root: reader_set.root(FileId(0)).expect("root") };
        let result = checker.check(reader, writer).expect("answerable");
        assert_eq!(result.is_compatible(), compatible, "{reader_file}: {result:?}");
        let peer_reader = apache_avro::Schema::parse_str(&reader_text).expect("apache-avro parses the reader");
        let peer_writer = apache_avro::Schema::parse_str(&writer_text).expect("apache-avro parses the writer");
        let mut group = criterion.benchmark_group(format!("check {reader_file} <- writer_v1"));
        group.bench_function("eventlint", |bench| bench.iter(|| checker.check(reader, writer).expect("answerable")));
        group.bench_function("apache-avro can_read", |bench| {
            bench.iter(|| apache_avro::schema_compatibility::SchemaCompatibility::can_read(&peer_writer, &peer_reader))
        });
        group.finish();
        criterion.bench_function(&format!("parse both + check {reader_file} <- writer_v1"), |bench| {
            bench.iter(|| {
                let reader_value = parse(&reader_text);
                let writer_value = parse(&writer_text);
                let reader_set = build(&reader_value);
                let writer_set = build(&writer_value);
                let reader = Schema { set: &reader_set, root: reader_set.root(FileId(0)).expect("root") };
                let writer = Schema { set: &writer_set, root: writer_set.root(FileId(0)).expect("root") };
                Checker::new().check(reader, writer).expect("answerable")
            })
        });
    }
    criterion.bench_function("parse writer_v1", |bench| bench.iter(|| build(&parse(&writer_text))));
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
