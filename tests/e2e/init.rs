//! End to end: `eventlint init` writes a project that passes `check`, never overwrites without `--force`, and
//! `eventlint schema` prints the committed schemas.

use std::path::Path;
use std::process::{Command, Output};

fn eventlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventlint")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap()
}

#[test]
fn init_writes_a_project_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let init = eventlint(dir.path(), &["init"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(String::from_utf8_lossy(&init.stdout).contains("id: eventlint-against-head"));
    let catalog = read(dir.path(), "catalog.yaml");
    assert!(catalog.starts_with("# yaml-language-server: $schema=./.eventlint/catalog.schema.json\n"), "{catalog}");
    assert_eq!(read(dir.path(), ".eventlint/catalog.schema.json"), read(Path::new("."), "schemas/catalog.schema.json"));
    assert!(read(dir.path(), "eventlint.toml").starts_with("#:schema ./.eventlint/eventlint-toml.schema.json\n"));
    assert!(!dir.path().join("examples").exists());

    let check = eventlint(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&check.stdout), stderr(&check));
}

#[test]
fn init_refuses_to_overwrite_and_lists_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.yaml"), "mine").unwrap();
    let init = eventlint(dir.path(), &["init"]);
    assert_eq!(init.status.code(), Some(2));
    assert_eq!(
        stderr(&init),
        "error: `eventlint init` does not overwrite existing files:\n  catalog.yaml\n  \
         help: move them away, or pass `--force` to overwrite them\n"
    );
    assert_eq!(read(dir.path(), "catalog.yaml"), "mine");
    assert!(!dir.path().join("eventlint.toml").exists(), "nothing is written when one file exists");
}

#[test]
fn init_force_overwrites_and_example_writes_the_payments_example() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.yaml"), "mine").unwrap();
    let init = eventlint(dir.path(), &["init", "--force", "--example"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(read(dir.path(), "catalog.yaml").starts_with("# yaml-language-server"));
    for path in ["payments.catalog.yaml", "poison-pill.scenario.yaml", "schemas/history/PaymentAuthorized-2.0.0.avsc"] {
        let example = format!("examples/payments/{path}");
        assert_eq!(read(dir.path(), &example), read(Path::new("."), &example), "{example}");
    }
}

#[test]
fn schema_prints_each_committed_schema() {
    for (format, file) in [
        ("catalog", "catalog.schema.json"),
        ("scenario", "scenario.schema.json"),
        ("config", "eventlint-toml.schema.json"),
    ] {
        let output = eventlint(Path::new("."), &["schema", format]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(String::from_utf8_lossy(&output.stdout), read(Path::new("."), &format!("schemas/{file}")));
    }
}
