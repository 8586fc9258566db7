//! Report formats of `check` (CLI spec §5.3): `full`, `concise` and the stable `json` document.

use std::io::IsTerminal;

use eventlint_diagnostics::{ResolvedDiagnostic, Severity, Sources, render_concise, render_full};
use serde::Serialize;

use crate::args::{ColorChoice, OutputFormat};

/// Counts shown in summaries and in the JSON envelope.
#[derive(Serialize, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    pub baselined: usize,
    pub fail_level: &'static str,
    pub exit_code: u8,
}

impl Summary {
    pub fn count(diagnostics: &[ResolvedDiagnostic], fail_level: Severity, exit_code: u8) -> Self {
        let of = |severity| diagnostics.iter().filter(|d| d.severity == severity).count();
        Summary {
            errors: of(Severity::Error),
            warnings: of(Severity::Warning),
            infos: of(Severity::Info),
            fail_level: fail_level.as_str(),
            exit_code,
            ..Summary::default()
        }
    }

    /// `Found 10 findings: 2 errors, 8 warnings.`
    fn line(&self) -> String {
        let total = self.errors + self.warnings + self.infos;
        if total == 0 {
            return "All checks passed.".to_owned();
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let parts: Vec<String> = [(self.errors, "error"), (self.warnings, "warning"), (self.infos, "info")]
            .into_iter()
            .filter(|&(n, _)| n > 0)
            .map(|(n, word)| plural(n, word))
            .collect();
        format!("Found {}: {}.", plural(total, "finding"), parts.join(", "))
    }
}

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w| w >= 40).unwrap_or(100)
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool,
    summary: &'a Summary,
    diagnostics: &'a [ResolvedDiagnostic],
}

pub fn render(
    format: OutputFormat,
    sources: &Sources,
    diagnostics: &[ResolvedDiagnostic],
    summary: &Summary,
    color: bool,
) -> String {
    match format {
        OutputFormat::Full => {
            let mut out: String =
                diagnostics.iter().map(|d| render_full(sources, &d.original, color, width()) + "\n").collect();
            out.push_str(&summary.line());
            out.push('\n');
            out
        }
        OutputFormat::Concise => {
            let mut out: String = diagnostics.iter().map(|d| render_concise(d) + "\n").collect();
            out.push_str(&summary.line());
            out.push('\n');
            out
        }
        OutputFormat::Json => {
            let report = JsonReport {
                schema: "eventlint.check/v1",
                tool: Tool { name: "eventlint", version: env!("CARGO_PKG_VERSION") },
                summary,
                diagnostics,
            };
            serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
        }
    }
}
