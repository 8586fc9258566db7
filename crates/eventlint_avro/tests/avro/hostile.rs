//! Hostile inputs end in a limit error or a graph, never in a panic or a stack overflow.

use eventlint_avro::SchemaSet;
use eventlint_diagnostics::{FileId, Limits};

#[test]
fn a_hundred_thousand_nested_arrays_are_a_limit_error() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let (value, diagnostics) = eventlint_json::parse(FileId(0), &deep, &Limits::default());
    assert!(value.is_none());
    assert_eq!(diagnostics[0].code, "load/limit-exceeded");
}

#[test]
fn unions_nested_to_the_json_limit_build() {
    let depth = Limits::default().max_depth;
    let text = "[".repeat(depth) + "\"int\"" + &"]".repeat(depth);
    let (value, diagnostics) = eventlint_json::parse(FileId(0), &text, &Limits::default());
    assert!(diagnostics.is_empty());
    let value = value.unwrap();
    let (set, errors) = SchemaSet::build(&[(FileId(0), &value)]);
    assert!(errors.is_empty());
    assert_eq!(set.len(), depth + 1);
    let findings = eventlint_avro::validate(&set, &Default::default());
    assert_eq!(findings.len(), depth - 1, "one nested union per level");
}

#[test]
fn huge_node_counts_hit_the_node_limit_and_big_files_still_build_and_validate() {
    let fields: Vec<String> =
        (0..120_000).map(|i| format!(r#"{{"name": "f{i}", "type": ["null", "int"], "aliases": ["a{i}"]}}"#)).collect();
    let text = format!(r#"{{"type": "record", "name": "Big", "fields": [{}]}}"#, fields.join(","));
    let small = Limits { max_expanded_nodes: 100_000, ..Limits::default() };
    let (value, diagnostics) = eventlint_json::parse(FileId(0), &text, &small);
    assert!(value.is_none());
    assert_eq!(diagnostics[0].code, "load/limit-exceeded");
    let (value, diagnostics) = eventlint_json::parse(FileId(0), &text, &Limits::default());
    assert!(diagnostics.is_empty());
    let value = value.unwrap();
    let (set, errors) = SchemaSet::build(&[(FileId(0), &value)]);
    assert!(errors.is_empty());
    assert_eq!(set.node(set.files()[0].root.node).as_record().unwrap().fields.len(), 120_000);
    // Every rule stays linear in the number of fields (duplicate and alias checks are hashed).
    assert!(eventlint_avro::validate(&set, &Default::default()).is_empty());
}

#[test]
fn self_referencing_and_mutually_recursive_files_terminate_in_every_rule() {
    let a = r#"{"type": "record", "name": "p.A", "fields": [{"name": "b", "type": ["null", "p.B"], "default": null},
        {"name": "me", "type": {"type": "array", "items": "p.A"}, "default": [{"b": null, "me": []}]}]}"#;
    let b = r#"{"type": "record", "name": "p.B", "fields": [{"name": "a", "type": "p.A", "default": {"b": {"a": {"b": {"a": "x"}}}}}]}"#;
    let (a_value, _) = eventlint_json::parse(FileId(0), a, &Limits::default());
    let (b_value, _) = eventlint_json::parse(FileId(1), b, &Limits::default());
    let (a_value, b_value) = (a_value.unwrap(), b_value.unwrap());
    let (set, errors) = SchemaSet::build(&[(FileId(0), &a_value), (FileId(1), &b_value)]);
    assert!(errors.is_empty());
    let findings = eventlint_avro::validate(&set, &Default::default());
    let codes: Vec<_> = findings.iter().map(|finding| finding.code.as_str()).collect();
    assert_eq!(codes, ["invalid-default"], "{findings:?}");
    assert!(findings[0].message.contains("`\"x\"` is not a valid `p.A`"), "{}", findings[0].message);
}

/// Every prefix and every one-character deletion of a schema with non-ASCII text either loads or yields diagnostics
/// that render; nothing panics.
#[test]
fn truncated_and_damaged_schemas_never_panic() {
    let text = r#"{"type": "record", "name": "Zahlung", "namespace": "ch.bank", "doc": "Überweisung – ½ 😀",
 "fields": [{"name": "betrag", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}, "default": "\u00ff"},
  {"name": "währung", "type": {"type": "enum", "name": "W", "symbols": ["CHF", "EUR"], "default": "CHF"}},
  {"name": "next", "type": ["null", "Zahlung"], "default": null}, {"name": "tags", "type": {"type": "map", "values": "string"}}]}"#;
    let boundaries: Vec<usize> = text.char_indices().map(|(index, _)| index).chain([text.len()]).collect();
    let mut variants: Vec<String> = boundaries.iter().map(|&end| text[..end].to_owned()).collect();
    for pair in boundaries.windows(2) {
        variants.push(format!("{}{}", &text[..pair[0]], &text[pair[1]..]));
    }
    for variant in &variants {
        let mut sources = eventlint_diagnostics::Sources::new();
        let file = sources.add("z.avsc", variant.clone());
        let (value, mut diagnostics) = eventlint_json::parse(file, variant, &Limits::default());
        if let Some(value) = &value {
            let (set, errors) = SchemaSet::build(&[(file, value)]);
            diagnostics.extend(errors);
            diagnostics.extend(eventlint_avro::validate(&set, &Default::default()));
        } else {
            assert!(!diagnostics.is_empty(), "{variant}");
        }
        for diagnostic in &diagnostics {
            eventlint_diagnostics::render_full(&sources, diagnostic, false, 80);
        }
    }
}
