//! Loaded files and byte spans into them; line and column are computed only when a diagnostic is rendered.

use std::sync::Arc;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start: start as u32, end: end.max(start) as u32 }
    }

    /// An empty span at `offset`, for "here" markers such as a missing key.
    pub fn at(file: FileId, offset: usize) -> Self {
        Span::new(file, offset, offset)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both (same file assumed).
    pub fn cover(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A 1-based line and a 1-based column counted in Unicode code points (UTF-16 units with [`Sources::utf16_line_col`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// One loaded file: its project-relative path (with `/`) and its text.
#[derive(Debug)]
pub struct SourceFile {
    path: String,
    /// Where the path inside the file's tree starts in `path`: after the `HEAD:` of an `--against` base file.
    tree_path_start: usize,
    text: Arc<str>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut line_starts = vec![0u32];
        line_starts.extend(memchr_newlines(&text));
        SourceFile { path: path.into(), tree_path_start: 0, text, line_starts }
    }

    /// The path as shown in reports: project-relative, or `HEAD:schemas/a.avsc` for a file of another tree.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path inside the file's own tree, which references between its files use (`schemas/a.avsc`).
    pub fn tree_path(&self) -> &str {
        self.path.get(self.tree_path_start..).unwrap_or(&self.path)
    }

    /// Whether the file belongs to another tree than the project's (the `--against` base).
    pub fn is_other_tree(&self) -> bool {
        self.tree_path_start > 0
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn shared_text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// Line and code-point column of a byte offset (clamped to the text, snapped to a char boundary).
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.line_col_with(offset, |s| s.chars().count())
    }

    /// Line and UTF-16 column of a byte offset, as editors in the browser count.
    pub fn utf16_line_col(&self, offset: u32) -> LineCol {
        self.line_col_with(offset, |s| s.encode_utf16().count())
    }

    fn line_col_with(&self, offset: u32, width: impl Fn(&str) -> usize) -> LineCol {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start as usize <= offset) - 1;
        let line_start = self.line_starts[line] as usize;
        LineCol { line: line as u32 + 1, column: width(&self.text[line_start..offset]) as u32 + 1 }
    }

    /// The byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)? as usize).map(|&start| start as usize)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1)
}

/// Every file of one run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    by_path: std::collections::HashMap<String, FileId>,
}

impl Sources {
    pub fn new() -> Self {
        Sources::default()
    }

    /// Adds a file; [`Sources::find`] keeps answering with the first file of a path.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        let path = path.into();
        let id = FileId(self.files.len() as u32);
        self.by_path.entry(path.clone()).or_insert(id);
        self.files.push(SourceFile::new(path, text));
        id
    }

    /// Adds a file of another tree (the `--against` base), shown as `tree_prefix` + `path` (`HEAD:` +
    /// `schemas/a.avsc`); [`SourceFile::tree_path`] keeps `path`, so the tree's own references still resolve.
    pub fn add_in_tree(&mut self, tree_prefix: &str, path: &str, text: impl Into<Arc<str>>) -> FileId {
        let id = self.add(format!("{tree_prefix}{path}"), text);
        self.files[id.0 as usize].tree_path_start = tree_prefix.len();
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, path: &str) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The source text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let text = self.get(span.file).text();
        text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_code_points_and_utf16_units() {
        let file = SourceFile::new("a.yaml", "ab\ncafé: 😀x\n");
        let x = file.text().find('x').unwrap() as u32;
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 8 });
        assert_eq!(file.utf16_line_col(x), LineCol { line: 2, column: 9 });
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(10_000), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn files_of_another_tree_are_shown_with_its_prefix() {
        let mut sources = Sources::new();
        let current = sources.add("schemas/a.avsc", "{}");
        let base = sources.add_in_tree("origin/main:", "schemas/a.avsc", "{}");
        let shown = |id| (sources.get(id).path(), sources.get(id).tree_path(), sources.get(id).is_other_tree());
        assert_eq!(shown(current), ("schemas/a.avsc", "schemas/a.avsc", false));
        assert_eq!(shown(base), ("origin/main:schemas/a.avsc", "schemas/a.avsc", true));
        assert_eq!(sources.find("schemas/a.avsc"), Some(current));
        assert_eq!(sources.find("origin/main:schemas/a.avsc"), Some(base));
    }
}
