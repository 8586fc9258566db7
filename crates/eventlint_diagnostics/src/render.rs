//! Turns diagnostics into positioned records and into the human formats (`full` through miette, `concise`).

use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Kind, Label, Severity, Subject};
use crate::fingerprint::Fingerprinter;
use crate::source::{LineCol, Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResolvedLabel {
    pub file: String,
    pub range: Range,
    pub message: Option<String>,
}

/// A diagnostic with file paths, 1-based positions and its fingerprint: the record every output format renders.
#[derive(Clone, Debug, Serialize)]
pub struct ResolvedDiagnostic {
    pub kind: Kind,
    pub rule: String,
    pub category: Option<String>,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
    pub file: Option<String>,
    pub range: Option<Range>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub end_line: Option<u32>,
    pub end_column: Option<u32>,
    pub labels: Vec<ResolvedLabel>,
    pub logical_path: String,
    /// Same as `logical_path`; kept because the foundation issue names the field `path`.
    pub path: String,
    pub subject: Option<Subject>,
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
    pub url: Option<String>,
    #[serde(skip)]
    pub original: Diagnostic,
}

fn to_range(sources: &Sources, span: Span, utf16: bool) -> Range {
    let file = sources.get(span.file);
    let convert = |offset| {
        let LineCol { line, column } = if utf16 { file.utf16_line_col(offset) } else { file.line_col(offset) };
        Position { line, column }
    };
    Range { start: convert(span.start), end: convert(span.end) }
}

fn resolve_label(sources: &Sources, label: &Label, utf16: bool) -> ResolvedLabel {
    ResolvedLabel {
        file: sources.get(label.span.file).path().to_owned(),
        range: to_range(sources, label.span, utf16),
        message: label.message.clone(),
    }
}

/// Positions every diagnostic, sorts them by file, line, column, rule and fingerprint, and assigns fingerprints.
///
/// `utf16` selects UTF-16 columns (the playground) instead of code points (everything else).
pub fn resolve_all(sources: &Sources, diagnostics: &[Diagnostic], utf16: bool) -> Vec<ResolvedDiagnostic> {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    let sort_key = |d: &Diagnostic| {
        let file = d.primary.as_ref().map(|l| sources.get(l.span.file).path().to_owned());
        let start = d.primary.as_ref().map(|l| (l.span.start, l.span.end));
        (file, start, d.code.clone(), d.logical_path.clone(), d.message.clone())
    };
    ordered.sort_by_cached_key(|d| sort_key(d));
    let mut fingerprinter = Fingerprinter::default();
    let mut resolved: Vec<ResolvedDiagnostic> = ordered
        .into_iter()
        .map(|d| {
            let primary = d.primary.as_ref().map(|label| resolve_label(sources, label, utf16));
            let file = primary.as_ref().map(|l| l.file.clone());
            let range = primary.as_ref().map(|l| l.range);
            let fingerprint = fingerprinter.next(&d.code, file.as_deref().unwrap_or(""), &d.logical_path);
            ResolvedDiagnostic {
                kind: d.kind,
                rule: d.code.clone(),
                category: d.category.clone(),
                severity: d.severity,
                message: d.message.clone(),
                help: d.help.clone(),
                notes: d.notes.clone(),
                line: range.map(|r| r.start.line),
                column: range.map(|r| r.start.column),
                end_line: range.map(|r| r.end.line),
                end_column: range.map(|r| r.end.column),
                file,
                range,
                labels: d.secondary.iter().map(|label| resolve_label(sources, label, utf16)).collect(),
                logical_path: d.logical_path.clone(),
                path: d.logical_path.clone(),
                subject: d.subject.clone(),
                fingerprint,
                data: d.data.clone(),
                url: None,
                original: d.clone(),
            }
        })
        .collect();
    resolved
        .sort_by(|a, b| (&a.file, a.range, &a.rule, &a.fingerprint).cmp(&(&b.file, b.range, &b.rule, &b.fingerprint)));
    resolved
}

/// `file:line:col: severity[rule] message`, one line per finding.
pub fn render_concise(diagnostic: &ResolvedDiagnostic) -> String {
    let location = match (&diagnostic.file, diagnostic.range) {
        (Some(file), Some(range)) => format!("{file}:{}:{}: ", range.start.line, range.start.column),
        _ => String::new(),
    };
    format!("{location}{}[{}] {}", diagnostic.severity.as_str(), diagnostic.rule, diagnostic.message)
}

/// The miette rendering with source snippets, labels in other files as nested reports, then `help:` and notes.
pub fn render_full(sources: &Sources, diagnostic: &Diagnostic, color: bool, width: usize) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let mut theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    theme.characters.error = String::new();
    theme.characters.warning = String::new();
    theme.characters.advice = String::new();
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(1)
        .with_wrap_lines(false);
    let report = MietteReport::new(sources, diagnostic);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{}[{}]: {}\n", diagnostic.severity.as_str(), diagnostic.code, diagnostic.message);
    }
    out
}

/// A diagnostic in miette's terms. Labels may sit in several files: [`MultiFileSource`] lays the files end to end
/// in one virtual text, so miette draws one snippet per file, each headed by its own path.
struct MietteReport {
    header: String,
    severity: miette::Severity,
    source: MultiFileSource,
    labels: Vec<miette::LabeledSpan>,
    help: Option<String>,
}

