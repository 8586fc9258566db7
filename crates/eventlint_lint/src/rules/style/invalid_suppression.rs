//! `invalid-suppression`: a suppression naming an unknown rule, a category or a wildcard, or a malformed attribute.

use eventlint_diagnostics::{Diagnostic, did_you_mean};

use crate::context::Context;
use crate::registry;
use crate::rule::{Category, NoOptions, declare_rule};
use crate::suppress;

declare_rule! {
    name: "invalid-suppression",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "unknown rule, category or wildcard in a suppression",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn finding(span: eventlint_diagnostics::Span, path: Option<&str>, text: String, help: String) -> Diagnostic {
    Diagnostic::lint(RULE.name, RULE.severity, text)
        .with_category(RULE.category.as_str())
        .with_primary(span, "not a rule name")
        .with_path(path.unwrap_or_default().to_owned())
        .with_help(help)
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for suppression in suppress::collect(cx) {
        let path = suppression.scope.as_deref();
        if let Some((problem, span)) = &suppression.problem {
            out.push(
                finding(*span, path, problem.clone(), "write `ignore[rule-name] reason` with rule names only".into())
                    .with_primary(*span, "malformed"),
            );
            continue;
        }
        for (name, span) in &suppression.names {
            if registry::key(name).is_some() {
                continue;
            }
            let (text, help) = if Category::parse(name).is_some() || name == "recommended" || name == "all" {
                (
                    format!("`{name}` is a selector, not a rule; suppressions accept rule names only"),
                    "name each rule to suppress, or ignore the category in `eventlint.toml`".to_owned(),
                )
            } else if name.contains('*') {
                (format!("wildcard `{name}` is not accepted in a suppression"), "name each rule to suppress".to_owned())
            } else {
                match did_you_mean(name, registry::names()) {
                    Some(suggestion) => (
                        format!("unknown rule `{name}` (did you mean `{suggestion}`?)"),
                        format!("use the rule name `{suggestion}`"),
                    ),
                    None => {
                        (format!("unknown rule `{name}`"), "use a rule name from `eventlint rule --all`".to_owned())
                    }
                }
            };
            out.push(finding(*span, path, text, help));
        }
    }
}
