//! `orphan-message`: an event nobody consumes, or a command or query nobody sends.

use eventlint_diagnostics::Diagnostic;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::flow_graph::EdgeKind;
use crate::rule::declare_rule;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Public events need a known consumer too (by default they may have consumers the catalog does not know).
    public_needs_consumer: bool,
}

declare_rule! {
    name: "orphan-message",
    category: Flow,
    severity: Info,
    recommended: true,
    summary: "message nobody consumes or sends",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let (model, flow) = (cx.model, cx.flow());
    for message in model.messages.values().filter(|m| m.deprecated.is_none()) {
        let name = &message.decl.name;
        let (text, label, help) = if super::is_fact(message) {
            // An automation reacting to the event consumes it as much as a consumer entry or a view does.
            let consumed = !facts::consumers(model, message).is_empty()
                || !flow.names(name, EdgeKind::Triggers, Direction::Outgoing).is_empty();
            let public = message.visibility.value == eventlint_catalog::Visibility::Public;
            if consumed || (public && !options.public_needs_consumer) {
                continue;
            }
            (
                format!("{} `{name}` has no consumer", message.kind.value.as_str()),
                "nobody reads it",
                "add the consumer, or deprecate and remove the message",
            )
        } else {
            let sent = !flow.names(name, EdgeKind::Produces, Direction::Incoming).is_empty()
                || !flow.names(name, EdgeKind::Issues, Direction::Incoming).is_empty();
            if sent {
                continue;
            }
            (
                format!("{} `{name}` is sent by nobody", message.kind.value.as_str()),
                "no producer, screen or automation issues it",
                "declare the service, screen or automation that sends it, or deprecate and remove the message",
            )
        };
        out.push(cx.message_finding(&RULE, message, text, label).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_an_internal_event_nobody_reads() {
        check_extra(
            "orphan-message",
            "",
            r#"RouteOptimised: {topic: shipping.internal, consumers: []}"#,
            r#"
            catalog.yaml:18:3 info[orphan-message] event `RouteOptimised` has no consumer
            "#,
        );
    }

    #[test]
    fn quiet_an_automation_consumes_it() {
        check_extra(
            "orphan-message",
            "automations: {Router: {service: dispatcher, when: [RouteOptimised], issues: PlanRoute}}\n",
            r#"RouteOptimised: {topic: shipping.internal, consumers: []}
PlanRoute: {kind: command, topic: shipping.commands, consumers: [dispatcher]}"#,
            r#"
            "#,
        );
    }
}
