//! The resolved schema graph: an arena of nodes where every named type is one node shared by all its references.

use eventlint_diagnostics::{FileId, Span};
use eventlint_json::{JsonMember, JsonValue};

/// Index of a node in its [`SchemaSet`](crate::SchemaSet). Ids are dense (`0..set.len()`), so a compatibility memo can
/// pack two of them into one `u64` key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One Avro type occurrence. Named types (record, enum, fixed) have exactly one node, which every reference shares
/// (Java's reference identity); primitives, arrays, maps and unions get one node per place they are written.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    /// The JSON value the type is written as: a string (`"int"`), an object or an array (a union).
    pub span: Span,
    /// The `"type"` value, when the type is written as an object.
    pub type_span: Option<Span>,
    /// `logicalType` and the attributes that qualify it, when present.
    pub logical_type: Option<Box<LogicalType>>,
    /// Attributes the Avro specification does not define (metadata, typos, the `eventlint` suppression attribute),
    /// in source order. For named types these are the definition's own attributes.
    pub attributes: Vec<JsonMember>,
    /// Where the type is written: the containing node and the edge from it (the definition site for named types).
    pub position: Position,
}

/// The Avro type of a node, with the payload each kind carries.
#[derive(Clone, Debug)]
pub enum NodeKind {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array { items: TypeRef },
    Map { values: TypeRef },
    Union { branches: Vec<TypeRef> },
    Record(Box<Record>),
    Enum(Box<Enum>),
    Fixed(Box<Fixed>),
}

/// A place in the JSON where a type is used: the node it resolves to and the span of the JSON written there.
///
/// For a reference by name (`"com.example.Money"`), `span` is the reference and `node` the shared definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeRef {
    pub node: NodeId,
    pub span: Span,
    /// Whether the type is referenced by name rather than written out here.
    pub by_name: bool,
}

/// A string attribute as written, with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// What a named type shares: its names, doc, aliases and defining file.
#[derive(Clone, Debug)]
pub struct Named {
    /// The full name (`com.example.Money`, or `Money` in the null namespace), resolved per avro-compat §2.2.
    pub full_name: String,
    /// The `name` value as written (possibly dotted).
    pub name: Text,
    /// The `namespace` attribute as written, if present (ignored when `name` is dotted).
    pub namespace_attr: Option<Text>,
    pub doc: Option<Text>,
    pub aliases: Vec<Alias>,
    /// The file that defines this copy of the type.
    pub file: FileId,
}

impl Named {
    /// The unqualified name: the full name after its last dot.
    pub fn simple_name(&self) -> &str {
        self.full_name.rsplit_once('.').map_or(&self.full_name, |(_, name)| name)
    }

    /// The namespace, or `None` for the null namespace.
    pub fn namespace(&self) -> Option<&str> {
        self.full_name.rsplit_once('.').map(|(namespace, _)| namespace)
    }
}

/// A type alias: as written, and qualified relative to the type's namespace the way Java stores it (§2.5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub written: Text,
    pub full_name: String,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub named: Named,
    pub fields: Vec<Field>,
    /// The `fields` array (or the opening brace when `fields` is missing).
    pub fields_span: Span,
    /// Written as `"type": "error"`, a protocol-only record.
    pub is_error: bool,
}

impl Record {
    /// The field called `name`, with its index.
    pub fn field(&self, name: &str) -> Option<(usize, &Field)> {
        self.fields.iter().enumerate().find(|(_, field)| field.name.value == name)
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: Text,
    pub ty: TypeRef,
    /// The `default` value as written; `null` is a default. `None` means the key is absent.
    pub default: Option<JsonValue>,
    pub doc: Option<Text>,
    pub aliases: Vec<Text>,
    /// The `order` value as written (valid values: `ascending`, `descending`, `ignore`).
    pub order: Option<JsonValue>,
    /// The whole field object.
    pub span: Span,
    /// Attributes the specification does not define, in source order.
    pub attributes: Vec<JsonMember>,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub named: Named,
    pub symbols: Vec<Text>,
    /// The `symbols` array (or the opening brace when `symbols` is missing).
    pub symbols_span: Span,
    /// The type-level `default` as written (valid: one of the symbols).
    pub default: Option<JsonValue>,
}

impl Enum {
    /// The enum default, when it is a string naming one of the symbols.
    pub fn default_symbol(&self) -> Option<&str> {
        let default = self.default.as_ref()?.as_str()?;
        self.symbols.iter().any(|symbol| symbol.value == default).then_some(default)
    }
}

#[derive(Clone, Debug)]
pub struct Fixed {
    pub named: Named,
    pub size: u32,
    /// The `size` value (or the opening brace when `size` is missing).
    pub size_span: Span,
}

/// The `logicalType` attribute and the attributes that qualify it, as written; validity is decided by
/// [`logical_type_status`](crate::logical_type_status).
#[derive(Clone, Debug)]
pub struct LogicalType {
    /// The `logicalType` value (normally a string).
    pub name: JsonValue,
    pub precision: Option<JsonValue>,
    pub scale: Option<JsonValue>,
}

impl LogicalType {
    /// The logical type's name, when it is a string.
    pub fn name(&self) -> Option<&str> {
        self.name.as_str()
    }
}

/// Where a type is written: inside `parent` along `edge`, or at the top of its file when `parent` is `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub parent: Option<NodeId>,
    pub edge: Edge,
}

