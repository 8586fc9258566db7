//! `--against REV|DIR` (CLI spec §7): where the base project's files come from, a git revision or a directory.
//! The base is read without touching the work tree or the index.

use std::io::Write;
use std::path::{Path, PathBuf};

use eventlint_diagnostics::{Severity, Sources, render_concise, resolve_all};
use eventlint_project::{Base, InputFile};

use crate::args::CheckArgs;
use crate::discover::{InputFilter, Setup, input_roots, read_limited, walk_inputs};
use crate::git::{GitError, Purpose, Repo};

/// The base named by `--against` (else `[check] against`), ready to be read.
pub struct Against {
    /// The revision or directory as given.
    pub label: String,
    /// What base paths are shown after: `HEAD:` or `../release-1.0/`.
    pub prefix: String,
    tree: Tree,
    max_bytes: usize,
}

enum Tree {
    Revision {
        repo: Repo,
        commit: String,
    },
    Directory(PathBuf),
    /// `--against HEAD` before the first commit.
    Empty,
}

impl Against {
    /// Resolves the base, or `None` without `--against` or `[check] against`. An existing directory wins over a
    /// revision of the same name.
    pub fn resolve(setup: &Setup, args: &CheckArgs, quiet: bool) -> Result<Option<Against>, GitError> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let (label, relative_to) = match (&args.against, &setup.config.against) {
            (Some(given), _) => (given.clone(), cwd),
            (None, Some(configured)) => (configured.value.clone(), setup.root.clone()),
            (None, None) => return Ok(None),
        };
        let max_bytes = setup.config.limits.max_file_bytes;
        let directory = relative_to.join(&label);
        if directory.is_dir() {
            let prefix = format!("{}/", label.trim_end_matches('/'));
            return Ok(Some(Against { label, prefix, tree: Tree::Directory(directory), max_bytes }));
        }
        let repo = Repo::discover(&setup.root, Purpose::Against, &label)?;
        let tree = match repo.resolve(&label, Purpose::Against)? {
            Some(commit) => Tree::Revision { repo, commit },
            None => {
                if !quiet {
                    let _ = writeln!(
                        std::io::stderr(),
                        "note: `HEAD` has no commit yet, so the base of `--against HEAD` is empty"
                    );
                }
                Tree::Empty
            }
        };
        Ok(Some(Against { prefix: format!("{label}:"), label, tree, max_bytes }))
    }

    /// The base's input files under the same paths, `include` and `exclude` as the project's, with paths inside
    /// the base.
    pub fn files(&self, setup: &Setup, paths: &[PathBuf]) -> Result<Vec<InputFile>, GitError> {
        let roots: Vec<PathBuf> = input_roots(setup, paths)
            .iter()
            .filter_map(|root| root.strip_prefix(&setup.root).ok().map(Path::to_path_buf))
            .collect();
        match &self.tree {
            Tree::Empty => Ok(Vec::new()),
            Tree::Directory(directory) => {
                let roots: Vec<PathBuf> = roots.iter().map(|root| directory.join(root)).collect();
                Ok(walk_inputs(setup, directory, &roots))
            }
            Tree::Revision { repo, commit } => {
                let paths: Vec<String> = roots.iter().map(|root| root.to_string_lossy().into_owned()).collect();
                let filter = InputFilter::new(setup);
                let mut listed = repo.tree_files(commit, &paths, &self.label)?;
                listed.retain(|(path, _)| filter.accepts(path) && !path.split('/').any(|part| part.starts_with('.')));
                listed.sort();
                listed.dedup();
                let objects: Vec<&str> = listed.iter().map(|(_, object)| object.as_str()).collect();
                let contents = repo.read_blobs(&objects, self.max_bytes, &self.label)?;
                Ok(listed.into_iter().zip(contents).map(|((path, _), contents)| InputFile { path, contents }).collect())
            }
        }
    }

    /// A base file that a base catalog references outside the listed paths.
    pub fn read_extra(&self, path: &str) -> Option<Vec<u8>> {
        match &self.tree {
            Tree::Empty => None,
            Tree::Directory(directory) => read_limited(&directory.join(path), self.max_bytes).ok(),
            Tree::Revision { repo, commit } => {
                repo.read_file(commit, path).filter(|bytes| bytes.len() <= self.max_bytes)
            }
        }
    }
}

/// The base's load errors, as warnings on stderr: they never fail the run (the base may have been committed broken).
pub fn warn_about(sources: &Sources, base: &Base) {
    if base.diagnostics.is_empty() {
        return;
    }
    let mut warnings = base.diagnostics.clone();
    for warning in &mut warnings {
        warning.severity = Severity::Warning;
    }
    let mut text: String =
        resolve_all(sources, &warnings, false).iter().map(|warning| format!("{}\n", render_concise(warning))).collect();
    let count = base.diagnostics.len();
    let errors = if count == 1 { "1 load error".to_owned() } else { format!("{count} load errors") };
    let skipped: Vec<String> = base.skipped.iter().map(|name| format!("`{name}`")).collect();
    let consequence = if skipped.is_empty() {
        "; what the broken files declare is not compared".to_owned()
    } else {
        format!(", so these messages are not compared: {}", skipped.join(", "))
    };
    text.push_str(&format!("warning: the base `{}` does not load cleanly ({errors}){consequence}\n", base.label));
    let _ = std::io::stderr().write_all(text.as_bytes());
}
