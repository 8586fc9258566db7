//! `event-without-producer`: an event, notification or document that no service produces.

use eventlint_diagnostics::Diagnostic;
use petgraph::Direction;

use crate::context::Context;
use crate::flow_graph::EdgeKind;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "event-without-producer",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "event nobody produces",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let flow = cx.flow();
    for message in cx.model.messages.values().filter(|m| super::is_fact(m) && m.deprecated.is_none()) {
        let name = &message.decl.name;
        if !flow.names(name, EdgeKind::Produces, Direction::Incoming).is_empty() {
            continue;
        }
        let text = format!("{} `{name}` has no producer", message.kind.value.as_str());
        out.push(
            cx.message_finding(&RULE, message, text, "nobody produces it")
                .with_help("declare the producing service, or remove the message"),
        );
    }
}
