//! Inline suppressions (catalog-format §13): YAML comment directives attached to nodes through the model's line
//! index, and the `.avsc` `eventlint` attribute. Each is collected once with its scope and its problems.

use std::collections::HashMap;

use eventlint_diagnostics::{FileId, Span};
use eventlint_json::{JsonMember, JsonValue};
use eventlint_yaml::DirectiveKind;

use crate::context::Context;

/// Where a suppression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `# eventlint: ignore[...]`.
    Comment,
    /// `# eventlint: file-ignore[...]`.
    FileIgnore,
    /// The `.avsc` `"eventlint": {...}` attribute.
    Attribute,
}

/// One suppression: which rules it names, over which findings, and what is wrong with it.
#[derive(Clone, Debug)]
pub(crate) struct Suppression {
    pub(crate) form: Form,
    pub(crate) file: FileId,
    /// Logical path of the node it covers, with everything below; `None` covers the whole file.
    pub(crate) scope: Option<String>,
    /// The names as written, each with its span.
    pub(crate) names: Vec<(String, Span)>,
    pub(crate) has_reason: bool,
    /// The whole comment or attribute.
    pub(crate) span: Span,
    /// A malformed directive or attribute: what is wrong, and where.
    pub(crate) problem: Option<(String, Span)>,
}

/// Suppressions by file and scope, so matching a finding costs the depth of its path, not the number of
/// suppressions.
pub(crate) struct ScopeIndex<'s> {
    file_wide: HashMap<FileId, Vec<usize>>,
    scoped: HashMap<(FileId, &'s str), Vec<usize>>,
}

impl<'s> ScopeIndex<'s> {
    pub(crate) fn new(suppressions: &'s [Suppression]) -> Self {
        let mut index = ScopeIndex { file_wide: HashMap::new(), scoped: HashMap::new() };
        for (position, suppression) in suppressions.iter().enumerate() {
            match &suppression.scope {
                None => index.file_wide.entry(suppression.file).or_default().push(position),
                Some(scope) => index.scoped.entry((suppression.file, scope.as_str())).or_default().push(position),
            }
        }
        index
    }

    /// The suppressions whose scope holds a finding at `file` and `path`: the path itself or one of its ancestors.
    pub(crate) fn covering<'a>(&'a self, file: FileId, path: &'a str) -> impl Iterator<Item = usize> + 'a {
        let ancestors = path.match_indices('/').map(|(end, _)| &path[..end]).chain(std::iter::once(path));
        let scoped =
            ancestors.filter(|scope| !scope.is_empty()).filter_map(move |scope| self.scoped.get(&(file, scope)));
        self.file_wide.get(&file).into_iter().chain(scoped).flatten().copied()
    }
}

/// Every suppression of the run: catalog comments first (file order), then schema attributes.
pub(crate) fn collect(cx: &Context) -> Vec<Suppression> {
    let mut suppressions = Vec::new();
    for file in &cx.model.files {
        for directive in &file.directives {
            let form = match directive.kind {
                DirectiveKind::Ignore => Form::Comment,
                DirectiveKind::FileIgnore => Form::FileIgnore,
                DirectiveKind::Expect => continue,
            };
            let scope = match form {
                Form::FileIgnore => None,
                _ => Some(file.path_at_line(directive.line).unwrap_or("/#unattached").to_owned()),
            };
            suppressions.push(Suppression {
                form,
                file: file.file,
                scope,
                names: directive.rules.iter().map(|rule| (rule.value.clone(), rule.span)).collect(),
                has_reason: directive.reason.as_ref().is_some_and(|reason| !reason.value.trim().is_empty()),
                span: directive.span,
                problem: directive.problem.clone().map(|problem| (problem, directive.span)),
            });
        }
    }
    for (id, node) in cx.schemas.nodes() {
        if let Some(member) = node.attribute("eventlint") {
            suppressions.push(attribute(member, node.span.file, cx.schemas.path(id)));
        }
        if let Some(record) = node.as_record() {
            for (index, field) in record.fields.iter().enumerate() {
                if let Some(member) = field.attributes.iter().find(|member| member.key == "eventlint") {
                    suppressions.push(attribute(member, field.span.file, cx.schemas.field_path(id, index)));
                }
            }
        }
    }
    suppressions
}

/// Reads an `"eventlint": {"ignore": [...], "reason": "..."}` attribute; anything else is a problem.
fn attribute(member: &JsonMember, file: FileId, scope: String) -> Suppression {
    let mut suppression = Suppression {
        form: Form::Attribute,
        file,
        scope: Some(scope),
        names: Vec::new(),
        has_reason: false,
        span: member.value.span,
        problem: None,
    };
    let malformed = |value: &JsonValue, text: &str| Some((text.to_owned(), value.span));
    let Some(members) = member.value.as_object() else {
        suppression.problem = malformed(&member.value, "the `eventlint` attribute must be an object");
        return suppression;
    };
    for entry in members {
        match entry.key.as_str() {
            "ignore" => match entry.value.as_array() {
                Some(items) => {
                    for item in items {
                        match item.as_str() {
                            Some(name) => suppression.names.push((name.to_owned(), item.span)),
                            None => suppression.problem = malformed(item, "`ignore` must list rule names as strings"),
                        }
                    }
                }
                None => suppression.problem = malformed(&entry.value, "`ignore` must be a list of rule names"),
            },
            "reason" => match entry.value.as_str() {
                Some(reason) => suppression.has_reason = !reason.trim().is_empty(),
                None => suppression.problem = malformed(&entry.value, "`reason` must be a string"),
            },
            other => {
                let text = format!("unknown key `{other}` in the `eventlint` attribute; use `ignore` and `reason`");
                suppression.problem = Some((text, entry.key_span));
            }
        }
    }
    if members.iter().all(|entry| entry.key != "ignore") && suppression.problem.is_none() {
        suppression.problem = malformed(&member.value, "the `eventlint` attribute needs an `ignore` list");
    }
    suppression
}
