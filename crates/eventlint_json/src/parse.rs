//! Text to [`JsonValue`]: a bounded pre-scan, then `jsonc-parser` in strict mode, then conversion with duplicate-key
//! and node-count checks.
//!
//! `jsonc-parser` recurses once per nesting level (and stops itself at 512), so the pre-scan refuses input nested
//! deeper than `Limits::max_depth` before it is called. The conversion recurses the same way and is bounded by the
//! same check.

use std::collections::HashSet;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Span};
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::value::{JsonKind, JsonMember, JsonValue};

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Parses one JSON document strictly (RFC 8259), keeping a span on every value and key.
///
/// Returns `None` when the text is not JSON or breaks a limit; duplicate keys are reported but the value is still
/// returned, keeping the first of each key. A leading byte-order mark is skipped; spans stay offsets into `text`.
pub fn parse(file: FileId, text: &str, limits: &Limits) -> (Option<JsonValue>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if text.len() > limits.max_file_bytes {
        let limit = limits.max_file_bytes;
        diagnostics.push(
            Diagnostic::load("limit-exceeded", format!("the file is larger than the limit of {limit} bytes"))
                .with_primary(Span::at(file, limit), "the limit is reached here")
                .with_help("split the schema into smaller files, or raise `max-file-bytes` in `[limits]`"),
        );
        return (None, diagnostics);
    }
    let base = if text.starts_with(BYTE_ORDER_MARK) { BYTE_ORDER_MARK.len() } else { 0 };
    let body = &text[base..];
    let scan = match prescan(body, limits.max_depth) {
        Ok(scan) => scan,
        Err(offset) => {
            let depth = limits.max_depth;
            diagnostics.push(
                Diagnostic::load("limit-exceeded", format!("JSON nesting is deeper than the limit of {depth}"))
                    .with_primary(Span::new(file, base + offset, base + offset + 1), "this level is too deep")
                    .with_help("flatten the schema, or raise `max-depth` in `[limits]`"),
            );
            return (None, diagnostics);
        }
    };
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(body, &CollectOptions::default(), &options);
    let error = match (parsed, scan.first_strictness_error) {
        (Err(error), Some((offset, problem))) if offset < error.range().start => {
            strictness_error(file, base, body, offset, problem)
        }
        (Err(error), _) => syntax_error(file, base, body, &error),
        (Ok(_), Some((offset, problem))) => strictness_error(file, base, body, offset, problem),
        (Ok(result), None) => match result.value {
            Some(value) => {
                let mut converter = Converter { file, base, max_nodes: limits.max_expanded_nodes, nodes: 0 };
                let converted = converter.convert(&value, &mut diagnostics);
                return (converted, diagnostics);
            }
            None => Diagnostic::load("json-syntax", "the file holds no JSON value")
                .with_primary(Span::at(file, text.len()), "expected a value")
                .with_help("write the schema as a JSON object, array or string"),
        },
    };
    diagnostics.push(error);
    (None, diagnostics)
}

/// Leniencies of `jsonc-parser` that its options cannot switch off, found by the pre-scan.
#[derive(Clone, Copy, Debug)]
enum StrictnessProblem {
    /// A raw control character (below U+0020) inside a string.
    ControlCharacter,
    /// Whitespace that RFC 8259 does not allow (vertical tab, form feed, non-ASCII spaces).
    NonJsonWhitespace,
}

struct Prescan {
    first_strictness_error: Option<(usize, StrictnessProblem)>,
}

/// Walks the bytes once, outside and inside strings: `Err(offset)` at the first bracket deeper than `max_depth`.
fn prescan(text: &str, max_depth: usize) -> Result<Prescan, usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut first_strictness_error = None;
    let mut note = |offset: usize, problem| {
        first_strictness_error.get_or_insert((offset, problem));
    };
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if in_string {
            match byte {
                b'\\' => index += 1,
                b'"' => in_string = false,
                0..=0x1f => note(index, StrictnessProblem::ControlCharacter),
                _ => {}
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max_depth {
                        return Err(index);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                0x0b | 0x0c | 0x80.. => note(index, StrictnessProblem::NonJsonWhitespace),
                _ => {}
            }
        }
        index += 1;
    }
    Ok(Prescan { first_strictness_error })
}

