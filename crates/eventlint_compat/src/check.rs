//! Java's `SchemaCompatibility` reader/writer walk (avro-compat §3.2), reproduced on eventlint's resolved graphs.
//!
//! The walk keeps Java's memo, keyed by the pair of node ids, and Java's location stack. Every incompatibility found
//! is a small [`Finding`] that carries two paths:
//! * its path relative to the pair whose result holds it, extended by one token each time a token is popped on the
//!   way out, which yields the corrected location (§3.6);
//! * a copy of the location stack at the moment it was created, which is exactly Java's location, memo artefacts
//!   included (§3.5.1).
//!
//! Messages and strings are built only for the incompatibilities of the final result, and every buffer is reused
//! across checks, so a compatible check allocates nothing once the checker is warm.

use eventlint_avro::{AvroType, Field, NodeId, NodeKind, Record, SchemaSet};
use eventlint_diagnostics::Span;
use rustc_hash::FxHashMap;

/// Deepest chain of nested type pairs the walk follows before it gives up with [`CheckError::TooDeep`].
pub const MAX_DEPTH: usize = 512;

/// One side of a check: a type in a resolved schema set (usually the top-level schema of a file).
#[derive(Clone, Copy, Debug)]
pub struct Schema<'a> {
    pub set: &'a SchemaSet,
    pub root: NodeId,
}

/// Java's `SchemaIncompatibilityType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IncompatibilityType {
    NameMismatch,
    FixedSizeMismatch,
    MissingEnumSymbols,
    ReaderFieldMissingDefaultValue,
    TypeMismatch,
    MissingUnionBranch,
}

impl IncompatibilityType {
    /// The name Java prints (`TYPE_MISMATCH`).
    pub fn java_name(self) -> &'static str {
        match self {
            IncompatibilityType::NameMismatch => "NAME_MISMATCH",
            IncompatibilityType::FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
            IncompatibilityType::MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
            IncompatibilityType::ReaderFieldMissingDefaultValue => "READER_FIELD_MISSING_DEFAULT_VALUE",
            IncompatibilityType::TypeMismatch => "TYPE_MISMATCH",
            IncompatibilityType::MissingUnionBranch => "MISSING_UNION_BRANCH",
        }
    }
}

/// One incompatibility, as Java reports it plus the corrected location and the spans of the nodes involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incompatibility {
    pub kind: IncompatibilityType,
    /// Java's message (§3.3).
    pub message: String,
    /// The true place in this walk (§3.6).
    pub location: String,
    /// Java's `getLocation()`, memo artefacts included.
    pub java_location: String,
    /// The reader node Java reports (the reader record for a field missing its default, the reader union for a
    /// missing union branch).
    pub reader: NodeId,
    /// The writer node Java reports.
    pub writer: NodeId,
    /// What to label in the reader (§3.6): the type node, the `name` or `size` value, the `symbols` array, the
    /// field's `name`, or the union.
    pub reader_span: Span,
    /// What to label in the writer, likewise; for a missing field, the writer record's `name`.
    pub writer_span: Span,
    /// For `MISSING_ENUM_SYMBOLS`, each missing symbol in the writer's `symbols` (sorted as in the message).
    pub missing_symbol_spans: Vec<Span>,
}

/// The result of one reader/writer check: every incompatibility in Java's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compatibility {
    pub incompatibilities: Vec<Incompatibility>,
}

impl Compatibility {
    /// Java's verdict: compatible when there is no incompatibility.
    pub fn is_compatible(&self) -> bool {
        self.incompatibilities.is_empty()
    }
}

/// A pair for which Java gives no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckError {
    /// A reader field whose name and aliases match more than one writer field (§3.5.2): Java throws
    /// `AvroRuntimeException`. The rule `ambiguous-field-alias` reports it.
    AmbiguousFieldAlias {
        reader_record: NodeId,
        /// Index of the reader field.
        reader_field: usize,
        writer_record: NodeId,
        /// Indices of the matching writer fields, one per matching name or alias, in Java's order (the name first).
        writer_fields: Vec<usize>,
        /// `reader field `x` of `R` matches writer fields `a`, `b` of `W``.
        message: String,
    },
    /// The schemas nest pairs deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::AmbiguousFieldAlias { message, .. } => formatter.write_str(message),
            CheckError::TooDeep => write!(formatter, "the schemas nest more than {MAX_DEPTH} levels of types"),
        }
    }
}

impl std::error::Error for CheckError {}

