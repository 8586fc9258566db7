//! `avro` rules (rules/avro.md): the Avro specification checks of `eventlint_avro::validate`, wrapped one per rule,
//! and the schema hygiene rules, which read the schemas reachable from messages.

pub(crate) mod alias_collision;
pub(crate) mod confusing_name;
pub(crate) mod decimal_precision_exceeds_fixed;
pub(crate) mod duplicate_avro_definition;
pub(crate) mod empty_union_or_enum;
pub(crate) mod enum_without_default;
pub(crate) mod forward_reference;
pub(crate) mod ignored_logical_type;
pub(crate) mod ignored_namespace;
pub(crate) mod invalid_alias;
pub(crate) mod invalid_avro_name;
pub(crate) mod invalid_default;
pub(crate) mod invalid_order;
pub(crate) mod invalid_union;
pub(crate) mod missing_doc;
pub(crate) mod missing_namespace;
pub(crate) mod misspelled_attribute;
pub(crate) mod money_as_float;
pub(crate) mod non_json_number_default;
pub(crate) mod optional_field_not_null_first;
pub(crate) mod optional_field_without_default;
pub(crate) mod protocol_only_type;
pub(crate) mod union_default_not_first_branch;
pub(crate) mod unknown_logical_type;
pub(crate) mod unsupported_schema_format;

use eventlint_avro::{Field, NodeId, Record, ValidateOptions, validate};
use eventlint_catalog::Message;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::RuleDef;

/// Runs the `eventlint_avro` check named like `rule` over the current schemas.
fn validated(cx: &Context, rule: &RuleDef, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    if let Some((_, check)) = validate::RULES.iter().find(|(name, _)| *name == rule.name) {
        check(cx.schemas, options, out);
    }
}

/// Every node reachable from the value schemas of `messages`, each once, in first-visit order.
fn reachable<'m>(cx: &Context, messages: impl IntoIterator<Item = &'m Message>) -> Vec<NodeId> {
    cx.schemas.reachable(messages.into_iter().filter_map(|message| cx.message_schemas.get(&message.decl.name).copied()))
}

/// The nodes reachable from every message with an Avro schema.
fn reachable_from_all(cx: &Context) -> Vec<NodeId> {
    reachable(cx, cx.model.messages.values())
}

/// Every field of every record reachable from a message: `(record node, field index, record, field)`.
fn reachable_fields<'a>(cx: &Context<'a>) -> Vec<(NodeId, usize, &'a Record, &'a Field)> {
    reachable_from_all(cx)
        .into_iter()
        .filter_map(|id| cx.schemas.node(id).as_record().map(|record| (id, record)))
        .flat_map(|(id, record)| record.fields.iter().enumerate().map(move |(index, field)| (id, index, record, field)))
        .collect()
}
