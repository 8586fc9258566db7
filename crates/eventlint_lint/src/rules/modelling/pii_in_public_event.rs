//! `pii-in-public-event`: untagged personal data in a public event.

use eventlint_avro::{NodeId, NodeKind};
use eventlint_catalog::Message;
use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::words;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Word sequences (space-separated) that name personal data.
    pii_patterns: Vec<String>,
    tag_attribute: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pii_patterns: words(&[
                "email",
                "phone",
                "mobile",
                "msisdn",
                "ssn",
                "social security",
                "national id",
                "tax id",
                "passport",
                "iban",
                "card number",
                "pan",
                "birth date",
                "date of birth",
                "dob",
                "address",
                "street",
                "postcode",
                "zip",
                "first name",
                "last name",
                "full name",
                "surname",
                "ip address",
            ]),
            tag_attribute: "classification".to_owned(),
        }
    }
}

declare_rule! {
    name: "pii-in-public-event",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "untagged personal data in a public event",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// How deep nested records are searched.
const MAX_DEPTH: usize = 4;
/// Last tokens of a reference: a reference to personal data is the recommended fix, not a leak.
const REFERENCE_TOKENS: &[&str] = &["id", "ref", "reference", "uuid", "key"];

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let patterns: Vec<Vec<&str>> = options.pii_patterns.iter().map(|p| p.split_whitespace().collect()).collect();
    for message in cx.model.messages.values() {
        if facts::is_public(cx.model, message)
            && let Some((root, _)) = facts::record(cx, message)
        {
            check(cx, &options, &patterns, message, root, out);
        }
    }
}

/// The pattern a field name matches, as written in the options.
fn matching_pattern<'p>(patterns: &'p [Vec<&'p str>], name: &str) -> Option<&'p [&'p str]> {
    let tokens = facts::tokens(name);
    if tokens.last().is_some_and(|last| REFERENCE_TOKENS.contains(&last.as_str())) {
        return None;
    }
    patterns.iter().map(Vec::as_slice).find(|pattern| {
        !pattern.is_empty()
            && tokens.windows(pattern.len()).any(|window| window.iter().zip(*pattern).all(|(t, p)| t == p))
    })
}

/// Walks the value record and its nested records (explicit stack, bounded depth, each record once).
fn check(
    cx: &Context,
    options: &Options,
    patterns: &[Vec<&str>],
    message: &Message,
    root: NodeId,
    out: &mut Vec<Diagnostic>,
) {
    let mut stack = vec![(root, 0usize)];
    let mut seen = vec![root];
    while let Some((record_id, depth)) = stack.pop() {
        let Some(record) = cx.schemas.node(record_id).as_record() else { continue };
        for (index, field) in record.fields.iter().enumerate() {
            if field.attributes.iter().any(|a| a.key == options.tag_attribute) {
                continue;
            }
            if let Some(pattern) = matching_pattern(patterns, &field.name.value) {
                let text = format!(
                    "public event `{}` carries untagged personal data `{}` ({})",
                    message.decl.name,
                    field.name.value,
                    pattern.join(" ")
                );
                out.push(
                    cx.message_finding(&RULE, message, text, "")
                        .with_primary(field.name.span, "personal data")
                        .with_label(message.decl.name_span, "public event")
                        .with_path(cx.schemas.field_path(record_id, index))
                        .with_help(format!(
                            "replace the value with a reference or a forgettable-payload link, or tag the field `\"{}\": \"pii\"` so erasure tooling can find it",
                            options.tag_attribute
                        )),
                );
                continue;
            }
            if depth + 1 >= MAX_DEPTH {
                continue;
            }
            // Descend through arrays and maps to a nested record (named types are shared nodes).
            let mut node = facts::value_type(cx, field).0;
            while let NodeKind::Array { items: inner } | NodeKind::Map { values: inner } = &node.kind {
                node = cx.schemas.node(inner.node);
            }
            if let (Some(_), Some(id)) = (node.as_record(), node.full_name().and_then(|name| cx.schemas.named(name)))
                && !seen.contains(&id)
            {
                seen.push(id);
                stack.push((id, depth + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1() {
        check(
            "pii-in-public-event",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, deliveredAt: timestamp-millis, recipientEmail: string, recipientPhone: string}}",
            r#"
            schemas/ShipmentDelivered.avsc:1:251 warning[pii-in-public-event] public event `ShipmentDelivered` carries untagged personal data `recipientEmail` (email)
            schemas/ShipmentDelivered.avsc:1:306 warning[pii-in-public-event] public event `ShipmentDelivered` carries untagged personal data `recipientPhone` (phone)
            "#,
        );
    }

    #[test]
    fn flag_2_internal_topic_but_consumed_across_domains_so_public() {
        check(
            "pii-in-public-event",
            "ShipmentRegistered: {topic: shipping.internal, consumers: [reporting], fields: {shipmentId: string, recipientAddress: Address}}",
            r#"
            schemas/ShipmentRegistered.avsc:1:160 warning[pii-in-public-event] public event `ShipmentRegistered` carries untagged personal data `recipientAddress` (address)
            "#,
        );
    }

    #[test]
    fn quiet_3_tagged_deliberately() {
        check(
            "pii-in-public-event",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, deliveredAt: timestamp-millis, recipientEmail: {type: string, classification: pii}}}",
            "",
        );
    }

    #[test]
    fn quiet_4_stays_inside_the_domain() {
        check(
            "pii-in-public-event",
            "ShipmentRegistered: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, recipientAddress: Address}}",
            "",
        );
    }

    #[test]
    fn references_are_the_fix_not_a_leak() {
        check(
            "pii-in-public-event",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, recipientAddressId: string, recipientEmailRef: string}}",
            "",
        );
    }

    #[test]
    fn nested_records_are_searched() {
        check(
            "pii-in-public-event",
            "ShipmentDelivered: {consumers: [crm], fields: {shipmentId: string, recipient: {type: record, name: Recipient, fields: [{name: contactEmail, type: string}]}}}",
            r#"
            schemas/ShipmentDelivered.avsc:1:232 warning[pii-in-public-event] public event `ShipmentDelivered` carries untagged personal data `contactEmail` (email)
            "#,
        );
    }
}
