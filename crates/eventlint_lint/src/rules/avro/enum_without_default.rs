//! `enum-without-default`: an enum without a type-level `default`, so adding a symbol breaks old readers.

use eventlint_diagnostics::{Diagnostic, SubjectType};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::rule::declare_rule;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    /// The fallback symbol the help suggests.
    suggest_symbol: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { suggest_symbol: "UNKNOWN".to_owned() }
    }
}

declare_rule! {
    name: "enum-without-default",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "enum that old readers cannot extend safely",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let symbol = &options.suggest_symbol;
    for id in super::reachable_from_all(cx) {
        let Some(enumeration) = cx.schemas.node(id).as_enum() else { continue };
        if enumeration.default.is_some() || enumeration.symbols.is_empty() {
            continue;
        }
        let named = &enumeration.named;
        let help = if enumeration.symbols.iter().any(|s| &s.value == symbol) {
            format!("add `\"default\": \"{symbol}\"`")
        } else {
            format!("add an `{symbol}` symbol and `\"default\": \"{symbol}\"`")
        };
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!("enum `{}` has no default, so a reader fails on any symbol added later", named.full_name),
            )
            .with_primary(named.name.span, "no `default`")
            .with_path(cx.schemas.path(id))
            .with_subject(SubjectType::Schema, named.full_name.clone())
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_an_enum_in_array_items() {
        check_extra(
            "enum-without-default",
            "",
            r#"ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, services: {type: array, items: {type: enum, name: Service, symbols: [INSURED, SIGNED]}}}}"#,
            r#"
            schemas/ShipmentDispatched.avsc:1:224 warning[enum-without-default] enum `com.acme.shipping.Service` has no default, so a reader fails on any symbol added later
            "#,
        );
    }
}
