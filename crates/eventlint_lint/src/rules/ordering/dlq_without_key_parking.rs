//! `dlq-without-key-parking`: a naive DLQ in a group that needs per-key order.

use eventlint_catalog::OnExhausted;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{group_finding, per_key_reason, setting_span, simulate_poison_pill, with_reason};

declare_rule! {
    name: "dlq-without-key-parking",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "naive DLQ under a per-key requirement",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        if group.on_exhausted.value != OnExhausted::Dlq {
            continue;
        }
        if group.dlq.as_ref().is_some_and(|dlq| dlq.park_by_key.value) {
            continue;
        }
        let Some(reason) = per_key_reason(cx.model, &group.decl.name) else { continue };
        let text =
            format!("group `{}` dead-letters records but lets later records of the same key carry on", group.decl.name);
        let span = setting_span(group, group.on_exhausted.span());
        let diagnostic = group_finding(&RULE, group, span, "later records of the key overtake the failed one", text)
            .with_path(format!("{}/onExhausted", group.decl.path));
        out.push(
            with_reason(diagnostic, &reason)
                .with_help("set `dlq.parkByKey: true`, or use `onExhausted: stop`")
                .with_note(format!(
                    "{} shows the overtake, and the inversion at replay",
                    simulate_poison_pill("naive-dlq")
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "dlq-without-key-parking";
    const PER_KEY: &str =
        "ShipmentDispatched: {consumers: [{service: billing, ordering: per-key}], fields: {shipmentId: string}}";

    const FINDING: &str = "
        catalog.yaml:8:147 warning[dlq-without-key-parking] group `billing-shipments` dead-letters records but lets later records of the same key carry on
          = `eventlint simulate examples/payments/poison-pill.scenario.yaml --policy naive-dlq` shows the overtake, and the inversion at replay
    ";

    fn check(group: &str, extra: &str, messages: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), extra, messages, expect);
    }

    #[test]
    fn flag_per_key_consumer_entry() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "",
            PER_KEY,
            FINDING,
        );
    }

    #[test]
    fn flag_requirement_from_a_constraint() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "constraints: {dispatch-before-delivery: {key: shipmentId, precedes: {first: ShipmentDispatched, then: ShipmentDelivered}}}\n",
            "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}
            ShipmentDelivered: {consumers: [billing], fields: {shipmentId: string}}",
            FINDING,
        );
    }

    #[test]
    fn quiet_parked_by_key() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            "",
            PER_KEY,
            "",
        );
    }

    #[test]
    fn quiet_without_per_key_requirement() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "",
            "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_stop() {
        check("{onExhausted: stop}", "", PER_KEY, "");
    }
}
