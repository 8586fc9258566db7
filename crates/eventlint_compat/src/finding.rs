//! One incompatibility as an `incompatible-change` finding: the wording, the fix, the location and Java's facts that
//! `eventlint check` (a message against its earlier versions) and `eventlint compat` (files named on the command
//! line) share.

use eventlint_avro::SchemaSet;
use eventlint_diagnostics::{Diagnostic, Span};

use crate::{CheckError, Incompatibility, IncompatibilityType};

/// Which schema of a check a finding is located on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Reader,
    Writer,
}

impl Incompatibility {
    /// What breaks, in words: `field `riskScore` has no default`, else Java's message.
    pub fn detail(&self) -> String {
        match self.kind {
            IncompatibilityType::ReaderFieldMissingDefaultValue => format!("field `{}` has no default", self.message),
            _ => self.message.clone(),
        }
    }

    /// The detail with Java's type and the location: `field `riskScore` has no default
    /// (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/6)`.
    pub fn describe(&self) -> String {
        format!("{} ({} at {})", self.detail(), self.kind.java_name(), self.location)
    }

    /// The fix, in the imperative.
    pub fn help(&self) -> String {
        match self.kind {
            IncompatibilityType::ReaderFieldMissingDefaultValue => format!(
                "give `{}` a default, or publish the breaking version as a new message on a new topic",
                self.message
            ),
            _ => "make the change compatible (defaults, aliases on the reader, promotions), or publish the breaking \
                  version as a new message on a new topic"
                .to_owned(),
        }
    }

    /// The span to label on `side`, then the other side's.
    pub fn spans(&self, side: Side) -> (Span, Span) {
        match side {
            Side::Reader => (self.reader_span, self.writer_span),
            Side::Writer => (self.writer_span, self.reader_span),
        }
    }

    /// The logical path of the node on `side`, which `set` holds; a missing field's name is appended.
    pub fn logical_path(&self, set: &SchemaSet, side: Side) -> String {
        let node = match side {
            Side::Reader => self.reader,
            Side::Writer => self.writer,
        };
        let mut path = set.path(node);
        if self.kind == IncompatibilityType::ReaderFieldMissingDefaultValue {
            path.push_str(&format!("/fields/{}", self.message));
        }
        path
    }

    /// `diagnostic` with Java's triple as data (CLI spec §5.1): `java_type`, `java_location`, `java_message`.
    pub fn with_java_facts(&self, diagnostic: Diagnostic) -> Diagnostic {
        diagnostic
            .with_data("java_type", self.kind.java_name())
            .with_data("java_location", self.java_location.clone())
            .with_data("java_message", self.message.clone())
    }

    /// An `incompatible-change` error saying `message`, located on `side` (whose schema set is `set`) with the other
    /// side as a secondary label, with the fix, the logical path and Java's facts.
    pub fn to_diagnostic(&self, message: String, side: Side, set: &SchemaSet, labels: [String; 2]) -> Diagnostic {
        let (primary, secondary) = self.spans(side);
        let [primary_label, secondary_label] = labels;
        self.with_java_facts(
            Diagnostic::error("incompatible-change", message)
                .with_primary(primary, primary_label)
                .with_label(secondary, secondary_label)
                .with_help(self.help())
                .with_path(self.logical_path(set, side)),
        )
    }
}

impl CheckError {
    /// The fix, in the imperative.
    pub fn help(&self) -> &'static str {
        match self {
            CheckError::AmbiguousFieldAlias { .. } => "give each reader field alias exactly one writer field to match",
            CheckError::TooDeep => "flatten the schema's nesting so the check can answer",
        }
    }
}
