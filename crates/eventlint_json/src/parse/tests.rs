//! Data-driven tests of the strict JSON parser: one tiny input per accepted or rejected form.

use eventlint_diagnostics::{FileId, Limits, Sources, render_full};

use super::parse;
use crate::value::{JsonKind, JsonValue};

/// Renders a parse as a compact tree (`kind@start..end`) or as its diagnostics (`code@start..end: message`).
fn render(text: &str, limits: &Limits) -> String {
    let (value, diagnostics) = parse(FileId(0), text, limits);
    let mut out = String::new();
    if let Some(value) = &value {
        dump(value, &mut out);
    }
    for diagnostic in &diagnostics {
        let span = diagnostic.primary.as_ref().map(|label| label.span).unwrap_or_default();
        let labels: Vec<String> =
            diagnostic.secondary.iter().map(|label| format!(" +{}..{}", label.span.start, label.span.end)).collect();
        out.push_str(&format!(
            "\n{}@{}..{}{}: {}",
            diagnostic.code,
            span.start,
            span.end,
            labels.concat(),
            diagnostic.message
        ));
    }
    out.trim_start().to_owned()
}

fn dump(value: &JsonValue, out: &mut String) {
    let at = format!("@{}..{}", value.span.start, value.span.end);
    match &value.kind {
        JsonKind::Null => out.push_str(&format!("null{at}")),
        JsonKind::Bool(b) => out.push_str(&format!("{b}{at}")),
        JsonKind::Number(text) => out.push_str(&format!("num({text}){at}")),
        JsonKind::String(text) => out.push_str(&format!("{text:?}{at}")),
        JsonKind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump(item, out);
            }
            out.push_str(&format!("]{at}"));
        }
        JsonKind::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&format!("{:?}@{}..{}: ", member.key, member.key_span.start, member.key_span.end));
                dump(&member.value, out);
            }
            out.push_str(&format!("}}{at}"));
        }
    }
}

#[track_caller]
fn check(text: &str, expect: &str) {
    assert_eq!(render(text, &Limits::default()), expect, "input: {text:?}");
}

