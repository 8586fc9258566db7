//! One tiny fixture per row of avro-compat §2.8 and per rule of rules/avro.md, flagged and quiet.

use eventlint_avro::ValidateOptions;

use crate::support::{check, check_with};

/// A record `r.R` with the given fields (JSON array text).
fn record(fields: &str) -> String {
    format!(r#"{{"type": "record", "name": "R", "namespace": "r", "fields": {fields}}}"#)
}

/// A record with a single field `f` of `ty`, plus any extra field attributes.
fn field(ty: &str, extra: &str) -> String {
    record(&format!(r#"[{{"name": "f", "type": {ty}{extra}}}]"#))
}

#[test]
fn invalid_avro_name() {
    check(
        &record(r#"[{"name": "my-field", "type": "int"}]"#),
        r#"E invalid-avro-name "my-field" /r.R/fields/my-field: `my-field` is not a valid Avro field name"#,
    );
    check(
        r#"{"type": "fixed", "name": "1abc", "size": 1}"#,
        r#"E invalid-avro-name "1abc" /1abc: `1abc` is not a valid Avro type name"#,
    );
    check(
        r#"{"type": "fixed", "name": "Café", "size": 1}"#,
        r#"E invalid-avro-name "Café" /Café: `Café` is not a valid Avro type name"#,
    );
    check(
        r#"{"type": "enum", "name": "E", "symbols": ["OK", "NOT-OK"]}"#,
        r#"E invalid-avro-name "NOT-OK" /E: `NOT-OK` is not a valid Avro enum symbol"#,
    );
    check(
        r#"{"type": "fixed", "name": "F", "namespace": "a..b", "size": 1}"#,
        r#"E invalid-avro-name "a..b" /a..b.F: `a..b` is not a valid Avro namespace"#,
    );
    check(
        r#"{"type": "fixed", "name": "1a.b.F", "size": 1}"#,
        r#"E invalid-avro-name "1a.b.F" /1a.b.F: `1a.b` is not a valid Avro namespace"#,
    );
    check(r#"{"type": "fixed", "name": "", "size": 1}"#, r#"E invalid-avro-name "" /: the type name is empty"#);
    check(
        r#"{"type": "fixed", "name": "int", "namespace": "a", "size": 1}"#,
        r#"E invalid-avro-name "int" /a.int: a named type cannot be called `int`"#,
    );
    // Row 6: an empty namespace is the null namespace; row 12: one simple name in two namespaces.
    check(
        r#"[{"type": "fixed", "name": "F", "namespace": "", "size": 1}, {"type": "fixed", "name": "a.F", "size": 1}, {"type": "array", "items": "F"}]"#,
        "",
    );
}

#[test]
fn duplicate_avro_definition() {
    check(
        &record(r#"[{"name": "a", "type": "int"}, {"name": "a", "type": "long"}, {"name": "A", "type": "int"}]"#),
        r#"E duplicate-avro-definition "a" /r.R/fields/a: field `a` is defined twice in `r.R`"#,
    );
    check(
        r#"{"type": "enum", "name": "E", "symbols": ["A", "B", "A"]}"#,
        r#"E duplicate-avro-definition "A" /E/symbols: symbol `A` appears twice in `E`"#,
    );
    check(
        r#"
        //- a.avsc
        {"type": "record", "name": "p.Address", "fields": [{"name": "street", "type": "string"}]}
        //- b.avsc
        {"type": "record", "name": "p.Address", "fields": [{"name": "street", "type": "string", "doc": "Line 1."}]}
        //- c.avsc
        {"type": "record", "name": "p.Address", "fields": [{"name": "street", "type": "string"}]}
        "#,
        r#"E duplicate-avro-definition b.avsc:"p.Address" /p.Address: `p.Address` is defined differently in two schema files"#,
    );
}

#[test]
fn forward_reference() {
    check(
        &record(
            r#"[{"name": "origin", "type": "Address"}, {"name": "dest", "type": {"type": "record", "name": "Address", "fields": []}}]"#,
        ),
        r#"E forward-reference "Address" /r.R/fields/origin/type: `r.Address` is used before its definition"#,
    );
    check(
        &record(
            r#"[{"name": "first", "type": ["null", "Leg"]}, {"name": "legs", "type": {"type": "array", "items": {"type": "record", "name": "Leg", "fields": [{"name": "next", "type": ["null", "Leg"]}]}}}]"#,
        ),
        r#"E forward-reference "Leg" /r.R/fields/first/type/1: `r.Leg` is used before its definition"#,
    );
    // Definition first, self-reference, and a reference to another file are fine.
    check(
        r#"
        //- a.avsc
        {"type": "record", "name": "p.A", "fields": [{"name": "b", "type": "p.B"}, {"name": "self", "type": ["null", "p.A"]}]}
        //- b.avsc
        {"type": "record", "name": "p.B", "fields": [{"name": "a", "type": ["null", "p.A"]}]}
        "#,
        "",
    );
}

#[test]
fn invalid_union() {
    check(
        &field(r#"["null", ["string", "bytes"]]"#, ""),
        r#"E invalid-union ["string", "bytes"] /r.R/fields/f/type/1: a union cannot directly contain another union"#,
    );
    check(
        &field(r#"["null", "string", {"type": "string", "logicalType": "uuid"}]"#, ""),
        r#"E invalid-union {"type": "string", "logicalTyp /r.R/fields/f/type/2: the union has two `string` branches"#,
    );
    check(
        &field(
            r#"[{"type": "array", "items": "int"}, {"type": "array", "items": "long"}, {"type": "map", "values": "int"}, {"type": "map", "values": "int"}]"#,
            "",
        ),
        "E invalid-union {\"type\": \"array\", \"items\": \"lo /r.R/fields/f/type/1: the union has two `array` branches\nE invalid-union {\"type\": \"map\", \"values\": \"int /r.R/fields/f/type/3: the union has two `map` branches",
    );
    check(
        r#"[{"type": "fixed", "name": "A", "size": 1}, "A"]"#,
        r#"E invalid-union "A" /1: the union has two branches named `A`"#,
    );
    check(
        r#"[{"type": "fixed", "name": "A", "size": 1}, {"type": "fixed", "name": "B", "size": 1}, "null", "int", "long"]"#,
        "",
    );
}

#[test]
fn empty_union_or_enum() {
    check(
        &field("[]", ""),
        "W empty-union-or-enum [] /r.R/fields/f/type: the union has no branches, so no value can be written",
    );
    check(
        r#"{"type": "enum", "name": "E", "symbols": []}"#,
        "W empty-union-or-enum [] /E: the enum has no symbols, so no value can be written",
    );
}

#[test]
fn invalid_default_for_each_row_of_the_defaults_table() {
    let flagged = [
        (r#""int""#, r#""x""#, r#"`"x"` is not a valid `int`"#),
        (r#""int""#, "4294967296", "`4294967296` is outside the `int` range [-2147483648, 2147483647]"),
        (r#""int""#, "2147483648", "`2147483648` is outside the `int` range [-2147483648, 2147483647]"),
        (r#""int""#, "1.5", "`1.5` is not an integer literal, as `int` requires"),
        (r#""int""#, "1e2", "`1e2` is not an integer literal, as `int` requires"),
        (r#""long""#, "1.0", "`1.0` is not an integer literal, as `long` requires"),
        (
            r#""long""#,
            "9223372036854775808",
            "`9223372036854775808` is outside the `long` range [-9223372036854775808, 9223372036854775807]",
        ),
        (
            r#""long""#,
            "123456789012345678901234567890",
            "`123456789012345678901234567890` is outside the `long` range [-9223372036854775808, 9223372036854775807]",
        ),
        (r#""string""#, "null", "`null` is not a valid `string`"),
        (r#""null""#, "0", "`0` is not a valid `null`"),
        (r#""boolean""#, r#""true""#, r#"`"true"` is not a valid `boolean`"#),
        (r#""double""#, r#""1.5""#, r#"`"1.5"` is not a valid `double`"#),
        (r#""bytes""#, r#""\u0100""#, "code point U+0100 is above 255, so the string is not a byte string"),
        (r#"{"type": "fixed", "name": "F", "size": 2}"#, r#""abc""#, r#"`"abc"` has 3 bytes, but `r.F` holds 2"#),
        (r#"{"type": "enum", "name": "E", "symbols": ["A"]}"#, r#""B""#, "`B` is not a symbol of `r.E`"),
        (r#"{"type": "array", "items": "int"}"#, "[1, \"2\"]", r#"`"2"` is not a valid `int`"#),
        (r#"{"type": "map", "values": "int"}"#, r#"{"a": 1.5}"#, "`1.5` is not an integer literal, as `int` requires"),
        (r#"{"type": "map", "values": "int"}"#, "[]", "an array is not a valid `map`"),
        (
            r#"{"type": "record", "name": "P", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int", "default": 0}]}"#,
            r#"{"y": 1}"#,
            "the default lacks field `x`, which has no default of its own",
        ),
        (
            r#"{"type": "record", "name": "P", "fields": [{"name": "x", "type": "int"}]}"#,
            r#"{"x": "1"}"#,
            r#"`"1"` is not a valid `int`"#,
        ),
        (r#"["null", "string"]"#, "0", "`0` matches no branch of the union [null, string]"),
        (
            r#"{"type": "long", "logicalType": "timestamp-millis"}"#,
            r#""2024-01-01""#,
            r#"`"2024-01-01"` is not a valid `long`"#,
        ),
    ];
    for (ty, default, reason) in flagged {
        let input = field(ty, &format!(r#", "default": {default}"#));
        let actual = crate::support::render(&input, &ValidateOptions::default());
        assert!(actual.starts_with("E invalid-default "), "{ty} / {default}: {actual}");
        assert!(
            actual.ends_with(&format!("/r.R/fields/f/default: invalid default for field `f`: {reason}")),
            "{ty} / {default}: {actual}"
        );
        assert_eq!(actual.lines().count(), 1, "{actual}");
    }
    let quiet = [
        (r#""null""#, "null"),
        (r#""boolean""#, "false"),
        (r#""int""#, "-2147483648"),
        (r#""int""#, "2147483647"),
        (r#""long""#, "-9223372036854775808"),
        (r#""float""#, "1"),
        (r#""double""#, "-1.5e300"),
        (r#""bytes""#, r#""\u00ff\u0000""#),
        (r#"{"type": "fixed", "name": "F", "size": 2}"#, r#""\u00ffa""#),
        (r#""string""#, r#""NaN""#),
        (r#"{"type": "enum", "name": "E", "symbols": ["A"]}"#, r#""A""#),
        (r#"{"type": "array", "items": "int"}"#, "[]"),
        (r#"{"type": "map", "values": "int"}"#, "{}"),
        (
            r#"{"type": "record", "name": "P", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int", "default": 0}]}"#,
            r#"{"x": 1, "extra": true}"#,
        ),
        (r#"["null", "string"]"#, "null"),
        (r#"{"type": "bytes", "logicalType": "decimal", "precision": 4}"#, r#""\u0001""#),
    ];
    for (ty, default) in quiet {
        check(&field(ty, &format!(r#", "default": {default}"#)), "");
    }
}

#[test]
fn invalid_default_on_an_enum_type() {
    check(
        r#"{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "C"}"#,
        r#"E invalid-default "C" /E/default: the enum default `"C"` is not a symbol of `E`"#,
    );
    check(r#"{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "B"}"#, "");
}

#[test]
fn non_json_number_default() {
    check(
        &field(r#""double""#, r#", "default": "NaN""#),
        r#"W non-json-number-default "NaN" /r.R/fields/f/default: the default of field `f` is a string, not a JSON number"#,
    );
    check(
        &field(r#""float""#, r#", "default": "-Infinity""#),
        r#"W non-json-number-default "-Infinity" /r.R/fields/f/default: the default of field `f` is a string, not a JSON number"#,
    );
    check(
        &field(r#"["double", "null"]"#, r#", "default": "Infinity""#),
        r#"W non-json-number-default "Infinity" /r.R/fields/f/default: the default of field `f` is a string, not a JSON number"#,
    );
    check(&field(r#"["string", "double"]"#, r#", "default": "NaN""#), "");
}

#[test]
fn union_default_not_first_branch() {
    let flagged = &field(r#"["string", "null"]"#, r#", "default": null"#);
    check(
        flagged,
        r#"W union-default-not-first-branch null /r.R/fields/f/default: the default matches union branch 1 (`null`), not the first: readers on Avro ≤ 1.11 and avsc reject this"#,
    );
    let options = ValidateOptions { target_avro_1_11: true, ..ValidateOptions::default() };
    check_with(
        &options,
        flagged,
        r#"E union-default-not-first-branch null /r.R/fields/f/default: the default matches union branch 1 (`null`), not the first: readers on Avro ≤ 1.11 and avsc reject this"#,
    );
    check(
        &field(r#"["null", "int"]"#, r#", "default": 3"#),
        r#"W union-default-not-first-branch 3 /r.R/fields/f/default: the default matches union branch 1 (`int`), not the first: readers on Avro ≤ 1.11 and avsc reject this"#,
    );
    check(&field(r#"["int", "null"]"#, r#", "default": 3"#), "");
    check(&field(r#"["null", "string"]"#, r#", "default": null"#), "");
}

#[test]
fn ignored_logical_type() {
    let flagged = [
        (
            r#"{"type": "string", "logicalType": "date"}"#,
            "`date` is ignored: it belongs on an `int`, not a `string`; the field is plain `string`",
        ),
        (
            r#"{"type": "int", "logicalType": "timestamp-millis"}"#,
            "`timestamp-millis` is ignored: it belongs on a `long`, not an `int`; the field is plain `int`",
        ),
        (
            r#"{"type": "int", "logicalType": "decimal", "precision": 4}"#,
            "`decimal` is ignored: it belongs on a `bytes` or `fixed`, not an `int`; the field is plain `int`",
        ),
        (
            r#"{"type": "fixed", "name": "U", "size": 8, "logicalType": "uuid"}"#,
            "`uuid` is ignored: it belongs on a `string` or a `fixed` of size 16, not a `fixed` of size 8; the field is plain `fixed`",
        ),
        (
            r#"{"type": "fixed", "name": "D", "size": 11, "logicalType": "duration"}"#,
            "`duration` is ignored: it belongs on a `fixed` of size 12, not a `fixed` of size 11; the field is plain `fixed`",
        ),
        (
            r#"{"type": "bytes", "logicalType": "decimal"}"#,
            "`decimal` is ignored: `precision` is missing; the field is plain `bytes`",
        ),
        (
            r#"{"type": "bytes", "logicalType": "decimal", "precision": 0}"#,
            "`decimal` is ignored: `precision` 0 is not a positive integer; the field is plain `bytes`",
        ),
        (
            r#"{"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": -1}"#,
            "`decimal` is ignored: `scale` -1 is negative; the field is plain `bytes`",
        ),
        (
            r#"{"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}"#,
            "`decimal` is ignored: `scale` 3 > `precision` 2; the field is plain `bytes`",
        ),
        (
            r#"{"type": "bytes", "logicalType": "decimal", "precision": "4"}"#,
            r#"`decimal` is ignored: `precision` "4" is not a positive integer; the field is plain `bytes`"#,
        ),
        (
            r#"{"type": "string", "logicalType": "big-decimal"}"#,
            "`big-decimal` is ignored: it belongs on `bytes`, not a `string`; the field is plain `string`",
        ),
    ];
    for (ty, message) in flagged {
        let actual = crate::support::render(&field(ty, ""), &ValidateOptions::default());
        assert!(actual.starts_with("W ignored-logical-type "), "{ty}: {actual}");
        assert!(actual.ends_with(&format!(": {message}")), "{ty}: {actual}");
    }
    let quiet = [
        r#"{"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}"#,
        r#"{"type": "string", "logicalType": "uuid"}"#,
        r#"{"type": "int", "logicalType": "date"}"#,
        r#"{"type": "long", "logicalType": "local-timestamp-nanos"}"#,
        r#"{"type": "fixed", "name": "D", "size": 12, "logicalType": "duration"}"#,
        r#"{"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 30}"#,
        r#"{"type": "bytes", "logicalType": "big-decimal"}"#,
    ];
    for ty in quiet {
        check(&field(ty, ""), "");
    }
}

#[test]
fn unknown_logical_type() {
    let typo = field(r#"{"type": "long", "logicalType": "timestamp-milis"}"#, "");
    check(
        &typo,
        r#"I unknown-logical-type "timestamp-milis" /r.R/fields/f/type: `timestamp-milis` is not an Avro 1.12 logical type; readers without it ignore the annotation"#,
    );
    let custom = field(r#"{"type": "double", "logicalType": "kilograms"}"#, "");
    check(
        &custom,
        r#"I unknown-logical-type "kilograms" /r.R/fields/f/type: `kilograms` is not an Avro 1.12 logical type; readers without it ignore the annotation"#,
    );
    let options =
        ValidateOptions { known_custom_logical_types: vec!["kilograms".into()], ..ValidateOptions::default() };
    check_with(&options, &custom, "");
}

#[test]
fn decimal_precision_exceeds_fixed() {
    let fixed = |size: u32, precision: u32| {
        field(
            &format!(
                r#"{{"type": "fixed", "name": "Cod", "size": {size}, "logicalType": "decimal", "precision": {precision}, "scale": 2}}"#
            ),
            "",
        )
    };
    check(
        &fixed(2, 10),
        "E decimal-precision-exceeds-fixed 10 /r.Cod: `decimal` precision 10 exceeds the 4 digits a `fixed` of size 2 holds",
    );
    check(
        &fixed(8, 19),
        "E decimal-precision-exceeds-fixed 19 /r.Cod: `decimal` precision 19 exceeds the 18 digits a `fixed` of size 8 holds",
    );
    check(&fixed(8, 18), "");
    check(&fixed(16, 38), "");
}

#[test]
fn invalid_order() {
    check(
        &field(r#""string""#, r#", "order": "sideways""#),
        r#"E invalid-order "sideways" /r.R/fields/f/order: `order` must be `ascending`, `descending` or `ignore`, not `sideways`"#,
    );
    check(
        &field(r#""string""#, r#", "order": 1"#),
        "E invalid-order 1 /r.R/fields/f/order: `order` must be `ascending`, `descending` or `ignore`, not `1`",
    );
    check(&field(r#""string""#, r#", "order": "ignore""#), "");
}

#[test]
fn invalid_alias() {
    check(
        &field(r#""int""#, r#", "aliases": ["ship-date", "shipDate"]"#),
        r#"W invalid-alias "ship-date" /r.R/fields/f: alias `ship-date` is not a valid Avro name"#,
    );
    check(
        r#"{"type": "fixed", "name": "F", "size": 1, "aliases": ["Not Valid!", "com.acme.legacy.F"]}"#,
        r#"W invalid-alias "Not Valid!" /F: alias `Not Valid!` is not a valid Avro name"#,
    );
}

#[test]
fn alias_collision() {
    check(
        &record(
            r#"[{"name": "carrier", "type": "string"}, {"name": "carrierCode", "type": "string", "aliases": ["carrier"]}]"#,
        ),
        r#"W alias-collision "carrier" /r.R/fields/carrierCode: alias `carrier` of field `carrierCode` is the name of another field"#,
    );
    check(
        r#"[{"type": "fixed", "name": "ns.Delivered", "size": 1}, {"type": "fixed", "name": "ns.Dispatched", "size": 1, "aliases": ["Delivered", "Dispatched", "Old"]}]"#,
        r#"W alias-collision "Delivered" /ns.Dispatched: alias `ns.Delivered` of `ns.Dispatched` is the full name of another type"#,
    );
}

#[test]
fn confusing_name() {
    check(
        r#"{"type": "record", "name": "record", "fields": []}"#,
        r#"I confusing-name "record" /record: the type is called `record`, a type keyword"#,
    );
    check(
        r#"{"type": "enum", "name": "enum", "symbols": ["A"]}"#,
        r#"I confusing-name "enum" /enum: the type is called `enum`, a type keyword"#,
    );
    check(r#"{"type": "record", "name": "com.acme.record", "fields": []}"#, "");
}

#[test]
fn ignored_namespace() {
    check(
        r#"{"type": "fixed", "name": "a.b.F", "namespace": "c", "size": 1}"#,
        r#"I ignored-namespace "c" /a.b.F: `namespace` `c` is ignored: the dotted name sets the namespace `a.b`"#,
    );
    check(r#"{"type": "fixed", "name": "a.b.F", "namespace": "a.b", "size": 1}"#, "");
}

#[test]
fn misspelled_attribute() {
    check(
        &field(r#"["null", "string"]"#, r#", "defualt": null"#),
        r#"W misspelled-attribute "defualt" /r.R/fields/f: `defualt` looks like a misspelling of `default`"#,
    );
    check(
        &field(r#"{"type": "long", "logicaltype": "timestamp-millis"}"#, ""),
        r#"W misspelled-attribute "logicaltype" /r.R/fields/f/type: `logicaltype` looks like a misspelling of `logicalType`"#,
    );
    check(
        r#"{"type": "record", "name": "R", "aliasses": ["Q"], "fields": []}"#,
        r#"W misspelled-attribute "aliasses" /R: `aliasses` looks like a misspelling of `aliases`"#,
    );
    let quiet = r#", "x-owner": "team", "eventlint": {"ignore": ["money-as-float"]}, "note": "n", "nmae": 1"#;
    let options = ValidateOptions { allowed_attributes: vec!["nmae".into()], ..ValidateOptions::default() };
    check_with(&options, &field(r#""string""#, quiet), "");
}

#[test]
fn protocol_only_type() {
    check(
        r#"{"type": "error", "name": "Problem", "fields": [{"name": "code", "type": "string"}]}"#,
        r#"W protocol-only-type "error" /Problem: `error` is a protocol-only type, not meant for a schema file"#,
    );
}

#[test]
fn findings_name_the_nearest_named_type_as_subject() {
    let (_, set, _) =
        crate::support::load(&field(r#"{"type": "array", "items": {"type": "long", "logicalType": "date"}}"#, ""));
    let findings = eventlint_avro::validate(&set, &ValidateOptions::default());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].logical_path, "/r.R/fields/f/type/items");
    assert_eq!(findings[0].subject.as_ref().map(|subject| subject.name.as_str()), Some("r.R"));
}
