//! Data-driven format tests: a few synthetic projects rendered in every format and compared with reviewed snapshots.

use eventlint_diagnostics::{Diagnostic, ResolvedDiagnostic, Severity, Sources, Span, SubjectType, resolve_all};

use super::{LoadErrorDocs, Rendered, Report, Summary, render, render_statistics};
use crate::args::OutputFormat;

const CATALOG: &str =
    "eventlint: 1\nmessages:\n  PaymentStatusChanged:\n    key: merchantId\n    topic: payments.events.v1\n";
const TOPICS: &str = "eventlint: 1\ntopics:\n  payments.events.v1:\n    key: paymentId\n";
const SCHEMA: &str = "{\"type\": \"record\", \"name\": \"Päyment\", \"fields\": []}\n";

/// A named set of files and the findings a run produced on them.
struct Fixture {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
}

fn span_of(sources: &Sources, file: eventlint_diagnostics::FileId, needle: &str) -> Span {
    let start = sources.get(file).text().find(needle).expect("needle in fixture");
    Span::new(file, start, start + needle.len())
}

/// One finding of each severity, a label in another file, and text that every format must escape.
fn mixed() -> Fixture {
    let mut sources = Sources::new();
    let catalog = sources.add("payments.catalog.yaml", CATALOG);
    let topics = sources.add("topics/all,of:them.catalog.yaml", TOPICS);
    let schema = sources.add("schemas/Päyment.avsc", SCHEMA);
    let diagnostics = vec![
        Diagnostic::warn(
            "key-mismatch-with-topic",
            "`PaymentStatusChanged` is keyed by `merchantId`, but topic `payments.events.v1` is keyed by `paymentId`",
        )
        .with_category("ordering")
        .with_primary(span_of(&sources, catalog, "merchantId"), "records of one payment end up on different partitions")
        .with_label(span_of(&sources, topics, "paymentId"), "topic key declared here")
        .with_help("key `PaymentStatusChanged` by `paymentId` like the rest of `payments.events.v1`")
        .with_path("/messages/PaymentStatusChanged/key")
        .with_subject(SubjectType::Message, "PaymentStatusChanged"),
        Diagnostic::error("incompatible-change", "100% <breaking> & \"odd\": a|b, c\nsecond line")
            .with_category("compat")
            .with_primary(span_of(&sources, schema, "\"Päyment\""), ())
            .with_note("java: READER_FIELD_MISSING_DEFAULT_VALUE")
            .with_path("/name"),
        Diagnostic::info("missing-doc", "topic `payments.events.v1` has no `doc`")
            .with_category("style")
            .with_primary(span_of(&sources, topics, "payments.events.v1"), ())
            .with_path("/topics/payments.events.v1"),
    ];
    Fixture { sources, diagnostics }
}

/// What today's runs produce: a load error with a did-you-mean, and a clean second file.
fn load_error() -> Fixture {
    let mut sources = Sources::new();
    let config = sources.add("eventlint.toml", "[lint]\nfail_level = \"error\"\n");
    sources.add("clean.catalog.yaml", "eventlint: 1\n");
    let diagnostics = vec![
        Diagnostic::load("unknown-key", "unknown key `fail_level` in `[lint]`")
            .with_primary(span_of(&sources, config, "fail_level"), "not a setting of eventlint")
            .with_help("did you mean `fail-level`?")
            .with_path("/lint/fail_level"),
    ];
    Fixture { sources, diagnostics }
}

fn run(fixture: &Fixture, format: OutputFormat, fail_level: Severity) -> (Rendered, Vec<ResolvedDiagnostic>) {
    let resolved = resolve_all(&fixture.sources, &fixture.diagnostics, false);
    let summary = Summary::count(&resolved, fail_level, 1);
    let report = Report {
        sources: &fixture.sources,
        diagnostics: &resolved,
        summary: &summary,
        fail_level,
        docs: &LoadErrorDocs,
        color: false,
        width: 80,
    };
    (render(format, &report), resolved)
}

/// Renders `fixture` in `format` at fail level `warning`; the snapshot is the report, then any side outputs.
fn check(name: &str, fixture: Fixture, format: OutputFormat) {
    let (rendered, _) = run(&fixture, format, Severity::Warning);
    let mut text = rendered.text;
    for note in &rendered.stderr_notes {
        text.push_str(&format!("--- stderr\n{note}\n"));
    }
    if let Some(summary) = &rendered.step_summary {
        text.push_str(&format!("--- $GITHUB_STEP_SUMMARY\n{summary}"));
    }
    insta::assert_snapshot!(format!("{name}_{}", format_name(format)), text);
}

fn format_name(format: OutputFormat) -> String {
    clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().replace('-', "_")).unwrap_or_default()
}

const ALL_FORMATS: [OutputFormat; 8] = [
    OutputFormat::Full,
    OutputFormat::Concise,
    OutputFormat::Json,
    OutputFormat::JsonLines,
    OutputFormat::Github,
    OutputFormat::Gitlab,
    OutputFormat::Sarif,
    OutputFormat::Junit,
];

#[test]
fn mixed_findings_in_every_format() {
    for format in ALL_FORMATS {
        check("mixed", mixed(), format);
    }
}

#[test]
fn load_error_in_every_format() {
    for format in ALL_FORMATS {
        check("load_error", load_error(), format);
    }
}

#[test]
fn no_findings_in_every_format() {
    for format in ALL_FORMATS {
        check("clean", Fixture { sources: load_error().sources, diagnostics: Vec::new() }, format);
    }
}

