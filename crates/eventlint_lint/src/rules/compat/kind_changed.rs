//! `kind-changed`: a message's `kind` differs from the base revision's.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "kind-changed",
    category: Compat,
    severity: Warning,
    recommended: true,
    summary: "message kind changed under the same name",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(base) = cx.base else { return };
    for (name, message) in &cx.model.messages {
        let Some(before) = base.messages.get(name) else { continue };
        let (old, new) = (before.kind.value.as_str(), message.kind.value.as_str());
        if old == new {
            continue;
        }
        let text = format!("`{name}` changed from {old} to {new} under the same name");
        let finding = cx.message_finding(&RULE, message, text, &format!("was `kind: {old}`"));
        let finding = match message.kind.explicit_span() {
            Some(span) => finding.with_primary(span, format!("was `{old}`")),
            None => finding,
        };
        out.push(
            finding
                .with_path(format!("{}/kind", message.decl.path))
                .with_help("introduce a new message for the new kind and deprecate the old one"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, settings, shorthand};

    #[track_caller]
    fn check(now: &str, base: &str, expect: &str) {
        let (workspace, base) = (Workspace::load(&shorthand(now, "")), Workspace::load(&shorthand(base, "")));
        let workspace = workspace.with_base(&base);
        let result = workspace.lint(&settings("kind-changed", None));
        assert_eq!(workspace.render(&result).trim(), expect);
    }

    #[test]
    fn flag_event_became_command() {
        check(
            "BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            "BookCarrier: {topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}",
            "catalog.yaml:18:24 warning[kind-changed] `BookCarrier` changed from event to command under the same name",
        );
    }

    #[test]
    fn flag_kind_defaulted_now() {
        check(
            "ShipmentStatusChanged: {consumers: [crm], fields: {shipmentId: string}}",
            "ShipmentStatusChanged: {kind: notification, consumers: [crm], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 warning[kind-changed] `ShipmentStatusChanged` changed from notification to event under the same name",
        );
    }

    #[test]
    fn quiet_same_kind_or_new_message() {
        let message = "BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], fields: {shipmentId: string}}";
        check(message, message, "");
        check(message, "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}", "");
    }
}
