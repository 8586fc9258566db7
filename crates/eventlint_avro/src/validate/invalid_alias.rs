//! `invalid-alias`: an alias that is not a valid Avro name (type aliases may be dotted).

use eventlint_diagnostics::Diagnostic;

use super::names::{is_valid_full_name, is_valid_name};
use super::{ValidateOptions, fields, locate};
use crate::graph::{NodeId, Text};
use crate::set::SchemaSet;

const RULE: &str = "invalid-alias";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(named) = node.named() else { continue };
        for alias in named.aliases.iter().filter(|alias| !is_valid_full_name(&alias.written.value)) {
            out.push(finding(set, id, set.path(id), &alias.written));
        }
    }
    for (record, index, field) in fields(set) {
        for alias in field.aliases.iter().filter(|alias| !is_valid_name(&alias.value)) {
            out.push(finding(set, record, set.field_path(record, index), alias));
        }
    }
}

fn finding(set: &SchemaSet, node: NodeId, path: String, alias: &Text) -> Diagnostic {
    let diagnostic = Diagnostic::warn(RULE, format!("alias `{}` is not a valid Avro name", alias.value))
        .with_primary(alias.span, "not a valid name")
        .with_note("the specification accepts any alias, but Java, avsc and apache-avro reject the schema")
        .with_help("use a valid name; an alias that only Python accepts breaks the other runtimes");
    locate(set, node, path, diagnostic)
}
