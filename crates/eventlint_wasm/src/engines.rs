//! The engines behind `compat`, `simulate` and the rule docs, each answering in the playground's JSON shapes.

use eventlint_avro::{NodeId, SchemaSet};
use eventlint_compat::{Direction, Mode, Schema, check_mode, incompatibilities_json};
use eventlint_diagnostics::{Diagnostic, FileId, Kind, Limits, Sources, resolve_all};
use eventlint_json::JsonValue;
use eventlint_project::FileRole;
use eventlint_sim::{Report, RunOptions, SimSetup, load_scenario, render_svg, render_text, run_object, run_scenario};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::{Failure, PlaygroundFile, load_files};

/// `{compat, simulate, rules}`: whether each engine is in this build.
pub fn capabilities() -> Map<String, Value> {
    [("compat", true), ("simulate", true), ("rules", true)]
        .into_iter()
        .map(|(engine, present)| (engine.to_owned(), Value::Bool(present)))
        .collect()
}

/// The top-level schema of `file` in `set`.
fn schema(set: &SchemaSet, file: FileId) -> Schema<'_> {
    Schema { set, root: set.root(file).unwrap_or(NodeId(0)) }
}

/// One side of a compat check: `side` first, then the imports, as `eventlint compat --import` builds it (a side's
/// own definitions win inside it; other names resolve to their first definition in file order).
fn build_side(
    sources: &Sources,
    side: FileId,
    imports: &[(FileId, JsonValue)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SchemaSet> {
    let (value, parse_diagnostics) = eventlint_json::parse(side, sources.get(side).text(), &Limits::default());
    diagnostics.extend(parse_diagnostics);
    let value = value?;
    let files: Vec<(FileId, &JsonValue)> =
        std::iter::once((side, &value)).chain(imports.iter().map(|(file, value)| (*file, value))).collect();
    let (set, set_diagnostics) = SchemaSet::build(&files);
    let broken = set_diagnostics.iter().any(Diagnostic::is_load_error);
    diagnostics.extend(set_diagnostics.into_iter().filter(Diagnostic::is_load_error));
    (!broken && set.root(side).is_some()).then_some(set)
}

/// Checks `reader` (the new schema) against `writer` (the previous one) under a registry mode: `{mode, compatible,
/// checks: [{direction, compatible, incompatibilities, error?}], diagnostics}`. Each incompatibility also has the
/// `reader_range` and `writer_range` it is about (UTF-16). Files that do not load come back as `diagnostics` with
/// `compatible: null`; their paths are `reader`, `writer` or the import's.
pub fn compat(reader: &str, writer: &str, mode: &str, imports: &[PlaygroundFile]) -> Result<Value, Failure> {
    let mode = Mode::parse(&mode.to_ascii_uppercase()).ok_or_else(|| {
        Failure::new("invalid-request", format!("unknown mode `{mode}`; use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"))
    })?;
    let mut sources = Sources::new();
    let reader_file = sources.add("reader", reader);
    let writer_file = sources.add("writer", writer);
    let mut diagnostics = Vec::new();
    let mut parsed_imports = Vec::new();
    for import in imports {
        let file = sources.add(import.path.clone(), import.text.as_str());
        let (value, parse_diagnostics) = eventlint_json::parse(file, &import.text, &Limits::default());
        diagnostics.extend(parse_diagnostics.into_iter().filter(Diagnostic::is_load_error));
        parsed_imports.extend(value.map(|value| (file, value)));
    }
    let reader_set = build_side(&sources, reader_file, &parsed_imports, &mut diagnostics);
    let writer_set = build_side(&sources, writer_file, &parsed_imports, &mut diagnostics);
    let (Some(reader_set), Some(writer_set)) = (reader_set, writer_set) else {
        let diagnostics = resolve_all(&sources, &diagnostics, true);
        return Ok(json!({ "mode": mode.name(), "compatible": null, "checks": [], "diagnostics": diagnostics }));
    };
    let result = check_mode(mode, schema(&reader_set, reader_file), &[schema(&writer_set, writer_file)]);
    let checks: Vec<Value> = result
        .checks
        .iter()
        .map(|check| {
            let mut object = json!({
                "direction": match check.direction { Direction::Backward => "backward", Direction::Forward => "forward" },
                "compatible": check.is_compatible(),
            });
            match &check.result {
                Ok(compatibility) => {
                    let mut listed = incompatibilities_json(compatibility);
                    for (entry, found) in listed.as_array_mut().into_iter().flatten().zip(&compatibility.incompatibilities) {
                        let located = Diagnostic::error("incompatible-change", found.message.clone())
                            .with_primary(found.reader_span, "reader")
                            .with_label(found.writer_span, "writer");
                        if let Some(resolved) = resolve_all(&sources, &[located], true).first() {
                            entry["reader_range"] = json!({ "file": resolved.file, "range": resolved.range });
                            entry["writer_range"] = json!(resolved.labels.first());
                        }
                    }
                    object["incompatibilities"] = listed;
                }
                Err(error) => object["error"] = json!(format!("unresolvable: {error}")),
            }
            object
        })
        .collect();
    let diagnostics = resolve_all(&sources, &diagnostics, true);
    Ok(
        json!({ "mode": mode.name(), "compatible": result.is_compatible(), "checks": checks, "diagnostics": diagnostics }),
    )
}

/// Loads the project and the scenario at `scenario_path`, then runs every policy with its timeline recorded (one
/// seed, no shrinking). Only problems in the catalogs and the scenario stop the run; the schemas are the lint's.
pub fn simulate(scenario_path: &str, files: Vec<PlaygroundFile>) -> Result<Value, Failure> {
    let (project, project_diagnostics) = load_files(files);
    let Some(file) = project.sources.find(scenario_path) else {
        return Err(Failure::new("invalid-request", format!("no file `{scenario_path}` among the files")));
    };
    let catalogs: Vec<FileId> =
        project.files.iter().filter(|(_, role)| *role == FileRole::Catalog).map(|(id, _)| *id).collect();
    let mut diagnostics: Vec<Diagnostic> = project_diagnostics
        .into_iter()
        .filter(|d| d.primary.as_ref().is_none_or(|label| catalogs.contains(&label.span.file)))
        .collect();
    let text = project.sources.get(file).shared_text();
    let (scenario, scenario_diagnostics) = load_scenario(file, &text, &Limits::default());
    diagnostics.extend(scenario_diagnostics);
    let setup = scenario.as_ref().and_then(|scenario| {
        SimSetup::from_model(&project.model, &scenario.group.name)
            .map_err(|message| {
                let problem = Diagnostic::load("dangling-reference", message)
                    .with_primary(scenario.group.span, "not a consumer group of the catalog")
                    .with_help("name a consumer group declared under `services` in the catalog")
                    .with_path(scenario.group.path.clone());
                diagnostics.push(problem);
            })
            .ok()
    });
    if let (Some(scenario), Some(setup)) = (&scenario, &setup) {
        diagnostics.extend(scenario.check(setup));
    }
    let report = match (&scenario, &setup) {
        (Some(scenario), Some(setup)) if !diagnostics.iter().any(Diagnostic::is_load_error) => {
            let options = RunOptions {
                tool_version: env!("CARGO_PKG_VERSION").to_owned(),
                scenario_path: scenario_path.to_owned(),
                scenario_sha256: sha256_hex(&text),
                catalog_path: scenario.catalog.name.clone(),
                catalog_sha256: project
                    .sources
                    .find(&scenario.catalog.name)
                    .map_or_else(String::new, |catalog| sha256_hex(project.sources.get(catalog).text())),
                trace: true,
                ..RunOptions::default()
            };
            run_scenario(setup, &scenario.scenario, &options)
                .map_err(|errors| Failure::new("invalid-scenario", errors.join("; ")))?
        }
        _ => Report { runs: Vec::new() },
    };
    let diagnostics = resolve_all(&project.sources, &diagnostics, true);
    Ok(json!({
        "exit_code": if diagnostics.iter().any(|d| d.kind == Kind::Load) { 2 } else { report.exit_code() },
        "diagnostics": diagnostics,
        "runs": report.runs.iter().map(|run| {
            let svg = render_svg(run);
            json!({
                "policy": run.name,
                "passed": run.passed(),
                "svg": svg.as_ref().ok(),
                "svg_error": svg.as_ref().err(),
                "report": run_object(run),
            })
        }).collect::<Vec<_>>(),
        "text": render_text(&report),
    }))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Every rule's metadata, without its page: `{rules: [{name, category, default_severity, summary, …}]}`.
pub fn rules() -> Result<Value, Failure> {
    let rules: Vec<Value> = eventlint_lint::rules()
        .into_iter()
        .map(|rule| {
            let mut value = json!(rule);
            value.as_object_mut().map(|object| object.remove("docs"));
            value
        })
        .collect();
    Ok(json!({ "rules": rules }))
}

/// The rule's metadata and where its page lies beside the playground (`rules/<name>.md`, copied there by
/// `www/build.sh`: the module leaves the pages out, a fifth of its size); an unknown name is an `unknown-rule`
/// failure with a suggestion.
pub fn rule_docs(name: &str) -> Result<Value, Failure> {
    match eventlint_lint::rule_info(name) {
        Ok(rule) => {
            let mut metadata = json!(rule);
            metadata.as_object_mut().map(|object| object.remove("docs"));
            Ok(json!({ "name": rule.name, "page": format!("rules/{}.md", rule.name), "rule": metadata }))
        }
        Err(suggestion) => Err(Failure::new(
            "unknown-rule",
            match suggestion {
                Some(close) => format!("unknown rule `{name}`; did you mean `{close}`?"),
                None => format!("unknown rule `{name}`"),
            },
        )),
    }
}