fn strictness_error(file: FileId, base: usize, text: &str, offset: usize, problem: StrictnessProblem) -> Diagnostic {
    let width = text[offset..].chars().next().map_or(1, char::len_utf8);
    let span = Span::new(file, base + offset, base + offset + width);
    match problem {
        StrictnessProblem::ControlCharacter => {
            Diagnostic::load("json-syntax", "a control character must be escaped inside a JSON string")
                .with_primary(span, "raw control character")
                .with_help("write it as an escape such as `\\n`, `\\t` or `\\u0000`")
        }
        StrictnessProblem::NonJsonWhitespace => {
            Diagnostic::load("json-syntax", "unexpected character outside a string")
                .with_primary(span, "not JSON whitespace or a JSON token")
                .with_help("remove the character; JSON allows only spaces, tabs and line breaks between tokens")
        }
    }
}

fn syntax_error(file: FileId, base: usize, text: &str, error: &ParseError) -> Diagnostic {
    let range = error.range();
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let span = Span::new(file, base + start, base + end.max(start + usize::from(start < text.len())));
    let token = text.get(start..end).unwrap_or("");
    let follows_zero = start > 0 && text.as_bytes().get(start - 1) == Some(&b'0');
    let starts_digit = text.as_bytes().get(start).is_some_and(u8::is_ascii_digit);
    let (message, label, help): (String, &str, &str) = match error.kind() {
        ParseErrorKind::ExpectedComma | ParseErrorKind::MultipleRootJsonValues if follows_zero && starts_digit => (
            "JSON numbers cannot have leading zeros".into(),
            "digit after a leading zero",
            "remove the leading zero, or quote the value as a string",
        ),
        ParseErrorKind::CommentsNotAllowed | ParseErrorKind::UnterminatedCommentBlock => (
            "comments are not allowed in JSON".into(),
            "comment",
            "remove the comment; put explanations in a `doc` attribute",
        ),
        ParseErrorKind::TrailingCommasNotAllowed => {
            ("trailing commas are not allowed in JSON".into(), "trailing comma", "remove the comma")
        }
        ParseErrorKind::SingleQuotedStringsNotAllowed => (
            "JSON strings must use double quotes".into(),
            "single quote",
            "replace the single quotes with double quotes",
        ),
        ParseErrorKind::NonFiniteNumbersNotAllowed => non_finite_number(token),
        ParseErrorKind::UnexpectedWord | ParseErrorKind::UnexpectedToken if matches!(token, "NaN" | "Infinity") => {
            non_finite_number(token)
        }
        ParseErrorKind::UnexpectedWord | ParseErrorKind::UnexpectedToken
            if token.starts_with(|c: char| c.is_alphabetic()) =>
        {
            (
                format!("unexpected word `{token}`"),
                "not a JSON value",
                "quote text with double quotes; the only JSON literals are `true`, `false` and `null`",
            )
        }
        ParseErrorKind::ExpectedStringObjectProperty | ParseErrorKind::UnexpectedTokenInObject => {
            ("object keys must be double-quoted strings".into(), "expected a key", "quote the key with double quotes")
        }
        ParseErrorKind::ExpectedColonAfterObjectKey => {
            ("expected `:` after the object key".into(), "expected `:`", "put `:` between the key and its value")
        }
        ParseErrorKind::ExpectedObjectValue => {
            ("expected a value after `:`".into(), "expected a value", "write the member's value after the colon")
        }
        ParseErrorKind::ExpectedComma => {
            ("expected `,` between values".into(), "expected `,`", "separate the values with a comma")
        }
        ParseErrorKind::MultipleRootJsonValues => (
            "unexpected content after the JSON value".into(),
            "second value",
            "a schema file holds one JSON value: remove the rest, or wrap the values in an array",
        ),
        ParseErrorKind::UnterminatedArray => {
            ("unterminated array".into(), "array starts here", "close the array with `]`")
        }
        ParseErrorKind::UnterminatedObject => {
            ("unterminated object".into(), "object starts here", "close the object with `}`")
        }
        ParseErrorKind::UnexpectedComma => {
            ("unexpected `,`".into(), "unexpected comma", "remove the comma, or add the missing value")
        }
        ParseErrorKind::UnexpectedColon => ("unexpected `:`".into(), "unexpected colon", "remove the colon"),
        ParseErrorKind::UnexpectedCloseBrace | ParseErrorKind::UnexpectedCloseBracket => {
            (format!("unexpected `{token}`"), "unbalanced bracket", "remove it, or add the missing value before it")
        }
        ParseErrorKind::HexadecimalNumbersNotAllowed => {
            ("hexadecimal numbers are not allowed in JSON".into(), "hexadecimal", "write the number in decimal")
        }
        ParseErrorKind::UnaryPlusNumbersNotAllowed => {
            ("JSON numbers cannot start with `+`".into(), "leading plus", "remove the `+`")
        }
        ParseErrorKind::BareDecimalPointNumbersNotAllowed => (
            "a JSON number needs digits on both sides of its decimal point".into(),
            "bare decimal point",
            "write `0.5` rather than `.5`, and `5.0` or `5` rather than `5.`",
        ),
        ParseErrorKind::ExpectedDigit
        | ParseErrorKind::ExpectedDigitFollowingNegativeSign
        | ParseErrorKind::ExpectedPlusMinusOrDigitInNumberLiteral => (
            "invalid JSON number".into(),
            "malformed number",
            "write digits, an optional fraction and an optional exponent, such as `-12.5e3`",
        ),
        ParseErrorKind::String(kind) => (
            format!("invalid JSON string: {}", lowercase_first(&kind.to_string())),
            "invalid string",
            "close strings with `\"` and use only JSON escapes: `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` `\\uXXXX`",
        ),
        ParseErrorKind::NestingDepthExceeded => {
            return Diagnostic::load("limit-exceeded", "JSON nesting is deeper than the parser's limit of 512")
                .with_primary(span, "this level is too deep")
                .with_help("flatten the schema");
        }
        other => (
            format!("invalid JSON: {}", lowercase_first(&other.to_string())),
            "unexpected token",
            "fix the JSON syntax at this position",
        ),
    };
    Diagnostic::load("json-syntax", message).with_primary(span, label).with_help(help)
}

