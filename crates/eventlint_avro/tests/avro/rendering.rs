//! Snapshots of rendered diagnostics: what a user sees for the commonest Avro mistakes.

use eventlint_avro::ValidateOptions;
use eventlint_diagnostics::render_full;

use crate::support::load;

/// Renders every diagnostic of `input` (load errors, else findings) as the `full` format at width 80.
fn rendered(input: &str) -> String {
    let (sources, set, mut diagnostics) = load(input);
    if diagnostics.is_empty() {
        diagnostics = eventlint_avro::validate(&set, &ValidateOptions::default());
    }
    diagnostics.iter().map(|diagnostic| render_full(&sources, diagnostic, false, 80)).collect::<Vec<_>>().join("\n")
}

#[test]
fn missing_fields() {
    insta::assert_snapshot!(rendered("{\n  \"type\": \"record\",\n  \"name\": \"OrderPlaced\"\n}\n"));
}

#[test]
fn undefined_name_with_java_leniency_note() {
    insta::assert_snapshot!(rendered(
        "//- Money.avsc\n{\"type\": \"fixed\", \"name\": \"Money\", \"size\": 8}\n//- Paid.avsc\n{\"type\": \"record\", \"name\": \"Paid\", \"namespace\": \"com.acme\",\n \"fields\": [{\"name\": \"amount\", \"type\": \"Money\"}]}\n"
    ));
}

#[test]
fn union_default_on_a_later_branch() {
    insta::assert_snapshot!(rendered(
        "{\"type\": \"record\", \"name\": \"Shipment\", \"namespace\": \"com.acme\", \"fields\": [\n  {\"name\": \"note\", \"type\": [\"string\", \"null\"], \"default\": null}\n]}\n"
    ));
}

#[test]
fn invalid_nested_default_and_decimal_precision() {
    insta::assert_snapshot!(rendered(
        r#"{"type": "record", "name": "Order", "fields": [
  {"name": "lines", "type": {"type": "array", "items": "int"}, "default": [1, 2.5]},
  {"name": "cod", "type": {"type": "fixed", "name": "Cod", "size": 2,
                           "logicalType": "decimal", "precision": 10, "scale": 2}}
]}
"#
    ));
}

#[test]
fn differing_copies_in_two_files() {
    insta::assert_snapshot!(rendered(
        "//- Address.avsc\n{\"type\": \"record\", \"name\": \"com.acme.Address\",\n \"fields\": [{\"name\": \"street\", \"type\": \"string\"}]}\n//- Shipment.avsc\n{\"type\": \"record\", \"name\": \"com.acme.Address\",\n \"fields\": [{\"name\": \"street\", \"type\": \"string\"}, {\"name\": \"line2\", \"type\": \"string\"}]}\n"
    ));
}
