//! The `compat` rules that compare a message's schema with its earlier versions: the message's `history` entries,
//! plus the base revision's schema when `--against` gives one (avro-compat §4.5). They live here because this is
//! where the model, the current schemas and every version's own schema set meet; their findings enter the rule
//! engine as external findings, so selection, suppressions and baselines treat them like every other rule.
//!
//! One file per rule. Each compares one [`Pair`]: the current schema and one earlier version.

mod ambiguous_field_alias;
mod counterparts;
mod decimal_precision_changed;
mod decimal_scale_changed;
mod incompatible_change;
mod logical_type_annotation_changed;
mod logical_type_changed;
mod namespace_changed;
mod rename_without_alias;
mod version_not_bumped;

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashSet};

use eventlint_avro::{Edge, NodeId, SchemaSet};
use eventlint_catalog::Message;
use eventlint_compat::{CheckError, Checker, Direction, Mode, Schema, check_mode_with};
use eventlint_diagnostics::{Diagnostic, Severity, Span, SubjectType};

use crate::{Project, SnapshotSource};
use counterparts::Counterpart;

/// Every finding of the schema-version rules: each message's schema against its `history` (on the same topic),
/// where a project loaded with an `--against` base also has the base's schema of the message as its latest version.
pub fn compat_findings(project: &Project, ignore_drafts: bool) -> Vec<Diagnostic> {
    let mut checker = Checker::new();
    let mut findings = Vec::new();
    for (name, message) in &project.model.messages {
        if ignore_drafts && message.draft.is_some() {
            continue;
        }
        let (Some(&root), Some(topic)) = (project.message_schemas.get(name), &message.topic) else { continue };
        let Some(mode) =
            project.model.topics.get(&topic.name).and_then(|t| Mode::parse(t.compatibility.value.as_str()))
        else {
            continue;
        };
        let previous = previous_versions(project, name, &topic.name);
        let Some(latest) = previous.last() else { continue };
        let new = Schema { set: &project.schemas, root };
        let mut out = Vec::new();
        version_not_bumped::check(&Pair::new(project, name, message, new, latest), &mut out);
        rename_without_alias::check(&Pair::new(project, name, message, new, latest), &mut out);

        let schemas: Vec<Schema> = previous.iter().map(|p| p.schema).collect();
        let result = check_mode_with(&mut checker, mode, new, &schemas);
        let level = mode.name();
        let mut checked: Vec<Pair> = Vec::new();
        for check in &result.checks {
            let Some(old) = previous.get(check.version) else { continue };
            let index = checked.iter().position(|pair| std::ptr::eq(pair.old, old)).unwrap_or_else(|| {
                checked.push(Pair::new(project, name, message, new, old));
                checked.len() - 1
            });
            let Some(pair) = checked.get_mut(index) else { continue };
            pair.directions.push(check.direction);
            match &check.result {
                Ok(compatibility) => {
                    for incompatibility in &compatibility.incompatibilities {
                        let new_node = match check.direction {
                            Direction::Backward => incompatibility.reader,
                            Direction::Forward => incompatibility.writer,
                        };
                        pair.reported.insert(new_node);
                        out.push(incompatible_change::finding(
                            pair,
                            &topic.name,
                            level,
                            check.direction,
                            incompatibility,
                        ));
                    }
                }
                Err(CheckError::AmbiguousFieldAlias {
                    reader_record,
                    reader_field,
                    writer_record,
                    writer_fields,
                    ..
                }) => {
                    let fields = ambiguous_field_alias::Ambiguity {
                        reader_record: *reader_record,
                        reader_field: *reader_field,
                        writer_record: *writer_record,
                        writer_fields,
                    };
                    out.extend(ambiguous_field_alias::finding(pair, check.direction, &fields));
                }
                Err(error) => out.push(incompatible_change::unanswered(pair, error)),
            }
        }
        for pair in &checked {
            logical_type_changed::check(pair, &mut out);
            logical_type_annotation_changed::check(pair, &mut out);
            decimal_scale_changed::check(pair, &mut out);
            decimal_precision_changed::check(pair, &mut out);
            namespace_changed::check(pair, &mut out);
        }
        // Newest version first: a node that differs from several versions is reported once, for the newest.
        let mut seen = BTreeSet::new();
        findings.extend(out.into_iter().filter(|d| seen.insert((d.code.clone(), d.logical_path.clone()))));
    }
    findings
}

/// The earlier versions of a message on `topic`, oldest first: its history, then the base revision's schema.
fn previous_versions<'a>(project: &'a Project, name: &str, topic: &str) -> Vec<Previous<'a>> {
    project
        .history
        .iter()
        .filter(|s| s.message == name && s.topic.as_deref().is_none_or(|t| t == topic))
        .filter_map(|s| {
            let schema = Schema { set: &s.set, root: s.root? };
            let origin = match s.source {
                SnapshotSource::History => Origin::History,
                SnapshotSource::Base(_) => Origin::Base,
            };
            let file = project.sources.get(s.set.node(schema.root).span.file).path();
            Some(Previous { version: Some(s.version.clone()), origin, schema, file })
        })
        .collect()
}

