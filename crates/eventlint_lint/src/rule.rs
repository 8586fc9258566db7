//! What every rule declares (name, category, severity, options, page) and how the engine calls it.

use eventlint_diagnostics::{Diagnostic, Severity};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::Context;

/// The rule categories of the rule catalogue (rules/README.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Modelling,
    Avro,
    Compat,
    Flow,
    Ordering,
    Style,
}

impl Category {
    pub const ALL: [Category; 6] =
        [Category::Modelling, Category::Avro, Category::Compat, Category::Flow, Category::Ordering, Category::Style];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Modelling => "modelling",
            Category::Avro => "avro",
            Category::Compat => "compat",
            Category::Flow => "flow",
            Category::Ordering => "ordering",
            Category::Style => "style",
        }
    }

    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|category| category.as_str() == name)
    }
}

/// How the engine runs a rule.
#[derive(Clone, Copy)]
pub enum Run {
    /// Reads the model and reports findings.
    Model(fn(&Context, &mut Vec<Diagnostic>)),
    /// Judged by the engine after suppressions are applied (`unused-suppression`).
    AfterSuppressions,
    /// Found outside the engine, where schema versions meet (`eventlint_project::compat_findings`); its findings
    /// arrive as external findings.
    External,
}

/// A rule's metadata and entry point; each rule file declares one as `RULE`.
#[derive(Clone, Copy)]
pub struct RuleDef {
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub recommended: bool,
    pub since: &'static str,
    pub summary: &'static str,
    /// The options with their defaults, as JSON (an empty object when the rule has none).
    pub default_options: fn() -> serde_json::Value,
    /// Checks an `[lint.rules.<name>]` table; the error names the offending key.
    pub check_options: fn(&serde_json::Value) -> Result<(), String>,
    pub run: Run,
}

impl RuleDef {
    /// The rule page, `rules/<name>.md` (empty without the `pages` feature).
    pub fn docs(&self) -> &'static str {
        #[cfg(feature = "pages")]
        return crate::pages::page(self.name);
        #[cfg(not(feature = "pages"))]
        ""
    }
}

/// The options of a rule without any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// `default_options` for an options struct.
pub fn defaults_of<T: Default + Serialize>() -> serde_json::Value {
    serde_json::to_value(T::default()).unwrap_or_default()
}

/// `check_options` for an options struct: the table must deserialize (unknown keys and wrong types fail).
pub fn check_of<T: DeserializeOwned>(table: &serde_json::Value) -> Result<(), String> {
    serde_json::from_value::<T>(table.clone()).map(drop).map_err(|error| error.to_string())
}

/// Declares a rule's `RULE` constant from its metadata and options struct.
macro_rules! declare_rule {
    (
        name: $name:literal,
        category: $category:ident,
        severity: $severity:ident,
        recommended: $recommended:literal,
        summary: $summary:literal,
        options: $options:ty,
        run: $run:expr $(,)?
    ) => {
        pub(crate) const RULE: $crate::rule::RuleDef = $crate::rule::RuleDef {
            name: $name,
            category: $crate::rule::Category::$category,
            severity: eventlint_diagnostics::Severity::$severity,
            recommended: $recommended,
            since: "0.1.0",
            summary: $summary,
            default_options: $crate::rule::defaults_of::<$options>,
            check_options: $crate::rule::check_of::<$options>,
            run: $run,
        };
    };
}
pub(crate) use declare_rule;
