//! The diagnostic record every loader, rule and engine produces, built fluently like oxc's.

use serde::Serialize;

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// `load` diagnostics stop the run (exit 2) and cannot be suppressed; `lint` ones come from rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Lint,
    Load,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub message: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectType {
    Message,
    Topic,
    Service,
    Group,
    Constraint,
    View,
    Automation,
    Screen,
    Schema,
    Scenario,
    Config,
}

/// What a finding is about, for matching `# expect:` comments and for reports.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Subject {
    #[serde(rename = "type")]
    pub kind: SubjectType,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub kind: Kind,
    /// A rule name (`clickbait-event`) or a load-error code (`load/unknown-key`).
    pub code: String,
    pub category: Option<String>,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// JSON Pointer of the node the finding is about, rooted at its file (catalog-format §12).
    pub logical_path: String,
    pub subject: Option<Subject>,
    /// Rule-specific facts, e.g. Java's triple for `incompatible-change`.
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Diagnostic {
    fn new(kind: Kind, code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            code: code.into(),
            category: None,
            severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            logical_path: String::new(),
            subject: None,
            data: None,
        }
    }

    /// A load error; `code` is the part after `load/` (`unknown-key`).
    pub fn load(code: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(Kind::Load, format!("load/{code}"), Severity::Error, message)
    }

    pub fn lint(rule: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic::new(Kind::Lint, rule, severity, message)
    }

    pub fn error(rule: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::lint(rule, Severity::Error, message)
    }

    pub fn warn(rule: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::lint(rule, Severity::Warning, message)
    }

    pub fn info(rule: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::lint(rule, Severity::Info, message)
    }

    /// The primary location, with an optional label text.
    pub fn with_primary(mut self, span: Span, message: impl Into<LabelText>) -> Self {
        self.primary = Some(Label { span, message: message.into().0 });
        self
    }

    /// A secondary label: the other half of a conflict, a declaration that explains the finding.
    pub fn with_label(mut self, span: Span, message: impl Into<LabelText>) -> Self {
        self.secondary.push(Label { span, message: message.into().0 });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_path(mut self, logical_path: impl Into<String>) -> Self {
        self.logical_path = logical_path.into();
        self
    }

    pub fn with_subject(mut self, kind: SubjectType, name: impl Into<String>) -> Self {
        self.subject = Some(Subject { kind, name: name.into() });
        self
    }

    pub fn with_category(mut self, category: impl Into<String>) -> Self {
        self.category = Some(category.into());
        self
    }

    pub fn with_data(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.data.get_or_insert_with(Default::default).insert(key.to_owned(), value.into());
        self
    }

    pub fn is_load_error(&self) -> bool {
        self.kind == Kind::Load
    }

    /// Every span of the finding, primary first.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.primary.iter().chain(&self.secondary).map(|label| label.span)
    }
}

/// An optional label text, so `with_primary(span, "text")` and `with_primary(span, ())` both read well.
pub struct LabelText(Option<String>);

impl From<()> for LabelText {
    fn from(_: ()) -> Self {
        LabelText(None)
    }
}

impl From<&str> for LabelText {
    fn from(text: &str) -> Self {
        LabelText(Some(text.to_owned()))
    }
}

impl From<String> for LabelText {
    fn from(text: String) -> Self {
        LabelText(Some(text))
    }
}

impl From<Option<String>> for LabelText {
    fn from(text: Option<String>) -> Self {
        LabelText(text)
    }
}
