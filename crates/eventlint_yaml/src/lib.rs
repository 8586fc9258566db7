//! Span-preserving YAML for eventlint: a hardened parser (limits, core schema, no merge keys or tags), a typed
//! reader that collects `load/*` diagnostics, and the comment directives of catalog-format §13 and §15.

mod directives;
mod node;
mod parse;
mod reader;
mod vocab;

pub use directives::{Directive, DirectiveKind, directives, scan_directives};
pub use node::{NodeKind, Spanned, YamlNode, push_pointer};
pub use parse::{
    Document, looks_like_catalog, looks_like_scenario, parse, parse_bytes, parse_document, parse_document_bytes,
    source_text,
};
pub use reader::{FirstSeen, ListItem, MapReader, ReadCtx, Value, duplicate_item, parse_duration};
pub use semver;
pub use vocab::Vocabulary;
