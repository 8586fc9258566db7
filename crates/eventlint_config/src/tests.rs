//! Data-driven tests of `eventlint.toml` parsing: one `check` helper, many tiny fixtures.

use eventlint_diagnostics::{Sources, render_concise, resolve_all};

use super::*;

fn load(text: &str) -> (Config, String) {
    let mut sources = Sources::new();
    let file = sources.add("eventlint.toml", text);
    let (parsed, mut diagnostics) = ConfigFile::parse(file, text, "");
    let mut config = Config::default();
    diagnostics.extend(parsed.apply_to(&mut config));
    let rendered = resolve_all(&sources, &diagnostics, false)
        .iter()
        .map(|d| format!("{} | {}", render_concise(d), d.help.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n");
    (config, rendered)
}

fn check(text: &str, expect: &str) {
    assert_eq!(load(text).1, expect.trim(), "config:\n{text}");
}

#[test]
fn empty_file_gives_the_defaults() {
    let (config, errors) = load("");
    assert_eq!(errors, "");
    assert_eq!(config, Config::default());
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    check(
        "[lint]\nfail_level = \"error\"\n",
        "eventlint.toml:2:1: error[load/unknown-key] unknown key `fail_level` in `[lint]` | did you mean `fail-level`?",
    );
    check(
        "[lnit]\n",
        "eventlint.toml:1:2: error[load/unknown-key] unknown key `lnit` in `eventlint.toml` | did you mean `lint`?",
    );
}

#[test]
fn wrong_types_are_located() {
    check(
        "[lint]\nfail-level = \"fatal\"\n",
        "eventlint.toml:2:14: error[load/invalid-value] `fatal` is not a severity | use `error`, `warning` or `info`",
    );
    check(
        "[limits]\nmax-depth = \"deep\"\n",
        "eventlint.toml:2:13: error[load/invalid-value] `max-depth` must be a positive integer | write a whole number greater than 0",
    );
    check(
        "[catalog]\ninclude = \"schemas\"\n",
        "eventlint.toml:2:11: error[load/invalid-value] `include` must be a list of strings | write a list such as `[\"a\", \"b\"]`",
    );
}

#[test]
fn syntax_errors_are_located() {
    let (_, errors) = load("[lint\n");
    assert!(errors.starts_with("eventlint.toml:1:"), "{errors}");
    assert!(errors.contains("load/toml-syntax"), "{errors}");
}

#[test]
fn reads_every_section() {
    let (config, errors) = load(
        r#"
[catalog]
include = ["catalogs", "schemas"]
exclude = ["**/testdata/**"]
[lint]
profile = "telemetry"
select = ["all"]
extend-select = ["clickbait-event"]
ignore = ["modelling"]
fail-level = "error"
require-reason = true
[lint.severity]
crud-sourcing = "error"
[lint.per-file-ignores]
"legacy/**" = ["modelling"]
[[lint.overrides]]
files = ["analytics/**"]
profile = "telemetry"
[lint.rules.clickbait-event]
threshold = 3
[breaking]
ignore-drafts = false
[model]
metadata-fields = ["eventId"]
[check]
against = "origin/main"
baseline = "eventlint-baseline.json"
[output]
format = "concise"
[simulate]
max-steps = 1000
shrink = false
[limits]
max-depth = 64
"#,
    );
    assert_eq!(errors, "");
    assert_eq!(config.include.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["catalogs", "schemas"]);
    assert_eq!(config.fail_level, Severity::Error);
    assert!(config.require_reason);
    assert_eq!(config.severity["crud-sourcing"].value, Severity::Error);
    assert_eq!(config.per_file_ignores[0].glob.value, "legacy/**");
    assert_eq!(config.overrides[0].profile.value, "telemetry");
    assert_eq!(config.rule_options["clickbait-event"].value, serde_json::json!({"threshold": 3}));
    assert!(!config.ignore_drafts);
    assert_eq!(config.shared_options["model"].value, serde_json::json!({"metadata-fields": ["eventId"]}));
    assert_eq!(config.against.as_ref().map(|s| s.value.as_str()), Some("origin/main"));
    assert_eq!(config.output_format.as_ref().map(|s| s.value.as_str()), Some("concise"));
    assert_eq!((config.simulate_max_steps, config.simulate_shrink), (1000, false));
    assert_eq!(config.limits.max_depth, 64);
}

#[test]
fn inheritance_replaces_scalars_and_accumulates_tables() {
    let mut sources = Sources::new();
    let base_text =
        "[lint]\nextend-select = [\"a\"]\nignore = [\"x\"]\nfail-level = \"info\"\n[lint.severity]\nr1 = \"error\"\n";
    let child_text = "extend = \"../eventlint.toml\"\n[lint]\nextend-select = [\"b\"]\nignore = [\"y\"]\n[lint.severity]\nr2 = \"info\"\n";
    let base_file = sources.add("eventlint.toml", base_text);
    let child_file = sources.add("sub/eventlint.toml", child_text);
    let (base, _) = ConfigFile::parse(base_file, base_text, "");
    let (child, _) = ConfigFile::parse(child_file, child_text, "sub");
    assert_eq!(child.extend.as_ref().map(|s| s.value.as_str()), Some("../eventlint.toml"));
    let mut config = Config::default();
    assert!(base.apply_to(&mut config).is_empty());
    assert!(child.apply_to(&mut config).is_empty());
    let names = |list: &[Setting<String>]| list.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
    assert_eq!(names(&config.extend_select), ["a", "b"]);
    assert_eq!(names(&config.ignore), ["y"]);
    assert_eq!(config.fail_level, Severity::Info);
    assert_eq!(config.severity.keys().collect::<Vec<_>>(), ["r1", "r2"]);
}
