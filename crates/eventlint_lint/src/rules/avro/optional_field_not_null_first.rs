//! `optional-field-not-null-first`: an optional field written `[T, "null"]` instead of `["null", T]`.

use eventlint_avro::NodeKind;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "optional-field-not-null-first",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "optional field written `[T, \"null\"]`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (record_id, index, record, field) in super::reachable_fields(cx) {
        let Some([first, second]) = cx.schemas.node(field.ty.node).branches() else { continue };
        let (first, second) = (cx.schemas.node(first.node), cx.schemas.node(second.node));
        if !matches!(second.kind, NodeKind::Null) || matches!(first.kind, NodeKind::Null) {
            continue;
        }
        // A non-null default matches the first branch here; a `null` default is `union-default-not-first-branch`.
        if field.default.as_ref().is_some_and(|default| matches!(default.kind, eventlint_json::JsonKind::Null)) {
            continue;
        }
        let written = first.full_name().unwrap_or(first.avro_type().name());
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("optional field `{}` puts `null` after `{written}`", field.name.value),
            )
            .with_primary(field.ty.span, "`null` is not the first branch")
            .with_path(cx.schemas.field_path(record_id, index))
            .with_subject(SubjectType::Schema, record.named.full_name.clone())
            .with_help(format!("write `[\"null\", \"{written}\"]` and add `\"default\": null`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_null_last() {
        check_extra(
            "optional-field-not-null-first",
            "",
            r#"ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, note: [string, null]}}"#,
            r#"
            schemas/ShipmentDispatched.avsc:1:174 warning[optional-field-not-null-first] optional field `note` puts `null` after `string`
            "#,
        );
    }
}
