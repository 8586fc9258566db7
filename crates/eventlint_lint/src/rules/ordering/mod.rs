//! `ordering` rules: keys, partitioning, retries and DLQ policies judged by the simulator's model (rules/ordering.md),
//! and what they share: group findings, the reason a group needs per-key order, the simulator command that shows it.

pub(crate) mod at_least_once_without_idempotency;
pub(crate) mod cross_partition_order_constraint;
pub(crate) mod dlq_partitions_below_source;
pub(crate) mod dlq_replay_to_source_topic;
pub(crate) mod dlq_without_key_parking;
pub(crate) mod dlq_without_replay;
pub(crate) mod in_memory_park_store;
pub(crate) mod key_mismatch_with_topic;
pub(crate) mod key_not_in_schema;
pub(crate) mod missing_failure_policy;
pub(crate) mod missing_partition_key;
pub(crate) mod missing_partitions;
pub(crate) mod partitioner_mismatch;
pub(crate) mod partitioning_changed;
pub(crate) mod producer_may_reorder;
pub(crate) mod retry_backoff_exceeds_poll_interval;
pub(crate) mod retry_topics_break_key_order;
pub(crate) mod unpark_at_fix_time;
pub(crate) mod unused_dlq_settings;

use eventlint_avro::{Field, NodeKind};
use eventlint_catalog::{ConsumerGroup, Message, Model, Ordering};
use eventlint_diagnostics::{Diagnostic, Span, SubjectType};

use crate::context::Context;
use crate::facts;
use crate::rule::RuleDef;

/// The worked scenario of the payments example: one poison pill, run under each failure policy.
pub(crate) const POISON_PILL: &str = "examples/payments/poison-pill.scenario.yaml";

/// The payments example's unpark race: the fix ships while the replayer still holds a parked key's entries.
pub(crate) const UNPARK_RACE: &str = "examples/payments/unpark-race.scenario.yaml";

/// The payments example's crash under in-memory key parking, found and shrunk by `--explore`.
pub(crate) const IN_MEMORY_PARK: &str = "examples/payments/in-memory-park.scenario.yaml";

/// The `eventlint simulate` command that runs the worked scenario under `policy`.
pub(crate) fn simulate_poison_pill(policy: &str) -> String {
    format!("`eventlint simulate {POISON_PILL} --policy {policy}`")
}

/// A finding about a consumer group, pointing at one of its settings.
pub(crate) fn group_finding(
    rule: &RuleDef,
    group: &ConsumerGroup,
    span: Span,
    label: &str,
    text: String,
) -> Diagnostic {
    Diagnostic::lint(rule.name, rule.severity, text)
        .with_category(rule.category.as_str())
        .with_primary(span, label.to_owned())
        .with_path(group.decl.path.clone())
        .with_subject(SubjectType::Group, group.decl.name.clone())
}

/// Where a setting of a group is written, else the group's name.
pub(crate) fn setting_span(group: &ConsumerGroup, span: Option<Span>) -> Span {
    span.unwrap_or(group.decl.name_span)
}

/// Why a group needs per-key order (rules/README.md §3.2): the nodes to label and what each label says.
pub(crate) struct PerKeyReason {
    labels: Vec<(Span, String)>,
}

/// Why a group has a per-key requirement on some topic it reads, if it has one: its first consumer entry with
/// `ordering: per-key`, and the first constraint that binds it.
pub(crate) fn per_key_reason(model: &Model, group: &str) -> Option<PerKeyReason> {
    let topics = model.topics_of_group(group);
    if !topics.iter().any(|topic| model.has_per_key_requirement(group, topic)) {
        return None;
    }
    let mut labels = Vec::new();
    let declared = model.consumers_of_group(group).find(|(_, consumer)| consumer.ordering.value == Ordering::PerKey);
    if let Some((message, consumer)) = declared {
        let span = consumer.ordering.span().unwrap_or(consumer.span);
        labels.push((span, format!("`ordering: per-key` on `{}`", message.decl.name)));
    }
    if let Some(constraint) = model.constraints.values().find(|c| model.groups_bound_by(c).contains(&group)) {
        labels.push((constraint.decl.name_span, format!("constraint `{}` binds the group", constraint.decl.name)));
    }
    Some(PerKeyReason { labels })
}

/// A group finding that needs per-key order, with a label on each reason.
pub(crate) fn with_reason(diagnostic: Diagnostic, reason: &PerKeyReason) -> Diagnostic {
    reason.labels.iter().fold(diagnostic, |diagnostic, (span, label)| diagnostic.with_label(*span, label.clone()))
}

/// How the effective key path of a message resolves in its value schema.
pub(crate) enum KeyPath<'a> {
    /// Every segment names a field; `optional` is the first optional field on the way.
    Resolved { optional: Option<&'a Field> },
    /// Segment `segment` (0-based) names no field of the record reached so far.
    Missing { segment: usize },
    /// The message has no Avro value record to look in.
    Unknown,
}

/// Resolves a dotted key path through nested records, stepping through `["null", record]` unions.
pub(crate) fn resolve_key<'a>(cx: &Context<'a>, message: &Message, path: &str) -> KeyPath<'a> {
    let Some((_, mut record)) = facts::record(cx, message) else { return KeyPath::Unknown };
    let mut optional = None;
    let segments: Vec<&str> = path.split('.').collect();
    for (index, segment) in segments.iter().enumerate() {
        let Some((_, field)) = record.field(segment) else { return KeyPath::Missing { segment: index } };
        let (node, nullable) = facts::value_type(cx, field);
        if nullable && optional.is_none() {
            optional = Some(field);
        }
        if index + 1 == segments.len() {
            break;
        }
        match &node.kind {
            NodeKind::Record(next) => record = next,
            _ => return KeyPath::Missing { segment: index + 1 },
        }
    }
    KeyPath::Resolved { optional }
}
