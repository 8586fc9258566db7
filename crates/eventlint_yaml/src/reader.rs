//! A typed reader over [`YamlNode`]s: hands out fields by key, converts them to typed values and collects a
//! located `load/*` diagnostic for every problem (wrong type, bad value, missing key, unknown key).
//!
//! Shared by the catalog loader, the scenario loader and the configuration.

use std::collections::HashMap;
use std::time::Duration;

use eventlint_diagnostics::{Diagnostic, FileId, Span, did_you_mean};

use crate::node::{NodeKind, Spanned, YamlNode, push_pointer};
use crate::parse::key_text;
use crate::vocab::Vocabulary;

/// Where diagnostics and node positions go while one file is read.
#[derive(Debug)]
pub struct ReadCtx {
    pub file: FileId,
    pub diagnostics: Vec<Diagnostic>,
    /// `(byte offset, logical path)` of every node handed out, for the file's line → path index.
    pub node_starts: Vec<(u32, String)>,
}

impl ReadCtx {
    pub fn new(file: FileId) -> Self {
        ReadCtx { file, diagnostics: Vec::new(), node_starts: Vec::new() }
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records that the node at `span` has `path` (for attaching comments to nodes). A node written in another
    /// file (a tree assembled from several files, as the EventCatalog importer builds) has no line here.
    pub fn record(&mut self, span: Span, path: &str) {
        if span.file == self.file {
            self.node_starts.push((span.start, path.to_owned()));
        }
    }
}

/// A node being read, with its logical path and the span of the key that holds it (if any).
#[derive(Clone, Debug)]
pub struct Value<'n> {
    pub node: &'n YamlNode,
    pub path: String,
    pub key_span: Option<Span>,
}

/// An item of a list of names, addressed by value (`/messages/A/emits/B`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub value: Spanned<String>,
    pub path: String,
}

impl<'n> Value<'n> {
    pub fn root(node: &'n YamlNode) -> Self {
        Value { node, path: String::new(), key_span: None }
    }

    pub fn span(&self) -> Span {
        self.node.span
    }

