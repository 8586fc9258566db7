//! Parsed JSON to a resolved [`SchemaSet`]: names and namespaces (avro-compat §2.2), references within and across
//! files (§2.3, §2.4), and the load errors of a schema that cannot become a graph (`load/avro-invalid-schema`).
//!
//! The walk recurses once per JSON nesting level. The JSON layer already bounds nesting (`Limits::max_depth`, 128 by
//! default, and `jsonc-parser` stops at 512); [`MAX_DEPTH`] guards values built by other means.

use std::collections::HashMap;

use eventlint_diagnostics::{Diagnostic, FileId, Span, did_you_mean};
use eventlint_json::{JsonMember, JsonValue};

use crate::graph::{
    Alias, AvroType, Edge, Enum, Field, Fixed, LogicalType, Named, Node, NodeId, NodeKind, Position, Record, Text,
    TypeRef,
};
use crate::set::{DifferingCopy, ForwardReference, SchemaFile, SchemaSet};

/// Deepest type nesting the builder walks before it reports `load/limit-exceeded`.
const MAX_DEPTH: usize = 512;

/// Attributes the Avro specification defines; every other key is kept as a custom attribute.
pub const RESERVED_ATTRIBUTES: [&str; 15] = [
    "type",
    "name",
    "namespace",
    "doc",
    "aliases",
    "fields",
    "default",
    "order",
    "symbols",
    "items",
    "values",
    "size",
    "logicalType",
    "precision",
    "scale",
];

/// Stands in for a reference until the end of the build resolves it.
const UNRESOLVED: NodeId = NodeId(u32::MAX);

impl SchemaSet {
    /// Builds one schema set from parsed `.avsc` files, given in path order (the first copy of a full name wins).
    ///
    /// Returns the load errors (`load/avro-invalid-schema`, `load/limit-exceeded`); the lints come from
    /// [`validate()`](crate::validate()). After a load error the graph is still well-formed (every id is valid, missing
    /// parts are `null` placeholders) but it is meant for locating diagnostics, not for checking.
    pub fn build(files: &[(FileId, &JsonValue)]) -> (SchemaSet, Vec<Diagnostic>) {
        let mut builder = Builder::default();
        for &(file, value) in files {
            builder.add_file(file, value);
        }
        builder.finish()
    }
}

#[derive(Default)]
struct Builder<'a> {
    set: SchemaSet,
    diagnostics: Vec<Diagnostic>,
    /// Index of the file being walked in `set.files`.
    current: usize,
    pending: Vec<PendingReference<'a>>,
    /// The JSON of the first copy of each full name, to compare later copies with.
    first_copies: HashMap<NodeId, &'a JsonValue>,
}

/// A reference that named nothing defined so far in its file.
struct PendingReference<'a> {
    file_index: usize,
    full_name: String,
    written: &'a str,
    /// The name as written.
    span: Span,
    /// The JSON at the place of use: the name, or the object around it (`{"type": "Money"}`).
    use_span: Span,
    position: Position,
}

/// The kind of JSON object being read, for messages (`record` is missing `fields`).
#[derive(Clone, Copy)]
enum ObjectKind {
    /// A type object before its `type` is known.
    Schema,
    /// A type object of this `type`.
    Type(&'static str),
    Field,
}

impl ObjectKind {
    fn describe(self) -> String {
        match self {
            ObjectKind::Schema => "a schema object".to_owned(),
            ObjectKind::Type(word) => format!("`{word}`"),
            ObjectKind::Field => "a field".to_owned(),
        }
    }
}

impl<'a> Builder<'a> {
    fn add_file(&mut self, file: FileId, value: &'a JsonValue) {
        self.current = self.set.files.len();
        self.set.file_index.insert(file, self.current);
        let placeholder = TypeRef { node: UNRESOLVED, span: value.span, by_name: false };
        self.set.files.push(SchemaFile {
            file,
            root: placeholder,
            definitions: Vec::new(),
            definitions_by_name: HashMap::new(),
        });
        let position = Position { parent: None, edge: Edge::Root };
        let root = self.schema(value, "", position, 0);
        self.set.files[self.current].root = root;
    }

