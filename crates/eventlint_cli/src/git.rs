//! The `git` on the PATH (no libgit2): revisions for `--against`, and changed files for `--changed`/`--staged`.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use eventlint_project::ReadProblem;

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
}

/// A git work tree, found from the project root.
pub struct Repo {
    top: PathBuf,
    root: PathBuf,
}

impl Repo {
    /// The work tree that contains `root`, or an error that suggests what to do outside git.
    pub fn discover(root: &Path, purpose: Purpose, rev: &str) -> Result<Repo, GitError> {
        let top =
            run(root, &["rev-parse", "--show-toplevel"]).ok().map(|out| PathBuf::from(out.trim_end_matches('\n')));
        let Some(top) = top.filter(|top| !top.as_os_str().is_empty()) else {
            let help = match purpose {
                Purpose::Against => "pass a directory that holds the earlier version instead of a revision",
                Purpose::Changed | Purpose::Staged => {
                    "run eventlint inside a git work tree, or drop `--changed`/`--staged`"
                }
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
        let shallow = self.git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|out| out.trim() == "true");
        let branch = rev.strip_prefix("origin/");
        if shallow {
            // `--against` needs only the base commit; `--changed` needs the history down to the merge base.
            let fetch = match (purpose, branch) {
                (Purpose::Against, Some(branch)) => {
                    format!("`git fetch --no-tags --depth=1 origin {branch}` and `--against FETCH_HEAD`")
                }
                _ => "`git fetch --unshallow`".to_owned(),
            };
            GitError {
                message: format!("{}: the revision is not in this shallow clone", purpose.failure(rev)),
                help: format!("fetch the history it needs, e.g. actions/checkout with `fetch-depth: 0`,\nor {fetch}"),
            }
        } else {
            GitError {
                message: format!("{}: the revision does not exist", purpose.failure(rev)),
                help: format!("check the name, or fetch it, e.g. `git fetch origin {}`", branch.unwrap_or(rev)),
            }
        }
    }

    /// `git ls-tree`: the files of `commit` under `paths` (project-root paths), as project-root paths with their
    /// blob ids. Links and submodules are left out: the base is read without a work tree to follow them in.
    pub fn tree_files(&self, commit: &str, paths: &[String], rev: &str) -> Result<Vec<(String, String)>, GitError> {
        let pathspecs: Vec<String> = paths.iter().map(|path| display_path(&self.top, &self.root.join(path))).collect();
        let mut args = vec!["--literal-pathspecs", "ls-tree", "-r", "-z", commit, "--"];
        args.extend(pathspecs.iter().map(String::as_str));
        let listing = self.git(&args).map_err(|stderr| failed(Purpose::Against, &args, &stderr, rev))?;
        Ok(listing
            .split('\0')
            .filter_map(|entry| {
                // `<mode> <type> <object>\t<path>`
                let (meta, path) = entry.split_once('\t')?;
                let mut meta = meta.split(' ');
                let (mode, kind, object) = (meta.next()?, meta.next()?, meta.next()?);
                (kind == "blob" && mode != "120000")
                    .then(|| (display_path(&self.root, &self.top.join(path)), object.to_owned()))
            })
            .collect())
    }

    /// The contents of `objects` through one `git cat-file --batch` process; a blob larger than `max_bytes` is
    /// skipped unread.
    pub fn read_blobs(
        &self,
        objects: &[&str],
        max_bytes: usize,
        rev: &str,
    ) -> Result<Vec<Result<Vec<u8>, ReadProblem>>, GitError> {
        let args = ["cat-file", "--batch"];
        let io_failed = |error: std::io::Error| failed(Purpose::Against, &args, &error.to_string(), rev);
        let mut child = Command::new("git")
            .args(args)
            .current_dir(&self.top)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(io_failed)?;
        let request: String = objects.iter().map(|object| format!("{object}\n")).collect();
        let mut stdin = child.stdin.take().ok_or_else(|| io_failed(std::io::ErrorKind::BrokenPipe.into()))?;
        // Written from another thread, so that neither pipe fills up while git waits for the other.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let stdout = child.stdout.take().ok_or_else(|| io_failed(std::io::ErrorKind::BrokenPipe.into()))?;
        let blobs = read_batch(&mut BufReader::new(stdout), objects.len(), max_bytes);
        let written = writer.join().unwrap_or_else(|_| Err(std::io::ErrorKind::BrokenPipe.into()));
        let _ = child.wait();
        written.map_err(io_failed)?;
        blobs.map_err(io_failed)
    }

    /// One file of `commit` (a project-root path), for a base catalog's reference outside the listed paths.
    pub fn read_file(&self, commit: &str, path: &str) -> Option<Vec<u8>> {
        let object = format!("{commit}:{}", display_path(&self.top, &self.root.join(path)));
        run_bytes(&self.top, &["cat-file", "blob", &object]).ok()
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
        let out = self.git(args).map_err(|stderr| failed(purpose, args, &stderr, rev))?;
        Ok(out
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(|name| display_path(&self.root, &self.top.join(name)))
            .collect())
    }
}

fn failed(purpose: Purpose, args: &[&str], stderr: &str, rev: &str) -> GitError {
    GitError {
        message: format!("{}: `git {}` failed: {}", purpose.failure(rev), args.join(" "), stderr.trim()),
        help: "check that `git status` works in this directory".to_owned(),
    }
}

/// Runs git in `dir`; stdout on success, stderr on failure.
fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    run_bytes(dir, args).map(|out| String::from_utf8_lossy(&out).into_owned())
}

