//! `event-name-not-past-tense`: an event named as a noun, progressive, base verb or state, not a past fact.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::Shape;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::rule::declare_rule;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Exact message names to skip.
    allow: Vec<String>,
}

declare_rule! {
    name: "event-name-not-past-tense",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "event named as noun, progressive, base verb or state",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if !matches!(message.kind.value, MessageKind::Event | MessageKind::Notification)
            || options.allow.contains(&message.decl.name)
        {
            continue;
        }
        let shape = cx.shape(message);
        let reads_as = match shape.shape {
            Shape::Past | Shape::Imperative => continue,
            Shape::NounPhrase => "a noun phrase",
            Shape::Progressive => "a progressive",
            Shape::BaseVerb => "a base verb",
            Shape::StateAdjective => "a state",
        };
        let text = format!("event `{}` is named as {reads_as}, not as a past-tense fact", message.decl.name);
        let mut diagnostic = cx.message_finding(&RULE, message, text, reads_as);
        let evidence = match shape.cue_token() {
            Some(cue) => {
                diagnostic = diagnostic.with_primary(cx.token_span(message, &cue.span), reads_as);
                format!("evidence: shape `{}`, cue `{}`", shape.shape.as_str(), &message.decl.name[cue.span.clone()])
            }
            None => format!("evidence: shape `{}`, no verb", shape.shape.as_str()),
        };
        out.push(diagnostic.with_note(evidence).with_help("name the fact in the past tense, e.g. `ShipmentScanned`"));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1_progressive() {
        check(
            "event-name-not-past-tense",
            "ShipmentProcessing: {consumers: [crm], fields: {shipmentId: string, startedAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:11 warning[event-name-not-past-tense] event `ShipmentProcessing` is named as a progressive, not as a past-tense fact
            = evidence: shape `progressive`, cue `Processing`
            "#,
        );
    }

    #[test]
    fn flag_2_noun_phrase() {
        check(
            "event-name-not-past-tense",
            "ShipmentScan: {consumers: [crm], fields: {shipmentId: string, scannedAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[event-name-not-past-tense] event `ShipmentScan` is named as a noun phrase, not as a past-tense fact
            = evidence: shape `noun-phrase`, no verb
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "event-name-not-past-tense",
            "ShipmentScanned: {consumers: [crm], fields: {shipmentId: string, scannedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn quiet_4_an_irregular_participle_followed_by_a_particle() {
        check(
            "event-name-not-past-tense",
            "ParcelHeldAtCustoms: {consumers: [crm], fields: {shipmentId: string, heldSince: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn measurements_are_exempt() {
        check(
            "event-name-not-past-tense",
            "ShipmentTemperature: {category: measurement, consumers: [crm], fields: {shipmentId: string, celsius: double}}",
            "",
        );
    }

    #[test]
    fn imperatives_belong_to_command_disguised_as_event() {
        check("event-name-not-past-tense", "SendDeliveryNotice: {consumers: [crm], fields: {shipmentId: string}}", "");
    }

    #[test]
    fn a_state_word_is_not_a_fact() {
        check(
            "event-name-not-past-tense",
            "InventoryLow: {consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:12 warning[event-name-not-past-tense] event `InventoryLow` is named as a state, not as a past-tense fact
            = evidence: shape `state-adjective`, cue `Low`
            "#,
        );
    }

    #[test]
    fn naming_overlays_teach_the_classifier() {
        let messages = "ShipmentYeeted: {consumers: [crm], fields: {shipmentId: string}}";
        check_with("event-name-not-past-tense", "[naming]\nextra-verbs = [\"yeet\"]\n", messages, "");
    }
}
