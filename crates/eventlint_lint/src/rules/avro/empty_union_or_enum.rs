//! `empty-union-or-enum`: union without branches, enum without symbols (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "empty-union-or-enum",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "union without branches, enum without symbols",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(cx, &RULE, &ValidateOptions::default(), out);
}
