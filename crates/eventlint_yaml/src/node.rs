//! The YAML tree eventlint reads: core-schema scalars and collections, every node with its byte span.

use std::fmt;
use std::sync::Arc;

use eventlint_diagnostics::Span;

/// One YAML node. Cloning is cheap: the content is shared, which is how aliases avoid deep copies.
///
/// An alias node has the span of the alias (`*name`) and shares the content of the anchored node,
/// whose children keep the spans of the anchored text.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlNode {
    pub span: Span,
    content: Arc<NodeKind>,
}

/// The value of a node under the YAML 1.2 core schema. Quoted and block scalars are always strings.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    /// An integer that fits `i64`; `raw` is the text as written (`0x1F`, `+3`).
    Int {
        value: i64,
        raw: String,
    },
    /// A float, or an integer too large for `i64`; `raw` is the text as written.
    Float {
        value: f64,
        raw: String,
    },
    Str(String),
    Seq(Vec<YamlNode>),
    /// Entries in document order; keys are unique (duplicates are a load error and dropped).
    Map(Vec<(YamlNode, YamlNode)>),
}

impl YamlNode {
    pub fn new(span: Span, kind: NodeKind) -> Self {
        YamlNode { span, content: Arc::new(kind) }
    }

    /// The same content seen from another place (an alias).
    pub fn with_span(&self, span: Span) -> Self {
        YamlNode { span, content: Arc::clone(&self.content) }
    }

    pub fn kind(&self) -> &NodeKind {
        &self.content
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.kind() {
            NodeKind::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(YamlNode, YamlNode)]> {
        match self.kind() {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[YamlNode]> {
        match self.kind() {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of `key` in a mapping node.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
    }

    /// What the node is, for messages such as "expected an integer, found a string".
    pub fn type_name(&self) -> &'static str {
        self.kind().type_name()
    }
}

impl NodeKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int { .. } => "an integer",
            NodeKind::Float { .. } => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned { value: f(self.value), span: self.span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Appends one reference token to a JSON Pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn push_pointer(path: &str, token: &str) -> String {
    let mut out = String::with_capacity(path.len() + token.len() + 1);
    out.push_str(path);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}