/// `count` findings of `severity`, each on its own line of one file.
fn many(counts: &[(Severity, usize)]) -> Fixture {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut sources = Sources::new();
    let file = sources.add("big.catalog.yaml", "x: 1\n".repeat(total));
    let mut diagnostics = Vec::new();
    for &(severity, count) in counts {
        for _ in 0..count {
            let line = diagnostics.len();
            diagnostics.push(
                Diagnostic::lint(format!("rule-{}", severity.as_str()), severity, format!("finding {line}"))
                    .with_primary(Span::new(file, line * 5, line * 5 + 1), ())
                    .with_path(format!("/{line}")),
            );
        }
    }
    Fixture { sources, diagnostics }
}

/// (errors, warnings, notices) annotated, plain log lines, and the closing notice if any.
fn github_counts(fixture: Fixture) -> (usize, usize, usize, usize, Option<String>) {
    let text = run(&fixture, OutputFormat::Github, Severity::Warning).0.text;
    let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix) && l.contains("file=")).count();
    let plain = text.lines().filter(|l| !l.starts_with("::")).count();
    let closing = text.lines().find(|l| l.starts_with("::notice title=eventlint::")).map(str::to_owned);
    (count("::error "), count("::warning "), count("::notice "), plain, closing)
}

#[test]
fn github_stays_within_annotation_limits() {
    use Severity::{Error, Info, Warning};
    let (e, w, n, plain, closing) = github_counts(many(&[(Error, 3), (Warning, 4), (Info, 10)]));
    assert_eq!((e, w, n, plain, closing), (3, 4, 10, 0, None));
    let (e, w, n, plain, closing) = github_counts(many(&[(Error, 12), (Warning, 10), (Info, 10)]));
    assert_eq!((e, w, n, plain), (10, 10, 9, 3));
    assert!(closing.expect("closing notice").contains("3 findings of 32 not shown"));
    let (e, w, n, plain, closing) = github_counts(many(&[(Info, 11)]));
    assert_eq!((e, w, n, plain), (0, 0, 9, 2));
    assert!(closing.is_some());
}

#[test]
fn github_errors_come_first() {
    let text = run(&mixed(), OutputFormat::Github, Severity::Warning).0.text;
    let kinds: Vec<&str> = text.lines().filter_map(|l| l.split(' ').next()).collect();
    assert_eq!(kinds, ["::error", "::warning", "::notice"]);
}

#[test]
fn github_step_summary_lists_every_finding() {
    let (rendered, _) = run(&many(&[(Severity::Error, 30)]), OutputFormat::Github, Severity::Warning);
    let summary = rendered.step_summary.expect("step summary");
    assert_eq!(summary.lines().filter(|l| l.starts_with("| error |")).count(), 30);
}

#[test]
fn gitlab_fingerprints_are_unique_even_for_repeats() {
    let mut fixture = many(&[(Severity::Warning, 3)]);
    for diagnostic in &mut fixture.diagnostics {
        diagnostic.logical_path = "/same".to_owned();
    }
    let text = run(&fixture, OutputFormat::Gitlab, Severity::Warning).0.text;
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
    let mut fingerprints: Vec<&str> = issues.iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3);
}

#[test]
fn sarif_lists_each_rule_once_and_points_results_at_it() {
    let text = run(&many(&[(Severity::Error, 2), (Severity::Info, 1)]), OutputFormat::Sarif, Severity::Warning).0.text;
    let sarif: serde_json::Value = serde_json::from_str(&text).expect("json");
    let run = &sarif["runs"][0];
    let ids: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["rule-error", "rule-info"]);
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], ids[index]);
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_marks_load_errors_as_unsuccessful() {
    let text = run(&load_error(), OutputFormat::Sarif, Severity::Warning).0.text;
    let sarif: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn sarif_keeps_the_most_severe_results() {
    use Severity::{Error, Info, Warning};
    let fixture = many(&[(Info, 10), (Warning, 24_995), (Error, 10)]);
    let (rendered, resolved) = run(&fixture, OutputFormat::Sarif, Severity::Warning);
    let sarif: serde_json::Value = serde_json::from_str(&rendered.text).expect("json");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!((resolved.len(), results.len()), (25_015, 25_000));
    assert!(results.iter().all(|r| r["level"] != "note"), "infos are dropped first");
    let notification = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(notification["message"]["text"].as_str().unwrap().contains("15 findings left out"));
    assert_eq!(rendered.stderr_notes.len(), 1);
}

#[test]
fn junit_leaves_out_findings_below_the_fail_level() {
    let failures = |fail_level| {
        let text = run(&mixed(), OutputFormat::Junit, fail_level).0.text;
        text.lines().filter(|l| l.trim_start().starts_with("<failure")).count()
    };
    assert_eq!((failures(Severity::Error), failures(Severity::Warning), failures(Severity::Info)), (1, 2, 3));
}

#[test]
fn statistics_count_per_rule_most_frequent_first() {
    use Severity::{Error, Warning};
    let fixture = many(&[(Error, 1), (Warning, 3)]);
    let resolved = resolve_all(&fixture.sources, &fixture.diagnostics, false);
    let summary = Summary::default();
    let report = Report {
        sources: &fixture.sources,
        diagnostics: &resolved,
        summary: &summary,
        fail_level: Warning,
        docs: &LoadErrorDocs,
        color: false,
        width: 80,
    };
    assert_eq!(render_statistics(OutputFormat::Concise, &report), "3\trule-warning\twarning\n1\trule-error\terror\n");
    assert_eq!(
        render_statistics(OutputFormat::JsonLines, &report),
        "{\"rule\":\"rule-warning\",\"severity\":\"warning\",\"count\":3}\n{\"rule\":\"rule-error\",\"severity\":\"error\",\"count\":1}\n"
    );
}
