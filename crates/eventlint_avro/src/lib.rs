//! Avro 1.12 schemas as a resolved, spanned graph, and eventlint's parse-time Avro checks.
//!
//! * [`SchemaSet::build`] turns parsed `.avsc` files (see `eventlint_json`) into one graph per schema set and returns
//!   the load errors (`load/avro-invalid-schema`): avro-compat.md §2.1–§2.4.
//! * [`validate()`] runs the `avro` rules of the rule catalogue over a built set (§2.5–§2.9), one rule at a time if
//!   wished ([`validate::RULES`]).
//!
//! Named types are one node shared by every reference ([`NodeId`]), so a compatibility walk can memoize on node
//! identity as Java does.

mod build;
mod graph;
mod set;
pub mod validate;

pub use build::RESERVED_ATTRIBUTES;
pub use graph::{
    Alias, AvroType, Edge, Enum, Field, Fixed, LogicalType, Named, Node, NodeId, NodeKind, Position, Record, Text,
    TypeRef,
};
pub use set::{DifferingCopy, ForwardReference, SchemaFile, SchemaSet};
pub use validate::{IgnoredLogicalType, LogicalTypeStatus, ValidateOptions, logical_type_status, validate};