impl MietteReport {
    fn new(sources: &Sources, diagnostic: &Diagnostic) -> Self {
        let header = format!("{}[{}]: {}", diagnostic.severity.as_str(), diagnostic.code, diagnostic.message);
        let mut source = MultiFileSource { files: Vec::new() };
        let mut labels = Vec::new();
        let all = diagnostic.primary.iter().map(|l| (true, l)).chain(diagnostic.secondary.iter().map(|l| (false, l)));
        for (is_primary, label) in all {
            let line = sources.get(label.span.file).line_col(label.span.start).line;
            let base = source.base_of(sources, label.span.file, line);
            let span = miette::SourceSpan::new((base + label.span.start as usize).into(), label.span.len());
            labels.push(if is_primary {
                miette::LabeledSpan::new_primary_with_span(label.message.clone(), span)
            } else {
                miette::LabeledSpan::new_with_span(label.message.clone(), span)
            });
        }
        let mut help_lines: Vec<String> = diagnostic.help.iter().cloned().collect();
        help_lines.extend(diagnostic.notes.iter().map(|note| format!("note: {note}")));
        let help = (!help_lines.is_empty()).then(|| help_lines.join("\n"));
        let severity = match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        MietteReport { header, severity, source, labels, help }
    }
}

/// Copies of files laid end to end, separated by a gap so that miette never merges their snippets.
///
/// Labels more than [`NEARBY_LINES`] apart get a copy each, so one snippet never spans the lines between them.
struct MultiFileSource {
    /// File, first labelled line, base offset, path, text.
    files: Vec<(crate::FileId, u32, usize, String, std::sync::Arc<str>)>,
}

const FILE_GAP: usize = 1 << 20;
const NEARBY_LINES: u32 = 3;

impl MultiFileSource {
    fn base_of(&mut self, sources: &Sources, file: crate::FileId, line: u32) -> usize {
        let nearby = |&&(id, first, ..): &&(crate::FileId, u32, usize, String, std::sync::Arc<str>)| {
            id == file && first.abs_diff(line) <= NEARBY_LINES
        };
        if let Some((_, _, base, ..)) = self.files.iter().find(nearby) {
            return *base;
        }
        let base = self.files.last().map_or(0, |(_, _, base, _, text)| base + text.len() + FILE_GAP);
        let source_file = sources.get(file);
        self.files.push((file, line, base, source_file.path().to_owned(), source_file.shared_text()));
        base
    }
}

impl miette::SourceCode for MultiFileSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let (_, _, base, name, text) = self
            .files
            .iter()
            .rev()
            .find(|(_, _, base, ..)| *base <= span.offset())
            .ok_or(miette::MietteError::OutOfBounds)?;
        let local = miette::SourceSpan::new((span.offset() - base).into(), span.len());
        let contents = text.as_ref().read_span(&local, context_lines_before, context_lines_after)?;
        let virtual_span = miette::SourceSpan::new((contents.span().offset() + base).into(), contents.span().len());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            name.clone(),
            contents.data(),
            virtual_span,
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for MietteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl fmt::Display for MietteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for MietteReport {}

impl miette::Diagnostic for MietteReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        (!self.labels.is_empty()).then_some(&self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = _>>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Sources, Span};

    #[test]
    fn full_rendering_shows_snippets_in_both_files_and_help() {
        let mut sources = Sources::new();
        let catalog = sources.add("payments.catalog.yaml", "messages:\n  PaymentStatusChanged:\n    key: merchantId\n");
        let other = sources.add("topics.catalog.yaml", "topics:\n  payments.events.v1:\n    key: paymentId\n");
        let key = sources.get(catalog).text().find("merchantId").unwrap();
        let topic_key = sources.get(other).text().find("paymentId").unwrap();
        let diagnostic = Diagnostic::warn("key-mismatch-with-topic", "`PaymentStatusChanged` is keyed by `merchantId`")
            .with_primary(Span::new(catalog, key, key + 10), "records of one payment end up on different partitions")
            .with_label(Span::new(other, topic_key, topic_key + 9), "topic key declared here")
            .with_help("key `PaymentStatusChanged` by `paymentId`")
            .with_note("evidence: sole consumer (+1)");
        insta::assert_snapshot!(render_full(&sources, &diagnostic, false, 80));
    }

    #[test]
    fn resolve_sorts_and_positions() {
        let mut sources = Sources::new();
        let file = sources.add("b.yaml", "a: 1\nb: 2\n");
        let diagnostics = vec![
            Diagnostic::warn("r2", "second").with_primary(Span::new(file, 5, 6), ()).with_path("/b"),
            Diagnostic::warn("r1", "first").with_primary(Span::new(file, 0, 1), ()).with_path("/a"),
        ];
        let resolved = resolve_all(&sources, &diagnostics, false);
        assert_eq!(resolved[0].rule, "r1");
        assert_eq!(render_concise(&resolved[1]), "b.yaml:2:1: warning[r2] second");
        assert_eq!(resolved[1].end_column, Some(2));
    }
}
