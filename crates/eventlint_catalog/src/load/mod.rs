//! The loader: reads every catalog file, merges them into one model with global names, resolves references and
//! inherited values, and reports every load error it finds (catalog-format §14).

mod file;
mod resolve;
mod syntax;

use std::collections::BTreeMap;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Sources};
use eventlint_yaml::{YamlNode, directives, parse};

pub use syntax::{NameKind, check_key_path, check_name};

use crate::model::Model;
use file::FileReader;

/// Loads catalogs that are already parsed into one model.
///
/// `schema_file_exists` answers for a normalised project-relative path (`schemas/A.avsc`); the loader never
/// reads files itself. Sources must hold the text of every file, for comment directives and the line index.
pub fn load_model(
    catalogs: &[(FileId, &YamlNode)],
    sources: &Sources,
    schema_file_exists: &dyn Fn(&str) -> bool,
) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for &(file, root) in catalogs {
        let source = sources.get(file);
        let catalog_dir = source.tree_path().rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
        let (entities, cx) = FileReader::new(file, catalog_dir, schema_file_exists).read(root);
        diagnostics.extend(cx.diagnostics);
        if let Some(mut entities) = entities {
            entities.catalog.directives = directives(file, source.text(), root);
            entities.catalog.line_paths = line_index(sources, file, cx.node_starts);
            files.push(entities);
        }
    }
    let model = resolve::merge(files, &mut diagnostics);
    (model, diagnostics)
}

/// Parses and loads catalog files whose text is in `sources`, for callers that have not parsed them yet.
pub fn load_catalogs(
    files: &[FileId],
    sources: &Sources,
    limits: &Limits,
    schema_file_exists: &dyn Fn(&str) -> bool,
) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut roots = Vec::new();
    for &file in files {
        let (root, parse_diagnostics) = parse(file, sources.get(file).text(), limits);
        diagnostics.extend(parse_diagnostics);
        if let Some(root) = root {
            roots.push((file, root));
        }
    }
    let catalogs: Vec<(FileId, &YamlNode)> = roots.iter().map(|(file, root)| (*file, root)).collect();
    let (model, load_diagnostics) = load_model(&catalogs, sources, schema_file_exists);
    diagnostics.extend(load_diagnostics);
    (model, diagnostics)
}

/// Line → logical path of the outermost node starting on each line: the smallest offset, and of nodes starting
/// at one offset (a block list item and its first key), the shortest path.
fn line_index(sources: &Sources, file: FileId, mut node_starts: Vec<(u32, String)>) -> BTreeMap<u32, String> {
    node_starts.sort_by_key(|(offset, path)| (*offset, path.len()));
    let source = sources.get(file);
    let mut index = BTreeMap::new();
    for (offset, path) in node_starts {
        index.entry(source.line_col(offset).line).or_insert(path);
    }
    index
}
