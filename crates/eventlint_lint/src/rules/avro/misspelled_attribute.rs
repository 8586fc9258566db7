//! `misspelled-attribute`: attribute that looks like a typo of an Avro key (avro-compat §2.8); the check itself lives in `eventlint_avro::validate`.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use serde::{Deserialize, Serialize};

use crate::rule::declare_rule;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// `allow`: attribute keys that are never reported.
    allow: Vec<String>,
}

declare_rule! {
    name: "misspelled-attribute",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "attribute that looks like a typo of an Avro key",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    super::validated(
        cx,
        &RULE,
        &ValidateOptions { allowed_attributes: cx.options::<Options>(&RULE).allow, ..ValidateOptions::default() },
        out,
    );
}
