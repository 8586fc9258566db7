//! `unsupported-schema-format`: a message whose schema is JSON Schema or Protobuf, which the schema rules skip.

use eventlint_catalog::SchemaFormat;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "unsupported-schema-format",
    category: Avro,
    severity: Info,
    recommended: true,
    summary: "JSON Schema or Protobuf payload, not checked",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for message in cx.model.messages.values() {
        let format = &message.schema_format;
        if format.value == SchemaFormat::Avro || message.schema.is_none() {
            continue;
        }
        let text = format!(
            "the `{}` schema of `{}` is not checked: eventlint checks Avro only",
            format.value.as_str(),
            message.decl.name
        );
        let mut finding = cx.message_finding(&RULE, message, text, "schema rules skip this message");
        if let Some(span) = format.span() {
            finding = finding.with_label(span, format!("`schemaFormat: {}`", format.value.as_str()));
        }
        out.push(finding.with_help("none needed; schema rules resume when the format is supported"));
    }
}
