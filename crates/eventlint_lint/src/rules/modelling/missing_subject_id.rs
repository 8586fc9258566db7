//! `missing-subject-id`: an event that does not say which entity it is about.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::words;
use crate::settings::normalise;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    id_suffixes: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { id_suffixes: words(vocab::ID_SUFFIXES) }
    }
}

declare_rule! {
    name: "missing-subject-id",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "event that does not say which entity it is about",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let envelope_has_subject = cx.settings.envelope_provides.iter().any(|fact| fact == "subject-id");
    for message in cx.model.messages.values() {
        if !matches!(message.kind.value, MessageKind::Event | MessageKind::Notification) {
            continue;
        }
        let shape = cx.shape(message);
        // An instruction names its subject after the verb (`SendPaymentReceipt`); other shapes before the cue.
        let subject_tokens = match shape.shape {
            Shape::Imperative => shape.tokens_after_cue(),
            _ => shape.subject_tokens(),
        };
        let subject: Vec<&str> = subject_tokens.iter().map(|t| t.text.as_str()).collect();
        let fields = facts::fields(cx, message);
        let mut triggers = Vec::new();
        let key = facts::key_field(cx.model, message);
        let keyed = key.is_some_and(|key| fields.iter().any(|f| f.name.value == key));
        let subject_id = fields.iter().any(|f| {
            let name = normalise(&f.name.value);
            subject.iter().any(|token| options.id_suffixes.iter().any(|suffix| name == format!("{token}{suffix}")))
        });
        if facts::record(cx, message).is_some() && !keyed && !subject_id && !envelope_has_subject {
            triggers.push("no subject id in the payload");
        }
        if shape.cue.is_some() && subject.is_empty() {
            triggers.push("no subject in the name");
        }
        let bare_id = fields.iter().find(|f| f.name.value == "id").filter(|_| subject.len() >= 2);
        if bare_id.is_some() {
            triggers.push("a bare `id` could mean several entities");
        }
        if triggers.is_empty() {
            continue;
        }
        let text = format!("`{}` does not say which entity it is about: {}", message.decl.name, triggers.join("; "));
        let mut diagnostic = cx.message_finding(&RULE, message, text, "which entity?");
        if let Some(field) = bare_id {
            diagnostic = diagnostic.with_primary(field.name.span, format!("`id` of `{}`?", subject.join("` or `")));
        }
        out.push(diagnostic.with_help(
            "add the subject's identifier (e.g. `shipmentId`) to the payload and name the subject in the event type",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1_a_b() {
        check(
            "missing-subject-id",
            "Confirmed: {topic: shipping.internal, consumers: [dispatcher], fields: {confirmedAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[missing-subject-id] `Confirmed` does not say which entity it is about: no subject id in the payload; no subject in the name
            "#,
        );
    }

    #[test]
    fn flag_2_c_a_bare_id_with_two_candidate_entities() {
        check(
            "missing-subject-id",
            "ShipmentParcelRemoved: {topic: shipping.internal, key: id, consumers: [dispatcher], fields: {id: string, parcel: Parcel}}",
            r#"
            schemas/ShipmentParcelRemoved.avsc:1:112 warning[missing-subject-id] `ShipmentParcelRemoved` does not say which entity it is about: a bare `id` could mean several entities
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "missing-subject-id",
            "ShipmentConfirmed: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, confirmedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn quiet_4_subject_named_and_keyed() {
        check(
            "missing-subject-id",
            "ParcelScanned: {key: parcelId, consumers: [crm], fields: {parcelId: string, scannerId: string, scannedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn an_instruction_names_its_subject_after_the_verb() {
        check(
            "missing-subject-id",
            "SendPaymentReceipt: {consumers: [crm], fields: {shipmentId: string, receiptText: string}}",
            "",
        );
    }

    #[test]
    fn commands_are_exempt() {
        check(
            "missing-subject-id",
            "Confirm: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {confirmedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn an_envelope_that_carries_the_subject_satisfies_trigger_a() {
        let messages =
            "Confirmed: {topic: shipping.internal, consumers: [dispatcher], fields: {confirmedAt: timestamp-millis}}";
        check_with(
            "missing-subject-id",
            "[envelope]\nprovides = [\"subject-id\"]\n",
            messages,
            "catalog.yaml:18:3 warning[missing-subject-id] `Confirmed` does not say which entity it is about: no subject in the name",
        );
    }
}
