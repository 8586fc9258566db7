//! Differential test against Python `avro` 1.12.2 (avro-compat §7.2): a seeded generator makes thousands of random
//! schemas and random evolutions of them (fields added or removed with or without defaults, promotions and other type
//! changes, renames with and without aliases, enum symbols and defaults, union branches, named types renamed, fixed
//! sizes, nested records, references and recursion, logical annotations), and eventlint must give Python's verdict
//! and incompatibility types on every pair.
//!
//! Excluded by construction, as the spec says: relative aliases (aliases are written as full names) and ambiguous
//! field aliases (renames use fresh names). The oracle is `tests/python_oracle.py`, run with `EVENTLINT_PYTHON`, the
//! `.cache/venv` that `scripts/setup` installs it into, or `python3`; without Python `avro` the test prints a skip
//! note, and with `CI=true` it fails.

mod generate;

use std::io::Write;
use std::process::{Command, Stdio};

use eventlint_compat::{Checker, answer_line};
use generate::Generator;
use serde_json::{Value, json};

const PAIRS: usize = 4000;
const SEED: u64 = 0x5eed_2026_0001;

/// Generates the corpus: JSONL lines with an `id`, reader and writer.
fn corpus() -> Vec<String> {
    let mut generator = Generator::new(SEED);
    let mut lines = Vec::with_capacity(PAIRS);
    for id in 0..PAIRS {
        let base = generator.schema();
        let mut evolved = base.clone();
        let mutations = 1 + generator.rng.below(3);
        for _ in 0..mutations {
            generator.mutate(&mut evolved);
        }
        let (reader, writer) = if generator.rng.chance(50) { (evolved, base) } else { (base, evolved) };
        lines.push(json!({"id": id, "reader": reader, "writer": writer}).to_string());
    }
    lines
}

/// The interpreter with Python `avro`: `EVENTLINT_PYTHON`, else the virtualenv `scripts/setup` makes, else `python3`.
fn python() -> String {
    let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/../../.cache/venv/bin/python3");
    std::env::var("EVENTLINT_PYTHON")
        .unwrap_or_else(|_| if std::path::Path::new(venv).exists() { venv.to_owned() } else { "python3".to_owned() })
}

fn run_python(input: &str) -> Option<Vec<Value>> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python_oracle.py");
    let python = python();
    let probe = Command::new(&python).args(["-c", "import avro.compatibility"]).output();
    if !probe.is_ok_and(|output| output.status.success()) {
        return None;
    }
    let mut child =
        Command::new(&python).arg(script).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python3 starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("python oracle runs");
    writer.join().expect("writer thread").expect("input written");
    assert!(output.status.success(), "python oracle failed");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    Some(text.lines().map(|line| serde_json::from_str(line).expect("oracle prints JSON")).collect())
}

#[test]
fn agrees_with_python_avro_on_a_random_corpus() {
    let lines = corpus();
    let Some(oracle) = run_python(&(lines.join("\n") + "\n")) else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "Python `avro` is required in CI: run scripts/setup");
        eprintln!("skipped: Python `avro` not installed (pip install avro==1.12.2)");
        return;
    };
    assert_eq!(oracle.len(), lines.len());
    let mut checker = Checker::new();
    let mut differences = Vec::new();
    let (mut compatible, mut incompatible, mut both_rejected) = (0, 0, 0);
    let mut kinds = std::collections::BTreeMap::new();
    for (line, expected) in lines.iter().zip(&oracle) {
        let (_, answer) = answer_line(&mut checker, line);
        let ours = match answer {
            Ok(result) => {
                let types: Vec<&str> = result.incompatibilities.iter().map(|found| found.kind.java_name()).collect();
                json!({"compatible": result.is_compatible(), "types": types})
            }
            Err(error) => json!({"error": error.to_string()}),
        };
        let theirs = match expected.get("error") {
            Some(_) if ours.get("error").is_some() => {
                both_rejected += 1;
                continue;
            }
            Some(error) => json!({"error": error}),
            None => json!({"compatible": expected["compatible"], "types": expected["types"]}),
        };
        for kind in ours["types"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            *kinds.entry(kind.to_owned()).or_insert(0usize) += 1;
        }
        match ours["compatible"].as_bool() {
            Some(true) => compatible += 1,
            Some(false) => incompatible += 1,
            None => {}
        }
        if ours != theirs {
            differences.push(format!("{line}\n  eventlint: {ours}\n  python:    {theirs}"));
        }
    }
    eprintln!(
        "differential: {} pairs ({compatible} compatible, {incompatible} incompatible, {both_rejected} rejected by \
         both), {} differences",
        lines.len(),
        differences.len()
    );
    eprintln!("differential: incompatibility types seen: {kinds:?}");
    assert_eq!(kinds.len(), 6, "the corpus should produce all six incompatibility types");
    assert!(both_rejected < PAIRS / 100, "the generator should make valid schemas");
    assert!(compatible > PAIRS / 5 && incompatible > PAIRS / 5, "the corpus should mix safe and breaking changes");
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences[..differences.len().min(10)].join("\n")
    );
}
