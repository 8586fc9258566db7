//! A schema set: the files that resolve names against each other, their graph, and lookups and logical paths into it.

use std::collections::{HashMap, HashSet};

use eventlint_diagnostics::{FileId, Span};

use crate::graph::{Edge, Node, NodeId, NodeKind, Position, TypeRef};

/// One independent set of `.avsc` files resolved together (catalog-format §11): the current schema set, one history
/// snapshot, or an `--against` base. Build it with [`SchemaSet::build`].
#[derive(Debug, Default)]
pub struct SchemaSet {
    pub(crate) nodes: Vec<Node>,
    pub(crate) files: Vec<SchemaFile>,
    pub(crate) file_index: HashMap<FileId, usize>,
    /// Full name to the first copy in file order.
    pub(crate) names: HashMap<String, NodeId>,
    pub(crate) forward_references: Vec<ForwardReference>,
    pub(crate) differing_copies: Vec<DifferingCopy>,
}

/// One file of a set: its top-level schema and the named types it defines.
#[derive(Debug)]
pub struct SchemaFile {
    pub file: FileId,
    /// The top-level schema (a reference when the file holds just a name).
    pub root: TypeRef,
    /// Every named type defined in the file, nested ones included, in definition order (first definitions only).
    pub definitions: Vec<NodeId>,
    pub(crate) definitions_by_name: HashMap<String, NodeId>,
}

/// A reference to a named type that is defined later in the same file (rule `forward-reference`).
#[derive(Clone, Copy, Debug)]
pub struct ForwardReference {
    /// The reference as written.
    pub reference: Span,
    pub target: NodeId,
    /// Where the reference is written.
    pub position: Position,
}

/// Two files defining one full name differently (rule `duplicate-avro-definition`); references use `first`.
#[derive(Clone, Copy, Debug)]
pub struct DifferingCopy {
    pub first: NodeId,
    pub other: NodeId,
}

impl SchemaSet {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Number of nodes; ids run from 0 to `len() - 1`.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every node with its id, in creation order (depth-first, file by file).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().map(|(index, node)| (NodeId(index as u32), node))
    }

    /// Every record, enum and fixed definition of every file, copies in several files included.
    pub fn named_types(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.files.iter().flat_map(|file| file.definitions.iter().copied())
    }

    /// The files of the set, in the order they were given.
    pub fn files(&self) -> &[SchemaFile] {
        &self.files
    }

    pub fn file(&self, file: FileId) -> Option<&SchemaFile> {
        self.file_index.get(&file).map(|&index| &self.files[index])
    }

    /// The top-level schema of `file` (`schema: Foo.avsc`).
    pub fn root(&self, file: FileId) -> Option<NodeId> {
        self.file(file).map(|file| file.root.node)
    }

    /// The named type with this full name: the same-file-first rule does not apply here, so this is the first copy
    /// in file order, the one cross-file references resolve to.
    pub fn named(&self, full_name: &str) -> Option<NodeId> {
        self.names.get(full_name).copied()
    }

    /// `file.avsc#full.Name`: the definition with this full name in that file, nested ones and union members included.
    pub fn resolve_in_file(&self, file: FileId, full_name: &str) -> Option<NodeId> {
        self.file(file)?.definitions_by_name.get(full_name).copied()
    }

    /// References to names defined later in the same file, in file order.
    pub fn forward_references(&self) -> &[ForwardReference] {
        &self.forward_references
    }

    /// Full names defined differently in several files of the set.
    pub fn differing_copies(&self) -> &[DifferingCopy] {
        &self.differing_copies
    }

    /// The logical path of a node (catalog-format §12): `/com.example.Foo` for a named type, else the path of the
    /// place it is written, such as `/com.example.Foo/fields/amount/type/1`.
    pub fn path(&self, id: NodeId) -> String {
        match self.node(id).full_name() {
            Some(full_name) => format!("/{}", escape(full_name)),
            None => self.position_path(self.node(id).position),
        }
    }

    /// The logical path of field `index` of `record`: `/com.example.Foo/fields/amount`.
    pub fn field_path(&self, record: NodeId, index: usize) -> String {
        format!("{}/fields/{}", self.path(record), escape(self.field_name(record, index)))
    }

    fn field_name(&self, record: NodeId, index: usize) -> &str {
        self.node(record).as_record().and_then(|record| record.fields.get(index)).map_or("", |field| &field.name.value)
    }

    /// The logical path of the place `position` denotes (a union branch, a field's type, array items …).
    pub fn position_path(&self, position: Position) -> String {
        let mut segments = Vec::new();
        let mut current = position;
        let prefix = loop {
            let Some(parent) = current.parent else { break String::new() };
            segments.push(match current.edge {
                Edge::Root => String::new(),
                Edge::Field(index) => format!("/fields/{}/type", escape(self.field_name(parent, index as usize))),
                Edge::Items => "/items".to_owned(),
                Edge::Values => "/values".to_owned(),
                Edge::Branch(index) => format!("/{index}"),
            });
            match self.node(parent).full_name() {
                Some(full_name) => break format!("/{}", escape(full_name)),
                None => current = self.node(parent).position,
            }
        };
        segments.iter().rev().fold(prefix, |path, segment| path + segment)
    }

    /// Every node reachable from `roots`, each once, in first-visit order (depth-first, children in written order,
    /// with an explicit stack: schema depth comes from input).
    pub fn reachable(&self, roots: impl IntoIterator<Item = NodeId>) -> Vec<NodeId> {
        let mut seen = HashSet::new();
        let mut order = Vec::new();
        let mut stack: Vec<NodeId> = roots.into_iter().collect();
        stack.reverse();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            order.push(id);
            match &self.node(id).kind {
                NodeKind::Array { items } => stack.push(items.node),
                NodeKind::Map { values } => stack.push(values.node),
                NodeKind::Union { branches } => stack.extend(branches.iter().rev().map(|branch| branch.node)),
                NodeKind::Record(record) => stack.extend(record.fields.iter().rev().map(|field| field.ty.node)),
                _ => {}
            }
        }
        order
    }

    /// The full name of the nearest named type that contains `id` (itself, if named): the finding's subject.
    pub fn subject(&self, id: NodeId) -> Option<&str> {
        let mut current = id;
        loop {
            let node = self.node(current);
            if let Some(full_name) = node.full_name() {
                return Some(full_name);
            }
            current = node.position.parent?;
        }
    }
}

/// Escapes a JSON Pointer token (RFC 6901): `~` as `~0`, `/` as `~1`.
pub(crate) fn escape(token: &str) -> String {
    if token.contains(['~', '/']) { token.replace('~', "~0").replace('/', "~1") } else { token.to_owned() }
}
