//! Parsing Canonical Form (Avro spec 1.12, "Parsing Canonical Form for Schemas") built from the resolved graph, and
//! its CRC-64-AVRO (Rabin) fingerprint, the identity registries and single-object encoding use.
//!
//! Built here rather than taken from apache-avro, whose canonical form keeps logical-type attributes (avro-compat §5):
//! rule [STRIP] removes `logicalType`, `precision` and `scale` with every other attribute, so an annotated primitive
//! becomes its plain name.

use eventlint_avro::{NodeId, NodeKind, SchemaSet};
use rustc_hash::FxHashSet;

use crate::check::Schema;

/// The Parsing Canonical Form of `schema`: full names, only the attributes that matter for parsing, in the spec's
/// order, no whitespace. A named type is written out at its first occurrence and by full name afterwards.
pub fn canonical_form(schema: Schema<'_>) -> String {
    let mut out = String::new();
    let mut written: FxHashSet<NodeId> = FxHashSet::default();
    // An explicit work list instead of recursion: named types may chain through references arbitrarily deep.
    let mut steps = vec![Step::Type(schema.root)];
    while let Some(step) = steps.pop() {
        match step {
            Step::Text(text) => out.push_str(text),
            Step::Quoted(text) => push_quoted(&mut out, text),
            Step::Type(id) => write_type(schema.set, id, &mut out, &mut steps, &mut written),
        }
    }
    out
}

/// The CRC-64-AVRO fingerprint of `schema`'s Parsing Canonical Form.
pub fn fingerprint(schema: Schema<'_>) -> u64 {
    rabin(canonical_form(schema).as_bytes())
}

/// One piece of output still to write.
enum Step<'a> {
    Text(&'static str),
    Quoted(&'a str),
    Type(NodeId),
}

/// Writes what can be written of `id` now and schedules the rest on `steps` (last scheduled runs first).
fn write_type<'a>(
    set: &'a SchemaSet,
    id: NodeId,
    out: &mut String,
    steps: &mut Vec<Step<'a>>,
    written: &mut FxHashSet<NodeId>,
) {
    let node = set.node(id);
    if let Some(full_name) = node.full_name() {
        if !written.insert(id) {
            push_quoted(out, full_name);
            return;
        }
        out.push_str("{\"name\":");
        push_quoted(out, full_name);
    }
    let mut later = Vec::new();
    match &node.kind {
        NodeKind::Record(record) => {
            out.push_str(",\"type\":\"record\",\"fields\":[");
            for (index, field) in record.fields.iter().enumerate() {
                later.push(Step::Text(if index == 0 { "{\"name\":" } else { ",{\"name\":" }));
                later.push(Step::Quoted(&field.name.value));
                later.push(Step::Text(",\"type\":"));
                later.push(Step::Type(field.ty.node));
                later.push(Step::Text("}"));
            }
            later.push(Step::Text("]}"));
        }
        NodeKind::Enum(enumeration) => {
            out.push_str(",\"type\":\"enum\",\"symbols\":[");
            for (index, symbol) in enumeration.symbols.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                push_quoted(out, &symbol.value);
            }
            out.push_str("]}");
        }
        NodeKind::Fixed(fixed) => {
            out.push_str(",\"type\":\"fixed\",\"size\":");
            out.push_str(&fixed.size.to_string());
            out.push('}');
        }
        NodeKind::Array { items } => {
            out.push_str("{\"type\":\"array\",\"items\":");
            later.extend([Step::Type(items.node), Step::Text("}")]);
        }
        NodeKind::Map { values } => {
            out.push_str("{\"type\":\"map\",\"values\":");
            later.extend([Step::Type(values.node), Step::Text("}")]);
        }
        NodeKind::Union { branches } => {
            out.push('[');
            for (index, branch) in branches.iter().enumerate() {
                if index > 0 {
                    later.push(Step::Text(","));
                }
                later.push(Step::Type(branch.node));
            }
            later.push(Step::Text("]"));
        }
        primitive => {
            out.push('"');
            out.push_str(primitive.avro_type().name());
            out.push('"');
        }
    }
    steps.extend(later.into_iter().rev());
}

/// Writes `text` as a JSON string with escapes only where JSON requires them ([STRINGS]).
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            control if u32::from(control) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(control))),
            other => out.push(other),
        }
    }
    out.push('"');
}

/// The CRC-64-AVRO empty value and polynomial (Avro spec, "Schema Fingerprints").
const EMPTY: u64 = 0xc15d_213a_a4d7_a795;

/// The 256-entry table of the Rabin fingerprint, computed at compile time.
const TABLE: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut index = 0;
    while index < 256 {
        let mut fingerprint = index as u64;
        let mut bit = 0;
        while bit < 8 {
            fingerprint = (fingerprint >> 1) ^ (EMPTY & (fingerprint & 1).wrapping_neg());
            bit += 1;
        }
        table[index] = fingerprint;
        index += 1;
    }
    table
};

/// The 64-bit Rabin fingerprint (CRC-64-AVRO) of `bytes`. Avro writes it little-endian (`to_le_bytes`).
pub fn rabin(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(EMPTY, |fingerprint, &byte| (fingerprint >> 8) ^ TABLE[((fingerprint ^ u64::from(byte)) & 0xff) as usize])
}
