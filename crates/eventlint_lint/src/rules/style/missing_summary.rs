//! `missing-summary`: a public message without a `summary`.

use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;

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
}

declare_rule! {
    name: "missing-summary",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "public message without a summary",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        let blank = message.summary.as_ref().is_none_or(|summary| summary.value.trim().is_empty());
        if !blank || (options.scope == Scope::Public && !facts::is_public(cx.model, message)) {
            continue;
        }
        let what = if message.summary.is_some() { "a blank" } else { "no" };
        let text = format!("message `{}` has {what} `summary`", message.decl.name);
        let mut diagnostic = cx.message_finding(&RULE, message, text, "undocumented");
        if let Some(summary) = &message.summary {
            diagnostic = diagnostic.with_label(summary.span, "blank");
        }
        out.push(diagnostic.with_help("add a one-sentence `summary`: what happened, and why a consumer cares"));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1() {
        check(
            "missing-summary",
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 warning[missing-summary] message `ShipmentDispatched` has no `summary`
            "#,
        );
    }

    #[test]
    fn flag_2_blank() {
        check(
            "missing-summary",
            r#"ShipmentDispatched: {summary: " ", consumers: [crm], fields: {shipmentId: string}}"#,
            r#"
            catalog.yaml:18:3 warning[missing-summary] message `ShipmentDispatched` has a blank `summary`
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "missing-summary",
            r#"ShipmentDispatched: {summary: "The parcel left the depot with a carrier.", consumers: [crm], fields: {shipmentId: string}}"#,
            "",
        );
    }

    #[test]
    fn quiet_4_internal() {
        check(
            "missing-summary",
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn scope_all_includes_internal_messages() {
        let messages =
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}";
        check_with(
            "missing-summary",
            "[lint.rules.missing-summary]\nscope = \"all\"\n",
            messages,
            "catalog.yaml:18:3 warning[missing-summary] message `RouteOptimised` has no `summary`",
        );
    }
}
