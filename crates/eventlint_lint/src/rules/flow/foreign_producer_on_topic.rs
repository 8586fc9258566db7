//! `foreign-producer-on-topic`: a service of another domain publishes events into a topic.

use eventlint_catalog::{Model, Topic};
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::facts;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "foreign-producer-on-topic",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "service from another domain publishes events into a topic",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The domain of a topic (rules/README.md §3.2): the one domain shared by the services of its owner, else the
/// domain of the file that declares it.
fn topic_domain<'m>(model: &'m Model, topic: &'m Topic) -> Option<&'m str> {
    if let Some(owner) = &topic.owner {
        let mut domains = model
            .services
            .values()
            .filter(|s| s.owner.as_ref().is_some_and(|o| o.value == owner.value))
            .filter_map(|s| facts::service_domain(model, &s.decl.name));
        if let Some(first) = domains.next()
            && domains.all(|d| d == first)
        {
            return Some(first);
        }
    }
    model.file(topic.decl.file)?.domain.as_ref().map(|domain| domain.value.as_str())
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for message in model.messages.values().filter(|m| super::is_fact(m)) {
        let Some(topic) = message.topic.as_ref().and_then(|t| model.topics.get(&t.name)) else { continue };
        let Some(domain) = topic_domain(model, topic) else { continue };
        for producer in &message.producers {
            let Some(theirs) = facts::service_domain(model, &producer.name) else { continue };
            if theirs == domain {
                continue;
            }
            let topic_name = &topic.decl.name;
            out.push(
                cx.message_finding(
                    &RULE,
                    message,
                    format!(
                        "`{}` of domain `{theirs}` publishes `{}` into `{topic_name}`, a topic of `{domain}`",
                        producer.name, message.decl.name
                    ),
                    "",
                )
                .with_primary(producer.span, format!("in domain `{theirs}`"))
                .with_label(topic.decl.name_span, format!("owned by `{domain}`"))
                .with_help(format!(
                    "publish on a topic of `{theirs}`'s own domain, or send a command to a `{domain}` service"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_billing_publishing_into_a_shipping_topic() {
        check_extra(
            "foreign-producer-on-topic",
            "",
            r#"ShipmentInvoiced: {producer: billing, consumers: [crm]}"#,
            r#"
            catalog.yaml:18:33 warning[foreign-producer-on-topic] `billing` of domain `billing` publishes `ShipmentInvoiced` into `shipping.events`, a topic of `shipping`
            "#,
        );
    }

    #[test]
    fn quiet_the_topic_owner_decides_its_domain() {
        check_extra(
            "foreign-producer-on-topic",
            "",
            r#"ShipmentInvoiced: {producer: billing, topic: billing.events, key: customerId, consumers: [crm], fields: {customerId: string}}"#,
            r#"
            "#,
        );
    }
}
