//! The registry: the rules of this crate in catalogue order, and every catalogue rule name for selection.

use crate::catalogue::EXTERNAL_RULES;
use crate::rule::{Category, RuleDef};
use crate::rules::{modelling, style};

/// Every built-in rule of this crate.
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

/// Every catalogue rule: this crate's, then the others'.
pub(crate) fn keys() -> impl Iterator<Item = RuleKey> {
    RULES.iter().map(RuleKey::from).chain(EXTERNAL_RULES.iter().map(|&(name, category, recommended)| RuleKey {
        name,
        category,
        recommended,
    }))
}

/// The catalogue rule called `name`.
pub(crate) fn key(name: &str) -> Option<RuleKey> {
    keys().find(|key| key.name == name)
}

/// The rule of this crate called `name`.
pub(crate) fn rule(name: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|rule| rule.name == name)
}

/// Every catalogue rule name.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    keys().map(|key| key.name)
}
