//! The engine's order of application (CLI spec §3.3): profiles, severities, per-file ignores, suppressions and
//! baselines, over whole shorthand catalogs with a real `eventlint.toml`.

use eventlint_config::{Config, ConfigFile};
use eventlint_diagnostics::Sources;

use crate::testing::{Workspace, shorthand};
use crate::{Baseline, CliSelection, Context, Profile, Settings, lint, write_baseline};

fn config(text: &str) -> Config {
    let mut config = Config::default();
    let mut sources = Sources::new();
    let file = sources.add("eventlint.toml", text.to_owned());
    let (parsed, errors) = ConfigFile::parse(file, text, "");
    assert!(errors.is_empty(), "{errors:?}");
    let errors = parsed.apply_to(&mut config);
    assert!(errors.is_empty(), "{errors:?}");
    config
}

/// Lints shorthand messages under a configuration; returns the rendered findings and the suppressed count.
fn run(toml: &str, messages: &str) -> (String, usize) {
    let workspace = Workspace::load(&shorthand(messages, ""));
    let (settings, errors) = Settings::new(&config(toml), &CliSelection::default());
    assert!(errors.is_empty(), "{errors:?}");
    let result = workspace.lint(&settings);
    (
        workspace.render(&result).lines().filter(|l| !l.starts_with("  =")).collect::<Vec<_>>().join("\n"),
        result.suppressed,
    )
}

const SCAN: &str = "ShipmentScan: {summary: s, consumers: [crm], fields: {shipmentId: string, depot: string}}";

#[test]
fn a_comment_on_its_own_line_covers_the_next_node() {
    let messages = format!("# eventlint: ignore[event-name-not-past-tense] BI name\n{SCAN}");
    assert_eq!(run("", &messages), (String::new(), 1));
}

#[test]
fn a_trailing_comment_covers_its_node() {
    let messages = format!("{SCAN}  # eventlint: ignore[event-name-not-past-tense] BI name");
    assert_eq!(run("", &messages), (String::new(), 1));
}

#[test]
fn require_reason_makes_a_bare_suppression_inert() {
    let messages = format!("{SCAN}  # eventlint: ignore[event-name-not-past-tense]");
    let (rendered, suppressed) = run("[lint]\nrequire-reason = true\n", &messages);
    assert_eq!(suppressed, 0);
    assert_eq!(
        rendered,
        "catalog.yaml:18:3 warning[event-name-not-past-tense] event `ShipmentScan` is named as a noun phrase, not as a past-tense fact"
    );
}

#[test]
fn a_stale_suppression_is_reported_at_the_rule_name() {
    let messages = "ShipmentScanned: {summary: s, consumers: [crm], fields: {shipmentId: string, depot: string}}  # eventlint: ignore[event-name-not-past-tense] legacy";
    assert_eq!(
        run("", messages).0,
        "catalog.yaml:18:183 warning[unused-suppression] suppression of `event-name-not-past-tense` matched no finding"
    );
}

#[test]
fn an_unknown_rule_in_a_suppression_suggests_the_right_one() {
    let messages = format!("{SCAN}  # eventlint: ignore[event-name-past-tense] BI");
    let (rendered, _) = run("", &messages);
    assert!(
        rendered.contains("warning[invalid-suppression] unknown rule `event-name-past-tense` (did you mean `event-name-not-past-tense`?)"),
        "{rendered}"
    );
}

#[test]
fn an_avsc_attribute_covers_its_field() {
    let tagged = r#"ShipmentDelivered: {summary: s, consumers: [crm], fields: {shipmentId: string, recipientEmail: {type: string, eventlint: {ignore: [pii-in-public-event], reason: "hashed upstream"}}}}"#;
    assert_eq!(run("", tagged), (String::new(), 1));
}

#[test]
fn severity_overrides_apply_after_profiles() {
    let (rendered, _) = run("[lint.severity]\nevent-name-not-past-tense = \"error\"\n", SCAN);
    assert!(rendered.contains("error[event-name-not-past-tense]"), "{rendered}");
}

#[test]
fn per_file_ignores_remove_a_category_for_matching_files() {
    assert_eq!(run("[lint.per-file-ignores]\n\"catalog.yaml\" = [\"style\"]\n", SCAN).0, "");
    assert_ne!(run("[lint.per-file-ignores]\n\"other/**\" = [\"style\"]\n", SCAN).0, "");
}

#[test]
fn a_profile_exempts_its_messages() {
    assert_eq!(run("[lint]\nprofile = \"telemetry\"\n", SCAN).0, "");
    assert_eq!(run("[[lint.overrides]]\nfiles = [\"*.yaml\"]\nprofile = \"telemetry\"\n", SCAN).0, "");
}