/// Checks whether `reader` can read data written with `writer`, with a fresh checker.
pub fn check(reader: Schema<'_>, writer: Schema<'_>) -> Result<Compatibility, CheckError> {
    Checker::new().check(reader, writer)
}

/// A location token (§3.4); the root token is implicit.
#[derive(Clone, Copy, Debug)]
enum Token {
    Fields,
    /// A reader field position or a writer union branch index.
    Index(u32),
    Type,
    Items,
    Values,
    Name,
    Size,
    Symbols,
}

impl Token {
    fn write(self, out: &mut String) {
        out.push('/');
        match self {
            Token::Index(index) => out.push_str(&index.to_string()),
            Token::Fields => out.push_str("fields"),
            Token::Type => out.push_str("type"),
            Token::Items => out.push_str("items"),
            Token::Values => out.push_str("values"),
            Token::Name => out.push_str("name"),
            Token::Size => out.push_str("size"),
            Token::Symbols => out.push_str("symbols"),
        }
    }
}

/// No token: the end of a relative path.
const NIL: u32 = u32::MAX;

/// One cell of a relative path, stored outermost token first as a shared linked list.
#[derive(Clone, Copy)]
struct PathCell {
    token: Token,
    next: u32,
}

#[derive(Clone, Copy)]
struct Finding {
    kind: IncompatibilityType,
    reader: NodeId,
    writer: NodeId,
    /// The reader field, for `READER_FIELD_MISSING_DEFAULT_VALUE`.
    field: u32,
    /// Head of the path relative to the pair whose result holds this finding.
    relative: u32,
    /// Java's location: a range of `java_tokens`.
    java_start: u32,
    java_len: u32,
}

#[derive(Clone, Copy, Default)]
enum Memo {
    #[default]
    InProgress,
    /// A finished result: a range of `stored`.
    Done { start: u32, len: u32 },
}

/// Largest reader × writer node product memoized in the dense table; larger pairs use the hash map.
const DENSE_MEMO_LIMIT: usize = 1 << 18;

/// An entry of the dense memo; valid only when `stamp` is the current check's.
#[derive(Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    memo: Memo,
}

/// The memo of one check, keyed by (reader node, writer node): a dense table indexed by
/// `reader × writer count + writer` for the usual small schemas, stamped per check so it never needs clearing, and a
/// hash map for very large ones.
#[derive(Default)]
struct MemoTable {
    /// Set only by tests, to exercise the hash map on small schemas.
    sparse_only: bool,
    dense: Vec<Slot>,
    stamp: u32,
    writer_len: usize,
    use_dense: bool,
    sparse: FxHashMap<u64, Memo>,
}

impl MemoTable {
    fn reset(&mut self, reader_len: usize, writer_len: usize) {
        self.writer_len = writer_len;
        self.use_dense = !self.sparse_only && reader_len.saturating_mul(writer_len) <= DENSE_MEMO_LIMIT;
        if !self.use_dense {
            self.sparse.clear();
            return;
        }
        let needed = reader_len * writer_len;
        if self.dense.len() < needed {
            self.dense.resize(needed, Slot::default());
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.dense.fill(Slot::default());
            self.stamp = 1;
        }
    }

    fn get(&self, reader: NodeId, writer: NodeId) -> Option<Memo> {
        if self.use_dense {
            let slot = self.dense.get(reader.index() * self.writer_len + writer.index())?;
            (slot.stamp == self.stamp).then_some(slot.memo)
        } else {
            self.sparse.get(&sparse_key(reader, writer)).copied()
        }
    }

    fn set(&mut self, reader: NodeId, writer: NodeId, memo: Memo) {
        if self.use_dense {
            let stamp = self.stamp;
            if let Some(slot) = self.dense.get_mut(reader.index() * self.writer_len + writer.index()) {
                *slot = Slot { stamp, memo };
            }
        } else {
            self.sparse.insert(sparse_key(reader, writer), memo);
        }
    }
}

fn sparse_key(reader: NodeId, writer: NodeId) -> u64 {
    (u64::from(reader.0) << 32) | u64::from(writer.0)
}

/// A reusable compatibility checker: its buffers and memo keep their capacity from one check to the next.
#[derive(Default)]
pub struct Checker {
    memo: MemoTable,
    /// Findings of the pairs being computed, innermost last.
    pending: Vec<Finding>,
    /// Finished results, referenced by the memo.
    stored: Vec<Finding>,
    cells: Vec<PathCell>,
    java_tokens: Vec<Token>,
    /// The location stack; each entry remembers `pending.len()` when it was pushed.
    stack: Vec<(Token, u32)>,
    /// Where the current (probe or top-level) location stack starts in `stack`.
    stack_base: usize,
}