    /// The key this value is stored under, for messages (`mode`), else the path's last token.
    fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or("")
    }

    /// `load/invalid-value` at this value.
    pub fn invalid(&self, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        Diagnostic::load("invalid-value", message).with_primary(self.span(), ()).with_help(help).with_path(&self.path)
    }

    fn wrong_type(&self, expected: &str, help: impl Into<String>) -> Diagnostic {
        self.invalid(format!("expected {expected}, found {}", self.node.type_name()), help)
    }

    pub fn str(&self, cx: &mut ReadCtx) -> Option<Spanned<String>> {
        match self.node.kind() {
            NodeKind::Str(text) => Some(Spanned::new(text.clone(), self.span())),
            _ => {
                cx.report(self.wrong_type("a string", format!("write `{}` as a string", self.name())));
                None
            }
        }
    }

    pub fn bool(&self, cx: &mut ReadCtx) -> Option<Spanned<bool>> {
        match self.node.kind() {
            NodeKind::Bool(value) => Some(Spanned::new(*value, self.span())),
            _ => {
                cx.report(self.wrong_type("`true` or `false`", "write `true` or `false`"));
                None
            }
        }
    }

    /// An integer that is at least `min` and fits `u32`.
    pub fn int_min(&self, min: u32, cx: &mut ReadCtx) -> Option<Spanned<u32>> {
        let expected = format!("an integer ≥ {min}");
        match self.node.kind() {
            NodeKind::Int { value, .. } => match u32::try_from(*value) {
                Ok(value) if value >= min => Some(Spanned::new(value, self.span())),
                _ => {
                    cx.report(self.invalid(format!("expected {expected}, found `{value}`"), format!("use {expected}")));
                    None
                }
            },
            _ => {
                cx.report(self.wrong_type(&expected, format!("use {expected}")));
                None
            }
        }
    }

    /// A non-negative integer of up to 64 bits (seeds, event counts, step numbers).
    pub fn u64(&self, cx: &mut ReadCtx) -> Option<Spanned<u64>> {
        match self.node.kind() {
            NodeKind::Int { value, .. } if *value >= 0 => Some(Spanned::new(*value as u64, self.span())),
            // Above i64::MAX the parser keeps the text; it is still an unsigned 64-bit integer if it parses.
            NodeKind::Float { raw, .. } if raw.parse::<u64>().is_ok() => {
                raw.parse::<u64>().ok().map(|value| Spanned::new(value, self.span()))
            }
            NodeKind::Int { raw, .. } | NodeKind::Float { raw, .. } => {
                let help = "use an integer between 0 and 2^64 - 1";
                cx.report(self.invalid(format!("expected a non-negative integer, found `{raw}`"), help));
                None
            }
            _ => {
                cx.report(self.wrong_type("a non-negative integer", "use an integer between 0 and 2^64 - 1"));
                None
            }
        }
    }

    /// A number (integer or float) that is at least `min`.
    pub fn number_min(&self, min: f64, cx: &mut ReadCtx) -> Option<Spanned<f64>> {
        let value = match self.node.kind() {
            NodeKind::Int { value, .. } => *value as f64,
            NodeKind::Float { value, .. } => *value,
            _ => {
                cx.report(self.wrong_type(&format!("a number ≥ {min}"), format!("use a number ≥ {min}")));
                return None;
            }
        };
        if value >= min && value.is_finite() {
            Some(Spanned::new(value, self.span()))
        } else {
            cx.report(
                self.invalid(format!("expected a number ≥ {min}, found `{value}`"), format!("use a number ≥ {min}")),
            );
            None
        }
    }

    /// One word of a closed vocabulary, with a did-you-mean for near misses.
    pub fn vocab<T: Vocabulary>(&self, cx: &mut ReadCtx) -> Option<Spanned<T>> {
        let words: Vec<&'static str> = T::words().collect();
        let word = self.one_of(&words, cx)?;
        T::from_word(word.value).map(|value| Spanned::new(value, word.span))
    }

    /// One of `words`, with a did-you-mean for near misses (for vocabularies without an enum).
    pub fn one_of(&self, words: &[&'static str], cx: &mut ReadCtx) -> Option<Spanned<&'static str>> {
        let options = words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
        let Some(text) = scalar_text(self.node) else {
            cx.report(self.wrong_type(&format!("one of {options}"), format!("use one of {options}")));
            return None;
        };
        if let Some(&word) = words.iter().find(|&&w| w == text) {
            return Some(Spanned::new(word, self.span()));
        }
        let help = match did_you_mean(&text, words.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("use one of {options}"),
        };
        let diagnostic = self
            .invalid(format!("`{text}` is not a valid `{}`", self.name()), help)
            .with_note(format!("valid values: {options}"));
        cx.report(diagnostic);
        None
    }

    /// A duration: an integer followed by `ms`, `s`, `m`, `h` or `d`.
    pub fn duration(&self, cx: &mut ReadCtx) -> Option<Spanned<Duration>> {
        let parsed = self.node.as_str().and_then(parse_duration);
        if parsed.is_none() {
            let found = scalar_text(self.node).map_or_else(|| self.node.type_name().to_owned(), |t| format!("`{t}`"));
            cx.report(self.invalid(
                format!("expected a duration, found {found}"),
                "write an integer followed by `ms`, `s`, `m`, `h` or `d`, for example `200ms` or `30d`",
            ));
        }
        parsed.map(|d| Spanned::new(d, self.span()))
    }

    /// A SemVer 2.0.0 version without a `v` prefix.
    pub fn semver(&self, cx: &mut ReadCtx) -> Option<Spanned<semver::Version>> {
        let text = scalar_text(self.node).unwrap_or_default();
        match semver::Version::parse(&text) {
            Ok(version) if self.node.as_str().is_some() => Some(Spanned::new(version, self.span())),
            _ => {
                let help = if text.starts_with(['v', 'V']) && semver::Version::parse(&text[1..]).is_ok() {
                    format!("remove the `v` prefix: `{}`", &text[1..])
                } else {
                    "write `MAJOR.MINOR.PATCH`, for example `1.0.0`".to_owned()
                };
                let found = if text.is_empty() { self.node.type_name().to_owned() } else { format!("`{text}`") };
                cx.report(self.invalid(format!("expected a semantic version, found {found}"), help));
                None
            }
        }
    }

    /// The value as a mapping whose keys are field names (`x-*` extensions allowed).
    pub fn map(&self, cx: &mut ReadCtx) -> Option<MapReader<'n>> {
        match self.node.as_map() {
            Some(entries) => Some(MapReader {
                value: self.clone(),
                entries,
                read: ReadMarks::new(entries.len()),
                asked: Vec::with_capacity(16),
                extensions: true,
            }),
            None => {
                cx.report(
                    self.wrong_type("a mapping", format!("write `{}` as a mapping of keys to values", self.name())),
                );
                None
            }
        }
    }

    /// Like [`Value::map`], but an empty value (`name:` with nothing after it) reads as an empty mapping.
    pub fn map_or_empty(&self, cx: &mut ReadCtx) -> Option<MapReader<'n>> {
        if !matches!(self.node.kind(), NodeKind::Null) {
            return self.map(cx);
        }
        Some(MapReader {
            value: self.clone(),
            entries: &[],
            read: ReadMarks::new(0),
            asked: Vec::new(),
            extensions: true,
        })
    }

    /// The entries of a mapping whose keys are names (`services`, `topics`, …), each with its path.
    pub fn entries(&self, cx: &mut ReadCtx) -> Vec<(Spanned<String>, Value<'n>)> {
        let Some(entries) = self.node.as_map() else {
            if !matches!(self.node.kind(), NodeKind::Null) {
                cx.report(self.wrong_type("a mapping of names", format!("write `{}` as a mapping", self.name())));
            }
            return Vec::new();
        };
        entries
            .iter()
            .map(|(key, value)| {
                let name = key_text(key);
                let path = push_pointer(&self.path, &name);
                cx.record(key.span, &path);
                (Spanned::new(name, key.span), Value { node: value, path, key_span: Some(key.span) })
            })
            .collect()
    }

    /// The items of a list, addressed by index until the caller gives them an identity.
    pub fn seq(&self, cx: &mut ReadCtx) -> Option<Vec<Value<'n>>> {
        match self.node.as_seq() {
            Some(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, node)| Value { node, path: push_pointer(&self.path, &i.to_string()), key_span: None })
                    .collect(),
            ),
            None => {
                cx.report(self.wrong_type("a list", format!("write `{}` as a list: `[a, b]`", self.name())));
                None
            }
        }
    }

    /// A single name or a list of names; each item is addressed by value and a repeated one is reported.
    ///
    /// A single name keeps the key's path (`/messages/A/producer`).
    pub fn names(&self, cx: &mut ReadCtx) -> Vec<ListItem> {
        if self.node.as_seq().is_none() {
            return self.str(cx).map(|value| ListItem { value, path: self.path.clone() }).into_iter().collect();
        }
        self.name_list(cx)
    }

    /// A list of strings; each item is addressed by value and a repeated one is reported.
    pub fn name_list(&self, cx: &mut ReadCtx) -> Vec<ListItem> {
        let mut items: Vec<ListItem> = Vec::new();
        let mut seen = FirstSeen::default();
        for item in self.seq(cx).unwrap_or_default() {
            let Some(value) = item.str(cx) else { continue };
            let path = push_pointer(&self.path, &value.value);
            if let Some(first) = seen.check(&value.value, value.span) {
                cx.report(duplicate_item(&value, first, &path));
                continue;
            }
            cx.record(value.span, &path);
            items.push(ListItem { value, path });
        }
        items
    }
}

