//! One project from in-memory files: which file is a catalog, a scenario or a schema, and the model they form.
//!
//! The CLI and the playground both hand files here; this crate never touches the filesystem.

mod base;
mod compat;
mod history;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use eventlint_avro::{NodeId, NodeKind, SchemaSet};
use eventlint_catalog::{Model, SchemaFormat, SchemaRef, load_model};
use eventlint_diagnostics::{Diagnostic, FileId, Limits, Sources, Span};
use eventlint_json::JsonValue;
use eventlint_yaml::YamlNode;

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
    /// An EventCatalog page (`events/<Name>/index.mdx`, …), read by `eventlint_eventcatalog` into catalog trees.
    EventCatalog,
    /// A YAML file without a top-level `eventlint` or `scenario` key: not eventlint's business.
    Ignored,
}

/// The YAML document starts a line with `key:` (the cheap first step of catalog-format §1).
fn has_top_level_key(text: &str, key: &str) -> bool {
    text.lines().any(|line| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// Whether a path is an EventCatalog page (`…/events/<Name>/index.mdx`, `…/<Name>/versioned/<v>/index.mdx`, …).
pub fn is_eventcatalog_page(path: &str) -> bool {
    #[cfg(feature = "eventcatalog")]
    return eventlint_eventcatalog::page_path(path).is_some();
    #[cfg(not(feature = "eventcatalog"))]
    {
        let _ = path;
        false
    }
}

/// The role of a file, from its extension or EventCatalog folder and, for YAML, a cheap look at its top-level keys.
pub fn classify(path: &str, text: &str) -> FileRole {
    if path.ends_with(".avsc") {
        FileRole::Schema
    } else if is_eventcatalog_page(path) {
        FileRole::EventCatalog
    } else if has_top_level_key(text, "eventlint") {
        FileRole::Catalog
    } else if has_top_level_key(text, "scenario") {
        FileRole::Scenario
    } else {
        FileRole::Ignored
    }
}

/// Decodes UTF-8 (a BOM is dropped); invalid bytes become a located `load/*-syntax` error and lossy text.
pub fn decode(file_kind: &str, mut bytes: Vec<u8>) -> (String, Option<(usize, Diagnostic)>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let diagnostic = Diagnostic::load(
                if file_kind == "schema" { "json-syntax" } else { "yaml-syntax" },
                format!("invalid UTF-8 at byte {offset}"),
            )
            .with_help("save the file as UTF-8");
            (String::from_utf8_lossy(error.as_bytes()).into_owned(), Some((offset, diagnostic)))
        }
    }
}

/// The project as loaded: every file's text, the merged catalog model and the schemas, linked to each other.
pub struct Project {
    /// Every file of the run, the `--against` base's included (shown as `HEAD:path`).
    pub sources: Sources,
    /// The current files (the base's are in [`Base::files`]).
    pub files: Vec<(FileId, FileRole)>,
    pub model: Model,
    /// The current schema set: every `.avsc` file except those of history entries (catalog-format §11).
    pub schemas: SchemaSet,
    /// Message name → the named type of its value schema in [`Project::schemas`] (Avro messages only).
    pub message_schemas: BTreeMap<String, NodeId>,
    /// Every earlier version of every message, oldest first per message: its history entries, each resolved
    /// against its own snapshot (catalog-format §6.4), then its schema in the `--against` base. A version
    /// structurally equal to the one before it (or a base schema equal to the current one) is left out.
    pub history: Vec<HistorySnapshot>,
    /// The earlier version of the project that `--against` compares with.
    pub base: Option<Base>,
}

pub use base::{Base, BaseInputs};
pub use compat::compat_findings;
pub use history::{HistorySnapshot, SnapshotSource};

pub struct ProjectOptions {
    pub limits: Limits,
}

/// Loads every file into one project; problems are diagnostics, never panics.
///
/// `read_extra` is asked for files the catalogs reference that are not among `inputs` (a schema outside the
/// walked paths, say); the caller decides where they come from (the filesystem, the playground's tabs).
pub fn load_project(
    inputs: Vec<InputFile>,
    read_extra: &dyn Fn(&str) -> Option<Vec<u8>>,
    options: &ProjectOptions,
) -> (Project, Vec<Diagnostic>) {
    load_project_with_base(inputs, read_extra, None, options)
}