/// The step from a node to a type written inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The top-level schema of a file.
    Root,
    /// The `type` of field `i` of a record.
    Field(u32),
    Items,
    Values,
    /// Branch `i` of a union.
    Branch(u32),
}

/// The physical Avro type of a node, without payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AvroType {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array,
    Map,
    Union,
    Record,
    Enum,
    Fixed,
}

impl AvroType {
    /// The lower-case name used in schemas and eventlint messages (`int`, `record`).
    pub fn name(self) -> &'static str {
        match self {
            AvroType::Null => "null",
            AvroType::Boolean => "boolean",
            AvroType::Int => "int",
            AvroType::Long => "long",
            AvroType::Float => "float",
            AvroType::Double => "double",
            AvroType::Bytes => "bytes",
            AvroType::String => "string",
            AvroType::Array => "array",
            AvroType::Map => "map",
            AvroType::Union => "union",
            AvroType::Record => "record",
            AvroType::Enum => "enum",
            AvroType::Fixed => "fixed",
        }
    }

    /// The upper-case name Java's compatibility messages use (`INT`, `RECORD`).
    pub fn java_name(self) -> &'static str {
        match self {
            AvroType::Null => "NULL",
            AvroType::Boolean => "BOOLEAN",
            AvroType::Int => "INT",
            AvroType::Long => "LONG",
            AvroType::Float => "FLOAT",
            AvroType::Double => "DOUBLE",
            AvroType::Bytes => "BYTES",
            AvroType::String => "STRING",
            AvroType::Array => "ARRAY",
            AvroType::Map => "MAP",
            AvroType::Union => "UNION",
            AvroType::Record => "RECORD",
            AvroType::Enum => "ENUM",
            AvroType::Fixed => "FIXED",
        }
    }

    /// The primitive type called `name`, if any.
    pub fn primitive(name: &str) -> Option<AvroType> {
        Some(match name {
            "null" => AvroType::Null,
            "boolean" => AvroType::Boolean,
            "int" => AvroType::Int,
            "long" => AvroType::Long,
            "float" => AvroType::Float,
            "double" => AvroType::Double,
            "bytes" => AvroType::Bytes,
            "string" => AvroType::String,
            _ => return None,
        })
    }

    pub fn is_named(self) -> bool {
        matches!(self, AvroType::Record | AvroType::Enum | AvroType::Fixed)
    }
}

impl NodeKind {
    pub fn avro_type(&self) -> AvroType {
        match self {
            NodeKind::Null => AvroType::Null,
            NodeKind::Boolean => AvroType::Boolean,
            NodeKind::Int => AvroType::Int,
            NodeKind::Long => AvroType::Long,
            NodeKind::Float => AvroType::Float,
            NodeKind::Double => AvroType::Double,
            NodeKind::Bytes => AvroType::Bytes,
            NodeKind::String => AvroType::String,
            NodeKind::Array { .. } => AvroType::Array,
            NodeKind::Map { .. } => AvroType::Map,
            NodeKind::Union { .. } => AvroType::Union,
            NodeKind::Record(_) => AvroType::Record,
            NodeKind::Enum(_) => AvroType::Enum,
            NodeKind::Fixed(_) => AvroType::Fixed,
        }
    }

    pub(crate) fn primitive(avro_type: AvroType) -> Option<NodeKind> {
        Some(match avro_type {
            AvroType::Null => NodeKind::Null,
            AvroType::Boolean => NodeKind::Boolean,
            AvroType::Int => NodeKind::Int,
            AvroType::Long => NodeKind::Long,
            AvroType::Float => NodeKind::Float,
            AvroType::Double => NodeKind::Double,
            AvroType::Bytes => NodeKind::Bytes,
            AvroType::String => NodeKind::String,
            _ => return None,
        })
    }
}

impl Node {
    pub fn avro_type(&self) -> AvroType {
        self.kind.avro_type()
    }

    /// The name, doc and aliases of a record, enum or fixed.
    pub fn named(&self) -> Option<&Named> {
        match &self.kind {
            NodeKind::Record(record) => Some(&record.named),
            NodeKind::Enum(enumeration) => Some(&enumeration.named),
            NodeKind::Fixed(fixed) => Some(&fixed.named),
            _ => None,
        }
    }

    /// The full name of a named type.
    pub fn full_name(&self) -> Option<&str> {
        self.named().map(|named| named.full_name.as_str())
    }

    pub fn as_record(&self) -> Option<&Record> {
        match &self.kind {
            NodeKind::Record(record) => Some(record),
            _ => None,
        }
    }

    pub fn as_enum(&self) -> Option<&Enum> {
        match &self.kind {
            NodeKind::Enum(enumeration) => Some(enumeration),
            _ => None,
        }
    }

    pub fn as_fixed(&self) -> Option<&Fixed> {
        match &self.kind {
            NodeKind::Fixed(fixed) => Some(fixed),
            _ => None,
        }
    }

    /// The branches of a union.
    pub fn branches(&self) -> Option<&[TypeRef]> {
        match &self.kind {
            NodeKind::Union { branches } => Some(branches),
            _ => None,
        }
    }

    /// The custom attribute called `key`.
    pub fn attribute(&self, key: &str) -> Option<&JsonMember> {
        self.attributes.iter().find(|member| member.key == key)
    }
}
