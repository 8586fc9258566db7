//! The specification's example schemas and the benchmark schemas load cleanly: no load error, no error-level finding.

use std::path::Path;

use eventlint_avro::{SchemaSet, ValidateOptions, validate};
use eventlint_diagnostics::{Diagnostic, Limits, Severity, Sources, render_full};

const SPEC_SCHEMAS: &str = "../../../shared/spec/example/schemas";
const BENCH_SCHEMAS: &str = "../../../shared/bench/avro";

/// Loads every `.avsc` directly in `dir` (sorted by path) as one schema set; returns the rendered errors.
fn errors_of_set(dir: &Path) -> (usize, Vec<String>) {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "avsc"))
        .collect();
    paths.sort();
    let mut sources = Sources::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut values = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let file = sources.add(path.display().to_string(), text.clone());
        let (value, errors) = eventlint_json::parse(file, &text, &Limits::default());
        diagnostics.extend(errors);
        values.extend(value.map(|value| (file, value)));
    }
    let files: Vec<_> = values.iter().map(|(file, value)| (*file, value)).collect();
    let (set, errors) = SchemaSet::build(&files);
    diagnostics.extend(errors);
    diagnostics.extend(validate(&set, &ValidateOptions::default()));
    let errors = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| render_full(&sources, diagnostic, false, 100))
        .collect();
    (paths.len(), errors)
}

fn shared(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

#[test]
fn the_example_catalog_schemas_load_without_errors() {
    let (count, errors) = errors_of_set(&shared(SPEC_SCHEMAS));
    assert_eq!(count, 13);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_example_history_snapshot_loads_on_its_own() {
    let (count, errors) = errors_of_set(&shared(SPEC_SCHEMAS).join("history"));
    assert_eq!(count, 1);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn each_benchmark_schema_loads_on_its_own() {
    for name in ["writer_v1.avsc", "reader_v2.avsc", "reader_v2_samens.avsc", "reader_bad.avsc"] {
        let text = std::fs::read_to_string(shared(BENCH_SCHEMAS).join(name)).unwrap();
        let (_, set, diagnostics) = crate::support::load(&text);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let errors: Vec<_> = validate(&set, &ValidateOptions::default())
            .into_iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
