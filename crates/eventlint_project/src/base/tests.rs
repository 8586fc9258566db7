//! The `--against` base as `incompatible-change` sees it: which earlier versions are compared, and which add nothing.

use eventlint_diagnostics::{Limits, render_concise, resolve_all};

use crate::{BaseInputs, InputFile, ProjectOptions, compat_findings, load_project_with_base};

/// A catalog with `OrderPlaced` on a topic at `level`; `extra` goes into the message's mapping.
fn catalog(level: &str, extra: &str) -> String {
    format!(
        "eventlint: 1\ntopics:\n  orders: {{partitions: 3, key: orderId, compatibility: {level}}}\n  orders.v2: {{partitions: 3}}\n\
         messages:\n  OrderPlaced: {{version: 2.0.0, topic: orders, schema: schemas/order.avsc{extra}}}\n"
    )
}

/// An `OrderPlaced` record with these fields (JSON, comma-separated).
fn order(fields: &str) -> String {
    format!(r#"{{"type": "record", "name": "OrderPlaced", "namespace": "shop", "fields": [{fields}]}}"#)
}

const ID: &str = r#"{"name": "orderId", "type": "string"}"#;
const TOTAL: &str = r#"{"name": "total", "type": "long"}"#;
const TOTAL_DEFAULT: &str = r#"{"name": "total", "type": "long", "default": 0}"#;

fn inputs(files: &[(&str, &str)]) -> Vec<InputFile> {
    files
        .iter()
        .map(|(path, text)| InputFile { path: (*path).to_owned(), contents: Ok(text.as_bytes().to_vec()) })
        .collect()
}

/// `now` against the base `HEAD` holding `base`: each `incompatible-change` finding with its labels (the other
/// compat rules have their own tests), then the
/// base's load errors and the messages they keep out of the comparison.
fn check(now: &[(&str, &str)], base: &[(&str, &str)], expect: &str) {
    let base =
        BaseInputs { label: "HEAD".to_owned(), prefix: "HEAD:".to_owned(), files: inputs(base), read_extra: &|_| None };
    let options = ProjectOptions { limits: Limits::default() };
    let (project, errors) = load_project_with_base(inputs(now), &|_| None, Some(base), &options);
    let mut actual = String::new();
    for error in resolve_all(&project.sources, &errors, false) {
        actual.push_str(&format!("{}\n", render_concise(&error)));
    }
    let findings = compat_findings(&project, false);
    let incompatible: Vec<_> = findings.into_iter().filter(|finding| finding.code == "incompatible-change").collect();
    for finding in resolve_all(&project.sources, &incompatible, false) {
        actual.push_str(&format!("{}\n", render_concise(&finding)));
        for label in &finding.labels {
            let (line, column) = (label.range.start.line, label.range.start.column);
            actual.push_str(&format!("  {}:{line}:{column}: {}\n", label.file, label.message.as_deref().unwrap_or("")));
        }
    }
    if let Some(base) = &project.base {
        for error in resolve_all(&project.sources, &base.diagnostics, false) {
            actual.push_str(&format!("base {}\n", render_concise(&error)));
        }
        for name in &base.skipped {
            actual.push_str(&format!("not compared: {name}\n"));
        }
    }
    let expect: String = expect.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let actual: String = actual.lines().map(|l| format!("{}\n", l.trim())).collect();
    assert_eq!(actual, expect);
}

#[test]
fn a_break_against_the_base_points_into_the_base_file() {
    check(
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}")))],
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(ID))],
        "
        schemas/order.avsc:1:123: error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 2.0.0 (HEAD:schemas/order.avsc) data: field `total` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `orders` is BACKWARD
        HEAD:schemas/order.avsc:1:28: OrderPlaced 2.0.0 (base)
        ",
    );
}

#[test]
fn messages_match_by_name_so_a_moved_file_still_compares() {
    let moved = catalog("BACKWARD", "").replace("schemas/order.avsc", "events/placed.avsc");
    check(
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}")))],
        &[("catalogs/c.yaml", &moved.replace("events/", "../events/")), ("events/placed.avsc", &order(ID))],
        "
        schemas/order.avsc:1:123: error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 2.0.0 (HEAD:events/placed.avsc) data: field `total` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `orders` is BACKWARD
        HEAD:events/placed.avsc:1:28: OrderPlaced 2.0.0 (base)
        ",
    );
}

#[test]
fn a_compatible_change_is_quiet() {
    check(
        &[("c.yaml", &catalog("FULL", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL_DEFAULT}")))],
        &[("c.yaml", &catalog("FULL", "")), ("schemas/order.avsc", &order(ID))],
        "",
    );
}

#[test]
fn a_message_new_since_the_base_has_nothing_to_compare() {
    check(
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}")))],
        &[("c.yaml", "eventlint: 1\nmessages: {}\n")],
        "",
    );
}

#[test]
fn a_base_version_on_another_topic_is_not_compared() {
    let before = catalog("BACKWARD", "").replace("topic: orders,", "topic: orders.v2,");
    check(
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}")))],
        &[("c.yaml", &before), ("schemas/order.avsc", &order(ID))],
        "",
    );
}

