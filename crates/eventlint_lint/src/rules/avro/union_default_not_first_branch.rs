//! `union-default-not-first-branch`: union default matches a branch other than the first (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "union-default-not-first-branch",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "union default matches a branch other than the first",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}

#[cfg(test)]
mod tests {
    use eventlint_diagnostics::Severity;

    use crate::testing::settings;

    fn severity(config: Option<&str>) -> Option<Severity> {
        settings("union-default-not-first-branch", config).severity.get("union-default-not-first-branch").copied()
    }

    #[test]
    fn avro_1_11_makes_it_an_error() {
        assert_eq!(severity(Some("[avro]\ntarget-version = \"1.11\"\n")), Some(Severity::Error));
    }

    #[test]
    fn avro_1_12_keeps_the_default_warning() {
        assert_eq!(severity(Some("[avro]\ntarget-version = \"1.12\"\n")), None);
        assert_eq!(severity(None), None);
    }

    #[test]
    fn an_explicit_severity_wins() {
        let config = "[avro]\ntarget-version = \"1.11\"\n[lint.severity]\nunion-default-not-first-branch = \"info\"\n";
        assert_eq!(severity(Some(config)), Some(Severity::Info));
    }
}
