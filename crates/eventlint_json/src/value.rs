//! The parsed JSON tree: values with spans, numbers as source text, objects as ordered member lists.

use std::collections::HashMap;

use eventlint_diagnostics::Span;

/// Objects with more members than this are indexed before they are compared.
const LINEAR_LOOKUP_MAX: usize = 16;

/// One JSON value and the byte range it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    pub span: Span,
}

/// What a [`JsonValue`] holds.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number exactly as written (`1e2`, `-0`, `12345678901234567890`); never rounded through `f64`.
    Number(String),
    /// The string with its escapes decoded.
    String(String),
    Array(Vec<JsonValue>),
    /// Members in source order; keys are unique (duplicates are a load error and only the first is kept).
    Object(Vec<JsonMember>),
}

/// One `"key": value` pair of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    pub key: String,
    pub key_span: Span,
    pub value: JsonValue,
}

impl JsonValue {
    /// The JSON type name used in messages: `null`, `boolean`, `number`, `string`, `array` or `object`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "boolean",
            JsonKind::Number(_) => "number",
            JsonKind::String(_) => "string",
            JsonKind::Array(_) => "array",
            JsonKind::Object(_) => "object",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number's source text.
    pub fn as_number(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::Number(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match &self.kind {
            JsonKind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[JsonMember]> {
        match &self.kind {
            JsonKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member called `key`, if this is an object that has one.
    pub fn member(&self, key: &str) -> Option<&JsonMember> {
        self.as_object()?.iter().find(|member| member.key == key)
    }

    /// The value of member `key`, if this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.member(key).map(|member| &member.value)
    }

    /// Whether two values are the same parsed JSON: spans, whitespace and object key order are ignored.
    ///
    /// Numbers compare by source text, so `1` and `1.0` differ (as Jackson's int and double nodes do).
    /// Iterative, so arbitrarily deep values cannot overflow the stack.
    pub fn structurally_eq(&self, other: &JsonValue) -> bool {
        let mut pending = vec![(self, other)];
        while let Some((left, right)) = pending.pop() {
            match (&left.kind, &right.kind) {
                (JsonKind::Null, JsonKind::Null) => {}
                (JsonKind::Bool(a), JsonKind::Bool(b)) if a == b => {}
                (JsonKind::Number(a), JsonKind::Number(b)) | (JsonKind::String(a), JsonKind::String(b)) if a == b => {}
                (JsonKind::Array(a), JsonKind::Array(b)) if a.len() == b.len() => pending.extend(a.iter().zip(b)),
                (JsonKind::Object(a), JsonKind::Object(b)) if a.len() == b.len() => {
                    let by_key: Option<HashMap<&str, &JsonValue>> = (b.len() > LINEAR_LOOKUP_MAX)
                        .then(|| b.iter().map(|member| (member.key.as_str(), &member.value)).collect());
                    for member in a {
                        let counterpart = match &by_key {
                            Some(by_key) => by_key.get(member.key.as_str()).copied(),
                            None => b.iter().find(|candidate| candidate.key == member.key).map(|m| &m.value),
                        };
                        match counterpart {
                            Some(counterpart) => pending.push((&member.value, counterpart)),
                            None => return false,
                        }
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use eventlint_diagnostics::{FileId, Limits};

    use crate::parse;

    fn equal(a: &str, b: &str) -> bool {
        let limits = Limits::default();
        let (left, _) = parse(FileId(0), a, &limits);
        let (right, _) = parse(FileId(1), b, &limits);
        left.unwrap().structurally_eq(&right.unwrap())
    }

    #[test]
    fn structural_equality_ignores_key_order_and_whitespace_only() {
        assert!(equal(r#"{"a": 1, "b": [true, null, {"c": "x"}]}"#, r#"{"b":[true,null,{"c":"x"}],"a":1}"#));
        assert!(!equal(r#"{"a": 1}"#, r#"{"a": 1.0}"#));
        assert!(!equal(r#"{"a": 1}"#, r#"{"a": 1, "b": 2}"#));
        assert!(!equal(r#"{"a": 1, "c": 2}"#, r#"{"a": 1, "b": 2}"#));
        assert!(!equal(r#"[1, 2]"#, r#"[2, 1]"#));
        assert!(!equal(r#""1""#, r#"1"#));
        assert!(equal(r#""\u0041""#, r#""A""#));
        let wide = |keys: Vec<usize>| {
            format!("{{{}}}", keys.iter().map(|i| format!("\"k{i}\": {i}")).collect::<Vec<_>>().join(", "))
        };
        assert!(equal(&wide((0..40).collect()), &wide((0..40).rev().collect())));
        assert!(!equal(&wide((0..40).collect()), &wide((1..41).collect())));
    }
}
