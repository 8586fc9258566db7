//! `junit`: one test suite per input file, one failing test case per finding at or above the fail level.

use std::collections::BTreeMap;

use eventlint_diagnostics::{ResolvedDiagnostic, render_concise};

use super::Report;

/// Findings below the fail level are left out, so the JUnit view agrees with the exit code. The `--against` base's
/// files are not inputs, so they get no suite of their own.
pub fn render(report: &Report) -> String {
    let mut suites: BTreeMap<&str, Vec<&ResolvedDiagnostic>> = report
        .sources
        .iter()
        .filter(|(_, file)| !file.is_other_tree())
        .map(|(_, file)| (file.path(), Vec::new()))
        .collect();
    for diagnostic in report.diagnostics.iter().filter(|d| d.severity >= report.fail_level) {
        suites.entry(diagnostic.file.as_deref().unwrap_or("eventlint")).or_default().push(diagnostic);
    }
    let tests: usize = suites.values().map(|failures| failures.len().max(1)).sum();
    let failures: usize = suites.values().map(Vec::len).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<testsuites name=\"eventlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"));
    for (file, findings) in &suites {
        let file = escape(file);
        out.push_str(&format!(
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
            findings.len().max(1),
            findings.len()
        ));
        if findings.is_empty() {
            out.push_str(&format!("    <testcase name=\"eventlint\" classname=\"{file}\" file=\"{file}\"/>\n"));
        }
        for finding in findings {
            let line = finding.range.map_or(1, |r| r.start.line);
            out.push_str(&format!(
                "    <testcase name=\"eventlint.{}\" classname=\"{file}\" file=\"{file}\" line=\"{line}\">\n",
                escape(&finding.rule)
            ));
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                finding.severity.as_str(),
                escape(&finding.message),
                escape(&render_concise(finding))
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// XML 1.0 text and attribute escaping; characters XML cannot carry at all become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b & \"c\"\n\u{1}"), "a&lt;b &amp; &quot;c&quot;&#10;\u{FFFD}");
    }
}
