//! `key-not-in-schema`: a message's key path, or a constraint's key, names no field of the message's value schema.

use eventlint_catalog::Message;
use eventlint_diagnostics::{Diagnostic, Span, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{KeyPath, resolve_key};

declare_rule! {
    name: "key-not-in-schema",
    category: Ordering,
    severity: Error,
    recommended: true,
    summary: "message key path absent from the payload",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The segment of `path` that does not resolve in the message's value schema, if one does not.
fn missing_segment<'p>(cx: &Context, message: &Message, path: &'p str) -> Option<&'p str> {
    match resolve_key(cx, message, path) {
        KeyPath::Missing { segment } => path.split('.').nth(segment),
        KeyPath::Resolved { .. } | KeyPath::Unknown => None,
    }
}

fn help(path: &str, missing: &str) -> String {
    format!("add `{missing}` to the schema, or correct the key path `{path}`")
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for message in model.messages.values() {
        let Some(key) = model.effective_key(message) else { continue };
        let keyed_by_schema = message
            .topic
            .as_ref()
            .and_then(|t| model.topics.get(&t.name))
            .is_some_and(|topic| message.key.is_none() && topic.key_schema.is_some());
        if keyed_by_schema {
            continue;
        }
        let Some(missing) = missing_segment(cx, message, &key.value) else { continue };
        let name = &message.decl.name;
        let own = message.key.is_some();
        let text = if own {
            format!("key `{}` of `{name}` is not a field of its schema", key.value)
        } else {
            format!("`{name}` inherits key `{}` from its topic, but its schema has no `{missing}`", key.value)
        };
        let mut diagnostic = cx
            .message_finding(&RULE, message, text, "")
            .with_primary(key.span, format!("`{missing}` is not in the payload"))
            .with_path(if own { format!("{}/key", message.decl.path) } else { message.decl.path.clone() })
            .with_help(help(&key.value, missing));
        if !own {
            diagnostic = diagnostic.with_label(message.decl.name_span, "inherits the topic's key");
        }
        out.push(diagnostic);
    }
    for constraint in model.constraints.values() {
        let Some(key) = &constraint.key else { continue };
        for name in constraint.messages() {
            let Some(message) = model.messages.get(name) else { continue };
            let Some(missing) = missing_segment(cx, message, &key.value) else { continue };
            out.push(constraint_finding(
                constraint.decl.name.as_str(),
                &constraint.decl.path,
                key.span,
                message,
                &key.value,
                missing,
            ));
        }
    }
}

fn constraint_finding(
    constraint: &str,
    path: &str,
    span: Span,
    message: &Message,
    key: &str,
    missing: &str,
) -> Diagnostic {
    let text = format!("constraint `{constraint}` orders by `{key}`, which is not a field of `{}`", message.decl.name);
    Diagnostic::lint(RULE.name, RULE.severity, text)
        .with_category(RULE.category.as_str())
        .with_primary(span, format!("`{missing}` is not in `{}`", message.decl.name))
        .with_label(message.decl.name_span, "the message")
        .with_path(format!("{path}/key"))
        .with_subject(SubjectType::Constraint, constraint.to_owned())
        .with_help(help(key, missing))
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_on, header_with};

    const RULE: &str = "key-not-in-schema";

    #[test]
    fn flag_inherited_key() {
        check(
            RULE,
            "ShipmentDelayed: {consumers: [crm], fields: {id: string, reason: string}}",
            "catalog.yaml:12:46 error[key-not-in-schema] `ShipmentDelayed` inherits key `shipmentId` from its topic, but its schema has no `shipmentId`",
        );
    }

    #[test]
    fn flag_nested_path() {
        check(
            RULE,
            "ShipmentDelayed: {key: shipment.id, consumers: [crm], fields: {shipment: ShipmentRef, reason: string}}",
            "catalog.yaml:18:27 error[key-not-in-schema] key `shipment.id` of `ShipmentDelayed` is not a field of its schema",
        );
    }

    #[test]
    fn flag_constraint_key() {
        check_on(
            RULE,
            &header_with("", &[], &[]),
            "constraints: {delay-before-delivery: {key: parcelId, precedes: {first: ShipmentDelayed, then: ShipmentDelivered}}}\n",
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string}}
            ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, parcelId: string}}",
            "catalog.yaml:17:44 error[key-not-in-schema] constraint `delay-before-delivery` orders by `parcelId`, which is not a field of `ShipmentDelayed`",
        );
    }

    #[test]
    fn quiet_top_level_key() {
        check(RULE, "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string, reason: string}}", "");
    }

    #[test]
    fn quiet_nested_key_through_an_optional_record() {
        check(
            RULE,
            "ShipmentDelayed: {key: shipment.code, consumers: [crm], fields: {shipment: [null, ShipmentRef], reason: string}}",
            "",
        );
    }

    #[test]
    fn quiet_without_any_key() {
        check_on(
            RULE,
            &header_with("", &[], &["audit.events: {partitions: 3}"]),
            "",
            "LabelPrinted: {topic: audit.events, consumers: [reporting], fields: {labelId: string}}",
            "",
        );
    }
}
