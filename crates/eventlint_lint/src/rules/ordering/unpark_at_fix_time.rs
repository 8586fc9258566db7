//! `unpark-at-fix-time`: parked keys released when the fix ships, racing the replay of their DLQ backlog.

use eventlint_catalog::Unpark;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{UNPARK_RACE, group_finding, setting_span};

declare_rule! {
    name: "unpark-at-fix-time",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "key unparked before its DLQ backlog is drained",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        let Some(dlq) = &group.dlq else { continue };
        if !dlq.park_by_key.value || dlq.unpark.value != Unpark::AtFixTime {
            continue;
        }
        let text = format!(
            "group `{}` unparks keys when the fix is deployed, while their DLQ entries may still wait for replay",
            group.decl.name
        );
        let span = setting_span(group, dlq.unpark.span());
        out.push(
            group_finding(&RULE, group, span, "live records of the key race the replayer", text)
                .with_path(format!("{}/unpark", dlq.path))
                .with_help("use `unpark: when-backlog-drained`")
                .with_note(format!(
                    "`eventlint simulate {UNPARK_RACE}` shows the `UNPARK_RACE` and the `PARK_BREACH` in its `dlq.unpark=at-fix-time` run"
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "unpark-at-fix-time";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_at_fix_time() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, unpark: at-fix-time}}",
            "
            catalog.yaml:8:170 warning[unpark-at-fix-time] group `billing-shipments` unparks keys when the fix is deployed, while their DLQ entries may still wait for replay
              = `eventlint simulate examples/payments/unpark-race.scenario.yaml` shows the `UNPARK_RACE` and the `PARK_BREACH` in its `dlq.unpark=at-fix-time` run
            ",
        );
    }

    #[test]
    fn flag_with_retry_topics() {
        check(
            "{retry: {mode: topics, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, unpark: at-fix-time}}",
            "
            catalog.yaml:8:209 warning[unpark-at-fix-time] group `billing-shipments` unparks keys when the fix is deployed, while their DLQ entries may still wait for replay
              = `eventlint simulate examples/payments/unpark-race.scenario.yaml` shows the `UNPARK_RACE` and the `PARK_BREACH` in its `dlq.unpark=at-fix-time` run
            ",
        );
    }

    #[test]
    fn quiet_default() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}", "");
    }

    #[test]
    fn quiet_manual() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, unpark: manual}}", "");
    }

    #[test]
    fn quiet_without_parking() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, unpark: at-fix-time}}", "");
    }
}
