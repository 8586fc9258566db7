//! `empty-union-or-enum`: a union without branches or an enum without symbols, which no value can inhabit.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "empty-union-or-enum";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let (span, message, help) = match (node.branches(), node.as_enum()) {
            (Some([]), _) => (
                node.span,
                "the union has no branches, so no value can be written",
                "add the branches the field can hold, or remove the field",
            ),
            (_, Some(enumeration)) if enumeration.symbols.is_empty() => (
                enumeration.symbols_span,
                "the enum has no symbols, so no value can be written",
                "add the symbols the enum can hold, or remove it",
            ),
            _ => continue,
        };
        let diagnostic = Diagnostic::warn(RULE, message)
            .with_primary(span, "empty")
            .with_note("Java, Python and apache-avro accept it; avsc refuses the file")
            .with_help(help);
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
