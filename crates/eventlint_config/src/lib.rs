//! `eventlint.toml`: its keys (CLI spec §3.2), located errors with did-you-mean, and `extend` inheritance.
//!
//! No I/O here: the CLI reads the files, this crate turns their text into a [`Config`].

use std::collections::BTreeMap;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Severity, Span, SubjectType, did_you_mean};
use toml::de::{DeArray, DeTable, DeValue};

/// A configuration value with the place it was written, for located errors in later passes.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PerFileIgnore {
    /// A glob relative to the directory of the file that declared it.
    pub glob: Setting<String>,
    pub base_dir: String,
    pub selectors: Vec<Setting<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProfileOverride {
    pub files: Vec<Setting<String>>,
    pub base_dir: String,
    pub profile: Setting<String>,
}

/// Resolved settings; every key of CLI spec §3.2. Built-in defaults apply where no file says otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub include: Vec<Setting<String>>,
    pub exclude: Vec<Setting<String>>,
    pub profile: Option<Setting<String>>,
    /// `None` means the built-in `["recommended"]`.
    pub select: Option<Vec<Setting<String>>>,
    pub extend_select: Vec<Setting<String>>,
    pub ignore: Vec<Setting<String>>,
    pub fail_level: Severity,
    pub require_reason: bool,
    pub severity: BTreeMap<String, Setting<Severity>>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub overrides: Vec<ProfileOverride>,
    /// `[lint.rules.<rule>]` option tables, checked by the rule engine.
    pub rule_options: BTreeMap<String, Setting<serde_json::Value>>,
    /// `[lint.profiles.<profile>]` adjustments, checked by the rule engine.
    pub profile_options: BTreeMap<String, Setting<serde_json::Value>>,
    /// The shared option tables `[model]`, `[envelope]`, `[naming]` and `[avro]`, checked by the rule engine.
    pub shared_options: BTreeMap<String, Setting<serde_json::Value>>,
    pub ignore_drafts: bool,
    pub against: Option<Setting<String>>,
    pub baseline: Option<Setting<String>>,
    pub output_format: Option<Setting<String>>,
    pub simulate_max_steps: u64,
    pub simulate_shrink: bool,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            include: Vec::new(),
            exclude: Vec::new(),
            profile: None,
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            fail_level: Severity::Warning,
            require_reason: false,
            severity: BTreeMap::new(),
            per_file_ignores: Vec::new(),
            overrides: Vec::new(),
            rule_options: BTreeMap::new(),
            profile_options: BTreeMap::new(),
            shared_options: BTreeMap::new(),
            ignore_drafts: true,
            against: None,
            baseline: None,
            output_format: None,
            simulate_max_steps: 100_000_000,
            simulate_shrink: true,
            limits: Limits::default(),
        }
    }
}

/// One parsed file, before inheritance: its `extend` target and the settings it writes.
pub struct ConfigFile {
    pub extend: Option<Setting<String>>,
    text: String,
    file: FileId,
    base_dir: String,
}

const SECTIONS: &[&str] = &[
    "extend", "catalog", "lint", "breaking", "model", "envelope", "naming", "avro", "check", "output", "simulate",
    "limits",
];

impl ConfigFile {
    /// Parses the text of one `eventlint.toml`; `base_dir` is its directory relative to the project root (`""` for the root).
    pub fn parse(file: FileId, text: &str, base_dir: &str) -> (ConfigFile, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let (table, errors) = DeTable::parse_recoverable(text);
        for error in errors {
            let span = error.span().map_or(Span::at(file, 0), |r| Span::new(file, r.start, r.end));
            diagnostics.push(
                Diagnostic::load(
                    "toml-syntax",
                    format!("invalid TOML: {}", error.message().trim_end_matches('.').to_lowercase()),
                )
                .with_primary(span, ())
                .with_help("fix the TOML syntax of `eventlint.toml`")
                .with_subject(SubjectType::Config, "eventlint.toml"),
            );
        }
        let table = table.into_inner();
        let extend = table.get("extend").and_then(|value| {
            let span = Span::new(file, value.span().start, value.span().end);
            match value.get_ref() {
                DeValue::String(s) => Some(Setting { value: s.to_string(), span }),
                _ => None,
            }
        });
        (ConfigFile { extend, text: text.to_owned(), file, base_dir: base_dir.to_owned() }, diagnostics)
    }

