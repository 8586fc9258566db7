//! `confusing-name`: a type called after a complex-type keyword (`record`, `enum` …) without a namespace.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "confusing-name";
const KEYWORDS: [&str; 6] = ["record", "enum", "array", "map", "fixed", "union"];

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(named) = node.named() else { continue };
        let name = named.simple_name();
        if named.namespace().is_some() || !KEYWORDS.contains(&name) {
            continue;
        }
        let diagnostic = Diagnostic::info(RULE, format!("the type is called `{name}`, a type keyword"))
            .with_primary(named.name.span, "reads like a type, not a name")
            .with_note("Avro 1.12 allows it but advises a namespace for such names")
            .with_help("give it a namespace, or a domain name such as `ShipmentRecord`");
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
