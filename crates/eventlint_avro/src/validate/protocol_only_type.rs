//! `protocol-only-type`: `"type": "error"` in a standalone schema.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "protocol-only-type";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        if !node.as_record().is_some_and(|record| record.is_error) {
            continue;
        }
        let diagnostic = Diagnostic::warn(RULE, "`error` is a protocol-only type, not meant for a schema file")
            .with_primary(node.type_span.unwrap_or(node.span), "only Avro protocols declare errors")
            .with_note("Java and Python read it as a record; apache-avro rejects the schema")
            .with_help("use `record`");
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