    /// Applies this file on top of `config`: scalars and plain lists replace, `extend-select`,
    /// `per-file-ignores` and `severity` accumulate (CLI spec §3.1).
    pub fn apply_to(&self, config: &mut Config) -> Vec<Diagnostic> {
        let mut reader = Reader { file: self.file, diagnostics: Vec::new() };
        let (table, _) = DeTable::parse_recoverable(&self.text);
        reader.apply(table.get_ref(), config, &self.base_dir);
        reader.diagnostics
    }
}

struct Reader {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
}

type Entry<'a, 'i> = (&'a str, Span, &'a DeValue<'i>);

impl Reader {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    fn entries<'a, 'i>(&self, table: &'a DeTable<'i>) -> Vec<(Span, Entry<'a, 'i>)> {
        table
            .iter()
            .map(|(key, value)| {
                (self.span(key.span()), (key.get_ref().as_ref(), self.span(value.span()), value.get_ref()))
            })
            .collect()
    }

    fn unknown_key(&mut self, key: &str, key_span: Span, section: &str, known: &[&str]) {
        let mut diagnostic = Diagnostic::load("unknown-key", format!("unknown key `{key}` in {section}"))
            .with_primary(key_span, "not a setting of eventlint")
            .with_subject(SubjectType::Config, "eventlint.toml");
        let mut sorted = known.to_vec();
        sorted.sort_unstable();
        let listed = sorted.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        diagnostic = match did_you_mean(key, known.iter().copied()) {
            Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
            None => diagnostic.with_help("remove it"),
        };
        // The same note as the catalog and scenario loaders give.
        self.diagnostics.push(diagnostic.with_note(format!("known keys here: {listed}")));
    }

    fn invalid(&mut self, span: Span, message: String, help: &str) {
        self.diagnostics.push(
            Diagnostic::load("invalid-value", message)
                .with_primary(span, ())
                .with_help(help)
                .with_subject(SubjectType::Config, "eventlint.toml"),
        );
    }

    fn table<'a, 'i>(&mut self, key: &str, span: Span, value: &'a DeValue<'i>) -> Option<&'a DeTable<'i>> {
        match value {
            DeValue::Table(table) => Some(table),
            _ => {
                self.invalid(span, format!("`{key}` must be a table"), "write it as a `[section]` table");
                None
            }
        }
    }

    fn string(&mut self, key: &str, span: Span, value: &DeValue<'_>) -> Option<Setting<String>> {
        match value {
            DeValue::String(s) => Some(Setting { value: s.to_string(), span }),
            _ => {
                self.invalid(span, format!("`{key}` must be a string"), "quote the value");
                None
            }
        }
    }

    fn bool(&mut self, key: &str, span: Span, value: &DeValue<'_>) -> Option<bool> {
        match value {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.invalid(span, format!("`{key}` must be `true` or `false`"), "write `true` or `false`");
                None
            }
        }
    }

    fn integer(&mut self, key: &str, span: Span, value: &DeValue<'_>) -> Option<u64> {
        let parsed = match value {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<u64>().ok().filter(|&n| n > 0),
            _ => None,
        };
        if parsed.is_none() {
            self.invalid(span, format!("`{key}` must be a positive integer"), "write a whole number greater than 0");
        }
        parsed
    }

    fn string_list(&mut self, key: &str, span: Span, value: &DeValue<'_>) -> Option<Vec<Setting<String>>> {
        let DeValue::Array(array) = value else {
            self.invalid(span, format!("`{key}` must be a list of strings"), "write a list such as `[\"a\", \"b\"]`");
            return None;
        };
        Some(self.strings_of(key, array))
    }

    fn strings_of(&mut self, key: &str, array: &DeArray<'_>) -> Vec<Setting<String>> {
        array.iter().filter_map(|item| self.string(key, self.span(item.span()), item.get_ref())).collect()
    }

    fn severity(&mut self, key: &str, span: Span, value: &DeValue<'_>) -> Option<Severity> {
        let text = self.string(key, span, value)?;
        let severity = Severity::parse(&text.value);
        if severity.is_none() {
            self.invalid(span, format!("`{}` is not a severity", text.value), "use `error`, `warning` or `info`");
        }
        severity
    }

    fn json(&self, value: &DeValue<'_>) -> serde_json::Value {
        match value {
            DeValue::String(s) => serde_json::Value::String(s.to_string()),
            DeValue::Integer(i) => {
                i.as_str().replace('_', "").parse::<i64>().map_or(serde_json::Value::Null, Into::into)
            }
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            DeValue::Boolean(b) => serde_json::Value::Bool(*b),
            DeValue::Datetime(d) => serde_json::Value::String(d.to_string()),
            DeValue::Array(array) => array.iter().map(|item| self.json(item.get_ref())).collect(),
            DeValue::Table(table) => table
                .iter()
                .map(|(k, v)| (k.get_ref().to_string(), self.json(v.get_ref())))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    fn option_tables(
        &mut self,
        section: &str,
        span: Span,
        value: &DeValue<'_>,
        into: &mut BTreeMap<String, Setting<serde_json::Value>>,
    ) {
        let Some(table) = self.table(section, span, value) else { return };
        for (_, (name, span, value)) in self.entries(table) {
            if self.table(name, span, value).is_some() {
                into.insert(name.to_owned(), Setting { value: self.json(value), span });
            }
        }
    }

    fn apply(&mut self, table: &DeTable<'_>, config: &mut Config, base_dir: &str) {
        for (key_span, (key, span, value)) in self.entries(table) {
            match key {
                "extend" => {}
                "catalog" => self.apply_catalog(key, span, value, config),
                "lint" => self.apply_lint(key, span, value, config, base_dir),
                "breaking" => {
                    self.section(key, span, value, &["ignore-drafts"], |reader, key, span, value| {
                        if let Some(b) = reader.bool(key, span, value) {
                            config.ignore_drafts = b;
                        }
                    });
                }
                "model" | "envelope" | "naming" | "avro" => {
                    if self.table(key, span, value).is_some() {
                        config.shared_options.insert(key.to_owned(), Setting { value: self.json(value), span });
                    }
                }
                "check" => {
                    self.section(key, span, value, &["against", "baseline"], |reader, key, span, value| {
                        let setting = reader.string(key, span, value);
                        match key {
                            "against" => config.against = setting,
                            _ => config.baseline = setting,
                        }
                    });
                }
                "output" => {
                    self.section(key, span, value, &["format"], |reader, key, span, value| {
                        config.output_format = reader.string(key, span, value);
                    });
                }
                "simulate" => {
                    self.section(key, span, value, &["max-steps", "shrink"], |reader, key, span, value| match key {
                        "max-steps" => {
                            config.simulate_max_steps =
                                reader.integer(key, span, value).unwrap_or(config.simulate_max_steps)
                        }
                        _ => config.simulate_shrink = reader.bool(key, span, value).unwrap_or(config.simulate_shrink),
                    });
                }
                "limits" => {
                    self.section(
                        key,
                        span,
                        value,
                        &["max-file-bytes", "max-depth", "max-expanded-nodes"],
                        |reader, key, span, value| {
                            if let Some(n) = reader.integer(key, span, value) {
                                let n = usize::try_from(n).unwrap_or(usize::MAX);
                                match key {
                                    "max-file-bytes" => config.limits.max_file_bytes = n,
                                    "max-depth" => config.limits.max_depth = n,
                                    _ => config.limits.max_expanded_nodes = n,
                                }
                            }
                        },
                    );
                }
                _ => self.unknown_key(key, key_span, "`eventlint.toml`", SECTIONS),
            }
        }
    }

    /// Walks a section whose keys are all known, reporting unknown ones.
    fn section(
        &mut self,
        name: &str,
        span: Span,
        value: &DeValue<'_>,
        known: &[&str],
        mut each: impl FnMut(&mut Reader, &str, Span, &DeValue<'_>),
    ) {
        let Some(table) = self.table(name, span, value) else { return };
        for (key_span, (key, span, value)) in self.entries(table) {
            if known.contains(&key) {
                each(self, key, span, value);
            } else {
                self.unknown_key(key, key_span, &format!("`[{name}]`"), known);
            }
        }
    }

    fn apply_catalog(&mut self, name: &str, span: Span, value: &DeValue<'_>, config: &mut Config) {
        self.section(name, span, value, &["include", "exclude"], |reader, key, span, value| {
            if let Some(list) = reader.string_list(key, span, value) {
                match key {
                    "include" => config.include = list,
                    _ => config.exclude = list,
                }
            }
        });
    }

    fn apply_lint(&mut self, name: &str, span: Span, value: &DeValue<'_>, config: &mut Config, base_dir: &str) {
        const KEYS: &[&str] = &[
            "profile",
            "select",
            "extend-select",
            "ignore",
            "fail-level",
            "require-reason",
            "severity",
            "per-file-ignores",
            "overrides",
            "rules",
            "profiles",
        ];
        self.section(name, span, value, KEYS, |reader, key, span, value| match key {
            "profile" => config.profile = reader.string(key, span, value),
            "select" => config.select = reader.string_list(key, span, value).or(config.select.take()),
            "extend-select" => config.extend_select.extend(reader.string_list(key, span, value).unwrap_or_default()),
            "ignore" => config.ignore = reader.string_list(key, span, value).unwrap_or_default(),
            "fail-level" => config.fail_level = reader.severity(key, span, value).unwrap_or(config.fail_level),
            "require-reason" => config.require_reason = reader.bool(key, span, value).unwrap_or(config.require_reason),
            "severity" => {
                let Some(table) = reader.table(key, span, value) else { return };
                for (_, (rule, span, value)) in reader.entries(table) {
                    if let Some(severity) = reader.severity(rule, span, value) {
                        config.severity.insert(rule.to_owned(), Setting { value: severity, span });
                    }
                }
            }
            "per-file-ignores" => {
                let Some(table) = reader.table(key, span, value) else { return };
                for (glob_span, (glob, span, value)) in reader.entries(table) {
                    if let Some(selectors) = reader.string_list(glob, span, value) {
                        config.per_file_ignores.push(PerFileIgnore {
                            glob: Setting { value: glob.to_owned(), span: glob_span },
                            base_dir: base_dir.to_owned(),
                            selectors,
                        });
                    }
                }
            }
            "overrides" => {
                let DeValue::Array(array) = value else {
                    reader.invalid(
                        span,
                        "`overrides` must be an array of tables".into(),
                        "write `[[lint.overrides]]` tables",
                    );
                    return;
                };
                for item in array.iter() {
                    let item_span = reader.span(item.span());
                    let (mut files, mut profile) = (Vec::new(), None);
                    reader.section(
                        "lint.overrides",
                        item_span,
                        item.get_ref(),
                        &["files", "profile"],
                        |reader, key, span, value| match key {
                            "files" => files = reader.string_list(key, span, value).unwrap_or_default(),
                            _ => profile = reader.string(key, span, value),
                        },
                    );
                    match profile {
                        Some(profile) => {
                            config.overrides.push(ProfileOverride { files, base_dir: base_dir.to_owned(), profile })
                        }
                        None => reader.diagnostics.push(
                            Diagnostic::load("missing-key", "`[[lint.overrides]]` is missing `profile`")
                                .with_primary(item_span, ())
                                .with_help("add `profile = \"telemetry\"` (or another profile) to the override"),
                        ),
                    }
                }
            }
            "rules" => reader.option_tables(key, span, value, &mut config.rule_options),
            _ => reader.option_tables(key, span, value, &mut config.profile_options),
        });
    }
}

#[cfg(test)]
mod tests;