/// Remembers where each value of a list was first seen, to report repeats in linear time.
#[derive(Debug, Default)]
pub struct FirstSeen {
    spans: HashMap<String, Span>,
}

impl FirstSeen {
    /// The span of the earlier occurrence if `value` was seen before; otherwise records it.
    pub fn check(&mut self, value: &str, span: Span) -> Option<Span> {
        if let Some(&first) = self.spans.get(value) {
            return Some(first);
        }
        self.spans.insert(value.to_owned(), span);
        None
    }
}

/// `load/duplicate-definition` for a value listed twice in one list (catalog-format §12).
pub fn duplicate_item(value: &Spanned<String>, first: Span, path: &str) -> Diagnostic {
    Diagnostic::load("duplicate-definition", format!("`{}` is listed twice", value.value))
        .with_primary(value.span, "listed again here")
        .with_label(first, "first listed here")
        .with_help(format!("remove the second `{}`", value.value))
        .with_path(path)
}

/// The text of a scalar node as written (numbers and booleans included), `None` for collections and null.
fn scalar_text(node: &YamlNode) -> Option<String> {
    match node.kind() {
        NodeKind::Str(text) => Some(text.clone()),
        NodeKind::Int { raw, .. } | NodeKind::Float { raw, .. } => Some(raw.clone()),
        NodeKind::Bool(value) => Some(value.to_string()),
        NodeKind::Null | NodeKind::Seq(_) | NodeKind::Map(_) => None,
    }
}