#[test]
fn accepts_every_json_kind_with_spans() {
    check(
        r#"{"a": [1, -2.5e3, true, null], "b": "x"}"#,
        r#"{"a"@1..4: [num(1)@7..8, num(-2.5e3)@10..16, true@18..22, null@24..28]@6..29, "b"@31..34: "x"@36..39}@0..40"#,
    );
    check(r#""\u00e9\n\"""#, r#""é\n\""@0..12"#);
    check(" [] ", "[]@1..3");
}

#[test]
fn keeps_numbers_as_source_text() {
    check("12345678901234567890123", "num(12345678901234567890123)@0..23");
    check("1E+2", "num(1E+2)@0..4");
    check("-0", "num(-0)@0..2");
}

#[test]
fn skips_a_leading_byte_order_mark_and_keeps_offsets() {
    check("\u{feff}[1]", "[num(1)@4..5]@3..6");
}

#[test]
fn rejects_the_jsonc_and_json5_leniencies() {
    check("[1, // x\n 2]", "load/json-syntax@4..8: comments are not allowed in JSON");
    check("[1 /* x */]", "load/json-syntax@3..10: comments are not allowed in JSON");
    check("[1, 2,]", "load/json-syntax@5..6: trailing commas are not allowed in JSON");
    check(r#"{"a": 1,}"#, "load/json-syntax@7..8: trailing commas are not allowed in JSON");
    check("['a']", "load/json-syntax@1..2: JSON strings must use double quotes");
    check("{a: 1}", "load/json-syntax@1..2: object keys must be double-quoted strings");
    check("[1 2]", "load/json-syntax@2..3: expected `,` between values");
    check("[0x10]", "load/json-syntax@1..2: hexadecimal numbers are not allowed in JSON");
    check("[+1]", "load/json-syntax@1..2: JSON numbers cannot start with `+`");
    check("[.5]", "load/json-syntax@1..2: a JSON number needs digits on both sides of its decimal point");
    check("[5.]", "load/json-syntax@1..3: a JSON number needs digits on both sides of its decimal point");
    check("[01]", "load/json-syntax@2..3: JSON numbers cannot have leading zeros");
    check(r#""\x41""#, "load/json-syntax@1..3: invalid JSON string: invalid escape");
    check(r#""\v""#, "load/json-syntax@1..3: invalid JSON string: invalid escape");
}

#[test]
fn rejects_non_finite_numbers() {
    check("[NaN]", "load/json-syntax@1..4: `NaN` is not a JSON number");
    check("[Infinity]", "load/json-syntax@1..9: `Infinity` is not a JSON number");
    check("[-Infinity]", "load/json-syntax@1..10: `-Infinity` is not a JSON number");
}

#[test]
fn rejects_what_jsonc_parser_lets_through() {
    check("\"a\tb\"", "load/json-syntax@2..3: a control character must be escaped inside a JSON string");
    check("[1,\u{a0}2]", "load/json-syntax@3..5: unexpected character outside a string");
    check("[1,\u{b}2]", "load/json-syntax@3..4: unexpected character outside a string");
    // The earlier of the two problems is reported.
    check("[1,, \"\t\"]", "load/json-syntax@3..4: unexpected `,`");
}

#[test]
fn reports_structural_errors_at_the_offending_byte() {
    check("", "load/json-syntax@0..0: the file holds no JSON value");
    check("[1] [2]", "load/json-syntax@4..5: unexpected content after the JSON value");
    check("[1", "load/json-syntax@0..2: unterminated array");
    check(r#"{"a" 1}"#, "load/json-syntax@5..6: expected `:` after the object key");
    check("[tru]", "load/json-syntax@1..4: unexpected word `tru`");
    check(r#""abc"#, "load/json-syntax@0..4: invalid JSON string: unterminated string literal");
}

#[test]
fn reports_every_duplicate_key_with_both_spans_and_keeps_the_first() {
    check(
        r#"{"a": 1, "a": 2, "b": {"c": 1, "c": 1}}"#,
        concat!(
            r#"{"a"@1..4: num(1)@6..7, "b"@17..20: {"c"@23..26: num(1)@28..29}@22..38}@0..39"#,
            "\nload/duplicate-definition@9..12 +1..4: duplicate key `a`",
            "\nload/duplicate-definition@31..34 +23..26: duplicate key `c`",
        ),
    );
}

#[test]
fn finds_duplicates_in_wide_objects() {
    let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
    let text = format!("{{{}, \"k7\": 0}}", members.join(", "));
    let rendered = render(&text, &Limits::default());
    assert!(rendered.ends_with(": duplicate key `k7`"), "{rendered}");
    assert_eq!(rendered.matches("load/").count(), 1);
}

#[test]
fn refuses_deep_nesting_before_parsing_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(
        render(&deep, &Limits::default()),
        "load/limit-exceeded@128..129: JSON nesting is deeper than the limit of 128"
    );
    let limits = Limits { max_depth: 3, ..Limits::default() };
    assert_eq!(
        render(r#"{"a": [[["x"]]]}"#, &limits),
        "load/limit-exceeded@8..9: JSON nesting is deeper than the limit of 3"
    );
    assert_eq!(render(r#"{"a": [["[[[["]]}"#, &limits), r#"{"a"@1..4: [["[[[["@8..14]@7..15]@6..16}@0..17"#);
}

#[test]
fn counts_nodes_and_file_bytes_against_the_limits() {
    let limits = Limits { max_expanded_nodes: 3, ..Limits::default() };
    assert_eq!(render("[1, 2]", &limits), "[num(1)@1..2, num(2)@4..5]@0..6");
    assert_eq!(
        render("[1, 2, 3]", &limits),
        "load/limit-exceeded@7..8: the file has more than the limit of 3 JSON values"
    );
    let limits = Limits { max_file_bytes: 4, ..Limits::default() };
    assert_eq!(render("[1, 2]", &limits), "load/limit-exceeded@4..4: the file is larger than the limit of 4 bytes");
    let many = format!("[{}0]", "0,".repeat(1_100_000));
    assert!(render(&many, &Limits::default()).starts_with("load/limit-exceeded@"));
}

#[test]
fn renders_a_syntax_error_with_its_help() {
    let mut sources = Sources::new();
    let text = "{\n  \"type\": \"record\",\n  \"fields\": [],\n}\n";
    let file = sources.add("schemas/Bad.avsc", text);
    let (_, diagnostics) = parse(file, text, &Limits::default());
    insta::assert_snapshot!(render_full(&sources, &diagnostics[0], false, 80));
}