/// The two sides of the check in progress.
#[derive(Clone, Copy)]
struct Sides<'a> {
    reader: &'a SchemaSet,
    writer: &'a SchemaSet,
}

impl Checker {
    pub fn new() -> Self {
        Checker::default()
    }

    /// Checks whether `reader` can read data written with `writer` (Java's
    /// `checkReaderWriterCompatibility(reader, writer)`), reporting every incompatibility.
    pub fn check(&mut self, reader: Schema<'_>, writer: Schema<'_>) -> Result<Compatibility, CheckError> {
        self.run(reader, writer)?;
        let sides = Sides { reader: reader.set, writer: writer.set };
        let incompatibilities = self.pending.iter().map(|finding| self.describe(sides, finding)).collect();
        Ok(Compatibility { incompatibilities })
    }

    /// Java's verdict alone, without building messages or locations.
    pub fn is_compatible(&mut self, reader: Schema<'_>, writer: Schema<'_>) -> Result<bool, CheckError> {
        self.run(reader, writer)?;
        Ok(self.pending.is_empty())
    }

    fn run(&mut self, reader: Schema<'_>, writer: Schema<'_>) -> Result<(), CheckError> {
        self.memo.reset(reader.set.len(), writer.set.len());
        self.pending.clear();
        self.stored.clear();
        self.cells.clear();
        self.java_tokens.clear();
        self.stack.clear();
        self.stack_base = 0;
        let sides = Sides { reader: reader.set, writer: writer.set };
        self.visit(sides, None, reader.root, writer.root, 0)
    }

    /// Java's `getCompatibility(token, reader, writer, location)`: memoized, with `token` on the location stack.
    fn visit(
        &mut self,
        sides: Sides<'_>,
        token: Option<Token>,
        reader: NodeId,
        writer: NodeId,
        depth: usize,
    ) -> Result<(), CheckError> {
        if let Some(token) = token {
            self.push(token);
        }
        let mark = self.pending.len();
        match self.memo.get(reader, writer) {
            Some(Memo::InProgress) => {}
            Some(Memo::Done { start, len }) => {
                if let Some(findings) = self.stored.get(start as usize..(start + len) as usize) {
                    self.pending.extend_from_slice(findings);
                }
            }
            None => {
                if depth >= MAX_DEPTH {
                    return Err(CheckError::TooDeep);
                }
                self.memo.set(reader, writer, Memo::InProgress);
                self.calculate(sides, reader, writer, depth + 1)?;
                let start = self.stored.len() as u32;
                self.stored.extend_from_slice(&self.pending[mark..]);
                let len = self.pending.len() as u32 - mark as u32;
                self.memo.set(reader, writer, Memo::Done { start, len });
            }
        }
        if token.is_some() {
            self.pop();
        }
        Ok(())
    }

    /// A visit on a fresh location stack sharing the memo, whose findings are discarded: Java's
    /// `getCompatibility(reader, writer)` used for union branches. Returns whether the pair is compatible.
    fn probe(&mut self, sides: Sides<'_>, reader: NodeId, writer: NodeId, depth: usize) -> Result<bool, CheckError> {
        let outer_base = std::mem::replace(&mut self.stack_base, self.stack.len());
        let mark = self.pending.len();
        self.visit(sides, None, reader, writer, depth)?;
        let compatible = self.pending.len() == mark;
        self.pending.truncate(mark);
        self.stack_base = outer_base;
        Ok(compatible)
    }

    fn push(&mut self, token: Token) {
        self.stack.push((token, self.pending.len() as u32));
    }

    /// Pops the top token and prepends it to the relative path of every finding made since it was pushed.
    fn pop(&mut self) {
        let Some((token, mark)) = self.stack.pop() else { return };
        for finding in &mut self.pending[mark as usize..] {
            self.cells.push(PathCell { token, next: finding.relative });
            finding.relative = self.cells.len() as u32 - 1;
        }
    }

    fn report(&mut self, kind: IncompatibilityType, reader: NodeId, writer: NodeId, field: u32) {
        let java_start = self.java_tokens.len() as u32;
        self.java_tokens.extend(self.stack[self.stack_base..].iter().map(|&(token, _)| token));
        let java_len = self.java_tokens.len() as u32 - java_start;
        self.pending.push(Finding { kind, reader, writer, field, relative: NIL, java_start, java_len });
    }

