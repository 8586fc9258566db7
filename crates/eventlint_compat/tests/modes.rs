//! Schema Registry modes (avro-compat §4.1): directions, FULL's order, transitive order and stopping, NONE, empty
//! history, and Java exceptions counted as incompatible. Fixtures are small records written for these tests.

mod support;

use eventlint_compat::{Direction, Mode, check_mode};
use support::Sets;

/// Runs `mode` for `new` against `previous` (oldest first) and renders the checks made, one per line:
/// `DIRECTION vVERSION: TYPE location message; …` or `… ok` (or `… error`).
fn check(mode: Mode, new: &str, previous: &[&str], expect: &str) {
    let mut sets = Sets::default();
    let new_index = sets.add(&[new]);
    let previous_indices: Vec<usize> = previous.iter().map(|text| sets.add(&[text])).collect();
    let previous_schemas: Vec<_> = previous_indices.iter().map(|&index| sets.schema(index)).collect();
    let result = check_mode(mode, sets.schema(new_index), &previous_schemas);
    let lines: Vec<String> = result
        .checks
        .iter()
        .map(|check| {
            let direction = match check.direction {
                Direction::Backward => "backward",
                Direction::Forward => "forward",
            };
            let outcome = match &check.result {
                Ok(result) if result.is_compatible() => "ok".to_owned(),
                Ok(result) => result
                    .incompatibilities
                    .iter()
                    .map(|found| format!("{} {} {}", found.kind.java_name(), found.location, found.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                Err(_) => "error".to_owned(),
            };
            format!("{direction} v{}: {outcome}", check.version)
        })
        .collect();
    let expect: Vec<&str> = expect.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    assert_eq!(lines, expect, "{}", mode.name());
    let all_ok = result.checks.iter().all(|check| check.is_compatible());
    assert_eq!(result.is_compatible(), all_ok);
}

const A_INT: &str = r#"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}"#;
const A_STRING: &str = r#"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "string"}]}"#;
const WITH_B_DEFAULT: &str = r#"{"type": "record", "name": "R", "fields": [
    {"name": "a", "type": "int"}, {"name": "b", "type": "string", "default": ""}]}"#;
const WITH_B: &str = r#"{"type": "record", "name": "R", "fields": [
    {"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}"#;
const LONG_WITH_B: &str = r#"{"type": "record", "name": "R", "fields": [
    {"name": "a", "type": "long"}, {"name": "b", "type": "string"}]}"#;

#[test]
fn backward_reads_the_latest_with_the_new_schema() {
    check(Mode::Backward, WITH_B_DEFAULT, &[A_INT], "backward v0: ok");
    check(Mode::Backward, WITH_B, &[A_INT], "backward v0: READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 b");
    check(Mode::Backward, WITH_B, &[A_INT, WITH_B_DEFAULT], "backward v1: ok");
}

#[test]
fn forward_reads_the_new_schema_with_the_latest() {
    check(Mode::Forward, WITH_B, &[A_INT], "forward v0: ok");
    check(Mode::Forward, A_INT, &[WITH_B], "forward v0: READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 b");
}

#[test]
fn full_lists_forward_incompatibilities_first() {
    check(
        Mode::Full,
        LONG_WITH_B,
        &[A_INT],
        "forward v0: TYPE_MISMATCH /fields/0/type reader type: INT not compatible with writer type: LONG
         backward v0: READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 b",
    );
    check(Mode::Full, WITH_B_DEFAULT, &[A_INT], "forward v0: ok\nbackward v0: ok");
}

#[test]
fn non_transitive_modes_ignore_older_versions() {
    check(Mode::Backward, A_INT, &[A_STRING, A_INT], "backward v1: ok");
    check(Mode::Forward, A_INT, &[A_STRING, A_INT], "forward v1: ok");
    check(Mode::Full, A_INT, &[A_STRING, A_INT], "forward v1: ok\nbackward v1: ok");
}

#[test]
fn transitive_modes_go_newest_first_and_stop_at_the_first_failing_version() {
    check(
        Mode::BackwardTransitive,
        WITH_B,
        &[A_STRING, A_INT, WITH_B_DEFAULT],
        "backward v2: ok
         backward v1: READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 b",
    );
    check(
        Mode::ForwardTransitive,
        A_INT,
        &[A_STRING, WITH_B_DEFAULT],
        "forward v1: ok
         forward v0: TYPE_MISMATCH /fields/0/type reader type: STRING not compatible with writer type: INT",
    );
    check(
        Mode::FullTransitive,
        WITH_B_DEFAULT,
        &[A_STRING, A_INT],
        "forward v1: ok
         backward v1: ok
         forward v0: TYPE_MISMATCH /fields/0/type reader type: STRING not compatible with writer type: INT
         backward v0: TYPE_MISMATCH /fields/0/type reader type: INT not compatible with writer type: STRING",
    );
}

#[test]
fn none_checks_nothing_and_empty_history_passes_every_mode() {
    check(Mode::None, A_STRING, &[A_INT], "");
    for mode in Mode::ALL {
        check(mode, A_STRING, &[], "");
    }
}

#[test]
fn a_java_exception_makes_the_mode_incompatible() {
    let ambiguous = r#"{"type": "record", "name": "R", "fields": [{"name": "a", "aliases": ["b"], "type": "int"}]}"#;
    let two_fields = r#"{"type": "record", "name": "R", "fields": [
        {"name": "a", "type": "int"}, {"name": "b", "type": "int"}]}"#;
    check(Mode::Backward, ambiguous, &[two_fields], "backward v0: error");
    check(Mode::Forward, two_fields, &[ambiguous], "forward v0: error");
}

#[test]
fn mode_names_round_trip() {
    for mode in Mode::ALL {
        assert_eq!(Mode::parse(mode.name()), Some(mode));
    }
    assert_eq!(Mode::parse("backward"), None);
}
