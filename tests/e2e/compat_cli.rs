//! End-to-end tests of `eventlint compat` (CLI spec §2.2): the pair, mode and batch forms, their JSON and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn eventlint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run eventlint");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("eventlint ends")
}

const SCHEMAS: &str = "examples/payments/schemas";

#[test]
fn one_pair_in_json_reports_the_missing_default_and_exits_1() {
    let reader = format!("{SCHEMAS}/PaymentAuthorized.avsc");
    let writer = format!("{SCHEMAS}/history/PaymentAuthorized-2.0.0.avsc");
    let money = format!("{SCHEMAS}/Money.avsc");
    let output =
        eventlint(&["compat", "--reader", &reader, "--writer", &writer, "--import", &money, "--format", "json"], "");
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        r#"{"compatible":false,"incompatibilities":[{"type":"READER_FIELD_MISSING_DEFAULT_VALUE","location":"/fields/6","message":"riskScore","java_location":"/fields/6"}]}"#
    );
    let swapped = eventlint(&["compat", "--reader", &writer, "--writer", &reader, "--import", &money], "");
    assert_eq!(swapped.status.code(), Some(0));
    let unresolved = eventlint(&["compat", "--reader", &reader, "--writer", &writer], "");
    assert_eq!(unresolved.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unresolved.stderr).contains("`com.example.payments.Money` is not a defined type"));
}

#[test]
fn a_mode_lists_its_checks_forward_first() {
    let new = format!("{SCHEMAS}/PaymentAuthorized.avsc");
    let old = format!("{SCHEMAS}/history/PaymentAuthorized-2.0.0.avsc");
    let money = format!("{SCHEMAS}/Money.avsc");
    let output = eventlint(
        &["compat", "--mode", "FULL", "--new", &new, "--previous", &old, "--import", &money, "--format", "json"],
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["mode"], "FULL");
    assert_eq!(report["compatible"], false);
    let checks: Vec<(bool, &str)> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|check| (check["compatible"].as_bool().expect("verdict"), check["reader"].as_str().expect("reader")))
        .collect();
    assert_eq!(checks, [(true, old.as_str()), (false, new.as_str())]);
}

#[test]
fn the_batch_answers_every_line_in_order_and_exits_2_on_an_unanswerable_one() {
    let input = r#"{"id": "a", "reader": "long", "writer": "int"}

{"id": "b", "reader": "null", "writer": "int"}
{"id": "c", "reader": "int", "writer": "Nope"}
"#;
    let output = eventlint(&["compat", "--pairs", "-"], input);
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], serde_json::json!({"id": "a", "compatible": true, "incompatibilities": []}));
    assert_eq!(lines[1]["compatible"], false);
    assert_eq!(
        lines[2],
        serde_json::json!({"id": "c", "error": "invalid-schema: writer: `Nope` is not a defined type"})
    );
    let fine = eventlint(&["compat", "--pairs", "-"], "{\"reader\": \"int\", \"writer\": \"long\"}\n");
    assert_eq!(fine.status.code(), Some(0), "incompatibility is data in the batch form");
}
