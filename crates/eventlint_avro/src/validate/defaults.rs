//! Whether a JSON default conforms to an Avro type (spec 1.12 "field default values", avro-compat §2.6), shared by
//! `invalid-default`, `non-json-number-default` and `union-default-not-first-branch`.

use std::collections::HashMap;

use eventlint_diagnostics::Span;
use eventlint_json::{JsonKind, JsonValue};

use super::describe_type;
use crate::graph::{Node, NodeId, NodeKind, TypeRef};
use crate::set::SchemaSet;

/// Objects with more members than this are indexed before fields are looked up.
const LINEAR_LOOKUP_MAX: usize = 16;

/// Nesting beyond which a default is accepted unchecked; the JSON layer's depth limit is far lower.
const MAX_DEPTH: usize = 256;

/// A default that conforms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Conforms {
    /// A `"NaN"`, `"Infinity"` or `"-Infinity"` string that stands in for a `float` or `double`.
    pub non_finite: Option<Span>,
}

/// Why a default does not conform: the smallest offending value and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mismatch {
    pub span: Span,
    pub reason: String,
    pub help: Option<String>,
    /// The (innermost) type the offending value was checked against.
    pub expected: String,
}

/// Checks `value` against the type `ty` (logical types count as their base type).
pub(super) fn conforms(set: &SchemaSet, ty: NodeId, value: &JsonValue) -> Result<Conforms, Mismatch> {
    check(set, ty, value, 0)
}

/// The first union branch `value` conforms to (the 1.12 rule), with its verdict.
pub(super) fn first_matching_branch(
    set: &SchemaSet,
    branches: &[TypeRef],
    value: &JsonValue,
) -> Option<(usize, Conforms)> {
    first_match(set, branches, value, 0)
}

fn first_match(set: &SchemaSet, branches: &[TypeRef], value: &JsonValue, depth: usize) -> Option<(usize, Conforms)> {
    branches.iter().enumerate().find_map(|(index, branch)| Some((index, check(set, branch.node, value, depth).ok()?)))
}

fn check(set: &SchemaSet, ty: NodeId, value: &JsonValue, depth: usize) -> Result<Conforms, Mismatch> {
    if depth > MAX_DEPTH {
        return Ok(Conforms::default());
    }
    let node = set.node(ty);
    let type_name = describe_type(set, ty);
    check_kind(set, node, type_name, value, depth).map_err(|mut mismatch| {
        if mismatch.expected.is_empty() {
            mismatch.expected = type_name.to_owned();
        }
        mismatch
    })
}

fn check_kind(
    set: &SchemaSet,
    node: &Node,
    type_name: &str,
    value: &JsonValue,
    depth: usize,
) -> Result<Conforms, Mismatch> {
    let mismatch = |reason: String| Err(Mismatch { span: value.span, reason, help: None, expected: String::new() });
    let wrong_kind = || mismatch(format!("{} is not a valid `{type_name}`", show(value)));
    match (&node.kind, &value.kind) {
        (NodeKind::Null, JsonKind::Null)
        | (NodeKind::Boolean, JsonKind::Bool(_))
        | (NodeKind::String, JsonKind::String(_))
        | (NodeKind::Float | NodeKind::Double, JsonKind::Number(_)) => Ok(Conforms::default()),
        (NodeKind::Float | NodeKind::Double, JsonKind::String(text))
            if matches!(text.as_str(), "NaN" | "Infinity" | "-Infinity") =>
        {
            Ok(Conforms { non_finite: Some(value.span) })
        }
        (NodeKind::Int, JsonKind::Number(text)) => integer(text, i32::MIN.into(), i32::MAX.into(), "int", value.span),
        (NodeKind::Long, JsonKind::Number(text)) => integer(text, i64::MIN.into(), i64::MAX.into(), "long", value.span),
        (NodeKind::Bytes, JsonKind::String(text)) => byte_string(text, value.span),
        (NodeKind::Fixed(fixed), JsonKind::String(text)) => {
            byte_string(text, value.span)?;
            let length = text.chars().count();
            if length == fixed.size as usize {
                Ok(Conforms::default())
            } else {
                mismatch(format!("{} has {length} bytes, but `{type_name}` holds {}", show(value), fixed.size))
            }
        }
        (NodeKind::Enum(enumeration), JsonKind::String(text)) => {
            if enumeration.symbols.iter().any(|symbol| &symbol.value == text) {
                Ok(Conforms::default())
            } else {
                Err(Mismatch {
                    span: value.span,
                    reason: format!("`{text}` is not a symbol of `{type_name}`"),
                    help: Some(format!("use one of the symbols: {}", symbol_list(enumeration))),
                    expected: String::new(),
                })
            }
        }
        (NodeKind::Array { items }, JsonKind::Array(elements)) => {
            combine(elements.iter().map(|element| check(set, items.node, element, depth + 1)))
        }
        (NodeKind::Map { values }, JsonKind::Object(members)) => {
            combine(members.iter().map(|member| check(set, values.node, &member.value, depth + 1)))
        }
        (NodeKind::Record(record), JsonKind::Object(members)) => {
            let by_key: Option<HashMap<&str, &JsonValue>> = (members.len() > LINEAR_LOOKUP_MAX)
                .then(|| members.iter().map(|member| (member.key.as_str(), &member.value)).collect());
            let member = |name: &str| match &by_key {
                Some(by_key) => by_key.get(name).copied(),
                None => value.get(name),
            };
            combine(record.fields.iter().map(|field| match (member(&field.name.value), &field.default) {
                (Some(member), _) => check(set, field.ty.node, member, depth + 1),
                (None, Some(_)) => Ok(Conforms::default()),
                (None, None) => Err(Mismatch {
                    span: value.span,
                    reason: format!("the default lacks field `{}`, which has no default of its own", field.name.value),
                    help: Some(format!(
                        "add `{}` to the default, or give field `{}` a default",
                        field.name.value, field.name.value
                    )),
                    expected: String::new(),
                }),
            }))
        }
        (NodeKind::Union { branches }, _) => match first_match(set, branches, value, depth + 1) {
            Some((_, conforms)) => Ok(conforms),
            None => {
                // When one branch alone takes this kind of JSON value, its own mismatch is the useful one.
                let mut plausible =
                    branches.iter().filter(|branch| accepts_json_kind(&set.node(branch.node).kind, value));
                match (plausible.next(), plausible.next()) {
                    (Some(only), None) => check(set, only.node, value, depth + 1),
                    _ => {
                        let kinds: Vec<&str> = branches.iter().map(|branch| describe_type(set, branch.node)).collect();
                        mismatch(format!("{} matches no branch of the union [{}]", show(value), kinds.join(", ")))
                    }
                }
            }
        },
        _ => wrong_kind(),
    }
}

