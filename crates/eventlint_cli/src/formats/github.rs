//! `github`: GitHub Actions workflow commands, within GitHub's annotation limits, plus a step-summary table.

use eventlint_diagnostics::{ResolvedDiagnostic, Severity, render_concise};

use super::{Rendered, Report, plural};

/// GitHub shows at most this many annotations of one type (error, warning, notice) per step.
const PER_TYPE: usize = 10;
/// … and at most this many per job.
const PER_JOB: usize = 50;

/// Errors first, then warnings, then notices; what GitHub would not show is logged as plain lines and counted in a
/// closing `::notice::`, for which one notice slot is kept free.
pub fn render(report: &Report) -> Rendered {
    let mut out = String::new();
    let mut shown = 0;
    let mut hidden: Vec<&ResolvedDiagnostic> = Vec::new();
    let total = report.diagnostics.len();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<&ResolvedDiagnostic> = report.diagnostics.iter().filter(|d| d.severity == severity).collect();
        let notices_needed = severity == Severity::Info && (!hidden.is_empty() || group.len() > PER_TYPE);
        let room = PER_TYPE.min(PER_JOB.saturating_sub(shown + 1)).saturating_sub(usize::from(notices_needed));
        let (annotated, rest) = group.split_at(group.len().min(room));
        for diagnostic in annotated {
            out.push_str(&annotation(diagnostic));
        }
        shown += annotated.len();
        hidden.extend(rest);
    }
    for diagnostic in &hidden {
        out.push_str(&render_concise(diagnostic));
        out.push('\n');
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "::notice title=eventlint::{} of {total} not shown as annotations, because GitHub shows at most {PER_TYPE} \
             per type and step; see the log, the step summary or the SARIF upload\n",
            plural(hidden.len(), "finding"),
        ));
    }
    let step_summary = step_summary(report);
    Rendered { text: out, stderr_notes: Vec::new(), step_summary: Some(step_summary) }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=eventlint rule::message%0Ahelp: …`
fn annotation(diagnostic: &ResolvedDiagnostic) -> String {
    let mut properties: Vec<(&str, String)> = Vec::new();
    if let (Some(file), Some(range)) = (&diagnostic.file, diagnostic.range) {
        properties.push(("file", file.clone()));
        properties.push(("line", range.start.line.to_string()));
        properties.push(("endLine", range.end.line.to_string()));
        if range.start.line == range.end.line {
            properties.push(("col", range.start.column.to_string()));
            properties.push(("endColumn", range.end.column.to_string()));
        }
    }
    properties.push(("title", format!("eventlint {}", diagnostic.rule)));
    let properties: Vec<String> =
        properties.into_iter().map(|(key, value)| format!("{key}={}", escape_property(&value))).collect();
    let mut parts = vec![diagnostic.message.clone()];
    parts.extend(diagnostic.help.iter().map(|help| format!("help: {help}")));
    parts.extend(diagnostic.notes.iter().map(|note| format!("note: {note}")));
    format!("::{} {}::{}\n", command(diagnostic.severity), properties.join(","), escape_data(&parts.join("\n")))
}

/// actions/toolkit `escapeData`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// actions/toolkit `escapeProperty`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown table of every finding, for `$GITHUB_STEP_SUMMARY`.
fn step_summary(report: &Report) -> String {
    let mut out = format!("### eventlint\n\n{}\n", report.summary.line());
    if report.diagnostics.is_empty() {
        return out;
    }
    out.push_str("\n| severity | rule | location | message |\n|---|---|---|---|\n");
    for diagnostic in report.diagnostics {
        let location = match (&diagnostic.file, diagnostic.range) {
            (Some(file), Some(range)) => format!("{file}:{}:{}", range.start.line, range.start.column),
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let cells = [diagnostic.severity.as_str(), &format!("`{}`", diagnostic.rule), &location, &message];
        let cells: Vec<String> = cells.iter().map(|cell| table_cell(cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Pipes would end the cell and newlines the row.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn table_cells_cannot_break_the_table() {
        assert_eq!(table_cell("a | b\nc"), "a \\| b<br>c");
    }
}
