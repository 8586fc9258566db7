//! `generic-event`: a stringly-typed envelope or kitchen-sink event that hides its real contract.

use eventlint_avro::{Field, NodeKind};
use eventlint_catalog::{Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::{Score, words};
use crate::settings::Profile;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct KitchenSink {
    min_fields: usize,
    optional_ratio: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    threshold: u32,
    generic_words: Vec<String>,
    discriminator_tokens: Vec<String>,
    blob_names: Vec<String>,
    kitchen_sink: KitchenSink,
}

impl Default for KitchenSink {
    fn default() -> Self {
        KitchenSink { min_fields: 10, optional_ratio: 0.6 }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: 2,
            generic_words: words(&[
                "entity",
                "record",
                "data",
                "object",
                "item",
                "generic",
                "message",
                "event",
                "notification",
                "change",
                "update",
                "sync",
                "row",
                "business",
                "domain",
                "payload",
            ]),
            discriminator_tokens: words(&["type", "kind", "action", "operation", "subtype"]),
            blob_names: words(&["payload", "data", "body", "content", "attributes", "details", "json"]),
            kitchen_sink: KitchenSink::default(),
        }
    }
}

declare_rule! {
    name: "generic-event",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "stringly-typed envelope or kitchen-sink event",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// The fields of a Debezium change envelope, skipped under the `cdc` profile.
const DEBEZIUM_FIELDS: &[&str] = &["before", "after", "op", "source", "ts_ms"];

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if matches!(message.kind.value, MessageKind::Event | MessageKind::Notification)
            && let Some(diagnostic) = check(cx, &options, message)
        {
            out.push(diagnostic);
        }
    }
}

fn check(cx: &Context, options: &Options, message: &Message) -> Option<Diagnostic> {
    let record = facts::record(cx, message);
    let envelope = &cx.settings.envelope_record;
    if record.is_some_and(|(_, record)| !envelope.is_empty() && record.named.full_name == *envelope) {
        return None;
    }
    let fields = facts::fields(cx, message);
    let debezium = DEBEZIUM_FIELDS.iter().all(|name| fields.iter().any(|f| f.name.value == *name));
    if debezium && facts::profiles(cx, message).contains(&Profile::Cdc) {
        return None;
    }
    let shape = cx.shape(message);
    let mut score = Score::default();
    let generic = |index: usize, text: &str| {
        let word = if shape.cue == Some(index) { shape.lemma.as_deref().unwrap_or(text) } else { text };
        options.generic_words.iter().any(|g| g == word)
    };
    if !shape.tokens.is_empty() && shape.tokens.iter().enumerate().all(|(i, t)| generic(i, &t.text)) {
        score.add("generic name", 2);
    }
    let is_kind = |field: &Field, kinds: fn(&NodeKind) -> bool| kinds(&facts::value_type(cx, field).0.kind);
    let discriminator = fields.iter().find(|f| {
        facts::last_token(&f.name.value).is_some_and(|last| options.discriminator_tokens.contains(&last))
            && is_kind(f, |k| matches!(k, NodeKind::String | NodeKind::Enum(_)))
    });
    let blob = fields.iter().find(|f| {
        options.blob_names.iter().any(|b| b.eq_ignore_ascii_case(&f.name.value))
            && is_kind(f, |k| matches!(k, NodeKind::String | NodeKind::Bytes | NodeKind::Map { .. }))
    });
    let mut labels = Vec::new();
    if let (Some(discriminator), Some(blob)) = (discriminator, blob) {
        score.add(format!("discriminator `{}` with blob `{}`", discriminator.name.value, blob.name.value), 2);
        labels.push((discriminator.name.span, "a type discriminator"));
        labels.push((blob.name.span, "an opaque payload"));
    }
    let optional = fields.iter().filter(|f| facts::is_optional(cx, f)).count();
    let sink = &options.kitchen_sink;
    if fields.len() >= sink.min_fields && optional as f64 > sink.optional_ratio * fields.len() as f64 {
        score.add(format!("{optional} of {} fields optional", fields.len()), 1);
    }
    if score.total() < options.threshold {
        return None;
    }
    let text = format!("`{}` is a catch-all event whose real contract is untyped", message.decl.name);
    let mut diagnostic = cx.message_finding(&RULE, message, text, "a generic event");
    for (span, label) in labels {
        diagnostic = diagnostic.with_label(span, label);
    }
    Some(
        diagnostic
            .with_note(score.evidence(options.threshold))
            .with_help("split it into one event type per meaning, each with a typed schema"),
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1_generic_name_discriminator_blob_4() {
        check(
            "generic-event",
            "EntityUpdated: {topic: shipping.internal, key: entityId, consumers: [reporting], fields: {entityType: string, entityId: string, payload: string}}",
            r#"
            catalog.yaml:18:3 warning[generic-event] `EntityUpdated` is a catch-all event whose real contract is untyped
            = evidence: generic name (+2) · discriminator `entityType` with blob `payload` (+2) = 4 ≥ 2
            "#,
        );
    }

    #[test]
    fn flag_2_specific_name_but_the_contract_hides_in_a_map_2() {
        check(
            "generic-event",
            "ShippingEvent: {consumers: [crm], fields: {shipmentId: string, eventType: string, data: {type: map, values: string}}}",
            r#"
            catalog.yaml:18:3 warning[generic-event] `ShippingEvent` is a catch-all event whose real contract is untyped
            = evidence: discriminator `eventType` with blob `data` (+2) = 2 ≥ 2
            "#,
        );
    }

    #[test]
    fn quiet_3_typed_payload_plus_a_shared_metadata_record() {
        check(
            "generic-event",
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, carrier: string, metadata: EventMetadata}}",
            "",
        );
    }

    #[test]
    fn quiet_4_an_enum_named_for_its_meaning_no_blob() {
        check(
            "generic-event",
            "ParcelScanned: {consumers: [crm], fields: {shipmentId: string, scanKind: ScanKind, scannedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn a_generic_name_alone_reaches_the_threshold() {
        check(
            "generic-event",
            "DataSync: {consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 warning[generic-event] `DataSync` is a catch-all event whose real contract is untyped
            = evidence: generic name (+2) = 2 ≥ 2
            "#,
        );
    }

    #[test]
    fn many_optional_fields_alone_stay_below_the_threshold() {
        check(
            "generic-event",
            "ShipmentAmended: {consumers: [crm], fields: {shipmentId: string, a: [null, string], b: [null, string], c: [null, string], d: [null, string], e: [null, string], f: [null, string], g: [null, string], h: [null, string], i: [null, string]}}",
            "",
        );
    }

    #[test]
    fn the_declared_envelope_record_is_exempt() {
        let messages = "EntityUpdated: {record: {name: com.acme.Envelope}, topic: shipping.internal, key: entityId, consumers: [reporting], fields: {entityType: string, entityId: string, payload: string}}";
        check_with("generic-event", "[envelope]\nrecord = \"com.acme.Envelope\"\n", messages, "");
    }

    #[test]
    fn the_cdc_profile_skips_the_debezium_envelope() {
        let messages = "RowChanged: {key: after.id, consumers: [reporting], fields: {before: [null, Row], after: [null, Row], op: string, source: Source, ts_ms: long}}";
        check_with("generic-event", "[lint]\nprofile = \"cdc\"\n", messages, "");
    }
}
