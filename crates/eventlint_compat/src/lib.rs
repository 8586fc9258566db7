//! Avro schema compatibility for eventlint: Java's `SchemaCompatibility` exactly (avro-compat §3), Confluent Schema
//! Registry modes (§4), and Parsing Canonical Form with its CRC-64-AVRO fingerprint.
//!
//! * [`check`] / [`Checker::check`]: one reader/writer pair on resolved [`SchemaSet`](eventlint_avro::SchemaSet)s;
//!   every incompatibility in Java's order, with Java's message, Java's location, the corrected location and spans.
//! * [`check_mode`]: a registry compatibility level against a schema's history.
//! * [`canonical_form`] and [`fingerprint`]: Parsing Canonical Form built on the graph, and its Rabin fingerprint.
//! * [`Incompatibility::to_diagnostic`]: an incompatibility as an `incompatible-change` finding.
//! * [`check_pair_line`]: the JSONL batch form (`eventlint compat --pairs`).
//!
//! The crate does no I/O and builds for `wasm32-unknown-unknown`.

mod canonical;
mod check;
mod finding;
mod mode;
mod pairs;

pub use canonical::{canonical_form, fingerprint, rabin};
pub use check::{CheckError, Checker, Compatibility, Incompatibility, IncompatibilityType, MAX_DEPTH, Schema, check};
pub use finding::Side;
pub use mode::{Direction, DirectionCheck, Mode, ModeResult, check_mode, check_mode_with};
pub use pairs::{PairError, answer_json, answer_line, check_pair_line, incompatibilities_json};
