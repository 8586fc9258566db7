//! The eventlint rule engine: which rules run (selection, profiles, per-file ignores), the `modelling` and `style`
//! rules themselves, inline suppressions and baselines. No I/O: callers hand in the loaded project.
//!
//! ```ignore
//! let (settings, config_errors) = Settings::new(&config, &cli_selection);
//! let (project, load_errors) = load_project(inputs, &read_extra, &options);
//! let result = lint_project(&project, &settings, baseline.as_ref());
//! ```

mod baseline;
mod context;
mod docs;
pub mod facts;
pub mod flow_graph;
#[cfg(feature = "pages")]
mod pages;
mod registry;
mod rule;
mod rules;
mod settings;
mod suppress;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use eventlint_diagnostics::{Diagnostic, Sources, SubjectType};
use eventlint_project::{Project, compat_findings};

pub use baseline::{Baseline, BaselineEntry, write_baseline};
pub use context::Context;
pub use docs::{RuleInfo, rule_docs, rule_info, rules};
pub use rule::Category;
pub use settings::{CliSelection, Profile, Settings, normalise};

use crate::registry::{RULES, RuleKey};
use crate::settings::Selector;
use crate::suppress::{ScopeIndex, Suppression};

/// What a lint run found, after profiles, severities, per-file ignores, suppressions and the baseline.
#[derive(Debug, Default)]
pub struct LintResult {
    /// Findings to report, sorted by file, span and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings hidden by an inline suppression.
    pub suppressed: usize,
    /// Findings hidden by the baseline.
    pub baselined: usize,
    /// Baseline entries that matched no finding.
    pub stale: Vec<BaselineEntry>,
}

/// Lints a loaded project (without load errors): the rules, plus the schema-version findings of
/// `eventlint_project::compat_findings` (against each message's history and the `--against` base, when the project
/// was loaded with one). `eventlint check` and the playground both lint through here.
pub fn lint_project(project: &Project, settings: &Settings, baseline: Option<&Baseline>) -> LintResult {
    let cx = Context::new(&project.model, &project.schemas, &project.message_schemas, &project.sources, settings);
    let cx = match &project.base {
        Some(base) => cx.with_base(&base.model),
        None => cx,
    };
    lint(&cx, compat_findings(project, settings.ignore_drafts), baseline)
}

