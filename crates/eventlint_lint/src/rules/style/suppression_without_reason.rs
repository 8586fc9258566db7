//! `suppression-without-reason`: a suppression that does not say why the finding does not apply.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::suppress::{self, Form};

declare_rule! {
    name: "suppression-without-reason",
    category: Style,
    severity: Info,
    recommended: false,
    summary: "suppression without a reason",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for suppression in suppress::collect(cx) {
        if suppression.has_reason || suppression.problem.is_some() {
            continue;
        }
        let what = match suppression.form {
            Form::Comment | Form::FileIgnore => "suppression comment",
            Form::Attribute => "`eventlint` attribute",
        };
        let names: Vec<&str> = suppression.names.iter().map(|(name, _)| name.as_str()).collect();
        out.push(
            Diagnostic::lint(RULE.name, RULE.severity, format!("{what} for `{}` gives no reason", names.join("`, `")))
                .with_category(RULE.category.as_str())
                .with_primary(suppression.span, "why?")
                .with_path(suppression.scope.clone().unwrap_or_default())
                .with_help("say why the finding does not apply here"),
        );
    }
}
