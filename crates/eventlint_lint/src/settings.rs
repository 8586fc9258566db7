//! Resolved lint settings: which rules run (CLI spec §3.3), their severities and options, profiles, per-file
//! ignores and the shared option tables, checked against the rule registry with located errors.

use std::collections::{BTreeMap, HashMap, HashSet};

use eventlint_config::Config;
use eventlint_diagnostics::{Diagnostic, Severity, Span, SubjectType, did_you_mean};
use eventlint_naming::{Classifier, Lexicon, NamingOverlays, WordListOverlay};
use serde::Deserialize;

use crate::registry::{self, RuleKey, rule};
use crate::rule::Category;

/// `--select`, `--extend-select` and `--ignore` as given on the command line.
#[derive(Clone, Debug, Default)]
pub struct CliSelection {
    /// Replaces the configured `select` when given.
    pub select: Option<Vec<String>>,
    /// Added to the configured `extend-select`.
    pub extend_select: Vec<String>,
    /// Added to the configured `ignore`.
    pub ignore: Vec<String>,
}

/// A selector (CLI spec §3.3) with its specificity: a rule name beats a category, which beats `recommended`/`all`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Selector {
    All,
    Recommended,
    Category(Category),
    Rule(&'static str),
}

impl Selector {
    pub(crate) fn parse(text: &str) -> Option<Selector> {
        match text {
            "all" => Some(Selector::All),
            "recommended" => Some(Selector::Recommended),
            _ => Category::parse(text)
                .map(Selector::Category)
                .or_else(|| registry::key(text).map(|r| Selector::Rule(r.name))),
        }
    }

    fn specificity(&self) -> u8 {
        match self {
            Selector::All | Selector::Recommended => 1,
            Selector::Category(_) => 2,
            Selector::Rule(_) => 3,
        }
    }

    pub(crate) fn matches(&self, rule: RuleKey) -> bool {
        match self {
            Selector::All => true,
            Selector::Recommended => rule.recommended,
            Selector::Category(category) => rule.category == *category,
            Selector::Rule(name) => rule.name == *name,
        }
    }
}

/// Whether `rule` is selected: the most specific matching selector decides, and `ignore` wins ties.
fn selected(rule: RuleKey, include: &[Selector], exclude: &[Selector]) -> bool {
    let best = |selectors: &[Selector]| selectors.iter().filter(|s| s.matches(rule)).map(Selector::specificity).max();
    match (best(include), best(exclude)) {
        (Some(included), Some(excluded)) => included > excluded,
        (included, _) => included.is_some(),
    }
}

/// The catalogue profiles (rules/README.md §6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    Ddd,
    Telemetry,
    ResourceLifecycle,
    Cdc,
}

impl Profile {
    pub const ALL: [Profile; 4] = [Profile::Ddd, Profile::Telemetry, Profile::ResourceLifecycle, Profile::Cdc];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Ddd => "ddd",
            Profile::Telemetry => "telemetry",
            Profile::ResourceLifecycle => "resource-lifecycle",
            Profile::Cdc => "cdc",
        }
    }

    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|profile| profile.as_str() == name)
    }

    /// The built-in adjustments: rules ignored, and severities changed.
    fn built_in(self) -> ProfileAdjustments {
        let rules = |names: &[&'static str]| names.iter().map(|&name| Selector::Rule(name)).collect();
        match self {
            Profile::Ddd => ProfileAdjustments::default(),
            Profile::Telemetry => ProfileAdjustments {
                ignore: rules(&[
                    "event-name-not-past-tense",
                    "command-disguised-as-event",
                    "state-obsession",
                    "property-sourcing",
                ]),
                ..ProfileAdjustments::default()
            },
            Profile::ResourceLifecycle => ProfileAdjustments {
                ignore: rules(&["crud-sourcing"]),
                severity: HashMap::from([("property-sourcing", Severity::Info)]),
                ..ProfileAdjustments::default()
            },
            Profile::Cdc => ProfileAdjustments {
                ignore: rules(&["crud-sourcing", "property-sourcing", "state-obsession", "event-name-not-past-tense"]),
                ..ProfileAdjustments::default()
            },
        }
    }
}

/// What a profile changes for the findings about a message under it.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProfileAdjustments {
    pub(crate) ignore: Vec<Selector>,
    pub(crate) extend_select: Vec<Selector>,
    pub(crate) severity: HashMap<&'static str, Severity>,
}

