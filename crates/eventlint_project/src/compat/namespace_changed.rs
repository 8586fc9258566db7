//! `namespace-changed`: a named type matched by its simple name has another full name in the current version. One
//! finding per namespace declaration that causes the change, listing the types it moves.

use eventlint_avro::{NodeId, SchemaSet};
use eventlint_diagnostics::{Diagnostic, Severity, Span};

use super::{Located, Pair};

const RULE: &str = "namespace-changed";

/// Where a named type's namespace is declared: its dotted `name`, its `namespace`, or that of the nearest enclosing
/// named type; the top-level type's `name` when the type is in the null namespace.
fn declaration(set: &SchemaSet, node: NodeId) -> (NodeId, Span) {
    let mut current = node;
    let mut last_named = node;
    loop {
        if let Some(named) = set.node(current).named() {
            last_named = current;
            if named.name.value.contains('.') {
                return (current, named.name.span);
            }
            if let Some(namespace) = &named.namespace_attr {
                return (current, namespace.span);
            }
        }
        match set.node(current).position.parent {
            Some(parent) => current = parent,
            None => break,
        }
    }
    let span = set.node(last_named).named().map_or(set.node(last_named).span, |named| named.name.span);
    (last_named, span)
}

/// The types one namespace declaration moves: where it is declared (node and span), where the old one was, and
/// each moved type's old and new full name.
struct Move {
    declared: (NodeId, Span),
    old_span: Span,
    types: Vec<(String, String)>,
}

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    let mut moves: Vec<Move> = Vec::new();
    for &counterpart in pair.counterparts() {
        let (Some(new), Some(old)) = (new_set.node(counterpart.new).named(), old_set.node(counterpart.old).named())
        else {
            continue;
        };
        let moved = new.simple_name() == old.simple_name() && new.full_name != old.full_name;
        if !moved || pair.is_reported(counterpart.new) || new.aliases.iter().any(|a| a.full_name == old.full_name) {
            continue;
        }
        let origin = declaration(new_set, counterpart.new);
        let moved = (old.full_name.clone(), new.full_name.clone());
        match moves.iter_mut().find(|m| m.declared == origin) {
            Some(existing) => existing.types.push(moved),
            None => {
                let old_span = declaration(old_set, counterpart.old).1;
                moves.push(Move { declared: origin, old_span, types: vec![moved] });
            }
        }
    }
    for Move { declared: (node, span), old_span, types } in moves {
        let list: Vec<String> = types.iter().map(|(old, new)| format!("`{old}` → `{new}`")).collect();
        let text = format!(
            "the namespace of {} of `{}` changed since {}: {}",
            if types.len() == 1 { "a type" } else { "types" },
            pair.name,
            pair.old.describe(),
            list.join(", ")
        );
        let old_full_name = types.first().map_or("", |(old, _)| old.as_str());
        let at = Located { span, path: new_set.path(node), old_span: Some(old_span) };
        out.push(pair.finding(RULE, Severity::Warning, text, at).with_help(format!(
            "keep the old namespace; add the old full name (`{old_full_name}`) to `aliases` if the move is intended"
        )));
    }
}
