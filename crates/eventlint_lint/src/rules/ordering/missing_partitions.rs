//! `missing-partitions`: a topic that messages or groups use has no `partitions` count.

use eventlint_catalog::{Model, Topic};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "missing-partitions",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "topic without `partitions`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// What uses a topic: a message on it, or a group's DLQ, park or retry topic.
fn user(model: &Model, topic: &Topic) -> Option<String> {
    let name = topic.decl.name.as_str();
    if let Some(message) = model.messages.values().find(|m| m.topic.as_ref().is_some_and(|t| t.name == name)) {
        return Some(format!("message `{}`", message.decl.name));
    }
    model.groups().find_map(|(_, group)| {
        let dlq = group.dlq.as_ref();
        let uses = dlq.and_then(|d| d.topic.as_ref()).is_some_and(|t| t.name == name)
            || dlq.and_then(|d| d.park_topic.as_ref()).is_some_and(|t| t.name == name)
            || group.retry.topics.iter().any(|t| t.name == name);
        uses.then(|| format!("group `{}`", group.decl.name))
    })
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for topic in cx.model.topics.values().filter(|topic| topic.partitions.is_none()) {
        let Some(user) = user(cx.model, topic) else { continue };
        let name = &topic.decl.name;
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("topic `{name}` declares no `partitions`, used by {user}"),
            )
            .with_category(RULE.category.as_str())
            .with_primary(topic.decl.name_span, "partition count unknown")
            .with_path(topic.decl.path.clone())
            .with_subject(SubjectType::Topic, name.clone())
            .with_help("declare `partitions: 12` (the count configured in the cluster)")
            .with_note("`eventlint simulate` rejects a scenario that reads this topic until it has a count"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "missing-partitions";

    fn check(group: &str, topics: &[&str], messages: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], topics), "", messages, expect);
    }

    #[test]
    fn flag_topic_with_messages() {
        check(
            "",
            &["shipping.events: {key: shipmentId}"],
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}",
            "
            catalog.yaml:12:3 warning[missing-partitions] topic `shipping.events` declares no `partitions`, used by message `ShipmentDispatched`
              = `eventlint simulate` rejects a scenario that reads this topic until it has a count
            ",
        );
    }

    #[test]
    fn flag_dlq_topic_of_a_group() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            &["shipping.events.dlq: {}"],
            "",
            "
            catalog.yaml:13:3 warning[missing-partitions] topic `shipping.events.dlq` declares no `partitions`, used by group `billing-shipments`
              = `eventlint simulate` rejects a scenario that reads this topic until it has a count
            ",
        );
    }

    #[test]
    fn quiet_header() {
        check("", &[], "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}", "");
    }

    #[test]
    fn quiet_unused_topic() {
        check("", &["shipping.audit: {}"], "", "");
    }
}
