//! `duplicate-avro-definition`: a repeated field name or enum symbol, or one full name defined differently in two files.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate, repeated_keys};
use crate::set::SchemaSet;

const RULE: &str = "duplicate-avro-definition";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        if let Some(record) = node.as_record() {
            for (index, first) in repeated_keys(&record.fields, |field| Some(field.name.value.as_str())) {
                let (field, first) = (&record.fields[index], &record.fields[first]);
                let name = &field.name.value;
                let diagnostic =
                    Diagnostic::error(RULE, format!("field `{name}` is defined twice in `{}`", record.named.full_name))
                        .with_primary(field.name.span, "defined again here")
                        .with_label(first.name.span, "first defined here")
                        .with_help(format!("rename or remove the second `{name}`"));
                out.push(locate(set, id, set.field_path(id, index), diagnostic));
            }
        }
        if let Some(enumeration) = node.as_enum() {
            for (index, first) in repeated_keys(&enumeration.symbols, |symbol| Some(symbol.value.as_str())) {
                let (symbol, first) = (&enumeration.symbols[index], &enumeration.symbols[first]);
                let name = &symbol.value;
                let message = format!("symbol `{name}` appears twice in `{}`", enumeration.named.full_name);
                let diagnostic = Diagnostic::error(RULE, message)
                    .with_primary(symbol.span, "repeated here")
                    .with_label(first.span, "first listed here")
                    .with_help(format!("remove the second `{name}`"));
                out.push(locate(set, id, format!("{}/symbols", set.path(id)), diagnostic));
            }
        }
    }
    for copy in set.differing_copies() {
        let (Some(first), Some(other)) = (set.node(copy.first).named(), set.node(copy.other).named()) else {
            continue;
        };
        let full_name = &other.full_name;
        let diagnostic = Diagnostic::error(RULE, format!("`{full_name}` is defined differently in two schema files"))
            .with_primary(other.name.span, "this copy differs")
            .with_label(first.name.span, "from this copy, which references resolve to")
            .with_note("copies are compared as parsed JSON: docs, defaults and aliases count, key order does not")
            .with_help(format!("make every copy of `{full_name}` identical, or keep one file and reference it"));
        out.push(locate(set, copy.other, set.path(copy.other), diagnostic));
    }
}
