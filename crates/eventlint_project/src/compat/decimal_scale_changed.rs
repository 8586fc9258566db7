//! `decimal-scale-changed`: a decimal's `scale` changes, so every unscaled value is read at another scale.

use eventlint_diagnostics::{Diagnostic, Severity};

use super::counterparts::{Counterpart, comparable_counterparts, logical_type};
use super::{Located, Pair, place};

const RULE: &str = "decimal-scale-changed";

/// Two decimals on the same physical type, each with its `(precision, scale)`.
pub(crate) struct Decimals {
    pub(crate) counterpart: Counterpart,
    pub(crate) new: (u32, u32),
    pub(crate) old: (u32, u32),
}

/// The decimals of a version pair that stand for each other.
pub(crate) fn decimal_pairs(pair: &Pair) -> Vec<Decimals> {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    comparable_counterparts(pair)
        .into_iter()
        .filter(|c| new_set.node(c.new).avro_type() == old_set.node(c.old).avro_type())
        .filter_map(|c| {
            let (_, new) = logical_type(new_set, c.new).filter(|(name, _)| *name == "decimal")?;
            let (_, old) = logical_type(old_set, c.old).filter(|(name, _)| *name == "decimal")?;
            Some(Decimals { counterpart: c, new: new?, old: old? })
        })
        .collect()
}

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    for Decimals { counterpart, new: (_, new), old: (_, old) } in decimal_pairs(pair) {
        if new == old {
            continue;
        }
        let scale_span = |set: &eventlint_avro::SchemaSet, node| {
            let logical = set.node(node).logical_type.as_ref();
            logical.and_then(|l| l.scale.as_ref().map(|s| s.span).or(Some(l.name.span)))
        };
        let Some(span) = scale_span(new_set, counterpart.new) else { continue };
        let text = format!(
            "{} of `{}` changed its decimal scale from {old} to {new} since {}: every earlier value is read {}",
            place(new_set, counterpart.new),
            pair.name,
            pair.old.describe(),
            if new > old { "smaller" } else { "larger" },
        );
        let at = Located { span, path: new_set.path(counterpart.new), old_span: scale_span(old_set, counterpart.old) };
        out.push(
            pair.finding(RULE, Severity::Error, text, at)
                .with_help(format!("keep scale {old}; add a new field for the new scale")),
        );
    }
}
