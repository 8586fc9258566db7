//! `property-sourcing`: one event per edited property (`FirstNameChanged`, `LastNameChanged`, …).

use std::collections::BTreeMap;

use eventlint_catalog::{Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::{code_list, words};
use crate::settings::normalise;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    min_siblings: usize,
    allow: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_siblings: 3,
            allow: words(&["email", "password", "status", "maritalStatus", "address", "phoneNumber"]),
        }
    }
}

declare_rule! {
    name: "property-sourcing",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "one event per changed property",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// The property a per-property event edits, if it is one (normalised).
fn property(cx: &Context, options: &Options, message: &Message) -> Option<String> {
    if message.kind.value != MessageKind::Event {
        return None;
    }
    let shape = cx.shape(message);
    if shape.shape != Shape::Past || !shape.lemma.as_deref().is_some_and(vocab::is_property_change_verb) {
        return None;
    }
    let subject: Vec<&str> = shape.subject_tokens().iter().map(|t| t.text.as_str()).collect();
    let mut business: Vec<String> =
        facts::business_fields(cx, message).iter().map(|f| normalise(&f.name.value)).collect();
    business.sort();
    let candidates = [subject.concat(), subject.get(1..).map(|rest| rest.concat()).unwrap_or_default()];
    candidates.into_iter().filter(|p| !p.is_empty()).find(|p| {
        let shapes = [
            vec![p.clone()],
            vec![format!("new{p}")],
            vec![format!("new{p}"), format!("old{p}")],
            vec![format!("new{p}"), format!("previous{p}")],
        ];
        shapes.contains(&business) && !options.allow.iter().any(|allowed| normalise(allowed) == *p)
    })
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let mut groups: BTreeMap<(&str, &str), Vec<&Message>> = BTreeMap::new();
    for message in cx.model.messages.values() {
        if property(cx, &options, message).is_none() {
            continue;
        }
        let producer = message.producers.first().map_or("", |p| p.name.as_str());
        let key = facts::key_field(cx.model, message).unwrap_or("");
        groups.entry((producer, key)).or_default().push(message);
    }
    let mut fired: Vec<Vec<&Message>> =
        groups.into_values().filter(|g| g.len() >= options.min_siblings.max(1)).collect();
    fired.sort_by_key(|group| group.first().map(|m| (m.decl.file, m.decl.name_span.start)));
    for group in fired {
        let [first, siblings @ ..] = group.as_slice() else { continue };
        let names = code_list(group.iter().map(|m| m.decl.name.as_str()));
        let text = format!("{} events each report one changed property: {names}", group.len());
        let mut diagnostic = cx.message_finding(&RULE, first, text, "one event per property");
        for sibling in siblings {
            diagnostic = diagnostic.with_label(sibling.decl.name_span, "another per-property event");
        }
        out.push(diagnostic.with_help(
            "replace these per-property events with one event for the business operation (e.g. `ParcelDimensionsCorrected`) that carries optional fields",
        ));
    }
}
