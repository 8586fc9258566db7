//! `emits-triggered-by-mismatch`: an event claims a command in `triggeredBy` that the command's `emits` omits.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "emits-triggered-by-mismatch",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "event claims a command whose `emits` omits it",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for event in model.messages.values().filter(|m| super::is_fact(m)) {
        for cause in &event.triggered_by {
            let Some(command) = model.messages.get(&cause.name).filter(|c| super::is_request(c)) else { continue };
            let Some(first) = command.emits.first() else { continue };
            if command.emits.iter().any(|emitted| emitted.name == event.decl.name) {
                continue;
            }
            let (event_name, command_name) = (&event.decl.name, &command.decl.name);
            out.push(
                cx.message_finding(
                    &RULE,
                    event,
                    format!(
                        "`{event_name}` claims `{command_name}` in `triggeredBy`, but `{command_name}.emits` omits it"
                    ),
                    "",
                )
                .with_primary(cause.span, "claimed here")
                .with_label(first.span, format!("`{command_name}` emits only these"))
                .with_path(cause.path.clone())
                .with_help(format!(
                    "add `{event_name}` to `{command_name}.emits`, or remove `{command_name}` from its `triggeredBy`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_an_event_missing_from_a_written_emits() {
        check_extra(
            "emits-triggered-by-mismatch",
            "",
            r#"BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], emits: [CarrierBookingRejected]}
CarrierBookingRejected: {producer: dispatcher, consumers: [crm]}
CarrierBooked: {producer: dispatcher, consumers: [crm], triggeredBy: [BookCarrier]}"#,
            r#"
            catalog.yaml:20:78 warning[emits-triggered-by-mismatch] `CarrierBooked` claims `BookCarrier` in `triggeredBy`, but `BookCarrier.emits` omits it
            "#,
        );
    }
}
