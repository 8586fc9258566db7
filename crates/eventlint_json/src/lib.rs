//! Strict, span-preserving JSON (RFC 8259): the layer under eventlint's `.avsc` loader.
//!
//! [`parse`] turns text into a [`JsonValue`] tree where every value and key keeps its byte span, numbers keep their
//! source text, and every syntax problem, duplicate key or limit breach becomes a `load/…` diagnostic.

mod parse;
mod value;

pub use parse::parse;
pub use value::{JsonKind, JsonMember, JsonValue};
