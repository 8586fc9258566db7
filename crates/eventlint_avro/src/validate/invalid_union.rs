//! `invalid-union`: a union directly inside a union, or two branches of one unnamed type or one full name.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, describe_type, locate};
use crate::graph::{AvroType, Edge, Position, TypeRef};
use crate::set::SchemaSet;

const RULE: &str = "invalid-union";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(branches) = node.branches() else { continue };
        for (index, branch) in branches.iter().enumerate() {
            let path = set.position_path(Position { parent: Some(id), edge: Edge::Branch(index as u32) });
            let diagnostic = if set.node(branch.node).avro_type() == AvroType::Union {
                Diagnostic::error(RULE, "a union cannot directly contain another union")
                    .with_primary(branch.span, "nested union")
                    .with_help("flatten the nested union into its parent")
            } else if let Some(first) = branches[..index].iter().find(|earlier| same_kind(set, **earlier, *branch)) {
                let kind = describe_type(set, branch.node);
                let message = match set.node(branch.node).full_name() {
                    Some(_) => format!("the union has two branches named `{kind}`"),
                    None => format!("the union has two `{kind}` branches"),
                };
                let mut diagnostic = Diagnostic::error(RULE, message)
                    .with_primary(branch.span, "repeats a branch")
                    .with_label(first.span, "first branch of this type")
                    .with_help(format!("keep a single `{kind}` branch"));
                let logical = [first, branch].iter().find_map(|b| set.node(b.node).logical_type.as_ref());
                if let Some(name) = logical.and_then(|logical| logical.name()) {
                    diagnostic = diagnostic.with_note(format!(
                        "a logical type counts as its base type: `{name}` is a `{kind}` underneath"
                    ));
                }
                diagnostic
            } else {
                continue;
            };
            out.push(locate(set, id, path, diagnostic));
        }
    }
}

/// Whether two branches collide: the same full name, or the same unnamed type (logical types count as their base).
fn same_kind(set: &SchemaSet, a: TypeRef, b: TypeRef) -> bool {
    let (a, b) = (set.node(a.node), set.node(b.node));
    match (a.full_name(), b.full_name()) {
        (Some(a), Some(b)) => a == b,
        (None, None) => a.avro_type() == b.avro_type() && a.avro_type() != AvroType::Union,
        _ => false,
    }
}
