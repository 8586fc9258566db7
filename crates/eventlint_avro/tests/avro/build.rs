//! Building and resolving: names, namespaces, references, identity of named types, and the load errors.

use eventlint_avro::{Edge, NodeKind, Position};

use crate::support::{check, check_graph, load};

#[test]
fn named_types_are_one_node_shared_by_every_reference() {
    check_graph(
        r#"{"type": "record", "name": "Order", "namespace": "com.ex", "fields": [
            {"name": "ship", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
            {"name": "bill", "type": ["null", "Address"]},
            {"name": "next", "type": ["null", "com.ex.Order"]},
            {"name": "tags", "type": {"type": "map", "values": {"type": "array", "items": "string"}}}
        ]}"#,
        r#"record#0 com.ex.Order {ship: record#1 com.ex.Address {city: string}, bill: [null, @1], next: [null, @0], tags: map<array<string>>}"#,
    );
}

#[test]
fn namespaces_follow_the_nearest_named_type_and_dotted_names_win() {
    check_graph(
        r#"{"type": "record", "name": "a.b.C", "namespace": "ignored", "fields": [
            {"name": "d", "type": {"type": "enum", "name": "D", "symbols": ["X"]}},
            {"name": "e", "type": {"type": "fixed", "name": "E", "namespace": "", "size": 2}},
            {"name": "f", "type": {"type": "record", "name": "F", "namespace": "o", "fields": [
                {"name": "g", "type": {"type": "fixed", "name": "G", "size": 1}}]}},
            {"name": "h", "type": "D"},
            {"name": "i", "type": "o.G"}
        ]}"#,
        r#"record#0 a.b.C {d: enum#1 a.b.D ["X"], e: fixed#2 E(2), f: record#3 o.F {g: fixed#4 o.G(1)}, h: @1, i: @4}"#,
    );
}

#[test]
fn primitives_in_object_form_keep_their_logical_type_and_attributes() {
    let (_, set, diagnostics) = load(r#"{"type": "long", "logicalType": "timestamp-millis", "x-unit": "ms"}"#);
    assert!(diagnostics.is_empty());
    let root = set.node(set.files()[0].root.node);
    assert!(matches!(root.kind, NodeKind::Long));
    assert_eq!(root.logical_type.as_ref().and_then(|logical| logical.name()), Some("timestamp-millis"));
    assert_eq!(root.attributes.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), ["x-unit"]);
}

#[test]
fn references_resolve_in_the_same_file_first_then_across_the_set() {
    check_graph(
        r#"
        //- Money.avsc
        {"type": "record", "name": "Money", "namespace": "p", "fields": [{"name": "minor", "type": "long"}]}
        //- Paid.avsc
        {"type": "record", "name": "Paid", "namespace": "p", "fields": [{"name": "amount", "type": "Money"}, {"name": "loop", "type": ["null", "Back"]}]}
        //- Back.avsc
        {"type": "record", "name": "p.Back", "fields": [{"name": "paid", "type": "Paid"}, {"name": "own", "type":
          {"type": "record", "name": "Money", "fields": [{"name": "major", "type": "int"}]}}, {"name": "m", "type": "Money"}]}
        "#,
        r#"
        record#0 p.Money {minor: long}
        record#2 p.Paid {amount: @0, loop: [null, record#5 p.Back {paid: @2, own: record#6 p.Money {major: int}, m: @6}]}
        @5
        "#,
    );
}

#[test]
fn lookups_find_top_level_and_nested_definitions_and_paths_name_the_place() {
    let (_, set, _) = load(
        r#"
        //- a.avsc
        ["null", {"type": "record", "name": "x.A", "fields": [
            {"name": "b", "type": ["null", {"type": "array", "items": {"type": "enum", "name": "B", "symbols": ["S"]}}]}]}]
        //- c.avsc
        {"type": "record", "name": "x.C", "fields": [{"name": "f/~", "type": ["null", "x.A"]}]}
        "#,
    );
    let (a_file, c_file) = (set.files()[0].file, set.files()[1].file);
    let a = set.resolve_in_file(a_file, "x.A").unwrap();
    let b = set.resolve_in_file(a_file, "x.B").unwrap();
    assert_eq!(set.resolve_in_file(c_file, "x.B"), None);
    assert_eq!(set.named("x.B"), Some(b));
    assert_eq!(set.named_types().count(), 3);
    assert_eq!(set.path(a), "/x.A");
    assert_eq!(set.field_path(a, 0), "/x.A/fields/b");
    let union = set.node(a).as_record().unwrap().fields[0].ty.node;
    let array = set.node(union).branches().unwrap()[1].node;
    assert_eq!(set.path(array), "/x.A/fields/b/type/1");
    assert_eq!(set.path(set.node(array).position.parent.unwrap()), "/x.A/fields/b/type");
    assert_eq!(set.subject(array), Some("x.A"));
    let c = set.root(c_file).unwrap();
    assert_eq!(set.position_path(Position { parent: Some(c), edge: Edge::Field(0) }), "/x.C/fields/f~1~0/type");
    let a_root = set.root(a_file).unwrap();
    assert_eq!(set.position_path(Position { parent: Some(a_root), edge: Edge::Branch(0) }), "/0");
    assert_eq!(set.subject(a_root), None);
}

