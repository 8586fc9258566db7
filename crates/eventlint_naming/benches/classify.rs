//! Measures the classifier on a 10,000-name catalogue, the size the naming rules must stay cheap on.

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_naming::Classifier;
use std::hint::black_box;

const SUBJECTS: &[&str] = &["Order", "Shipment", "CustomerBalance", "HTTPRequest", "payment_id", "com.acme.Cart"];
const ENDINGS: &[&str] =
    &["Placed", "Sent", "AddedToCart", "Processing", "Status", "ReadyForShipping", "V2", "Unavailable", "_created"];
const PREFIXES: &[&str] = &["", "Submit", "order-", "Reindex"];

fn names(count: usize) -> Vec<String> {
    let mut names = Vec::with_capacity(count);
    for i in 0..count {
        let prefix = PREFIXES[i % PREFIXES.len()];
        let subject = SUBJECTS[(i / PREFIXES.len()) % SUBJECTS.len()];
        let ending = ENDINGS[(i / 7) % ENDINGS.len()];
        names.push(format!("{prefix}{subject}{ending}{i}"));
    }
    names
}

fn bench(c: &mut Criterion) {
    let classifier = Classifier::default();
    let names = names(10_000);
    c.bench_function("classify 10k names", |b| {
        b.iter(|| {
            for name in &names {
                black_box(classifier.classify(black_box(name)));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
