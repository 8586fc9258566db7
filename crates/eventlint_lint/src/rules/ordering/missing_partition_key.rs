//! `missing-partition-key`: a message on a partitioned topic without a key, or with a key that can be null.

use eventlint_catalog::{Category, Message};
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::facts;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{KeyPath, resolve_key};
use crate::settings::Profile;

declare_rule! {
    name: "missing-partition-key",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "unkeyed or null-keyable message on a partitioned topic",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// Telemetry is often unkeyed on purpose; a change feed's row key comes from the row, present or deleted.
fn is_exempt(cx: &Context, message: &Message) -> bool {
    message.category.as_ref().is_some_and(|category| category.value == Category::Measurement)
        || facts::profiles(cx, message).contains(&Profile::Cdc)
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for message in model.messages.values() {
        let Some(topic) = message.topic.as_ref().and_then(|t| model.topics.get(&t.name)) else { continue };
        if topic.partitions.as_ref().is_some_and(|p| p.value <= 1) || is_exempt(cx, message) {
            continue;
        }
        let name = &message.decl.name;
        let topic_name = &topic.decl.name;
        match model.effective_key(message) {
            None if topic.key_schema.is_none() => out.push(
                cx.message_finding(
                    &RULE,
                    message,
                    format!("`{name}` has no key on `{topic_name}`, so its records are spread over every partition"),
                    "no key",
                )
                .with_help("declare the entity's id as `key` and make the field required")
                .with_note("without a key no two events of one entity are ordered; `eventlint simulate` needs a key per event to place it"),
            ),
            None => {}
            Some(key) => {
                let KeyPath::Resolved { optional: Some(field) } = resolve_key(cx, message, &key.value) else { continue };
                let optional = &field.name.value;
                out.push(
                    cx.message_finding(
                        &RULE,
                        message,
                        format!("key `{}` of `{name}` can be null: `{optional}` is optional", key.value),
                        "",
                    )
                    .with_primary(field.name.span, "optional")
                    .with_label(key.span, "the key path")
                    .with_help(format!("make `{optional}` required")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_on, header_with};

    const RULE: &str = "missing-partition-key";

    #[test]
    fn flag_topic_without_key() {
        check_on(
            RULE,
            &header_with("", &[], &["shipping.internal: {partitions: 12, visibility: internal}"]),
            "",
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 warning[missing-partition-key] `RouteOptimised` has no key on `shipping.internal`, so its records are spread over every partition
              = without a key no two events of one entity are ordered; `eventlint simulate` needs a key per event to place it",
        );
    }

    #[test]
    fn flag_nullable_key() {
        check(
            RULE,
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: [null, string], reason: string}}",
            "schemas/ShipmentDelayed.avsc:1:106 warning[missing-partition-key] key `shipmentId` of `ShipmentDelayed` can be null: `shipmentId` is optional",
        );
    }

    #[test]
    fn quiet_required_key() {
        check(RULE, "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string, reason: string}}", "");
    }

    #[test]
    fn quiet_single_partition() {
        check_on(
            RULE,
            &header_with("", &[], &["shipping.internal: {partitions: 1, visibility: internal}"]),
            "",
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_measurement() {
        check_on(
            RULE,
            &header_with("", &[], &["shipping.internal: {partitions: 12, visibility: internal}"]),
            "",
            "DepotOccupancySampled: {topic: shipping.internal, category: measurement, consumers: [reporting], fields: {occupancy: int}}",
            "",
        );
    }
}
