//! Earlier versions of message schemas, and which of them add nothing (avro-compat.md §4.5).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use eventlint_avro::{NodeId, SchemaSet};
use eventlint_catalog::{Model, Version};
use eventlint_diagnostics::FileId;
use eventlint_json::JsonValue;

/// One earlier version of a message's schema, resolved only against its own files: a history entry's file and
/// `imports`, or the whole schema set of the `--against` base.
pub struct HistorySnapshot {
    pub message: String,
    /// Logical path of where the version is declared: the history entry (`/messages/A/history/2.0.0`), or the
    /// message in the base catalog (`/messages/A`).
    pub entry_path: String,
    /// The version's semver; for a base message without one, the base's label.
    pub version: String,
    /// The topic that version was published on, when not the message's current topic.
    pub topic: Option<String>,
    pub set: Arc<SchemaSet>,
    pub root: Option<NodeId>,
    pub source: SnapshotSource,
}

/// Where an earlier version comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotSource {
    /// A `history` entry of the current catalog.
    History,
    /// The message's schema in the `--against` base, named by its label (`origin/main`).
    Base(String),
}

impl SnapshotSource {
    /// How labels name the source: `history`, or the base's label.
    pub fn describe(&self) -> &str {
        match self {
            SnapshotSource::History => "history",
            SnapshotSource::Base(label) => label,
        }
    }
}

/// Leaves out each version structurally equal to the one before it, and a base schema equal to the current one
/// (unless the base's version is higher, which `version-not-bumped` reports): they add nothing to compare. Versions compare as written (parsed JSON, key order and whitespace ignored, every
/// file their types come from), not by Parsing Canonical Form, which drops the defaults and aliases that decide
/// compatibility.
pub(crate) fn drop_repeated_versions(
    history: &mut Vec<HistorySnapshot>,
    model: &Model,
    schemas: &SchemaSet,
    message_schemas: &BTreeMap<String, NodeId>,
    json: &BTreeMap<FileId, JsonValue>,
) {
    let version_went_down = |snapshot: &HistorySnapshot| {
        let current = model.messages.get(&snapshot.message).and_then(|message| message.version.as_ref());
        let before = snapshot.version.parse::<Version>().ok();
        current.zip(before).is_some_and(|(current, before)| current.value < before)
    };
    let mut previous: BTreeMap<&str, Written> = BTreeMap::new();
    let mut keep = Vec::with_capacity(history.len());
    for snapshot in history.iter() {
        let Some(root) = snapshot.root else {
            keep.push(true);
            continue;
        };
        let written = Written::of(&snapshot.set, root, json);
        let repeats_previous = previous.get(snapshot.message.as_str()).is_some_and(|before| *before == written);
        let repeats_current = matches!(snapshot.source, SnapshotSource::Base(_))
            && !version_went_down(snapshot)
            && message_schemas.get(&snapshot.message).is_some_and(|&now| Written::of(schemas, now, json) == written);
        keep.push(!repeats_previous && !repeats_current);
        if !repeats_previous {
            previous.insert(&snapshot.message, written);
        }
    }
    let mut keep = keep.into_iter();
    history.retain(|_| keep.next().unwrap_or(true));
}

/// A schema version as written: the full name of its root and the JSON of every file its types come from, in the
/// order a depth-first walk from the root first meets them.
struct Written<'a> {
    root_name: Option<&'a str>,
    files: Vec<Option<&'a JsonValue>>,
}

impl<'a> Written<'a> {
    fn of(set: &'a SchemaSet, root: NodeId, json: &'a BTreeMap<FileId, JsonValue>) -> Written<'a> {
        let mut seen = BTreeSet::new();
        let files: Vec<FileId> = set
            .reachable([root])
            .into_iter()
            .map(|node| set.node(node).span.file)
            .filter(|&file| seen.insert(file))
            .collect();
        Written { root_name: set.node(root).full_name(), files: files.iter().map(|file| json.get(file)).collect() }
    }
}

impl PartialEq for Written<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.root_name == other.root_name
            && self.files.len() == other.files.len()
            && self.files.iter().zip(&other.files).all(|pair| match pair {
                (Some(left), Some(right)) => left.structurally_eq(right),
                _ => false,
            })
    }
}
