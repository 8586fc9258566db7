//! `incompatible-change`: each message's schema against its history, under its topic's Schema Registry level.
//!
//! The rule lives here because this is where the model, the current schemas and the history snapshots meet;
//! its findings enter the rule engine as external findings, so selection, suppressions and baselines apply.

use eventlint_catalog::Message;
use eventlint_compat::{CheckError, Checker, Direction, Incompatibility, Mode, Schema, check_mode_with};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::{HistorySnapshot, Project};

/// Every incompatibility the topic's level forbids, one finding each, located on the new schema.
pub fn incompatible_changes(project: &Project, ignore_drafts: bool) -> Vec<Diagnostic> {
    let mut checker = Checker::new();
    let mut findings = Vec::new();
    for (name, message) in &project.model.messages {
        if ignore_drafts && message.draft.is_some() {
            continue;
        }
        let (Some(&new_root), Some(topic)) = (project.message_schemas.get(name), &message.topic) else { continue };
        let Some(level) = project.model.topics.get(&topic.name).map(|t| t.compatibility.value.as_str()) else {
            continue;
        };
        let Some(mode) = Mode::parse(level) else { continue };
        let snapshots: Vec<&HistorySnapshot> = project
            .history
            .iter()
            .filter(|s| &s.message == name && s.topic.as_deref().is_none_or(|t| t == topic.name))
            .collect();
        let previous: Vec<Schema> =
            snapshots.iter().filter_map(|s| Some(Schema { set: &s.set, root: s.root? })).collect();
        if previous.is_empty() || mode == Mode::None {
            continue;
        }
        let new = Schema { set: &project.schemas, root: new_root };
        let result = check_mode_with(&mut checker, mode, new, &previous);
        let versions: Vec<&HistorySnapshot> = snapshots.into_iter().filter(|s| s.root.is_some()).collect();
        for check in &result.checks {
            let Some(old) = versions.get(check.version) else { continue };
            let change = Change { project, name, message, topic: &topic.name, level, old, direction: check.direction };
            match &check.result {
                Ok(compatibility) => findings.extend(compatibility.incompatibilities.iter().map(|i| change.finding(i))),
                Err(error) => findings.push(change.unresolvable(error)),
            }
        }
    }
    findings
}

/// One direction of one version pair, with what the messages need to name.
struct Change<'a> {
    project: &'a Project,
    name: &'a str,
    message: &'a Message,
    topic: &'a str,
    level: &'a str,
    old: &'a HistorySnapshot,
    direction: Direction,
}

impl Change<'_> {
    fn new_version(&self) -> String {
        self.message.version.as_ref().map_or_else(|| "the current version".to_owned(), |v| v.value.to_string())
    }

    fn headline(&self) -> String {
        let (name, new, old) = (self.name, self.new_version(), &self.old.version);
        match self.direction {
            Direction::Backward => format!("`{name}` {new} cannot read {old} data"),
            Direction::Forward => format!("`{name}` {old} consumers cannot read {new} data"),
        }
    }

    fn finding(&self, incompatibility: &Incompatibility) -> Diagnostic {
        let kind = incompatibility.kind.java_name();
        let detail = match kind {
            "READER_FIELD_MISSING_DEFAULT_VALUE" => format!("field `{}` has no default", incompatibility.message),
            _ => incompatibility.message.clone(),
        };
        // The new schema is the reader going backward and the writer going forward.
        let (new_span, old_span) = match self.direction {
            Direction::Backward => (incompatibility.reader_span, incompatibility.writer_span),
            Direction::Forward => (incompatibility.writer_span, incompatibility.reader_span),
        };
        let new_node = match self.direction {
            Direction::Backward => incompatibility.reader,
            Direction::Forward => incompatibility.writer,
        };
        let mut path = self.project.schemas.path(new_node);
        if kind == "READER_FIELD_MISSING_DEFAULT_VALUE" {
            path.push_str(&format!("/fields/{}", incompatibility.message));
        }
        let help = match kind {
            "READER_FIELD_MISSING_DEFAULT_VALUE" => format!(
                "give `{}` a default, or publish the breaking version as a new message on a new topic",
                incompatibility.message
            ),
            _ => "make the change compatible (defaults, aliases on the reader, promotions), or publish the breaking \
                  version as a new message on a new topic"
                .to_owned(),
        };
        let mut diagnostic = Diagnostic::error(
            "incompatible-change",
            format!(
                "{}: {detail} ({kind} at {}), but `{}` is {}",
                self.headline(),
                incompatibility.location,
                self.topic,
                self.level
            ),
        )
        .with_primary(new_span, format!("{} {}", self.name, self.new_version()))
        .with_label(old_span, format!("{} {} (history)", self.name, self.old.version))
        .with_help(help)
        .with_path(path)
        .with_subject(SubjectType::Message, self.name)
        .with_data("java_type", kind)
        .with_data("java_location", incompatibility.java_location.clone())
        .with_data("java_message", incompatibility.message.clone());
        if let Some(note) = self.major_note() {
            diagnostic = diagnostic.with_note(note);
        }
        diagnostic
    }

    /// Java throws instead of answering (an ambiguous field alias); the registry counts that as incompatible.
    fn unresolvable(&self, error: &CheckError) -> Diagnostic {
        let span = self.message.schema.as_ref().map(|s| s.span).unwrap_or(self.message.decl.name_span);
        Diagnostic::error(
            "incompatible-change",
            format!("{}: the check cannot be answered ({error:?})", self.headline()),
        )
        .with_primary(span, ())
        .with_help("give each reader field alias exactly one writer field to match")
        .with_path(format!("{}/schema", self.message.decl.path))
        .with_subject(SubjectType::Message, self.name)
    }

    /// Semantic versioning says a break needs a new major version.
    fn major_note(&self) -> Option<String> {
        let new = self.message.version.as_ref()?;
        let old: eventlint_catalog::Version = self.old.version.parse().ok()?;
        (new.value.major == old.major).then(|| {
            format!("{} is not a major version after {}: a breaking change needs a new major version", new.value, old)
        })
    }
}
