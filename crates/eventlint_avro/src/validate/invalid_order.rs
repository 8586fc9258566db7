//! `invalid-order`: a field `order` other than `ascending`, `descending` or `ignore`.

use eventlint_diagnostics::Diagnostic;

use super::{ValidateOptions, fields, locate};
use crate::set::SchemaSet;

const RULE: &str = "invalid-order";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (record, index, field) in fields(set) {
        let Some(order) = &field.order else { continue };
        if matches!(order.as_str(), Some("ascending" | "descending" | "ignore")) {
            continue;
        }
        let written = match (order.as_str(), order.as_number()) {
            (Some(text), _) => format!("`{text}`"),
            (_, Some(number)) => format!("`{number}`"),
            _ => format!("a JSON {}", order.kind_name()),
        };
        let message = format!("`order` must be `ascending`, `descending` or `ignore`, not {written}");
        let diagnostic = Diagnostic::error(RULE, message)
            .with_primary(order.span, "invalid sort order")
            .with_note("Java, Python and avsc reject the schema; apache-avro keeps the value as metadata")
            .with_help("use `ascending`, `descending` or `ignore`");
        out.push(locate(set, record, format!("{}/order", set.field_path(record, index)), diagnostic));
    }
}