/// Where an earlier version comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A `history` entry: its files are part of the project, so findings can label its nodes.
    History,
    /// The `--against` revision, loaded into the project's sources under its `REV:` prefix.
    Base,
}

/// One earlier version of a message's schema.
pub(crate) struct Previous<'a> {
    pub(crate) version: Option<String>,
    pub(crate) origin: Origin,
    pub(crate) schema: Schema<'a>,
    /// The file of its root type, as shown (`schemas/history/Order-1.0.0.avsc`, `origin/main:schemas/order.avsc`).
    pub(crate) file: &'a str,
}

impl Previous<'_> {
    /// How messages name the version, with its file (avro-compat §4.5): `1.0.0 (schemas/history/Order-1.0.0.avsc)`,
    /// `1.0.0 (origin/main:schemas/order.avsc)`.
    pub(crate) fn describe(&self) -> String {
        format!("{} ({})", self.version(), self.file)
    }

    fn version(&self) -> &str {
        self.version.as_deref().unwrap_or("the unversioned schema")
    }
}

/// A message's current schema and one earlier version, as the topic's mode compares them.
pub(crate) struct Pair<'a> {
    pub(crate) project: &'a Project,
    pub(crate) name: &'a str,
    pub(crate) message: &'a Message,
    pub(crate) new: Schema<'a>,
    pub(crate) old: &'a Previous<'a>,
    /// The directions the mode checks against this version (none when the rule runs whatever the mode).
    pub(crate) directions: Vec<Direction>,
    /// Nodes of the new schema that `incompatible-change` reported against this version.
    pub(crate) reported: HashSet<NodeId>,
    /// The corresponding nodes of the two versions, computed once for every rule that reads them.
    counterparts: OnceCell<Vec<Counterpart>>,
}

impl<'a> Pair<'a> {
    fn new(project: &'a Project, name: &'a str, message: &'a Message, new: Schema<'a>, old: &'a Previous<'a>) -> Self {
        Pair {
            project,
            name,
            message,
            new,
            old,
            directions: Vec::new(),
            reported: HashSet::new(),
            counterparts: OnceCell::new(),
        }
    }

    /// Which node of the earlier version stands for which node of the current schema.
    pub(crate) fn counterparts(&self) -> &[Counterpart] {
        self.counterparts.get_or_init(|| counterparts::counterparts(self.new, self.old.schema))
    }

    /// The current version as findings name it.
    pub(crate) fn new_version(&self) -> String {
        self.message.version.as_ref().map_or_else(|| "the current version".to_owned(), |v| v.value.to_string())
    }

    /// A finding on node `new_node` of the current schema (at `span`), with a label on `old_span` in the earlier
    /// version when it has one.
    pub(crate) fn finding(&self, rule: &str, severity: Severity, text: String, at: Located) -> Diagnostic {
        let mut diagnostic = Diagnostic::lint(rule, severity, text)
            .with_primary(at.span, format!("{} {}", self.name, self.new_version()))
            .with_path(at.path)
            .with_subject(SubjectType::Message, self.name);
        match (self.old.origin, at.old_span) {
            (Origin::History, Some(old_span)) => {
                diagnostic = diagnostic.with_label(old_span, format!("{} {} (history)", self.name, self.old.version()))
            }
            (Origin::Base, Some(old_span)) => {
                diagnostic = diagnostic.with_label(old_span, format!("{} {} (base)", self.name, self.old.version()))
            }
            (Origin::Base, None) => {
                diagnostic = diagnostic.with_note(format!("compared with `{}` {}", self.name, self.old.describe()))
            }
            (Origin::History, None) => {}
        }
        diagnostic
    }

    /// Whether `incompatible-change` already reported this node of the new schema.
    pub(crate) fn is_reported(&self, new_node: NodeId) -> bool {
        self.reported.contains(&new_node)
    }
}

/// Where a finding points: the node in the current schema (span and logical path) and its counterpart's span.
pub(crate) struct Located {
    pub(crate) span: Span,
    pub(crate) path: String,
    pub(crate) old_span: Option<Span>,
}

/// How messages name a node: "field `dispatchedAt`" for a field's type (or a branch or item of it), else the
/// enclosing named type.
pub(crate) fn place(set: &SchemaSet, node: NodeId) -> String {
    let mut position = set.node(node).position;
    while let Some(parent) = position.parent {
        if let (Edge::Field(index), Some(record)) = (position.edge, set.node(parent).as_record())
            && let Some(field) = record.fields.get(index as usize)
        {
            return format!("field `{}`", field.name.value);
        }
        if set.node(parent).named().is_some() {
            break;
        }
        position = set.node(parent).position;
    }
    format!("`{}`", set.subject(node).unwrap_or("the schema"))
}
