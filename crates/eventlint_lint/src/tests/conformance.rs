//! Parse conformance with the Avro 1.12 specification: each schema of the table becomes a message's value schema
//! (plus the files it references); valid ones load with no error-level finding under every rule, invalid ones are
//! rejected with a located error: a load error, or a finding of the named rule.

use eventlint_diagnostics::{Limits, Severity, render_concise, resolve_all};
use eventlint_project::{InputFile, ProjectOptions, load_project};

use crate::testing::{header_with, settings_for};
use crate::{Context, lint};

/// (case, expected, files): `ok`, `load`, or the rule that must report it; the first file is the message schema.
#[rustfmt::skip]
const CASES: &[(&str, &str, &[&str])] = &[
    ("simple record", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"string"}]}"#]),
    ("dotted full name", "ok", &[r#"{"type":"record","name":"com.acme.Sample","fields":[{"name":"a","type":"int"}]}"#]),
    ("null namespace", "ok", &[r#"{"type":"record","name":"Sample","fields":[{"name":"a","type":"int"}]}"#]),
    ("underscore names", "ok", &[r#"{"type":"record","name":"_Sample_2","namespace":"com.acme","fields":[{"name":"_a1","type":"int"}]}"#]),
    ("nested record inherits namespace", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},{"name":"again","type":"Inner"}]}"#]),
    ("reference by full name", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},{"name":"again","type":"com.acme.Inner"}]}"#]),
    ("nested namespace override", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"inner","type":{"type":"record","name":"Inner","namespace":"org.other","fields":[{"name":"x","type":"int"}]}},{"name":"again","type":"org.other.Inner"}]}"#]),
    ("nested dotted name", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"inner","type":{"type":"record","name":"org.other.Inner","fields":[{"name":"x","type":"int"}]}},{"name":"again","type":"org.other.Inner"}]}"#]),
    ("empty namespace on nested type", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"inner","type":{"type":"record","name":"Inner","namespace":"","fields":[{"name":"x","type":"int"}]}}]}"#]),
    ("recursive record", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"next","type":["null","Sample"], "default": null}]}"#]),
    ("record named like a complex type keyword", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"meta","type":{"type":"record","name":"record","namespace":"com.acme.meta","fields":[{"name":"x","type":"int"}]}}]}"#]),
    ("case sensitive field names", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int"},{"name":"A","type":"int"}]}"#]),
    ("empty record", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[]}"#]),
    ("field name with dash", "invalid-avro-name", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"ship-date","type":"string"}]}"#]),
    ("field name starting with digit", "invalid-avro-name", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"1st","type":"string"}]}"#]),
    ("non-ascii name", "invalid-avro-name", &[r#"{"type":"record","name":"Café","namespace":"com.acme","fields":[{"name":"a","type":"int"}]}"#]),
    ("namespace part starting with digit", "invalid-avro-name", &[r#"{"type":"record","name":"Sample","namespace":"com.1acme","fields":[{"name":"a","type":"int"}]}"#]),
    ("namespace with empty part", "invalid-avro-name", &[r#"{"type":"record","name":"Sample","namespace":"com..acme","fields":[{"name":"a","type":"int"}]}"#]),
    ("type named after a primitive", "invalid-avro-name", &[r#"{"type":"record","name":"string","namespace":"com.acme","fields":[{"name":"a","type":"int"}]}"#]),
    ("enum symbol with dash", "invalid-avro-name", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A-B"],"default":"A-B"}}]}"#]),
    ("duplicate field", "duplicate-avro-definition", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}"#]),
    ("duplicate enum symbol", "duplicate-avro-definition", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","A"],"default":"A"}}]}"#]),
    ("full name defined twice in one file", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"x","type":{"type":"record","name":"Inner","fields":[]}},{"name":"y","type":{"type":"record","name":"Inner","fields":[{"name":"z","type":"int"}]}}]}"#]),
    ("undefined reference", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"x","type":"Missing"}]}"#]),
    ("forward reference", "forward-reference", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"x","type":"Inner"},{"name":"y","type":{"type":"record","name":"Inner","fields":[]}}]}"#]),
    ("missing fields", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme"}"#]),
    ("missing record name", "load", &[r#"{"type":"record","fields":[]}"#]),
    ("field without type", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a"}]}"#]),
    ("unknown type name", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"integer"}]}"#]),
    ("field alias", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "aliases":["old_a"]}]}"#]),
    ("type alias dotted", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int"}], "aliases":["org.legacy.Old"]}"#]),
    ("enum alias", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E","aliases":["OldE"],"symbols":["A"],"default":"A"}}]}"#]),
    ("alias with space", "invalid-alias", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "aliases":["old a"]}]}"#]),
    ("field alias collides", "alias-collision", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int"},{"name":"b","type":"int", "aliases":["a"]}]}"#]),
    ("null default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"null", "default": null}]}"#]),
    ("boolean default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"boolean", "default": true}]}"#]),
    ("int default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "default": -2147483648}]}"#]),
    ("long default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"long", "default": 9223372036854775807}]}"#]),
    ("float default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"float", "default": 1.5}]}"#]),
    ("double default exponent", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"double", "default": 1e10}]}"#]),
    ("double default integer literal", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"double", "default": 3}]}"#]),
    ("bytes default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"bytes", "default": "\u00ff"}]}"#]),
    ("string default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"string", "default": "x"}]}"#]),
    ("fixed default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"fixed","name":"Two","size":2}, "default": "ab"}]}"#]),
    ("enum field default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}, "default": "B"}]}"#]),
    ("array default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"array","items":"int"}, "default": [1,2]}]}"#]),
    ("map default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"map","values":"string"}, "default": {"k":"v"}}]}"#]),
    ("record default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"record","name":"P","fields":[{"name":"x","type":"int"},{"name":"y","type":"string", "default": "d"}]}, "default": {"x":1}}]}"#]),
    ("union default first branch null", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":["null","string"], "default": null}]}"#]),
    ("union default first branch string", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":["string","null"], "default": "x"}]}"#]),
    ("union default on record branch", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":[{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]},"null"], "default": {"x":1}}]}"#]),
    ("logical type default on base", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"long","logicalType":"timestamp-millis"}, "default": 0}]}"#]),
    ("int default as string", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "default": "1"}]}"#]),
    ("int default out of range", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "default": 2147483648}]}"#]),
    ("long default with fraction", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"long", "default": 1.0}]}"#]),
    ("boolean default as string", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"boolean", "default": "true"}]}"#]),
    ("string default as number", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"string", "default": 1}]}"#]),
    ("bytes default beyond 255", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"bytes", "default": "\u0100"}]}"#]),
    ("fixed default wrong length", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"fixed","name":"Two","size":2}, "default": "abc"}]}"#]),
    ("enum default not a symbol", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["A"]}, "default": "Z"}]}"#]),
    ("enum type default not a symbol", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["A"],"default":"Z"}}]}"#]),
    ("array default wrong item", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"array","items":"int"}, "default": ["x"]}]}"#]),
    ("map default wrong value", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"map","values":"int"}, "default": {"k":"v"}}]}"#]),
    ("record default missing field", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]}, "default": {}}]}"#]),
    ("union default matches no branch", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":["null","string"], "default": 0}]}"#]),
    ("null default on string", "invalid-default", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"string", "default": null}]}"#]),
    ("union of two named records", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":[{"type":"record","name":"A","fields":[]},{"type":"record","name":"B","fields":[]}]}]}"#]),
    ("union of array and map", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":["null",{"type":"array","items":"int"},{"type":"map","values":"int"}], "default": null}]}"#]),
    ("nested union", "invalid-union", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":["null",["string","bytes"]]}]}"#]),
    ("duplicate primitive in union", "invalid-union", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":["null","string","string"]}]}"#]),
    ("string and uuid in one union", "invalid-union", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":["null","string",{"type":"string","logicalType":"uuid"}]}]}"#]),
    ("two arrays in one union", "invalid-union", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":[{"type":"array","items":"int"},{"type":"array","items":"string"}]}]}"#]),
    ("same named type twice", "invalid-union", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":[{"type":"record","name":"A","fields":[]},"A"]}]}"#]),
    ("enum with default", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["UNKNOWN","A"],"default":"UNKNOWN"}}]}"#]),
    ("enum with doc and namespace", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E","namespace":"org.x","doc":"d","symbols":["A"],"default":"A"}}]}"#]),
    ("enum without symbols attribute", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"e","type":{"type":"enum","name":"E"}}]}"#]),
    ("fixed", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"f","type":{"type":"fixed","name":"Sixteen","size":16}}]}"#]),
    ("fixed size zero", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"f","type":{"type":"fixed","name":"Empty","size":0}}]}"#]),
    ("fixed without size", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"f","type":{"type":"fixed","name":"F"}}]}"#]),
    ("fixed negative size", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":-1}}]}"#]),
    ("decimal on bytes", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}}]}"#]),
    ("decimal on fixed within limit", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"fixed","name":"D8","size":8,"logicalType":"decimal","precision":18,"scale":2}}]}"#]),
    ("decimal scale omitted", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":5}}]}"#]),
    ("big-decimal", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"bytes","logicalType":"big-decimal"}}]}"#]),
    ("uuid on string", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":{"type":"string","logicalType":"uuid"}}]}"#]),
    ("uuid on fixed 16", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"u","type":{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}}]}"#]),
    ("date", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"int","logicalType":"date"}}]}"#]),
    ("time-millis", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"t","type":{"type":"int","logicalType":"time-millis"}}]}"#]),
    ("time-micros", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"t","type":{"type":"long","logicalType":"time-micros"}}]}"#]),
    ("timestamp-nanos", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"t","type":{"type":"long","logicalType":"timestamp-nanos"}}]}"#]),
    ("local-timestamp-micros", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"t","type":{"type":"long","logicalType":"local-timestamp-micros"}}]}"#]),
    ("duration", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"fixed","name":"Dur","size":12,"logicalType":"duration"}}]}"#]),
    ("decimal precision exceeds fixed", "decimal-precision-exceeds-fixed", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"fixed","name":"D2","size":2,"logicalType":"decimal","precision":10,"scale":2}}]}"#]),
    ("decimal precision 19 on fixed 8", "decimal-precision-exceeds-fixed", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"d","type":{"type":"fixed","name":"D8","size":8,"logicalType":"decimal","precision":19,"scale":2}}]}"#]),
    ("field order descending", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "order":"descending"}]}"#]),
    ("field order invalid", "invalid-order", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "order":"sideways"}]}"#]),
    ("field order number", "invalid-order", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":"int", "order":1}]}"#]),
    ("not json", "load", &[r#"{"type":"record","#]),
    ("unknown complex type", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"set","items":"int"}}]}"#]),
    ("array without items", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"array"}}]}"#]),
    ("map without values", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"a","type":{"type":"map"}}]}"#]),
    ("reference to another file", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"home","type":"com.acme.common.Address"}]}"#, r#"{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}"#]),
    ("identical copies in two files", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"home","type":{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}}]}"#, r#"{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}"#]),
    ("differing copies in two files", "duplicate-avro-definition", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"home","type":{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"},{"name":"zip","type":"string"}]}}]}"#, r#"{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}"#]),
    ("reference to a missing file's type", "load", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"home","type":"com.acme.common.Nowhere"}]}"#, r#"{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}"#]),
    ("relative reference resolved in the other file's namespace", "ok", &[r#"{"type":"record","name":"Sample","namespace":"com.acme","fields":[{"name":"home","type":"com.acme.common.Address"},{"name":"work","type":"com.acme.common.Address"}]}"#, r#"{"type":"record","name":"Address","namespace":"com.acme.common","fields":[{"name":"city","type":"string"}]}"#]),
];

/// Rules of the table that the catalogue makes warnings: portability rather than specification violations.
const WARNING_RULES: &[&str] = &["invalid-alias", "alias-collision"];

/// A finding: rule, severity, whether it has a primary span.
type Finding = (String, Severity, bool);
/// A load error: rendered, whether it has a primary span.
type LoadError = (String, bool);

/// The findings of one case, or `Err` with the rendered load errors.
fn run(files: &[&str]) -> Result<Vec<Finding>, Vec<LoadError>> {
    // An unkeyed single-partition topic: the key rules have nothing to say about the table's records.
    let header = header_with("", &[], &["audit.events: {partitions: 1}"]);
    let catalog = format!(
        "{header}messages:\n  Sample: {{version: 1.0.0, producer: shipping, consumers: [crm], topic: audit.events, schema: schemas/Sample.avsc}}\n"
    );
    let mut inputs = vec![InputFile { path: "catalog.yaml".into(), contents: Ok(catalog.into_bytes()) }];
    for (index, text) in files.iter().enumerate() {
        let path = if index == 0 { "schemas/Sample.avsc".to_owned() } else { format!("schemas/Other{index}.avsc") };
        inputs.push(InputFile { path, contents: Ok(text.as_bytes().to_vec()) });
    }
    let (project, errors) = load_project(inputs, &|_| None, &ProjectOptions { limits: Limits::default() });
    if !errors.is_empty() {
        let located = |d: &eventlint_diagnostics::Diagnostic| d.primary.is_some();
        let rendered = resolve_all(&project.sources, &errors, false).iter().map(render_concise).collect::<Vec<_>>();
        return Err(rendered.into_iter().zip(errors.iter().map(located)).collect());
    }
    let settings = settings_for("[lint]\nselect = [\"all\"]\n");
    let cx = Context::new(&project.model, &project.schemas, &project.message_schemas, &project.sources, &settings);
    let result = lint(&cx, Vec::new(), None);
    Ok(result.diagnostics.iter().map(|d| (d.code.clone(), d.severity, d.primary.is_some())).collect())
}

#[test]
fn the_avro_specification_table() {
    assert!(CASES.len() >= 80 && CASES.iter().filter(|(_, expected, _)| *expected == "ok").count() >= 40);
    let mut failures = Vec::new();
    for &(case, expected, files) in CASES {
        let outcome = run(files);
        let ok = match (&outcome, expected) {
            (Ok(findings), "ok") => findings.iter().all(|(_, severity, _)| *severity < Severity::Error),
            (Err(errors), "load") => errors.iter().all(|(_, located)| *located),
            (Ok(findings), rule) => findings.iter().any(|(code, severity, located)| {
                code == rule && *located && (*severity == Severity::Error || WARNING_RULES.contains(&rule))
            }),
            _ => false,
        };
        if !ok {
            failures.push(format!("{case}: expected {expected}, got {outcome:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
