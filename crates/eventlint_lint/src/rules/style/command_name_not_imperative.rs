//! `command-name-not-imperative`: a command named like a fact or a thing, not like an instruction.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::Shape;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "command-name-not-imperative",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "command named as a fact or a noun",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values() {
        if message.kind.value != MessageKind::Command {
            continue;
        }
        let shape = cx.shape(message);
        let reads_as = match shape.shape {
            Shape::Imperative | Shape::BaseVerb => continue,
            Shape::Past => "a done deal",
            Shape::Progressive => "an activity",
            Shape::NounPhrase => "a thing",
            Shape::StateAdjective => "a state",
        };
        let text = format!("command `{}` reads as {reads_as}, not as an instruction", message.decl.name);
        out.push(
            cx.message_finding(&RULE, message, text, "named like a fact")
                .with_note(format!("evidence: shape `{}`", shape.shape.as_str()))
                .with_help("name it as an instruction, e.g. `BookCarrier`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1() {
        check(
            "command-name-not-imperative",
            "CarrierBooked: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 warning[command-name-not-imperative] command `CarrierBooked` reads as a done deal, not as an instruction
            = evidence: shape `past`
            "#,
        );
    }

    #[test]
    fn flag_2() {
        check(
            "command-name-not-imperative",
            "CarrierBooking: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 warning[command-name-not-imperative] command `CarrierBooking` reads as an activity, not as an instruction
            = evidence: shape `progressive`
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "command-name-not-imperative",
            "BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4_object_action_style() {
        check(
            "command-name-not-imperative",
            "shipment-reroute: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn events_are_not_judged() {
        check("command-name-not-imperative", "CarrierBooking: {consumers: [crm], fields: {shipmentId: string}}", "");
    }
}
