//! `in-memory-park-store`: key parking whose set of parked keys does not survive a crash or a rebalance.

use eventlint_catalog::ParkStore;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{IN_MEMORY_PARK, group_finding, setting_span};

declare_rule! {
    name: "in-memory-park-store",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "key parking whose state does not survive a crash",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        let Some(dlq) = &group.dlq else { continue };
        if !dlq.park_by_key.value || dlq.park_store.value != ParkStore::InMemory {
            continue;
        }
        let text = format!(
            "group `{}` keeps its parked keys in memory, so a crash or a rebalance releases them",
            group.decl.name
        );
        let span = setting_span(group, dlq.park_store.span());
        out.push(
            group_finding(&RULE, group, span, "forgotten on a crash or a rebalance", text)
                .with_path(format!("{}/parkStore", dlq.path))
                .with_help("use `parkStore: durable` (a compacted topic or a state store written in the same transaction as the DLQ record)")
                .with_note(format!(
                    "`eventlint simulate {IN_MEMORY_PARK}` shows a crash releasing a parked key in its `dlq.parkStore=in-memory` run"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "in-memory-park-store";
    const FINDING: &str = "
            catalog.yaml:8:173 warning[in-memory-park-store] group `billing-shipments` keeps its parked keys in memory, so a crash or a rebalance releases them
              = `eventlint simulate examples/payments/in-memory-park.scenario.yaml` shows a crash releasing a parked key in its `dlq.parkStore=in-memory` run
            ";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_parked_in_memory() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, parkStore: in-memory}}", FINDING);
    }

    #[test]
    fn flag_with_retry_topics() {
        check(
            "{retry: {mode: topics, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, parkStore: in-memory}}",
            "
            catalog.yaml:8:212 warning[in-memory-park-store] group `billing-shipments` keeps its parked keys in memory, so a crash or a rebalance releases them
              = `eventlint simulate examples/payments/in-memory-park.scenario.yaml` shows a crash releasing a parked key in its `dlq.parkStore=in-memory` run
            ",
        );
    }

    #[test]
    fn quiet_durable_by_default() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}", "");
    }

    #[test]
    fn quiet_in_memory_without_parking() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkStore: in-memory}}", "");
    }
}
