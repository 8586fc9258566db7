//! `subject-strategy-conflict`: several record types on one topic must share its `TopicNameStrategy` subject.

use eventlint_avro::NodeKind;
use eventlint_catalog::{Compatibility, Message, SubjectStrategy, Topic};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::code_list;

declare_rule! {
    name: "subject-strategy-conflict",
    category: Compat,
    severity: Error,
    recommended: true,
    summary: "several record types share one `TopicNameStrategy` subject",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for topic in cx.model.topics.values() {
        if topic.subject_strategy.value != SubjectStrategy::TopicName
            || topic.compatibility.value == Compatibility::None
        {
            continue;
        }
        let name = &topic.decl.name;
        // The value record of each message on the topic, first message per record name.
        let mut records: Vec<(&str, &Message)> = Vec::new();
        for message in cx.model.messages.values().filter(|m| m.topic.as_ref().is_some_and(|t| &t.name == name)) {
            let Some(&node) = cx.message_schemas.get(&message.decl.name) else { continue };
            let Some(full_name) = cx.schemas.node(node).full_name() else { continue };
            if !records.iter().any(|(record, _)| *record == full_name) {
                records.push((full_name, message));
            }
        }
        if records.len() < 2 || registers_one_union(cx, topic, &records) {
            continue;
        }
        let names = code_list(records.iter().map(|(record, _)| *record));
        let mut diagnostic = Diagnostic::lint(
            RULE.name,
            RULE.severity,
            format!("`{name}` carries {} record types under its one subject `{name}-value`: {names}", records.len()),
        )
        .with_category(RULE.category.as_str())
        .with_primary(topic.subject_strategy.span().unwrap_or(topic.decl.name_span), "`TopicNameStrategy`")
        .with_path(format!("{}/subjectStrategy", topic.decl.path))
        .with_subject(SubjectType::Topic, name.clone())
        .with_help(format!(
            "set `subjectStrategy: TopicRecordNameStrategy` on `{name}`, or register a union value schema"
        ));
        for (record, message) in &records {
            diagnostic = diagnostic.with_label(message.decl.name_span, format!("`{record}`"));
        }
        out.push(diagnostic);
    }
}

/// Every message takes its schema from one `.avsc` whose top level is a union of exactly the topic's records.
fn registers_one_union(cx: &Context, topic: &Topic, records: &[(&str, &Message)]) -> bool {
    let messages = cx.model.messages.values().filter(|m| m.topic.as_ref().is_some_and(|t| t.name == topic.decl.name));
    let mut files = messages.map(|m| m.schema.as_ref().filter(|s| s.fragment.is_some()).map(|s| s.file.as_str()));
    let Some(Some(file)) = files.next() else { return false };
    if !files.all(|other| other == Some(file)) {
        return false;
    }
    let Some(root) = cx.sources.find(file).and_then(|file| cx.schemas.root(file)) else { return false };
    let NodeKind::Union { branches } = &cx.schemas.node(root).kind else { return false };
    let mut members: Vec<&str> = branches.iter().filter_map(|b| cx.schemas.node(b.node).full_name()).collect();
    let mut expected: Vec<&str> = records.iter().map(|(record, _)| *record).collect();
    members.sort_unstable();
    expected.sort_unstable();
    members.len() == branches.len() && members == expected
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, check_on, header_with, settings};

    const TWO: &str = "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}
        ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string}}";

    fn check(topics: &[&str], messages: &str, expect: &str) {
        check_on("subject-strategy-conflict", &header_with("", &[], topics), "", messages, expect);
    }

    const TOPIC_NAME: &str =
        "shipping.events: {partitions: 12, key: shipmentId, compatibility: FULL, subjectStrategy: TopicNameStrategy}";

    #[test]
    fn flag_two_records() {
        check(
            &[TOPIC_NAME],
            TWO,
            "catalog.yaml:12:92 error[subject-strategy-conflict] `shipping.events` carries 2 record types under its one subject `shipping.events-value`: `com.acme.shipping.ShipmentDispatched`, `com.acme.shipping.ShipmentDelivered`",
        );
    }

    #[test]
    fn quiet_record_name_strategy() {
        check(&[], TWO, "");
    }

    #[test]
    fn quiet_single_record() {
        check(&[TOPIC_NAME], "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}", "");
    }

    #[test]
    fn quiet_compatibility_none() {
        check(&[&TOPIC_NAME.replace("FULL", "NONE")], TWO, "");
    }

    #[test]
    fn quiet_one_union_file() {
        let record = |name: &str| {
            format!(
                r#"{{"type": "record", "name": "{name}", "namespace": "com.acme", "fields": [{{"name": "shipmentId", "type": "string"}}]}}"#
            )
        };
        let union = format!("[{}, {}]", record("ShipmentDispatched"), record("ShipmentDelivered"));
        let catalog = format!(
            "{}messages:\n  ShipmentDispatched: {{version: 1.0.0, producer: shipping, topic: shipping.events, consumers: [crm], schema: 'schemas/Shipment.avsc#com.acme.ShipmentDispatched'}}\n  ShipmentDelivered: {{version: 1.0.0, producer: shipping, topic: shipping.events, consumers: [crm], schema: 'schemas/Shipment.avsc#com.acme.ShipmentDelivered'}}\n",
            header_with("", &[], &[TOPIC_NAME])
        );
        let files = vec![("catalog.yaml".to_owned(), catalog), ("schemas/Shipment.avsc".to_owned(), union)];
        let workspace = Workspace::load(&files);
        let result = workspace.lint(&settings("subject-strategy-conflict", None));
        assert_eq!(workspace.render(&result), "");
    }
}
