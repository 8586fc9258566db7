//! `invalid-default`: a field default that does not conform to the field's type, or an enum default that is not a
//! symbol.

use eventlint_diagnostics::Diagnostic;

use super::defaults::{conforms, show};
use super::{ValidateOptions, describe_type, fields, locate};
use crate::set::SchemaSet;

const RULE: &str = "invalid-default";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (record, index, field) in fields(set) {
        let Some(default) = &field.default else { continue };
        let Err(mismatch) = conforms(set, field.ty.node, default) else { continue };
        let type_name = describe_type(set, field.ty.node);
        let nested = mismatch.span != default.span;
        let help = mismatch.help.unwrap_or_else(|| match set.node(field.ty.node).branches() {
            _ if nested => format!("use a valid `{}` here", mismatch.expected),
            Some([first, ..]) => format!(
                "use a default of the first branch's type `{}`, or put the default's type first",
                describe_type(set, first.node)
            ),
            _ => format!("use a default of type `{type_name}`"),
        });
        let label = if nested { format!("not a valid `{}`", mismatch.expected) } else { "does not match".to_owned() };
        let mut diagnostic =
            Diagnostic::error(RULE, format!("invalid default for field `{}`: {}", field.name.value, mismatch.reason))
                .with_primary(mismatch.span, label)
                .with_help(help);
        if nested {
            diagnostic = diagnostic.with_label(default.span, "in this default");
        }
        diagnostic = diagnostic.with_label(field.ty.span, format!("the field's type is `{type_name}`"));
        out.push(locate(set, record, format!("{}/default", set.field_path(record, index)), diagnostic));
    }
    for (id, node) in set.nodes() {
        let Some(enumeration) = node.as_enum() else { continue };
        let Some(default) = &enumeration.default else { continue };
        if enumeration.default_symbol().is_some() {
            continue;
        }
        let symbols: Vec<String> = enumeration.symbols.iter().map(|symbol| format!("`{}`", symbol.value)).collect();
        let message =
            format!("the enum default {} is not a symbol of `{}`", show(default), enumeration.named.full_name);
        let diagnostic = Diagnostic::error(RULE, message)
            .with_primary(default.span, "not a symbol")
            .with_label(enumeration.symbols_span, "the symbols")
            .with_help(format!("use one of the symbols: {}", symbols.join(", ")));
        out.push(locate(set, id, format!("{}/default", set.path(id)), diagnostic));
    }
}
