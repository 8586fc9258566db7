//! `missing-topic`: a message without `topic`, so key, partitioning, compatibility and DLQ rules cannot apply.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "missing-topic",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "message without `topic`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values().filter(|message| message.topic.is_none()) {
        // Suggest a topic that already carries messages of the same kind from the same producer or handler.
        let owner = |m: &eventlint_catalog::Message| {
            if m.kind.value.is_owned_by_producer() {
                m.producers.first().map(|p| p.name.clone())
            } else {
                m.consumers.first().map(|c| c.service.name.clone())
            }
        };
        let sibling = cx.model.messages.values().find(|other| {
            other.topic.is_some() && other.kind.value == message.kind.value && owner(other) == owner(message)
        });
        let help = match sibling.and_then(|other| other.topic.as_ref()) {
            Some(topic) => format!("add `topic: {}`", topic.name),
            None => "add the `topic` the message is published on".to_owned(),
        };
        let text = format!("message `{}` has no `topic`", message.decl.name);
        out.push(cx.message_finding(&RULE, message, text, "published nowhere").with_help(help));
    }
}
