//! `unknown-logical-type`: `logicalType` that Avro does not define (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use serde::{Deserialize, Serialize};

use crate::rule::declare_rule;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// `known-custom`: logical type names that are not reported.
    known_custom: Vec<String>,
}

declare_rule! {
    name: "unknown-logical-type",
    category: Avro,
    severity: Info,
    recommended: true,
    summary: "`logicalType` that Avro does not define",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(
        cx,
        &RULE,
        &ValidateOptions {
            known_custom_logical_types: cx.options::<Options>(&RULE).known_custom,
            ..ValidateOptions::default()
        },
        out,
    );
}
