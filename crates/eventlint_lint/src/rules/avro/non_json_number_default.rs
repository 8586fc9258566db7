//! `non-json-number-default`: `"NaN"`/`"Infinity"` as a numeric default (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "non-json-number-default",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "`\"NaN\"`/`\"Infinity\"` as a numeric default",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
