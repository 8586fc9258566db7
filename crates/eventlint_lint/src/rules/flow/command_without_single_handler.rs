//! `command-without-single-handler`: a command with no handler, or with several.

use eventlint_diagnostics::Diagnostic;
use petgraph::Direction;

use crate::context::Context;
use crate::flow_graph::EdgeKind;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::code_list;

declare_rule! {
    name: "command-without-single-handler",
    category: Flow,
    severity: Error,
    recommended: true,
    summary: "command with zero or several handlers",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let flow = cx.flow();
    for message in cx.model.messages.values().filter(|m| m.kind.value == eventlint_catalog::MessageKind::Command) {
        let name = &message.decl.name;
        let handlers = flow.names(name, EdgeKind::Consumes, Direction::Outgoing);
        let help = format!("route `{name}` to exactly one service; if several must react, publish an event instead");
        match handlers.len() {
            1 => {}
            0 => {
                let text = format!("command `{name}` has no handler");
                out.push(cx.message_finding(&RULE, message, text, "nobody handles it").with_help(help));
            }
            _ => {
                let text = format!("command `{name}` has {} handlers: {}", handlers.len(), code_list(handlers));
                let mut finding = cx.message_finding(&RULE, message, text, "one command, several handlers");
                for consumer in &message.consumers {
                    finding = finding.with_label(consumer.span, "handler");
                }
                out.push(finding.with_help(help));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_two_handlers() {
        check_extra(
            "command-without-single-handler",
            "",
            r#"BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher, billing]}"#,
            r#"
            catalog.yaml:18:3 error[command-without-single-handler] command `BookCarrier` has 2 handlers: `dispatcher`, `billing`
            "#,
        );
    }

    #[test]
    fn flag_no_handler() {
        check_extra(
            "command-without-single-handler",
            "",
            r#"CancelPickup: {kind: command, topic: shipping.commands, consumers: []}"#,
            r#"
            catalog.yaml:18:3 error[command-without-single-handler] command `CancelPickup` has no handler
            "#,
        );
    }
}
