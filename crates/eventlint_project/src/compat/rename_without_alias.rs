//! `rename-without-alias`: a field disappears and a field of the same type with a similar name, or the same doc,
//! takes its place, without an alias naming the old one. Compared with the latest earlier version only.

use eventlint_avro::{Field, NodeKind, Record, SchemaSet};
use eventlint_diagnostics::{Diagnostic, Severity};

use super::counterparts::matching_field;
use super::{Located, Pair};

const RULE: &str = "rename-without-alias";

/// Name tokens that say what kind of value a field holds, not which one: sharing only these is no evidence of a
/// rename (`customerId` → `orderId`). The last tokens of id-like and time-like fields (rules/README.md §3.2).
const GENERIC_TOKENS: &[&str] = &[
    "id",
    "uuid",
    "guid",
    "key",
    "ref",
    "reference",
    "number",
    "no",
    "at",
    "on",
    "time",
    "timestamp",
    "date",
    "ts",
    "dt",
];

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    for &counterpart in pair.counterparts() {
        let (NodeKind::Record(new), NodeKind::Record(old)) =
            (&new_set.node(counterpart.new).kind, &old_set.node(counterpart.old).kind)
        else {
            continue;
        };
        for (added, removed) in renames(new_set, new, old_set, old) {
            let text = format!(
                "field `{}` of `{}` looks like a rename of `{}` since {}, without an alias",
                added.name.value,
                pair.name,
                removed.name.value,
                pair.old.describe()
            );
            let path = format!("{}/fields/{}", new_set.path(counterpart.new), added.name.value);
            let at = Located { span: added.name.span, path, old_span: Some(removed.name.span) };
            out.push(
                pair.finding(RULE, Severity::Warning, text, at)
                    .with_help(format!(
                        "add `\"aliases\": [\"{}\"]` to `{}`, or suppress this if the field was really removed",
                        removed.name.value, added.name.value
                    ))
                    .with_note(if added.default.is_some() {
                        "every earlier record reads the default instead of its value".to_owned()
                    } else {
                        "the new field has no default, so earlier records cannot be read".to_owned()
                    }),
            );
        }
    }
}

/// The added fields paired with the removed fields they replace, best match first, each field used once.
fn renames<'r>(
    new_set: &SchemaSet,
    new: &'r Record,
    old_set: &SchemaSet,
    old: &'r Record,
) -> Vec<(&'r Field, &'r Field)> {
    let added: Vec<&Field> = new.fields.iter().filter(|f| matching_field(f, old).is_none()).collect();
    let removed: Vec<&Field> = old
        .fields
        .iter()
        .filter(|r| !new.fields.iter().any(|f| matching_field(f, old).is_some_and(|m| std::ptr::eq(m, *r))))
        .collect();
    let mut candidates: Vec<(f64, &Field, &Field)> = Vec::new();
    for &a in &added {
        for &r in &removed {
            if !same_type(new_set, a, old_set, r) {
                continue;
            }
            if let Some(distance) = similarity(a, r) {
                candidates.push((distance, a, r));
            }
        }
    }
    candidates.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut pairs: Vec<(&Field, &Field)> = Vec::new();
    for (_, a, r) in candidates {
        if !pairs.iter().any(|(pa, pr)| std::ptr::eq(*pa, a) || std::ptr::eq(*pr, r)) {
            pairs.push((a, r));
        }
    }
    pairs.sort_by_key(|(a, _)| a.name.span.start);
    pairs
}

/// How far apart two field names are (lower is closer) when they are similar enough to be a rename: the same
/// non-empty doc, a shared name token that says which value it is, or a Levenshtein distance of at most 40 % of the
/// longer name.
fn similarity(added: &Field, removed: &Field) -> Option<f64> {
    let (a, r) = (&added.name.value, &removed.name.value);
    let longer = a.chars().count().max(r.chars().count()).max(1) as f64;
    let distance = strsim::levenshtein(a, r) as f64 / longer;
    let doc = |field: &Field| field.doc.as_ref().map(|d| d.value.trim().to_owned()).filter(|d| !d.is_empty());
    let same_doc = doc(added).is_some() && doc(added) == doc(removed);
    let tokens = |name: &str| -> Vec<String> { eventlint_naming::tokenize(name).into_iter().map(|t| t.text).collect() };
    let removed_tokens = tokens(r);
    let shares_token = tokens(a).iter().any(|t| !GENERIC_TOKENS.contains(&t.as_str()) && removed_tokens.contains(t));
    (same_doc || shares_token || distance <= 0.4).then_some(distance)
}

/// Whether two fields have equal types: the same structure, named types compared by full name, logical types
/// included (a promotion is not the same type).
fn same_type(new_set: &SchemaSet, added: &Field, old_set: &SchemaSet, removed: &Field) -> bool {
    let mut pending = vec![(added.ty.node, removed.ty.node)];
    while let Some((a, b)) = pending.pop() {
        let (a, b) = (new_set.node(a), old_set.node(b));
        if a.avro_type() != b.avro_type() || a.full_name() != b.full_name() {
            return false;
        }
        let logical =
            |node: &eventlint_avro::Node| node.logical_type.as_ref().and_then(|l| l.name().map(str::to_owned));
        if logical(a) != logical(b) {
            return false;
        }
        match (&a.kind, &b.kind) {
            (NodeKind::Array { items: x }, NodeKind::Array { items: y }) => pending.push((x.node, y.node)),
            (NodeKind::Map { values: x }, NodeKind::Map { values: y }) => pending.push((x.node, y.node)),
            (NodeKind::Union { branches: x }, NodeKind::Union { branches: y }) => {
                if x.len() != y.len() {
                    return false;
                }
                pending.extend(x.iter().zip(y).map(|(x, y)| (x.node, y.node)));
            }
            _ => {}
        }
    }
    true
}
