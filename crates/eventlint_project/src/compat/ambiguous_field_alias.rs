//! `ambiguous-field-alias`: a reader field's name and aliases match several writer fields, so Java throws instead of
//! answering and the registry rejects the schema.

use eventlint_avro::NodeId;
use eventlint_compat::Direction;
use eventlint_diagnostics::{Diagnostic, Severity};

use super::{Located, Pair};

const RULE: &str = "ambiguous-field-alias";

/// What Java's check threw on: reader field `reader_field` of `reader_record` matches `writer_fields`.
pub(crate) struct Ambiguity<'a> {
    pub(crate) reader_record: NodeId,
    pub(crate) reader_field: usize,
    pub(crate) writer_record: NodeId,
    pub(crate) writer_fields: &'a [usize],
}

pub(crate) fn finding(pair: &Pair, direction: Direction, ambiguity: &Ambiguity) -> Option<Diagnostic> {
    // The new schema reads going backward and is read going forward.
    let (reader_set, writer_set) = match direction {
        Direction::Backward => (pair.new.set, pair.old.schema.set),
        Direction::Forward => (pair.old.schema.set, pair.new.set),
    };
    let reader = reader_set.node(ambiguity.reader_record).as_record()?.fields.get(ambiguity.reader_field)?;
    let writer_record = writer_set.node(ambiguity.writer_record).as_record()?;
    let writers: Vec<_> = ambiguity.writer_fields.iter().filter_map(|&i| writer_record.fields.get(i)).collect();
    let names: Vec<String> = writers.iter().map(|field| format!("`{}`", field.name.value)).collect();
    // The reader's first alias that names a writer field, else its name (matched by the name itself).
    let alias_span = reader
        .aliases
        .iter()
        .find(|alias| writers.iter().any(|field| field.name.value == alias.value))
        .map_or(reader.name.span, |alias| alias.span);
    let text = format!(
        "field `{}` matches {} writer fields, {}, between `{}` {} and {}",
        reader.name.value,
        writers.len(),
        names.join(" and "),
        pair.name,
        pair.new_version(),
        pair.old.describe()
    );
    let (span, path, old_span) = match direction {
        Direction::Backward => (
            alias_span,
            reader_set.field_path(ambiguity.reader_record, ambiguity.reader_field),
            writers.first().map(|f| f.name.span),
        ),
        Direction::Forward => {
            let first = ambiguity.writer_fields.first().copied().unwrap_or_default();
            let span = writers.first().map_or(alias_span, |field| field.name.span);
            (span, writer_set.field_path(ambiguity.writer_record, first), Some(alias_span))
        }
    };
    let mut diagnostic = pair
        .finding(RULE, Severity::Error, text, Located { span, path, old_span })
        .with_help("keep one alias per writer field");
    if direction == Direction::Forward {
        for field in writers.iter().skip(1) {
            diagnostic = diagnostic.with_label(field.name.span, "also matches");
        }
    }
    Some(diagnostic)
}