/// [`load_project`], plus an earlier version of the project to compare with (`--against`, CLI spec §7).
///
/// The base is loaded on its own (its catalogs and schemas never see the current files) into the same
/// [`Sources`], so findings can point into it. Its load errors go to [`Base::diagnostics`], not to the result:
/// the base is history and may have been committed broken.
pub fn load_project_with_base(
    inputs: Vec<InputFile>,
    read_extra: &dyn Fn(&str) -> Option<Vec<u8>>,
    base: Option<BaseInputs>,
    options: &ProjectOptions,
) -> (Project, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    let current = Tree::load(&mut sources, "", inputs, read_extra, &options.limits);
    let Tree { files, model, schemas, message_schemas, mut history, mut json, diagnostics } = current;
    let base = base.map(|base| {
        let mut tree = Tree::load(&mut sources, &base.prefix, base.files, base.read_extra, &options.limits);
        json.append(&mut tree.json);
        base::attach(tree, base.label, &base.prefix, &sources, &model, &mut history)
    });
    history::drop_repeated_versions(&mut history, &model, &schemas, &message_schemas, &json);
    (Project { sources, files, model, schemas, message_schemas, history, base }, diagnostics)
}

/// One tree of files loaded on its own: the project, or the `--against` base.
struct Tree {
    files: Vec<(FileId, FileRole)>,
    model: Model,
    schemas: SchemaSet,
    message_schemas: BTreeMap<String, NodeId>,
    history: Vec<HistorySnapshot>,
    /// The parsed `.avsc` files, for comparing versions as written.
    json: BTreeMap<FileId, JsonValue>,
    diagnostics: Vec<Diagnostic>,
}

impl Tree {
    /// Adds the tree's files to `sources` (shown with `prefix`) and loads them.
    fn load(
        sources: &mut Sources,
        prefix: &str,
        inputs: Vec<InputFile>,
        read_extra: &dyn Fn(&str) -> Option<Vec<u8>>,
        limits: &Limits,
    ) -> Tree {
        let mut loader = Loader { sources, prefix, files: Vec::new(), diagnostics: Vec::new(), limits: *limits };
        for input in inputs {
            loader.add(input);
        }
        let catalog_ids: Vec<FileId> = loader.with_role(FileRole::Catalog);
        let mut catalog_roots = Vec::new();
        for &file in &catalog_ids {
            let (root, diagnostics) = eventlint_yaml::parse(file, loader.sources.get(file).text(), &loader.limits);
            loader.diagnostics.extend(diagnostics);
            catalog_roots.extend(root.map(|root| (file, root)));
        }
        #[cfg(feature = "eventcatalog")]
        {
            let pages = loader.with_role(FileRole::EventCatalog);
            let (imported, diagnostics) = eventlint_eventcatalog::import(&pages, loader.sources, &loader.limits);
            loader.diagnostics.extend(diagnostics);
            catalog_roots.extend(imported);
        }
        let known: RefCell<BTreeMap<String, bool>> = RefCell::new(
            loader.files.iter().map(|&(file, _)| (loader.sources.get(file).tree_path().to_owned(), true)).collect(),
        );
        let extra: RefCell<Vec<InputFile>> = RefCell::new(Vec::new());
        let schema_file_exists = |path: &str| -> bool {
            if let Some(&exists) = known.borrow().get(path) {
                return exists;
            }
            let bytes = read_extra(path);
            let exists = bytes.is_some();
            if let Some(bytes) = bytes {
                extra.borrow_mut().push(InputFile { path: path.to_owned(), contents: Ok(bytes) });
            }
            known.borrow_mut().insert(path.to_owned(), exists);
            exists
        };
        let catalogs: Vec<(FileId, &YamlNode)> = catalog_roots.iter().map(|(file, root)| (*file, root)).collect();
        let (model, diagnostics) = load_model(&catalogs, loader.sources, &schema_file_exists);
        loader.diagnostics.extend(diagnostics);
        for input in extra.into_inner() {
            loader.add(input);
        }

        let json = loader.parse_schemas();
        let history_files: BTreeSet<&str> = model
            .messages
            .values()
            .flat_map(|message| &message.history)
            .flat_map(|entry| entry.schema.iter().chain(&entry.imports))
            .map(|reference| reference.file.as_str())
            .collect();
        let current: Vec<(FileId, &JsonValue)> = json
            .iter()
            .filter(|(file, _)| !history_files.contains(loader.sources.get(**file).tree_path()))
            .map(|(file, value)| (*file, value))
            .collect();
        let (schemas, diagnostics) = SchemaSet::build(&current);
        loader.diagnostics.extend(diagnostics);

        let mut message_schemas = BTreeMap::new();
        let mut history = Vec::new();
        for (name, message) in &model.messages {
            if message.schema_format.value != SchemaFormat::Avro {
                continue;
            }
            if let Some(reference) = &message.schema
                && let Some(node) = loader.link(&schemas, reference)
            {
                message_schemas.insert(name.clone(), node);
            }
            for entry in &message.history {
                let Some(reference) = &entry.schema else { continue };
                let snapshot_files: Vec<(FileId, &JsonValue)> = std::iter::once(reference)
                    .chain(&entry.imports)
                    .filter_map(|r| loader.find(&r.file))
                    .filter_map(|file| json.get(&file).map(|value| (file, value)))
                    .collect();
                let (set, diagnostics) = SchemaSet::build(&snapshot_files);
                loader.diagnostics.extend(diagnostics);
                let root = loader.link(&set, reference);
                history.push(HistorySnapshot {
                    message: name.clone(),
                    entry_path: entry.path.clone(),
                    version: entry.version.value.to_string(),
                    topic: entry.topic.as_ref().map(|topic| topic.name.clone()),
                    set: Arc::new(set),
                    root,
                    source: SnapshotSource::History,
                });
            }
        }
        let Loader { files, diagnostics, .. } = loader;
        Tree { files, model, schemas, message_schemas, history, json, diagnostics }
    }
}

