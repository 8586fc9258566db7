//! `compat-mode-weakened`: between the base revision and now, a topic's compatibility mode lost checks.

use eventlint_catalog::Compatibility;
use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "compat-mode-weakened",
    category: Compat,
    severity: Warning,
    recommended: true,
    summary: "topic compatibility loosened between revisions",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

const BACKWARD_LATEST: u8 = 1;
const BACKWARD_ALL: u8 = 2;
const FORWARD_LATEST: u8 = 4;
const FORWARD_ALL: u8 = 8;

/// The checks a mode implies, as a bit set; checking every version implies checking the latest.
fn checks(mode: Compatibility) -> u8 {
    match mode {
        Compatibility::None => 0,
        Compatibility::Backward => BACKWARD_LATEST,
        Compatibility::BackwardTransitive => BACKWARD_LATEST | BACKWARD_ALL,
        Compatibility::Forward => FORWARD_LATEST,
        Compatibility::ForwardTransitive => FORWARD_LATEST | FORWARD_ALL,
        Compatibility::Full => BACKWARD_LATEST | FORWARD_LATEST,
        Compatibility::FullTransitive => BACKWARD_LATEST | BACKWARD_ALL | FORWARD_LATEST | FORWARD_ALL,
    }
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(base) = cx.base else { return };
    for topic in cx.model.topics.values() {
        let Some(before) = base.topics.get(&topic.decl.name) else { continue };
        let (old, new) = (before.compatibility.value, topic.compatibility.value);
        if checks(old) & !checks(new) == 0 {
            continue;
        }
        let (name, old, new) = (&topic.decl.name, old.as_str(), new.as_str());
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("the compatibility of `{name}` was weakened from `{old}` to `{new}`"),
            )
            .with_category(RULE.category.as_str())
            .with_primary(topic.compatibility.span().unwrap_or(topic.decl.name_span), format!("was `{old}`"))
            .with_path(format!("{}/compatibility", topic.decl.path))
            .with_subject(SubjectType::Topic, name.clone())
            .with_help(format!("restore `{old}` and publish the breaking version on a new topic")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, header_with, settings, shorthand_on};

    /// The rendered findings with the header's topics overridden by `now`, against `base`.
    #[track_caller]
    fn check(now: &str, base: &str, expect: &str) {
        let load = |topic: &str| Workspace::load(&shorthand_on(&header_with("", &[], &[topic]), "", ""));
        let (workspace, base) = (load(now), load(base));
        let workspace = workspace.with_base(&base);
        let result = workspace.lint(&settings("compat-mode-weakened", None));
        assert_eq!(workspace.render(&result).trim(), expect);
    }

    const EVENTS: &str = "shipping.events: {partitions: 12, compatibility: ";

    #[test]
    fn flag_transitive_dropped() {
        check(
            &format!("{EVENTS}FULL}}"),
            &format!("{EVENTS}FULL_TRANSITIVE}}"),
            "catalog.yaml:12:52 warning[compat-mode-weakened] the compatibility of `shipping.events` was weakened from `FULL_TRANSITIVE` to `FULL`",
        );
    }

    #[test]
    fn flag_direction_swapped() {
        check(
            &format!("{EVENTS}FORWARD}}"),
            &format!("{EVENTS}BACKWARD}}"),
            "catalog.yaml:12:52 warning[compat-mode-weakened] the compatibility of `shipping.events` was weakened from `BACKWARD` to `FORWARD`",
        );
    }

    #[test]
    fn quiet_strengthened() {
        check(&format!("{EVENTS}FULL}}"), &format!("{EVENTS}BACKWARD}}"), "");
        check(&format!("{EVENTS}BACKWARD_TRANSITIVE}}"), &format!("{EVENTS}NONE}}"), "");
    }

    #[test]
    fn quiet_new_topic() {
        check("shipping.events.v2: {partitions: 12, compatibility: NONE}", &format!("{EVENTS}FULL}}"), "");
    }
}
