//! Text to [`JsonValue`]: `jsonc-parser`'s scanner in strict mode drives a small iterative parser with an explicit
//! stack, so no input depth can overflow the stack and every value is built once, without an intermediate tree.
//!
//! The scanner tolerates a few things RFC 8259 forbids even with every option off (raw control characters in
//! strings; vertical tab, form feed and Unicode spaces between tokens); the parser checks those itself.

use std::collections::HashMap;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Span};
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::tokens::Token;
use jsonc_parser::{Scanner, ScannerOptions};

use crate::value::{JsonKind, JsonMember, JsonValue};

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Objects with more members than this use a hash map to find duplicate keys.
const LINEAR_KEY_SCAN_MAX: usize = 16;

/// Parses one JSON document strictly (RFC 8259), keeping a span on every value and key.
///
/// Returns `None` when the text is not JSON or breaks a limit (the first syntax error is reported); duplicate keys
/// are reported but the value is still returned, keeping the first of each key. A leading byte-order mark is
/// skipped; spans stay offsets into `text`.
pub fn parse(file: FileId, text: &str, limits: &Limits) -> (Option<JsonValue>, Vec<Diagnostic>) {
    if text.len() > limits.max_file_bytes {
        let limit = limits.max_file_bytes;
        let error = Diagnostic::load("limit-exceeded", format!("the file is larger than the limit of {limit} bytes"))
            .with_primary(Span::at(file, limit), "the limit is reached here")
            .with_help("split the schema into smaller files, or raise `max-file-bytes` in `[limits]`");
        return (None, vec![error]);
    }
    let base = if text.starts_with(BYTE_ORDER_MARK) { BYTE_ORDER_MARK.len() } else { 0 };
    let mut parser = Parser::new(file, base, &text[base..], limits);
    let result = parser.parse_tokens();
    let mut diagnostics = parser.duplicates;
    // Objects close inside out; report duplicates in text order.
    diagnostics.sort_by_key(|diagnostic| diagnostic.primary.as_ref().map(|label| label.span.start));
    match result {
        Ok(value) => (Some(value), diagnostics),
        Err(error) => {
            diagnostics.insert(0, *error);
            (None, diagnostics)
        }
    }
}

/// An array or object being filled.
enum Frame {
    Array { start: usize, items: Vec<JsonValue> },
    Object { start: usize, members: Vec<JsonMember>, key: Option<(String, Span)> },
}

/// What the next token may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The document's value, or a member's value after `:`.
    Value,
    /// An array item or `]`, right after `[`.
    ItemOrClose,
    /// An array item after `,`.
    ItemAfterComma,
    /// A key or `}`, right after `{`.
    KeyOrClose,
    /// A key after `,`.
    KeyAfterComma,
    Colon,
    /// `,` or the closing bracket of the innermost container.
    CommaOrClose,
    /// Nothing: the document's value is complete.
    End,
}

/// The error that stops parsing (`load/json-syntax` or `load/limit-exceeded`), boxed to keep results small.
type Failure = Box<Diagnostic>;

struct Parser<'a> {
    file: FileId,
    base: usize,
    text: &'a str,
    scanner: Scanner<'a>,
    max_depth: usize,
    max_nodes: usize,
    nodes: usize,
    stack: Vec<Frame>,
    /// End of the previous token, to check the whitespace before the next one.
    previous_end: usize,
    /// Offset of the last `,`, for the trailing-comma error.
    last_comma: usize,
    /// End of the last number token that was `0` or `-0`, to explain `01`.
    zero_end: Option<usize>,
    duplicates: Vec<Diagnostic>,
}

const COMMENT_HELP: &str = "remove the comment; put explanations in a `doc` attribute";