struct Loader<'a> {
    sources: &'a mut Sources,
    /// Put before each path where the file is shown (`HEAD:` for the base of `--against HEAD`).
    prefix: &'a str,
    files: Vec<(FileId, FileRole)>,
    diagnostics: Vec<Diagnostic>,
    limits: Limits,
}

impl Loader<'_> {
    fn add(&mut self, input: InputFile) {
        let bytes = match input.contents {
            Ok(bytes) => bytes,
            Err(problem) => {
                let file = self.sources.add_in_tree(self.prefix, &input.path, "");
                self.diagnostics.push(read_problem(problem, file, &self.limits));
                return;
            }
        };
        let kind = if input.path.ends_with(".avsc") { "schema" } else { "catalog" };
        let size = bytes.len();
        let (text, error) = decode(kind, bytes);
        let role = classify(&input.path, &text);
        let file = self.sources.add_in_tree(self.prefix, &input.path, text);
        if let Some((offset, diagnostic)) = error {
            self.diagnostics.push(diagnostic.with_primary(Span::at(file, offset), "not UTF-8"));
            return;
        }
        if size > self.limits.max_file_bytes {
            self.diagnostics.push(read_problem(ReadProblem::TooLarge(size as u64), file, &self.limits));
            return;
        }
        self.files.push((file, role));
    }

    /// The file of this tree at `path` (a path inside the tree, as references write it).
    fn find(&self, path: &str) -> Option<FileId> {
        if self.prefix.is_empty() {
            self.sources.find(path)
        } else {
            self.sources.find(&format!("{}{path}", self.prefix))
        }
    }

    fn with_role(&self, role: FileRole) -> Vec<FileId> {
        self.files.iter().filter(|(_, r)| *r == role).map(|(file, _)| *file).collect()
    }

    fn parse_schemas(&mut self) -> BTreeMap<FileId, JsonValue> {
        let mut parsed = BTreeMap::new();
        for file in self.with_role(FileRole::Schema) {
            let (value, diagnostics) = eventlint_json::parse(file, self.sources.get(file).text(), &self.limits);
            self.diagnostics.extend(diagnostics);
            parsed.extend(value.map(|value| (file, value)));
        }
        parsed
    }

    /// The named type a schema reference designates: the file's top-level type, or `#full.Name` inside it.
    fn link(&mut self, set: &SchemaSet, reference: &SchemaRef) -> Option<NodeId> {
        let file = self.find(&reference.file)?;
        let node = match &reference.fragment {
            Some(name) => {
                let node = set.resolve_in_file(file, name);
                if node.is_none() && set.root(file).is_some() {
                    self.diagnostics.push(
                        Diagnostic::load(
                            "dangling-reference",
                            format!("`{}` defines no type `{name}`", reference.file),
                        )
                        .with_primary(reference.span, "no such named type in the file")
                        .with_help("use the full name of a record, enum or fixed defined in that file")
                        .with_path(reference.path.clone()),
                    );
                }
                node
            }
            None => set.root(file),
        }?;
        let is_named = matches!(set.node(node).kind, NodeKind::Record(_) | NodeKind::Enum(_) | NodeKind::Fixed(_));
        if !is_named {
            self.diagnostics.push(
                Diagnostic::load(
                    "invalid-value",
                    format!("the top-level schema of `{}` is not a named type", reference.file),
                )
                .with_primary(reference.span, "a message schema must be a record, enum or fixed")
                .with_help("point at a named type, e.g. `file.avsc#com.example.Name`")
                .with_path(reference.path.clone()),
            );
            return None;
        }
        Some(node)
    }
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
        assert_eq!(classify("ec/events/A/versioned/1.0.0/index.mdx", "---\n"), FileRole::EventCatalog);
        assert_eq!(classify("docs/index.mdx", "---\n"), FileRole::Ignored);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (_, error) = decode("catalog", b"eventlint: 1\nx: \xff\n".to_vec());
        assert_eq!(error.map(|(offset, _)| offset), Some(16));
    }
}
