//! `optional-field-without-default`: a `["null", T]` field without a default, so it is nullable yet required.

use eventlint_avro::NodeKind;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "optional-field-without-default",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "`[\"null\", T]` with no `default: null`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (record_id, index, record, field) in super::reachable_fields(cx) {
        let Some([first, _]) = cx.schemas.node(field.ty.node).branches() else { continue };
        if !matches!(cx.schemas.node(first.node).kind, NodeKind::Null) || field.default.is_some() {
            continue;
        }
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("optional field `{}` has no default, so readers still require it", field.name.value),
            )
            .with_primary(field.name.span, "nullable but required")
            .with_label(field.ty.span, "`null` first")
            .with_path(cx.schemas.field_path(record_id, index))
            .with_subject(SubjectType::Schema, record.named.full_name.clone())
            .with_help("add `\"default\": null`"),
        );
    }
}