/// Runs every enabled rule over the context, adds the `external` findings of the rules found outside the engine (the
/// schema-version rules of `eventlint_project::compat_findings`), and applies the order of CLI spec §3.3, steps 1–7.
pub fn lint(cx: &Context, external: Vec<Diagnostic>, baseline: Option<&Baseline>) -> LintResult {
    let settings = cx.settings;

    // Steps 1–2: the enabled rules, plus those a profile adds for its messages, run.
    let mut findings = Vec::new();
    for rule in RULES {
        let key = RuleKey::from(rule);
        let profile_adds = Profile::ALL
            .iter()
            .filter_map(|&profile| settings.adjustments(profile))
            .any(|adjust| adjust.extend_select.iter().any(|selector| selector.matches(key)));
        if let rule::Run::Model(run) = rule.run
            && (settings.is_enabled(rule.name) || profile_adds)
        {
            let start = findings.len();
            run(cx, &mut findings);
            for finding in &mut findings[start..] {
                finding.code = rule.name.to_owned();
                finding.category = Some(rule.category.as_str().to_owned());
                finding.severity = rule.severity;
            }
        }
    }
    // Findings made outside the engine keep their severity (a rule may use two levels) and get their category.
    findings.extend(external.into_iter().filter(|finding| !finding.is_load_error()).map(|mut finding| {
        if let Some(rule) = registry::rule(&finding.code) {
            finding.category = Some(rule.category.as_str().to_owned());
        }
        finding
    }));

    // Step 3: profile and category adjustments, for findings about a message (or its schema).
    let schema_messages: HashMap<&str, &str> = cx
        .message_schemas
        .iter()
        .filter_map(|(message, &node)| Some((cx.schemas.node(node).full_name()?, message.as_str())))
        .collect();
    findings.retain_mut(|finding| {
        let Some(key) = registry::key(&finding.code) else { return true };
        let message = finding.subject.as_ref().and_then(|subject| match subject.kind {
            SubjectType::Message => cx.model.messages.get(&subject.name),
            SubjectType::Schema => schema_messages.get(subject.name.as_str()).and_then(|m| cx.model.messages.get(*m)),
            _ => None,
        });
        let adjustments: Vec<_> = message
            .map(|message| facts::profiles(cx, message))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|profile| settings.adjustments(profile))
            .collect();
        let matches = |selectors: &[Selector]| selectors.iter().any(|selector| selector.matches(key));
        if adjustments.iter().any(|adjust| matches(&adjust.ignore)) {
            return false;
        }
        if !settings.is_enabled(key.name) && !adjustments.iter().any(|adjust| matches(&adjust.extend_select)) {
            return false;
        }
        if let Some(level) = adjustments.iter().find_map(|adjust| adjust.severity.get(key.name)) {
            finding.severity = *level;
        }
        true
    });

    // Steps 4–5: `[lint.severity]`, then per-file ignores.
    findings.retain_mut(|finding| {
        let Some(key) = registry::key(&finding.code) else { return true };
        finding.severity = settings.severity.get(key.name).copied().unwrap_or(finding.severity);
        !settings.ignored_in_file(key, baseline::file_of(cx.sources, finding))
    });

    // Step 6: inline suppressions, then the suppressions that matched nothing.
    let suppressions = suppress::collect(cx);
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| vec![false; s.names.len()]).collect();
    let before = findings.len();
    let index = ScopeIndex::new(&suppressions);
    findings.retain(|finding| !suppressed(cx, finding, &index, &suppressions, &mut used));
    let suppressed = before - findings.len();
    findings.extend(rules::style::unused_suppression::diagnostics(cx, &suppressions, &used));

    sort(cx.sources, &mut findings);

    // Step 7: the baseline.
    let mut result = LintResult { suppressed, ..LintResult::default() };
    match baseline {
        Some(baseline) => {
            let accepted = baseline.fingerprints();
            let prints = baseline::fingerprints(cx.sources, &findings);
            let matched: HashSet<&str> = prints.iter().map(String::as_str).filter(|p| accepted.contains(p)).collect();
            result.stale = baseline
                .entries
                .iter()
                .filter(|entry| !matched.contains(entry.fingerprint.as_str()))
                .cloned()
                .collect();
            for (finding, print) in findings.into_iter().zip(&prints) {
                if matched.contains(print.as_str()) {
                    result.baselined += 1;
                } else {
                    result.diagnostics.push(finding);
                }
            }
        }
        None => result.diagnostics = findings,
    }
    result
}

/// Whether a suppression in the finding's own file covers it; marks the names that matched.
fn suppressed(
    cx: &Context,
    finding: &Diagnostic,
    index: &ScopeIndex,
    suppressions: &[Suppression],
    used: &mut [Vec<bool>],
) -> bool {
    let Some(primary) = &finding.primary else { return false };
    let mut hit = false;
    for position in index.covering(primary.span.file, &finding.logical_path) {
        let suppression = &suppressions[position];
        if suppression.problem.is_some() || (cx.settings.require_reason && !suppression.has_reason) {
            continue;
        }
        for ((name, _), used) in suppression.names.iter().zip(used[position].iter_mut()) {
            if *name == finding.code {
                *used = true;
                hit = true;
            }
        }
    }
    hit
}

/// Output order: file, then span, then rule.
fn sort(sources: &Sources, findings: &mut [Diagnostic]) {
    findings.sort_by_cached_key(|d| {
        let span = d.primary.as_ref().map(|label| (label.span.start, label.span.end));
        (baseline::file_of(sources, d).to_owned(), span, d.code.clone(), d.logical_path.clone())
    });
}