/// Whether a type takes this kind of JSON value at all (an object for a record or map, a string for a string, …).
fn accepts_json_kind(kind: &NodeKind, value: &JsonValue) -> bool {
    match &value.kind {
        JsonKind::Null => matches!(kind, NodeKind::Null),
        JsonKind::Bool(_) => matches!(kind, NodeKind::Boolean),
        JsonKind::Number(_) => matches!(kind, NodeKind::Int | NodeKind::Long | NodeKind::Float | NodeKind::Double),
        JsonKind::String(_) => matches!(
            kind,
            NodeKind::String
                | NodeKind::Bytes
                | NodeKind::Enum(_)
                | NodeKind::Fixed(_)
                | NodeKind::Float
                | NodeKind::Double
        ),
        JsonKind::Array(_) => matches!(kind, NodeKind::Array { .. }),
        JsonKind::Object(_) => matches!(kind, NodeKind::Record(_) | NodeKind::Map { .. }),
    }
}

/// All verdicts must conform; the first mismatch wins, and a non-finite stand-in anywhere is remembered.
fn combine(verdicts: impl Iterator<Item = Result<Conforms, Mismatch>>) -> Result<Conforms, Mismatch> {
    let mut combined = Conforms::default();
    for verdict in verdicts {
        combined.non_finite = combined.non_finite.or(verdict?.non_finite);
    }
    Ok(combined)
}

/// An integer literal within `[min, max]`, checked exactly on the source text.
fn integer(text: &str, min: i128, max: i128, type_name: &str, span: Span) -> Result<Conforms, Mismatch> {
    let mismatch = |reason: String| Err(Mismatch { span, reason, help: None, expected: String::new() });
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return mismatch(format!("`{text}` is not an integer literal, as `{type_name}` requires"));
    }
    let in_range = digits.len() <= 20 && text.parse::<i128>().is_ok_and(|number| (min..=max).contains(&number));
    if in_range {
        Ok(Conforms::default())
    } else {
        mismatch(format!("`{text}` is outside the `{type_name}` range [{min}, {max}]"))
    }
}

/// A JSON string whose code points are all ≤ 255, one byte each.
fn byte_string(text: &str, span: Span) -> Result<Conforms, Mismatch> {
    match text.chars().find(|&c| u32::from(c) > 255) {
        None => Ok(Conforms::default()),
        Some(c) => Err(Mismatch {
            span,
            reason: format!("code point U+{:04X} is above 255, so the string is not a byte string", u32::from(c)),
            help: Some("write each byte as one code point from `\\u0000` to `\\u00ff`".to_owned()),
            expected: String::new(),
        }),
    }
}

fn symbol_list(enumeration: &crate::graph::Enum) -> String {
    let symbols: Vec<String> = enumeration.symbols.iter().map(|symbol| format!("`{}`", symbol.value)).collect();
    symbols.join(", ")
}

/// A default as it reads in a message: scalars as written (strings shortened), containers by kind.
pub(super) fn show(value: &JsonValue) -> String {
    match &value.kind {
        JsonKind::Null => "`null`".to_owned(),
        JsonKind::Bool(flag) => format!("`{flag}`"),
        JsonKind::Number(text) => format!("`{text}`"),
        JsonKind::String(text) if text.chars().count() > 24 => {
            format!("`\"{}…\"`", text.chars().take(24).collect::<String>())
        }
        JsonKind::String(text) => format!("`{text:?}`"),
        JsonKind::Array(_) => "an array".to_owned(),
        JsonKind::Object(_) => "an object".to_owned(),
    }
}
