//! `command-disguised-as-event`: a message named as an instruction but declared as an event.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::Shape;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::code_list;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Exact message names to skip.
    allow: Vec<String>,
}

declare_rule! {
    name: "command-disguised-as-event",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "imperative-named message declared as an event",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if message.kind.value != MessageKind::Event || options.allow.contains(&message.decl.name) {
            continue;
        }
        let shape = cx.shape(message);
        let Some(verb) = shape.cue_token().filter(|_| shape.shape == Shape::Imperative) else { continue };
        let consumers = facts::consumers(cx.model, message);
        let count = match consumers.len() {
            1 => "1 consumer".to_owned(),
            n => format!("{n} consumers"),
        };
        let written = &message.decl.name[verb.span.clone()];
        let evidence = if consumers.is_empty() {
            format!("evidence: imperative verb `{written}` · no consumer")
        } else {
            format!("evidence: imperative verb `{written}` · {count}: {}", code_list(consumers.iter().copied()))
        };
        let kind = if message.kind.is_explicit() { "declared" } else { "defaulted to" };
        let text = format!("`{}` is named as an instruction but {kind} `kind: event`", message.decl.name);
        let diagnostic = cx
            .message_finding(&RULE, message, text, "")
            .with_primary(cx.token_span(message, &verb.span), "an instruction")
            .with_note(evidence)
            .with_help(
                "declare `kind: command` and send it to its handler's command topic, or rename it to the fact it reports in the past tense",
            );
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, check_with};

    #[test]
    fn flag_1() {
        check(
            "command-disguised-as-event",
            "SendDeliveryNotice: {consumers: [crm], fields: {shipmentId: string, noticeText: string}}",
            r#"
            catalog.yaml:18:3 warning[command-disguised-as-event] `SendDeliveryNotice` is named as an instruction but defaulted to `kind: event`
            = evidence: imperative verb `Send` · 1 consumer: `crm`
            "#,
        );
    }

    #[test]
    fn flag_2_explicit_kind_on_a_command_topic() {
        check(
            "command-disguised-as-event",
            "BookCarrier: {kind: event, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string, carrier: string}}",
            r#"
            catalog.yaml:18:3 warning[command-disguised-as-event] `BookCarrier` is named as an instruction but declared `kind: event`
            = evidence: imperative verb `Book` · 1 consumer: `dispatcher`
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "command-disguised-as-event",
            "BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string, carrier: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4() {
        check(
            "command-disguised-as-event",
            "CarrierBooked: {consumers: [crm, billing], fields: {shipmentId: string, carrier: string, bookedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn allow_skips_a_name() {
        let messages = "SendDeliveryNotice: {consumers: [crm], fields: {shipmentId: string, noticeText: string}}";
        check_with(
            "command-disguised-as-event",
            "[lint.rules.command-disguised-as-event]\nallow = [\"SendDeliveryNotice\"]\n",
            messages,
            "",
        );
    }

    #[test]
    fn the_telemetry_profile_accepts_user_actions() {
        let messages =
            "add_to_cart: {key: sessionId, consumers: [reporting], fields: {sessionId: string, sku: string}}";
        check_with("command-disguised-as-event", "[lint]\nprofile = \"telemetry\"\n", messages, "");
    }
}
