//! `forward-reference`: a named type used before its definition in the same file.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "forward-reference";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for reference in set.forward_references() {
        let Some(named) = set.node(reference.target).named() else { continue };
        let name = &named.full_name;
        let diagnostic = Diagnostic::error(RULE, format!("`{name}` is used before its definition"))
            .with_primary(reference.reference, "used here")
            .with_label(named.name.span, "defined later here")
            .with_note("Java 1.12 accepts forward references; Python, avsc and apache-avro reject the file")
            .with_help(format!("define `{}` before its first use, or move it to its own file", named.simple_name()));
        let subject_node = reference.position.parent.unwrap_or(reference.target);
        out.push(locate(set, subject_node, set.position_path(reference.position), diagnostic));
    }
}