/// `[lint.profiles.<profile>]`: each key replaces the built-in one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProfileTable {
    ignore: Option<Vec<String>>,
    extend_select: Option<Vec<String>>,
    severity: Option<BTreeMap<String, String>>,
}

/// `[model]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ModelTable {
    metadata_fields: Option<Vec<String>>,
}

/// `[envelope]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct EnvelopeTable {
    provides: Vec<String>,
    record: String,
}

/// `[naming]`: each list extends the built-in one.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct NamingTable {
    extra_verbs: Vec<String>,
    command_verbs: Vec<String>,
    not_past: Vec<String>,
    condition_words: Vec<String>,
}

/// `[avro]`: the oldest Avro version the schemas must load on.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct AvroTable {
    target_version: Option<String>,
}

/// The default `[model] metadata-fields` (rules/README.md §3.2).
const METADATA_FIELDS: &[&str] = &[
    "eventId",
    "eventType",
    "eventVersion",
    "schemaVersion",
    "version",
    "correlationId",
    "causationId",
    "traceId",
    "spanId",
    "source",
    "meta",
    "metadata",
    "headers",
];

const ENVELOPE_FACTS: &[&str] = &["event-id", "occurred-at", "subject-id"];

/// A validated glob over project-relative `/` paths: `*` and `?` stay within one path segment, `**` spans
/// segments, `[a-z]` and `{a,b}` as usual. Matched by `fast-glob`, which needs no regex engine (the playground's
/// module would otherwise carry one).
struct FileGlob(String);

impl FileGlob {
    fn is_match(&self, path: &str) -> bool {
        fast_glob::glob_match(&self.0, path)
    }
}

/// A per-file ignore: a glob relative to the project root and the selectors it removes.
struct FileIgnore {
    glob: FileGlob,
    selectors: Vec<Selector>,
}

/// Everything the engine and the rules read from the configuration, resolved once per run.
pub struct Settings {
    enabled: HashSet<&'static str>,
    pub(crate) severity: HashMap<&'static str, Severity>,
    per_file_ignores: Vec<FileIgnore>,
    profile: Profile,
    overrides: Vec<(Vec<FileGlob>, Profile)>,
    profiles: HashMap<Profile, ProfileAdjustments>,
    options: HashMap<&'static str, serde_json::Value>,
    pub(crate) require_reason: bool,
    /// `[breaking] ignore-drafts`: draft messages get no compatibility findings.
    pub(crate) ignore_drafts: bool,
    /// Normalised `[model] metadata-fields`.
    pub(crate) metadata_fields: Vec<String>,
    /// `[envelope] provides`.
    pub(crate) envelope_provides: Vec<String>,
    /// `[envelope] record`, empty when unset.
    pub(crate) envelope_record: String,
    pub(crate) classifier: Classifier,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new(&Config::default(), &CliSelection::default()).0
    }
}

/// Collects located configuration errors.
struct Errors(Vec<Diagnostic>);

impl Errors {
    fn push(&mut self, span: Option<Span>, message: String, help: &str) {
        let mut diagnostic = Diagnostic::load("invalid-value", message)
            .with_help(help)
            .with_subject(SubjectType::Config, "eventlint.toml");
        if let Some(span) = span {
            diagnostic = diagnostic.with_primary(span, ());
        }
        self.0.push(diagnostic);
    }

    fn selector(&mut self, text: &str, span: Option<Span>) -> Option<Selector> {
        let selector = Selector::parse(text);
        if selector.is_none() {
            let candidates = registry::names().chain(Category::ALL.map(Category::as_str)).chain(["all", "recommended"]);
            let message = match did_you_mean(text, candidates) {
                Some(suggestion) => format!("unknown rule or category `{text}` (did you mean `{suggestion}`?)"),
                None => format!("unknown rule or category `{text}`"),
            };
            self.push(span, message, "use a rule name, a category, `recommended` or `all`");
        }
        selector
    }

