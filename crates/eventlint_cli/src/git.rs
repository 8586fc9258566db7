//! The `git` on the PATH (no libgit2): revisions for `--against`, and changed files for `--changed`/`--staged`.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::discover::display_path;

/// A git problem that stops the run with exit code 2, with the fix in `help`.
#[derive(Debug, PartialEq, Eq)]
pub struct GitError {
    pub message: String,
    pub help: String,
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let mut lines = self.help.lines();
        writeln!(f, "  help: {}", lines.next().unwrap_or_default())?;
        lines.try_for_each(|line| writeln!(f, "        {line}"))
    }
}

/// What a revision is needed for; it words the error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Against,
    Changed,
    Staged,
}

impl Purpose {
    fn failure(self, rev: &str) -> String {
        match self {
            Purpose::Against => format!("cannot compare against `{rev}`"),
            Purpose::Changed => format!("cannot find the changes since `{rev}`"),
            Purpose::Staged => "cannot find the staged changes".to_owned(),
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Purpose::Against => "--against",
            Purpose::Changed => "--since",
            Purpose::Staged => "--staged",
        }
    }
}

/// A git work tree, found from the project root.
pub struct Repo {
    top: PathBuf,
    root: PathBuf,
}

impl Repo {
    /// The work tree that contains `root`, or an error that suggests what to do outside git.
    pub fn discover(root: &Path, purpose: Purpose, rev: &str) -> Result<Repo, GitError> {
        let top = run(root, &["rev-parse", "--show-toplevel"]).ok().map(|out| PathBuf::from(out.trim_end_matches('\n')));
        let Some(top) = top.filter(|top| !top.as_os_str().is_empty()) else {
            let help = match purpose {
                Purpose::Against => "pass a directory that holds the earlier version instead of a revision",
                Purpose::Changed | Purpose::Staged => "run eventlint inside a git work tree, or drop `--changed`/`--staged`",
            };
            return Err(GitError {
                message: format!("{}: `{}` is not in a git repository", purpose.failure(rev), root.display()),
                help: help.to_owned(),
            });
        };
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let top = top.canonicalize().unwrap_or(top);
        Ok(Repo { top, root })
    }

    fn git(&self, args: &[&str]) -> Result<String, String> {
        run(&self.top, args)
    }

    /// The commit `rev` names, or `None` for `HEAD` before the first commit (an empty base, not an error).
    pub fn resolve(&self, rev: &str, purpose: Purpose) -> Result<Option<String>, GitError> {
        if let Ok(commit) = self.git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]) {
            return Ok(Some(commit.trim().to_owned()));
        }
        if rev == "HEAD" && self.git(&["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() {
            return Ok(None);
        }
        Err(self.missing_revision(rev, purpose))
    }

    /// CLI spec §7: a shallow clone gets told how to fetch the history; otherwise the revision does not exist.
    fn missing_revision(&self, rev: &str, purpose: Purpose) -> GitError {
        let branch = rev.strip_prefix("origin/").unwrap_or(rev);
        let shallow = self.git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|out| out.trim() == "true");
        if shallow {
            GitError {
                message: format!("{}: the revision is not in this shallow clone", purpose.failure(rev)),
                help: format!(
                    "fetch the history it needs, e.g. actions/checkout with `fetch-depth: 0`,\n\
                     or `git fetch --no-tags --depth=1 origin {branch}` and `{} FETCH_HEAD`",
                    purpose.flag()
                ),
            }
        } else {
            GitError {
                message: format!("{}: the revision does not exist", purpose.failure(rev)),
                help: format!("check the name, or fetch it, e.g. `git fetch origin {branch}`"),
            }
        }
    }

    /// `--changed`: files that differ between `merge-base(rev, HEAD)` and the work tree, plus untracked files.
    pub fn changed_since(&self, rev: &str) -> Result<BTreeSet<String>, GitError> {
        let mut files = match self.resolve(rev, Purpose::Changed)? {
            Some(commit) => {
                let base = self.git(&["merge-base", &commit, "HEAD"]).map_err(|_| self.no_merge_base(rev))?;
                self.names(&["diff", "--name-only", "--no-renames", "-z", base.trim()], Purpose::Changed, rev)?
            }
            None => self.names(&["ls-files", "-z"], Purpose::Changed, rev)?,
        };
        files.extend(self.names(&["ls-files", "--others", "--exclude-standard", "-z"], Purpose::Changed, rev)?);
        Ok(files)
    }

    fn no_merge_base(&self, rev: &str) -> GitError {
        let shallow = self.git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|out| out.trim() == "true");
        if shallow {
            self.missing_revision(rev, Purpose::Changed)
        } else {
            GitError {
                message: format!("cannot find the changes since `{rev}`: it has no common history with `HEAD`"),
                help: "pass a `--since` revision that `HEAD` grew out of, e.g. `origin/main`".to_owned(),
            }
        }
    }

    /// `--staged`: files whose index version differs from `HEAD`.
    pub fn staged(&self) -> Result<BTreeSet<String>, GitError> {
        self.names(&["diff", "--cached", "--name-only", "--no-renames", "-z"], Purpose::Staged, "")
    }

    /// Runs a `-z` listing and turns its work-tree paths into project-root paths.
    fn names(&self, args: &[&str], purpose: Purpose, rev: &str) -> Result<BTreeSet<String>, GitError> {
        let out = self.git(args).map_err(|stderr| GitError {
            message: format!("{}: `git {}` failed: {}", purpose.failure(rev), args.join(" "), stderr.trim()),
            help: "check that `git status` works in this directory".to_owned(),
        })?;
        Ok(out.split('\0').filter(|name| !name.is_empty()).map(|name| display_path(&self.root, &self.top.join(name))).collect())
    }
}

/// Runs git in `dir`; stdout on success, stderr on failure.
fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| format!("cannot run `git`: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
