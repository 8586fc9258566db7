//! `compat-none-on-shared-topic`: a topic read outside its domain switches compatibility checks off.

use eventlint_catalog::{Compatibility, Visibility};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::facts;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "compat-none-on-shared-topic",
    category: Compat,
    severity: Warning,
    recommended: true,
    summary: "`NONE` on a topic read across domains",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for topic in cx.model.topics.values() {
        if topic.compatibility.value != Compatibility::None {
            continue;
        }
        let name = &topic.decl.name;
        let reason = if topic.visibility.value == Visibility::Public {
            Some("the topic is public".to_owned())
        } else {
            cx.model.messages.values().filter(|m| m.topic.as_ref().is_some_and(|t| &t.name == name)).find_map(|m| {
                let consumers = facts::consumers(cx.model, m);
                let foreign = consumers.into_iter().find(|c| facts::is_cross_domain_consumer(cx.model, m, c))?;
                Some(format!("`{foreign}` reads `{}` from another domain", m.decl.name))
            })
        };
        let Some(reason) = reason else { continue };
        out.push(
            Diagnostic::lint(RULE.name, RULE.severity, format!("`{name}` is shared, but its compatibility is `NONE`"))
                .with_category(RULE.category.as_str())
                .with_primary(topic.compatibility.span().unwrap_or(topic.decl.name_span), reason)
                .with_path(format!("{}/compatibility", topic.decl.path))
                .with_subject(SubjectType::Topic, name.clone())
                .with_help(
                    "choose a real mode (at least `BACKWARD_TRANSITIVE`), or keep the topic private to one domain",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    fn check(topics: &[&str], messages: &str, expect: &str) {
        check_on("compat-none-on-shared-topic", &header_with("", &[], topics), "", messages, expect);
    }

    #[test]
    fn flag_public_topic() {
        check(
            &["shipping.events: {partitions: 12, key: shipmentId, visibility: public, compatibility: NONE}"],
            "ShipmentDispatched: {consumers: [dispatcher], fields: {shipmentId: string}}",
            "catalog.yaml:12:89 warning[compat-none-on-shared-topic] `shipping.events` is shared, but its compatibility is `NONE`",
        );
    }

    #[test]
    fn flag_internal_topic_with_a_foreign_consumer() {
        check(
            &["shipping.internal: {partitions: 12, key: shipmentId, visibility: internal, compatibility: NONE}"],
            "RouteOptimised: {topic: shipping.internal, consumers: [reporting], fields: {shipmentId: string}}",
            "catalog.yaml:14:93 warning[compat-none-on-shared-topic] `shipping.internal` is shared, but its compatibility is `NONE`",
        );
    }

    #[test]
    fn quiet_consumed_inside_the_domain() {
        check(
            &["shipping.internal: {partitions: 12, key: shipmentId, visibility: internal, compatibility: NONE}"],
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_real_mode() {
        check(&[], "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}", "");
    }
}
