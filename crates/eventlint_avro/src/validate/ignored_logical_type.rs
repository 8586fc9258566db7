//! `ignored-logical-type`: a known logical type on the wrong base or with invalid attributes, which readers ignore.

use eventlint_diagnostics::Diagnostic;

use super::logical::{LogicalTypeStatus, logical_type_status};
use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "ignored-logical-type";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(LogicalTypeStatus::Ignored(ignored)) = logical_type_status(set, id) else { continue };
        let Some(logical) = &node.logical_type else { continue };
        let name = logical.name().unwrap_or("logicalType");
        let base = node.avro_type().name();
        let message = format!("`{name}` is ignored: {}; the field is plain `{base}`", ignored.reason);
        let mut diagnostic =
            Diagnostic::warn(RULE, message).with_primary(logical.name.span, "readers ignore this logical type");
        if let Some(attribute) = ignored.attribute {
            diagnostic = diagnostic.with_label(attribute, "because of this");
        }
        diagnostic = diagnostic
            .with_note("Java, Python and apache-avro silently fall back to the base type")
            .with_help(ignored.help);
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
