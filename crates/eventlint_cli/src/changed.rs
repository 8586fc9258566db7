//! `--changed`/`--staged` (CLI spec §8): which files a change touches, and which findings are reported for it.

use std::collections::BTreeSet;

use eventlint_diagnostics::{Kind, ResolvedDiagnostic};

use crate::args::CheckArgs;
use crate::discover::Setup;
use crate::git::{GitError, Purpose, Repo};

/// The files `--changed`/`--staged` report on (project-root paths), or `None` to report on everything.
pub fn changed_files(setup: &Setup, args: &CheckArgs) -> Result<Option<BTreeSet<String>>, GitError> {
    if args.staged {
        return Repo::discover(&setup.root, Purpose::Staged, "")?.staged().map(Some);
    }
    if !args.changed {
        return Ok(None);
    }
    let Some(since) = args.since.clone().or_else(|| setup.config.against.as_ref().map(|a| a.value.clone())) else {
        return Err(GitError {
            message: "`--changed` needs a base revision".to_owned(),
            help: "pass `--since REF`, e.g. `--since origin/main`, or set `[check] against` in `eventlint.toml`"
                .to_owned(),
        });
    };
    Repo::discover(&setup.root, Purpose::Changed, &since)?.changed_since(&since).map(Some)
}

/// Load errors always count; other findings when their primary location or a label lies in a changed file.
pub fn touches(diagnostic: &ResolvedDiagnostic, changed: &BTreeSet<String>) -> bool {
    diagnostic.kind == Kind::Load
        || diagnostic.file.as_ref().is_some_and(|file| changed.contains(file))
        || diagnostic.labels.iter().any(|label| changed.contains(&label.file))
}

#[cfg(test)]
mod tests {
    use eventlint_diagnostics::{Diagnostic, Sources, Span, resolve_all};

    use super::*;

    /// Which of a load error, a finding in `a.yaml`, and one in `b.yaml` with a label in `c.avsc` are reported.
    fn check(changed: &[&str], expect: &[&str]) {
        let mut sources = Sources::new();
        let [a, b, c] = ["a.yaml", "b.yaml", "c.avsc"].map(|path| sources.add(path, "x: 1\n"));
        let diagnostics = vec![
            Diagnostic::load("yaml-syntax", "broken").with_primary(Span::at(b, 0), ()),
            Diagnostic::warn("in-a", "finding").with_primary(Span::at(a, 0), ()),
            Diagnostic::warn("in-b", "finding").with_primary(Span::at(b, 1), ()).with_label(Span::at(c, 0), "here"),
        ];
        let changed: BTreeSet<String> = changed.iter().map(|path| (*path).to_owned()).collect();
        let reported: Vec<String> = resolve_all(&sources, &diagnostics, false)
            .into_iter()
            .filter(|d| touches(d, &changed))
            .map(|d| d.rule)
            .collect();
        assert_eq!(reported, expect);
    }

    #[test]
    fn load_errors_are_always_reported() {
        check(&[], &["load/yaml-syntax"]);
    }

    #[test]
    fn primary_location_in_a_changed_file() {
        check(&["a.yaml"], &["in-a", "load/yaml-syntax"]);
    }

    #[test]
    fn label_in_a_changed_file() {
        check(&["c.avsc"], &["load/yaml-syntax", "in-b"]);
    }
}
