//! `sarif`: SARIF 2.1.0 with exactly one run, as GitHub code scanning accepts and renders it (CLI spec §5.3).

use std::collections::BTreeMap;

use eventlint_diagnostics::{Range, ResolvedDiagnostic, Severity};
use serde_json::{Value, json};

use super::{Rendered, Report, RuleDoc, plural};

/// GitHub accepts at most this many results per run.
pub const MAX_RESULTS: usize = 25_000;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render(report: &Report) -> Rendered {
    let (kept, dropped) = most_severe(report.diagnostics, MAX_RESULTS);
    let rules = rule_index(&kept);
    let rule_entries: Vec<Value> = rules.keys().map(|rule| rule_entry(report, rule, &kept)).collect();
    let results: Vec<Value> = kept.iter().map(|d| result(d, rules[d.rule.as_str()])).collect();
    let mut invocation = json!({"executionSuccessful": !report.has_load_errors()});
    let mut stderr_notes = Vec::new();
    if dropped > 0 {
        let text = format!(
            "SARIF output keeps the {MAX_RESULTS} most severe findings, the most GitHub accepts per run; {} left out",
            plural(dropped, "finding")
        );
        invocation["toolExecutionNotifications"] = json!([{"level": "warning", "message": {"text": text}}]);
        stderr_notes.push(format!("warning: {text}"));
    }
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "eventlint", "version": env!("CARGO_PKG_VERSION"), "rules": rule_entries}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let text = serde_json::to_string_pretty(&document).unwrap_or_default() + "\n";
    Rendered { text, stderr_notes, step_summary: None }
}

/// The `limit` most severe findings, in their original order, and how many were left out.
fn most_severe(diagnostics: &[ResolvedDiagnostic], limit: usize) -> (Vec<&ResolvedDiagnostic>, usize) {
    let mut by_severity: Vec<usize> = (0..diagnostics.len()).collect();
    by_severity.sort_by_key(|&index| std::cmp::Reverse(diagnostics[index].severity));
    by_severity.truncate(limit);
    by_severity.sort_unstable();
    let kept: Vec<&ResolvedDiagnostic> = by_severity.into_iter().map(|index| &diagnostics[index]).collect();
    let dropped = diagnostics.len() - kept.len();
    (kept, dropped)
}

/// Every rule with a result, sorted by name, to its `ruleIndex`.
fn rule_index<'a>(diagnostics: &[&'a ResolvedDiagnostic]) -> BTreeMap<&'a str, usize> {
    let mut rules: BTreeMap<&str, usize> = diagnostics.iter().map(|d| (d.rule.as_str(), 0)).collect();
    for (index, slot) in rules.values_mut().enumerate() {
        *slot = index;
    }
    rules
}

fn rule_entry(report: &Report, rule: &str, diagnostics: &[&ResolvedDiagnostic]) -> Value {
    let doc = report.docs.rule_doc(rule).unwrap_or_else(|| {
        let first = diagnostics.iter().find(|d| d.rule == rule);
        RuleDoc {
            summary: format!("eventlint rule `{rule}`"),
            markdown: format!("eventlint rule `{rule}`."),
            url: None,
            default_severity: first.map_or(Severity::Warning, |d| d.severity),
            category: first.and_then(|d| d.category.clone()),
        }
    });
    let mut entry = json!({
        "id": rule,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.markdown},
        "help": {"text": doc.markdown, "markdown": doc.markdown},
        "defaultConfiguration": {"level": level(doc.default_severity)},
    });
    if let Some(url) = doc.url {
        entry["helpUri"] = json!(url);
    }
    if let Some(category) = doc.category {
        entry["properties"] = json!({"tags": [category]});
    }
    entry
}

fn result(diagnostic: &ResolvedDiagnostic, rule_index: usize) -> Value {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity),
        "message": {"text": text},
        "partialFingerprints": {"eventlint/v1": diagnostic.fingerprint},
    });
    if let (Some(file), Some(range)) = (&diagnostic.file, diagnostic.range) {
        let label = diagnostic.original.primary.as_ref().and_then(|l| l.message.clone());
        result["locations"] = json!([location(file, range, label.as_deref(), None)]);
    }
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .enumerate()
        .map(|(index, label)| location(&label.file, label.range, label.message.as_deref(), Some(index + 1)))
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

fn location(file: &str, range: Range, message: Option<&str>, id: Option<usize>) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri_reference(file)},
            "region": {
                "startLine": range.start.line,
                "startColumn": range.start.column,
                "endLine": range.end.line,
                "endColumn": range.end.column,
            },
        },
    });
    if let Some(id) = id {
        location["id"] = json!(id);
    }
    if let Some(message) = message {
        location["message"] = json!({"text": message});
    }
    location
}

/// A relative path as an RFC 3986 relative reference: every byte outside the unreserved and sub-delim characters
/// (`:` included, which would read as a scheme) is percent-encoded.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("schemas/Payment.avsc"), "schemas/Payment.avsc");
        assert_eq!(uri_reference("my dir/a:b#1.yaml"), "my%20dir/a%3Ab%231.yaml");
        assert_eq!(uri_reference("é.yaml"), "%C3%A9.yaml");
    }
}
