//! Baselines (CLI spec §6): the fingerprints of accepted findings, written and read as JSON.

use std::collections::HashSet;

use eventlint_diagnostics::{Diagnostic, Fingerprinter, Sources};
use serde::{Deserialize, Serialize};

/// One accepted finding. Only `fingerprint` is matched; the rest is for reviewers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    pub logical_path: String,
    pub message: String,
}

/// A parsed baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    #[serde(rename = "eventlint-baseline")]
    version: u32,
    findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// Reads a baseline file; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|error| format!("invalid baseline: {error}"))?;
        if file.version != 1 {
            return Err(format!("unsupported baseline version {}; expected 1", file.version));
        }
        Ok(Baseline { entries: file.findings })
    }

    pub(crate) fn fingerprints(&self) -> HashSet<&str> {
        self.entries.iter().map(|entry| entry.fingerprint.as_str()).collect()
    }
}

/// The project-relative file of a finding's primary location (empty without one).
pub(crate) fn file_of<'s>(sources: &'s Sources, diagnostic: &Diagnostic) -> &'s str {
    diagnostic.primary.as_ref().map_or("", |label| sources.get(label.span.file).path())
}

/// Fingerprints of findings in output order (CLI spec §5.2: repeats numbered).
pub(crate) fn fingerprints(sources: &Sources, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut fingerprinter = Fingerprinter::default();
    diagnostics.iter().map(|d| fingerprinter.next(&d.code, file_of(sources, d), &d.logical_path)).collect()
}

/// The baseline file for `diagnostics` (lint findings after suppressions): entries sorted by file, rule and
/// logical path, one per line so diffs review well. Load errors are never baselined.
pub fn write_baseline(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let lints: Vec<Diagnostic> = diagnostics.iter().filter(|d| !d.is_load_error()).cloned().collect();
    let mut entries: Vec<BaselineEntry> = lints
        .iter()
        .zip(fingerprints(sources, &lints))
        .map(|(d, fingerprint)| BaselineEntry {
            fingerprint,
            rule: d.code.clone(),
            file: file_of(sources, d).to_owned(),
            logical_path: d.logical_path.clone(),
            message: d.message.clone(),
        })
        .collect();
    entries.sort_by(|a, b| {
        (&a.file, &a.rule, &a.logical_path, &a.fingerprint).cmp(&(&b.file, &b.rule, &b.logical_path, &b.fingerprint))
    });
    let lines: Vec<String> =
        entries.iter().map(|entry| format!("    {}", serde_json::to_string(entry).unwrap_or_default())).collect();
    if lines.is_empty() {
        return "{\n  \"eventlint-baseline\": 1,\n  \"findings\": []\n}\n".to_owned();
    }
    format!("{{\n  \"eventlint-baseline\": 1,\n  \"findings\": [\n{}\n  ]\n}}\n", lines.join(",\n"))
}
