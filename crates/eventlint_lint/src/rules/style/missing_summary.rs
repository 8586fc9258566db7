//! `missing-summary`: a public message without a `summary`.

use eventlint_diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    #[default]
    Public,
    All,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    scope: Scope,
}

declare_rule! {
    name: "missing-summary",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "public message without a summary",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        let blank = message.summary.as_ref().is_none_or(|summary| summary.value.trim().is_empty());
        if !blank || (options.scope == Scope::Public && !facts::is_public(cx.model, message)) {
            continue;
        }
        let what = if message.summary.is_some() { "a blank" } else { "no" };
        let text = format!("message `{}` has {what} `summary`", message.decl.name);
        let mut diagnostic = cx.message_finding(&RULE, message, text, "undocumented");
        if let Some(summary) = &message.summary {
            diagnostic = diagnostic.with_label(summary.span, "blank");
        }
        out.push(diagnostic.with_help("add a one-sentence `summary`: what happened, and why a consumer cares"));
    }
}
