//! `missing-owner`: a message, topic or service with no owner after resolution.

use eventlint_catalog::Decl;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "missing-owner",
    category: Style,
    severity: Info,
    recommended: true,
    summary: "message, topic or service without an owner",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn finding(decl: &Decl, what: &str, subject: SubjectType) -> Diagnostic {
    Diagnostic::lint(RULE.name, RULE.severity, format!("{what} `{}` has no owner", decl.name))
        .with_category(RULE.category.as_str())
        .with_primary(decl.name_span, "nobody answers for it")
        .with_path(decl.path.clone())
        .with_subject(subject, decl.name.clone())
        .with_help("set `owner:` on the entry or the file")
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for service in model.services.values() {
        if service.owner.is_none() && !service.external.value {
            out.push(finding(&service.decl, "service", SubjectType::Service));
        }
    }
    for topic in model.topics.values().filter(|topic| topic.owner.is_none()) {
        out.push(finding(&topic.decl, "topic", SubjectType::Topic));
    }
    for message in model.messages.values().filter(|message| message.owner.is_none()) {
        out.push(finding(&message.decl, "message", SubjectType::Message));
    }
}
