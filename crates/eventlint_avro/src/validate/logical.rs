//! Whether a node's `logicalType` is a valid spec 1.12 logical type (avro-compat §2.7): shared by the three
//! logical-type rules and by the compatibility rules, which compare only logical types that readers honour.

use eventlint_diagnostics::Span;
use eventlint_json::JsonValue;

use crate::graph::{Node, NodeId, NodeKind};
use crate::set::SchemaSet;

/// What readers make of a node's `logicalType`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogicalTypeStatus<'a> {
    /// A spec 1.12 logical type on a valid base; `decimal` carries its `(precision, scale)`.
    Valid { name: &'a str, decimal: Option<(u32, u32)> },
    /// A name spec 1.12 does not define (a custom type or a typo); readers ignore it.
    Unknown(&'a str),
    /// A known logical type on the wrong base or with invalid attributes; readers fall back to the base type.
    Ignored(IgnoredLogicalType),
    /// A decimal whose precision its `fixed` cannot hold: Java ignores it, apache-avro keeps it unchecked.
    PrecisionExceedsFixed { precision: u32, max: u32 },
}

/// Why readers ignore a known logical type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredLogicalType {
    /// What is wrong, such as "`scale` 3 > `precision` 2".
    pub reason: String,
    /// The offending attribute (`precision`, `scale`, `size` or `type` value), when there is one.
    pub attribute: Option<Span>,
    pub help: String,
}

/// The status of the `logicalType` on node `id`, or `None` when it has none.
pub fn logical_type_status(set: &SchemaSet, id: NodeId) -> Option<LogicalTypeStatus<'_>> {
    let node = set.node(id);
    let logical = node.logical_type.as_ref()?;
    let Some(name) = logical.name() else {
        return Some(ignored(
            "`logicalType` is not a string".to_owned(),
            None,
            "write the logical type's name as a string",
        ));
    };
    let base_ok = match name {
        "decimal" => matches!(node.kind, NodeKind::Bytes | NodeKind::Fixed(_)),
        "big-decimal" => matches!(node.kind, NodeKind::Bytes),
        "uuid" => matches!(node.kind, NodeKind::String) || fixed_size(node) == Some(16),
        "duration" => fixed_size(node) == Some(12),
        "date" | "time-millis" => matches!(node.kind, NodeKind::Int),
        "time-micros"
        | "timestamp-millis"
        | "timestamp-micros"
        | "timestamp-nanos"
        | "local-timestamp-millis"
        | "local-timestamp-micros"
        | "local-timestamp-nanos" => matches!(node.kind, NodeKind::Long),
        _ => return Some(LogicalTypeStatus::Unknown(name)),
    };
    if !base_ok {
        return Some(wrong_base(node, name));
    }
    if name != "decimal" {
        return Some(LogicalTypeStatus::Valid { name, decimal: None });
    }
    Some(decimal_status(node, logical.precision.as_ref(), logical.scale.as_ref()))
}

/// The most decimal digits a `fixed` of `size` bytes holds: ⌊log10(2^(8·size−1) − 1)⌋ (spec 1.12 "Decimal").
pub fn max_decimal_precision(size: u32) -> u32 {
    if size == 0 {
        return 0;
    }
    if size <= 16 {
        let largest = (1u128 << (8 * size - 1)) - 1;
        return largest.ilog10();
    }
    // 2^k − 1 and 2^k have the same number of digits for k ≥ 1, and the f64 error is far below one digit here.
    ((8.0 * f64::from(size) - 1.0) * std::f64::consts::LOG10_2).floor() as u32
}

/// The smallest `fixed` size that holds `precision` digits.
pub(super) fn min_fixed_size(precision: u32) -> u32 {
    // 8n − 1 bits hold ⌊(8n − 1)·log10 2⌋ digits; estimate n, then settle the rounding by checking its neighbours.
    let estimate = ((f64::from(precision) / std::f64::consts::LOG10_2 + 1.0) / 8.0).ceil() as u32;
    let candidates = estimate.saturating_sub(2).max(1)..=estimate.saturating_add(2);
    candidates.into_iter().find(|&size| max_decimal_precision(size) >= precision).unwrap_or(estimate)
}

fn fixed_size(node: &Node) -> Option<u32> {
    node.as_fixed().map(|fixed| fixed.size)
}

