//! Builds a [`YamlNode`] tree from saphyr-parser events, with byte spans, the YAML 1.2 core schema and the
//! limits of catalog-format §1 (size, depth, alias expansion). The tree is built with an explicit stack, so no
//! input depth can overflow the call stack; aliases share the anchored node instead of copying it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::directives::{Directive, directives};
use crate::node::{NodeKind, YamlNode, push_pointer};

const BOM: char = '\u{feff}';

/// A parsed YAML file: its root node (if it parsed) and its comment directives.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// `None` when the file does not parse or exceeds a limit; an empty file is a `Null` root.
    pub root: Option<YamlNode>,
    pub directives: Vec<Directive>,
}

/// Parses one YAML document; every problem is a `load/*` diagnostic located in `file`.
pub fn parse(file: FileId, text: &str, limits: &Limits) -> (Option<YamlNode>, Vec<Diagnostic>) {
    if let Some(error) = check_size(file, text.len(), limits) {
        return (None, vec![error]);
    }
    let base = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
    let mut builder = Builder::new(file, &text[base..], base, limits);
    builder.run();
    let Builder { root, diagnostics, stopped, .. } = builder;
    let root =
        if stopped { None } else { Some(root.unwrap_or_else(|| YamlNode::new(Span::at(file, base), NodeKind::Null))) };
    (root, diagnostics)
}

/// Like [`parse`], for raw file bytes: a BOM is stripped and invalid UTF-8 is reported at its first bad byte.
///
/// Spans refer to [`source_text`]`(bytes)`, which is the text to register in `Sources`.
pub fn parse_bytes(file: FileId, bytes: &[u8], limits: &Limits) -> (Option<YamlNode>, Vec<Diagnostic>) {
    match decode(file, bytes, limits) {
        Ok(text) => parse(file, text, limits),
        Err(error) => (None, vec![*error]),
    }
}

/// The text of a file as eventlint shows it: without a byte-order mark, invalid UTF-8 replaced by U+FFFD.
pub fn source_text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// [`parse_bytes`] that also returns the comment directives.
pub fn parse_document_bytes(file: FileId, bytes: &[u8], limits: &Limits) -> (Document, Vec<Diagnostic>) {
    match decode(file, bytes, limits) {
        Ok(text) => parse_document(file, text, limits),
        Err(error) => (Document::default(), vec![*error]),
    }
}

/// [`parse`] that also returns the comment directives.
pub fn parse_document(file: FileId, text: &str, limits: &Limits) -> (Document, Vec<Diagnostic>) {
    let (root, diagnostics) = parse(file, text, limits);
    let directives = root.as_ref().map(|root| directives(file, text, root)).unwrap_or_default();
    (Document { root, directives }, diagnostics)
}

/// Checks the size, strips a BOM and validates UTF-8, locating the first bad byte.
fn decode<'b>(file: FileId, bytes: &'b [u8], limits: &Limits) -> Result<&'b str, Box<Diagnostic>> {
    if let Some(error) = check_size(file, bytes.len(), limits) {
        return Err(Box::new(error));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| -> Box<Diagnostic> {
        let start = error.valid_up_to();
        let byte = bytes.get(start).copied().unwrap_or_default();
        // The lossy text replaces the bad sequence with U+FFFD (3 bytes); the span covers that.
        Box::new(
            Diagnostic::load("yaml-syntax", format!("invalid UTF-8: unexpected byte 0x{byte:02X}"))
                .with_primary(Span::new(file, start, start + '\u{fffd}'.len_utf8()), "not UTF-8")
                .with_help("save the file as UTF-8")
                .with_path(""),
        )
    })
}

/// A cheap test for catalogs: a line that starts with `eventlint:`.
pub fn looks_like_catalog(text: &str) -> bool {
    has_line_starting_with(text, "eventlint:")
}

/// A cheap test for scenarios: a line that starts with `scenario:`.
pub fn looks_like_scenario(text: &str) -> bool {
    has_line_starting_with(text, "scenario:")
}

