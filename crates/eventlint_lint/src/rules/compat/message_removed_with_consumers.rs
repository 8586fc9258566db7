//! `message-removed-with-consumers`: a message of the base revision is gone while services that consumed it remain.

use eventlint_catalog::{Message, MessageKind, Model};
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::facts;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::code_list;

declare_rule! {
    name: "message-removed-with-consumers",
    category: Compat,
    severity: Error,
    recommended: true,
    summary: "message removed while consumers remain",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The base consumers of `removed` that still exist and have not moved to its declared replacement.
fn stranded<'m>(model: &Model, base: &'m Model, removed: &'m Message) -> Vec<&'m str> {
    let replacement =
        removed.deprecated.as_ref().and_then(|d| d.replaced_by.as_ref()).and_then(|r| model.messages.get(&r.name));
    let moved = |service: &str| replacement.is_some_and(|r| facts::consumers(model, r).contains(&service));
    facts::consumers(base, removed)
        .into_iter()
        .filter(|service| model.services.contains_key(*service) && !moved(service))
        .collect()
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(base) = cx.base else { return };
    for (name, removed) in &base.messages {
        let is_fact = !matches!(removed.kind.value, MessageKind::Command | MessageKind::Query);
        if !is_fact || cx.model.messages.contains_key(name) {
            continue;
        }
        let consumers = stranded(cx.model, base, removed);
        let Some((first, others)) = consumers.split_first() else { continue };
        let label = format!("consumed `{name}` in the base revision");
        let Some(service) = cx.model.services.get(*first) else { continue };
        let mut finding = Diagnostic::lint(
            RULE.name,
            RULE.severity,
            format!("`{name}` was removed, but its consumers {} still exist", code_list(consumers.iter().copied())),
        )
        .with_category(RULE.category.as_str())
        .with_primary(service.decl.name_span, label.clone())
        .with_path(format!("/messages/{name}"))
        .with_subject(SubjectType::Message, name.clone())
        .with_help(format!(
            "keep `{name}` deprecated until {} moved to its replacement",
            code_list(consumers.iter().copied())
        ));
        for other in others {
            if let Some(service) = cx.model.services.get(*other) {
                finding = finding.with_label(service.decl.name_span, label.clone());
            }
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, settings, shorthand};

    #[track_caller]
    fn check(now: &str, base: &str, expect: &str) {
        let (workspace, base) = (Workspace::load(&shorthand(now, "")), Workspace::load(&shorthand(base, "")));
        let workspace = workspace.with_base(&base);
        let result = workspace.lint(&settings("message-removed-with-consumers", None));
        assert_eq!(workspace.render(&result).trim(), expect);
    }

    const DISPATCHED: &str = "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}";

    #[test]
    fn flag_removed_event() {
        check(
            DISPATCHED,
            &format!("{DISPATCHED}\nShipmentDelayed: {{consumers: [crm, billing], fields: {{shipmentId: string}}}}"),
            "catalog.yaml:9:3 error[message-removed-with-consumers] `ShipmentDelayed` was removed, but its consumers `crm`, `billing` still exist",
        );
    }

    #[test]
    fn quiet_removed_command() {
        check(
            DISPATCHED,
            &format!(
                "{DISPATCHED}\nBookCarrier: {{kind: command, topic: shipping.commands, consumers: [crm], fields: {{shipmentId: string}}}}"
            ),
            "",
        );
    }

    #[test]
    fn quiet_consumers_moved_to_the_replacement() {
        check(
            "ShipmentRescheduled: {consumers: [crm], fields: {shipmentId: string}}",
            "ShipmentDelayed: {deprecated: {replacedBy: ShipmentRescheduled}, consumers: [crm], fields: {shipmentId: string}}
             ShipmentRescheduled: {consumers: [crm], fields: {shipmentId: string}}",
            "",
        );
    }
}
