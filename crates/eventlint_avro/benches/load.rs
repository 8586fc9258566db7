//! Parse + build (+ validate) speed of `.avsc` files: the medium benchmark schema (avro-compat §6.2 target ≤ 50 µs
//! with default validation) and a batch of 10,000 small files (target well under 300 ms).
//!
//! The inputs are generated here, shaped like `shared/bench/avro/writer_v1.avsc`, so the bench reads no files.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_avro::{SchemaSet, ValidateOptions, validate};
use eventlint_diagnostics::{FileId, Limits};
use eventlint_json::JsonValue;

/// An 18-field record like `writer_v1.avsc`: logical types, enums (one with a default), a fixed, an array, a map, a
/// union, nested records and a recursive reference. `variant` changes the namespace so files stay distinct.
fn medium_schema(variant: usize) -> String {
    format!(
        r#"{{
  "type": "record", "name": "OrderPlaced", "namespace": "com.example.events{variant}",
  "doc": "Medium-size benchmark schema (writer, v1)",
  "fields": [
    {{"name": "eventId", "type": {{"type": "string", "logicalType": "uuid"}}}},
    {{"name": "occurredAt", "type": {{"type": "long", "logicalType": "timestamp-millis"}}}},
    {{"name": "orderId", "type": "string"}},
    {{"name": "customerId", "type": "string"}},
    {{"name": "quantity", "type": "int"}},
    {{"name": "unitPrice", "type": "float"}},
    {{"name": "total", "type": {{"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}}}},
    {{"name": "currency", "type": {{"type": "enum", "name": "Currency", "symbols": ["EUR", "USD", "GBP"]}}}},
    {{"name": "status", "type": {{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"], "default": "NEW"}}}},
    {{"name": "note", "type": ["null", "string"], "default": null}},
    {{"name": "tags", "type": {{"type": "array", "items": "string"}}, "default": []}},
    {{"name": "attributes", "type": {{"type": "map", "values": "string"}}, "default": {{}}}},
    {{"name": "checksum", "type": {{"type": "fixed", "name": "MD5", "size": 16}}}},
    {{"name": "shipping", "type": {{"type": "record", "name": "Address", "fields": [
        {{"name": "street", "type": "string"}},
        {{"name": "city", "type": "string"}},
        {{"name": "zip", "type": "string"}},
        {{"name": "country", "type": "string", "default": "DE"}}
    ]}}}},
    {{"name": "billing", "type": ["null", "Address"], "default": null}},
    {{"name": "lines", "type": {{"type": "array", "items": {{"type": "record", "name": "Line", "fields": [
        {{"name": "sku", "type": "string"}},
        {{"name": "qty", "type": "int"}},
        {{"name": "price", "type": "float"}}
    ]}}}}}},
    {{"name": "legacyCode", "type": "string", "default": ""}},
    {{"name": "next", "type": ["null", "OrderPlaced"], "default": null}}
  ]
}}"#
    )
}

/// A typical small event schema: six fields, a shared reference, a logical type and an optional field.
fn small_schema(variant: usize) -> String {
    format!(
        r#"{{"type": "record", "name": "Event{variant}", "namespace": "com.example.events",
  "doc": "A small event.",
  "fields": [
    {{"name": "eventId", "type": {{"type": "string", "logicalType": "uuid"}}, "doc": "Unique id."}},
    {{"name": "paymentId", "type": "string", "doc": "The payment."}},
    {{"name": "amount", "type": "com.example.Money", "doc": "Amount."}},
    {{"name": "reference", "type": ["null", "string"], "default": null}},
    {{"name": "attempt", "type": "int", "default": 0}},
    {{"name": "at", "type": {{"type": "long", "logicalType": "timestamp-millis"}}}}
  ]}}"#
    )
}

const MONEY: &str = r#"{"type": "record", "name": "Money", "namespace": "com.example",
  "fields": [{"name": "minor", "type": "long"}, {"name": "currency", "type": "string"}]}"#;

fn parse_all(texts: &[String]) -> Vec<(FileId, JsonValue)> {
    let limits = Limits::default();
    texts
        .iter()
        .enumerate()
        .filter_map(|(index, text)| {
            eventlint_json::parse(FileId(index as u32), text, &limits).0.map(|v| (FileId(index as u32), v))
        })
        .collect()
}

fn build(values: &[(FileId, JsonValue)]) -> SchemaSet {
    let files: Vec<_> = values.iter().map(|(file, value)| (*file, value)).collect();
    SchemaSet::build(&files).0
}

fn benches(c: &mut Criterion) {
    let medium = vec![medium_schema(0)];
    c.bench_function("medium: parse json", |b| b.iter(|| parse_all(black_box(&medium))));
    c.bench_function("medium: parse + build", |b| b.iter(|| build(&parse_all(black_box(&medium)))));
    c.bench_function("medium: parse + build + validate", |b| {
        b.iter(|| validate(&build(&parse_all(black_box(&medium))), &ValidateOptions::default()))
    });

    let mut small: Vec<String> = (0..10_000).map(small_schema).collect();
    small.insert(0, MONEY.to_owned());
    let mut group = c.benchmark_group("10k small files");
    group.sample_size(10);
    group.bench_function("parse + build", |b| b.iter(|| build(&parse_all(black_box(&small)))));
    group.bench_function("parse + build + validate", |b| {
        b.iter(|| validate(&build(&parse_all(black_box(&small))), &ValidateOptions::default()))
    });
    group.finish();
}

criterion_group!(load, benches);
criterion_main!(load);
