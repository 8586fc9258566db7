//! `non-json-number-default`: a `float` or `double` default written as the string `"NaN"` or `"Infinity"`.

use eventlint_diagnostics::Diagnostic;

use super::defaults::conforms;
use super::{ValidateOptions, fields, locate};
use crate::set::SchemaSet;

const RULE: &str = "non-json-number-default";

pub(super) fn check(set: &SchemaSet, _: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    for (record, index, field) in fields(set) {
        let Some(default) = &field.default else { continue };
        let Ok(verdict) = conforms(set, field.ty.node, default) else { continue };
        let Some(span) = verdict.non_finite else { continue };
        let message = format!("the default of field `{}` is a string, not a JSON number", field.name.value);
        let diagnostic = Diagnostic::warn(RULE, message)
            .with_primary(span, "not a JSON number")
            .with_note("Java accepts `\"NaN\"` and `\"Infinity\"` strings as an extension; avsc rejects them")
            .with_help("use a finite number, or make the field optional with `default: null`");
        out.push(locate(set, record, format!("{}/default", set.field_path(record, index)), diagnostic));
    }
}
