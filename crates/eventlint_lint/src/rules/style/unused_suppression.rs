//! `unused-suppression`: a suppression of an enabled rule that matched no finding. The engine judges it after
//! applying suppressions, so the rule has no model pass of its own.

use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::registry;
use crate::rule::{NoOptions, Run, declare_rule};
use crate::suppress::Suppression;

declare_rule! {
    name: "unused-suppression",
    category: Style,
    severity: Warning,
    recommended: true,
    summary: "suppression of an enabled rule that matched nothing",
    options: NoOptions,
    run: Run::AfterSuppressions,
}

/// Whether a rule runs for the findings of `file`: selected, not ignored for the file, and not ignored by the
/// profile of the catalog file (CLI spec §3.3: only rules enabled for that file are judged).
fn judged(cx: &Context, rule: &str, file: eventlint_diagnostics::FileId) -> bool {
    let Some(key) = registry::key(rule) else { return false };
    let path = cx.sources.get(file).path();
    let profile = cx.settings.profile_of_file(path);
    let profile_ignores = cx.settings.adjustments(profile).is_some_and(|a| a.ignore.iter().any(|s| s.matches(key)));
    cx.settings.is_enabled(rule) && !cx.settings.ignored_in_file(key, path) && !profile_ignores
}

/// The unused names of every well-formed suppression; `used` says which names matched a finding.
pub(crate) fn diagnostics(cx: &Context, suppressions: &[Suppression], used: &[Vec<bool>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (suppression, used) in suppressions.iter().zip(used) {
        let applies = !cx.settings.require_reason || suppression.has_reason;
        if suppression.problem.is_some() || !applies || !judged(cx, RULE.name, suppression.file) {
            continue;
        }
        for ((name, span), used) in suppression.names.iter().zip(used) {
            if *used || !judged(cx, name, suppression.file) {
                continue;
            }
            let mut diagnostic =
                Diagnostic::lint(RULE.name, RULE.severity, format!("suppression of `{name}` matched no finding"))
                    .with_category(RULE.category.as_str())
                    .with_primary(*span, "nothing to suppress here")
                    .with_path(suppression.scope.clone().unwrap_or_default())
                    .with_help(format!("remove `{name}` from the suppression"));
            if let Some(message) = suppression.scope.as_deref().and_then(|scope| message_of(cx, scope)) {
                diagnostic = diagnostic.with_subject(eventlint_diagnostics::SubjectType::Message, message);
            }
            out.push(diagnostic);
        }
    }
    out
}

/// The message a catalog scope lies in (`/messages/Foo/...` → `Foo`).
fn message_of(cx: &Context, scope: &str) -> Option<String> {
    let name = scope.strip_prefix("/messages/")?.split('/').next()?;
    let message = cx.model.messages.get(name)?;
    Some(message.decl.name.clone())
}