impl<'a> Parser<'a> {
    fn new(file: FileId, base: usize, text: &'a str, limits: &Limits) -> Self {
        let options = ScannerOptions {
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        Parser {
            file,
            base,
            text,
            scanner: Scanner::new(text, &options),
            max_depth: limits.max_depth,
            max_nodes: limits.max_expanded_nodes,
            nodes: 0,
            stack: Vec::new(),
            previous_end: 0,
            last_comma: 0,
            zero_end: None,
            duplicates: Vec::new(),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }

    fn error(&self, start: usize, end: usize, message: impl Into<String>, label: &str, help: &str) -> Failure {
        let end = end.max(start + char_width_at(self.text, start));
        Box::new(Diagnostic::load("json-syntax", message).with_primary(self.span(start, end), label).with_help(help))
    }

    fn parse_tokens(&mut self) -> Result<JsonValue, Failure> {
        let mut expect = Expect::Value;
        let mut root = None;
        loop {
            let token =
                self.scanner.scan().map_err(|error| Box::new(syntax_error(self.file, self.base, self.text, &error)))?;
            let (start, end) = (self.scanner.token_start(), self.scanner.token_end());
            self.check_gap(start)?;
            let Some(token) = token else { break };
            let previous_end = std::mem::replace(&mut self.previous_end, end);
            let value = match (expect, token) {
                (_, Token::CommentLine(_) | Token::CommentBlock(_)) => {
                    return Err(self.error(start, end, "comments are not allowed in JSON", "comment", COMMENT_HELP));
                }
                (Expect::ItemOrClose, Token::CloseBracket) | (Expect::KeyOrClose, Token::CloseBrace) => self.close(end),
                (Expect::CommaOrClose, Token::CloseBracket) if self.innermost_is_array() => self.close(end),
                (Expect::CommaOrClose, Token::CloseBrace) if !self.innermost_is_array() => self.close(end),
                (Expect::ItemAfterComma, Token::CloseBracket) | (Expect::KeyAfterComma, Token::CloseBrace) => {
                    let comma = self.last_comma;
                    return Err(self.error(
                        comma,
                        comma + 1,
                        "trailing commas are not allowed in JSON",
                        "trailing comma",
                        "remove the comma",
                    ));
                }
                (Expect::Value | Expect::ItemOrClose | Expect::ItemAfterComma, token) => {
                    match self.value(token, start, end)? {
                        Some(value) => value,
                        None => {
                            expect = if matches!(self.stack.last(), Some(Frame::Object { .. })) {
                                Expect::KeyOrClose
                            } else {
                                Expect::ItemOrClose
                            };
                            continue;
                        }
                    }
                }
                (Expect::KeyOrClose | Expect::KeyAfterComma, Token::String(key)) => {
                    self.check_string(start, end)?;
                    let key_span = self.span(start, end);
                    if let Some(Frame::Object { key: slot, .. }) = self.stack.last_mut() {
                        *slot = Some((key.into_owned(), key_span));
                    }
                    expect = Expect::Colon;
                    continue;
                }
                (Expect::KeyOrClose | Expect::KeyAfterComma, _) => {
                    return Err(self.error(
                        start,
                        end,
                        "object keys must be double-quoted strings",
                        "expected a key",
                        "quote the key with double quotes",
                    ));
                }
                (Expect::Colon, Token::Colon) => {
                    expect = Expect::Value;
                    continue;
                }
                (Expect::Colon, _) => {
                    return Err(self.error(
                        start,
                        end,
                        "expected `:` after the object key",
                        "expected `:`",
                        "put `:` between the key and its value",
                    ));
                }
                (Expect::CommaOrClose, Token::Comma) => {
                    self.last_comma = start;
                    expect = match self.stack.last() {
                        Some(Frame::Object { .. }) => Expect::KeyAfterComma,
                        _ => Expect::ItemAfterComma,
                    };
                    continue;
                }
                (Expect::CommaOrClose | Expect::End, token) => {
                    return Err(self.unexpected_after_value(&token, start, end, previous_end, expect == Expect::End));
                }
            };
            match self.stack.last_mut() {
                None => {
                    root = Some(value);
                    expect = Expect::End;
                }
                Some(Frame::Array { items, .. }) => {
                    items.push(value);
                    expect = Expect::CommaOrClose;
                }
                Some(Frame::Object { members, key, .. }) => {
                    if let Some((key, key_span)) = key.take() {
                        members.push(JsonMember { key, key_span, value });
                    }
                    expect = Expect::CommaOrClose;
                }
            }
        }
        match (root, self.stack.last()) {
            (Some(root), _) => Ok(root),
            (None, Some(Frame::Array { start, .. })) => Err(self.error(
                *start,
                self.text.len(),
                "unterminated array",
                "array starts here",
                "close the array with `]`",
            )),
            (None, Some(Frame::Object { start, .. })) => Err(self.error(
                *start,
                self.text.len(),
                "unterminated object",
                "object starts here",
                "close the object with `}`",
            )),
            (None, None) => Err(self.error(
                self.text.len(),
                self.text.len(),
                "the file holds no JSON value",
                "expected a value",
                "write the schema as a JSON object, array or string",
            )),
        }
    }

    fn innermost_is_array(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Array { .. }))
    }

