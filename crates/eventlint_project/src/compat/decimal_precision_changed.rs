//! `decimal-precision-changed`: a decimal's `precision` changes while its scale stays.

use eventlint_compat::Direction;
use eventlint_diagnostics::{Diagnostic, Severity};

use super::decimal_scale_changed::{Decimals, decimal_pairs};
use super::{Located, Pair, place};

const RULE: &str = "decimal-precision-changed";

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (new_set, old_set) = (pair.new.set, pair.old.schema.set);
    for Decimals { counterpart, new: (new, new_scale), old: (old, old_scale) } in decimal_pairs(pair) {
        if new == old || new_scale != old_scale {
            continue;
        }
        // A reader with fewer digits than its writer may receive values it cannot hold: a warning. Otherwise info.
        let reader_has_fewer = pair.directions.iter().any(|direction| match direction {
            Direction::Backward => new < old,
            Direction::Forward => old < new,
        });
        let severity = if reader_has_fewer { Severity::Warning } else { Severity::Info };
        let precision_span = |set: &eventlint_avro::SchemaSet, node| {
            let logical = set.node(node).logical_type.as_ref();
            logical.and_then(|l| l.precision.as_ref().map(|p| p.span))
        };
        let Some(span) = precision_span(new_set, counterpart.new) else { continue };
        let reader = if reader_has_fewer {
            "a reader with fewer digits may receive values it cannot hold"
        } else {
            "`apache-avro` consumers reject the pair"
        };
        let text = format!(
            "{} of `{}` changed its decimal precision from {old} to {new} since {}: {reader}",
            place(new_set, counterpart.new),
            pair.name,
            pair.old.describe(),
        );
        let at =
            Located { span, path: new_set.path(counterpart.new), old_span: precision_span(old_set, counterpart.old) };
        out.push(
            pair.finding(RULE, severity, text, at)
                .with_help(format!("keep precision {old}, or confirm that every consumer accepts {new} digits")),
        );
    }
}
