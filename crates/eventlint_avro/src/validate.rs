//! The parse-time `avro` rules (avro-compat §2.8, rules/avro.md), each a function over a built [`SchemaSet`].
//!
//! Every finding carries a logical path (catalog-format §12) and a `schema` subject naming the nearest named type.
//! Severities are the catalogue's defaults; the rule engine may override them.

mod alias_collision;
mod confusing_name;
mod decimal_precision_exceeds_fixed;
mod defaults;
mod duplicate_avro_definition;
mod empty_union_or_enum;
mod forward_reference;
mod ignored_logical_type;
mod ignored_namespace;
mod invalid_alias;
mod invalid_avro_name;
mod invalid_default;
mod invalid_order;
mod invalid_union;
mod logical;
mod misspelled_attribute;
mod names;
mod non_json_number_default;
mod protocol_only_type;
mod union_default_not_first_branch;
mod unknown_logical_type;

use std::collections::HashMap;

use eventlint_diagnostics::{Diagnostic, SubjectType};

pub use logical::{IgnoredLogicalType, LogicalTypeStatus, logical_type_status, max_decimal_precision};
pub use names::{is_valid_full_name, is_valid_name, is_valid_namespace};

use crate::graph::{Field, NodeId};
use crate::set::SchemaSet;

/// Options of the `avro` rules that change what they report.
#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    /// `unknown-logical-type`'s `known-custom`: logical type names that are not reported.
    pub known_custom_logical_types: Vec<String>,
    /// `misspelled-attribute`'s `allow`: attribute keys that are never reported.
    pub allowed_attributes: Vec<String>,
    /// `avro.target-version: "1.11"`: `union-default-not-first-branch` becomes an error.
    pub target_avro_1_11: bool,
}

/// One rule's check: appends its findings for the whole set.
pub type RuleCheck = fn(&SchemaSet, &ValidateOptions, &mut Vec<Diagnostic>);

/// Every parse-time rule by its catalogue name, so a rule engine can run (or skip) them one at a time.
pub const RULES: &[(&str, RuleCheck)] = &[
    ("invalid-avro-name", invalid_avro_name::check),
    ("duplicate-avro-definition", duplicate_avro_definition::check),
    ("forward-reference", forward_reference::check),
    ("invalid-union", invalid_union::check),
    ("empty-union-or-enum", empty_union_or_enum::check),
    ("invalid-default", invalid_default::check),
    ("non-json-number-default", non_json_number_default::check),
    ("union-default-not-first-branch", union_default_not_first_branch::check),
    ("ignored-logical-type", ignored_logical_type::check),
    ("unknown-logical-type", unknown_logical_type::check),
    ("decimal-precision-exceeds-fixed", decimal_precision_exceeds_fixed::check),
    ("invalid-order", invalid_order::check),
    ("invalid-alias", invalid_alias::check),
    ("alias-collision", alias_collision::check),
    ("confusing-name", confusing_name::check),
    ("ignored-namespace", ignored_namespace::check),
    ("misspelled-attribute", misspelled_attribute::check),
    ("protocol-only-type", protocol_only_type::check),
];

/// Runs every parse-time rule over `set`, in [`RULES`] order.
pub fn validate(set: &SchemaSet, options: &ValidateOptions) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (_, check) in RULES {
        check(set, options, &mut findings);
    }
    findings
}

/// Adds the logical path and the subject (the nearest named type around `node`) to a finding.
fn locate(set: &SchemaSet, node: NodeId, path: String, diagnostic: Diagnostic) -> Diagnostic {
    let diagnostic = diagnostic.with_path(path);
    match set.subject(node) {
        Some(full_name) => diagnostic.with_subject(SubjectType::Schema, full_name),
        None => diagnostic,
    }
}

/// Each item whose key repeats an earlier item's key, as `(index, index of the first)`, in item order; items without
/// a key are skipped. Linear in the number of items.
fn repeated_keys<'a, T, K: std::hash::Hash + Eq>(
    items: &'a [T],
    key: impl Fn(&'a T) -> Option<K>,
) -> Vec<(usize, usize)> {
    let mut firsts: HashMap<K, usize> = HashMap::new();
    let mut repeats = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(key) = key(item) {
            let first = *firsts.entry(key).or_insert(index);
            if first != index {
                repeats.push((index, first));
            }
        }
    }
    repeats
}

/// Every record field as `(record, field index)`.
fn fields(set: &SchemaSet) -> impl Iterator<Item = (NodeId, usize, &Field)> {
    set.nodes()
        .filter_map(|(id, node)| node.as_record().map(|record| (id, record)))
        .flat_map(|(id, record)| record.fields.iter().enumerate().map(move |(index, field)| (id, index, field)))
}

/// How a type reads in a message: a named type's full name, else its type name (`string`, `array`).
fn describe_type(set: &SchemaSet, ty: NodeId) -> &str {
    let node = set.node(ty);
    node.full_name().unwrap_or(node.avro_type().name())
}
