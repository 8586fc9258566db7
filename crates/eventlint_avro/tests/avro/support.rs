//! The data-driven test helpers: `check` renders every diagnostic of a tiny schema set as one line, `check_graph`
//! renders the resolved graph.

use eventlint_avro::{NodeId, NodeKind, SchemaSet, ValidateOptions, validate};
use eventlint_diagnostics::{Diagnostic, Limits, Severity, Sources};
use eventlint_json::JsonValue;

/// Loads the files of `input` (split on lines `//- name.avsc`; a single unnamed file is `a.avsc`) into one set.
pub fn load(input: &str) -> (Sources, SchemaSet, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let mut parsed: Vec<(eventlint_diagnostics::FileId, JsonValue)> = Vec::new();
    for (name, text) in split_files(input) {
        let file = sources.add(name, text.clone());
        let (value, errors) = eventlint_json::parse(file, &text, &Limits::default());
        diagnostics.extend(errors);
        parsed.extend(value.map(|value| (file, value)));
    }
    let files: Vec<_> = parsed.iter().map(|(file, value)| (*file, value)).collect();
    let (set, errors) = SchemaSet::build(&files);
    diagnostics.extend(errors);
    (sources, set, diagnostics)
}

fn split_files(input: &str) -> Vec<(String, String)> {
    if !input.trim_start().starts_with("//- ") {
        return vec![("a.avsc".to_owned(), input.to_owned())];
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in input.lines() {
        match line.trim_start().strip_prefix("//- ") {
            Some(name) => files.push((name.trim().to_owned(), String::new())),
            None => {
                if let Some((_, text)) = files.last_mut() {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    files
}

/// Every diagnostic as `E rule "snippet" /path: message`; load errors stop before the rules, as in the product.
pub fn render(input: &str, options: &ValidateOptions) -> String {
    let (sources, set, mut diagnostics) = load(input);
    if diagnostics.is_empty() {
        diagnostics = validate(&set, options);
    }
    let several_files = sources.len() > 1;
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|diagnostic| {
            let severity = match diagnostic.severity {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            let snippet = diagnostic.primary.as_ref().map_or(String::new(), |label| {
                let text: String = sources.slice(label.span).chars().take(30).collect();
                let file =
                    if several_files { format!("{}:", sources.get(label.span.file).path()) } else { String::new() };
                format!(" {file}{text}")
            });
            let path = if diagnostic.logical_path.is_empty() {
                String::new()
            } else {
                format!(" {}", diagnostic.logical_path)
            };
            format!("{severity} {}{snippet}{path}: {}", diagnostic.code, diagnostic.message)
        })
        .collect();
    lines.join("\n")
}

#[track_caller]
pub fn check(input: &str, expect: &str) {
    check_with(&ValidateOptions::default(), input, expect);
}

#[track_caller]
pub fn check_with(options: &ValidateOptions, input: &str, expect: &str) {
    let actual = render(input, options);
    assert_eq!(actual, trim_indent(expect), "\ninput: {input}");
}

/// The resolved graph of every file: named types as `record#id full.Name {…}` where defined and `@id` where
/// referenced, so that shared identity shows.
#[track_caller]
pub fn check_graph(input: &str, expect: &str) {
    let (_, set, diagnostics) = load(input);
    assert!(diagnostics.is_empty(), "unexpected diagnostics: {diagnostics:?}");
    let mut out = String::new();
    let mut printed = Vec::new();
    for file in set.files() {
        dump(&set, file.root.node, &mut printed, &mut out);
        out.push('\n');
    }
    assert_eq!(out.trim_end(), trim_indent(expect));
}

fn dump(set: &SchemaSet, id: NodeId, printed: &mut Vec<NodeId>, out: &mut String) {
    let node = set.node(id);
    if node.named().is_some() && printed.contains(&id) {
        out.push_str(&format!("@{}", id.0));
        return;
    }
    printed.push(id);
    let logical = node.logical_type.as_ref().and_then(|logical| logical.name()).map(|name| format!("({name})"));
    let logical = logical.unwrap_or_default();
    match &node.kind {
        NodeKind::Array { items } => {
            out.push_str("array<");
            dump(set, items.node, printed, out);
            out.push('>');
        }
        NodeKind::Map { values } => {
            out.push_str("map<");
            dump(set, values.node, printed, out);
            out.push('>');
        }
        NodeKind::Union { branches } => {
            out.push('[');
            for (index, branch) in branches.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                dump(set, branch.node, printed, out);
            }
            out.push(']');
        }
        NodeKind::Record(record) => {
            out.push_str(&format!("record#{} {} {{", id.0, record.named.full_name));
            for (index, field) in record.fields.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(&format!("{}: ", field.name.value));
                dump(set, field.ty.node, printed, out);
            }
            out.push('}');
        }
        NodeKind::Enum(enumeration) => {
            let symbols: Vec<&str> = enumeration.symbols.iter().map(|symbol| symbol.value.as_str()).collect();
            out.push_str(&format!("enum#{} {} {:?}", id.0, enumeration.named.full_name, symbols));
        }
        NodeKind::Fixed(fixed) => {
            out.push_str(&format!("fixed#{} {}({}){logical}", id.0, fixed.named.full_name, fixed.size));
        }
        _ => out.push_str(&format!("{}{logical}", node.avro_type().name())),
    }
}

/// Strips the common indentation and surrounding blank lines of an expectation written inline.
pub fn trim_indent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().skip_while(|line| line.trim().is_empty()).collect();
    let indent =
        lines.iter().filter(|line| !line.trim().is_empty()).map(|line| line.len() - line.trim_start().len()).min();
    let indent = indent.unwrap_or(0);
    let stripped: Vec<&str> = lines.iter().map(|line| line.get(indent..).unwrap_or("").trim_end()).collect();
    stripped.join("\n").trim_end().to_owned()
}
