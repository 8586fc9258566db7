//! `full`: miette snippets for every finding, then the summary line.

use eventlint_diagnostics::render_full;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out: String = report
        .diagnostics
        .iter()
        .map(|d| render_full(report.sources, &d.original, report.color, report.width) + "\n")
        .collect();
    out.push_str(&report.summary.line());
    out.push('\n');
    out
}
