//! The throwaway project every end-to-end test of the binary runs in.

// Each test crate uses the part of this harness it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway project directory with an `eventlint.toml`, so the root never escapes to a parent.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        let project = Project { dir: tempfile::tempdir().expect("temp dir") };
        project.write("eventlint.toml", "");
        project
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
        self
    }

    /// `eventlint ARGS` in the project (see [`eventlint_in`]).
    pub fn command(&self, args: &[&str]) -> Command {
        eventlint_in(self.dir.path(), args)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run eventlint")
    }

    /// `eventlint check --output-format json ARGS`: the exit code and the parsed report.
    pub fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        let mut all = vec!["check", "--output-format", "json"];
        all.extend_from_slice(args);
        let output = self.run(&all);
        let report = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
        (output.status.code().unwrap_or(-1), report)
    }

    pub fn git(&self, args: &[&str]) -> &Self {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(self.dir.path())
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
        self
    }
}

/// `eventlint ARGS` in `dir`, without colour and without the environment that changes the report.
pub fn eventlint_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eventlint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("EVENTLINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    command
}

/// The repository's `examples/NAME` folder.
pub fn example_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// The validator from `scripts/setup`; missing, the test fails in CI and is skipped (loudly) elsewhere.
pub fn sarif_validator() -> Option<PathBuf> {
    let validator = Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/npm/node_modules/.bin/sarif-multitool");
    if validator.is_file() {
        return Some(validator);
    }
    let message = format!("{} is missing: run `bash scripts/setup`", validator.display());
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false") {
        panic!("{message}");
    }
    eprintln!("SKIPPED: {message}");
    None
}

/// Runs Microsoft's SARIF validator on `file` and returns its error lines.
pub fn sarif_errors(validator: &Path, dir: &Path, file: &str) -> Vec<String> {
    let output = Command::new(validator)
        .args(["validate", &format!("./{file}")])
        .current_dir(dir)
        .output()
        .expect("run validator");
    let report = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(report.contains("1 files scanned"), "validator did not scan the file:\n{report}{stderr}");
    report.lines().filter(|line| line.contains(": error ")).map(str::to_owned).collect()
}

/// A test suite's name, and its test cases' names with their failure types.
pub type Suite = (String, Vec<(String, Option<String>)>);

/// Parses JUnit XML: its suites, and the `failures` count of `<testsuites>`.
pub fn junit_suites(text: &str) -> (Vec<Suite>, String) {
    let xml = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}):\n{text}"));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|suite| {
            let cases = suite
                .children()
                .filter(|n| n.has_tag_name("testcase"))
                .map(|case| {
                    let failure = case.children().find(|n| n.has_tag_name("failure"));
                    (
                        case.attribute("name").unwrap_or("").to_owned(),
                        failure.and_then(|f| f.attribute("type")).map(str::to_owned),
                    )
                })
                .collect();
            (suite.attribute("name").unwrap_or("").to_owned(), cases)
        })
        .collect();
    (suites, root.attribute("failures").unwrap_or("").to_owned())
}
