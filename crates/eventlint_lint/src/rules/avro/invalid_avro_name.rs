//! `invalid-avro-name`: name, namespace or symbol breaks the Avro name grammar (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "invalid-avro-name",
    category: Avro,
    severity: Error,
    recommended: true,
    summary: "name, namespace or symbol breaks the Avro name grammar",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
