//! One project from in-memory files: which file is a catalog, a scenario or a schema, and the model they form.
//!
//! The CLI and the playground both hand files here; this crate never touches the filesystem.

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Sources, Span};

/// A file handed in by the caller, with its project-relative `/` path.
pub struct InputFile {
    pub path: String,
    pub contents: Result<Vec<u8>, ReadProblem>,
}

/// Why the caller could not hand over a file's bytes; each becomes a located load error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// The file is larger than `max-file-bytes`; it was never read.
    TooLarge(u64),
    /// The file could not be read (a symlink loop, permissions, …).
    Unreadable(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    Catalog,
    Scenario,
    Schema,
    /// A YAML file without a top-level `eventlint` or `scenario` key: not eventlint's business.
    Ignored,
}

/// The YAML document starts a line with `key:` (the cheap first step of catalog-format §1).
fn has_top_level_key(text: &str, key: &str) -> bool {
    text.lines().any(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// The role of a file, from its extension and, for YAML, a cheap look at its top-level keys.
pub fn classify(path: &str, text: &str) -> FileRole {
    if path.ends_with(".avsc") {
        FileRole::Schema
    } else if has_top_level_key(text, "eventlint") {
        FileRole::Catalog
    } else if has_top_level_key(text, "scenario") {
        FileRole::Scenario
    } else {
        FileRole::Ignored
    }
}

/// Decodes UTF-8 (a BOM is dropped); invalid bytes become a located `load/*-syntax` error and lossy text.
pub fn decode(file_kind: &str, bytes: &[u8]) -> (String, Option<(usize, Diagnostic)>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(error) => {
            let offset = error.valid_up_to();
            let diagnostic = Diagnostic::load(
                if file_kind == "schema" { "json-syntax" } else { "yaml-syntax" },
                format!("invalid UTF-8 at byte {offset}"),
            )
            .with_help("save the file as UTF-8");
            (String::from_utf8_lossy(bytes).into_owned(), Some((offset, diagnostic)))
        }
    }
}

/// The project as loaded: every file's text, and which role each plays.
pub struct Project {
    pub sources: Sources,
    pub files: Vec<(FileId, FileRole)>,
}

pub struct ProjectOptions {
    pub limits: Limits,
}

/// Loads every file into one project; problems are diagnostics, never panics.
pub fn load_project(inputs: Vec<InputFile>, options: &ProjectOptions) -> (Project, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for input in inputs {
        let bytes = match input.contents {
            Ok(bytes) => bytes,
            Err(problem) => {
                let file = sources.add(input.path, "");
                diagnostics.push(read_problem(problem, file, &options.limits));
                continue;
            }
        };
        let kind = if input.path.ends_with(".avsc") { "schema" } else { "catalog" };
        let (text, error) = decode(kind, &bytes);
        let role = classify(&input.path, &text);
        let file = sources.add(input.path, text);
        if let Some((offset, diagnostic)) = error {
            diagnostics.push(diagnostic.with_primary(Span::at(file, offset), "not UTF-8"));
        }
        if bytes.len() > options.limits.max_file_bytes {
            diagnostics.push(read_problem(ReadProblem::TooLarge(bytes.len() as u64), file, &options.limits));
        }
        files.push((file, role));
    }
    (Project { sources, files }, diagnostics)
}

fn read_problem(problem: ReadProblem, file: FileId, limits: &Limits) -> Diagnostic {
    match problem {
        ReadProblem::TooLarge(size) => Diagnostic::load(
            "limit-exceeded",
            format!("file has {size} bytes, more than the limit of {} bytes", limits.max_file_bytes),
        )
        .with_primary(Span::at(file, 0), "not read")
        .with_help("split the file, or raise `[limits] max-file-bytes` in `eventlint.toml`"),
        ReadProblem::Unreadable(reason) => Diagnostic::load("unreadable-file", format!("cannot read file: {reason}"))
            .with_primary(Span::at(file, 0), ())
            .with_help("fix the file's permissions or links, or exclude it with `[catalog] exclude`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension_and_top_level_key() {
        assert_eq!(classify("a.avsc", ""), FileRole::Schema);
        assert_eq!(classify("a.yaml", "# c\neventlint: 1\n"), FileRole::Catalog);
        assert_eq!(classify("a.yaml", "scenario : 1\n"), FileRole::Scenario);
        assert_eq!(classify("a.yaml", "  eventlint: 1\nname: x\n"), FileRole::Ignored);
        assert_eq!(classify("ci.yml", "on: push\n"), FileRole::Ignored);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (_, error) = decode("catalog", b"eventlint: 1\nx: \xff\n");
        assert_eq!(error.map(|(offset, _)| offset), Some(16));
    }
}
