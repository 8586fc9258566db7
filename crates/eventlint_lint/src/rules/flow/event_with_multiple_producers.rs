//! `event-with-multiple-producers`: several services produce one event type.

use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::rule::declare_rule;
use crate::rules::code_list;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// Producers that share one `owner` are exempt.
    same_owner_ok: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { same_owner_ok: true }
    }
}

declare_rule! {
    name: "event-with-multiple-producers",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "event type produced by several services",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let model = cx.model;
    for message in model.messages.values().filter(|m| super::is_fact(m)) {
        let mut producers: Vec<&str> = message.producers.iter().map(|p| p.name.as_str()).collect();
        producers.dedup();
        if producers.len() < 2 {
            continue;
        }
        let owner = |service: &str| model.services.get(service).and_then(|s| s.owner.as_ref()).map(|o| &o.value);
        if options.same_owner_ok
            && owner(producers[0]).is_some()
            && producers.iter().all(|p| owner(p) == owner(producers[0]))
        {
            continue;
        }
        let name = &message.decl.name;
        let text = format!("{} `{name}` is produced by {}", message.kind.value.as_str(), code_list(producers));
        let mut finding = cx.message_finding(&RULE, message, text, "one fact, several owners");
        for producer in &message.producers {
            finding = finding.with_label(producer.span, "producer");
        }
        out.push(finding.with_help("give each producer its own event type, or make one service the owner"));
    }
}
