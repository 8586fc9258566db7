//! `invalid-order`: field `order` outside ascending/descending/ignore (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "invalid-order",
    category: Avro,
    severity: Error,
    recommended: true,
    summary: "field `order` outside ascending/descending/ignore",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
