//! `money-as-float`: a monetary field typed `float` or `double`.

use eventlint_avro::NodeKind;
use eventlint_diagnostics::{Diagnostic, SubjectType};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::words;

const MONEY_WORDS: &[&str] = &[
    "amount", "price", "cost", "total", "subtotal", "balance", "fee", "tax", "charge", "refund", "payment", "premium",
    "discount", "revenue", "salary", "wage",
];
const EXCLUDE_WORDS: &[&str] =
    &["rate", "ratio", "percent", "percentage", "pct", "score", "weight", "count", "quantity", "factor"];

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    money_words: Vec<String>,
    exclude_words: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { money_words: words(MONEY_WORDS), exclude_words: words(EXCLUDE_WORDS) }
    }
}

declare_rule! {
    name: "money-as-float",
    category: Avro,
    severity: Warning,
    recommended: true,
    summary: "monetary field typed `float`/`double`",
    options: Options,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for (record_id, index, record, field) in super::reachable_fields(cx) {
        let tokens = facts::tokens(&field.name.value);
        let has = |list: &[String]| tokens.iter().any(|token| list.contains(token));
        if !has(&options.money_words) || has(&options.exclude_words) {
            continue;
        }
        let (node, _) = facts::value_type(cx, field);
        let ty = match node.kind {
            NodeKind::Float => "float",
            NodeKind::Double => "double",
            _ => continue,
        };
        out.push(
            Diagnostic::lint(
                RULE.name,
                RULE.severity,
                format!(
                    "monetary field `{}` is a binary `{ty}`, which cannot hold most decimal amounts",
                    field.name.value
                ),
            )
            .with_primary(field.ty.span, format!("`{ty}`"))
            .with_path(cx.schemas.field_path(record_id, index))
            .with_subject(SubjectType::Schema, record.named.full_name.clone())
            .with_help(
                "use `{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 2}`, or an \
                 integer in minor units (`amountCents: long`)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_an_optional_double_amount() {
        check_extra(
            "money-as-float",
            "",
            r#"ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string, codAmount: [null, double]}}"#,
            r#"
            schemas/ShipmentDispatched.avsc:1:194 warning[money-as-float] monetary field `codAmount` is a binary `double`, which cannot hold most decimal amounts
            "#,
        );
    }

    #[test]
    fn quiet_a_rate() {
        check_extra(
            "money-as-float",
            "",
            r#"ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string, taxRate: double}}"#,
            r#"
            "#,
        );
    }
}