    /// Reads a token where a value may start: a scalar is returned, an opening bracket pushes a frame (`None`).
    fn value(&mut self, token: Token<'a>, start: usize, end: usize) -> Result<Option<JsonValue>, Failure> {
        let kind = match token {
            Token::OpenBrace | Token::OpenBracket => {
                if self.stack.len() >= self.max_depth {
                    let depth = self.max_depth;
                    return Err(Box::new(
                        Diagnostic::load("limit-exceeded", format!("JSON nesting is deeper than the limit of {depth}"))
                            .with_primary(self.span(start, start + 1), "this level is too deep")
                            .with_help("flatten the schema, or raise `max-depth` in `[limits]`"),
                    ));
                }
                self.count(start, start + 1)?;
                self.stack.push(match token {
                    Token::OpenBrace => Frame::Object { start, members: Vec::new(), key: None },
                    _ => Frame::Array { start, items: Vec::new() },
                });
                return Ok(None);
            }
            Token::String(text) => {
                self.check_string(start, end)?;
                JsonKind::String(text.into_owned())
            }
            Token::Number(number) => {
                self.zero_end = matches!(number, "0" | "-0").then_some(end);
                JsonKind::Number(number.to_owned())
            }
            Token::Boolean(flag) => JsonKind::Bool(flag),
            Token::Null => JsonKind::Null,
            Token::Word(word) if matches!(word, "NaN" | "Infinity") => {
                let (message, label, help) = non_finite_number(word);
                return Err(self.error(start, end, message, label, help));
            }
            Token::Word(word) => {
                return Err(self.error(start, end, format!("unexpected word `{word}`"), "not a JSON value", WORD_HELP));
            }
            other => {
                let text = other.as_str().to_owned();
                let message = format!("unexpected `{text}`");
                return Err(self.error(
                    start,
                    end,
                    message,
                    "expected a value",
                    "write a value here, or remove the token",
                ));
            }
        };
        self.count(start, end)?;
        Ok(Some(JsonValue { kind, span: self.span(start, end) }))
    }

    /// Closes the innermost container at `end` (just after its closing bracket).
    fn close(&mut self, end: usize) -> JsonValue {
        match self.stack.pop() {
            Some(Frame::Array { start, items }) => {
                JsonValue { kind: JsonKind::Array(items), span: self.span(start, end) }
            }
            Some(Frame::Object { start, members, .. }) => {
                let members = self.without_duplicates(members);
                JsonValue { kind: JsonKind::Object(members), span: self.span(start, end) }
            }
            None => JsonValue { kind: JsonKind::Null, span: self.span(end, end) },
        }
    }

    /// Reports every repeated key (with both key spans) and keeps the first member of each key.
    fn without_duplicates(&mut self, mut members: Vec<JsonMember>) -> Vec<JsonMember> {
        let duplicates: Vec<(usize, usize)> = if members.len() <= LINEAR_KEY_SCAN_MAX {
            (0..members.len())
                .filter_map(|i| members[..i].iter().position(|m| m.key == members[i].key).map(|first| (i, first)))
                .collect()
        } else {
            let mut firsts: HashMap<&str, usize> = HashMap::with_capacity(members.len());
            (0..members.len())
                .filter_map(|i| {
                    let first = *firsts.entry(members[i].key.as_str()).or_insert(i);
                    (first != i).then_some((i, first))
                })
                .collect()
        };
        if duplicates.is_empty() {
            return members;
        }
        for &(index, first) in &duplicates {
            let key = &members[index].key;
            self.duplicates.push(
                Diagnostic::load("duplicate-definition", format!("duplicate key `{key}`"))
                    .with_primary(members[index].key_span, "defined again here")
                    .with_label(members[first].key_span, "first defined here")
                    .with_help(format!("remove one of the `{key}` keys: JSON readers disagree on which one counts")),
            );
        }
        let mut index = 0;
        members.retain(|_| {
            let keep = !duplicates.iter().any(|&(duplicate, _)| duplicate == index);
            index += 1;
            keep
        });
        members
    }