fn non_finite_number(token: &str) -> (String, &'static str, &'static str) {
    (
        format!("`{token}` is not a JSON number"),
        "not a JSON number",
        "use a finite number; Avro readers that accept the string form do so only as an extension",
    )
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

struct Converter {
    file: FileId,
    base: usize,
    max_nodes: usize,
    nodes: usize,
}

/// Objects with more members than this use a hash set to find duplicate keys.
const LINEAR_KEY_SCAN_MAX: usize = 16;

impl Converter {
    fn span(&self, range: jsonc_parser::common::Range) -> Span {
        Span::new(self.file, self.base + range.start, self.base + range.end)
    }

    /// Recursion depth equals JSON nesting, which the pre-scan bounded by `max_depth` (and `jsonc-parser` by 512).
    fn convert(&mut self, value: &Value<'_>, diagnostics: &mut Vec<Diagnostic>) -> Option<JsonValue> {
        let range = match value {
            Value::StringLit(lit) => lit.range,
            Value::NumberLit(lit) => lit.range,
            Value::BooleanLit(lit) => lit.range,
            Value::NullKeyword(lit) => lit.range,
            Value::Array(array) => array.range,
            Value::Object(object) => object.range,
        };
        let span = self.span(range);
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            let limit = self.max_nodes;
            diagnostics.push(
                Diagnostic::load("limit-exceeded", format!("the file has more than the limit of {limit} JSON values"))
                    .with_primary(span, "the limit is reached here")
                    .with_help("split the schema into smaller files, or raise `max-expanded-nodes` in `[limits]`"),
            );
            return None;
        }
        let kind = match value {
            Value::StringLit(lit) => JsonKind::String(lit.value.to_string()),
            Value::NumberLit(lit) => JsonKind::Number(lit.value.to_owned()),
            Value::BooleanLit(lit) => JsonKind::Bool(lit.value),
            Value::NullKeyword(_) => JsonKind::Null,
            Value::Array(array) => {
                let mut items = Vec::with_capacity(array.elements.len());
                for element in &array.elements {
                    items.push(self.convert(element, diagnostics)?);
                }
                JsonKind::Array(items)
            }
            Value::Object(object) => {
                let mut members: Vec<JsonMember> = Vec::with_capacity(object.properties.len());
                let mut seen = HashSet::new();
                let hashed = object.properties.len() > LINEAR_KEY_SCAN_MAX;
                for property in &object.properties {
                    let (key, key_range) = match &property.name {
                        ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range),
                        ObjectPropName::Word(word) => (word.value, word.range),
                    };
                    let key_span = self.span(key_range);
                    let value = self.convert(&property.value, diagnostics)?;
                    let duplicate = if hashed && seen.insert(key) {
                        None
                    } else {
                        members.iter().find(|member| member.key == key).map(|member| member.key_span)
                    };
                    match duplicate {
                        Some(first) => diagnostics.push(
                            Diagnostic::load("duplicate-definition", format!("duplicate key `{key}`"))
                                .with_primary(key_span, "defined again here")
                                .with_label(first, "first defined here")
                                .with_help(format!(
                                    "remove one of the `{key}` keys: JSON readers disagree on which one counts"
                                )),
                        ),
                        None => members.push(JsonMember { key: key.to_owned(), key_span, value }),
                    }
                }
                JsonKind::Object(members)
            }
        };
        Some(JsonValue { kind, span })
    }
}

#[cfg(test)]
mod tests;
