//! The `--against` base (CLI spec §7): an earlier version of the project, loaded on its own, whose message schemas
//! join `history` as the latest previous versions, and whose model the comparing rules read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use eventlint_avro::{NodeId, SchemaSet};
use eventlint_catalog::{Decl, Model};
use eventlint_diagnostics::{Diagnostic, FileId, Sources};

use crate::{FileRole, HistorySnapshot, InputFile, SnapshotSource, Tree};

/// The files of the base, as the caller read them (from a git revision or a directory).
pub struct BaseInputs<'a> {
    /// How messages name the base: `HEAD`, `origin/main`, `../release-1.0`.
    pub label: String,
    /// Put before each base path where a file is shown: `origin/main:` gives `origin/main:schemas/order.avsc`.
    pub prefix: String,
    /// The base's files, with their paths inside the base (as the project's are relative to its root).
    pub files: Vec<InputFile>,
    /// Asked for files the base's catalogs reference that are not among `files`.
    pub read_extra: &'a dyn Fn(&str) -> Option<Vec<u8>>,
}

/// The base as loaded. Its files are in [`crate::Project::sources`] (so findings can point into them) but take no
/// part in the current model's rules.
pub struct Base {
    pub label: String,
    pub files: Vec<(FileId, FileRole)>,
    /// The base model, without the entities declared in base files that have load errors.
    pub model: Model,
    pub schemas: Arc<SchemaSet>,
    /// Message name → the named type of its value schema in [`Base::schemas`].
    pub message_schemas: BTreeMap<String, NodeId>,
    /// The base's load errors. They never fail the run: the caller shows them as warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Messages that the base's load errors touch (their declaration or a file of their schema): not compared.
    pub skipped: BTreeSet<String>,
}

/// Turns the loaded base tree into a [`Base`] and adds each current message's base schema to `history`.
pub(crate) fn attach(
    tree: Tree,
    label: String,
    prefix: &str,
    sources: &Sources,
    current: &Model,
    history: &mut Vec<HistorySnapshot>,
) -> Base {
    let Tree { files, mut model, schemas, message_schemas, diagnostics, .. } = tree;
    let broken: BTreeSet<FileId> = diagnostics.iter().flat_map(Diagnostic::spans).map(|span| span.file).collect();
    let unplaced = diagnostics.iter().any(|diagnostic| diagnostic.spans().next().is_none());
    let skipped: BTreeSet<String> = model
        .messages
        .iter()
        .filter(|(name, message)| {
            let schema_files: Vec<FileId> = match message_schemas.get(*name) {
                Some(&root) => schemas.reachable([root]).into_iter().map(|node| schemas.node(node).span.file).collect(),
                None => message.schema.iter().filter_map(|r| sources.find(&format!("{prefix}{}", r.file))).collect(),
            };
            unplaced || broken.contains(&message.decl.file) || schema_files.iter().any(|file| broken.contains(file))
        })
        .map(|(name, _)| name.clone())
        .collect();
    prune(&mut model, &broken);

    let schemas = Arc::new(schemas);
    for (name, message) in &current.messages {
        let (Some(before), Some(&root)) = (model.messages.get(name), message_schemas.get(name)) else { continue };
        if skipped.contains(name) {
            continue;
        }
        let topic_now = message.topic.as_ref().map(|topic| &topic.name);
        let topic_before = before.topic.as_ref().map(|topic| &topic.name);
        history.push(HistorySnapshot {
            message: name.clone(),
            entry_path: before.decl.path.clone(),
            version: before.version.as_ref().map_or_else(|| label.clone(), |version| version.value.to_string()),
            topic: topic_before.filter(|_| topic_before != topic_now).cloned(),
            set: Arc::clone(&schemas),
            root: Some(root),
            source: SnapshotSource::Base(label.clone()),
        });
    }
    Base { label, files, model, schemas, message_schemas, diagnostics, skipped }
}

/// Leaves out of the base model what base files with load errors declare: it is not compared.
fn prune(model: &mut Model, broken: &BTreeSet<FileId>) {
    let sound = |decl: &Decl| !broken.contains(&decl.file);
    model.services.retain(|_, service| sound(&service.decl));
    model.topics.retain(|_, topic| sound(&topic.decl));
    model.messages.retain(|_, message| sound(&message.decl));
    model.constraints.retain(|_, constraint| sound(&constraint.decl));
    model.views.retain(|_, view| sound(&view.decl));
    model.automations.retain(|_, automation| sound(&automation.decl));
    model.screens.retain(|_, screen| sound(&screen.decl));
}

#[cfg(test)]
mod tests;
