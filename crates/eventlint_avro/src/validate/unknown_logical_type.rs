//! `unknown-logical-type`: a `logicalType` name that Avro 1.12 does not define and the project did not declare.

use eventlint_diagnostics::Diagnostic;

use super::logical::{LogicalTypeStatus, logical_type_status};
use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "unknown-logical-type";

/// The logical types of Avro 1.12.
const KNOWN: [&str; 13] = [
    "decimal",
    "big-decimal",
    "uuid",
    "date",
    "time-millis",
    "time-micros",
    "timestamp-millis",
    "timestamp-micros",
    "timestamp-nanos",
    "local-timestamp-millis",
    "local-timestamp-micros",
    "local-timestamp-nanos",
    "duration",
];

pub(super) fn check(set: &SchemaSet, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(LogicalTypeStatus::Unknown(name)) = logical_type_status(set, id) else { continue };
        if options.known_custom_logical_types.iter().any(|custom| custom == name) {
            continue;
        }
        let Some(logical) = &node.logical_type else { continue };
        let suggestion = KNOWN
            .iter()
            .map(|&known| (known, strsim::levenshtein(name, known)))
            .filter(|&(_, distance)| distance <= 2)
            .min_by_key(|&(_, distance)| distance);
        let help = match suggestion {
            Some((known, _)) => format!("correct it to `{known}`, or list it in `known-custom`"),
            None => format!("list `{name}` in `known-custom` if every runtime in play registers it"),
        };
        let message = format!("`{name}` is not an Avro 1.12 logical type; readers without it ignore the annotation");
        let diagnostic =
            Diagnostic::info(RULE, message).with_primary(logical.name.span, "unknown logical type").with_help(help);
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