    fn finish(mut self) -> (SchemaSet, Vec<Diagnostic>) {
        for pending in std::mem::take(&mut self.pending) {
            let file = &self.set.files[pending.file_index];
            let local = file.definitions_by_name.get(&pending.full_name).copied();
            let target = match local.or_else(|| self.set.names.get(&pending.full_name).copied()) {
                Some(target) => {
                    if local.is_some() {
                        self.set.forward_references.push(ForwardReference {
                            reference: pending.span,
                            target,
                            position: pending.position,
                        });
                    }
                    target
                }
                None => {
                    self.report_undefined(&pending);
                    self.placeholder(pending.span, pending.position)
                }
            };
            self.set_child(
                pending.file_index,
                pending.position,
                TypeRef { node: target, span: pending.use_span, by_name: true },
            );
        }
        (self.set, self.diagnostics)
    }

    fn push(&mut self, node: Node) -> NodeId {
        self.set.nodes.push(node);
        NodeId(self.set.nodes.len() as u32 - 1)
    }

    /// A `null` node standing in for a type that could not be built.
    fn placeholder(&mut self, span: Span, position: Position) -> NodeId {
        self.push(Node {
            kind: NodeKind::Null,
            span,
            type_span: None,
            logical_type: None,
            attributes: Vec::new(),
            position,
        })
    }

    /// Stores `child` in the slot `position` denotes.
    fn set_child(&mut self, file_index: usize, position: Position, child: TypeRef) {
        let Some(parent) = position.parent else {
            if let Some(file) = self.set.files.get_mut(file_index) {
                file.root = child;
            }
            return;
        };
        let slot = match (&mut self.set.nodes[parent.index()].kind, position.edge) {
            (NodeKind::Record(record), Edge::Field(index)) => record.fields.get_mut(index as usize).map(|f| &mut f.ty),
            (NodeKind::Array { items }, Edge::Items) => Some(items),
            (NodeKind::Map { values }, Edge::Values) => Some(values),
            (NodeKind::Union { branches }, Edge::Branch(index)) => branches.get_mut(index as usize),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = child;
        }
    }

    fn error(&mut self, message: String, span: Span, label: &str, help: String) {
        self.diagnostics.push(
            Diagnostic::load("avro-invalid-schema", message).with_primary(span, label.to_owned()).with_help(help),
        );
    }

    /// Builds the type written as `value`, in the enclosing `namespace` ("" is the null namespace).
    fn schema(&mut self, value: &'a JsonValue, namespace: &str, position: Position, depth: usize) -> TypeRef {
        let span = value.span;
        if depth > MAX_DEPTH {
            self.diagnostics.push(
                Diagnostic::load("limit-exceeded", format!("types are nested deeper than {MAX_DEPTH} levels"))
                    .with_primary(span, "too deep")
                    .with_help("flatten the schema by naming inner types in their own files"),
            );
            return TypeRef { node: self.placeholder(span, position), span, by_name: false };
        }
        if let Some(text) = value.as_str() {
            return match AvroType::primitive(text).and_then(NodeKind::primitive) {
                Some(kind) => {
                    TypeRef { node: self.primitive(kind, span, None, Vec::new(), position), span, by_name: false }
                }
                None => self.reference(text, span, span, namespace, position),
            };
        }
        if let Some(items) = value.as_array() {
            return self.union(items, span, namespace, position, depth);
        }
        let Some(members) = value.as_object() else {
            let kind = value.kind_name();
            self.error(
                format!("a schema must be a type name, an object or a union array, not {}", article(kind)),
                span,
                "not a schema",
                "write a type name such as `\"string\"`, a type object, or a union such as `[\"null\", \"string\"]`"
                    .to_owned(),
            );
            return TypeRef { node: self.placeholder(span, position), span, by_name: false };
        };
        let Some(type_member) = value.member("type") else {
            self.missing(ObjectKind::Schema, "type", span);
            return TypeRef { node: self.placeholder(span, position), span, by_name: false };
        };
        let Some(type_name) = type_member.value.as_str() else {
            self.wrong_kind("type", "a type name string", &type_member.value);
            return TypeRef { node: self.placeholder(span, position), span, by_name: false };
        };
        let type_span = type_member.value.span;
        let node = match type_name {
            "record" | "error" => self.record(value, members, namespace, position, depth, type_name == "error"),
            "enum" => self.enumeration(value, members, namespace, position),
            "fixed" => self.fixed(value, members, namespace, position),
            "array" => self.container(value, members, namespace, position, depth, "array", "items"),
            "map" => self.container(value, members, namespace, position, depth, "map", "values"),
            _ => match AvroType::primitive(type_name).and_then(NodeKind::primitive) {
                Some(kind) => self.primitive(kind, span, Some(type_span), custom_attributes(members), position),
                None => return self.reference(type_name, type_span, span, namespace, position),
            },
        };
        let node_data = &mut self.set.nodes[node.index()];
        node_data.type_span = Some(type_span);
        node_data.logical_type = logical_type(members);
        TypeRef { node, span, by_name: false }
    }

