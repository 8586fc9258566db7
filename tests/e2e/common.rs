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
