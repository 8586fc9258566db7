//! `missing-failure-policy`: an at-least-once group left on the default failure policy (one attempt, then stop).

use eventlint_catalog::{ConsumerGroup, Delivery, Model};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::group_finding;

declare_rule! {
    name: "missing-failure-policy",
    category: Ordering,
    severity: Info,
    recommended: true,
    summary: "at-least-once group left on the default failure policy",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// Whether a group writes down `retry` or `onExhausted`.
fn declares_policy(group: &ConsumerGroup) -> bool {
    group.retry.span.is_some() || group.on_exhausted.is_explicit()
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model: &Model = cx.model;
    if !model.groups().any(|(_, group)| declares_policy(group)) {
        return;
    }
    for (service, group) in model.groups() {
        if group.delivery.value != Delivery::AtLeastOnce || declares_policy(group) {
            continue;
        }
        let text = format!(
            "group `{}` runs on the default failure policy: one attempt, then stop the partition",
            group.decl.name
        );
        let mut diagnostic = group_finding(&RULE, group, group.decl.name_span, "no `retry`, no `onExhausted`", text)
            .with_help(format!("declare `retry` and `onExhausted` for `{}`", group.decl.name))
            .with_note("`eventlint simulate` with `--policy stop` shows what the default does: every key of the partition waits for the fix");
        if group.implicit {
            diagnostic = diagnostic
                .with_primary(service.decl.name_span, "declares no consumer group")
                .with_path(service.decl.path.clone())
                .with_subject(SubjectType::Group, group.decl.name.clone());
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "missing-failure-policy";

    fn check(group: &str, services: &[&str], messages: &str, expect: &str) {
        check_on(RULE, &header_with(group, services, &[]), "", messages, expect);
    }

    #[test]
    fn flag_implicit_group_when_another_declares_a_policy() {
        check(
            "",
            &["crm: {domain: customer, owner: team-crm, consumerGroups: {crm-shipments: {onExhausted: stop}}}"],
            "ShipmentDispatched: {consumers: [billing, crm], fields: {shipmentId: string}}",
            "
            catalog.yaml:8:73 info[missing-failure-policy] group `billing-shipments` runs on the default failure policy: one attempt, then stop the partition
              = `eventlint simulate` with `--policy stop` shows what the default does: every key of the partition waits for the fix
            ",
        );
    }

    #[test]
    fn flag_explicit_group_without_policy() {
        check(
            "{instances: 2}",
            &["crm: {domain: customer, owner: team-crm, consumerGroups: {crm-shipments: {onExhausted: stop}}}"],
            "",
            "
            catalog.yaml:8:73 info[missing-failure-policy] group `billing-shipments` runs on the default failure policy: one attempt, then stop the partition
              = `eventlint simulate` with `--policy stop` shows what the default does: every key of the partition waits for the fix
            ",
        );
    }

    #[test]
    fn quiet_when_no_group_declares_a_policy() {
        check("{instances: 2}", &[], "", "");
    }

    #[test]
    fn quiet_declared_policy() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            &[],
            "",
            "",
        );
    }

    #[test]
    fn quiet_at_most_once() {
        check(
            "{delivery: at-most-once}",
            &["crm: {domain: customer, owner: team-crm, consumerGroups: {crm-shipments: {onExhausted: stop}}}"],
            "",
            "",
        );
    }
}