fn ignored(reason: String, attribute: Option<Span>, help: &str) -> LogicalTypeStatus<'static> {
    LogicalTypeStatus::Ignored(IgnoredLogicalType { reason, attribute, help: help.to_owned() })
}

fn wrong_base(node: &Node, name: &str) -> LogicalTypeStatus<'static> {
    let (expected, help) = match name {
        "decimal" => ("a `bytes` or `fixed`", "put `decimal` on `bytes` or a `fixed`"),
        "big-decimal" => ("`bytes`", "put `big-decimal` on `bytes`"),
        "uuid" => ("a `string` or a `fixed` of size 16", "put `uuid` on a `string` or a `fixed` of size 16"),
        "duration" => ("a `fixed` of size 12", "put `duration` on a `fixed` of size 12"),
        "date" => ("an `int`", "put `date` on an `int`"),
        "time-millis" => ("an `int`", "put `time-millis` on an `int`"),
        _ => ("a `long`", ""),
    };
    let help = if help.is_empty() { format!("put `{name}` on a `long`") } else { help.to_owned() };
    let actual = match node.as_fixed() {
        Some(fixed) => format!("a `fixed` of size {}", fixed.size),
        None => match node.avro_type().name() {
            name @ "int" => format!("an `{name}`"),
            name => format!("a `{name}`"),
        },
    };
    let attribute = match node.as_fixed() {
        Some(fixed) if matches!(name, "uuid" | "duration") => Some(fixed.size_span),
        _ => node.type_span,
    };
    ignored(format!("it belongs on {expected}, not {actual}"), attribute, &help)
}

fn decimal_status<'a>(node: &Node, precision: Option<&JsonValue>, scale: Option<&JsonValue>) -> LogicalTypeStatus<'a> {
    const HELP: &str = "give `decimal` a positive integer `precision` and a `scale` from 0 to `precision`";
    let Some(precision_value) = precision else {
        return ignored("`precision` is missing".to_owned(), None, HELP);
    };
    let precision = match integer(precision_value) {
        Some(precision) if precision > 0 && precision <= i64::from(u32::MAX) => precision as u32,
        _ => {
            let reason = format!("`precision` {} is not a positive integer", written(precision_value));
            return ignored(reason, Some(precision_value.span), HELP);
        }
    };
    let scale = match scale {
        None => 0,
        Some(scale_value) => match integer(scale_value) {
            Some(scale) if scale < 0 => {
                return ignored(format!("`scale` {scale} is negative"), Some(scale_value.span), HELP);
            }
            Some(scale) if scale > i64::from(precision) => {
                let reason = format!("`scale` {scale} > `precision` {precision}");
                return ignored(reason, Some(scale_value.span), HELP);
            }
            Some(scale) => scale as u32,
            None => {
                let reason = format!("`scale` {} is not an integer", written(scale_value));
                return ignored(reason, Some(scale_value.span), HELP);
            }
        },
    };
    if let Some(fixed) = node.as_fixed() {
        let max = max_decimal_precision(fixed.size);
        if precision > max {
            return LogicalTypeStatus::PrecisionExceedsFixed { precision, max };
        }
    }
    LogicalTypeStatus::Valid { name: "decimal", decimal: Some((precision, scale)) }
}

/// An integer literal (no fraction or exponent) that fits an `i64`.
fn integer(value: &JsonValue) -> Option<i64> {
    let text = value.as_number()?;
    text.bytes().all(|byte| byte.is_ascii_digit() || byte == b'-').then(|| text.parse().ok()).flatten()
}

fn written(value: &JsonValue) -> String {
    match (value.as_number(), value.as_str()) {
        (Some(number), _) => number.to_owned(),
        (None, Some(text)) => format!("{text:?}"),
        _ => format!("({})", value.kind_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_precision_matches_the_spec_table() {
        let table: Vec<u32> = (1..=16).map(max_decimal_precision).collect();
        assert_eq!(table, [2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38]);
        assert_eq!(max_decimal_precision(0), 0);
        assert_eq!(max_decimal_precision(32), 76);
        assert_eq!(min_fixed_size(10), 5);
        assert_eq!(min_fixed_size(38), 16);
        assert_eq!(min_fixed_size(39), 17);
        assert_eq!(min_fixed_size(1), 1);
        let huge = 4_000_000_000;
        let size = min_fixed_size(huge);
        assert!(max_decimal_precision(size) >= huge && max_decimal_precision(size - 1) < huge);
    }
}
