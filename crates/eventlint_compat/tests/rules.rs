//! One small fixture per rule and quirk of Java's compatibility algorithm (avro-compat §3.2–§3.5), written from the
//! spec. Each fixture is a reader, a writer and the expected incompatibilities, one per line:
//! `TYPE location message`, with `(java: …)` appended when Java's location differs from the corrected one.

use eventlint_compat::{Checker, answer_line};
use serde_json::json;

fn check(reader: serde_json::Value, writer: serde_json::Value, expect: &str) {
    let line = json!({"reader": reader, "writer": writer}).to_string();
    let (_, answer) = answer_line(&mut Checker::new(), &line);
    let actual = match answer {
        Ok(result) => result
            .incompatibilities
            .iter()
            .map(|found| {
                let java = if found.java_location == found.location {
                    String::new()
                } else {
                    format!(" (java: {})", found.java_location)
                };
                format!("{} {} {}{java}", found.kind.java_name(), found.location, found.message)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => format!("error {error}"),
    };
    let expect: Vec<&str> = expect.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    assert_eq!(actual, expect.join("\n"), "\nreader: {reader}\nwriter: {writer}");
}

fn record(name: &str, fields: serde_json::Value) -> serde_json::Value {
    json!({"type": "record", "name": name, "fields": fields})
}

#[test]
fn same_primitives_are_compatible() {
    for primitive in ["null", "boolean", "int", "long", "float", "double", "bytes", "string"] {
        check(json!(primitive), json!(primitive), "");
    }
}

#[test]
fn promotions_are_compatible_one_way() {
    for (reader, writer) in [
        ("long", "int"),
        ("float", "int"),
        ("float", "long"),
        ("double", "int"),
        ("double", "long"),
        ("double", "float"),
        ("bytes", "string"),
        ("string", "bytes"),
    ] {
        check(json!(reader), json!(writer), "");
    }
    check(json!("int"), json!("long"), "TYPE_MISMATCH / reader type: INT not compatible with writer type: LONG");
    check(
        json!("float"),
        json!("double"),
        "TYPE_MISMATCH / reader type: FLOAT not compatible with writer type: DOUBLE",
    );
    check(json!("long"), json!("float"), "TYPE_MISMATCH / reader type: LONG not compatible with writer type: FLOAT");
    check(
        json!("null"),
        json!("boolean"),
        "TYPE_MISMATCH / reader type: NULL not compatible with writer type: BOOLEAN",
    );
    check(json!("boolean"), json!("int"), "TYPE_MISMATCH / reader type: BOOLEAN not compatible with writer type: INT");
}

#[test]
fn complex_reader_against_another_kind_is_a_type_mismatch() {
    let array = json!({"type": "array", "items": "int"});
    let map = json!({"type": "map", "values": "int"});
    check(array.clone(), map.clone(), "TYPE_MISMATCH / reader type: ARRAY not compatible with writer type: MAP");
    check(map, array, "TYPE_MISMATCH / reader type: MAP not compatible with writer type: ARRAY");
    check(
        record("R", json!([])),
        json!("string"),
        "TYPE_MISMATCH / reader type: RECORD not compatible with writer type: STRING",
    );
}

#[test]
fn array_items_and_map_values_add_their_token() {
    check(
        json!({"type": "array", "items": "int"}),
        json!({"type": "array", "items": "long"}),
        "TYPE_MISMATCH /items reader type: INT not compatible with writer type: LONG",
    );
    check(
        json!({"type": "map", "values": "string"}),
        json!({"type": "map", "values": "int"}),
        "TYPE_MISMATCH /values reader type: STRING not compatible with writer type: INT",
    );
    check(json!({"type": "map", "values": "long"}), json!({"type": "map", "values": "int"}), "");
}

#[test]
fn fixed_checks_name_then_size_and_reports_both() {
    check(
        json!({"type": "fixed", "name": "A", "size": 32}),
        json!({"type": "fixed", "name": "ns.B", "size": 16}),
        "NAME_MISMATCH /name expected: ns.B
         FIXED_SIZE_MISMATCH /size expected: 16, found: 32",
    );
}

#[test]
fn enum_symbols_missing_from_the_reader_are_sorted() {
    let reader = json!({"type": "enum", "name": "E", "symbols": ["A", "C"]});
    let writer = json!({"type": "enum", "name": "E", "symbols": ["D", "C", "B", "A"]});
    check(reader, writer, "MISSING_ENUM_SYMBOLS /symbols [B, D]");
}

#[test]
fn an_enum_default_absorbs_missing_symbols() {
    let reader = json!({"type": "enum", "name": "E", "symbols": ["A", "OTHER"], "default": "OTHER"});
    let writer = json!({"type": "enum", "name": "E", "symbols": ["A", "B"]});
    check(reader, writer, "");
}

#[test]
fn enum_name_mismatch_comes_before_symbols() {
    let reader = json!({"type": "enum", "name": "F", "symbols": ["A"]});
    let writer = json!({"type": "enum", "name": "E", "namespace": "n", "symbols": ["A", "B"]});
    check(
        reader,
        writer,
        "NAME_MISMATCH /name expected: n.E
         MISSING_ENUM_SYMBOLS /symbols [B]",
    );
}

#[test]
fn names_compare_unqualified_so_namespaces_are_ignored() {
    let reader = json!({"type": "record", "name": "R", "namespace": "a", "fields": []});
    let writer = json!({"type": "record", "name": "b.R", "fields": []});
    check(reader, writer, "");
}

#[test]
fn a_reader_alias_equal_to_the_writer_full_name_matches() {
    let reader = json!({"type": "record", "name": "New", "namespace": "n", "aliases": ["n.Old"], "fields": []});
    check(reader, json!({"type": "record", "name": "Old", "namespace": "n", "fields": []}), "");
}

#[test]
fn relative_reader_aliases_are_qualified_with_the_reader_namespace() {
    // Java stores alias `A` on `ns.B` as `ns.A`, so a writer `A` in the null namespace does not match it (§2.5).
    let reader = json!({"type": "record", "name": "B", "namespace": "ns", "aliases": ["A"], "fields": []});
    check(reader.clone(), record("A", json!([])), "NAME_MISMATCH /name expected: A");
    check(reader, json!({"type": "record", "name": "ns.A", "fields": []}), "");
}

#[test]
fn writer_aliases_are_never_used() {
    let writer = json!({"type": "record", "name": "B", "aliases": ["A"], "fields": []});
    check(record("A", json!([])), writer, "NAME_MISMATCH /name expected: B");
}

#[test]
fn a_name_mismatch_does_not_stop_the_field_walk() {
    let reader = record("Addr", json!([{"name": "street", "type": "string"}, {"name": "zip", "type": "string"}]));
    let writer = record("Address", json!([{"name": "street", "type": "string"}]));
    check(
        reader,
        writer,
        "NAME_MISMATCH /name expected: Address
         READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 zip",
    );
}

#[test]
fn reader_fields_are_checked_in_reader_order_with_type_tokens() {
    let reader = record("R", json!([{"name": "b", "type": "int"}, {"name": "a", "type": "string"}]));
    let writer = record("R", json!([{"name": "a", "type": "int"}, {"name": "b", "type": "long"}]));
    check(
        reader,
        writer,
        "TYPE_MISMATCH /fields/0/type reader type: INT not compatible with writer type: LONG
         TYPE_MISMATCH /fields/1/type reader type: STRING not compatible with writer type: INT",
    );
}

#[test]
fn writer_only_fields_are_ignored() {
    let reader = record("R", json!([{"name": "a", "type": "int"}]));
    let writer = record("R", json!([{"name": "a", "type": "int"}, {"name": "gone", "type": "string"}]));
    check(reader, writer, "");
}

#[test]
fn a_reader_only_field_needs_a_default_and_null_counts() {
    let writer = record("R", json!([]));
    check(
        record("R", json!([{"name": "x", "type": "string"}])),
        writer.clone(),
        "READER_FIELD_MISSING_DEFAULT_VALUE /fields/0 x",
    );
    check(record("R", json!([{"name": "x", "type": ["null", "string"], "default": null}])), writer.clone(), "");
    check(record("R", json!([{"name": "x", "type": "string", "default": ""}])), writer, "");
}

#[test]
fn a_reader_field_alias_finds_the_renamed_writer_field() {
    let reader = record("R", json!([{"name": "buyer", "aliases": ["customer"], "type": "long"}]));
    check(reader.clone(), record("R", json!([{"name": "customer", "type": "int"}])), "");
    check(
        reader,
        record("R", json!([{"name": "customer", "type": "string"}])),
        "TYPE_MISMATCH /fields/0/type reader type: LONG not compatible with writer type: STRING",
    );
}

#[test]
fn writer_field_aliases_are_never_used() {
    let reader = record("R", json!([{"name": "customer", "type": "int"}]));
    let writer = record("R", json!([{"name": "buyer", "aliases": ["customer"], "type": "int"}]));
    check(reader, writer, "READER_FIELD_MISSING_DEFAULT_VALUE /fields/0 customer");
}

#[test]
fn a_field_matching_several_writer_fields_is_unresolvable() {
    let writer = record("W", json!([{"name": "a", "type": "int"}, {"name": "b", "type": "int"}]));
    let by_name_and_alias = record("R", json!([{"name": "a", "aliases": ["b"], "type": "int"}]));
    check(
        by_name_and_alias,
        writer.clone(),
        "error unresolvable: reader field `a` of `R` matches several fields of writer record `W`: `a`, `b`",
    );
    let by_two_aliases = record("R", json!([{"name": "c", "aliases": ["a", "b"], "type": "int"}]));
    check(
        by_two_aliases,
        writer.clone(),
        "error unresolvable: reader field `c` of `R` matches several fields of writer record `W`: `a`, `b`",
    );
    let repeated_alias = record("R", json!([{"name": "c", "aliases": ["a", "a"], "type": "int"}]));
    check(repeated_alias, writer, "NAME_MISMATCH /name expected: W");
}

#[test]
fn an_enum_default_does_not_stand_in_for_a_field_default() {
    // Java compares the enum with the writer record (§3.5.3).
    let reader =
        record("R", json!([{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"], "default": "A"}}]));
    check(
        reader,
        record("R", json!([])),
        "TYPE_MISMATCH /fields/0/type reader type: ENUM not compatible with writer type: RECORD",
    );
}

#[test]
fn union_against_union_reports_each_unreadable_writer_branch() {
    check(
        json!(["null", "int"]),
        json!(["string", "null", "long", "int"]),
        "MISSING_UNION_BRANCH /0 reader union lacking writer type: STRING
         MISSING_UNION_BRANCH /2 reader union lacking writer type: LONG",
    );
    check(json!(["null", "long", "string"]), json!(["int", "null"]), "");
}

#[test]
fn writer_union_against_a_plain_reader_reports_under_the_branch_index() {
    let reader = record("R", json!([{"name": "f", "type": "int"}]));
    let writer = record("R", json!([{"name": "f", "type": ["null", "int", "string"], "default": null}]));
    check(
        reader,
        writer,
        "TYPE_MISMATCH /fields/0/type/0 reader type: INT not compatible with writer type: NULL
         TYPE_MISMATCH /fields/0/type/2 reader type: INT not compatible with writer type: STRING",
    );
}

#[test]
fn reader_union_against_a_plain_writer_needs_one_fully_compatible_branch() {
    check(json!(["null", "string"]), json!("string"), "");
    check(json!(["null", "double"]), json!("int"), "");
    check(json!(["null", "string"]), json!("int"), "MISSING_UNION_BRANCH / reader union lacking writer type: INT");
    // The first shallow match (R by name) is incompatible; a later branch (S by alias) is fully compatible.
    let reader = json!([
        record("R", json!([{"name": "x", "type": "int"}])),
        {"type": "record", "name": "S", "aliases": ["R"], "fields": []},
    ]);
    check(reader, record("R", json!([{"name": "x", "type": "string"}])), "");
}

#[test]
fn empty_unions() {
    check(json!("int"), json!([]), "");
    check(json!([]), json!([]), "");
    check(json!([]), json!("int"), "MISSING_UNION_BRANCH / reader union lacking writer type: INT");
}

#[test]
fn recursive_records_are_compatible_with_themselves() {
    let list = record("Node", json!([{"name": "value", "type": "int"}, {"name": "next", "type": ["null", "Node"]}]));
    check(list.clone(), list, "");
    let reader = record("Node", json!([{"name": "value", "type": "long"}, {"name": "next", "type": ["null", "Node"]}]));
    let writer =
        record("Node", json!([{"name": "value", "type": "string"}, {"name": "next", "type": ["null", "Node"]}]));
    check(reader, writer, "TYPE_MISMATCH /fields/0/type reader type: LONG not compatible with writer type: STRING");
}

#[test]
fn memo_reports_a_pair_first_met_in_a_probe_at_its_probe_location() {
    // §3.5.1: reader {u: ["null", Inner], v: Inner}, writer {u: Inner, v: Inner}; the reader's Inner needs `b`.
    let inner = |fields| record("Inner", fields);
    let reader = record(
        "R",
        json!([
            {"name": "u", "type": ["null", inner(json!([{"name": "a", "type": "int"}, {"name": "b", "type": "int"}]))]},
            {"name": "v", "type": "Inner"},
        ]),
    );
    let writer = record(
        "R",
        json!([{"name": "u", "type": inner(json!([{"name": "a", "type": "int"}]))}, {"name": "v", "type": "Inner"}]),
    );
    check(
        reader,
        writer,
        "MISSING_UNION_BRANCH /fields/0/type reader union lacking writer type: RECORD
         READER_FIELD_MISSING_DEFAULT_VALUE /fields/1/type/fields/1 b (java: /fields/1)",
    );
}

#[test]
fn memo_repeats_the_first_location_for_a_named_pair_reached_twice() {
    let reader = record(
        "R",
        json!([
            {"name": "a", "type": record("Address", json!([{"name": "street", "type": "string"}, {"name": "zip", "type": "string"}]))},
            {"name": "b", "type": "Address"},
        ]),
    );
    let writer = record(
        "R",
        json!([
            {"name": "a", "type": record("Address", json!([{"name": "street", "type": "string"}]))},
            {"name": "b", "type": "Address"},
        ]),
    );
    check(
        reader,
        writer,
        "READER_FIELD_MISSING_DEFAULT_VALUE /fields/0/type/fields/1 zip
         READER_FIELD_MISSING_DEFAULT_VALUE /fields/1/type/fields/1 zip (java: /fields/0/type/fields/1)",
    );
}

#[test]
fn logical_types_are_ignored() {
    let decimal = |precision| json!({"type": "bytes", "logicalType": "decimal", "precision": precision, "scale": 2});
    check(decimal(10), decimal(12), "");
    check(
        json!({"type": "long", "logicalType": "timestamp-millis"}),
        json!({"type": "long", "logicalType": "timestamp-micros"}),
        "",
    );
    check(json!({"type": "long", "logicalType": "timestamp-millis"}), json!("int"), "");
    check(
        json!({"type": "string", "logicalType": "uuid"}),
        json!({"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}),
        "TYPE_MISMATCH / reader type: STRING not compatible with writer type: FIXED",
    );
    check(
        json!({"type": "int", "logicalType": "date"}),
        json!("long"),
        "TYPE_MISMATCH / reader type: INT not compatible with writer type: LONG",
    );
}

#[test]
fn unanswerable_lines_say_why() {
    let mut checker = Checker::new();
    let error = |line: &str| answer_line(&mut Checker::new(), line).1.map(|_| ()).unwrap_err().to_string();
    assert!(error("{\"reader\": \"int\",").starts_with("invalid-json: "));
    assert_eq!(error("[1]"), "invalid-json: a line must be a JSON object");
    assert_eq!(error("{\"reader\": \"int\"}"), "invalid-json: a line needs both `reader` and `writer`");
    assert_eq!(
        error("{\"reader\": \"int\", \"writer\": \"Nope\"}"),
        "invalid-schema: writer: `Nope` is not a defined type"
    );
    let (id, answer) = answer_line(&mut checker, r#"{"id": {"n": [1]}, "reader": "int", "writer": "int", "x": 0}"#);
    assert_eq!(id, Some(json!({"n": [1]})));
    assert!(answer.is_ok_and(|result| result.is_compatible()));
}

#[test]
fn output_lines_echo_the_id_and_use_the_exchange_format() {
    let mut checker = Checker::new();
    let line = eventlint_compat::check_pair_line(&mut checker, r#"{"id": 7, "reader": "null", "writer": "int"}"#);
    assert_eq!(
        line,
        r#"{"id":7,"compatible":false,"incompatibilities":[{"type":"TYPE_MISMATCH","location":"/","message":"reader type: NULL not compatible with writer type: INT","java_location":"/"}]}"#
    );
    let line = eventlint_compat::check_pair_line(&mut checker, r#"{"reader": "int", "writer": "int"}"#);
    assert_eq!(line, r#"{"compatible":true,"incompatibilities":[]}"#);
    let line = eventlint_compat::check_pair_line(&mut checker, "nope");
    assert!(line.starts_with(r#"{"error":"invalid-json: "#), "{line}");
}