/// `200ms`, `5s`, `1m`, `2h`, `30d`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = text.split_at(split);
    let amount: u64 = digits.parse().ok()?;
    let millis_per_unit = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    Some(Duration::from_millis(amount.checked_mul(millis_per_unit)?))
}

/// Which entries of a mapping were read: a bit per entry, allocating only for mappings of more than 64 keys.
#[derive(Debug)]
struct ReadMarks {
    first: u64,
    rest: Vec<bool>,
}

impl ReadMarks {
    fn new(len: usize) -> Self {
        ReadMarks { first: 0, rest: vec![false; len.saturating_sub(64)] }
    }

    fn mark(&mut self, index: usize) {
        match index.checked_sub(64) {
            None => self.first |= 1 << index,
            Some(rest) => {
                if let Some(slot) = self.rest.get_mut(rest) {
                    *slot = true;
                }
            }
        }
    }

    fn is_marked(&self, index: usize) -> bool {
        match index.checked_sub(64) {
            None => self.first & (1 << index) != 0,
            Some(rest) => self.rest.get(rest).copied().unwrap_or(false),
        }
    }
}

/// Reads the fields of one mapping; [`MapReader::finish`] reports every key nobody asked for.
#[derive(Debug)]
pub struct MapReader<'n> {
    value: Value<'n>,
    entries: &'n [(YamlNode, YamlNode)],
    read: ReadMarks,
    /// Every key asked for, the did-you-mean candidates.
    asked: Vec<&'static str>,
    extensions: bool,
}

impl<'n> MapReader<'n> {
    /// Forbids `x-*` keys in this mapping (for maps the format does not extend).
    pub fn without_extensions(mut self) -> Self {
        self.extensions = false;
        self
    }

    pub fn path(&self) -> &str {
        &self.value.path
    }

    pub fn span(&self) -> Span {
        self.value.span()
    }

