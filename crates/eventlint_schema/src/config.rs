//! `eventlint.toml` (CLI spec §3.2) as document types: the keys `eventlint_config` reads.
// The types describe the format for the schema generator; they are never built.
#![allow(dead_code)]

use std::collections::BTreeMap;

use schemars::JsonSchema;

use crate::shape::Free;

/// The eventlint configuration file.
#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields, title = "eventlint.toml")]
pub struct ConfigDocument {
    /// Another configuration file to load first, relative to this one.
    extend: Option<String>,
    catalog: Option<CatalogSection>,
    lint: Option<Lint>,
    breaking: Option<Breaking>,
    /// Shared rule options (rule catalogue §6.2).
    model: Option<Free>,
    /// Facts carried outside the payload (headers, CloudEvents).
    envelope: Option<Free>,
    naming: Option<Free>,
    avro: Option<Free>,
    check: Option<Check>,
    output: Option<Output>,
    simulate: Option<Simulate>,
    limits: Option<Limits>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct CatalogSection {
    /// Files and directories that form the model.
    include: Option<Vec<String>>,
    /// Globs, also applied to paths named on the command line.
    exclude: Option<Vec<String>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum Profile {
    Ddd,
    Telemetry,
    ResourceLifecycle,
    Cdc,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum Level {
    Error,
    Warning,
    Info,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Lint {
    profile: Option<Profile>,
    /// Rule names, categories, `recommended`, `all`.
    select: Option<Vec<String>>,
    extend_select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    fail_level: Option<Level>,
    /// `true`: suppressions without a reason do not apply.
    require_reason: Option<bool>,
    /// Per-rule severity.
    severity: Option<BTreeMap<String, Level>>,
    /// Glob (relative to this file) → selectors.
    per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    overrides: Option<Vec<ProfileOverride>>,
    /// Rule options; each rule page documents its own.
    rules: Option<BTreeMap<String, Free>>,
    /// Adjustments of a built-in profile.
    profiles: Option<BTreeMap<String, Free>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct ProfileOverride {
    files: Vec<String>,
    profile: Profile,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Breaking {
    /// Skip messages marked `draft`.
    ignore_drafts: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Check {
    /// Default for `--against` and for `--changed` without `--since`.
    against: Option<String>,
    /// Default for `--baseline`.
    baseline: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum OutputFormat {
    Full,
    Concise,
    Json,
    JsonLines,
    Github,
    Gitlab,
    Sarif,
    Junit,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Output {
    /// Default `--output-format` for `check`.
    format: Option<OutputFormat>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Simulate {
    max_steps: Option<u64>,
    shrink: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case", deny_unknown_fields)]
struct Limits {
    max_file_bytes: Option<u64>,
    max_depth: Option<u64>,
    max_expanded_nodes: Option<u64>,
}
