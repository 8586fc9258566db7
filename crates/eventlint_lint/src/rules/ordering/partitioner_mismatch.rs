//! `partitioner-mismatch`: a producer hashes keys with another function than its topic's contract.

use eventlint_catalog::{Partitioner, Service, Topic};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "partitioner-mismatch",
    category: Ordering,
    severity: Error,
    recommended: true,
    summary: "producer hashes keys differently from the topic or another producer",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The librdkafka setting that gives a partitioner.
fn librdkafka_setting(partitioner: Partitioner) -> &'static str {
    match partitioner {
        Partitioner::Murmur2 => "murmur2_random",
        Partitioner::Crc32 => "consistent_random",
        Partitioner::Explicit => "a custom partitioner",
    }
}

fn finding(service: &Service, topic: &Topic, partitioner: Partitioner) -> Option<Diagnostic> {
    let setting = service.producer.partitioner.as_ref()?;
    let contract = topic.partitioner.value;
    let (name, topic_name) = (&service.decl.name, &topic.decl.name);
    let text = format!(
        "`{name}` hashes keys with `{}` but `{topic_name}` is partitioned with `{}`, so one key lands on two partitions",
        partitioner.as_str(),
        contract.as_str()
    );
    let label = if setting.is_explicit() { "the producer's partitioner" } else { "implied by the client library" };
    let mut diagnostic = Diagnostic::lint(RULE.name, RULE.severity, text)
        .with_category(RULE.category.as_str())
        .with_primary(setting.span().unwrap_or(service.decl.name_span), label)
        .with_path(format!("{}/partitioner", service.producer.path))
        .with_subject(SubjectType::Service, name.clone())
        .with_help(format!(
            "set `partitioner: {}` for `{name}` (librdkafka: `partitioner={}`), or change the topic's contract",
            contract.as_str(),
            librdkafka_setting(contract)
        ))
        .with_note("`eventlint simulate` with a producer override `partitioner: crc32` places the key on another partition than murmur2 does (dlq-simulator.md §8.6)");
    if let Some(span) = topic.partitioner.span() {
        diagnostic = diagnostic.with_label(span, format!("`{topic_name}` contract: `{}`", contract.as_str()));
    }
    Some(diagnostic)
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for topic in model.topics.values() {
        let mut reported: Vec<&str> = Vec::new();
        for message in model.messages.values() {
            if message.topic.as_ref().is_none_or(|t| t.name != topic.decl.name)
                || model.effective_key(message).is_none()
            {
                continue;
            }
            for producer in &message.producers {
                let Some(service) = model.services.get(&producer.name) else { continue };
                let Some(partitioner) = service.producer.partitioner.as_ref().map(|p| p.value) else { continue };
                if partitioner == topic.partitioner.value || reported.contains(&service.decl.name.as_str()) {
                    continue;
                }
                reported.push(&service.decl.name);
                out.extend(finding(service, topic, partitioner));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "partitioner-mismatch";

    fn check(services: &[&str], topics: &[&str], messages: &str, expect: &str) {
        check_on(RULE, &header_with("", services, topics), "", messages, expect);
    }

    #[test]
    fn flag_crc32_producer_on_a_murmur2_topic() {
        check(
            &["dispatcher: {domain: shipping, owner: team-shipping, producer: {partitioner: crc32}}"],
            &[],
            "PickupScheduled: {producer: dispatcher, consumers: [crm], fields: {shipmentId: string}}",
            "
            catalog.yaml:7:80 error[partitioner-mismatch] `dispatcher` hashes keys with `crc32` but `shipping.events` is partitioned with `murmur2`, so one key lands on two partitions
              = `eventlint simulate` with a producer override `partitioner: crc32` places the key on another partition than murmur2 does (dlq-simulator.md §8.6)
            ",
        );
    }

    #[test]
    fn flag_java_client_on_a_crc32_topic() {
        check(
            &["shipping: {domain: shipping, owner: team-shipping, producer: {client: java}}"],
            &["shipping.internal: {partitions: 12, key: shipmentId, partitioner: crc32}"],
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "
            catalog.yaml:6:73 error[partitioner-mismatch] `shipping` hashes keys with `murmur2` but `shipping.internal` is partitioned with `crc32`, so one key lands on two partitions
              = `eventlint simulate` with a producer override `partitioner: crc32` places the key on another partition than murmur2 does (dlq-simulator.md §8.6)
            ",
        );
    }

    #[test]
    fn quiet_matching_partitioner() {
        check(
            &["dispatcher: {domain: shipping, owner: team-shipping, producer: {partitioner: murmur2}}"],
            &[],
            "PickupScheduled: {producer: dispatcher, consumers: [crm], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_explicit_on_both_sides() {
        check(
            &["shipping: {domain: shipping, owner: team-shipping, producer: {partitioner: explicit}}"],
            &["shipping.internal: {partitions: 12, key: shipmentId, partitioner: explicit}"],
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }
}
