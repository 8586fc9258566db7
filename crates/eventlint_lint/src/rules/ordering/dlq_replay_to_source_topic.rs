//! `dlq-replay-to-source-topic`: a group that needs per-key order replays its DLQ by republishing to the source.

use eventlint_catalog::ReplayVia;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{group_finding, per_key_reason, setting_span, simulate_poison_pill, with_reason};

declare_rule! {
    name: "dlq-replay-to-source-topic",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "replay republishes behind the key's successors",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        let Some(dlq) = &group.dlq else { continue };
        let Some(replay) = dlq.replay.as_ref().filter(|replay| replay.via.value == ReplayVia::Republish) else {
            continue;
        };
        let Some(reason) = per_key_reason(cx.model, &group.decl.name) else { continue };
        let text = format!(
            "group `{}` replays its DLQ by republishing to the source topic, behind later records of each key",
            group.decl.name
        );
        let span = setting_span(group, replay.via.span());
        let diagnostic = group_finding(&RULE, group, span, "appended after the key's successors", text)
            .with_path(format!("{}/replay/via", dlq.path));
        out.push(
            with_reason(diagnostic, &reason)
                .with_help("replay in place (`via: in-place`), through the same handler, in DLQ order")
                .with_note(format!(
                    "{} shows the `ORDER_INVERSION` of a record processed behind its successors",
                    simulate_poison_pill("naive-dlq")
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "dlq-replay-to-source-topic";
    const PER_KEY: &str =
        "ShipmentDispatched: {consumers: [{service: billing, ordering: per-key}], fields: {shipmentId: string}}";

    fn check(group: &str, messages: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", messages, expect);
    }

    #[test]
    fn flag_republish() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, replay: {via: republish}}}",
            PER_KEY,
            "
            catalog.yaml:8:159 warning[dlq-replay-to-source-topic] group `billing-shipments` replays its DLQ by republishing to the source topic, behind later records of each key
              = `eventlint simulate examples/payments/poison-pill.scenario.yaml --policy naive-dlq` shows the `ORDER_INVERSION` of a record processed behind its successors
            ",
        );
    }

    #[test]
    fn flag_republish_with_parking() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, replay: {via: republish}}}",
            PER_KEY,
            "
            catalog.yaml:8:176 warning[dlq-replay-to-source-topic] group `billing-shipments` replays its DLQ by republishing to the source topic, behind later records of each key
              = `eventlint simulate examples/payments/poison-pill.scenario.yaml --policy naive-dlq` shows the `ORDER_INVERSION` of a record processed behind its successors
            ",
        );
    }

    #[test]
    fn quiet_in_place() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, replay: {via: in-place}}}",
            PER_KEY,
            "",
        );
    }

    #[test]
    fn quiet_republish_without_per_key_requirement() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, replay: {via: republish}}}",
            "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}",
            "",
        );
    }
}
