//! `alias-collision`: alias equal to another field or type name (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "alias-collision",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "alias equal to another field or type name",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
