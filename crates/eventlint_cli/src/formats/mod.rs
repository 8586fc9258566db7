//! Report formats of `check` (CLI spec §5.3): one module per format, all rendering the same resolved findings.

mod concise;
mod docs;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod statistics;

#[cfg(test)]
mod tests;

use std::io::IsTerminal;

use eventlint_diagnostics::{ResolvedDiagnostic, Severity, Sources};
use serde::Serialize;

use crate::args::{ColorChoice, OutputFormat};

#[cfg(test)]
use docs::LoadErrorDocs;
pub use docs::{CatalogueDocs, RuleDoc, RuleDocs};
pub(crate) use junit::escape as xml_escape;

/// Counts shown in summaries and in the JSON envelope.
#[derive(Serialize, Default, Debug)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    pub baselined: usize,
    /// Baseline entries that matched no finding any more; rewriting the baseline drops them.
    pub stale: usize,
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

    /// `Found 10 findings: 2 errors, 8 warnings.`, then what suppressions and the baseline hid, when anything.
    pub fn line(&self) -> String {
        let total = self.errors + self.warnings + self.infos;
        let mut line = if total == 0 {
            "All checks passed.".to_owned()
        } else {
            let parts: Vec<String> = [(self.errors, "error"), (self.warnings, "warning"), (self.infos, "info")]
                .into_iter()
                .filter(|&(n, _)| n > 0)
                .map(|(n, word)| plural(n, word))
                .collect();
            format!("Found {}: {}.", plural(total, "finding"), parts.join(", "))
        };
        let hidden: Vec<String> =
            [(self.suppressed, "suppressed"), (self.baselined, "in baseline"), (self.stale, "stale in baseline")]
                .into_iter()
                .filter(|&(n, _)| n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
        if !hidden.is_empty() {
            line.push_str(&format!(" ({})", hidden.join(", ")));
        }
        line
    }
}

/// `1 finding`, `2 findings`.
pub fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
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

/// The terminal width for `full`: `$COLUMNS` when sensible, else 100.
pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w| w >= 40).unwrap_or(100)
}

/// Everything a format may need: the files, the sorted findings, the counts and the rule documentation.
pub struct Report<'a> {
    pub sources: &'a Sources,
    pub diagnostics: &'a [ResolvedDiagnostic],
    pub summary: &'a Summary,
    pub fail_level: Severity,
    pub docs: &'a dyn RuleDocs,
    pub color: bool,
    pub width: usize,
}

impl Report<'_> {
    pub fn has_load_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.kind == eventlint_diagnostics::Kind::Load)
    }
}

/// A rendered report, plus what goes elsewhere: notes for stderr and, for `github`, the step summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub stderr_notes: Vec<String>,
    /// Markdown to append to `$GITHUB_STEP_SUMMARY` when that variable is set.
    pub step_summary: Option<String>,
}

impl From<String> for Rendered {
    fn from(text: String) -> Self {
        Rendered { text, ..Rendered::default() }
    }
}

pub fn render(format: OutputFormat, report: &Report) -> Rendered {
    match format {
        OutputFormat::Full => full::render(report).into(),
        OutputFormat::Concise => concise::render(report).into(),
        OutputFormat::Json => json::render(report).into(),
        OutputFormat::JsonLines => json::render_lines(report).into(),
        OutputFormat::Github => github::render(report),
        OutputFormat::Gitlab => gitlab::render(report).into(),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Junit => junit::render(report).into(),
    }
}

/// `--statistics`: a JSON array for the JSON formats, else one tab-separated line per rule.
pub fn render_statistics(format: OutputFormat, report: &Report) -> String {
    let rows = statistics::rows(report.diagnostics);
    match format {
        OutputFormat::Json => statistics::json(&rows),
        OutputFormat::JsonLines => statistics::json_lines(&rows),
        _ => statistics::text(&rows),
    }
}
