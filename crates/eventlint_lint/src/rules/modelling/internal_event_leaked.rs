//! `internal-event-leaked`: an internal event consumed across the boundary, or a public one exposing storage internals.

use eventlint_catalog::{Message, MessageKind, Model, Visibility};
use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::words;
use crate::settings::normalise;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Boundary {
    #[default]
    Domain,
    Owner,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    boundary: Boundary,
    internal_fields: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            boundary: Boundary::Domain,
            internal_fields: words(&[
                "_version",
                "aggregate_version",
                "row_id",
                "row_version",
                "etl_batch_id",
                "shard",
                "partition_id",
            ]),
        }
    }
}

declare_rule! {
    name: "internal-event-leaked",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "internal event consumed across a domain boundary",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// Whether `service` is on the other side of the boundary from the message's owner.
fn crosses(model: &Model, boundary: Boundary, message: &Message, service: &str) -> bool {
    match boundary {
        Boundary::Domain => facts::is_cross_domain_consumer(model, message, service),
        Boundary::Owner => {
            let owner = message.owner.as_ref().map(|o| o.value.as_str());
            let consumer = model.services.get(service).and_then(|s| s.owner.as_ref()).map(|o| o.value.as_str());
            matches!((owner, consumer), (Some(a), Some(b)) if a != b)
        }
    }
}

/// An internal-field entry matches the normalised field name; one starting with `_` matches as written, so
/// `_version` does not catch a plain `version` metadata field.
fn is_internal_field(options: &Options, name: &str) -> bool {
    options
        .internal_fields
        .iter()
        .any(|entry| if entry.starts_with('_') { entry == name } else { normalise(entry) == normalise(name) })
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if !matches!(message.kind.value, MessageKind::Event | MessageKind::Notification) {
            continue;
        }
        match message.visibility.value {
            Visibility::Internal => leaked_consumers(cx, &options, message, out),
            Visibility::Public => storage_internals(cx, &options, message, out),
        }
    }
}

fn leaked_consumers(cx: &Context, options: &Options, message: &Message, out: &mut Vec<Diagnostic>) {
    let inherited = if message.visibility.is_explicit() { "declared" } else { "inherited" };
    for consumer in &message.consumers {
        let service = consumer.service.name.as_str();
        if !crosses(cx.model, options.boundary, message, service) {
            continue;
        }
        let side = match options.boundary {
            Boundary::Domain => facts::service_domain(cx.model, service).map(|d| format!("domain `{d}`")),
            Boundary::Owner => {
                cx.model.services.get(service).and_then(|s| s.owner.as_ref()).map(|o| format!("team `{}`", o.value))
            }
        };
        let side = side.unwrap_or_else(|| "an external service".to_owned());
        let text = format!(
            "internal event `{}` ({inherited} visibility) is consumed by `{service}` from {side}",
            message.decl.name
        );
        let mut diagnostic = cx
            .message_finding(&RULE, message, text, "")
            .with_primary(consumer.service.span, "consumes across the boundary")
            .with_path(consumer.path.clone());
        if let Some(span) = message.visibility.span() {
            diagnostic = diagnostic.with_label(span, format!("visibility `internal` ({inherited})"));
        }
        out.push(diagnostic.with_help(format!(
            "publish a deliberate external event for `{service}`, or declare `visibility: public` and review the contract"
        )));
    }
}

fn storage_internals(cx: &Context, options: &Options, message: &Message, out: &mut Vec<Diagnostic>) {
    let Some((record, fields)) = facts::record(cx, message) else { return };
    for (index, field) in fields.fields.iter().enumerate() {
        if !is_internal_field(options, &field.name.value) {
            continue;
        }
        let text = format!("public event `{}` exposes storage internal `{}`", message.decl.name, field.name.value);
        out.push(
            cx.message_finding(&RULE, message, text, "")
                .with_primary(field.name.span, "a storage internal")
                .with_label(message.decl.name_span, "public event")
                .with_path(cx.schemas.field_path(record, index))
                .with_help("remove storage internals from the public contract"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1_internal_topic_read_by_analytics() {
        check(
            "internal-event-leaked",
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher, reporting], fields: {shipmentId: string, routeId: string, legs: int}}",
            r#"
            catalog.yaml:18:74 warning[internal-event-leaked] internal event `RouteOptimised` (inherited visibility) is consumed by `reporting` from domain `analytics`
            "#,
        );
    }

    #[test]
    fn flag_2_public_event_exposing_storage_internals() {
        check(
            "internal-event-leaked",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, deliveredAt: timestamp-millis, aggregate_version: long, row_id: long}}",
            r#"
            schemas/ShipmentDelivered.avsc:1:251 warning[internal-event-leaked] public event `ShipmentDelivered` exposes storage internal `aggregate_version`
            schemas/ShipmentDelivered.avsc:1:307 warning[internal-event-leaked] public event `ShipmentDelivered` exposes storage internal `row_id`
            "#,
        );
    }

    #[test]
    fn quiet_3_internal_consumed_inside_the_domain() {
        check(
            "internal-event-leaked",
            "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, routeId: string, legs: int}}",
            "",
        );
    }

    #[test]
    fn quiet_4_deliberate_public_contract() {
        check(
            "internal-event-leaked",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, deliveredAt: timestamp-millis, proofOfDelivery: string}}",
            "",
        );
    }

    #[test]
    fn the_owner_boundary_compares_teams() {
        let messages = "RouteOptimised: {topic: shipping.internal, consumers: [dispatcher, reporting], fields: {shipmentId: string, legs: int}}";
        check_with(
            "internal-event-leaked",
            "[lint.rules.internal-event-leaked]\nboundary = \"owner\"\n",
            messages,
            "catalog.yaml:18:74 warning[internal-event-leaked] internal event `RouteOptimised` (inherited visibility) is consumed by `reporting` from team `team-data`",
        );
    }
}
