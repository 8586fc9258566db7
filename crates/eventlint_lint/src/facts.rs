//! The shared definitions of rules/README.md §3.2, implemented once: fields and their roles, visibility, domains,
//! consumers, profiles of a message, and the ordering facts (per-key requirement, groups bound by a constraint).

use eventlint_avro::{Field, Node, NodeId, NodeKind, Record};
use eventlint_catalog::{Category, Constraint, ConstraintOrder, Message, MessageKind, Model, Ordering, Visibility};
use eventlint_naming::tokenize;

use crate::context::Context;
use crate::settings::{Profile, normalise};

/// Last tokens that make a field id-like.
const ID_TOKENS: &[&str] = &["id", "uuid", "guid", "key", "ref", "reference", "number", "no"];
/// Whole names that are identifiers by convention.
const ID_NAMES: &[&str] = &["sku", "ean", "gtin"];
/// Last tokens that make a field time-like.
const TIME_TOKENS: &[&str] = &["at", "on", "time", "timestamp", "date", "ts", "dt"];

/// The value record of a message and its node.
pub fn record<'a>(cx: &Context<'a>, message: &Message) -> Option<(NodeId, &'a Record)> {
    let id = *cx.message_schemas.get(&message.decl.name)?;
    cx.schemas.node(id).as_record().map(|record| (id, record))
}

/// The top-level fields of a message's value record (empty without one).
pub fn fields<'a>(cx: &Context<'a>, message: &Message) -> &'a [Field] {
    record(cx, message).map_or(&[], |(_, record)| record.fields.as_slice())
}

/// The top-level field named by the effective key path (its first segment).
pub fn key_field<'m>(model: &'m Model, message: &'m Message) -> Option<&'m str> {
    let key = model.effective_key(message)?;
    key.value.split('.').next().filter(|segment| !segment.is_empty())
}

/// The lowercase word tokens of a field or message name.
pub fn tokens(name: &str) -> Vec<String> {
    tokenize(name).into_iter().map(|token| token.text).collect()
}

/// The last word token of a name.
pub fn last_token(name: &str) -> Option<String> {
    tokenize(name).pop().map(|token| token.text)
}

/// A field's type with an optional wrapper (`["null", T]`) removed, and whether it was optional.
pub fn value_type<'a>(cx: &Context<'a>, field: &Field) -> (&'a Node, bool) {
    let node = cx.schemas.node(field.ty.node);
    match node.branches() {
        Some([a, b]) => {
            let (a, b) = (cx.schemas.node(a.node), cx.schemas.node(b.node));
            match (&a.kind, &b.kind) {
                (NodeKind::Null, _) => (b, true),
                (_, NodeKind::Null) => (a, true),
                _ => (node, false),
            }
        }
        _ => (node, false),
    }
}

/// A union of exactly `"null"` and one other type.
pub fn is_optional(cx: &Context, field: &Field) -> bool {
    value_type(cx, field).1
}

fn logical_type(node: &Node) -> Option<&str> {
    node.logical_type.as_ref().and_then(|logical| logical.name())
}

/// What a field is, by the definitions of rules/README.md §3.2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldRole {
    pub id_like: bool,
    pub time_like: bool,
    pub metadata: bool,
}

impl FieldRole {
    /// Neither id-like, time-like nor metadata.
    pub fn is_business(self) -> bool {
        !(self.id_like || self.time_like || self.metadata)
    }
}

/// The role of a top-level field of `message`.
pub fn field_role(cx: &Context, message: &Message, field: &Field) -> FieldRole {
    let name = field.name.value.as_str();
    let last = last_token(name).unwrap_or_default();
    let (node, _) = value_type(cx, field);
    let logical = logical_type(node).unwrap_or_default();
    let id_like = key_field(cx.model, message) == Some(name)
        || logical == "uuid"
        || ID_TOKENS.contains(&last.as_str())
        || ID_NAMES.contains(&name.to_lowercase().as_str());
    let time_like = logical == "date"
        || logical.starts_with("time-")
        || logical.starts_with("timestamp-")
        || logical.starts_with("local-timestamp-")
        || TIME_TOKENS.contains(&last.as_str());
    let envelope = &cx.settings.envelope_record;
    let metadata = cx.settings.metadata_fields.contains(&normalise(name))
        || (!envelope.is_empty() && node.full_name().is_some_and(|full| full == envelope));
    FieldRole { id_like, time_like, metadata }
}