    fn primitive(
        &mut self,
        kind: NodeKind,
        span: Span,
        type_span: Option<Span>,
        attributes: Vec<JsonMember>,
        position: Position,
    ) -> NodeId {
        self.push(Node { kind, span, type_span, logical_type: None, attributes, position })
    }

    /// A reference by name written at `span`, used at `use_span` (the same, or the object around it).
    fn reference(
        &mut self,
        written: &'a str,
        span: Span,
        use_span: Span,
        namespace: &str,
        position: Position,
    ) -> TypeRef {
        let full_name = qualify(written, namespace);
        let local = self.set.files[self.current].definitions_by_name.get(&full_name).copied();
        let node = local.unwrap_or_else(|| {
            let file_index = self.current;
            self.pending.push(PendingReference { file_index, full_name, written, span, use_span, position });
            UNRESOLVED
        });
        TypeRef { node, span: use_span, by_name: true }
    }

    fn union(
        &mut self,
        items: &'a [JsonValue],
        span: Span,
        namespace: &str,
        position: Position,
        depth: usize,
    ) -> TypeRef {
        let kind = NodeKind::Union { branches: Vec::new() };
        let id = self.push(Node { kind, span, type_span: None, logical_type: None, attributes: Vec::new(), position });
        let mut branches = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let position = Position { parent: Some(id), edge: Edge::Branch(index as u32) };
            branches.push(self.schema(item, namespace, position, depth + 1));
        }
        self.set.nodes[id.index()].kind = NodeKind::Union { branches };
        TypeRef { node: id, span, by_name: false }
    }

    #[allow(clippy::too_many_arguments)]
    fn container(
        &mut self,
        value: &'a JsonValue,
        members: &'a [JsonMember],
        namespace: &str,
        position: Position,
        depth: usize,
        word: &'static str,
        child_key: &str,
    ) -> NodeId {
        let span = value.span;
        let unresolved = TypeRef { node: UNRESOLVED, span, by_name: false };
        let (kind, edge) = match word {
            "array" => (NodeKind::Array { items: unresolved }, Edge::Items),
            _ => (NodeKind::Map { values: unresolved }, Edge::Values),
        };
        let attributes = custom_attributes(members);
        let id = self.push(Node { kind, span, type_span: None, logical_type: None, attributes, position });
        let child_position = Position { parent: Some(id), edge };
        let child = match value.get(child_key) {
            Some(child) => self.schema(child, namespace, child_position, depth + 1),
            None => {
                self.missing(ObjectKind::Type(word), child_key, span);
                TypeRef { node: self.placeholder(span, child_position), span, by_name: false }
            }
        };
        self.set_child(self.current, child_position, child);
        id
    }

    fn record(
        &mut self,
        value: &'a JsonValue,
        members: &'a [JsonMember],
        namespace: &str,
        position: Position,
        depth: usize,
        is_error: bool,
    ) -> NodeId {
        let word = if is_error { "error" } else { "record" };
        let (named, own_namespace) = self.named(value, word, namespace);
        let fields_value = value.get("fields");
        let fields_span = fields_value.map_or(opening_brace(value.span), |fields| fields.span);
        let record = Record { named, fields: Vec::new(), fields_span, is_error };
        let id = self.define(value, NodeKind::Record(Box::new(record)), position, custom_attributes(members));
        let field_values = match fields_value {
            None => {
                self.missing(ObjectKind::Type(word), "fields", value.span);
                &[][..]
            }
            Some(fields) => match fields.as_array() {
                Some(items) => items,
                None => {
                    self.wrong_kind("fields", "an array of field objects", fields);
                    &[][..]
                }
            },
        };
        for field_value in field_values {
            let index = self.set.nodes[id.index()].as_record().map_or(0, |record| record.fields.len());
            let Some(field) = self.field(field_value, id, index, &own_namespace, depth) else { continue };
            if let NodeKind::Record(record) = &mut self.set.nodes[id.index()].kind {
                record.fields.push(field);
            }
        }
        id
    }

