//! `decimal-precision-exceeds-fixed`: a decimal on `fixed(n)` with more digits than n bytes hold.

use eventlint_diagnostics::Diagnostic;

use super::logical::{LogicalTypeStatus, logical_type_status, min_fixed_size};
use super::{ValidateOptions, locate};
use crate::set::SchemaSet;

const RULE: &str = "decimal-precision-exceeds-fixed";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (id, node) in set.nodes() {
        let Some(LogicalTypeStatus::PrecisionExceedsFixed { precision, max }) = logical_type_status(set, id) else {
            continue;
        };
        let (Some(fixed), Some(logical)) = (node.as_fixed(), &node.logical_type) else { continue };
        let precision_span = logical.precision.as_ref().map_or(logical.name.span, |value| value.span);
        let size = fixed.size;
        let message =
            format!("`decimal` precision {precision} exceeds the {max} digits a `fixed` of size {size} holds");
        let diagnostic = Diagnostic::error(RULE, message)
            .with_primary(precision_span, "too many digits")
            .with_label(fixed.size_span, format!("{size} bytes hold at most {max} digits"))
            .with_note("Java ignores the logical type and reads plain `fixed`; apache-avro reads a decimal unchecked")
            .with_help(format!(
                "lower `precision` to {max}, or enlarge the fixed to {} bytes",
                min_fixed_size(precision)
            ));
        out.push(locate(set, id, set.path(id), diagnostic));
    }
}