fn run_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| format!("cannot run `git`: {error}"))?;
    if output.status.success() { Ok(output.stdout) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

/// Reads `git cat-file --batch` answers, one per object asked for, in order.
fn read_batch(
    out: &mut impl BufRead,
    count: usize,
    max_bytes: usize,
) -> std::io::Result<Vec<Result<Vec<u8>, ReadProblem>>> {
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let mut header = String::new();
        out.read_line(&mut header)?;
        // `<object> <type> <size>`, or `<object> missing`.
        let size = match header.trim_end().rsplit_once(' ') {
            Some((_, size)) => size.parse::<u64>().ok(),
            None => None,
        };
        let Some(size) = size else {
            blobs.push(Err(ReadProblem::Unreadable(format!("git has no such object ({})", header.trim_end()))));
            continue;
        };
        if size > max_bytes as u64 {
            std::io::copy(&mut out.take(size + 1), &mut std::io::sink())?;
            blobs.push(Err(ReadProblem::TooLarge(size)));
            continue;
        }
        let mut bytes = vec![0; size as usize + 1];
        out.read_exact(&mut bytes)?;
        bytes.pop();
        blobs.push(Ok(bytes));
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway repository on branch `main`, driven by git itself.
    struct Sandbox(tempfile::TempDir);

    impl Sandbox {
        fn new() -> Self {
            let sandbox = Sandbox(tempfile::tempdir().expect("temp dir"));
            sandbox.git(&["init", "-q", "-b", "main"]);
            sandbox
        }

        fn git(&self, args: &[&str]) -> &Self {
            let status = Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
                .args(args)
                .current_dir(self.0.path())
                .status()
                .expect("git");
            assert!(status.success(), "git {args:?}");
            self
        }

        fn write(&self, path: &str, text: &str) -> &Self {
            let path = self.0.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
            self
        }

        fn repo(&self, purpose: Purpose) -> Repo {
            Repo::discover(self.0.path(), purpose, "main").expect("repo")
        }
    }

    fn names(set: BTreeSet<String>) -> Vec<String> {
        set.into_iter().collect()
    }

    #[test]
    fn changed_since_covers_the_branch_the_work_tree_and_untracked_files() {
        let sandbox = Sandbox::new();
        sandbox.write(".gitignore", "ignored.yaml\n").write("a.yaml", "a").write("b.yaml", "b").write("c.yaml", "c");
        sandbox.git(&["add", "."]).git(&["commit", "-qm", "base"]).git(&["checkout", "-qb", "topic"]);
        sandbox.write("a.yaml", "a2").git(&["commit", "-qam", "on topic"]);
        sandbox.write("b.yaml", "b2").write("sub/new.avsc", "{}").write("ignored.yaml", "x");
        let changed = sandbox.repo(Purpose::Changed).changed_since("main").expect("changes");
        assert_eq!(names(changed), ["a.yaml", "b.yaml", "sub/new.avsc"]);
    }

    #[test]
    fn staged_lists_only_the_index() {
        let sandbox = Sandbox::new();
        sandbox.write("a.yaml", "a").write("b.yaml", "b").git(&["add", "."]).git(&["commit", "-qm", "base"]);
        sandbox.write("a.yaml", "a2").write("b.yaml", "b2").write("new.yaml", "n").git(&["add", "a.yaml", "new.yaml"]);
        assert_eq!(names(sandbox.repo(Purpose::Staged).staged().expect("staged")), ["a.yaml", "new.yaml"]);
    }

    #[test]
    fn staged_works_before_the_first_commit() {
        let sandbox = Sandbox::new();
        sandbox.write("a.yaml", "a").git(&["add", "a.yaml"]);
        assert_eq!(names(sandbox.repo(Purpose::Staged).staged().expect("staged")), ["a.yaml"]);
    }

    #[test]
    fn unborn_head_is_an_empty_base() {
        let sandbox = Sandbox::new();
        assert_eq!(sandbox.repo(Purpose::Against).resolve("HEAD", Purpose::Against), Ok(None));
    }

    #[test]
    fn a_missing_revision_says_how_to_fetch_it() {
        let sandbox = Sandbox::new();
        sandbox.write("a.yaml", "a").git(&["add", "."]).git(&["commit", "-qm", "base"]);
        let error = sandbox.repo(Purpose::Changed).changed_since("origin/main").expect_err("missing");
        assert_eq!(
            error.to_string(),
            "error: cannot find the changes since `origin/main`: the revision does not exist\n  \
             help: check the name, or fetch it, e.g. `git fetch origin main`\n"
        );
    }

    #[test]
    fn outside_git_a_revision_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = Repo::discover(dir.path(), Purpose::Against, "HEAD").err().expect("not a repository");
        assert!(error.message.starts_with("cannot compare against `HEAD`: `"), "{error}");
        assert_eq!(error.help, "pass a directory that holds the earlier version instead of a revision");
    }
}