    fn rule_name(&mut self, text: &str, span: Option<Span>) -> Option<&'static str> {
        let found = registry::key(text).map(|r| r.name);
        if found.is_none() {
            let message = match did_you_mean(text, registry::names()) {
                Some(suggestion) => format!("unknown rule `{text}` (did you mean `{suggestion}`?)"),
                None => format!("unknown rule `{text}`"),
            };
            self.push(span, message, "use a rule name from `eventlint rule --all`");
        }
        found
    }

    fn profile(&mut self, text: &str, span: Option<Span>) -> Option<Profile> {
        let found = Profile::parse(text);
        if found.is_none() {
            let names = Profile::ALL.map(Profile::as_str);
            let message = match did_you_mean(text, names) {
                Some(suggestion) => format!("unknown profile `{text}` (did you mean `{suggestion}`?)"),
                None => format!("unknown profile `{text}`"),
            };
            self.push(span, message, "use one of `ddd`, `telemetry`, `resource-lifecycle`, `cdc`");
        }
        found
    }

    fn glob(&mut self, base_dir: &str, pattern: &str, span: Span) -> Option<FileGlob> {
        let full = if base_dir.is_empty() { pattern.to_owned() } else { format!("{base_dir}/{pattern}") };
        match fast_glob::validate(pattern).and_then(|()| fast_glob::validate(&full)) {
            Ok(()) => Some(FileGlob(full)),
            Err(error) => {
                self.push(Some(span), format!("invalid glob `{pattern}`: {error}"), "fix the glob pattern");
                None
            }
        }
    }

    /// Deserializes an option table, reporting a wrong key or type at the table.
    fn table<T: for<'de> Deserialize<'de>>(&mut self, what: &str, value: &serde_json::Value, span: Span) -> Option<T> {
        match serde_json::from_value(value.clone()) {
            Ok(table) => Some(table),
            Err(error) => {
                self.push(Some(span), format!("invalid {what}: {error}"), "fix the option name or its type");
                None
            }
        }
    }
}

