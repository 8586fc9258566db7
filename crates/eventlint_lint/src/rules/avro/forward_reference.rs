//! `forward-reference`: named type used before its definition in one file (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "forward-reference",
    category: Avro,
    severity: Error,
    recommended: true,
    summary: "named type used before its definition in one file",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
