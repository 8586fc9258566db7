//! `incompatible-change`: an incompatibility Java's `SchemaCompatibility` finds in a direction the topic's Schema
//! Registry level checks, one finding each, located on the new schema.

use eventlint_compat::{CheckError, Direction, Incompatibility, Side};
use eventlint_diagnostics::{Diagnostic, Severity};

use super::{Located, Pair};

const RULE: &str = "incompatible-change";

fn headline(pair: &Pair, direction: Direction) -> String {
    let (name, new, old) = (pair.name, pair.new_version(), pair.old.describe());
    match direction {
        Direction::Backward => format!("`{name}` {new} cannot read {old} data"),
        Direction::Forward => format!("`{name}` {old} consumers cannot read {new} data"),
    }
}

/// The finding for one incompatibility of a check in `direction` under `level` on `topic`.
pub(crate) fn finding(
    pair: &Pair,
    topic: &str,
    level: &str,
    direction: Direction,
    incompatibility: &Incompatibility,
) -> Diagnostic {
    // The new schema is the reader going backward and the writer going forward.
    let new_side = match direction {
        Direction::Backward => Side::Reader,
        Direction::Forward => Side::Writer,
    };
    let (span, old_span) = incompatibility.spans(new_side);
    let path = incompatibility.logical_path(pair.new.set, new_side);
    let text = format!("{}: {}, but `{topic}` is {level}", headline(pair, direction), incompatibility.describe());
    let mut diagnostic = incompatibility.with_java_facts(
        pair.finding(RULE, Severity::Error, text, Located { span, path, old_span: Some(old_span) })
            .with_help(incompatibility.help()),
    );
    if let Some(note) = major_note(pair) {
        diagnostic = diagnostic.with_note(note);
    }
    diagnostic
}

/// The check gives no answer (the schemas nest too deep); the registry counts that as incompatible.
pub(crate) fn unanswered(pair: &Pair, error: &CheckError) -> Diagnostic {
    let message = pair.message;
    let span = message.schema.as_ref().map_or(message.decl.name_span, |s| s.span);
    let text = format!("`{}` cannot be compared with {}: {error}", pair.name, pair.old.describe());
    pair.finding(
        RULE,
        Severity::Error,
        text,
        Located { span, path: format!("{}/schema", message.decl.path), old_span: None },
    )
    .with_help(error.help())
}

/// Semantic versioning says a break needs a new major version.
fn major_note(pair: &Pair) -> Option<String> {
    let new = pair.message.version.as_ref()?;
    let old: eventlint_catalog::Version = pair.old.version.as_deref()?.parse().ok()?;
    (new.value.major == old.major).then(|| {
        format!("{} is not a major version after {}: a breaking change needs a new major version", new.value, old)
    })
}
