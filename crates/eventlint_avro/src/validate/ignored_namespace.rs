//! `ignored-namespace`: a dotted name and a `namespace` attribute that disagree; the attribute is ignored.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "ignored-namespace";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(named) = node.named() else { continue };
        let (Some((effective, _)), Some(attr)) = (named.name.value.rsplit_once('.'), &named.namespace_attr) else {
            continue;
        };
        if attr.value == effective {
            continue;
        }
        let message =
            format!("`namespace` `{}` is ignored: the dotted name sets the namespace `{effective}`", attr.value);
        let diagnostic = Diagnostic::info(RULE, message)
            .with_primary(attr.span, "ignored")
            .with_label(named.name.span, "this full name wins, for nested types too")
            .with_help(format!("remove `namespace`, or make it match `{effective}`"));
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
