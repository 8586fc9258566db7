//! `missing-namespace`: the top-level named type of a message schema sits in the null namespace.

use eventlint_diagnostics::{Diagnostic, SubjectType};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// The namespace the help suggests; `{domain}` becomes the message's domain.
    suggest: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { suggest: "com.acme.{domain}".to_owned() }
    }
}

declare_rule! {
    name: "missing-namespace",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "top-level named type in the null namespace",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let mut reported = Vec::new();
    for message in cx.model.messages.values() {
        let Some(&id) = cx.message_schemas.get(&message.decl.name) else { continue };
        let Some(named) = cx.schemas.node(id).named() else { continue };
        if named.namespace().is_some_and(|namespace| !namespace.is_empty()) || reported.contains(&id) {
            continue;
        }
        reported.push(id);
        let domain = facts::message_domain(cx.model, message).unwrap_or("events");
        let suggestion = options.suggest.replace("{domain}", &domain.replace('-', "_"));
        let mut finding = Diagnostic::lint(
            RULE.name,
            RULE.severity,
            format!("`{}` has no namespace, so its full name can clash with another team's", named.full_name),
        )
        .with_primary(named.name.span, "in the null namespace")
        .with_path(cx.schemas.path(id))
        .with_subject(SubjectType::Schema, named.full_name.clone());
        if let Some(attribute) = &named.namespace_attr {
            finding = finding.with_label(attribute.span, "empty");
        }
        out.push(finding.with_help(format!("add `\"namespace\": \"{suggestion}\"`")));
    }
}
