//! `key-mismatch-with-topic`: a message keyed by another field than its topic.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "key-mismatch-with-topic",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "message keyed differently from its topic",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values() {
        let (Some(key), Some(topic_ref)) = (&message.key, &message.topic) else { continue };
        let Some(topic) = cx.model.topics.get(&topic_ref.name) else { continue };
        let Some(topic_key) = &topic.key else { continue };
        if topic_key.value == key.value {
            continue;
        }
        let (name, topic_name) = (&message.decl.name, &topic.decl.name);
        let text =
            format!("`{name}` is keyed by `{}` on `{topic_name}`, which is keyed by `{}`", key.value, topic_key.value);
        out.push(
            cx.message_finding(&RULE, message, text, "")
                .with_primary(key.span, "lands on other partitions than the topic's other messages")
                .with_label(topic_key.span, format!("`{topic_name}` is keyed by `{}`", topic_key.value))
                .with_path(format!("{}/key", message.decl.path))
                .with_help(format!(
                    "key `{name}` by `{}` like the rest of `{topic_name}`, or move it to a topic keyed by `{}`",
                    topic_key.value, key.value
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "key-mismatch-with-topic";

    fn check(topics: &[&str], messages: &str, expect: &str) {
        check_on(RULE, &header_with("", &[], topics), "", messages, expect);
    }

    #[test]
    fn flag_keyed_by_another_field() {
        check(
            &[],
            "ShipmentRerouted: {key: routeId, consumers: [crm], fields: {shipmentId: string, routeId: string}}",
            "catalog.yaml:18:28 warning[key-mismatch-with-topic] `ShipmentRerouted` is keyed by `routeId` on `shipping.events`, which is keyed by `shipmentId`",
        );
    }

    #[test]
    fn flag_on_another_topic() {
        check(
            &[],
            "ShipmentInvoiced: {producer: billing, topic: billing.events, key: shipmentId, consumers: [crm], fields: {customerId: string, shipmentId: string}}",
            "catalog.yaml:18:74 warning[key-mismatch-with-topic] `ShipmentInvoiced` is keyed by `shipmentId` on `billing.events`, which is keyed by `customerId`",
        );
    }

    #[test]
    fn quiet_inherits_the_topic_key() {
        check(&[], "ShipmentRerouted: {consumers: [crm], fields: {shipmentId: string, routeId: string}}", "");
    }

    #[test]
    fn quiet_same_key_written_again() {
        check(&[], "ShipmentRerouted: {key: shipmentId, consumers: [crm], fields: {shipmentId: string}}", "");
    }

    #[test]
    fn quiet_topic_without_key() {
        check(
            &["audit.events: {partitions: 3}"],
            "LabelPrinted: {topic: audit.events, key: labelId, consumers: [reporting], fields: {labelId: string}}",
            "",
        );
    }
}