#[test]
fn missing_or_malformed_attributes_are_load_errors_at_the_object() {
    check(
        r#"{"type": "record", "fields": [{"type": "int"}, {"name": "b"}]}"#,
        r#"
        E load/avro-invalid-schema {: `record` is missing `name`
        E load/avro-invalid-schema {: a field is missing `name`
        E load/avro-invalid-schema {: a field is missing `type`
        "#,
    );
    check(
        r#"[{"type": "record", "name": "R"}, {"type": "enum", "name": "E"}, {"type": "fixed", "name": "F"},
            {"type": "array"}, {"type": "map"}, {"name": "x"}]"#,
        r#"
        E load/avro-invalid-schema {: `record` is missing `fields`
        E load/avro-invalid-schema {: `enum` is missing `symbols`
        E load/avro-invalid-schema {: `fixed` is missing `size`
        E load/avro-invalid-schema {: `array` is missing `items`
        E load/avro-invalid-schema {: `map` is missing `values`
        E load/avro-invalid-schema {: a schema object is missing `type`
        "#,
    );
    check(
        r#"[{"type": "fixed", "name": "A", "size": -1}, {"type": "fixed", "name": "B", "size": "4"},
            {"type": "fixed", "name": "C", "size": 4.0}, {"type": "fixed", "name": "D", "size": 2147483648},
            {"type": "record", "name": "R", "fields": {}}, {"type": "enum", "name": "E", "symbols": ["A", 1]},
            {"type": "record", "name": "S", "aliases": "T", "fields": []}, {"type": ["int"]}, 3]"#,
        r#"
        E load/avro-invalid-schema -1: `size` must be a non-negative integer below 2^31, not `-1`
        E load/avro-invalid-schema "4": `size` must be a non-negative integer below 2^31, not the string `"4"`
        E load/avro-invalid-schema 4.0: `size` must be a non-negative integer below 2^31, not `4.0`
        E load/avro-invalid-schema 2147483648: `size` must be a non-negative integer below 2^31, not `2147483648`
        E load/avro-invalid-schema {}: `fields` must be an array of field objects, not an object
        E load/avro-invalid-schema 1: `symbol` must be a string, not `1`
        E load/avro-invalid-schema "T": `aliases` must be an array of strings, not the string `"T"`
        E load/avro-invalid-schema ["int"]: `type` must be a type name string, not an array
        E load/avro-invalid-schema 3: a schema must be a type name, an object or a union array, not a number
        "#,
    );
}

#[test]
fn undefined_names_are_load_errors_with_a_targeted_help() {
    check(
        r#"{"type": "recrod", "name": "A", "fields": []}"#,
        r#"E load/avro-invalid-schema "recrod": `recrod` is not a defined type"#,
    );
    check(
        r#"
        //- other.avsc
        {"type": "fixed", "name": "other.X", "size": 1}
        //- plain.avsc
        {"type": "fixed", "name": "Y", "size": 1}
        //- user.avsc
        {"type": "record", "name": "ns.U", "fields": [{"name": "x", "type": "X"}, {"name": "y", "type": "Y"}]}
        "#,
        r#"
        E load/avro-invalid-schema user.avsc:"X": `X` is not a defined type
        E load/avro-invalid-schema user.avsc:"Y": `Y` is not a defined type
        "#,
    );
    let (_, _, diagnostics) = load(
        r#"
        //- other.avsc
        {"type": "fixed", "name": "other.X", "size": 1}
        //- plain.avsc
        {"type": "fixed", "name": "Y", "size": 1}
        //- user.avsc
        {"type": "record", "name": "ns.U", "fields": [{"name": "x", "type": "X"}, {"name": "y", "type": "Y"},
          {"name": "z", "type": "recod"}]}
        "#,
    );
    let helps: Vec<_> = diagnostics.iter().map(|d| d.help.clone().unwrap_or_default()).collect();
    assert_eq!(
        helps,
        [
            "reference it by its full name `other.X`",
            "give `Y` a namespace and reference it by fullname",
            "write `record` instead"
        ]
    );
    assert_eq!(
        diagnostics[1].notes,
        ["Java 1.12 resolves this to the null-namespace `Y` as a leniency; Python, avsc and apache-avro reject it"]
    );
}

#[test]
fn a_full_name_defined_twice_in_one_file_is_a_load_error_even_when_identical() {
    check(
        r#"["null", {"type": "fixed", "name": "F", "size": 1}, {"type": "fixed", "name": "F", "size": 1}]"#,
        r#"E load/avro-invalid-schema "F": `F` is defined twice in this file"#,
    );
    check(
        r#"{"type": "record", "name": "n.R", "fields": [{"name": "a", "type": {"type": "enum", "name": "E", "symbols": ["X"]}},
            {"name": "b", "type": {"type": "enum", "name": "n.E", "symbols": ["Y"]}}]}"#,
        r#"E load/avro-invalid-schema "n.E": `n.E` is defined twice in this file"#,
    );
}

#[test]
fn identical_copies_across_files_are_quiet_and_references_use_the_first() {
    let money = r#"{"type": "record", "name": "p.Money", "fields": [{"name": "minor", "type": "long"}]}"#;
    let reordered = r#"{"fields": [{"type": "long", "name": "minor"}], "name": "p.Money", "type": "record"}"#;
    let input = format!(
        "//- a.avsc\n{money}\n//- b.avsc\n{reordered}\n//- c.avsc\n{{\"type\": \"array\", \"items\": \"p.Money\"}}\n"
    );
    check(&input, "");
    let (_, set, _) = load(&input);
    let first = set.resolve_in_file(set.files()[0].file, "p.Money");
    assert_eq!(set.named("p.Money"), first);
    let NodeKind::Array { items } = &set.node(set.files()[2].root.node).kind else { panic!("not an array") };
    assert_eq!(Some(items.node), first);
    assert!(set.differing_copies().is_empty());
}
