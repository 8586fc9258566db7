//! `crud-sourcing`: row-change notifications (`XCreated/Updated/Deleted`, CDC envelopes) posing as domain events.

use std::collections::HashMap;

use eventlint_avro::Field;
use eventlint_catalog::{Category, Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::{Score, is_snake_case, words};
use crate::settings::normalise;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    threshold: u32,
    crud_verbs: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { threshold: 4, crud_verbs: words(vocab::CRUD_VERBS) }
    }
}

declare_rule! {
    name: "crud-sourcing",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "row-change events (`XCreated/Updated/Deleted`, CDC shape) posing as domain events",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// Normalised names of persistence columns, with the CRUD lemma each one restates.
const PERSISTENCE_COLUMNS: &[(&str, &str)] =
    &[("createdat", "create"), ("updatedat", "update"), ("deletedat", "delete"), ("rowversion", "")];

/// A persistence column other than the event's own time: `createdAt` on `XCreated` is when the fact happened
/// (a refinement of the catalogue's heuristic, see the rule page); `_version` is matched as written.
fn is_persistence_column(field: &Field, lemma: &str) -> bool {
    let name = normalise(&field.name.value);
    field.name.value == "_version"
        || PERSISTENCE_COLUMNS.iter().any(|(column, restates)| name == *column && *restates != lemma)
}

/// The subject tokens and CRUD lemma of a gated event.
struct Gate {
    subject: Vec<String>,
    lemma: String,
}

fn gate(cx: &Context, options: &Options, message: &Message) -> Option<Gate> {
    let measurement = message.category.as_ref().is_some_and(|c| c.value == Category::Measurement);
    if message.kind.value != MessageKind::Event || measurement {
        return None;
    }
    let shape = cx.shape(message);
    let lemma = shape.lemma.clone()?;
    let subject: Vec<String> = shape.subject_tokens().iter().map(|t| t.text.clone()).collect();
    let gated = shape.shape == Shape::Past
        && options.crud_verbs.contains(&lemma)
        && (1..=2).contains(&subject.len())
        && !subject.iter().any(|token| vocab::is_state_noun(token))
        && shape.tokens_after_cue().is_empty();
    gated.then_some(Gate { subject, lemma })
}

/// The fields that make up a CDC envelope (`before`+`after`, or `op`+`source`).
fn envelope_fields(fields: &[Field]) -> Vec<&Field> {
    let named = |name: &str| fields.iter().find(|field| field.name.value == name);
    for pair in [["before", "after"], ["op", "source"]] {
        if let [Some(a), Some(b)] = pair.map(named) {
            return vec![a, b];
        }
    }
    Vec::new()
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let gated: Vec<(&Message, Gate)> =
        cx.model.messages.values().filter_map(|m| gate(cx, &options, m).map(|gate| (m, gate))).collect();
    let mut families: HashMap<&[String], Vec<(&str, &str)>> = HashMap::new();
    for (message, gate) in &gated {
        families.entry(gate.subject.as_slice()).or_default().push((message.decl.name.as_str(), gate.lemma.as_str()));
    }
    for (message, gate) in &gated {
        let mut score = Score::default();
        score.add(format!("CRUD verb `{}`", gate.lemma), 2);
        if vocab::is_hiding_verb(&gate.lemma) {
            score.add(format!("`{}` hides what happened", gate.lemma), 1);
        }
        let family = families.get(gate.subject.as_slice()).map_or(&[][..], Vec::as_slice);
        if let Some((sibling, _)) = family.iter().find(|(_, lemma)| *lemma != gate.lemma) {
            score.add(format!("CRUD family with `{sibling}`"), 1);
        }
        let fields = facts::fields(cx, message);
        let mut labelled: Vec<(&Field, &str)> = Vec::new();
        let envelope = envelope_fields(fields);
        let envelope_record = facts::record(cx, message).is_some_and(|(_, r)| r.named.simple_name() == "Envelope");
        if !envelope.is_empty() || envelope_record {
            score.add("CDC envelope", 2);
            labelled.extend(envelope.iter().map(|field| (*field, "CDC envelope")));
        }
        let columns: Vec<&Field> = fields.iter().filter(|f| is_persistence_column(f, &gate.lemma)).collect();
        let snake = fields.iter().filter(|f| is_snake_case(&f.name.value)).count();
        if !columns.is_empty() {
            score.add(format!("persistence column `{}`", columns[0].name.value), 1);
            labelled.extend(columns.iter().map(|field| (*field, "persistence column")));
        } else if fields.len() >= 5 && snake * 5 >= fields.len() * 4 {
            score.add(format!("{snake} of {} fields in snake_case", fields.len()), 1);
        }
        if facts::is_public(cx.model, message) {
            score.add("public", 1);
        }
        if score.total() < options.threshold {
            continue;
        }
        let text = format!("`{}` reports a row change, not what happened in the business", message.decl.name);
        let mut diagnostic = cx.message_finding(&RULE, message, text, "a CRUD event");
        for (field, label) in labelled {
            diagnostic = diagnostic.with_label(field.name.span, label);
        }
        out.push(diagnostic.with_note(score.evidence(options.threshold)).with_help(
            "publish the business fact (what happened and why), or declare `category: data-change` if this is an entity replication feed",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1_2_hiding_verb_table_columns_public_5() {
        check(
            "crud-sourcing",
            "ShipmentUpdated: {consumers: [billing, crm], fields: {shipment_id: string, status: string, carrier: string, weight_kg: double, created_at: timestamp-millis, updated_at: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[crud-sourcing] `ShipmentUpdated` reports a row change, not what happened in the business
            = evidence: CRUD verb `update` (+2) · `update` hides what happened (+1) · persistence column `created_at` (+1) · public (+1) = 5 ≥ 4
            "#,
        );
    }

    #[test]
    fn flag_2_cdc_envelope_on_an_internal_topic_2_1_2_5() {
        check(
            "crud-sourcing",
            "ShipmentChanged: {topic: shipping.internal, consumers: [dispatcher], fields: {before: [null, Shipment], after: [null, Shipment], op: string, source: Source}}",
            r#"
            catalog.yaml:18:3 warning[crud-sourcing] `ShipmentChanged` reports a row change, not what happened in the business
            = evidence: CRUD verb `change` (+2) · `change` hides what happened (+1) · CDC envelope (+2) = 5 ≥ 4
            "#,
        );
    }

    #[test]
    fn quiet_3_the_same_feed_declared_as_replication() {
        check(
            "crud-sourcing",
            "ShipmentChanged: {category: data-change, topic: shipping.internal, consumers: [reporting], fields: {before: [null, Shipment], after: [null, Shipment], op: string, source: Source}}",
            "",
        );
    }

    #[test]
    fn quiet_4_a_lone_internal_creation_event_2_4() {
        check(
            "crud-sourcing",
            "ShipmentCreated: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, origin: Address, destination: Address}}",
            "",
        );
    }

    #[test]
    fn a_creation_time_on_a_creation_event_is_not_a_column() {
        check(
            "crud-sourcing",
            "ShipmentCreated: {consumers: [crm], fields: {shipmentId: string, origin: string, createdAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn a_crud_family_adds_evidence() {
        check(
            "crud-sourcing",
            "ShipmentCreated: {consumers: [crm], fields: {shipmentId: string, origin: string}}
ShipmentDeleted: {consumers: [crm], fields: {shipmentId: string, reason: string}}",
            r#"
            catalog.yaml:18:3 warning[crud-sourcing] `ShipmentCreated` reports a row change, not what happened in the business
            = evidence: CRUD verb `create` (+2) · CRUD family with `ShipmentDeleted` (+1) · public (+1) = 4 ≥ 4
            catalog.yaml:19:3 warning[crud-sourcing] `ShipmentDeleted` reports a row change, not what happened in the business
            = evidence: CRUD verb `delete` (+2) · CRUD family with `ShipmentCreated` (+1) · public (+1) = 4 ≥ 4
            "#,
        );
    }

    #[test]
    fn documents_are_exempt() {
        check(
            "crud-sourcing",
            "ShipmentUpdated: {kind: document, consumers: [billing, crm], fields: {shipment_id: string, status: string, carrier: string, weight_kg: double, created_at: timestamp-millis, updated_at: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn state_nouns_belong_to_state_obsession() {
        check(
            "crud-sourcing",
            "ShipmentStatusUpdated: {consumers: [crm], fields: {shipmentId: string, status: ShipmentStatus, created_at: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn measurements_sample_state_by_design() {
        check(
            "crud-sourcing",
            "DepotOccupancyUpdated: {category: measurement, key: depotId, consumers: [reporting], fields: {depotId: string, occupancyPercent: int, sampledAt: timestamp-millis}}",
            "",
        );
    }
}
