//! `--statistics`: one row per rule and severity with its count, most frequent first.

use std::collections::BTreeMap;

use eventlint_diagnostics::{ResolvedDiagnostic, Severity};
use serde::Serialize;

#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub count: usize,
}

/// Sorted by count (descending), then rule and severity, so the output is deterministic.
pub fn rows(diagnostics: &[ResolvedDiagnostic]) -> Vec<Row<'_>> {
    let mut counts: BTreeMap<(&str, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
    for diagnostic in diagnostics {
        *counts.entry((diagnostic.rule.as_str(), std::cmp::Reverse(diagnostic.severity))).or_default() += 1;
    }
    let mut rows: Vec<Row> =
        counts.into_iter().map(|((rule, severity), count)| Row { rule, severity: severity.0, count }).collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.count));
    rows
}

/// `count<TAB>rule<TAB>severity` lines.
pub fn text(rows: &[Row]) -> String {
    rows.iter().map(|row| format!("{}\t{}\t{}\n", row.count, row.rule, row.severity.as_str())).collect()
}

pub fn json(rows: &[Row]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_default() + "\n"
}

pub fn json_lines(rows: &[Row]) -> String {
    rows.iter().map(|row| serde_json::to_string(row).unwrap_or_default() + "\n").collect()
}
