//! `logical-type-changed`: a field keeps its physical type, but its logical type changes unit or meaning.

use eventlint_diagnostics::{Diagnostic, Severity};

use super::counterparts::{comparable_counterparts, logical_type};
use super::{Located, Pair, place};

const RULE: &str = "logical-type-changed";

/// The family and unit of a time logical type: `timestamp-micros` is (`timestamp-`, `micros`).
pub(crate) fn family(name: &str) -> Option<(&str, &str)> {
    ["local-timestamp-", "timestamp-", "time-"]
        .into_iter()
        .find_map(|family| name.strip_prefix(family).map(|unit| (family, unit)))
}

/// Whether a change between two logical types is an instant ↔ local-time switch in the same unit, which
/// `logical-type-annotation-changed` reports instead.
pub(crate) fn is_instant_local_switch(new: &str, old: &str) -> bool {
    match (family(new), family(old)) {
        (Some((a, unit_a)), Some((b, unit_b))) => {
            unit_a == unit_b
                && matches!((a, b), ("timestamp-", "local-timestamp-") | ("local-timestamp-", "timestamp-"))
        }
        _ => false,
    }
}

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    for counterpart in comparable_counterparts(pair) {
        let (Some((new, _)), Some((old, _))) =
            (logical_type(new_set, counterpart.new), logical_type(old_set, counterpart.old))
        else {
            continue;
        };
        if new == old || is_instant_local_switch(new, old) {
            continue;
        }
        let (Some(new_logical), Some(old_logical)) =
            (&new_set.node(counterpart.new).logical_type, &old_set.node(counterpart.old).logical_type)
        else {
            continue;
        };
        let what = match (family(new), family(old)) {
            (Some((a, _)), Some((b, _))) if a == b => "every earlier value is read in the wrong unit",
            _ => "every earlier value is read as a different kind of quantity",
        };
        let text = format!(
            "{} of `{}` changed from `{old}` to `{new}` since {}: {what}",
            place(new_set, counterpart.new),
            pair.name,
            pair.old.describe()
        );
        let at = Located {
            span: new_logical.name.span,
            path: new_set.path(counterpart.new),
            old_span: Some(old_logical.name.span),
        };
        out.push(
            pair.finding(RULE, Severity::Error, text, at)
                .with_help(format!("keep `{old}`, or add a new field and deprecate the old one")),
        );
    }
}
