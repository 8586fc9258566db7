//! `at-least-once-without-idempotency`: an at-least-once group that does not declare an idempotent handler.

use eventlint_catalog::Delivery;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::group_finding;

declare_rule! {
    name: "at-least-once-without-idempotency",
    category: Ordering,
    severity: Info,
    recommended: false,
    summary: "at-least-once consumer not declared idempotent",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        if group.delivery.value != Delivery::AtLeastOnce || group.idempotent.value {
            continue;
        }
        let text = format!(
            "group `{}` is at-least-once but not idempotent: a redelivered record repeats its side effects",
            group.decl.name
        );
        let span = group.idempotent.explicit_span().unwrap_or(group.decl.name_span);
        out.push(
            group_finding(&RULE, group, span, "redelivery runs the handler again", text)
                .with_help("deduplicate by event id and declare `idempotent: true`")
                .with_note(
                    "`eventlint simulate` with a `crash` fault before a commit reports the `DUPLICATE` handler runs",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "at-least-once-without-idempotency";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_defaults() {
        check(
            "{}",
            "
            catalog.yaml:8:73 info[at-least-once-without-idempotency] group `billing-shipments` is at-least-once but not idempotent: a redelivered record repeats its side effects
              = `eventlint simulate` with a `crash` fault before a commit reports the `DUPLICATE` handler runs
            ",
        );
    }

    #[test]
    fn flag_declared_false() {
        check(
            "{idempotent: false, retry: {mode: blocking, maxAttempts: 3}}",
            "
            catalog.yaml:8:105 info[at-least-once-without-idempotency] group `billing-shipments` is at-least-once but not idempotent: a redelivered record repeats its side effects
              = `eventlint simulate` with a `crash` fault before a commit reports the `DUPLICATE` handler runs
            ",
        );
    }

    #[test]
    fn quiet_idempotent() {
        check("{idempotent: true}", "");
    }

    #[test]
    fn quiet_at_most_once() {
        check("{delivery: at-most-once}", "");
    }
}