fn has_line_starting_with(text: &str, prefix: &str) -> bool {
    text.trim_start_matches(BOM).lines().any(|line| line.starts_with(prefix))
}

fn check_size(file: FileId, len: usize, limits: &Limits) -> Option<Diagnostic> {
    (len > limits.max_file_bytes).then(|| {
        Diagnostic::load(
            "limit-exceeded",
            format!("file is {len} bytes, more than the limit of {} bytes", limits.max_file_bytes),
        )
        .with_primary(Span::at(file, 0), "file too large")
        .with_help("split the file, or raise `max-file-bytes` in `[limits]` of `eventlint.toml`")
        .with_path("")
    })
}

/// Converts saphyr's character indices to byte offsets: identity for ASCII, a sparse table otherwise.
struct Offsets {
    base: usize,
    /// `(char index, extra bytes of all chars before it)`, one entry after each non-ASCII char.
    extra: Vec<(usize, usize)>,
}

impl Offsets {
    fn new(text: &str, base: usize) -> Self {
        let mut extra = Vec::new();
        if !text.is_ascii() {
            let mut total = 0;
            for (index, c) in text.chars().enumerate() {
                if !c.is_ascii() {
                    total += c.len_utf8() - 1;
                    extra.push((index + 1, total));
                }
            }
        }
        Offsets { base, extra }
    }

    fn byte(&self, char_index: usize) -> usize {
        let after = self.extra.partition_point(|&(index, _)| index <= char_index);
        let extra = if after == 0 { 0 } else { self.extra[after - 1].1 };
        self.base + char_index + extra
    }
}

/// Expanded size (nodes, aliases expanded) and height of a finished node, for the alias limits.
#[derive(Clone, Copy)]
struct Measure {
    size: u64,
    height: usize,
}

/// Where a node sits in its parent, for building its logical path only when a diagnostic needs it.
#[derive(Clone)]
enum Slot {
    Root,
    Index(usize),
    Key(YamlNode),
}

struct Frame {
    start: usize,
    slot: Slot,
    anchor: usize,
    measure: Measure,
    content: FrameContent,
}

enum FrameContent {
    Seq(Vec<YamlNode>),
    Map { entries: Vec<(YamlNode, YamlNode)>, key: Option<YamlNode>, skip_value: bool },
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    limits: &'a Limits,
    offsets: Offsets,
    frames: Vec<Frame>,
    anchors: HashMap<usize, (YamlNode, Measure)>,
    root: Option<YamlNode>,
    documents: usize,
    expanded: u64,
    diagnostics: Vec<Diagnostic>,
    /// A syntax error or a limit ended the parse: there is no tree.
    stopped: bool,
}

impl<'a> Builder<'a> {
    fn new(file: FileId, text: &'a str, base: usize, limits: &'a Limits) -> Self {
        Builder {
            file,
            text,
            limits,
            offsets: Offsets::new(text, base),
            frames: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            documents: 0,
            expanded: 0,
            diagnostics: Vec::new(),
            stopped: false,
        }
    }

