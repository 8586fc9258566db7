//! `automation-issues-event`: an automation issues something other than a command.

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "automation-issues-event",
    category: Flow,
    severity: Error,
    recommended: true,
    summary: "automation that issues something other than a command",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for automation in model.automations.values() {
        for issued in &automation.issues {
            let kind = super::kind_of(model, &issued.name);
            if kind == Some(MessageKind::Command) {
                continue;
            }
            let what = kind.map_or("view or automation".to_owned(), |kind| kind.as_str().to_owned());
            let name = &automation.decl.name;
            out.push(
                Diagnostic::lint(
                    RULE.name,
                    RULE.severity,
                    format!("automation `{name}` issues `{}`, a {what}, not a command", issued.name),
                )
                .with_primary(issued.span, format!("a {what}"))
                .with_path(issued.path.clone())
                .with_subject(SubjectType::Automation, name.clone())
                .with_help(format!("issue a command (`kind: command`) and let its handler record `{}`", issued.name)),
            );
        }
    }
}
