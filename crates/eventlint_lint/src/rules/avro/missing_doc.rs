//! `missing-doc`: an undocumented record, enum, fixed or field in a public contract.

use eventlint_avro::Text;
use eventlint_diagnostics::{Diagnostic, SubjectType};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::code_list;
use crate::settings::normalise;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    #[default]
    Public,
    All,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    scope: Scope,
    /// A doc must start with a capital letter and end with `.`.
    require_sentence: bool,
}

declare_rule! {
    name: "missing-doc",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "undocumented record, enum, fixed or field in a public contract",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// Whether `doc` documents `name`: present, not blank, not the name again, and a sentence if required.
fn documents(doc: Option<&Text>, name: &str, options: &Options) -> bool {
    let Some(doc) = doc.map(|doc| doc.value.trim()) else { return false };
    if doc.is_empty() || normalise(doc) == normalise(name) {
        return false;
    }
    !options.require_sentence || (doc.starts_with(|c: char| c.is_uppercase()) && doc.ends_with('.'))
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let in_scope = cx.model.messages.values().filter(|m| options.scope == Scope::All || facts::is_public(cx.model, m));
    for id in super::reachable(cx, in_scope) {
        let node = cx.schemas.node(id);
        let Some(named) = node.named() else { continue };
        let type_documented = documents(named.doc.as_ref(), named.simple_name(), &options);
        let fields: Vec<&Text> = node
            .as_record()
            .map(|record| {
                record
                    .fields
                    .iter()
                    .filter(|field| !documents(field.doc.as_ref(), &field.name.value, &options))
                    .map(|field| &field.name)
                    .collect()
            })
            .unwrap_or_default();
        if type_documented && fields.is_empty() {
            continue;
        }
        let mut what = Vec::new();
        if !type_documented {
            what.push(format!("`{}`", named.simple_name()));
        }
        if !fields.is_empty() {
            let noun = if fields.len() == 1 { "field" } else { "fields" };
            what.push(format!("its {noun} {}", code_list(fields.iter().map(|f| f.value.as_str()))));
        }
        let text = if type_documented {
            format!("`{}` leaves {} undocumented", named.full_name, code_list(fields.iter().map(|f| f.value.as_str())))
        } else {
            format!("`{}` has no useful `doc`", named.full_name)
        };
        let mut finding = Diagnostic::lint(RULE.name, RULE.severity, text)
            .with_primary(named.name.span, if type_documented { "fields undocumented" } else { "undocumented" })
            .with_path(cx.schemas.path(id))
            .with_subject(SubjectType::Schema, named.full_name.clone());
        for field in &fields {
            finding = finding.with_label(field.span, "no `doc`");
        }
        out.push(finding.with_help(format!("document {}: meaning, unit, and what absence means", what.join(" and "))));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_a_blank_field_doc() {
        check_extra(
            "missing-doc",
            "",
            r#"ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, carrier: {type: string, doc: " "}}}"#,
            r#"
            schemas/ShipmentDispatched.avsc:1:25 warning[missing-doc] `com.acme.shipping.ShipmentDispatched` leaves `carrier` undocumented
            "#,
        );
    }

    #[test]
    fn quiet_internal_under_the_default_scope() {
        check_extra(
            "missing-doc",
            "",
            r#"RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {routeId: {type: string, doc: ""}}}"#,
            r#"
            "#,
        );
    }
}