impl Settings {
    /// Resolves the configuration and the command-line selection; configuration errors are load errors (exit 2).
    pub fn new(config: &Config, cli: &CliSelection) -> (Settings, Vec<Diagnostic>) {
        let mut errors = Errors(Vec::new());
        let mut include = Vec::new();
        match (&cli.select, &config.select) {
            (Some(select), _) => include.extend(select.iter().filter_map(|s| errors.selector(s, None))),
            (None, Some(select)) => {
                include.extend(select.iter().filter_map(|s| errors.selector(&s.value, Some(s.span))))
            }
            (None, None) => include.push(Selector::Recommended),
        }
        include.extend(config.extend_select.iter().filter_map(|s| errors.selector(&s.value, Some(s.span))));
        include.extend(cli.extend_select.iter().filter_map(|s| errors.selector(s, None)));
        let mut exclude: Vec<Selector> =
            config.ignore.iter().filter_map(|s| errors.selector(&s.value, Some(s.span))).collect();
        exclude.extend(cli.ignore.iter().filter_map(|s| errors.selector(s, None)));
        let enabled = registry::keys().filter(|&key| selected(key, &include, &exclude)).map(|key| key.name).collect();

        let mut severity = HashMap::new();
        for (name, setting) in &config.severity {
            if let Some(name) = errors.rule_name(name, Some(setting.span)) {
                severity.insert(name, setting.value);
            }
        }

        let mut per_file_ignores = Vec::new();
        for entry in &config.per_file_ignores {
            let selectors = entry.selectors.iter().filter_map(|s| errors.selector(&s.value, Some(s.span))).collect();
            if let Some(glob) = errors.glob(&entry.base_dir, &entry.glob.value, entry.glob.span) {
                per_file_ignores.push(FileIgnore { glob, selectors });
            }
        }

        let profile =
            config.profile.as_ref().and_then(|p| errors.profile(&p.value, Some(p.span))).unwrap_or(Profile::Ddd);
        let mut overrides = Vec::new();
        for entry in &config.overrides {
            let globs = entry.files.iter().filter_map(|f| errors.glob(&entry.base_dir, &f.value, f.span)).collect();
            if let Some(profile) = errors.profile(&entry.profile.value, Some(entry.profile.span)) {
                overrides.push((globs, profile));
            }
        }

        let mut profiles: HashMap<Profile, ProfileAdjustments> =
            Profile::ALL.into_iter().map(|p| (p, p.built_in())).collect();
        for (name, setting) in &config.profile_options {
            let Some(profile) = errors.profile(name, Some(setting.span)) else { continue };
            let what = format!("`[lint.profiles.{name}]`");
            let Some(table) = errors.table::<ProfileTable>(&what, &setting.value, setting.span) else { continue };
            let adjustments = profiles.entry(profile).or_default();
            let span = Some(setting.span);
            if let Some(ignore) = table.ignore {
                adjustments.ignore = ignore.iter().filter_map(|s| errors.selector(s, span)).collect();
            }
            if let Some(extend) = table.extend_select {
                adjustments.extend_select = extend.iter().filter_map(|s| errors.selector(s, span)).collect();
            }
            if let Some(levels) = table.severity {
                adjustments.severity.clear();
                for (rule_name, level) in levels {
                    let Some(rule_name) = errors.rule_name(&rule_name, span) else { continue };
                    match Severity::parse(&level) {
                        Some(level) => drop(adjustments.severity.insert(rule_name, level)),
                        None => errors.push(span, format!("invalid severity `{level}`"), "use error, warning or info"),
                    }
                }
            }
        }

        let mut options: HashMap<&'static str, serde_json::Value> =
            registry::RULES.iter().map(|rule| (rule.name, (rule.default_options)())).collect();
        for (name, setting) in &config.rule_options {
            let Some(name) = errors.rule_name(name, Some(setting.span)) else { continue };
            let Some(rule) = rule(name) else { continue };
            let mut merged = (rule.default_options)();
            if let (Some(merged), Some(given)) = (merged.as_object_mut(), setting.value.as_object()) {
                merged.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            match (rule.check_options)(&merged) {
                Ok(()) => drop(options.insert(rule.name, merged)),
                Err(error) => errors.push(
                    Some(setting.span),
                    format!("invalid options for `{name}`: {error}"),
                    "use the options documented on the rule page (`eventlint rule NAME`)",
                ),
            }
        }

        let shared = |key: &str| config.shared_options.get(key);
        let mut metadata_fields: Vec<String> = METADATA_FIELDS.iter().map(|f| normalise(f)).collect();
        if let Some(setting) = shared("model")
            && let Some(table) = errors.table::<ModelTable>("`[model]`", &setting.value, setting.span)
            && let Some(fields) = table.metadata_fields
        {
            metadata_fields = fields.iter().map(|f| normalise(f)).collect();
        }
        let mut envelope = EnvelopeTable::default();
        if let Some(setting) = shared("envelope")
            && let Some(table) = errors.table::<EnvelopeTable>("`[envelope]`", &setting.value, setting.span)
        {
            for fact in &table.provides {
                if !ENVELOPE_FACTS.contains(&fact.as_str()) {
                    errors.push(
                        Some(setting.span),
                        format!("unknown envelope fact `{fact}`"),
                        "use `event-id`, `occurred-at` or `subject-id`",
                    );
                }
            }
            envelope = table;
        }
        let mut overlays = NamingOverlays::default();
        if let Some(setting) = shared("naming")
            && let Some(table) = errors.table::<NamingTable>("`[naming]`", &setting.value, setting.span)
        {
            overlays = NamingOverlays {
                extra_verbs: WordListOverlay::extend(table.extra_verbs),
                command_verbs: WordListOverlay::extend(table.command_verbs),
                not_past: WordListOverlay::extend(table.not_past),
                condition_words: WordListOverlay::extend(table.condition_words),
            };
        }
        if let Some(setting) = shared("avro")
            && let Some(table) = errors.table::<AvroTable>("`[avro]`", &setting.value, setting.span)
        {
            match table.target_version.as_deref() {
                // Up to 1.11 a union default must match the first branch (rules/avro.md).
                Some("1.11") => drop(severity.entry("union-default-not-first-branch").or_insert(Severity::Error)),
                Some("1.12") | None => {}
                Some(other) => errors.push(
                    Some(setting.span),
                    format!("unknown Avro target version `{other}`"),
                    "use `1.11` or `1.12`",
                ),
            }
        }

        let settings = Settings {
            enabled,
            severity,
            per_file_ignores,
            profile,
            overrides,
            profiles,
            options,
            require_reason: config.require_reason,
            ignore_drafts: config.ignore_drafts,
            metadata_fields,
            envelope_provides: envelope.provides,
            envelope_record: envelope.record,
            classifier: Classifier::new(Lexicon::new(overlays)),
        };
        (settings, errors.0)
    }

    /// Settings that run exactly one rule with its default options (the doc-example harness and rule tests).
    pub fn only(rule_name: &str) -> Settings {
        let cli = CliSelection { select: Some(vec![rule_name.to_owned()]), ..CliSelection::default() };
        Settings::new(&Config::default(), &cli).0
    }

    /// Replaces one rule's options (merged over its defaults); the error says what is wrong.
    pub fn set_options(&mut self, rule_name: &str, table: serde_json::Value) -> Result<(), String> {
        let rule = rule(rule_name).ok_or_else(|| format!("unknown rule `{rule_name}`"))?;
        let mut merged = (rule.default_options)();
        if let (Some(merged), Some(given)) = (merged.as_object_mut(), table.as_object()) {
            merged.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        (rule.check_options)(&merged)?;
        self.options.insert(rule.name, merged);
        Ok(())
    }

    /// Whether a catalogue rule is selected for the run.
    pub fn is_enabled(&self, name: &str) -> bool {
        self.enabled.contains(name)
    }

    pub(crate) fn ignored_in_file(&self, rule: RuleKey, path: &str) -> bool {
        self.per_file_ignores
            .iter()
            .any(|entry| entry.glob.is_match(path) && entry.selectors.iter().any(|s| s.matches(rule)))
    }

    /// The profile of a catalog file: the last matching override, else `[lint] profile`.
    pub fn profile_of_file(&self, path: &str) -> Profile {
        self.overrides
            .iter()
            .rev()
            .find(|(globs, _)| globs.iter().any(|glob| glob.is_match(path)))
            .map_or(self.profile, |(_, profile)| *profile)
    }

    pub(crate) fn adjustments(&self, profile: Profile) -> Option<&ProfileAdjustments> {
        self.profiles.get(&profile)
    }

    /// A rule's options, deserialized; the defaults if the stored table does not fit (it was checked on entry).
    pub(crate) fn options<T: for<'de> Deserialize<'de> + Default>(&self, rule_name: &str) -> T {
        self.options.get(rule_name).and_then(|value| serde_json::from_value(value.clone()).ok()).unwrap_or_default()
    }
}

/// Field-name normalisation (DECISIONS 10): lowercase, with `_`, `-`, spaces and case boundaries removed.
pub fn normalise(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '.')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(select: &[&str], extend: &[&str], ignore: &[&str]) -> Vec<&'static str> {
        let cli = CliSelection {
            select: Some(select.iter().map(|s| s.to_string()).collect()),
            extend_select: extend.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        };
        let (settings, errors) = Settings::new(&Config::default(), &cli);
        assert!(errors.is_empty(), "{errors:?}");
        registry::names().filter(|name| settings.is_enabled(name)).collect()
    }

