//! `concise`: one `file:line:col: severity[rule] message` line per finding, then the summary line.

use eventlint_diagnostics::render_concise;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out: String = report.diagnostics.iter().map(|d| render_concise(d) + "\n").collect();
    out.push_str(&report.summary.line());
    out.push('\n');
    out
}
