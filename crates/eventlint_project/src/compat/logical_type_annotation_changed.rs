//! `logical-type-annotation-changed`: a logical type is added or removed, or a timestamp switches between an instant
//! and a local time.

use eventlint_diagnostics::{Diagnostic, Severity};

use super::counterparts::{comparable_counterparts, logical_type};
use super::logical_type_changed::is_instant_local_switch;
use super::{Located, Pair, place};

const RULE: &str = "logical-type-annotation-changed";

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    for counterpart in comparable_counterparts(pair) {
        let new = logical_type(new_set, counterpart.new).map(|(name, _)| name);
        let old = logical_type(old_set, counterpart.old).map(|(name, _)| name);
        let (change, consequence) = match (new, old) {
            (Some(new), None) => (format!("gained the logical type `{new}`"), "generated code changes type"),
            (None, Some(old)) => (format!("lost the logical type `{old}`"), "generated code changes type"),
            (Some(new), Some(old)) if is_instant_local_switch(new, old) => {
                (format!("switched from `{old}` to `{new}`"), "an instant and a wall-clock time are different things")
            }
            _ => continue,
        };
        let (new_node, old_node) = (new_set.node(counterpart.new), old_set.node(counterpart.old));
        let text = format!(
            "{} of `{}` {change} since {}: {consequence}",
            place(new_set, counterpart.new),
            pair.name,
            pair.old.describe()
        );
        let at = Located { span: new_node.span, path: new_set.path(counterpart.new), old_span: Some(old_node.span) };
        out.push(
            pair.finding(RULE, Severity::Warning, text, at)
                .with_help("keep the old annotation; introduce a new field if the meaning changes"),
        );
    }
}