    fn field(
        &mut self,
        value: &'a JsonValue,
        record: NodeId,
        index: usize,
        namespace: &str,
        depth: usize,
    ) -> Option<Field> {
        let Some(members) = value.as_object() else {
            self.wrong_kind("field", "an object", value);
            return None;
        };
        let name = self
            .required_text(value, ObjectKind::Field, "name")
            .unwrap_or(Text { value: String::new(), span: opening_brace(value.span) });
        let position = Position { parent: Some(record), edge: Edge::Field(index as u32) };
        let ty = match value.get("type") {
            Some(ty) => self.schema(ty, namespace, position, depth + 1),
            None => {
                self.missing(ObjectKind::Field, "type", value.span);
                let span = opening_brace(value.span);
                TypeRef { node: self.placeholder(span, position), span, by_name: false }
            }
        };
        Some(Field {
            name,
            ty,
            default: value.get("default").cloned(),
            doc: optional_doc(value),
            aliases: self.aliases(value).into_iter().collect(),
            order: value.get("order").cloned(),
            span: value.span,
            attributes: custom_attributes(members),
        })
    }

    fn enumeration(
        &mut self,
        value: &'a JsonValue,
        members: &'a [JsonMember],
        namespace: &str,
        position: Position,
    ) -> NodeId {
        let (named, _) = self.named(value, "enum", namespace);
        let symbols_value = value.get("symbols");
        let mut symbols = Vec::new();
        match symbols_value {
            None => self.missing(ObjectKind::Type("enum"), "symbols", value.span),
            Some(list) => match list.as_array() {
                Some(items) => {
                    for item in items {
                        match item.as_str() {
                            Some(symbol) => symbols.push(Text { value: symbol.to_owned(), span: item.span }),
                            None => self.wrong_kind("symbol", "a string", item),
                        }
                    }
                }
                None => self.wrong_kind("symbols", "an array of strings", list),
            },
        }
        let enumeration = Enum {
            named,
            symbols,
            symbols_span: symbols_value.map_or(opening_brace(value.span), |list| list.span),
            default: value.get("default").cloned(),
        };
        self.define(value, NodeKind::Enum(Box::new(enumeration)), position, custom_attributes(members))
    }

    fn fixed(
        &mut self,
        value: &'a JsonValue,
        members: &'a [JsonMember],
        namespace: &str,
        position: Position,
    ) -> NodeId {
        let (named, _) = self.named(value, "fixed", namespace);
        let size_value = value.get("size");
        let size = match size_value {
            None => {
                self.missing(ObjectKind::Type("fixed"), "size", value.span);
                0
            }
            Some(size) => match size.as_number().and_then(parse_size) {
                Some(size) => size,
                None => {
                    self.wrong_kind("size", "a non-negative integer below 2^31", size);
                    0
                }
            },
        };
        let fixed = Fixed { named, size, size_span: size_value.map_or(opening_brace(value.span), |size| size.span) };
        self.define(value, NodeKind::Fixed(Box::new(fixed)), position, custom_attributes(members))
    }

    /// Reads `name`, `namespace`, `doc` and `aliases` of a named type; returns them and the type's own namespace.
    fn named(&mut self, value: &'a JsonValue, word: &'static str, enclosing: &str) -> (Named, String) {
        let name = self
            .required_text(value, ObjectKind::Type(word), "name")
            .unwrap_or(Text { value: String::new(), span: opening_brace(value.span) });
        let namespace_attr = match value.get("namespace") {
            Some(namespace) => match namespace.as_str() {
                Some(text) => Some(Text { value: text.to_owned(), span: namespace.span }),
                None => {
                    self.wrong_kind("namespace", "a string", namespace);
                    None
                }
            },
            None => None,
        };
        let own_namespace = match (name.value.rsplit_once('.'), &namespace_attr) {
            (Some((namespace, _)), _) => namespace.to_owned(),
            (None, Some(attr)) => attr.value.clone(),
            (None, None) => enclosing.to_owned(),
        };
        let full_name =
            if name.value.contains('.') { name.value.clone() } else { qualify(&name.value, &own_namespace) };
        let aliases = self
            .aliases(value)
            .into_iter()
            .map(|written| Alias { full_name: qualify(&written.value, &own_namespace), written })
            .collect();
        (Named { full_name, name, namespace_attr, doc: optional_doc(value), aliases, file: self.file() }, own_namespace)
    }

