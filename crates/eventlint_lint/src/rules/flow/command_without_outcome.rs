//! `command-without-outcome`: a command linked to no event, neither by its `emits` nor by an event's `triggeredBy`.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "command-without-outcome",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "command linked to no resulting event",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    // Opt-in by use: a model that never links commands to events gets no findings about it.
    if !model.messages.values().any(|m| !m.emits.is_empty() || !m.triggered_by.is_empty()) {
        return;
    }
    let flow = cx.flow();
    for message in model.messages.values().filter(|m| m.kind.value == MessageKind::Command) {
        if !flow.outcomes(&message.decl.name).is_empty() {
            continue;
        }
        let text = format!(
            "command `{}` records no outcome: no `emits`, and no event names it in `triggeredBy`",
            message.decl.name
        );
        out.push(
            cx.message_finding(&RULE, message, text, "no resulting event")
                .with_help("list the events it records, including the rejection, in `emits`"),
        );
    }
}