/// History 1.0.0 lacks `total`; the base and the current schema are the same but for layout and key order. The
/// base adds nothing, so BACKWARD compares with 1.0.0, exactly as a run without `--against` does.
#[test]
fn a_base_equal_to_the_current_schema_adds_nothing() {
    let history = ", history: [{version: 1.0.0, schema: schemas/order-1.0.0.avsc}]";
    let reordered = format!(
        "{{\n  \"fields\": [{ID}, {{\"type\": \"long\", \"name\": \"total\"}}],\n  \"namespace\": \"shop\", \"name\": \"OrderPlaced\",\n  \"type\": \"record\"\n}}"
    );
    check(
        &[
            ("c.yaml", &catalog("BACKWARD", history)),
            ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}"))),
            ("schemas/order-1.0.0.avsc", &order(ID)),
        ],
        &[
            ("c.yaml", &catalog("BACKWARD", history)),
            ("schemas/order.avsc", &reordered),
            ("schemas/order-1.0.0.avsc", &order(ID)),
        ],
        "
        schemas/order.avsc:1:123: error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/order-1.0.0.avsc) data: field `total` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `orders` is BACKWARD
        schemas/order-1.0.0.avsc:1:28: OrderPlaced 1.0.0 (history)
        ",
    );
}

/// Parsing Canonical Form drops defaults, so it would call the base equal to the current schema and compare with
/// 1.0.0; compared as written, the base keeps its default and is the latest version, which the change can read.
#[test]
fn versions_compare_as_written_not_by_canonical_form() {
    let history = ", history: [{version: 1.0.0, schema: schemas/order-1.0.0.avsc}]";
    check(
        &[
            ("c.yaml", &catalog("BACKWARD", history)),
            ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}"))),
            ("schemas/order-1.0.0.avsc", &order(ID)),
        ],
        &[
            ("c.yaml", &catalog("BACKWARD", history)),
            ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL_DEFAULT}"))),
            ("schemas/order-1.0.0.avsc", &order(ID)),
        ],
        "",
    );
}

/// The message's own file is unchanged; the shared record it references in another file broke.
#[test]
fn a_break_in_a_shared_type_in_another_file_is_seen() {
    let with_money = order(&format!(r#"{ID}, {{"name": "total", "type": "shop.Money"}}"#));
    let money =
        |fields: &str| format!(r#"{{"type": "record", "name": "Money", "namespace": "shop", "fields": [{fields}]}}"#);
    let units = r#"{"name": "units", "type": "long"}"#;
    let currency = r#"{"name": "currency", "type": "string"}"#;
    check(
        &[
            ("c.yaml", &catalog("BACKWARD", "")),
            ("schemas/money.avsc", &money(&format!("{units}, {currency}"))),
            ("schemas/order.avsc", &with_money),
        ],
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/money.avsc", &money(units)), ("schemas/order.avsc", &with_money)],
        "
        schemas/money.avsc:1:113: error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 2.0.0 (HEAD:schemas/order.avsc) data: field `currency` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1/type/fields/1), but `orders` is BACKWARD
        HEAD:schemas/money.avsc:1:28: OrderPlaced 2.0.0 (base)
        ",
    );
}

/// 1.1.0 repeats 1.0.0, so it adds nothing: the transitive check names 1.0.0, the version that introduced the schema.
#[test]
fn a_history_version_equal_to_its_predecessor_is_dropped() {
    let history = ", history: [{version: 1.0.0, schema: h/1.0.0.avsc}, {version: 1.1.0, schema: h/1.1.0.avsc}]";
    check(
        &[
            ("c.yaml", &catalog("BACKWARD_TRANSITIVE", history)),
            ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}"))),
            ("h/1.0.0.avsc", &order(ID)),
            ("h/1.1.0.avsc", &format!(" {} ", order(ID))),
        ],
        &[],
        "
        schemas/order.avsc:1:123: error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (h/1.0.0.avsc) data: field `total` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `orders` is BACKWARD_TRANSITIVE
        h/1.0.0.avsc:1:28: OrderPlaced 1.0.0 (history)
        ",
    );
}

/// The base was committed with a broken schema: its error is reported apart, and the message is not compared.
#[test]
fn a_base_that_does_not_load_is_not_compared() {
    check(
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", &order(&format!("{ID}, {TOTAL}")))],
        &[("c.yaml", &catalog("BACKWARD", "")), ("schemas/order.avsc", "{\"type\": \"record\",")],
        "
        base HEAD:schemas/order.avsc:1:1: error[load/json-syntax] unterminated object
        not compared: OrderPlaced
        ",
    );
}
