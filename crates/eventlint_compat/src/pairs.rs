//! The JSONL batch form (avro-compat §7.4, CLI spec §2.2): one `{"reader", "writer", "id"?}` line in, one answer line
//! out. It is the exchange format of the conformance oracles, so it is the unit the conformance tests drive.

use eventlint_avro::SchemaSet;
use eventlint_diagnostics::{FileId, Limits};
use eventlint_json::JsonValue;
use serde_json::{Map, Value, json};

use crate::check::{CheckError, Checker, Compatibility, Schema};

/// Why a line got no verdict; printed as `{"error": "<kind>: <text>"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairError {
    InvalidJson(String),
    InvalidSchema(String),
    Unresolvable(String),
}

impl std::fmt::Display for PairError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairError::InvalidJson(text) => write!(formatter, "invalid-json: {text}"),
            PairError::InvalidSchema(text) => write!(formatter, "invalid-schema: {text}"),
            PairError::Unresolvable(text) => write!(formatter, "unresolvable: {text}"),
        }
    }
}

/// Answers one batch line: the output line (without its newline). The input `id`, if any, is echoed first.
pub fn check_pair_line(checker: &mut Checker, line: &str) -> String {
    let (id, answer) = answer_line(checker, line);
    answer_json(id, &answer).to_string()
}

/// The output object of a batch line: `id` (when given), then the verdict or the error.
pub fn answer_json(id: Option<Value>, answer: &Result<Compatibility, PairError>) -> Value {
    let mut output = Map::new();
    if let Some(id) = id {
        output.insert("id".to_owned(), id);
    }
    match answer {
        Ok(compatibility) => {
            output.insert("compatible".to_owned(), Value::Bool(compatibility.is_compatible()));
            output.insert("incompatibilities".to_owned(), incompatibilities_json(compatibility));
        }
        Err(error) => {
            output.insert("error".to_owned(), Value::String(error.to_string()));
        }
    }
    Value::Object(output)
}

/// The `incompatibilities` array of the batch and `--format json` outputs.
pub fn incompatibilities_json(compatibility: &Compatibility) -> Value {
    compatibility
        .incompatibilities
        .iter()
        .map(|incompatibility| {
            json!({
                "type": incompatibility.kind.java_name(),
                "location": incompatibility.location,
                "message": incompatibility.message,
                "java_location": incompatibility.java_location,
            })
        })
        .collect()
}

/// Parses and checks one line: the echoed `id` and the verdict or the reason there is none.
pub fn answer_line(checker: &mut Checker, line: &str) -> (Option<Value>, Result<Compatibility, PairError>) {
    let file = FileId(0);
    let (value, diagnostics) = eventlint_json::parse(file, line, &Limits::default());
    let value = match (value, diagnostics.first()) {
        (Some(value), None) => value,
        (_, Some(diagnostic)) => return (None, Err(PairError::InvalidJson(diagnostic.message.clone()))),
        (None, None) => return (None, Err(PairError::InvalidJson("not a JSON value".to_owned()))),
    };
    if value.as_object().is_none() {
        return (None, Err(PairError::InvalidJson("a line must be a JSON object".to_owned())));
    }
    let id = value.get("id").map(|id| json_to_serde(line, id));
    let answer = match (value.get("reader"), value.get("writer")) {
        (Some(reader), Some(writer)) => check_values(checker, file, reader, writer),
        _ => Err(PairError::InvalidJson("a line needs both `reader` and `writer`".to_owned())),
    };
    (id, answer)
}

/// Builds each side as its own schema set and checks the pair.
fn check_values(
    checker: &mut Checker,
    file: FileId,
    reader: &JsonValue,
    writer: &JsonValue,
) -> Result<Compatibility, PairError> {
    let (reader_set, reader_errors) = SchemaSet::build(&[(file, reader)]);
    let (writer_set, writer_errors) = SchemaSet::build(&[(file, writer)]);
    for (side, errors) in [("reader", reader_errors), ("writer", writer_errors)] {
        if let Some(error) = errors.first() {
            return Err(PairError::InvalidSchema(format!("{side}: {}", error.message)));
        }
    }
    let (Some(reader_root), Some(writer_root)) = (reader_set.root(file), writer_set.root(file)) else {
        return Err(PairError::InvalidSchema("no schema".to_owned()));
    };
    let reader = Schema { set: &reader_set, root: reader_root };
    let writer = Schema { set: &writer_set, root: writer_root };
    checker.check(reader, writer).map_err(|error| match error {
        CheckError::AmbiguousFieldAlias { message, .. } => PairError::Unresolvable(message),
        CheckError::TooDeep => PairError::Unresolvable(error.to_string()),
    })
}

/// The value as `serde_json` sees it, re-read from its source text (it is valid JSON, having just been parsed).
fn json_to_serde(line: &str, value: &JsonValue) -> Value {
    line.get(value.span.start as usize..value.span.end as usize)
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or(Value::Null)
}
