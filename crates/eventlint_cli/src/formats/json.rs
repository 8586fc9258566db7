//! `json` (one `eventlint.check/v1` document) and `json-lines` (one finding per line, no envelope).

use eventlint_diagnostics::ResolvedDiagnostic;
use serde::Serialize;

use super::{Report, Summary};

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: Tool = Tool { name: "eventlint", version: env!("CARGO_PKG_VERSION") };

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool,
    summary: &'a Summary,
    diagnostics: &'a [ResolvedDiagnostic],
}

pub fn render(report: &Report) -> String {
    let document = JsonReport {
        schema: "eventlint.check/v1",
        tool: TOOL,
        summary: report.summary,
        diagnostics: report.diagnostics,
    };
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

pub fn render_lines(report: &Report) -> String {
    report.diagnostics.iter().map(|d| serde_json::to_string(d).unwrap_or_default() + "\n").collect()
}
