//! Parsing Canonical Form and CRC-64-AVRO fingerprints against the values published with the Avro specification's
//! test data (`share/test/data/schema-tests.txt`), plus the logical-type stripping apache-avro gets wrong (§5).

mod support;

use eventlint_compat::{canonical_form, fingerprint, rabin};
use support::Sets;

fn check(schema: &str, canonical: &str, published_fingerprint: Option<i64>) {
    let mut sets = Sets::default();
    let index = sets.add(&[schema]);
    let schema = sets.schema(index);
    assert_eq!(canonical_form(schema), canonical);
    if let Some(expected) = published_fingerprint {
        assert_eq!(fingerprint(schema) as i64, expected, "{canonical}");
    }
}

#[test]
fn primitives_take_their_simple_form() {
    check(r#""null""#, r#""null""#, Some(7195948357588979594));
    check(r#"{"type": "null"}"#, r#""null""#, None);
    check(r#""boolean""#, r#""boolean""#, Some(-6970731678124411036));
    check(r#""int""#, r#""int""#, Some(8247732601305521295));
    check(r#"{"type":"long"}"#, r#""long""#, Some(-3434872931120570953));
    check(r#""string""#, r#""string""#, Some(-8142146995180207161));
}

#[test]
fn unions_arrays_and_maps() {
    check("[  ]", "[]", Some(-1241056759729112623));
    check(r#"[ "int" , {"type":"boolean"} ]"#, r#"["int","boolean"]"#, Some(5392556393470105090));
    check(
        r#"{ "items":{"type":"null"}, "type":"array"}"#,
        r#"{"type":"array","items":"null"}"#,
        Some(-589620603366471059),
    );
    check(r#"{ "values":"string", "type":"map"}"#, r#"{"type":"map","values":"string"}"#, Some(-8732877298790414990));
}

#[test]
fn named_types_get_full_names_and_only_parsing_attributes() {
    check(
        r#"{"fields":[], "type":"record", "name":"foo"}"#,
        r#"{"name":"foo","type":"record","fields":[]}"#,
        Some(-4824392279771201922),
    );
    check(
        r#"{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}"#,
        r#"{"name":"x.y.foo","type":"record","fields":[]}"#,
        Some(5916914534497305771),
    );
    check(
        r#"{"fields":[], "type":"record", "name":"foo", "doc":"x", "aliases":["bar"]}"#,
        r#"{"name":"foo","type":"record","fields":[]}"#,
        Some(-4824392279771201922),
    );
    check(
        r#"{"fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},
                      {"order":"descending","name":"f2","doc":"Hello","type":"int"}], "type":"record", "name":"foo"}"#,
        r#"{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}"#,
        Some(-4860222112080293046),
    );
    check(
        r#"{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}"#,
        r#"{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}"#,
        Some(-4448647247586288245),
    );
    check(
        r#"{"name":"foo","type":"fixed","size":15}"#,
        r#"{"name":"foo","type":"fixed","size":15}"#,
        Some(1756455273707447556),
    );
}

#[test]
fn a_named_type_is_written_once_then_referenced_by_full_name() {
    check(
        r#"{"name":"PigValue","type":"record","fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}"#,
        r#"{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}"#,
        Some(-1759257747318642341),
    );
    check(
        r#"{"type":"record","name":"R","namespace":"n","fields":[
            {"name":"a","type":{"type":"fixed","name":"F","size":2}},{"name":"b","type":"F"}]}"#,
        r#"{"name":"n.R","type":"record","fields":[{"name":"a","type":{"name":"n.F","type":"fixed","size":2}},{"name":"b","type":"n.F"}]}"#,
        None,
    );
}

#[test]
fn logical_types_are_stripped() {
    check(r#"{"type":"long","logicalType":"timestamp-millis"}"#, r#""long""#, None);
    check(
        r#"{"name":"D","type":"fixed","size":8,"logicalType":"decimal","precision":4,"scale":2}"#,
        r#"{"name":"D","type":"fixed","size":8}"#,
        None,
    );
    check(r#"{"type":"bytes","logicalType":"decimal","precision":4}"#, r#""bytes""#, None);
}

#[test]
fn rabin_of_nothing_is_the_empty_fingerprint() {
    assert_eq!(rabin(b""), 0xc15d_213a_a4d7_a795);
}