    fn run(&mut self) {
        let mut parser = Parser::new_from_str(self.text);
        while !self.stopped {
            match parser.next_event() {
                None => break,
                Some(Err(error)) => self.syntax_error(&error),
                Some(Ok((event, span))) => {
                    let start = self.offsets.byte(span.start.index());
                    let end = self.offsets.byte(span.end.index());
                    self.event(event, start..end);
                }
            }
        }
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let diagnostic = Diagnostic::load("unsupported-feature", "more than one YAML document in a file")
                        .with_primary(self.span(range), "second document")
                        .with_help("put each document in a file of its own")
                        .with_path("");
                    self.diagnostics.push(diagnostic);
                    self.stopped = true;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if tag.is_some() {
                    self.unsupported_tag(range.clone());
                }
                if style == ScalarStyle::Plain && value == "<<" && self.expects_key() {
                    self.merge_key(range.clone());
                }
                let kind = if style == ScalarStyle::Plain { resolve_plain(value) } else { NodeKind::Str(value.into()) };
                let node = YamlNode::new(self.span(range), kind);
                self.finish_node(node, anchor, Measure { size: 1, height: 0 }, 1);
            }
            Event::Alias(id) => {
                let Some((anchored, measure)) = self.anchors.get(&id).cloned() else { return };
                if self.frames.len() + measure.height > self.limits.max_depth {
                    self.depth_exceeded(range);
                    return;
                }
                let node = anchored.with_span(self.span(range));
                self.finish_node(node, 0, measure, measure.size);
            }
            Event::SequenceStart(anchor, tag) => {
                self.open_frame(anchor, tag.is_some(), range, FrameContent::Seq(Vec::new()))
            }
            Event::MappingStart(anchor, tag) => {
                let content = FrameContent::Map { entries: Vec::new(), key: None, skip_value: false };
                self.open_frame(anchor, tag.is_some(), range, content);
            }
            Event::SequenceEnd | Event::MappingEnd => self.close_frame(range),
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }

    fn open_frame(&mut self, anchor: usize, tagged: bool, range: Range<usize>, content: FrameContent) {
        if tagged {
            self.unsupported_tag(range.clone());
        }
        if self.frames.len() >= self.limits.max_depth {
            self.depth_exceeded(range);
            return;
        }
        if !self.count(1, range.clone()) {
            return;
        }
        let slot = self.child_slot();
        self.frames.push(Frame { start: range.start, slot, anchor, measure: Measure { size: 1, height: 1 }, content });
    }

    fn close_frame(&mut self, range: Range<usize>) {
        let Some(frame) = self.frames.pop() else { return };
        let Frame { start, anchor, measure, content, .. } = frame;
        let (kind, last_end) = match content {
            FrameContent::Seq(items) => {
                let last_end = items.last().map(|n| n.span.end as usize);
                (NodeKind::Seq(items), last_end)
            }
            FrameContent::Map { mut entries, .. } => {
                let last_end = entries.last().map(|(_, v)| v.span.end as usize);
                self.drop_duplicate_keys(&mut entries);
                (NodeKind::Map(entries), last_end)
            }
        };
        // Flow collections end at their closing bracket; block ones at their last child.
        let end = if range.is_empty() { last_end.unwrap_or(range.end).max(start) } else { range.end };
        let node = YamlNode::new(Span::new(self.file, start, end), kind);
        self.finish_node(node, anchor, measure, 0);
    }

    /// Counts `added` expanded nodes; false (and a diagnostic) once the limit is passed.
    fn count(&mut self, added: u64, range: Range<usize>) -> bool {
        self.expanded = self.expanded.saturating_add(added);
        if self.expanded <= self.limits.max_expanded_nodes as u64 {
            return true;
        }
        let diagnostic = Diagnostic::load(
            "limit-exceeded",
            format!("more than {} nodes after alias expansion", self.limits.max_expanded_nodes),
        )
        .with_primary(self.span(range), "limit passed here")
        .with_help("use fewer aliases of large anchored nodes, or raise `max-expanded-nodes` in `[limits]`")
        .with_note("nested aliases grow exponentially (\"billion laughs\")")
        .with_path(self.child_path());
        self.diagnostics.push(diagnostic);
        self.stopped = true;
        false
    }

    /// Hands a finished node to its parent (or makes it the root) and remembers its anchor.
    fn finish_node(&mut self, node: YamlNode, anchor: usize, measure: Measure, counted: u64) {
        if counted > 0 && !self.count(counted, node.span.start as usize..node.span.end as usize) {
            return;
        }
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), measure));
        }
        let Some(parent) = self.frames.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        parent.measure.size = parent.measure.size.saturating_add(measure.size);
        parent.measure.height = parent.measure.height.max(measure.height + 1);
        match &mut parent.content {
            FrameContent::Seq(items) => items.push(node),
            FrameContent::Map { entries, key, skip_value } => match key.take() {
                None => *key = Some(node),
                Some(k) if !std::mem::take(skip_value) => entries.push((k, node)),
                Some(_) => {}
            },
        }
    }

    fn expects_key(&self) -> bool {
        matches!(self.frames.last(), Some(Frame { content: FrameContent::Map { key: None, .. }, .. }))
    }

    /// Where the node about to start sits in the innermost open collection.
    fn child_slot(&self) -> Slot {
        match self.frames.last().map(|f| &f.content) {
            None => Slot::Root,
            Some(FrameContent::Seq(items)) => Slot::Index(items.len()),
            Some(FrameContent::Map { key: Some(key), .. }) => Slot::Key(key.clone()),
            Some(FrameContent::Map { key: None, .. }) => Slot::Root,
        }
    }

    /// The logical path of the innermost open collection (sequence items by index).
    fn open_path(&self) -> String {
        let mut path = String::new();
        for frame in &self.frames {
            match &frame.slot {
                Slot::Root => {}
                Slot::Index(index) => path = push_pointer(&path, &index.to_string()),
                Slot::Key(key) => path = push_pointer(&path, &key_text(key)),
            }
        }
        path
    }

    /// The logical path of the node about to start, for diagnostics.
    fn child_path(&self) -> String {
        match self.child_slot() {
            Slot::Root => self.open_path(),
            Slot::Index(index) => push_pointer(&self.open_path(), &index.to_string()),
            Slot::Key(key) => push_pointer(&self.open_path(), &key_text(&key)),
        }
    }

    fn merge_key(&mut self, range: Range<usize>) {
        let diagnostic = Diagnostic::load("unsupported-feature", "the merge key `<<` is not supported")
            .with_primary(self.span(range), "merge key")
            .with_help("use `defaults` instead of merge keys, or write the keys out")
            .with_path(self.child_path());
        self.diagnostics.push(diagnostic);
        if let Some(Frame { content: FrameContent::Map { skip_value, .. }, .. }) = self.frames.last_mut() {
            *skip_value = true;
        }
    }

    fn unsupported_tag(&mut self, range: Range<usize>) {
        let diagnostic = Diagnostic::load("unsupported-feature", "YAML tags are not supported")
            .with_primary(self.span(range), "tagged node")
            .with_help("remove the tag; eventlint reads plain YAML 1.2 core-schema values")
            .with_path(self.child_path());
        self.diagnostics.push(diagnostic);
    }

    fn depth_exceeded(&mut self, range: Range<usize>) {
        let diagnostic =
            Diagnostic::load("limit-exceeded", format!("nesting deeper than {} levels", self.limits.max_depth))
                .with_primary(self.span(range), "too deep")
                .with_help("flatten the structure, or raise `max-depth` in `[limits]` of `eventlint.toml`")
                .with_path(self.child_path());
        self.diagnostics.push(diagnostic);
        self.stopped = true;
    }

    fn syntax_error(&mut self, error: &ScanError) {
        let at = self.offsets.byte(error.marker().index()).min(self.offsets.base + self.text.len());
        if error.info().contains("recursion limit") {
            // saphyr's own nesting guard fired while it looked ahead: the same limit, reported as such.
            self.depth_exceeded(at..at);
            return;
        }
        let diagnostic = Diagnostic::load("yaml-syntax", format!("invalid YAML: {}", error.info()))
            .with_primary(Span::at(self.file, at), "here")
            .with_help("fix the YAML syntax here; check indentation, quoting and the `:` after keys")
            .with_path(self.child_path());
        self.diagnostics.push(diagnostic);
        self.stopped = true;
    }

    /// Removes every repeated key after its first occurrence, reporting each with both places.
    fn drop_duplicate_keys(&mut self, entries: &mut Vec<(YamlNode, YamlNode)>) {
        let duplicates: Vec<(usize, usize)> = if entries.len() <= 16 {
            (1..entries.len())
                .filter_map(|i| (0..i).find(|&j| same_key(&entries[j].0, &entries[i].0)).map(|j| (j, i)))
                .collect()
        } else {
            let mut first_by_key: HashMap<String, usize> = HashMap::with_capacity(entries.len());
            let mut found = Vec::new();
            for (index, (key, _)) in entries.iter().enumerate() {
                match first_by_key.entry(key_text(key)) {
                    std::collections::hash_map::Entry::Occupied(first) => found.push((*first.get(), index)),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(index);
                    }
                }
            }
            found
        };
        if duplicates.is_empty() {
            return;
        }
        // The path of the mapping being closed: it was just popped, so rebuild it from its key in the parent.
        let path = self.child_path();
        for &(first, second) in duplicates.iter().rev() {
            let text = key_text(&entries[second].0);
            let diagnostic = Diagnostic::load("duplicate-definition", format!("duplicate key `{text}`"))
                .with_primary(entries[second].0.span, "defined again here")
                .with_label(entries[first].0.span, "first defined here")
                .with_help(format!("remove one of the two `{text}` keys; YAML parsers disagree on which one wins"))
                .with_path(push_pointer(&path, &text));
            self.diagnostics.push(diagnostic);
            entries.remove(second);
        }
    }
}

