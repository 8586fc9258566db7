//! `misspelled-attribute`: an unknown attribute that looks like a misspelt Avro attribute, so Avro silently ignores it.

use eventlint_diagnostics::Diagnostic;
use eventlint_json::JsonMember;

use super::{ValidateOptions, fields, locate};
use crate::build::RESERVED_ATTRIBUTES;
use crate::graph::NodeId;
use crate::set::SchemaSet;

const RULE: &str = "misspelled-attribute";

/// The suppression attribute (catalog-format §13.2), never reported.
const SUPPRESSION_ATTRIBUTE: &str = "eventlint";

pub(super) fn check(set: &SchemaSet, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        report(set, options, id, || set.path(id), &node.attributes, out);
    }
    for (record, index, field) in fields(set) {
        report(set, options, record, || set.field_path(record, index), &field.attributes, out);
    }
}

fn report(
    set: &SchemaSet,
    options: &ValidateOptions,
    node: NodeId,
    path: impl Fn() -> String,
    attributes: &[JsonMember],
    out: &mut Vec<Diagnostic>,
) {
    for attribute in attributes {
        let key = &attribute.key;
        if key.starts_with("x-") || key == SUPPRESSION_ATTRIBUTE || options.allowed_attributes.contains(key) {
            continue;
        }
        let Some(intended) = closest_reserved(key) else { continue };
        let message = format!("`{key}` looks like a misspelling of `{intended}`");
        let diagnostic = Diagnostic::warn(RULE, message)
            .with_primary(attribute.key_span, "unknown attribute")
            .with_note(format!("Avro keeps unknown attributes as metadata, so this `{intended}` has no effect"))
            .with_help(format!("rename `{key}` to `{intended}`"));
        out.push(locate(set, node, path(), diagnostic));
    }
}

/// The reserved attribute `key` most likely misspells: equal ignoring case, or within a small edit distance.
///
/// The catalogue allows distance 2; that flags common metadata keys (`owner` is two edits from `order`, `note` from
/// `name`), so distance 2 applies only to attributes of seven letters or more and 1 to shorter ones. Transpositions
/// count as one edit (`defualt`).
fn closest_reserved(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    RESERVED_ATTRIBUTES
        .iter()
        .map(|&reserved| (reserved, strsim::osa_distance(&lower, &reserved.to_ascii_lowercase())))
        .filter(|&(reserved, distance)| distance <= if reserved.len() >= 7 { 2 } else { 1 })
        .min_by_key(|&(_, distance)| distance)
        .map(|(reserved, _)| reserved)
}

#[cfg(test)]
mod tests {
    use super::closest_reserved;

    #[test]
    fn closeness_is_case_insensitive_and_strict_for_short_attributes() {
        assert_eq!(closest_reserved("defualt"), Some("default"));
        assert_eq!(closest_reserved("logicaltype"), Some("logicalType"));
        assert_eq!(closest_reserved("aliasses"), Some("aliases"));
        assert_eq!(closest_reserved("tpye"), Some("type"));
        assert_eq!(closest_reserved("note"), None);
        assert_eq!(closest_reserved("owner"), None);
        assert_eq!(closest_reserved("ordr"), Some("order"));
        assert_eq!(closest_reserved("namespase"), Some("namespace"));
        assert_eq!(closest_reserved("key"), None);
    }
}
