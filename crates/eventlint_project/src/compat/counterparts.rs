//! Which node of an earlier version stands for which node of the current schema: the pairs the rules beyond Java
//! compare (avro-compat §3.7).

use std::collections::HashSet;

use eventlint_avro::{AvroType, Field, Node, NodeId, NodeKind, Record, SchemaSet, TypeRef};
use eventlint_compat::Schema;

/// Two nodes that stand for the same place in two versions of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Counterpart {
    pub(crate) new: NodeId,
    pub(crate) old: NodeId,
}

/// The field of `old` that `field` of a newer version reads: the one of the same name, else one its aliases name
/// (as a reader resolves it; writer aliases play no part).
pub(crate) fn matching_field<'r>(field: &Field, old: &'r Record) -> Option<&'r Field> {
    old.field(&field.name.value)
        .or_else(|| field.aliases.iter().find_map(|alias| old.field(&alias.value)))
        .map(|(_, field)| field)
}

/// Whether two physical types hold the same data or one promotes to the other (int→long→float→double,
/// string↔bytes).
pub(crate) fn comparable(a: AvroType, b: AvroType) -> bool {
    let numeric = |t: AvroType| matches!(t, AvroType::Int | AvroType::Long | AvroType::Float | AvroType::Double);
    let text = |t: AvroType| matches!(t, AvroType::String | AvroType::Bytes);
    a == b || (numeric(a) && numeric(b)) || (text(a) && text(b))
}

/// Every pair of corresponding nodes from the two roots down: record fields matched as a reader matches them, array
/// items, map values, and union branches of the same type (else of a promotable one). Each pair is visited once, so
/// recursive types end; the walk uses an explicit stack.
pub(crate) fn counterparts(new: Schema, old: Schema) -> Vec<Counterpart> {
    let mut seen = HashSet::new();
    let mut pending = vec![Counterpart { new: new.root, old: old.root }];
    let mut pairs = Vec::new();
    while let Some(pair) = pending.pop() {
        if !seen.insert(pair) {
            continue;
        }
        pairs.push(pair);
        let (a, b) = (new.set.node(pair.new), old.set.node(pair.old));
        match (&a.kind, &b.kind) {
            (NodeKind::Record(a), NodeKind::Record(b)) => {
                for field in &a.fields {
                    if let Some(counterpart) = matching_field(field, b) {
                        pending.push(Counterpart { new: field.ty.node, old: counterpart.ty.node });
                    }
                }
            }
            (NodeKind::Array { items: a }, NodeKind::Array { items: b }) => pending.push(between(a, b)),
            (NodeKind::Map { values: a }, NodeKind::Map { values: b }) => pending.push(between(a, b)),
            (NodeKind::Union { branches: a }, NodeKind::Union { branches: b }) => {
                pending.extend(a.iter().filter_map(|branch| {
                    let old = branch_for(old.set, b, new.set.node(branch.node))?;
                    Some(Counterpart { new: branch.node, old })
                }));
            }
            (NodeKind::Union { branches }, _) => {
                pending.extend(branch_for(new.set, branches, b).map(|new| Counterpart { new, old: pair.old }));
            }
            (_, NodeKind::Union { branches }) => {
                pending.extend(branch_for(old.set, branches, a).map(|old| Counterpart { new: pair.new, old }));
            }
            _ => {}
        }
    }
    pairs.reverse();
    pairs.sort_by_key(|pair| pair.new);
    pairs
}

fn between(new: &TypeRef, old: &TypeRef) -> Counterpart {
    Counterpart { new: new.node, old: old.node }
}

/// The branch of `branches` (in `set`) that stands for `other`: the same type (named types by simple name), else the
/// first promotable one.
fn branch_for(set: &SchemaSet, branches: &[TypeRef], other: &Node) -> Option<NodeId> {
    let simple = |node: &Node| node.named().map(|named| named.simple_name().to_owned());
    let same = branches.iter().find(|branch| {
        let node = set.node(branch.node);
        node.avro_type() == other.avro_type() && simple(node) == simple(other)
    });
    let promotable = || {
        branches.iter().find(|branch| {
            let node = set.node(branch.node);
            !node.avro_type().is_named() && comparable(node.avro_type(), other.avro_type())
        })
    };
    same.or_else(promotable).map(|branch| branch.node)
}

/// The logical type readers honour on a node: a spec 1.12 logical type on a valid base, with a decimal's
/// `(precision, scale)`.
pub(crate) fn logical_type(set: &SchemaSet, node: NodeId) -> Option<(&str, Option<(u32, u32)>)> {
    match eventlint_avro::logical_type_status(set, node)? {
        eventlint_avro::LogicalTypeStatus::Valid { name, decimal } => Some((name, decimal)),
        _ => None,
    }
}

/// The pairs of a version pair whose physical types hold the same data or promote, outside the nodes
/// `incompatible-change` reported.
pub(crate) fn comparable_counterparts(pair: &super::Pair) -> Vec<Counterpart> {
    pair.counterparts()
        .iter()
        .copied()
        .filter(|c| !pair.is_reported(c.new))
        .filter(|c| comparable(pair.new.set.node(c.new).avro_type(), pair.old.schema.set.node(c.old).avro_type()))
        .collect()
}
