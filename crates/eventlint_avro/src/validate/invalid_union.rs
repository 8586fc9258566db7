//! `invalid-union`: a union directly inside a union, or two branches of one unnamed type or one full name.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, describe_type, locate, repeated_keys};
use crate::graph::{AvroType, Edge, Position, TypeRef};
use crate::set::SchemaSet;

const RULE: &str = "invalid-union";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(branches) = node.branches() else { continue };
        let mut findings: Vec<(usize, Diagnostic)> = Vec::new();
        for (index, branch) in branches.iter().enumerate() {
            if set.node(branch.node).avro_type() == AvroType::Union {
                let diagnostic = Diagnostic::error(RULE, "a union cannot directly contain another union")
                    .with_primary(branch.span, "nested union")
                    .with_help("flatten the nested union into its parent");
                findings.push((index, diagnostic));
            }
        }
        for (index, first) in repeated_keys(branches, |branch| branch_key(set, *branch)) {
            findings.push((index, repeated_branch(set, branches[first], branches[index])));
        }
        findings.sort_by_key(|(index, _)| *index);
        for (index, diagnostic) in findings {
            let path = set.position_path(Position { parent: Some(id), edge: Edge::Branch(index as u32) });
            out.push(locate(set, id, path, diagnostic));
        }
    }
}

fn repeated_branch(set: &SchemaSet, first: TypeRef, branch: TypeRef) -> Diagnostic {
    let kind = describe_type(set, branch.node);
    let message = match set.node(branch.node).full_name() {
        Some(_) => format!("the union has two branches named `{kind}`"),
        None => format!("the union has two `{kind}` branches"),
    };
    let diagnostic = Diagnostic::error(RULE, message)
        .with_primary(branch.span, "repeats a branch")
        .with_label(first.span, "first branch of this type")
        .with_help(format!("keep a single `{kind}` branch"));
    let logical = [first, branch].iter().find_map(|b| set.node(b.node).logical_type.as_ref());
    match logical.and_then(|logical| logical.name()) {
        Some(name) => {
            diagnostic.with_note(format!("a logical type counts as its base type: `{name}` is a `{kind}` underneath"))
        }
        None => diagnostic,
    }
}

/// What makes two branches collide: the same full name, or the same unnamed type (logical types count as their
/// base). Nested unions are reported on their own and have no key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum BranchKey<'a> {
    Named(&'a str),
    Unnamed(AvroType),
}

fn branch_key(set: &SchemaSet, branch: TypeRef) -> Option<BranchKey<'_>> {
    let node = set.node(branch.node);
    match (node.full_name(), node.avro_type()) {
        (_, AvroType::Union) => None,
        (Some(full_name), _) => Some(BranchKey::Named(full_name)),
        (None, avro_type) => Some(BranchKey::Unnamed(avro_type)),
    }
}