    /// Counts one more value against `max_expanded_nodes`.
    fn count(&mut self, start: usize, end: usize) -> Result<(), Failure> {
        self.nodes += 1;
        if self.nodes <= self.max_nodes {
            return Ok(());
        }
        let limit = self.max_nodes;
        Err(Box::new(
            Diagnostic::load("limit-exceeded", format!("the file has more than the limit of {limit} JSON values"))
                .with_primary(self.span(start, end), "the limit is reached here")
                .with_help("split the schema into smaller files, or raise `max-expanded-nodes` in `[limits]`"),
        ))
    }

    /// Only space, tab, line feed and carriage return may separate tokens (RFC 8259).
    fn check_gap(&self, start: usize) -> Result<(), Failure> {
        let gap = &self.text.as_bytes()[self.previous_end.min(start)..start];
        match gap.iter().position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r')) {
            None => Ok(()),
            Some(offset) => {
                let at = self.previous_end + offset;
                let width = char_width_at(self.text, at);
                Err(self.error(
                    at,
                    at + width,
                    "unexpected character outside a string",
                    "not JSON whitespace or a JSON token",
                    "remove the character; JSON allows only spaces, tabs and line breaks between tokens",
                ))
            }
        }
    }

    /// Raw control characters must be escaped inside strings (RFC 8259).
    fn check_string(&self, start: usize, end: usize) -> Result<(), Failure> {
        match self.text.as_bytes()[start..end].iter().position(|&byte| byte < 0x20) {
            None => Ok(()),
            Some(offset) => Err(self.error(
                start + offset,
                start + offset + 1,
                "a control character must be escaped inside a JSON string",
                "raw control character",
                "write it as an escape such as `\\n`, `\\t` or `\\u0000`",
            )),
        }
    }

    /// A token where `,`, a closing bracket or the end of the text belongs.
    fn unexpected_after_value(
        &self,
        token: &Token<'_>,
        start: usize,
        end: usize,
        previous_end: usize,
        at_end: bool,
    ) -> Failure {
        if matches!(token, Token::Number(_)) && self.zero_end == Some(start) {
            return self.error(
                start,
                end,
                "JSON numbers cannot have leading zeros",
                "digit after a leading zero",
                "remove the leading zero, or quote the value as a string",
            );
        }
        if at_end {
            return self.error(
                start,
                end,
                "unexpected content after the JSON value",
                "second value",
                "a schema file holds one JSON value: remove the rest, or wrap the values in an array",
            );
        }
        match token {
            Token::CloseBrace | Token::CloseBracket => self.error(
                start,
                end,
                format!("unexpected `{}`", token.as_str()),
                "unbalanced bracket",
                if self.innermost_is_array() {
                    "close the array with `]` first"
                } else {
                    "close the object with `}` first"
                },
            ),
            _ => self.error(
                previous_end,
                previous_end,
                "expected `,` between values",
                "expected `,`",
                "separate the values with a comma",
            ),
        }
    }
}

const WORD_HELP: &str = "quote text with double quotes; the only JSON literals are `true`, `false` and `null`";

fn syntax_error(file: FileId, base: usize, text: &str, error: &ParseError) -> Diagnostic {
    let range = error.range();
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let span = Span::new(file, base + start, base + end.max(start + char_width_at(text, start)));
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

/// The byte length of the character at `offset` (0 at the end), so an empty error span covers one whole character.
fn char_width_at(text: &str, offset: usize) -> usize {
    text.get(offset..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8)
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

#[cfg(test)]
mod tests;
