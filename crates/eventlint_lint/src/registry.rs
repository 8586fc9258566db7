//! The registry: every rule of the catalogue in catalogue order, and the view of them that selection uses.

use crate::rule::{Category, RuleDef};
use crate::rules::{avro, compat, flow, modelling, ordering, style};

/// Every built-in rule, those found outside the engine (`Run::External`) included.
pub(crate) static RULES: &[RuleDef] = &[
    modelling::clickbait_event::RULE,
    modelling::passive_aggressive_event::RULE,
    modelling::command_disguised_as_event::RULE,
    modelling::crud_sourcing::RULE,
    modelling::state_obsession::RULE,
    modelling::property_sourcing::RULE,
    modelling::generic_event::RULE,
    modelling::missing_subject_id::RULE,
    modelling::internal_event_leaked::RULE,
    modelling::pii_in_public_event::RULE,
    avro::invalid_avro_name::RULE,
    avro::duplicate_avro_definition::RULE,
    avro::forward_reference::RULE,
    avro::invalid_union::RULE,
    avro::empty_union_or_enum::RULE,
    avro::invalid_default::RULE,
    avro::non_json_number_default::RULE,
    avro::union_default_not_first_branch::RULE,
    avro::ignored_logical_type::RULE,
    avro::unknown_logical_type::RULE,
    avro::decimal_precision_exceeds_fixed::RULE,
    avro::invalid_order::RULE,
    avro::invalid_alias::RULE,
    avro::alias_collision::RULE,
    avro::confusing_name::RULE,
    avro::ignored_namespace::RULE,
    avro::misspelled_attribute::RULE,
    avro::protocol_only_type::RULE,
    avro::unsupported_schema_format::RULE,
    avro::optional_field_not_null_first::RULE,
    avro::optional_field_without_default::RULE,
    avro::missing_doc::RULE,
    avro::missing_namespace::RULE,
    avro::enum_without_default::RULE,
    avro::money_as_float::RULE,
    compat::external::incompatible_change::RULE,
    compat::external::rename_without_alias::RULE,
    compat::external::logical_type_changed::RULE,
    compat::external::logical_type_annotation_changed::RULE,
    compat::external::decimal_scale_changed::RULE,
    compat::external::decimal_precision_changed::RULE,
    compat::external::namespace_changed::RULE,
    compat::external::ambiguous_field_alias::RULE,
    compat::subject_strategy_conflict::RULE,
    compat::compat_mode_not_declared::RULE,
    compat::compat_mode_weakened::RULE,
    compat::compat_none_on_shared_topic::RULE,
    compat::version_suffix_without_deprecation::RULE,
    compat::external::version_not_bumped::RULE,
    compat::message_removed_with_consumers::RULE,
    compat::visibility_narrowed::RULE,
    compat::kind_changed::RULE,
    compat::no_previous_version::RULE,
    flow::command_without_single_handler::RULE,
    flow::command_without_outcome::RULE,
    flow::emits_triggered_by_mismatch::RULE,
    flow::event_without_producer::RULE,
    flow::event_with_multiple_producers::RULE,
    flow::orphan_message::RULE,
    flow::missing_schema::RULE,
    flow::missing_topic::RULE,
    flow::event_triggers_event::RULE,
    flow::view_without_events::RULE,
    flow::automation_issues_event::RULE,
    flow::automation_loop::RULE,
    flow::foreign_producer_on_topic::RULE,
    ordering::key_not_in_schema::RULE,
    ordering::key_mismatch_with_topic::RULE,
    ordering::missing_partition_key::RULE,
    ordering::missing_partitions::RULE,
    ordering::missing_failure_policy::RULE,
    ordering::dlq_without_key_parking::RULE,
    ordering::retry_topics_break_key_order::RULE,
    ordering::in_memory_park_store::RULE,
    ordering::unpark_at_fix_time::RULE,
    ordering::unused_dlq_settings::RULE,
    ordering::producer_may_reorder::RULE,
    ordering::dlq_partitions_below_source::RULE,
    ordering::partitioner_mismatch::RULE,
    ordering::partitioning_changed::RULE,
    ordering::cross_partition_order_constraint::RULE,
    ordering::at_least_once_without_idempotency::RULE,
    ordering::dlq_without_replay::RULE,
    ordering::retry_backoff_exceeds_poll_interval::RULE,
    ordering::dlq_replay_to_source_topic::RULE,
    style::event_name_not_past_tense::RULE,
    style::command_name_not_imperative::RULE,
    style::avro_name_style::RULE,
    style::missing_summary::RULE,
    style::unused_suppression::RULE,
    style::invalid_suppression::RULE,
    style::suppression_without_reason::RULE,
    style::missing_owner::RULE,
    style::message_name_mismatch::RULE,
];

/// A catalogue rule as selection sees it, wherever it is implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleKey {
    pub(crate) name: &'static str,
    pub(crate) category: Category,
    pub(crate) recommended: bool,
}

impl From<&RuleDef> for RuleKey {
    fn from(rule: &RuleDef) -> Self {
        RuleKey { name: rule.name, category: rule.category, recommended: rule.recommended }
    }
}

/// Every catalogue rule.
pub(crate) fn keys() -> impl Iterator<Item = RuleKey> {
    RULES.iter().map(RuleKey::from)
}

/// The catalogue rule called `name`.
pub(crate) fn key(name: &str) -> Option<RuleKey> {
    keys().find(|key| key.name == name)
}

/// The rule called `name`.
pub(crate) fn rule(name: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|rule| rule.name == name)
}

/// Every catalogue rule name.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    keys().map(|key| key.name)
}
