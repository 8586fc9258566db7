//! `missing-schema`: a message without `schema`, so no payload rule can check its contract.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "missing-schema",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "message without `schema`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values().filter(|message| message.schema.is_none()) {
        let name = &message.decl.name;
        let text = format!("message `{name}` has no `schema`");
        let finding = cx.message_finding(&RULE, message, text, "no contract to check");
        out.push(finding.with_help(format!("add `schema: schemas/{name}.avsc`")));
    }
}
