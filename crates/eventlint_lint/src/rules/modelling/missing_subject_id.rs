//! `missing-subject-id`: an event that does not say which entity it is about.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::words;
use crate::settings::normalise;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    id_suffixes: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { id_suffixes: words(vocab::ID_SUFFIXES) }
    }
}

declare_rule! {
    name: "missing-subject-id",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "event that does not say which entity it is about",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let envelope_has_subject = cx.settings.envelope_provides.iter().any(|fact| fact == "subject-id");
    for message in cx.model.messages.values() {
        if !matches!(message.kind.value, MessageKind::Event | MessageKind::Notification) {
            continue;
        }
        let shape = cx.shape(message);
        // An instruction names its subject after the verb (`SendPaymentReceipt`); other shapes before the cue.
        let subject_tokens = match shape.shape {
            Shape::Imperative => shape.tokens_after_cue(),
            _ => shape.subject_tokens(),
        };
        let subject: Vec<&str> = subject_tokens.iter().map(|t| t.text.as_str()).collect();
        let fields = facts::fields(cx, message);
        let mut triggers = Vec::new();
        let key = facts::key_field(cx.model, message);
        let keyed = key.is_some_and(|key| fields.iter().any(|f| f.name.value == key));
        let subject_id = fields.iter().any(|f| {
            let name = normalise(&f.name.value);
            subject.iter().any(|token| options.id_suffixes.iter().any(|suffix| name == format!("{token}{suffix}")))
        });
        if facts::record(cx, message).is_some() && !keyed && !subject_id && !envelope_has_subject {
            triggers.push("no subject id in the payload");
        }
        if shape.cue.is_some() && subject.is_empty() {
            triggers.push("no subject in the name");
        }
        let bare_id = fields.iter().find(|f| f.name.value == "id").filter(|_| subject.len() >= 2);
        if bare_id.is_some() {
            triggers.push("a bare `id` could mean several entities");
        }
        if triggers.is_empty() {
            continue;
        }
        let text = format!("`{}` does not say which entity it is about: {}", message.decl.name, triggers.join("; "));
        let mut diagnostic = cx.message_finding(&RULE, message, text, "which entity?");
        if let Some(field) = bare_id {
            diagnostic = diagnostic.with_primary(field.name.span, format!("`id` of `{}`?", subject.join("` or `")));
        }
        out.push(diagnostic.with_help(
            "add the subject's identifier (e.g. `shipmentId`) to the payload and name the subject in the event type",
        ));
    }
}