    fn file(&self) -> FileId {
        self.set.files[self.current].file
    }

    /// Creates a named type's node and registers its full name in the file and in the set.
    fn define(
        &mut self,
        value: &'a JsonValue,
        kind: NodeKind,
        position: Position,
        attributes: Vec<JsonMember>,
    ) -> NodeId {
        let id = self.push(Node { kind, span: value.span, type_span: None, logical_type: None, attributes, position });
        let Some(named) = self.set.nodes[id.index()].named() else { return id };
        let full_name = named.full_name.clone();
        let name_span = named.name.span;
        let file = &mut self.set.files[self.current];
        if let Some(&first) = file.definitions_by_name.get(&full_name) {
            let first_span = self.set.nodes[first.index()].named().map_or(value.span, |named| named.name.span);
            let simple = full_name.rsplit_once('.').map_or(full_name.as_str(), |(_, simple)| simple);
            self.diagnostics.push(
                Diagnostic::load("avro-invalid-schema", format!("`{full_name}` is defined twice in this file"))
                    .with_primary(name_span, "defined again here")
                    .with_label(first_span, "first defined here")
                    .with_note("Java accepts an identical re-definition; Python and avsc reject any re-definition")
                    .with_help(format!("define `{full_name}` once and reference it by name (`\"{simple}\"`)")),
            );
            return id;
        }
        file.definitions_by_name.insert(full_name.clone(), id);
        file.definitions.push(id);
        match self.set.names.get(&full_name) {
            None => {
                self.set.names.insert(full_name, id);
                self.first_copies.insert(id, value);
            }
            Some(&first) => {
                if self.first_copies.get(&first).is_some_and(|copy| !copy.structurally_eq(value)) {
                    self.set.differing_copies.push(DifferingCopy { first, other: id });
                }
            }
        }
        id
    }

    fn aliases(&mut self, value: &JsonValue) -> Vec<Text> {
        let Some(aliases) = value.get("aliases") else { return Vec::new() };
        let Some(items) = aliases.as_array() else {
            self.wrong_kind("aliases", "an array of strings", aliases);
            return Vec::new();
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match item.as_str() {
                Some(alias) => texts.push(Text { value: alias.to_owned(), span: item.span }),
                None => self.wrong_kind("alias", "a string", item),
            }
        }
        texts
    }

    fn required_text(&mut self, value: &JsonValue, kind: ObjectKind, key: &str) -> Option<Text> {
        match value.get(key) {
            None => {
                self.missing(kind, key, value.span);
                None
            }
            Some(text) => match text.as_str() {
                Some(string) => Some(Text { value: string.to_owned(), span: text.span }),
                None => {
                    self.wrong_kind(key, "a string", text);
                    None
                }
            },
        }
    }

    fn missing(&mut self, kind: ObjectKind, key: &str, object: Span) {
        let message = format!("{} is missing `{key}`", kind.describe());
        let help = match key {
            "name" => "add a `name`, such as `\"name\": \"OrderPlaced\"`".to_owned(),
            "type" => "add a `type`, such as `\"type\": \"string\"`".to_owned(),
            "fields" => "add `\"fields\"`: an array of field objects (it may be empty)".to_owned(),
            "symbols" => "add `\"symbols\"`: an array of the enum's symbols".to_owned(),
            "size" => "add `\"size\"`: the number of bytes".to_owned(),
            "items" => "add `\"items\"`: the element type, such as `\"string\"`".to_owned(),
            "values" => "add `\"values\"`: the value type, such as `\"string\"`".to_owned(),
            _ => format!("add `{key}`"),
        };
        self.error(message, opening_brace(object), &format!("no `{key}` in this object"), help);
    }