/// Whether `[[lint.overrides]] files = [pattern]` (in the root `eventlint.toml`) covers the catalog at `path`.
fn check_glob(pattern: &str, path: &str, expect: bool) {
    let toml = format!("[[lint.overrides]]\nfiles = [{pattern:?}]\nprofile = \"telemetry\"\n");
    let (settings, errors) = Settings::new(&config(&toml), &CliSelection::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(settings.profile_of_file(path) == Profile::Telemetry, expect, "`{pattern}` on `{path}`");
}

#[test]
fn override_globs_match_path_segments() {
    check_glob("*.yaml", "catalog.yaml", true);
    check_glob("*.yaml", "teams/catalog.yaml", false);
    check_glob("**/*.yaml", "teams/catalog.yaml", true);
    check_glob("**/*.yaml", "catalog.yaml", true);
    check_glob("teams/**", "teams/a/b/catalog.yaml", true);
    check_glob("teams/*", "teams/a/catalog.yaml", false);
    check_glob("teams/?.yaml", "teams/a.yaml", true);
    check_glob("{legacy,old}/**", "old/catalog.yaml", true);
    check_glob("{legacy,old}/**", "new/catalog.yaml", false);
    check_glob("[a-c]*.yaml", "billing.yaml", true);
    check_glob("[a-c]*.yaml", "payments.yaml", false);
}

#[test]
fn an_invalid_glob_is_a_located_configuration_error() {
    let toml = "[lint.per-file-ignores]\n\"{legacy,old/**\" = [\"style\"]\n";
    let (_, errors) = Settings::new(&config(toml), &CliSelection::default());
    let messages: Vec<(&str, bool)> = errors.iter().map(|e| (e.message.as_str(), e.primary.is_some())).collect();
    assert_eq!(
        messages,
        [(
            "invalid glob `{legacy,old/**`: unclosed brace expansion at byte 0; missing '}' (to match a literal '{', \
             escape it as '\\{' or '[{]')",
            true
        )]
    );
}

#[test]
fn a_profile_table_replaces_the_built_in_adjustments() {
    let toml = "[lint]\nprofile = \"telemetry\"\n[lint.profiles.telemetry]\nignore = []\n";
    assert_ne!(run(toml, SCAN).0, "");
}

#[test]
fn a_resource_lifecycle_profile_lowers_property_sourcing_to_info() {
    let messages = "ShipmentWeightChanged: {summary: s, topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, weight: double}}
        ShipmentLengthChanged: {summary: s, topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, length: double}}
        ShipmentWidthChanged: {summary: s, topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, width: double}}";
    let (rendered, _) = run("[lint]\nprofile = \"resource-lifecycle\"\n", messages);
    assert!(rendered.starts_with("catalog.yaml:18:3 info[property-sourcing]"), "{rendered}");
}

#[test]
fn the_baseline_hides_known_findings_and_reports_stale_entries() {
    let before = Workspace::load(&shorthand(
        &format!(
            "{SCAN}\nShipmentPing: {{summary: s, consumers: [crm], fields: {{shipmentId: string, depot: string}}}}"
        ),
        "",
    ));
    let settings = Settings::default();
    let found = before.lint(&settings);
    assert_eq!(found.diagnostics.len(), 2);
    let text = write_baseline(&before.sources, &found.diagnostics);
    let baseline = Baseline::parse(&text).unwrap();
    assert_eq!(baseline.entries.len(), 2);

    let after = Workspace::load(&shorthand(SCAN, ""));
    let cx = Context::new(&after.model, &after.schemas, &after.message_schemas, &after.sources, &settings);
    let result = lint(&cx, Vec::new(), Some(&baseline));
    assert!(result.diagnostics.is_empty());
    assert_eq!((result.baselined, result.stale.len()), (1, 1));
    assert_eq!(result.stale[0].logical_path, "/messages/ShipmentPing");
}

#[test]
fn baseline_files_are_sorted_one_entry_per_line() {
    let workspace = Workspace::load(&shorthand(SCAN, ""));
    let found = workspace.lint(&Settings::default());
    insta::assert_snapshot!(write_baseline(&workspace.sources, &found.diagnostics));
}

#[test]
fn malformed_baselines_are_errors() {
    assert!(Baseline::parse("{}").is_err());
    assert!(Baseline::parse(r#"{"eventlint-baseline": 2, "findings": []}"#).unwrap_err().contains("version 2"));
}

#[test]
fn configuration_errors_are_located_and_suggest_names() {
    let toml = "[lint.severity]\nclickbait-evnt = \"error\"\n[lint.rules.crud-sourcing]\nthreshold = \"high\"\n";
    let (_, errors) = Settings::new(&config(toml), &CliSelection::default());
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("did you mean `clickbait-event`"), "{messages:?}");
    assert!(messages[1].contains("invalid options for `crud-sourcing`"), "{messages:?}");
    assert!(errors.iter().all(|e| e.primary.is_some()));
}
