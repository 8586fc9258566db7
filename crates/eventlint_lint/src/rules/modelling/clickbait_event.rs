//! `clickbait-event`: an event that carries only identifiers and timestamps, so consumers must call back.

use eventlint_avro::Field;
use eventlint_catalog::{Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts::{self, FieldRole};
use crate::rule::declare_rule;
use crate::rules::{Score, code_list};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    threshold: u32,
    vague_verbs: Vec<String>,
    vague_nouns: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
        Options {
            threshold: 3,
            vague_verbs: words(&["change", "update", "modify", "touch", "refresh", "sync"]),
            vague_nouns: words(&["status", "state", "information", "info", "data", "details"]),
        }
    }
}

declare_rule! {
    name: "clickbait-event",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "event with only ids/timestamps; consumers must call back",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// Verbs of an event after which the subject is gone: a tombstone has nothing left to fetch, so an id and a time
/// are its whole story (a refinement of the catalogue's heuristic, see the rule page).
const TOMBSTONE_VERBS: &[&str] = &["delete", "remove", "purge", "erase", "destroy", "terminate", "expire", "revoke"];

/// Last tokens of a link field.
const LINK_TOKENS: &[&str] = &["url", "uri", "href", "link"];
/// Text that shows a link names one version of the resource (a forgettable payload, not a callback).
const VERSION_MARKERS: &[&str] = &["{version}", "/versions/", "?v=", "&v="];

/// A link field: versioned links are business facts, unversioned ones are callbacks like an id.
fn link_role(field: &Field) -> Option<bool> {
    let last = facts::last_token(&field.name.value)?;
    if !LINK_TOKENS.contains(&last.as_str()) {
        return None;
    }
    let doc = field.doc.as_ref().map_or("", |doc| doc.value.as_str());
    let default = field.default.as_ref().and_then(|d| d.as_str()).unwrap_or("");
    Some(VERSION_MARKERS.iter().any(|marker| doc.contains(marker) || default.contains(marker)))
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if message.kind.value != MessageKind::Event {
            continue;
        }
        if let Some(diagnostic) = check(cx, &options, message) {
            out.push(diagnostic);
        }
    }
}

fn check(cx: &Context, options: &Options, message: &Message) -> Option<Diagnostic> {
    let fields = facts::fields(cx, message);
    let roles: Vec<(&Field, FieldRole)> = fields.iter().map(|f| (f, facts::field_role(cx, message, f))).collect();
    let business = roles.iter().any(|(field, role)| match link_role(field) {
        Some(versioned) => versioned,
        None => role.is_business(),
    });
    let id_like = roles.iter().any(|(_, role)| role.id_like);
    if business || !id_like {
        return None;
    }
    let shape = cx.shape(message);
    if shape.lemma.as_deref().is_some_and(|lemma| TOMBSTONE_VERBS.contains(&lemma)) {
        return None;
    }
    let mut score = Score::default();
    score.add("only identifiers and timestamps", 2);
    if let Some(lemma) = shape.lemma.as_deref().filter(|lemma| options.vague_verbs.iter().any(|v| v == lemma)) {
        score.add(format!("vague verb `{lemma}`"), 1);
    }
    if let Some(noun) = shape.subject_tokens().iter().find(|t| options.vague_nouns.contains(&t.text)) {
        score.add(format!("vague noun `{}`", noun.text), 1);
    }
    if facts::is_public(cx.model, message) {
        score.add("public", 1);
    }
    if score.total() < options.threshold {
        return None;
    }
    let carried: Vec<&str> =
        roles.iter().filter(|(_, role)| !role.metadata).map(|(field, _)| field.name.value.as_str()).collect();
    let text = format!(
        "`{}` carries only {}: consumers must call back to learn what happened",
        message.decl.name,
        code_list(carried)
    );
    let mut diagnostic = cx.message_finding(&RULE, message, text, "announces a change without its facts");
    for (field, role) in &roles {
        let label = match (role.metadata, role.time_like) {
            (true, _) => "metadata only",
            (false, true) => "timestamp only",
            (false, false) => "identifier only",
        };
        diagnostic = diagnostic.with_label(field.name.span, label);
    }
    Some(
        diagnostic.with_note(score.evidence(options.threshold)).with_help(
            "add the facts consumers need (what changed, the new values, why), or declare `kind: notification` if consumers are meant to fetch",
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1_2_vague_verb_vague_noun_public_5() {
        check(
            "clickbait-event",
            "ShipmentStatusChanged: {consumers: [billing, crm], fields: {shipmentId: string, updatedAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[clickbait-event] `ShipmentStatusChanged` carries only `shipmentId`, `updatedAt`: consumers must call back to learn what happened
            = evidence: only identifiers and timestamps (+2) · vague verb `change` (+1) · vague noun `status` (+1) · public (+1) = 5 ≥ 3
            "#,
        );
    }

    #[test]
    fn flag_2_status_sourcing_on_a_public_topic_2_1_3() {
        check(
            "clickbait-event",
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 warning[clickbait-event] `ShipmentDelayed` carries only `shipmentId`: consumers must call back to learn what happened
            = evidence: only identifiers and timestamps (+2) · public (+1) = 3 ≥ 3
            "#,
        );
    }

    #[test]
    fn quiet_3_the_facts_travel_with_the_event() {
        check(
            "clickbait-event",
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string, reason: string, newEta: timestamp-millis, carrier: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4_a_declared_notification_with_a_versioned_link() {
        check(
            "clickbait-event",
            r#"ShipmentStatusChanged: {kind: notification, consumers: [crm], fields: {shipmentId: string, detailsUrl: {type: string, doc: "GET /shipments/{id}/versions/{version}"}}}"#,
            "",
        );
    }

    #[test]
    fn quiet_for_an_internal_marker_below_the_threshold() {
        check(
            "clickbait-event",
            "ParcelCheckedOut: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, checkedOutAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn quiet_for_a_declared_notification() {
        check(
            "clickbait-event",
            "ShipmentStatusChanged: {kind: notification, consumers: [crm], fields: {shipmentId: string, updatedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn an_unversioned_link_is_a_callback() {
        check(
            "clickbait-event",
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string, detailsUrl: string}}",
            r#"
            catalog.yaml:18:3 warning[clickbait-event] `ShipmentDelayed` carries only `shipmentId`, `detailsUrl`: consumers must call back to learn what happened
            = evidence: only identifiers and timestamps (+2) · public (+1) = 3 ≥ 3
            "#,
        );
    }

    #[test]
    fn metadata_fields_are_not_facts() {
        check(
            "clickbait-event",
            "ShipmentTouched: {consumers: [crm], fields: {eventId: uuid, shipmentId: string, correlationId: string}}",
            r#"
            catalog.yaml:18:3 warning[clickbait-event] `ShipmentTouched` carries only `shipmentId`: consumers must call back to learn what happened
            = evidence: only identifiers and timestamps (+2) · vague verb `touch` (+1) · public (+1) = 4 ≥ 3
            "#,
        );
    }

    #[test]
    fn a_tombstone_has_nothing_left_to_fetch() {
        check(
            "clickbait-event",
            "CarrierDeleted: {key: carrierId, consumers: [crm], fields: {carrierId: string, deletedAt: timestamp-millis}}",
            "",
        );
    }
}
