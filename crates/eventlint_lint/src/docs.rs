//! Rule metadata and pages for `eventlint rule`, SARIF and the playground.

use eventlint_diagnostics::did_you_mean;
use serde::Serialize;

use crate::registry::{self, RULES};
use crate::rule::{Category, RuleDef};

/// One rule's metadata, as `eventlint rule --all --output-format json` prints it (CLI spec §2.4).
#[derive(Clone, Debug, Serialize)]
pub struct RuleInfo {
    pub name: &'static str,
    pub category: Category,
    pub default_severity: &'static str,
    pub recommended: bool,
    pub since: &'static str,
    pub summary: &'static str,
    /// The rule page (Markdown).
    pub docs: &'static str,
    /// Option names and their defaults.
    pub options: serde_json::Value,
}

impl From<&RuleDef> for RuleInfo {
    fn from(rule: &RuleDef) -> Self {
        RuleInfo {
            name: rule.name,
            category: rule.category,
            default_severity: rule.severity.as_str(),
            recommended: rule.recommended,
            since: rule.since,
            summary: rule.summary,
            docs: rule.docs(),
            options: (rule.default_options)(),
        }
    }
}

/// Every built-in rule, in catalogue order.
pub fn rules() -> Vec<RuleInfo> {
    RULES.iter().map(RuleInfo::from).collect()
}

/// The metadata of one rule; for an unknown name, the closest rule name if any (`Err(Some(..))`).
pub fn rule_info(name: &str) -> Result<RuleInfo, Option<&'static str>> {
    registry::rule(name).map(RuleInfo::from).ok_or_else(|| did_you_mean(name, registry::names()))
}

/// The Markdown page of a rule.
pub fn rule_docs(name: &str) -> Option<&'static str> {
    registry::rule(name).map(|rule| rule.docs())
}