/// The business fields of a message: neither id-like, time-like nor metadata.
pub fn business_fields<'a>(cx: &Context<'a>, message: &Message) -> Vec<&'a Field> {
    fields(cx, message).iter().filter(|field| field_role(cx, message, field).is_business()).collect()
}

/// The domain of a service: its own, else its file's (the loader resolves both into `domain`).
pub fn service_domain<'m>(model: &'m Model, service: &str) -> Option<&'m str> {
    model.services.get(service)?.domain.as_ref().map(|domain| domain.value.as_str())
}

/// The domain a message belongs to: that of its owning service (producer for events, handler for commands).
pub fn message_domain<'m>(model: &'m Model, message: &'m Message) -> Option<&'m str> {
    message
        .domain
        .as_ref()
        .map(|domain| domain.value.as_str())
        .or_else(|| message.producers.first().and_then(|producer| service_domain(model, &producer.name)))
}

/// A consumer in another domain than the message's producer, or an external service.
pub fn is_cross_domain_consumer(model: &Model, message: &Message, service: &str) -> bool {
    let Some(consumer) = model.services.get(service) else { return false };
    if consumer.external.value {
        return true;
    }
    match (message_domain(model, message), service_domain(model, service)) {
        (Some(producer), Some(consumer)) => producer != consumer,
        _ => false,
    }
}

/// The consumers of a message: distinct consumer services, then the services owning a view fed by it.
pub fn consumers<'m>(model: &'m Model, message: &'m Message) -> Vec<&'m str> {
    let mut services: Vec<&str> = Vec::new();
    let entries = message.consumers.iter().map(|consumer| consumer.service.name.as_str());
    let views = model
        .views
        .values()
        .filter(|view| view.from.iter().any(|from| from.name == message.decl.name))
        .filter_map(|view| view.service.as_ref().map(|service| service.name.as_str()));
    for service in entries.chain(views) {
        if !services.contains(&service) {
            services.push(service);
        }
    }
    services
}

/// Effective visibility `public`, or at least one cross-domain consumer.
pub fn is_public(model: &Model, message: &Message) -> bool {
    message.visibility.value == Visibility::Public
        || consumers(model, message).iter().any(|service| is_cross_domain_consumer(model, message, service))
}

/// The profiles whose adjustments apply to findings about a message: its file's profile, plus the one its
/// category or kind implies (`measurement` → telemetry; `data-change` and `kind: document` → cdc).
pub fn profiles(cx: &Context, message: &Message) -> Vec<Profile> {
    let path = cx.sources.get(message.decl.file).path();
    let mut profiles = vec![cx.settings.profile_of_file(path)];
    let implied = match (message.kind.value, message.category.as_ref().map(|c| c.value)) {
        (MessageKind::Document, _) | (_, Some(Category::DataChange)) => Some(Profile::Cdc),
        (_, Some(Category::Measurement)) => Some(Profile::Telemetry),
        _ => None,
    };
    profiles.extend(implied.filter(|profile| !profiles.contains(profile)));
    profiles
}

/// The messages a constraint orders.
fn constraint_messages(constraint: &Constraint) -> Vec<&str> {
    let mut names: Vec<&str> = match &constraint.order {
        Some(ConstraintOrder::Fsm(fsm)) => fsm
            .start
            .iter()
            .map(|r| r.name.as_str())
            .chain(fsm.next.values().flat_map(|s| std::iter::once(&s.state).chain(&s.next)).map(|r| r.name.as_str()))
            .collect(),
        Some(ConstraintOrder::Precedes(precedes)) => {
            precedes.first.iter().chain(&precedes.then).map(|r| r.name.as_str()).collect()
        }
        None => Vec::new(),
    };
    names.sort_unstable();
    names.dedup();
    names
}

