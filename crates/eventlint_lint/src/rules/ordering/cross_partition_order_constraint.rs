//! `cross-partition-order-constraint`: an ordering constraint over messages on different topics or keys.

use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::code_list;

declare_rule! {
    name: "cross-partition-order-constraint",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "ordering constraint across topics or keys",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// Distinct values, in order of first appearance.
fn distinct<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for constraint in model.constraints.values() {
        let messages: Vec<_> = constraint.messages().into_iter().filter_map(|name| model.messages.get(name)).collect();
        let topics = distinct(messages.iter().filter_map(|m| m.topic.as_ref().map(|t| t.name.as_str())));
        let keys = distinct(messages.iter().filter_map(|m| model.effective_key(m).map(|k| k.value.as_str())));
        let name = &constraint.decl.name;
        let text = if topics.len() > 1 {
            format!("constraint `{name}` orders messages on different topics: {}", code_list(topics.iter().copied()))
        } else if keys.len() > 1 {
            format!(
                "constraint `{name}` orders messages keyed by different fields: {}",
                code_list(keys.iter().copied())
            )
        } else {
            continue;
        };
        let mut diagnostic = Diagnostic::lint(RULE.name, RULE.severity, text)
            .with_category(RULE.category.as_str())
            .with_primary(constraint.decl.name_span, "Kafka orders records only within a partition")
            .with_path(constraint.decl.path.clone())
            .with_subject(SubjectType::Constraint, name.clone());
        for message in &messages {
            let topic = message.topic.as_ref().map_or("no topic", |t| t.name.as_str());
            let key = model.effective_key(message).map_or("no key", |k| k.value.as_str());
            diagnostic = diagnostic.with_label(message.decl.name_span, format!("on `{topic}`, keyed by `{key}`"));
        }
        let key = constraint.key.as_ref().map_or("one key", |k| k.value.as_str());
        out.push(
            diagnostic
                .with_help(format!(
                    "put these messages on one topic keyed by `{key}`, or make the consumer tolerate either order"
                ))
                .with_note(format!(
                    "`eventlint simulate` reports `CAUSAL({name})` in a seeded run of these messages with no fault at all"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "cross-partition-order-constraint";
    const MESSAGES: &str = "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}
        ShipmentDelivered: {consumers: [billing], fields: {shipmentId: string}}
        ShipmentInvoiced: {producer: billing, topic: billing.events, consumers: [crm], fields: {customerId: string, shipmentId: string}}
        ShipmentRerouted: {key: routeId, consumers: [crm], fields: {shipmentId: string, routeId: string}}";

    fn check(constraints: &str, expect: &str) {
        check_on(RULE, &header_with("", &[], &[]), &format!("constraints: {constraints}\n"), MESSAGES, expect);
    }

    #[test]
    fn flag_two_topics() {
        check(
            "{invoice-after-dispatch: {key: shipmentId, precedes: {first: ShipmentDispatched, then: ShipmentInvoiced}}}",
            "
            catalog.yaml:17:15 warning[cross-partition-order-constraint] constraint `invoice-after-dispatch` orders messages on different topics: `shipping.events`, `billing.events`
              = `eventlint simulate` reports `CAUSAL(invoice-after-dispatch)` in a seeded run of these messages with no fault at all
            ",
        );
    }

    #[test]
    fn flag_two_keys_on_one_topic() {
        check(
            "{reroute-before-delivery: {key: shipmentId, precedes: {first: ShipmentRerouted, then: ShipmentDelivered}}}",
            "
            catalog.yaml:17:15 warning[cross-partition-order-constraint] constraint `reroute-before-delivery` orders messages keyed by different fields: `routeId`, `shipmentId`
              = `eventlint simulate` reports `CAUSAL(reroute-before-delivery)` in a seeded run of these messages with no fault at all
            ",
        );
    }

    #[test]
    fn quiet_one_topic_one_key() {
        check(
            "{deliver-after-dispatch: {key: shipmentId, precedes: {first: ShipmentDispatched, then: ShipmentDelivered}}}",
            "",
        );
    }

    #[test]
    fn quiet_state_machine_over_one_topic() {
        check(
            "{lifecycle: {key: shipmentId, fsm: {start: [ShipmentDispatched], next: {ShipmentDispatched: [ShipmentDelivered]}}}}",
            "",
        );
    }
}
