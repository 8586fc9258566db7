//! The playground's WebAssembly API: every entry point takes JSON text and returns one JSON document, never panics
//! across the boundary, and reports positions in UTF-16 columns (CLI spec §1), as browser editors count them.
//!
//! Every answer is an envelope: `{"ok": true, ...payload}` or `{"ok": false, "error": {"kind", "message"}}`.
//! [`capabilities`] lists the engines a build carries, so the page never shows a panel it cannot fill.

mod engines;

use eventlint_config::Config;
use eventlint_diagnostics::{Diagnostic, Limits, ResolvedDiagnostic, Severity, resolve_all};
use eventlint_lint::{CliSelection, Settings, lint_project};
use eventlint_project::{FileRole, InputFile, Project, ProjectOptions, load_project};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wasm_bindgen::prelude::wasm_bindgen;

/// One editor tab: a project-relative `/` path and its text.
#[derive(Clone, Debug, Deserialize)]
pub struct PlaygroundFile {
    pub path: String,
    pub text: String,
}

/// Which unit columns count in: UTF-16 code units for editors, code points for parity with the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    Utf16,
    CodePoints,
}

/// Counts by severity, as the CLI's JSON summary has them.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// What the project makes of one file.
#[derive(Debug, Serialize)]
pub struct FileInfo {
    pub path: String,
    pub role: &'static str,
}

/// The payload of [`lint`]: `diagnostics` are the CLI's `--output-format json` records.
#[derive(Debug, Serialize)]
pub struct LintReport {
    pub summary: Summary,
    pub diagnostics: Vec<ResolvedDiagnostic>,
    pub files: Vec<FileInfo>,
}

/// Why a request got no answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Failure { kind, message: message.into() }
    }

    fn invalid_request(what: &str, error: serde_json::Error) -> Self {
        Failure::new("invalid-request", format!("`{what}` is not valid: {error}"))
    }
}

/// The project the tabs form; a file the catalogs reference but no tab holds does not exist.
fn load_files(files: Vec<PlaygroundFile>) -> (Project, Vec<Diagnostic>) {
    let inputs =
        files.into_iter().map(|file| InputFile { path: file.path, contents: Ok(file.text.into_bytes()) }).collect();
    let no_other_files = |_: &str| None;
    load_project(inputs, &no_other_files, &ProjectOptions { limits: Limits::default() })
}

impl Summary {
    fn count(diagnostics: &[ResolvedDiagnostic]) -> Self {
        let of = |severity| diagnostics.iter().filter(|d| d.severity == severity).count();
        Summary { errors: of(Severity::Error), warnings: of(Severity::Warning), infos: of(Severity::Info) }
    }
}

/// Loads the files as one project and runs the rules with the default settings, exactly as `eventlint check` does
/// with the same paths and contents and no configuration.
pub fn lint_files(files: Vec<PlaygroundFile>, columns: Columns) -> LintReport {
    let (project, mut diagnostics) = load_files(files);
    if !diagnostics.iter().any(Diagnostic::is_load_error) {
        let (settings, _) = Settings::new(&Config::default(), &CliSelection::default());
        diagnostics = lint_project(&project, &settings, None).diagnostics;
    }
    let diagnostics = resolve_all(&project.sources, &diagnostics, columns == Columns::Utf16);
    let summary = Summary::count(&diagnostics);
    let files = project
        .files
        .iter()
        .map(|&(file, role)| FileInfo { path: project.sources.get(file).path().to_owned(), role: role_name(role) })
        .collect();
    LintReport { summary, diagnostics, files }
}

fn role_name(role: FileRole) -> &'static str {
    match role {
        FileRole::Catalog => "catalog",
        FileRole::Scenario => "scenario",
        FileRole::Schema => "schema",
        FileRole::EventCatalog => "eventcatalog",
        FileRole::Ignored => "ignored",
    }
}

fn parse_files(files: &str) -> Result<Vec<PlaygroundFile>, Failure> {
    serde_json::from_str(files).map_err(|error| Failure::invalid_request("files", error))
}

/// Runs `answer` and wraps its payload (a JSON object) or its failure in the envelope; a panic becomes a failure.
fn respond(answer: impl FnOnce() -> Result<Value, Failure>) -> String {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer)).unwrap_or_else(|_| {
        Err(Failure::new("internal", "eventlint hit an internal error; please report it with the input that caused it"))
    });
    let envelope = match outcome {
        Ok(Value::Object(mut payload)) => {
            payload.insert("ok".to_owned(), Value::Bool(true));
            Value::Object(payload)
        }
        Ok(other) => json!({ "ok": true, "value": other }),
        Err(failure) => json!({ "ok": false, "error": { "kind": failure.kind, "message": failure.message } }),
    };
    envelope.to_string()
}

fn to_value(payload: impl Serialize) -> Result<Value, Failure> {
    serde_json::to_value(payload).map_err(|error| Failure::new("internal", error.to_string()))
}

/// `files`: `[{"path", "text"}]`. Answers `{summary, diagnostics, files: [{path, role}]}` with UTF-16 columns.
#[wasm_bindgen]
pub fn lint(files: &str) -> String {
    respond(|| to_value(lint_files(parse_files(files)?, Columns::Utf16)))
}

/// Avro schema resolution of `reader` (the new schema's JSON text) against `writer` (the previous one's) under a
/// Schema Registry `mode` (`BACKWARD`, `FORWARD`, `FULL`, … or `NONE`). Named types that neither side defines are
/// looked up in `imports` (`[{"path", "text"}]`, e.g. the project's other schemas), like the CLI's `--import`.
#[wasm_bindgen]
pub fn compat(reader: &str, writer: &str, mode: &str, imports: &str) -> String {
    respond(|| engines::compat(reader, writer, mode, &parse_files(imports)?))
}

/// Runs the scenario at path `scenario` among `files` (`[{"path", "text"}]`, with the catalog) under each of its
/// policies: `{exit_code, diagnostics, runs: [{policy, passed, label, headline, svg, report}], text}`. Load errors in
/// the catalog or the scenario come back as `diagnostics` (UTF-16 columns) with no runs.
#[wasm_bindgen]
pub fn simulate(scenario: &str, files: &str) -> String {
    respond(|| engines::simulate(scenario, parse_files(files)?))
}

/// Every rule: `{rules: [{name, category, severity, summary}]}`.
#[wasm_bindgen]
pub fn rules() -> String {
    respond(engines::rules)
}

/// One rule's metadata and the path of its page: `{name, page, rule}`.
#[wasm_bindgen]
pub fn rule_docs(name: &str) -> String {
    respond(|| engines::rule_docs(name))
}

/// Which engines this build carries, and the tool version: `{version, lint, compat, simulate, rules}`.
#[wasm_bindgen]
pub fn capabilities() -> String {
    respond(|| {
        let mut payload = engines::capabilities();
        payload.insert("version".to_owned(), Value::from(env!("CARGO_PKG_VERSION")));
        payload.insert("lint".to_owned(), Value::Bool(true));
        Ok(Value::Object(payload))
    })
}

/// A panic traps the module; the hook first tells the page why (the worker then starts a fresh instance).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
fn start() {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        fn error(message: &str);
    }
    std::panic::set_hook(Box::new(|info| error(&format!("eventlint panicked: {info}"))));
}

#[cfg(test)]
mod tests;
