//! `message-name-mismatch`: a message whose name differs from the simple name of its value record.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "message-name-mismatch",
    category: Style,
    severity: Info,
    recommended: true,
    summary: "message name differs from its record name",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values() {
        let Some(&node) = cx.message_schemas.get(&message.decl.name) else { continue };
        let Some(named) = cx.schemas.node(node).named() else { continue };
        if named.simple_name() == message.decl.name {
            continue;
        }
        let text = format!("message `{}` differs from its record name `{}`", message.decl.name, named.simple_name());
        out.push(
            cx.message_finding(&RULE, message, text, "message name")
                .with_label(named.name.span, "record name")
                .with_help(format!(
                    "rename the record to `{}` (keep the old name in `aliases`), or the message",
                    message.decl.name
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1() {
        check(
            "message-name-mismatch",
            "ShipmentDispatched: {record: {name: Dispatched}, consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 info[message-name-mismatch] message `ShipmentDispatched` differs from its record name `Dispatched`
            "#,
        );
    }

    #[test]
    fn flag_2_kebab_case_message_name() {
        check(
            "message-name-mismatch",
            "shipment-dispatched: {record: {name: ShipmentDispatched}, consumers: [crm], fields: {shipmentId: string}}",
            r#"
            catalog.yaml:18:3 info[message-name-mismatch] message `shipment-dispatched` differs from its record name `ShipmentDispatched`
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "message-name-mismatch",
            "ShipmentDispatched: {record: {name: com.acme.shipping.ShipmentDispatched}, consumers: [crm], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4_shorthand_the_record_is_named_after_the_message() {
        check("message-name-mismatch", "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}", "");
    }
}