/// Whether two keys are the same for duplicate detection (scalars by their text, as in paths).
fn same_key(a: &YamlNode, b: &YamlNode) -> bool {
    match (a.kind(), b.kind()) {
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Str(_), _) | (_, NodeKind::Str(_)) => false,
        _ => key_text(a) == key_text(b),
    }
}

/// The text of a key as it would appear in a path (scalars as written; collections by their kind).
pub(crate) fn key_text(key: &YamlNode) -> String {
    match key.kind() {
        NodeKind::Null => "null".to_owned(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Int { value, .. } => value.to_string(),
        NodeKind::Float { raw, .. } => raw.clone(),
        NodeKind::Str(s) => s.clone(),
        NodeKind::Seq(_) => "[…]".to_owned(),
        NodeKind::Map(_) => "{…}".to_owned(),
    }
}

/// Resolves a plain scalar with the YAML 1.2 core schema.
fn resolve_plain(value: Cow<'_, str>) -> NodeKind {
    let text: &str = &value;
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return float(f64::INFINITY, text),
        "-.inf" | "-.Inf" | "-.INF" => return float(f64::NEG_INFINITY, text),
        ".nan" | ".NaN" | ".NAN" => return float(f64::NAN, text),
        _ => {}
    }
    if let Some(kind) = resolve_int(text) {
        return kind;
    }
    if let Some(number) = is_core_float(text).then(|| text.parse::<f64>().ok()).flatten() {
        return float(number, text);
    }
    NodeKind::Str(value.into_owned())
}

fn float(value: f64, raw: &str) -> NodeKind {
    NodeKind::Float { value, raw: raw.to_owned() }
}

fn resolve_int(text: &str) -> Option<NodeKind> {
    let (digits, radix) = if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(octal) = text.strip_prefix("0o") {
        (octal, 8)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        (unsigned, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let parsed = if radix == 10 { text.parse::<i64>() } else { i64::from_str_radix(digits, radix) };
    Some(match parsed {
        Ok(value) => NodeKind::Int { value, raw: text.to_owned() },
        // Too large for i64: keep it as a number with its text.
        Err(_) => float(text.parse::<f64>().unwrap_or(f64::INFINITY), text),
    })
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(text: &str) -> bool {
    let bytes = text.strip_prefix(['-', '+']).unwrap_or(text).as_bytes();
    let digits = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut at = digits(0);
    let mut mantissa_digits = at;
    if bytes.get(at) == Some(&b'.') {
        let fraction = digits(at + 1);
        mantissa_digits += fraction;
        at += 1 + fraction;
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'-' | b'+')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}
