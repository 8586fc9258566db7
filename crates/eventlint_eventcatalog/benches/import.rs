//! Import benchmark: a generated EventCatalog of 2,000 events (each with a versioned copy), 100 services and one
//! channel, through `import` alone and through `import` and the catalog loader.

use criterion::{Criterion, criterion_group, criterion_main};
use eventlint_catalog::load_model;
use eventlint_diagnostics::{FileId, Limits, Sources};
use eventlint_eventcatalog::import;
use eventlint_yaml::YamlNode;

const EVENTS: usize = 2_000;
const SERVICES: usize = 100;

fn generated_catalog() -> (Sources, Vec<FileId>) {
    let mut sources = Sources::new();
    let mut pages = Vec::new();
    for i in 0..EVENTS {
        for (dir, version) in [
            (format!("events/Entity{i}Registered"), "1.1.0"),
            (format!("events/Entity{i}Registered/versioned/1.0.0"), "1.0.0"),
        ] {
            let page = format!(
                "---\nid: Entity{i}Registered\nname: Entity {i} registered\nversion: {version}\nsummary: |\n  Entity {i} was registered.\n\
                 owners:\n  - team-{}\nschemaPath: schema.avsc\nbadges:\n  - content: New\n    backgroundColor: blue\n---\n\n\
                 ## Overview\n\nPublished when entity {i} is registered.\n\n<NodeGraph />\n",
                i % 7
            );
            pages.push(sources.add(format!("{dir}/index.mdx"), page));
            sources.add(format!("{dir}/schema.avsc"), "{}");
        }
    }
    for s in 0..SERVICES {
        let mut page = format!("---\nid: Service{s}\nversion: 1.0.0\nowners: [team-{}]\nsends:\n", s % 7);
        for i in (s..EVENTS).step_by(SERVICES) {
            page.push_str(&format!("  - id: Entity{i}Registered\n    to: [{{id: bench.events}}]\n"));
        }
        page.push_str("receives:\n");
        for i in ((s + 1) % SERVICES..EVENTS).step_by(SERVICES) {
            page.push_str(&format!("  - id: Entity{i}Registered\n"));
        }
        page.push_str("---\n");
        pages.push(sources.add(format!("services/Service{s}/index.mdx"), page));
    }
    let channel = "---\nid: bench.events\nversion: 1.0.0\nprotocols: [kafka]\nx-eventlint-partitions: 12\n---\n";
    pages.push(sources.add("channels/bench.events/index.mdx", channel));
    (sources, pages)
}

fn bench_import(c: &mut Criterion) {
    let (sources, pages) = generated_catalog();
    let limits = Limits::default();
    let exists = |_: &str| true;
    let (trees, diagnostics) = import(&pages, &sources, &limits);
    let catalogs: Vec<(FileId, &YamlNode)> = trees.iter().map(|(file, tree)| (*file, tree)).collect();
    let (model, load_diagnostics) = load_model(&catalogs, &sources, &exists);
    assert!(diagnostics.is_empty() && load_diagnostics.is_empty(), "{:?}", load_diagnostics.first());
    assert_eq!(model.messages.len(), EVENTS);
    let mut group = c.benchmark_group("eventcatalog");
    group.sample_size(10);
    group.bench_function("import 2k events + 2k versioned + 100 services", |b| {
        b.iter_with_large_drop(|| import(&pages, &sources, &limits))
    });
    group.bench_function("import and load_model", |b| {
        b.iter(|| {
            let (trees, _) = import(&pages, &sources, &limits);
            let catalogs: Vec<(FileId, &YamlNode)> = trees.iter().map(|(file, tree)| (*file, tree)).collect();
            load_model(&catalogs, &sources, &exists)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