    fn wrong_kind(&mut self, key: &str, expected: &str, value: &JsonValue) {
        let found = match (value.as_number(), value.as_str()) {
            (Some(number), _) => format!("`{number}`"),
            (None, Some(text)) => format!("the string `\"{text}\"`"),
            _ => article(value.kind_name()).to_owned(),
        };
        self.error(
            format!("`{key}` must be {expected}, not {found}"),
            value.span,
            "wrong kind of value",
            format!("make `{key}` {expected}"),
        );
    }

    fn report_undefined(&mut self, pending: &PendingReference<'a>) {
        let written = pending.written;
        let full_name = &pending.full_name;
        let label = if written == full_name {
            "no file of the schema set defines it".to_owned()
        } else {
            format!("resolves to `{full_name}`, which no file of the schema set defines")
        };
        let mut diagnostic = Diagnostic::load("avro-invalid-schema", format!("`{written}` is not a defined type"))
            .with_primary(pending.span, label);
        let mut defined: Vec<&str> = self.set.names.keys().map(String::as_str).collect();
        defined.sort_unstable();
        let same_simple_name: Vec<&str> = defined
            .iter()
            .copied()
            .filter(|name| !written.contains('.') && name.rsplit_once('.').is_some_and(|(_, simple)| simple == written))
            .collect();
        diagnostic = if written != full_name && defined.contains(&written) {
            diagnostic
                .with_note(format!(
                    "Java 1.12 resolves this to the null-namespace `{written}` as a leniency; Python, avsc and \
                     apache-avro reject it"
                ))
                .with_help(format!("give `{written}` a namespace and reference it by fullname"))
        } else if let Some(other) = same_simple_name.first() {
            diagnostic.with_help(format!("reference it by its full name `{other}`"))
        } else {
            let keywords = ["record", "enum", "array", "map", "fixed", "null", "boolean", "int", "long", "float"];
            let candidates = keywords.into_iter().chain(["double", "bytes", "string"]).chain(defined.iter().copied());
            match did_you_mean(written, candidates) {
                Some(suggestion) => diagnostic.with_help(format!("write `{suggestion}` instead")),
                None => diagnostic.with_help(format!(
                    "define `{written}` in this file or in another file of the schema set, or correct the name"
                )),
            }
        };
        self.diagnostics.push(diagnostic);
    }
}

/// The full name a name written in `namespace` stands for: dotted names are already full.
pub(crate) fn qualify(name: &str, namespace: &str) -> String {
    if name.contains('.') || namespace.is_empty() { name.to_owned() } else { format!("{namespace}.{name}") }
}

fn optional_doc(value: &JsonValue) -> Option<Text> {
    let doc = value.get("doc")?;
    Some(Text { value: doc.as_str()?.to_owned(), span: doc.span })
}

fn logical_type(members: &[JsonMember]) -> Option<Box<LogicalType>> {
    let find = |key: &str| members.iter().find(|member| member.key == key).map(|member| member.value.clone());
    Some(Box::new(LogicalType { name: find("logicalType")?, precision: find("precision"), scale: find("scale") }))
}

fn custom_attributes(members: &[JsonMember]) -> Vec<JsonMember> {
    members.iter().filter(|member| !is_reserved(&member.key)).cloned().collect()
}

/// Membership in [`RESERVED_ATTRIBUTES`], as a `match` the compiler can dispatch on length.
fn is_reserved(key: &str) -> bool {
    matches!(
        key,
        "type"
            | "name"
            | "namespace"
            | "doc"
            | "aliases"
            | "fields"
            | "default"
            | "order"
            | "symbols"
            | "items"
            | "values"
            | "size"
            | "logicalType"
            | "precision"
            | "scale"
    )
}

/// A `size`: a plain integer literal in `0..2^31`, as Java requires.
fn parse_size(number: &str) -> Option<u32> {
    if !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    number.parse::<u32>().ok().filter(|&size| size <= i32::MAX as u32)
}

fn opening_brace(span: Span) -> Span {
    Span { end: span.start.saturating_add(1).min(span.end.max(span.start)), ..span }
}

fn article(kind: &str) -> &'static str {
    match kind {
        "null" => "null",
        "boolean" => "a boolean",
        "number" => "a number",
        "string" => "a string",
        "array" => "an array",
        _ => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserved_match_and_list_agree() {
        assert!(RESERVED_ATTRIBUTES.iter().all(|key| is_reserved(key)));
        assert!(!is_reserved("logicaltype") && !is_reserved("eventlint"));
    }
}
