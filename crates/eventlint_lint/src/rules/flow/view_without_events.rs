//! `view-without-events`: a read model fed by no events, or by messages that are not events.

use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "view-without-events",
    category: Flow,
    severity: Error,
    recommended: true,
    summary: "read model fed by no events, or by non-events",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for view in model.views.values() {
        let name = &view.decl.name;
        let help = format!("feed `{name}` from the events it summarises");
        let finding = |text: String| {
            Diagnostic::lint(RULE.name, RULE.severity, text)
                .with_path(view.decl.path.clone())
                .with_subject(SubjectType::View, name.clone())
                .with_help(help.clone())
        };
        if view.from.is_empty() {
            out.push(
                finding(format!("view `{name}` is fed by no events")).with_primary(view.decl.name_span, "empty `from`"),
            );
        }
        for source in &view.from {
            let kind = super::kind_of(model, &source.name);
            if kind.is_some_and(|kind| kind.is_owned_by_producer()) {
                continue;
            }
            let what = kind.map_or("not a message", |kind| kind.as_str());
            out.push(
                finding(
                    format!(
                        "view `{name}` is fed by `{}`, which is {} {what}",
                        source.name,
                        if kind.is_some() { "a" } else { "" }
                    )
                    .replace("  ", " "),
                )
                .with_primary(source.span, format!("a view can only project events, not a {what}"))
                .with_path(source.path.clone()),
            );
        }
    }
}
