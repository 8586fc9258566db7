//! `style` rules: naming form, documentation, ownership and suppression hygiene (rules/style.md).

pub(crate) mod avro_name_style;
pub(crate) mod command_name_not_imperative;
pub(crate) mod event_name_not_past_tense;
pub(crate) mod invalid_suppression;
pub(crate) mod message_name_mismatch;
pub(crate) mod missing_owner;
pub(crate) mod missing_summary;
pub(crate) mod suppression_without_reason;
pub(crate) mod unused_suppression;
