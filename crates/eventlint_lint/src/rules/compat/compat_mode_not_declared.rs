//! `compat-mode-not-declared`: a topic carrying schemas leaves its compatibility mode to the registry's default.

use eventlint_catalog::Origin;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "compat-mode-not-declared",
    category: Compat,
    severity: Warning,
    recommended: true,
    summary: "topic with schemas but no compatibility mode",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for topic in cx.model.topics.values() {
        if topic.compatibility.origin != Origin::BuiltIn {
            continue;
        }
        let name = &topic.decl.name;
        let carries_schemas = cx
            .model
            .messages
            .values()
            .any(|message| message.schema.is_some() && message.topic.as_ref().is_some_and(|t| &t.name == name));
        if !carries_schemas {
            continue;
        }
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("`{name}` carries schemas but declares no compatibility mode"),
            )
            .with_category(RULE.category.as_str())
            .with_primary(topic.decl.name_span, "the registry's default applies (eventlint assumes `BACKWARD`)")
            .with_path(topic.decl.path.clone())
            .with_subject(SubjectType::Topic, name.clone())
            .with_help(
                "declare `compatibility: FULL_TRANSITIVE` (or the level you mean) on the topic or in `defaults`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    fn check(header: &str, messages: &str, expect: &str) {
        check_on("compat-mode-not-declared", header, "", messages, expect);
    }

    /// The catalogue header without `defaults.compatibility`.
    fn undeclared(topics: &[&str]) -> String {
        header_with("", &[], topics).replace("compatibility: BACKWARD_TRANSITIVE, ", "")
    }

    #[test]
    fn flag_topic_without_mode() {
        check(
            &undeclared(&[]),
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "catalog.yaml:14:3 warning[compat-mode-not-declared] `shipping.internal` carries schemas but declares no compatibility mode",
        );
    }

    #[test]
    fn quiet_declared_on_the_topic() {
        check(
            &undeclared(&["shipping.internal: {partitions: 12, key: shipmentId, compatibility: BACKWARD}"]),
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_declared_in_the_defaults() {
        check(
            &header_with("", &[], &[]),
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_topic_without_schemas() {
        check(&undeclared(&[]), "", "");
    }
}