/// Groups bound by a constraint: every group consuming two or more of its messages, restricted to the groups of
/// the constraint's `consumers` when it lists them (catalog-format §8).
pub fn groups_bound_by<'m>(model: &'m Model, constraint: &Constraint) -> Vec<&'m str> {
    let messages = constraint_messages(constraint);
    let mut bound = Vec::new();
    for (service, group) in model.groups() {
        let listed =
            constraint.consumers.is_empty() || constraint.consumers.iter().any(|c| c.name == service.decl.name);
        let consumed = model
            .consumers_of_group(&group.decl.name)
            .filter(|(message, _)| messages.binary_search(&message.decl.name.as_str()).is_ok())
            .count();
        if listed && consumed >= 2 {
            bound.push(group.decl.name.as_str());
        }
    }
    bound
}

/// Whether a group needs per-key order on a topic: a consumer entry says `ordering: per-key`, or a constraint
/// binding the group has messages on the topic.
pub fn has_per_key_requirement(model: &Model, group: &str, topic: &str) -> bool {
    let on_topic = |message: &Message| message.topic.as_ref().is_some_and(|t| t.name == topic);
    let declared = model
        .consumers_of_group(group)
        .any(|(message, consumer)| on_topic(message) && consumer.ordering.value == Ordering::PerKey);
    declared
        || model.constraints.values().any(|constraint| {
            groups_bound_by(model, constraint).contains(&group)
                && constraint_messages(constraint).iter().any(|name| model.messages.get(*name).is_some_and(&on_topic))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;
    use crate::testing::{Workspace, shorthand};

    /// Each field of one message with its roles: `i` id-like, `t` time-like, `m` metadata, `b` business.
    fn roles(fields: &str) -> String {
        let workspace =
            Workspace::load(&shorthand(&format!("ShipmentSeen: {{consumers: [crm], fields: {{{fields}}}}}"), ""));
        let settings = Settings::default();
        let cx = Context::new(
            &workspace.model,
            &workspace.schemas,
            &workspace.message_schemas,
            &workspace.sources,
            &settings,
        );
        let message = &workspace.model.messages["ShipmentSeen"];
        fields_of(&cx, message)
    }

    fn fields_of(cx: &Context, message: &Message) -> String {
        fields(cx, message)
            .iter()
            .map(|field| {
                let role = field_role(cx, message, field);
                let flags: String =
                    [(role.id_like, 'i'), (role.time_like, 't'), (role.metadata, 'm'), (role.is_business(), 'b')]
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, c)| *c)
                        .collect();
                format!("{}:{flags}", field.name.value)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn field_roles_follow_the_shared_definitions() {
        assert_eq!(
            roles("shipmentId: string, traceRef: uuid, sku: string, orderNo: string, carrier: string"),
            "shipmentId:i traceRef:i sku:i orderNo:i carrier:b"
        );
        assert_eq!(
            roles("scannedAt: string, day: date, seenTs: long, when: timestamp-millis, weight: double"),
            "scannedAt:t day:t seenTs:t when:t weight:b"
        );
        assert_eq!(
            roles("event_id: string, correlationId: string, headers: string, note: string"),
            "event_id:im correlationId:im headers:m note:b"
        );
    }

    #[test]
    fn visibility_domains_and_consumers() {
        let workspace = Workspace::load(&shorthand(
            "Internal: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}
            Leaked: {topic: shipping.internal, consumers: [dispatcher, reporting], fields: {shipmentId: string}}
            Declared: {consumers: [dispatcher], fields: {shipmentId: string}}
            Viewed: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string}}",
            "views:\n  ShipmentBoard: {service: reporting, question: where, from: [Viewed, Leaked]}\n",
        ));
        let model = &workspace.model;
        let public: Vec<bool> =
            ["Internal", "Leaked", "Declared"].iter().map(|m| is_public(model, &model.messages[*m])).collect();
        assert_eq!(public, [false, true, true]);
        assert_eq!(consumers(model, &model.messages["Leaked"]), ["dispatcher", "reporting"]);
        assert!(is_cross_domain_consumer(model, &model.messages["Leaked"], "reporting"));
        assert!(!is_cross_domain_consumer(model, &model.messages["Leaked"], "dispatcher"));
        assert_eq!(key_field(model, &model.messages["Internal"]), Some("shipmentId"));
    }
}