    #[test]
    fn the_more_specific_selector_wins() {
        let rules = enabled(&["all"], &["clickbait-event"], &["modelling"]);
        assert!(rules.contains(&"clickbait-event"));
        assert!(!rules.contains(&"crud-sourcing"));
        assert!(rules.contains(&"missing-summary"));
    }

    #[test]
    fn ignore_wins_a_tie() {
        assert!(!enabled(&["modelling"], &[], &["modelling"]).contains(&"crud-sourcing"));
        assert!(!enabled(&["clickbait-event"], &[], &["clickbait-event"]).contains(&"clickbait-event"));
    }

    #[test]
    fn recommended_leaves_out_opt_in_rules() {
        let rules = enabled(&["recommended"], &[], &[]);
        assert!(rules.contains(&"clickbait-event"));
        assert!(!rules.contains(&"suppression-without-reason"));
        assert!(enabled(&["all"], &[], &[]).contains(&"suppression-without-reason"));
    }

    #[test]
    fn unknown_selectors_are_errors_with_a_suggestion() {
        let cli = CliSelection { select: Some(vec!["clickbait-evnt".into()]), ..CliSelection::default() };
        let (_, errors) = Settings::new(&Config::default(), &cli);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("did you mean `clickbait-event`"), "{}", errors[0].message);
    }

    #[test]
    fn option_tables_are_checked() {
        let mut settings = Settings::default();
        assert!(settings.set_options("clickbait-event", serde_json::json!({"threshold": 4})).is_ok());
        let error = settings.set_options("clickbait-event", serde_json::json!({"treshold": 4})).unwrap_err();
        assert!(error.contains("treshold"), "{error}");
        let error = settings.set_options("clickbait-event", serde_json::json!({"threshold": "high"})).unwrap_err();
        assert!(error.contains("invalid type"), "{error}");
    }

    #[test]
    fn normalise_removes_separators_and_case() {
        assert_eq!(normalise("updated_at"), normalise("updatedAt"));
        assert_eq!(normalise("Event-ID"), "eventid");
    }
}
