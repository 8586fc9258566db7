//! The engines behind `compat`, `simulate` and the rule docs. An engine whose crate is not part of the build answers
//! `unavailable`, so the page can say so instead of showing made-up results.

use eventlint_diagnostics::{Diagnostic, FileId, Kind, Limits, resolve_all};
use eventlint_project::FileRole;
use eventlint_sim::{Report, RunOptions, SimSetup, load_scenario, render_svg, render_text, run_object, run_scenario};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::{Failure, PlaygroundFile, load_files};

fn unavailable(engine: &str) -> Failure {
    Failure::new("unavailable", format!("the {engine} is not available in this build"))
}

/// `{compat, simulate, rules}`: whether each engine is in this build.
pub fn capabilities() -> Map<String, Value> {
    [("compat", false), ("simulate", true), ("rules", false)]
        .into_iter()
        .map(|(engine, present)| (engine.to_owned(), Value::Bool(present)))
        .collect()
}

pub fn compat(_reader: &str, _writer: &str, _mode: &str, _imports: &[PlaygroundFile]) -> Result<Value, Failure> {
    Err(unavailable("compatibility engine"))
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

pub fn rules() -> Result<Value, Failure> {
    Err(unavailable("rule catalogue"))
}

pub fn rule_docs(_name: &str) -> Result<Value, Failure> {
    Err(unavailable("rule catalogue"))
}