    /// Whether `key` is present (does not mark it read).
    pub fn has(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.as_str() == Some(key))
    }

    /// The value of `key`, if present; marks it read and records its position.
    pub fn get(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Value<'n>> {
        self.asked.push(key);
        let index = self.position(key)?;
        self.read.mark(index);
        let (k, v) = &self.entries[index];
        let path = push_pointer(&self.value.path, key);
        cx.record(k.span, &path);
        Some(Value { node: v, path, key_span: Some(k.span) })
    }

    /// The value of `key`, or `load/missing-key` pointing at the mapping's key (or the mapping).
    pub fn required(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Value<'n>> {
        let value = self.get(key, cx);
        if value.is_none() {
            cx.report(self.missing(key));
        }
        value
    }

    /// `load/missing-key` for `key` in this mapping.
    pub fn missing(&self, key: &str) -> Diagnostic {
        let at = self.value.key_span.unwrap_or_else(|| Span::at(self.span().file, self.span().start as usize));
        Diagnostic::load("missing-key", format!("missing required key `{key}`"))
            .with_primary(at, format!("`{key}` is required here"))
            .with_help(format!("add `{key}`"))
            .with_path(&self.value.path)
    }

    pub fn opt_str(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<String>> {
        self.get(key, cx)?.str(cx)
    }

    pub fn required_str(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<String>> {
        self.required(key, cx)?.str(cx)
    }

    pub fn opt_bool(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<bool>> {
        self.get(key, cx)?.bool(cx)
    }

    pub fn opt_int_min(&mut self, key: &'static str, min: u32, cx: &mut ReadCtx) -> Option<Spanned<u32>> {
        self.get(key, cx)?.int_min(min, cx)
    }

    pub fn opt_u64(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<u64>> {
        self.get(key, cx)?.u64(cx)
    }

    pub fn opt_vocab<T: Vocabulary>(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<T>> {
        self.get(key, cx)?.vocab(cx)
    }

    pub fn opt_enum(
        &mut self,
        key: &'static str,
        words: &[&'static str],
        cx: &mut ReadCtx,
    ) -> Option<Spanned<&'static str>> {
        self.get(key, cx)?.one_of(words, cx)
    }

    pub fn opt_duration(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<Duration>> {
        self.get(key, cx)?.duration(cx)
    }

    pub fn opt_semver(&mut self, key: &'static str, cx: &mut ReadCtx) -> Option<Spanned<semver::Version>> {
        self.get(key, cx)?.semver(cx)
    }

    /// The `x-*` entries, marked read.
    pub fn extensions(&mut self) -> Vec<(Spanned<String>, YamlNode)> {
        if !self.extensions {
            return Vec::new();
        }
        let mut found = Vec::new();
        for (index, (key, value)) in self.entries.iter().enumerate() {
            if let Some(name) = key.as_str().filter(|k| k.starts_with("x-")) {
                self.read.mark(index);
                found.push((Spanned::new(name.to_owned(), key.span), value.clone()));
            }
        }
        found
    }

    /// Reports every key that was not read as `load/unknown-key`, with a did-you-mean.
    pub fn finish(self, cx: &mut ReadCtx) {
        for (index, (key, _)) in self.entries.iter().enumerate() {
            if self.read.is_marked(index) || (self.extensions && key.as_str().is_some_and(|k| k.starts_with("x-"))) {
                continue;
            }
            let text = key_text(key);
            let help = match did_you_mean(&text, self.asked.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None if self.extensions => "remove it, or rename it to `x-…` to keep it as an extension".to_owned(),
                None => "remove it".to_owned(),
            };
            let mut known: Vec<&str> = self.asked.clone();
            known.sort_unstable();
            known.dedup();
            let known = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let diagnostic = Diagnostic::load("unknown-key", format!("unknown key `{text}`"))
                .with_primary(key.span, "not part of the format")
                .with_help(help)
                .with_note(format!("known keys here: {known}"))
                .with_path(push_pointer(&self.value.path, &text));
            cx.report(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_keys_are_reported_in_large_mappings() {
        let text: String = (0..70).map(|i| format!("k{i}: {i}\n")).collect();
        let (root, diagnostics) = crate::parse(FileId(0), &text, &eventlint_diagnostics::Limits::default());
        assert!(diagnostics.is_empty());
        let root = root.unwrap();
        let mut cx = ReadCtx::new(FileId(0));
        let mut map = Value::root(&root).map(&mut cx).unwrap();
        for key in ["k0", "k1", "k63", "k64", "k69"] {
            assert!(map.get(key, &mut cx).is_some());
        }
        map.finish(&mut cx);
        let unknown: Vec<&str> = cx.diagnostics.iter().map(|d| d.logical_path.as_str()).collect();
        assert_eq!(unknown.len(), 65);
        assert!(!unknown.contains(&"/k64") && !unknown.contains(&"/k69") && unknown.contains(&"/k65"));
    }

    #[test]
    fn unsigned_64_bit_integers() {
        let text = "a: 18446744073709551615\nb: -1\nc: 7\n";
        let (root, _) = crate::parse(FileId(0), text, &eventlint_diagnostics::Limits::default());
        let root = root.unwrap();
        let mut cx = ReadCtx::new(FileId(0));
        let mut map = Value::root(&root).map(&mut cx).unwrap();
        assert_eq!(map.opt_u64("a", &mut cx).map(|v| v.value), Some(u64::MAX));
        assert_eq!(map.opt_u64("b", &mut cx), None);
        assert_eq!(map.opt_u64("c", &mut cx).map(|v| v.value), Some(7));
        assert_eq!(cx.diagnostics.len(), 1);
        assert_eq!(cx.diagnostics[0].message, "expected a non-negative integer, found `-1`");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("200ms"), Some(Duration::from_millis(200)));
        assert_eq!(parse_duration("30d"), Some(Duration::from_secs(30 * 86_400)));
        assert_eq!(parse_duration("1m"), Some(Duration::from_secs(60)));
        assert_eq!(parse_duration("5"), None);
        assert_eq!(parse_duration("ms"), None);
        assert_eq!(parse_duration("1.5s"), None);
        assert_eq!(parse_duration("5 s"), None);
        assert_eq!(parse_duration("99999999999999999999d"), None);
    }
}
