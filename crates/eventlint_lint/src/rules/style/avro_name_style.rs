//! `avro-name-style`: Avro names that break the casing conventions (RADAR-base style).

use eventlint_avro::NodeKind;
use eventlint_diagnostics::{Diagnostic, Span, SubjectType};
use regex_lite::Regex;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::rule::declare_rule;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum TypeCase {
    #[default]
    Pascal,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FieldCase {
    #[default]
    Auto,
    Camel,
    Snake,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SymbolCase {
    #[default]
    UpperSnake,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    type_case: TypeCase,
    field_case: FieldCase,
    symbol_case: SymbolCase,
    namespace_pattern: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            type_case: TypeCase::Pascal,
            field_case: FieldCase::Auto,
            symbol_case: SymbolCase::UpperSnake,
            namespace_pattern: r"^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)*$".to_owned(),
        }
    }
}

declare_rule! {
    name: "avro-name-style",
    category: Style,
    severity: Info,
    recommended: false,
    summary: "inconsistent casing of Avro names",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// The words of a name: split on `_`, `-`, `.` and lower→upper boundaries, lowercased.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | ' ') {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalised(w)).collect()
}

fn camel(name: &str) -> String {
    let words = words(name);
    let mut out = words.first().cloned().unwrap_or_default();
    out.extend(words.iter().skip(1).map(|w| capitalised(w)));
    out
}

fn snake(name: &str) -> String {
    words(name).join("_")
}

fn is_camel(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_snake(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn finding(subject: &str, path: String, span: Span, what: &str, name: &str, fixed: &str) -> Diagnostic {
    Diagnostic::lint(RULE.name, RULE.severity, format!("{what} `{name}` breaks the naming convention"))
        .with_category(RULE.category.as_str())
        .with_primary(span, format!("expected `{fixed}`"))
        .with_path(path)
        .with_subject(SubjectType::Schema, subject.to_owned())
        .with_help(format!("rename `{name}` to `{fixed}`, keeping the old name in `aliases`"))
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let namespace_pattern = Regex::new(&options.namespace_pattern).ok();
    let field_names = cx.schemas.named_types().filter_map(|id| cx.schemas.node(id).as_record()).flat_map(|r| &r.fields);
    let (mut camels, mut snakes) = (0usize, 0usize);
    for field in field_names {
        let name = field.name.value.as_str();
        camels += usize::from(is_camel(name) && name.chars().any(|c| c.is_ascii_uppercase()));
        snakes += usize::from(is_snake(name) && name.contains('_'));
    }
    let snake_fields = match options.field_case {
        FieldCase::Snake => true,
        FieldCase::Camel => false,
        FieldCase::Auto => snakes > camels,
    };
    for id in cx.schemas.named_types() {
        let node = cx.schemas.node(id);
        let Some(named) = node.named() else { continue };
        let subject = named.full_name.as_str();
        let path = cx.schemas.path(id);
        let simple = named.simple_name();
        if pascal(simple) != simple {
            out.push(finding(subject, path.clone(), named.name.span, "type name", simple, &pascal(simple)));
        }
        if let (Some(namespace), Some(pattern)) = (named.namespace(), &namespace_pattern)
            && !pattern.is_match(namespace)
        {
            let span = named.namespace_attr.as_ref().map_or(named.name.span, |attr| attr.span);
            let fixed = namespace.to_lowercase();
            out.push(finding(subject, path.clone(), span, "namespace", namespace, &fixed));
        }
        match &node.kind {
            NodeKind::Record(record) => {
                for (index, field) in record.fields.iter().enumerate() {
                    let name = field.name.value.as_str();
                    let (ok, fixed) =
                        if snake_fields { (is_snake(name), snake(name)) } else { (is_camel(name), camel(name)) };
                    if !ok {
                        let field_path = cx.schemas.field_path(id, index);
                        out.push(finding(subject, field_path, field.name.span, "field name", name, &fixed));
                    }
                }
            }
            NodeKind::Enum(enumeration) => {
                for symbol in &enumeration.symbols {
                    let fixed = snake(&symbol.value).to_uppercase();
                    if symbol.value != fixed {
                        out.push(finding(subject, path.clone(), symbol.span, "enum symbol", &symbol.value, &fixed));
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1() {
        check(
            "avro-name-style",
            "ShipmentDispatched: {record: {name: shipment_dispatched}, consumers: [crm], fields: {shipmentId: string}}",
            r#"
            schemas/ShipmentDispatched.avsc:1:25 info[avro-name-style] type name `shipment_dispatched` breaks the naming convention
            "#,
        );
    }

    #[test]
    fn flag_2_one_snake_field_among_camel_fields() {
        check(
            "avro-name-style",
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, carrier_code: string, dispatchedAt: timestamp-millis}}",
            r#"
            schemas/ShipmentDispatched.avsc:1:160 info[avro-name-style] field name `carrier_code` breaks the naming convention
            "#,
        );
    }

    #[test]
    fn quiet_3() {
        check(
            "avro-name-style",
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string, carrierCode: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4_consistently_snake_case_auto() {
        check(
            "avro-name-style",
            "ShipmentDispatched: {consumers: [crm], fields: {shipment_id: string, carrier_code: string}}",
            "",
        );
    }
}
