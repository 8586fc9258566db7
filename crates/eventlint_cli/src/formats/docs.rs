//! Rule documentation that SARIF and the other formats show; the rule engine plugs its catalogue in here.

use eventlint_diagnostics::Severity;

/// What a format shows about a rule besides its findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// One line, sentence case, no trailing period.
    pub summary: String,
    /// The rule page in Markdown (SARIF `fullDescription` and `help.markdown`).
    pub markdown: String,
    /// The page on the documentation site, when one is configured.
    pub url: Option<String>,
    pub default_severity: Severity,
    pub category: Option<String>,
}

/// Looks a rule (or a `load/<code>`) up by name; `None` for names it does not know.
pub trait RuleDocs {
    fn rule_doc(&self, rule: &str) -> Option<RuleDoc>;
}

/// Today's catalogue: the load errors, which all share one page.
pub struct LoadErrorDocs;

impl RuleDocs for LoadErrorDocs {
    fn rule_doc(&self, rule: &str) -> Option<RuleDoc> {
        let code = rule.strip_prefix("load/")?;
        Some(RuleDoc {
            summary: format!("An input could not be loaded (`{code}`)"),
            markdown: format!(
                "eventlint could not load a catalog, schema or configuration file (`load/{code}`). \
                 Nothing is linted until every input loads, so the run exits with code 2.\n\n\
                 Fix the file at the reported location; the finding's `help` says how."
            ),
            url: None,
            default_severity: Severity::Error,
            category: Some("load".to_owned()),
        })
    }
}

/// The full catalogue: every rule of the engine, plus the load errors.
pub struct CatalogueDocs;

impl RuleDocs for CatalogueDocs {
    fn rule_doc(&self, rule: &str) -> Option<RuleDoc> {
        let Ok(info) = eventlint_lint::rule_info(rule) else { return LoadErrorDocs.rule_doc(rule) };
        Some(RuleDoc {
            summary: info.summary.to_owned(),
            markdown: info.docs.to_owned(),
            url: None,
            default_severity: Severity::parse(info.default_severity).unwrap_or(Severity::Warning),
            category: Some(info.category.as_str().to_owned()),
        })
    }
}
