//! `visibility-narrowed`: a public topic or message became internal since the base revision.

use eventlint_catalog::{Setting, Visibility};
use eventlint_diagnostics::{Diagnostic, Span, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "visibility-narrowed",
    category: Compat,
    severity: Warning,
    recommended: true,
    summary: "public message or topic made internal",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn narrowed(now: &Setting<Visibility>, before: &Setting<Visibility>) -> bool {
    before.value == Visibility::Public && now.value == Visibility::Internal
}

fn finding(subject: SubjectType, name: &str, span: Span, path: String) -> Diagnostic {
    Diagnostic::lint(RULE.name, RULE.severity, format!("`{name}` was public and is internal now"))
        .with_category(RULE.category.as_str())
        .with_primary(span, "was `public`")
        .with_path(path)
        .with_subject(subject, name.to_owned())
        .with_help("keep it public and deprecate it, or confirm that no other domain consumes it")
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(base) = cx.base else { return };
    let mut narrowed_topics = Vec::new();
    for (name, topic) in &cx.model.topics {
        if base.topics.get(name).is_some_and(|before| narrowed(&topic.visibility, &before.visibility)) {
            narrowed_topics.push(name.as_str());
            let span = topic.visibility.span().unwrap_or(topic.decl.name_span);
            out.push(finding(SubjectType::Topic, name, span, format!("{}/visibility", topic.decl.path)));
        }
    }
    for (name, message) in &cx.model.messages {
        let Some(before) = base.messages.get(name) else { continue };
        // A message that only follows its narrowed topic is covered by the topic's finding.
        let follows_topic = !message.visibility.is_explicit()
            && message.topic.as_ref().is_some_and(|topic| narrowed_topics.contains(&topic.name.as_str()));
        if narrowed(&message.visibility, &before.visibility) && !follows_topic {
            let span = message.visibility.explicit_span().unwrap_or(message.decl.name_span);
            out.push(finding(SubjectType::Message, name, span, format!("{}/visibility", message.decl.path)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, header_with, settings, shorthand_on};

    #[track_caller]
    fn check(now: (&str, &str), base: (&str, &str), expect: &str) {
        let load = |(topic, message): (&str, &str)| {
            let topics: Vec<&str> = [topic].into_iter().filter(|t| !t.is_empty()).collect();
            Workspace::load(&shorthand_on(&header_with("", &[], &topics), message, ""))
        };
        let (workspace, base) = (load(now), load(base));
        let workspace = workspace.with_base(&base);
        let result = workspace.lint(&settings("visibility-narrowed", None));
        assert_eq!(workspace.render(&result).trim(), expect);
    }

    const MESSAGE: &str = "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}";

    #[test]
    fn flag_topic_once_not_its_messages() {
        check(
            ("shipping.events: {partitions: 12, visibility: internal}", MESSAGE),
            ("", MESSAGE),
            "catalog.yaml:12:49 warning[visibility-narrowed] `shipping.events` was public and is internal now",
        );
    }

    #[test]
    fn flag_message() {
        check(
            ("", "ShipmentDispatched: {visibility: internal, consumers: [dispatcher], fields: {shipmentId: string}}"),
            ("", MESSAGE),
            "catalog.yaml:18:37 warning[visibility-narrowed] `ShipmentDispatched` was public and is internal now",
        );
    }

    #[test]
    fn quiet_widened_or_unchanged() {
        check(("", MESSAGE), ("shipping.events: {partitions: 12, visibility: internal}", MESSAGE), "");
        check(("", MESSAGE), ("", MESSAGE), "");
    }
}
