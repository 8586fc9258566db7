//! `event-triggers-event`: an event lists another event in `triggeredBy`, hiding the command in between.

use eventlint_catalog::{Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::Shape;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "event-triggers-event",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "event→event edge hiding a command",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The command an event would record: `IssueRefund` for `RefundIssued` (the cue's lemma, then the subject).
fn command_for(cx: &Context, event: &Message) -> Option<String> {
    let shape = cx.shape(event);
    if shape.shape != Shape::Past {
        return None;
    }
    let lemma = shape.lemma.as_ref()?;
    let subject: String =
        shape.tokens.get(shape.subject.clone())?.iter().map(|token| capitalised(&token.text)).collect();
    (!subject.is_empty()).then(|| format!("{}{subject}", capitalised(lemma)))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for event in model.messages.values().filter(|m| super::is_fact(m)) {
        for cause in &event.triggered_by {
            let Some(kind) = super::kind_of(model, &cause.name) else { continue };
            if !matches!(kind, MessageKind::Event | MessageKind::Notification) {
                continue;
            }
            let name = &event.decl.name;
            let service = event.producers.first().map_or("its producer".to_owned(), |p| format!("`{}`", p.name));
            let help = match command_for(cx, event) {
                Some(command) => format!(
                    "model the reaction: an automation in {service} that issues the command `{command}`, which emits `{name}`"
                ),
                None => {
                    format!("model the reaction: an automation in {service} that issues a command which emits `{name}`")
                }
            };
            out.push(
                cx.message_finding(
                    &RULE,
                    event,
                    format!(
                        "{} `{name}` is triggered by {} `{}`, with no command in between",
                        event.kind.value.as_str(),
                        kind.as_str(),
                        cause.name
                    ),
                    "",
                )
                .with_primary(
                    cause.span,
                    format!(
                        "`{}` is {} {}",
                        cause.name,
                        if kind == MessageKind::Event { "an" } else { "a" },
                        kind.as_str()
                    ),
                )
                .with_path(cause.path.clone())
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_an_event_caused_by_an_event() {
        check_extra(
            "event-triggers-event",
            "",
            r#"ShipmentRegistered: {consumers: [crm]}
PickupScheduled: {producer: dispatcher, consumers: [crm], triggeredBy: [ShipmentRegistered]}"#,
            r#"
            catalog.yaml:19:80 warning[event-triggers-event] event `PickupScheduled` is triggered by event `ShipmentRegistered`, with no command in between
            "#,
        );
    }

    #[test]
    fn quiet_a_command_in_between() {
        check_extra(
            "event-triggers-event",
            "",
            r#"SchedulePickup: {kind: command, topic: shipping.commands, consumers: [dispatcher]}
PickupScheduled: {producer: dispatcher, consumers: [crm], triggeredBy: [SchedulePickup]}"#,
            r#"
            "#,
        );
    }
}
