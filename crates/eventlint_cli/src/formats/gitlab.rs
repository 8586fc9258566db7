//! `gitlab`: GitLab Code Quality JSON, every field present (GitLab drops issues with a missing field).

use eventlint_diagnostics::{Position, Range, Severity};
use serde::Serialize;

use super::Report;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// Findings without a location point at the project root, line 1, so that GitLab still shows them.
pub fn render(report: &Report) -> String {
    let start = Position { line: 1, column: 1 };
    let issues: Vec<Issue> = report
        .diagnostics
        .iter()
        .map(|d| {
            let range = d.range.unwrap_or(Range { start, end: start });
            Issue {
                description: format!("{}: {}", d.rule, d.message),
                check_name: &d.rule,
                fingerprint: &d.fingerprint,
                severity: severity(d.severity),
                location: Location {
                    path: d.file.as_deref().unwrap_or("."),
                    positions: Positions { begin: range.start, end: range.end },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}
