//! `invalid-avro-name`: type names, namespaces, field names and enum symbols that break the Avro name grammar.

use eventlint_diagnostics::{Diagnostic, Span};

use super::names::{is_valid_name, is_valid_namespace, suggest_name};
use super::{ValidateOptions, fields, locate};
use crate::graph::{AvroType, NodeId};
use crate::set::SchemaSet;

const RULE: &str = "invalid-avro-name";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(named) = node.named() else { continue };
        let path = set.path(id);
        let written = &named.name.value;
        let (namespace_part, simple) = written.rsplit_once('.').unwrap_or(("", written));
        let namespace = match &named.namespace_attr {
            _ if written.contains('.') => Some((namespace_part, named.name.span)),
            Some(attr) => Some((attr.value.as_str(), attr.span)),
            None => None,
        };
        if let Some((namespace, span)) = namespace.filter(|(namespace, _)| !is_valid_namespace(namespace)) {
            out.push(invalid_namespace(set, id, path.clone(), namespace, span));
        }
        if AvroType::primitive(simple).is_some() {
            let diagnostic = Diagnostic::error(RULE, format!("a named type cannot be called `{simple}`"))
                .with_primary(named.name.span, "a primitive type name")
                .with_note("primitive type names cannot be defined in any namespace (Avro 1.12, \"Names\")")
                .with_help(format!("give the {} a domain name instead of `{simple}`", node.avro_type().name()));
            out.push(locate(set, id, path.clone(), diagnostic));
        } else if !is_valid_name(simple) {
            out.push(invalid_name(set, id, path.clone(), simple, named.name.span, "type name", true));
        }
        if let Some(enumeration) = node.as_enum() {
            for symbol in enumeration.symbols.iter().filter(|symbol| !is_valid_name(&symbol.value)) {
                out.push(invalid_name(set, id, path.clone(), &symbol.value, symbol.span, "enum symbol", false));
            }
        }
    }
    for (record, index, field) in fields(set) {
        if !is_valid_name(&field.name.value) {
            let path = set.field_path(record, index);
            out.push(invalid_name(set, record, path, &field.name.value, field.name.span, "field name", true));
        }
    }
}

fn invalid_name(
    set: &SchemaSet,
    id: NodeId,
    path: String,
    name: &str,
    span: Span,
    what: &str,
    aliasable: bool,
) -> Diagnostic {
    let message =
        if name.is_empty() { format!("the {what} is empty") } else { format!("`{name}` is not a valid Avro {what}") };
    let keep_old = if aliasable { ", and keep the old spelling in `aliases`" } else { "" };
    let help = match suggest_name(name) {
        Some(suggestion) => format!("rename `{name}` to a valid name such as `{suggestion}`{keep_old}"),
        None => format!("use a name of ASCII letters, digits and `_` that does not start with a digit{keep_old}"),
    };
    let diagnostic =
        Diagnostic::error(RULE, message).with_primary(span, "names match `[A-Za-z_][A-Za-z0-9_]*`").with_help(help);
    locate(set, id, path, diagnostic)
}

fn invalid_namespace(set: &SchemaSet, id: NodeId, path: String, namespace: &str, span: Span) -> Diagnostic {
    let diagnostic = Diagnostic::error(RULE, format!("`{namespace}` is not a valid Avro namespace"))
        .with_primary(span, "each dot-separated part must be a valid name")
        .with_help("write the namespace as dot-separated names, such as `com.acme.shipping`");
    locate(set, id, path, diagnostic)
}
