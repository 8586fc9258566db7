//! `retry-topics-break-key-order`: retry topics without durable key parking, in a group that needs per-key order.

use eventlint_catalog::{ParkStore, RetryMode};
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{group_finding, per_key_reason, setting_span, simulate_poison_pill, with_reason};

declare_rule! {
    name: "retry-topics-break-key-order",
    category: Ordering,
    severity: Error,
    recommended: true,
    summary: "retry topics without durable key parking under a per-key requirement",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        if group.retry.mode.value != RetryMode::Topics {
            continue;
        }
        let durably_parked =
            group.dlq.as_ref().is_some_and(|dlq| dlq.park_by_key.value && dlq.park_store.value == ParkStore::Durable);
        if durably_parked {
            continue;
        }
        let Some(reason) = per_key_reason(cx.model, &group.decl.name) else { continue };
        let text = format!(
            "group `{}` retries through retry topics, so a retried record comes back after later records of its key",
            group.decl.name
        );
        let span = setting_span(group, group.retry.mode.span());
        let diagnostic = group_finding(&RULE, group, span, "records leave their partition to be retried", text)
            .with_path(format!("{}/mode", group.retry.path));
        out.push(with_reason(diagnostic, &reason).with_help(format!(
            "set `dlq.parkByKey: true` with `parkStore: durable`, retry blocking, or drop the per-key requirement; {} shows the overtake (its group retries through topics)",
            simulate_poison_pill("declared")
        )));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "retry-topics-break-key-order";
    const PER_KEY: &str =
        "ShipmentDispatched: {consumers: [{service: billing, ordering: per-key}], fields: {shipmentId: string}}";
    const BOTH: &str = "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}
        ShipmentDelivered: {consumers: [billing], fields: {shipmentId: string}}";
    const PRECEDES: &str = "constraints: {dispatch-before-delivery: {key: shipmentId, precedes: {first: ShipmentDispatched, then: ShipmentDelivered}}}\n";

    fn check(group: &str, extra: &str, messages: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), extra, messages, expect);
    }

    #[test]
    fn flag_per_key_consumer_entry() {
        check(
            "{retry: {mode: topics, maxAttempts: 4, backoff: {type: exponential, initial: 5s, multiplier: 12, max: 1m}}, onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "",
            PER_KEY,
            "catalog.yaml:8:107 error[retry-topics-break-key-order] group `billing-shipments` retries through retry topics, so a retried record comes back after later records of its key",
        );
    }

    #[test]
    fn flag_requirement_from_a_constraint_with_stop() {
        check(
            "{retry: {mode: topics, maxAttempts: 3}, onExhausted: stop}",
            PRECEDES,
            BOTH,
            "catalog.yaml:8:107 error[retry-topics-break-key-order] group `billing-shipments` retries through retry topics, so a retried record comes back after later records of its key",
        );
    }

    #[test]
    fn flag_parked_in_memory() {
        check(
            "{retry: {mode: topics, maxAttempts: 4}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, parkStore: in-memory}}",
            "",
            PER_KEY,
            "catalog.yaml:8:107 error[retry-topics-break-key-order] group `billing-shipments` retries through retry topics, so a retried record comes back after later records of its key",
        );
    }

    #[test]
    fn quiet_durable_parking_by_default() {
        check(
            "{retry: {mode: topics, maxAttempts: 4}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            "",
            PER_KEY,
            "",
        );
    }

    #[test]
    fn quiet_without_per_key_requirement() {
        check(
            "{retry: {mode: topics, maxAttempts: 4}, onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "",
            "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_constraint_binding_only_listed_consumers() {
        check(
            "{retry: {mode: topics, maxAttempts: 3}, onExhausted: stop}",
            "constraints: {dispatch-before-delivery: {key: shipmentId, consumers: [crm], precedes: {first: ShipmentDispatched, then: ShipmentDelivered}}}\n",
            BOTH,
            "",
        );
    }

    #[test]
    fn quiet_blocking_retry() {
        check("{retry: {mode: blocking, maxAttempts: 3}, onExhausted: stop}", "", PER_KEY, "");
    }
}
