//! Source files, byte spans and diagnostics: the vocabulary every eventlint crate speaks.
//!
//! Core crates return `(T, Vec<Diagnostic>)`; only the CLI decides how to print them and what exit code follows.

mod diagnostic;
mod fingerprint;
mod limits;
mod render;
mod source;
mod suggest;

pub use diagnostic::{Diagnostic, Kind, Label, Severity, Subject, SubjectType};
pub use fingerprint::{Fingerprinter, fingerprint};
pub use limits::Limits;
pub use render::{Position, Range, ResolvedDiagnostic, ResolvedLabel, render_concise, render_full, resolve_all};
pub use source::{FileId, LineCol, SourceFile, Sources, Span};
pub use suggest::did_you_mean;
