//! `no-previous-version`: a message has no earlier version, so no compatibility check ran on its schema.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "no-previous-version",
    category: Compat,
    severity: Info,
    recommended: false,
    summary: "nothing to compare a schema with",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (name, message) in &cx.model.messages {
        let in_base = cx.base.is_some_and(|base| base.messages.contains_key(name));
        if !cx.message_schemas.contains_key(name) || !message.history.is_empty() || in_base {
            continue;
        }
        let text = format!("`{name}` has no earlier version, so no compatibility check ran");
        out.push(
            cx.message_finding(&RULE, message, text, "no `history`, and not in the base revision")
                .with_help("add `history` when importing an existing contract; a new message needs nothing"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, check, settings, shorthand};

    #[test]
    fn flag_new_message() {
        check(
            "no-previous-version",
            "ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 info[no-previous-version] `ShipmentDelayed` has no earlier version, so no compatibility check ran",
        );
    }

    #[test]
    fn quiet_with_history() {
        check(
            "no-previous-version",
            "ShipmentDelayed: {version: 1.1.0, consumers: [crm], fields: {shipmentId: string}, history: [{version: 1.0.0, fields: {shipmentId: string}}]}",
            "",
        );
    }

    #[test]
    fn base_decides() {
        let now = Workspace::load(&shorthand("ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string}}", ""));
        let base = Workspace::load(&shorthand("ShipmentDelayed: {consumers: [crm], fields: {shipmentId: string}}", ""));
        let other =
            Workspace::load(&shorthand("ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}", ""));
        let settings = settings("no-previous-version", None);
        assert_eq!(now.with_base(&base).lint(&settings).diagnostics.len(), 0);
        assert_eq!(now.with_base(&other).lint(&settings).diagnostics.len(), 1);
    }
}