    /// Java's `calculateCompatibility`.
    fn calculate(&mut self, sides: Sides<'_>, reader: NodeId, writer: NodeId, depth: usize) -> Result<(), CheckError> {
        let reader_kind = &sides.reader.node(reader).kind;
        let writer_kind = &sides.writer.node(writer).kind;
        if reader_kind.avro_type() == writer_kind.avro_type() {
            match (reader_kind, writer_kind) {
                (NodeKind::Array { items: read }, NodeKind::Array { items: written }) => {
                    self.visit(sides, Some(Token::Items), read.node, written.node, depth)?;
                }
                (NodeKind::Map { values: read }, NodeKind::Map { values: written }) => {
                    self.visit(sides, Some(Token::Values), read.node, written.node, depth)?;
                }
                (NodeKind::Fixed(read), NodeKind::Fixed(written)) => {
                    self.check_names(sides, reader, writer);
                    if read.size != written.size {
                        self.report_at(Token::Size, IncompatibilityType::FixedSizeMismatch, reader, writer);
                    }
                }
                (NodeKind::Enum(read), NodeKind::Enum(written)) => {
                    self.check_names(sides, reader, writer);
                    let missing =
                        written.symbols.iter().any(|symbol| !read.symbols.iter().any(|s| s.value == symbol.value));
                    if missing && read.default_symbol().is_none() {
                        self.report_at(Token::Symbols, IncompatibilityType::MissingEnumSymbols, reader, writer);
                    }
                }
                (NodeKind::Record(read), NodeKind::Record(written)) => {
                    self.check_names(sides, reader, writer);
                    self.check_fields(sides, (reader, read), (writer, written), depth)?;
                }
                (NodeKind::Union { .. }, NodeKind::Union { branches }) => {
                    for (index, branch) in branches.iter().enumerate() {
                        self.push(Token::Index(index as u32));
                        if !self.probe(sides, reader, branch.node, depth)? {
                            self.report(IncompatibilityType::MissingUnionBranch, reader, branch.node, 0);
                        }
                        self.pop();
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        if let NodeKind::Union { branches } = writer_kind {
            for (index, branch) in branches.iter().enumerate() {
                self.visit(sides, Some(Token::Index(index as u32)), reader, branch.node, depth)?;
            }
            return Ok(());
        }
        let written = writer_kind.avro_type();
        let promotable = match reader_kind {
            NodeKind::Long => written == AvroType::Int,
            NodeKind::Float => matches!(written, AvroType::Int | AvroType::Long),
            NodeKind::Double => matches!(written, AvroType::Int | AvroType::Long | AvroType::Float),
            NodeKind::Bytes => written == AvroType::String,
            NodeKind::String => written == AvroType::Bytes,
            NodeKind::Union { branches } => {
                for branch in branches {
                    if self.probe(sides, branch.node, writer, depth)? {
                        return Ok(());
                    }
                }
                self.report(IncompatibilityType::MissingUnionBranch, reader, writer, 0);
                return Ok(());
            }
            _ => false,
        };
        if !promotable {
            self.report(IncompatibilityType::TypeMismatch, reader, writer, 0);
        }
        Ok(())
    }

    fn report_at(&mut self, token: Token, kind: IncompatibilityType, reader: NodeId, writer: NodeId) {
        self.push(token);
        self.report(kind, reader, writer, 0);
        self.pop();
    }

    /// Java's `checkSchemaNames`: the unqualified names are equal, or a reader alias is the writer's full name.
    fn check_names(&mut self, sides: Sides<'_>, reader: NodeId, writer: NodeId) {
        let (Some(read), Some(written)) = (sides.reader.node(reader).named(), sides.writer.node(writer).named()) else {
            return;
        };
        let matches = read.simple_name() == written.simple_name()
            || read.aliases.iter().any(|alias| alias.full_name == written.full_name);
        if !matches {
            self.report_at(Token::Name, IncompatibilityType::NameMismatch, reader, writer);
        }
    }

    /// Java's `checkReaderWriterRecordFields`.
    fn check_fields(
        &mut self,
        sides: Sides<'_>,
        (reader, read): (NodeId, &Record),
        (writer, written): (NodeId, &Record),
        depth: usize,
    ) -> Result<(), CheckError> {
        self.push(Token::Fields);
        for (index, field) in read.fields.iter().enumerate() {
            self.push(Token::Index(index as u32));
            match writer_field(sides, (reader, read, index, field), (writer, written))? {
                Some(written_field) => {
                    self.visit(sides, Some(Token::Type), field.ty.node, written_field.ty.node, depth)?;
                }
                None if field.default.is_some() => {}
                None => {
                    let has_enum_default = sides
                        .reader
                        .node(field.ty.node)
                        .as_enum()
                        .is_some_and(|enumeration| enumeration.default_symbol().is_some());
                    if has_enum_default {
                        // Java compares the enum with the writer record, which is a type mismatch (§3.5.3).
                        self.visit(sides, Some(Token::Type), field.ty.node, writer, depth)?;
                    } else {
                        self.report(IncompatibilityType::ReaderFieldMissingDefaultValue, reader, writer, index as u32);
                    }
                }
            }
            self.pop();
        }
        self.pop();
        Ok(())
    }

    /// Builds the public form of a finding: messages, both locations and spans.
    fn describe(&self, sides: Sides<'_>, finding: &Finding) -> Incompatibility {
        let mut location = String::new();
        let mut cell = finding.relative;
        while let Some(path_cell) = self.cells.get(cell as usize) {
            path_cell.token.write(&mut location);
            cell = path_cell.next;
        }
        let mut java_location = String::new();
        let java_range = finding.java_start as usize..(finding.java_start + finding.java_len) as usize;
        for token in &self.java_tokens[java_range] {
            token.write(&mut java_location);
        }
        for path in [&mut location, &mut java_location] {
            if path.is_empty() {
                path.push('/');
            }
        }
        let reader = sides.reader.node(finding.reader);
        let writer = sides.writer.node(finding.writer);
        let mut reader_span = reader.span;
        let mut writer_span = writer.span;
        let mut missing_symbol_spans = Vec::new();
        let message = match finding.kind {
            IncompatibilityType::TypeMismatch => format!(
                "reader type: {} not compatible with writer type: {}",
                reader.avro_type().java_name(),
                writer.avro_type().java_name()
            ),
            IncompatibilityType::MissingUnionBranch => {
                format!("reader union lacking writer type: {}", writer.avro_type().java_name())
            }
            IncompatibilityType::NameMismatch => {
                if let (Some(read), Some(written)) = (reader.named(), writer.named()) {
                    reader_span = read.name.span;
                    writer_span = written.name.span;
                }
                format!("expected: {}", writer.full_name().unwrap_or_default())
            }
            IncompatibilityType::FixedSizeMismatch => match (reader.as_fixed(), writer.as_fixed()) {
                (Some(read), Some(written)) => {
                    reader_span = read.size_span;
                    writer_span = written.size_span;
                    format!("expected: {}, found: {}", written.size, read.size)
                }
                _ => String::new(),
            },
            IncompatibilityType::MissingEnumSymbols => match (reader.as_enum(), writer.as_enum()) {
                (Some(read), Some(written)) => {
                    reader_span = read.symbols_span;
                    writer_span = written.symbols_span;
                    let mut missing: Vec<_> = written
                        .symbols
                        .iter()
                        .filter(|symbol| !read.symbols.iter().any(|s| s.value == symbol.value))
                        .collect();
                    missing.sort_by(|a, b| a.value.encode_utf16().cmp(b.value.encode_utf16()));
                    missing.dedup_by(|a, b| a.value == b.value);
                    missing_symbol_spans = missing.iter().map(|symbol| symbol.span).collect();
                    let names: Vec<&str> = missing.iter().map(|symbol| symbol.value.as_str()).collect();
                    format!("[{}]", names.join(", "))
                }
                _ => String::new(),
            },
            IncompatibilityType::ReaderFieldMissingDefaultValue => {
                match reader.as_record().and_then(|record| record.fields.get(finding.field as usize)) {
                    Some(field) => {
                        reader_span = field.name.span;
                        writer_span = writer.named().map_or(writer.span, |named| named.name.span);
                        field.name.value.clone()
                    }
                    None => String::new(),
                }
            }
        };
        Incompatibility {
            kind: finding.kind,
            message,
            location,
            java_location,
            reader: finding.reader,
            writer: finding.writer,
            reader_span,
            writer_span,
            missing_symbol_spans,
        }
    }
}

/// Java's `lookupWriterField`: the writer field with the reader field's name, then those named by each distinct
/// reader alias; more than one match makes the pair unanswerable.
fn writer_field<'w>(
    sides: Sides<'_>,
    (reader, read, index, field): (NodeId, &Record, usize, &Field),
    (writer, written): (NodeId, &'w Record),
) -> Result<Option<&'w Field>, CheckError> {
    // Fields usually keep their position, so try it before scanning; names are unique within a record (Java
    // refuses duplicates, eventlint reports them as `duplicate-avro-definition`).
    let same_position = written.fields.get(index).filter(|candidate| candidate.name.value == field.name.value);
    let direct = same_position.map(|candidate| (index, candidate)).or_else(|| written.field(&field.name.value));
    if field.aliases.is_empty() {
        return Ok(direct.map(|(_, found)| found));
    }
    let mut matches: Vec<usize> = direct.map(|(found, _)| found).into_iter().collect();
    for (position, alias) in field.aliases.iter().enumerate() {
        let repeated = field.aliases[..position].iter().any(|earlier| earlier.value == alias.value);
        if let (false, Some((found, _))) = (repeated, written.field(&alias.value)) {
            matches.push(found);
        }
    }
    match matches.as_slice() {
        [] => Ok(None),
        [only] => Ok(written.fields.get(*only)),
        _ => {
            let names: Vec<String> = matches
                .iter()
                .filter_map(|&found| written.fields.get(found))
                .map(|found| format!("`{}`", found.name.value))
                .collect();
            let message = format!(
                "reader field `{}` of `{}` matches several fields of writer record `{}`: {}",
                field.name.value,
                read.named.full_name,
                sides.writer.node(writer).full_name().unwrap_or_default(),
                names.join(", ")
            );
            Err(CheckError::AmbiguousFieldAlias {
                reader_record: reader,
                reader_field: index,
                writer_record: writer,
                writer_fields: matches,
                message,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use eventlint_diagnostics::{FileId, Limits};

    use super::*;

    fn set(text: &str) -> SchemaSet {
        let (value, errors) = eventlint_json::parse(FileId(0), text, &Limits::default());
        assert!(errors.is_empty());
        let value = value.expect("JSON");
        let (set, errors) = SchemaSet::build(&[(FileId(0), &value)]);
        assert!(errors.is_empty(), "{errors:?}");
        set
    }

    #[test]
    fn the_hash_map_memo_gives_the_dense_memo_results() {
        let reader = set(r#"{"type": "record", "name": "R", "fields": [
            {"name": "u", "type": ["null", {"type": "record", "name": "I", "fields": [
                {"name": "a", "type": "int"}, {"name": "b", "type": "int"}]}]},
            {"name": "v", "type": "I"}, {"name": "w", "type": ["null", "R"]}]}"#);
        let writer = set(r#"{"type": "record", "name": "R", "fields": [
            {"name": "u", "type": {"type": "record", "name": "I", "fields": [{"name": "a", "type": "long"}]}},
            {"name": "v", "type": "I"}, {"name": "w", "type": ["null", "R"]}]}"#);
        let reader = Schema { set: &reader, root: reader.root(FileId(0)).expect("root") };
        let writer = Schema { set: &writer, root: writer.root(FileId(0)).expect("root") };
        let dense = Checker::new().check(reader, writer).expect("answerable");
        let mut sparse_checker = Checker::new();
        sparse_checker.memo.sparse_only = true;
        let sparse = sparse_checker.check(reader, writer).expect("answerable");
        assert_eq!(dense.incompatibilities.len(), 3, "{dense:?}");
        assert_eq!(dense, sparse);
    }

    #[test]
    fn a_chain_of_references_deeper_than_the_limit_is_refused_not_overflowed() {
        let texts: Vec<String> = (0..MAX_DEPTH + 10)
            .map(|level| match level {
                0 => r#"{"type": "record", "name": "R0", "fields": []}"#.to_owned(),
                _ => format!(
                    r#"{{"type": "record", "name": "R{level}", "fields": [{{"name": "next", "type": "R{}"}}]}}"#,
                    level - 1
                ),
            })
            .collect();
        let values: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(index, text)| eventlint_json::parse(FileId(index as u32), text, &Limits::default()).0.expect("JSON"))
            .collect();
        let files: Vec<_> = values.iter().enumerate().map(|(index, value)| (FileId(index as u32), value)).collect();
        let (chain, errors) = SchemaSet::build(&files);
        assert!(errors.is_empty(), "{errors:?}");
        let top = Schema { set: &chain, root: chain.root(FileId(MAX_DEPTH as u32 + 9)).expect("root") };
        assert_eq!(Checker::new().check(top, top), Err(CheckError::TooDeep));
        let shallow = Schema { set: &chain, root: chain.root(FileId(100)).expect("root") };
        assert_eq!(Checker::new().check(shallow, shallow), Ok(Compatibility::default()));
    }
}
