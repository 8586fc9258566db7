//! `decimal-precision-exceeds-fixed`: decimal precision larger than its `fixed` can hold (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "decimal-precision-exceeds-fixed",
    category: Avro,
    severity: Error,
    recommended: true,
    summary: "decimal precision larger than its `fixed` can hold",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
