//! `alias-collision`: a field alias equal to another field's name, or a type alias equal to another type's full name.

use std::collections::HashMap;

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "alias-collision";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (record_id, node) in set.nodes() {
        let Some(record) = node.as_record() else { continue };
        if record.fields.iter().all(|field| field.aliases.is_empty()) {
            continue;
        }
        let names: HashMap<&str, usize> =
            record.fields.iter().enumerate().map(|(index, field)| (field.name.value.as_str(), index)).collect();
        for (index, field) in record.fields.iter().enumerate() {
            for alias in &field.aliases {
                let Some(other) = names.get(alias.value.as_str()).filter(|&&other| other != index) else { continue };
                let other = &record.fields[*other];
                let message =
                    format!("alias `{}` of field `{}` is the name of another field", alias.value, field.name.value);
                let diagnostic = Diagnostic::warn(RULE, message)
                    .with_primary(alias.span, "collides")
                    .with_label(other.name.span, "with this field")
                    .with_note("resolution becomes ambiguous; apache-avro rejects it or not depending on field order")
                    .with_help(format!("drop the alias `{}`, or rename the field it collides with", alias.value));
                out.push(locate(set, record_id, set.field_path(record_id, index), diagnostic));
            }
        }
    }
    for (id, node) in set.nodes() {
        let Some(named) = node.named() else { continue };
        for alias in &named.aliases {
            if alias.full_name == named.full_name {
                continue;
            }
            let Some(other) = set.named(&alias.full_name).and_then(|other| set.node(other).named()) else { continue };
            let message =
                format!("alias `{}` of `{}` is the full name of another type", alias.full_name, named.full_name);
            let diagnostic = Diagnostic::warn(RULE, message)
                .with_primary(alias.written.span, "collides")
                .with_label(other.name.span, "with this type")
                .with_help(format!("drop the alias `{}`, or rename the type it collides with", alias.written.value));
            out.push(locate(set, id, set.path(id), diagnostic));
        }
    }
}
