//! `unused-dlq-settings`: DLQ, parking or retry-topic settings that the group's policy never uses.

use eventlint_catalog::{ConsumerGroup, OnExhausted, RetryMode};
use eventlint_diagnostics::{Diagnostic, Span};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::group_finding;

declare_rule! {
    name: "unused-dlq-settings",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "DLQ or parking settings the policy never uses",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// One unused setting: where it is written, its logical path, why it is unused and the fix.
struct Unused {
    span: Span,
    path: String,
    text: String,
    help: String,
}

fn unused_settings(group: &ConsumerGroup) -> Vec<Unused> {
    let mut unused = Vec::new();
    let name = &group.decl.name;
    if let Some(dlq) = &group.dlq {
        if group.on_exhausted.value != OnExhausted::Dlq {
            let policy = group.on_exhausted.value.as_str();
            unused.push(Unused {
                span: dlq.span,
                path: dlq.path.clone(),
                text: format!("group `{name}` declares a `dlq` but exhausted records `{policy}`"),
                help: "remove `dlq`, or set `onExhausted: dlq`".to_owned(),
            });
        }
        if !dlq.park_by_key.value {
            let park_settings = [
                ("parkStore", dlq.park_store.explicit_span()),
                ("unpark", dlq.unpark.explicit_span()),
                ("parkTopic", dlq.park_topic.as_ref().map(|topic| topic.span)),
            ];
            for (key, span) in park_settings {
                let Some(span) = span else { continue };
                unused.push(Unused {
                    span,
                    path: format!("{}/{key}", dlq.path),
                    text: format!("group `{name}` sets `dlq.{key}` but does not park by key"),
                    help: format!("remove `{key}`, or set `parkByKey: true`"),
                });
            }
        }
    }
    if group.retry.mode.value == RetryMode::Blocking
        && let Some(first) = group.retry.topics.first()
    {
        unused.push(Unused {
            span: first.span,
            path: format!("{}/topics", group.retry.path),
            text: format!("group `{name}` lists retry topics but retries blocking"),
            help: "remove `retry.topics`, or set `retry.mode: topics`".to_owned(),
        });
    }
    unused
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        for unused in unused_settings(group) {
            out.push(
                group_finding(&RULE, group, unused.span, "never used by this policy", unused.text)
                    .with_path(unused.path)
                    .with_help(unused.help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "unused-dlq-settings";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_dlq_under_stop() {
        check(
            "{onExhausted: stop, dlq: {topic: shipping.events.dlq}}",
            "catalog.yaml:8:117 warning[unused-dlq-settings] group `billing-shipments` declares a `dlq` but exhausted records `stop`",
        );
    }

    #[test]
    fn flag_park_settings_without_parking() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkStore: durable, unpark: at-fix-time}}",
            "
            catalog.yaml:8:156 warning[unused-dlq-settings] group `billing-shipments` sets `dlq.parkStore` but does not park by key
            catalog.yaml:8:173 warning[unused-dlq-settings] group `billing-shipments` sets `dlq.unpark` but does not park by key
            ",
        );
    }

    #[test]
    fn flag_retry_topics_under_blocking() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3, topics: [shipping.events.dlq]}, onExhausted: stop}",
            "catalog.yaml:8:142 warning[unused-dlq-settings] group `billing-shipments` lists retry topics but retries blocking",
        );
    }

    #[test]
    fn quiet_park_settings_with_parking() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true, parkStore: durable}}", "");
    }

    #[test]
    fn quiet_stop_without_dlq() {
        check("{onExhausted: stop}", "");
    }
}
