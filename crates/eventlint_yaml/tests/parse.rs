//! Data-driven tests of the YAML parser: the tree it builds (with spans) and the load errors it reports.

use eventlint_diagnostics::{Diagnostic, Limits, Sources, render_concise, render_full, resolve_all};
use eventlint_yaml::{NodeKind, YamlNode, parse, parse_bytes, parse_document, source_text};

/// Renders a tree as `kind@start..end`, nested in brackets, for compact expectations.
fn dump(node: &YamlNode, out: &mut String) {
    let span = format!("@{}..{}", node.span.start, node.span.end);
    match node.kind() {
        NodeKind::Null => out.push_str(&format!("null{span}")),
        NodeKind::Bool(b) => out.push_str(&format!("{b}{span}")),
        NodeKind::Int { value, raw } => out.push_str(&format!("int({value},{raw}){span}")),
        NodeKind::Float { raw, .. } => out.push_str(&format!("float({raw}){span}")),
        NodeKind::Str(s) => out.push_str(&format!("{s:?}{span}")),
        NodeKind::Seq(items) => {
            out.push_str(&format!("[{span} "));
            for item in items {
                dump(item, out);
                out.push(' ');
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push_str(&format!("{{{span} "));
            for (k, v) in entries {
                dump(k, out);
                out.push_str(": ");
                dump(v, out);
                out.push(' ');
            }
            out.push('}');
        }
    }
}

fn render_diagnostics(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    resolve_all(sources, diagnostics, false)
        .iter()
        .map(|d| {
            let help = d.help.as_deref().map(|h| format!(" (help: {h})")).unwrap_or_default();
            format!("{} at `{}`{help}", render_concise(d), d.logical_path)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_with(text: &str, limits: &Limits, expect: &str) {
    let mut sources = Sources::new();
    let file = sources.add("a.yaml", text);
    let (root, diagnostics) = parse(file, text, limits);
    let mut out = String::new();
    match &root {
        Some(node) => dump(node, &mut out),
        None => out.push_str("<no tree>"),
    }
    let rendered = render_diagnostics(&sources, &diagnostics);
    if !rendered.is_empty() {
        out.push('\n');
        out.push_str(&rendered);
    }
    assert_eq!(out.trim(), expect.trim(), "\n--- actual ---\n{out}\n");
}

fn check(text: &str, expect: &str) {
    check_with(text, &Limits::default(), expect);
}

#[test]
fn block_mapping_with_core_schema_scalars() {
    check(
        "a: 1\nb: true\nc: ~\nd: 1.5\ne: yes\nf: '1'\ng: 0x1F\nh: on\n",
        r#"{@0..52 "a"@0..1: int(1,1)@3..4 "b"@5..6: true@8..12 "c"@13..14: null@16..17 "d"@18..19: float(1.5)@21..24 "e"@25..26: "yes"@28..31 "f"@32..33: "1"@35..38 "g"@39..40: int(31,0x1F)@42..46 "h"@47..48: "on"@50..52 }"#,
    );
}

#[test]
fn flow_collections_end_at_their_bracket() {
    check("k: [a, {b: c}]\n", r#"{@0..14 "k"@0..1: [@3..14 "a"@4..5 {@7..13 "b"@8..9: "c"@11..12 } ] }"#);
}

#[test]
fn block_sequence_and_empty_value() {
    check("k:\n  - x\n  -\nz:\n", r#"{@0..14 "k"@0..1: [@5..12 "x"@7..8 null@12..12 ] "z"@13..14: null@14..14 }"#);
}

#[test]
fn spans_are_bytes_in_non_ascii_text() {
    let text = "café: \"😀\"\nnext: x\n";
    let mut sources = Sources::new();
    let file = sources.add("a.yaml", text);
    let (root, diagnostics) = parse(file, text, &Limits::default());
    assert!(diagnostics.is_empty());
    let root = root.unwrap();
    let entries = root.as_map().unwrap();
    assert_eq!(sources.slice(entries[0].0.span), "café");
    assert_eq!(sources.slice(entries[0].1.span), "\"😀\"");
    assert_eq!(sources.slice(entries[1].0.span), "next");
    assert_eq!(sources.slice(entries[1].1.span), "x");
}

#[test]
fn syntax_error_is_located() {
    check(
        "a: 1\nb: [unclosed\nc: 2\n",
        "<no tree>\na.yaml:3:2: error[load/yaml-syntax] invalid YAML: illegal placement of ':' indicator at `/b/0` (help: fix the YAML syntax here; check indentation, quoting and the `:` after keys)",
    );
}

#[test]
fn duplicate_keys_are_reported_with_both_places() {
    check(
        "a: 1\nb: 2\na: 3\n",
        "{@0..14 \"a\"@0..1: int(1,1)@3..4 \"b\"@5..6: int(2,2)@8..9 }\na.yaml:3:1: error[load/duplicate-definition] duplicate key `a` at `/a` (help: remove one of the two `a` keys; YAML parsers disagree on which one wins)",
    );
}

#[test]
fn merge_key_is_unsupported() {
    check(
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
        "{@0..38 \"base\"@0..4: {@6..15 \"x\"@10..11: int(1,1)@13..14 } \"other\"@16..21: {@25..38 \"y\"@34..35: int(2,2)@37..38 } }\na.yaml:3:3: error[load/unsupported-feature] the merge key `<<` is not supported at `/other` (help: use `defaults` instead of merge keys, or write the keys out)",
    );
}

#[test]
fn tags_are_unsupported() {
    check(
        "a: !foo bar\n",
        "{@0..11 \"a\"@0..1: \"bar\"@3..11 }\na.yaml:1:4: error[load/unsupported-feature] YAML tags are not supported at `/a` (help: remove the tag; eventlint reads plain YAML 1.2 core-schema values)",
    );
}

#[test]
fn second_document_is_an_error() {
    check(
        "a: 1\n---\nb: 2\n",
        "<no tree>\na.yaml:2:1: error[load/unsupported-feature] more than one YAML document in a file at `` (help: put each document in a file of its own)",
    );
}

#[test]
fn aliases_share_the_anchored_node() {
    check("a: &x [1]\nb: *x\n", r#"{@0..15 "a"@0..1: [@3..9 int(1,1)@7..8 ] "b"@10..11: [@13..15 int(1,1)@7..8 ] }"#);
}

#[test]
fn alias_bomb_hits_the_expansion_limit() {
    let mut text = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..=12 {
        let previous = level - 1;
        text.push_str(&format!("l{level}: &l{level} [{}]\n", vec![format!("*l{previous}"); 10].join(", ")));
    }
    let mut sources = Sources::new();
    let file = sources.add("bomb.yaml", text.as_str());
    let (root, diagnostics) = parse(file, &text, &Limits::default());
    assert!(root.is_none());
    assert_eq!(
        render_diagnostics(&sources, &diagnostics),
        "bomb.yaml:6:45: error[load/limit-exceeded] more than 1000000 nodes after alias expansion at `/l5/7` (help: use fewer aliases of large anchored nodes, or raise `max-expanded-nodes` in `[limits]`)"
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let text = "[".repeat(100_000);
    let mut sources = Sources::new();
    let file = sources.add("deep.yaml", text.as_str());
    let (root, diagnostics) = parse(file, &text, &Limits::default());
    assert!(root.is_none());
    let rendered = render_diagnostics(&sources, &diagnostics);
    assert!(
        rendered.starts_with("deep.yaml:1:256: error[load/limit-exceeded] nesting deeper than 128 levels"),
        "{rendered}"
    );
}

#[test]
fn deep_block_nesting_stops_at_the_depth_limit() {
    let text: String = (0..5_000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let mut sources = Sources::new();
    let file = sources.add("deep.yaml", text.as_str());
    let (root, diagnostics) = parse(file, &text, &Limits::default());
    assert!(root.is_none());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, "load/limit-exceeded");
}

#[test]
fn aliases_count_towards_depth() {
    let limits = Limits { max_depth: 3, ..Limits::default() };
    check_with(
        "a: &x [[1]]\nb: [*x]\n",
        &limits,
        "<no tree>\na.yaml:2:5: error[load/limit-exceeded] nesting deeper than 3 levels at `/b/0` (help: flatten the structure, or raise `max-depth` in `[limits]` of `eventlint.toml`)",
    );
}

#[test]
fn huge_file_is_rejected_before_parsing() {
    let limits = Limits { max_file_bytes: 10, ..Limits::default() };
    check_with(
        "a: 1234567890\n",
        &limits,
        "<no tree>\na.yaml:1:1: error[load/limit-exceeded] file is 14 bytes, more than the limit of 10 bytes at `` (help: split the file, or raise `max-file-bytes` in `[limits]` of `eventlint.toml`)",
    );
}

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    let bytes = b"\xEF\xBB\xBFa: 1\nb: caf\xE9\n";
    let text = source_text(bytes);
    let mut sources = Sources::new();
    let file = sources.add("bad.yaml", text.as_ref());
    let (root, diagnostics) = parse_bytes(file, bytes, &Limits::default());
    assert!(root.is_none());
    assert_eq!(
        render_diagnostics(&sources, &diagnostics),
        "bad.yaml:2:7: error[load/yaml-syntax] invalid UTF-8: unexpected byte 0xE9 at `` (help: save the file as UTF-8)"
    );
}

#[test]
fn bom_is_skipped_and_spans_stay_in_the_text() {
    let text = "\u{feff}a: b\n";
    check(text, r#"{@3..7 "a"@3..4: "b"@6..7 }"#);
    let bytes = text.as_bytes();
    let (root, diagnostics) = parse_bytes(eventlint_diagnostics::FileId(0), bytes, &Limits::default());
    assert!(diagnostics.is_empty());
    assert_eq!(root.unwrap().as_map().unwrap()[0].0.span.start, 0, "spans refer to the text without the BOM");
}

#[test]
fn empty_file_is_null() {
    check("# only a comment\n", "null@0..0");
}

#[test]
fn comments_in_block_scalars_are_not_directives() {
    let text = "a: |\n  # expect: no\nb: 1  # expect: yes\nc: '# expect: no'\n";
    let (document, diagnostics) = parse_document(eventlint_diagnostics::FileId(0), text, &Limits::default());
    assert!(diagnostics.is_empty());
    let rules: Vec<(u32, &str)> = document.directives.iter().map(|d| (d.line, d.rules[0].value.as_str())).collect();
    assert_eq!(rules, [(3, "yes")]);
}

#[test]
fn duplicate_key_renders_both_places() {
    let text = "topics:\n  a: {}\n  a: {}\n";
    let mut sources = Sources::new();
    let file = sources.add("a.yaml", text);
    let (_, diagnostics) = parse(file, text, &Limits::default());
    insta::assert_snapshot!(render_full(&sources, &diagnostics[0], false, 80));
}
