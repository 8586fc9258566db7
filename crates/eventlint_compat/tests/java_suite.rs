//! External parity check against Java: every pair of the shared Java corpus (`shared/conformance/java_suite.jsonl`,
//! avro-compat §7.1) must give Java's verdict, types, messages and locations, in order.
//!
//! The corpus is read at test time from `EVENTLINT_CONFORMANCE_DIR` or `../shared/conformance/` beside the repository
//! and is never copied into the project. Without it the test prints a visible skip note; with `CI=true` it fails.

use std::path::PathBuf;

use eventlint_compat::{Checker, answer_line};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    std::env::var_os("EVENTLINT_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance"))
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().into_iter().flatten().filter_map(|item| item.as_str().map(str::to_owned)).collect()
}

#[test]
fn reproduces_every_pair_of_the_java_suite() {
    let path = corpus_dir().join("java_suite.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Java conformance corpus not found at {}",
            path.display()
        );
        eprintln!("skipped: Java conformance corpus not found at {}", path.display());
        return;
    };
    let mut checker = Checker::new();
    let mut failures = Vec::new();
    let mut total = 0;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        total += 1;
        let input: Value = serde_json::from_str(line).expect("corpus line is JSON");
        let id = input["id"].as_str().unwrap_or("?").to_owned();
        let expected = &input["expected"];
        let (_, answer) = answer_line(&mut checker, line);
        let result = match answer {
            Ok(result) => result,
            Err(error) => {
                failures.push(format!("{id}: no answer: {error}"));
                continue;
            }
        };
        let got_types: Vec<String> =
            result.incompatibilities.iter().map(|found| found.kind.java_name().to_owned()).collect();
        let got_messages: Vec<String> = result.incompatibilities.iter().map(|found| found.message.clone()).collect();
        let got_java: Vec<String> = result.incompatibilities.iter().map(|found| found.java_location.clone()).collect();
        let got_corrected: Vec<String> = result.incompatibilities.iter().map(|found| found.location.clone()).collect();
        let want_types = strings(&expected["types"]);
        let want_messages = strings(&expected["messages"]);
        let want_locations = strings(&expected["locations"]);
        let mut problems = Vec::new();
        if Some(result.is_compatible()) != expected["compatible"].as_bool() {
            problems.push(format!("verdict {} != {}", result.is_compatible(), expected["compatible"]));
        }
        for (what, got, want) in [
            ("types", &got_types, &want_types),
            ("messages", &got_messages, &want_messages),
            ("java_locations", &got_java, &want_locations),
            ("locations", &got_corrected, &want_locations),
        ] {
            if got != want {
                problems.push(format!("{what}: got {got:?}, want {want:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{id}: {}", problems.join("; ")));
        }
    }
    eprintln!("Java suite: {}/{total} pairs identical", total - failures.len());
    assert_eq!(total, 135, "the corpus should hold 135 pairs");
    assert!(failures.is_empty(), "{} of {total} pairs differ:\n{}", failures.len(), failures.join("\n"));
}
