//! The specification's example schemas and the benchmark schemas load cleanly: no load error, no error-level finding.
//! The example is the repository's copy (`examples/payments`), else the shared spec's; the benchmark schemas are read
//! from the shared folder next to the repository, and the test skips with a note when it is absent.

use std::path::{Path, PathBuf};

use eventlint_avro::{SchemaSet, ValidateOptions, validate};
use eventlint_diagnostics::{Diagnostic, Limits, Severity, Sources, render_full};

const EXAMPLE_SCHEMAS: [&str; 2] = ["../../examples/payments/schemas", "../../../shared/spec/example/schemas"];
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

fn relative(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn example_schemas() -> PathBuf {
    let found = EXAMPLE_SCHEMAS.into_iter().map(relative).find(|dir| dir.join("Money.avsc").is_file());
    found.expect("the worked example's schemas are in the repository (examples/payments/schemas)")
}

#[test]
fn the_example_catalog_schemas_load_without_errors() {
    let (count, errors) = errors_of_set(&example_schemas());
    assert_eq!(count, 13);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_example_history_snapshot_loads_on_its_own() {
    let (count, errors) = errors_of_set(&example_schemas().join("history"));
    assert_eq!(count, 1);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn each_benchmark_schema_loads_on_its_own() {
    let dir = relative(BENCH_SCHEMAS);
    if !dir.is_dir() {
        eprintln!("note: {} is not present; skipping", dir.display());
        return;
    }
    for name in ["writer_v1.avsc", "reader_v2.avsc", "reader_v2_samens.avsc", "reader_bad.avsc"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let (_, set, diagnostics) = crate::support::load(&text);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let errors: Vec<_> = validate(&set, &ValidateOptions::default())
            .into_iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
