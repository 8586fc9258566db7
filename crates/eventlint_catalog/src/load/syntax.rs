//! Syntax checks of catalog tokens: names, key paths and schema references (catalog-format §1, §6.3).

use eventlint_diagnostics::Diagnostic;
use eventlint_yaml::Spanned;

/// Which naming convention a name must follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// Services, groups and constraints: `[A-Za-z0-9._-]`.
    Resource,
    /// Topics: as resources, at most 249 characters (Kafka's rule).
    Topic,
    /// Messages, views, automations and screens: `[A-Za-z][A-Za-z0-9_.-]*`.
    Message,
}

impl NameKind {
    fn describe(self) -> &'static str {
        match self {
            NameKind::Resource => "letters, digits, `.`, `_` and `-`",
            NameKind::Topic => "letters, digits, `.`, `_` and `-`, at most 249 characters",
            NameKind::Message => "a letter, then letters, digits, `.`, `_` and `-`",
        }
    }
}

/// Checks a declared name; returns the `load/invalid-value` diagnostic if it breaks the convention.
pub fn check_name(name: &Spanned<String>, kind: NameKind, section: &str, path: &str) -> Option<Diagnostic> {
    let text = name.value.as_str();
    if text.starts_with("x-") {
        return Some(
            Diagnostic::load("invalid-value", format!("`{text}`: names must not start with `x-`"))
                .with_primary(name.span, "reserved prefix")
                .with_help(format!("rename it; `x-*` extensions are not allowed in `{section}`, whose keys are names"))
                .with_path(path),
        );
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let valid = match kind {
        NameKind::Resource => !text.is_empty() && text.chars().all(allowed),
        NameKind::Topic => !text.is_empty() && text.len() <= 249 && text.chars().all(allowed),
        NameKind::Message => text.starts_with(|c: char| c.is_ascii_alphabetic()) && text.chars().all(allowed),
    };
    (!valid).then(|| {
        Diagnostic::load("invalid-value", format!("invalid name `{text}`"))
            .with_primary(name.span, "invalid name")
            .with_help(format!("use {}", kind.describe()))
            .with_path(path)
    })
}

/// A key path: dot-separated Avro field names (`paymentId`, `payment.id`).
pub fn check_key_path(key: &Spanned<String>, path: &str) -> Option<Diagnostic> {
    let is_field = |segment: &str| {
        segment.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    (!key.value.split('.').all(is_field)).then(|| {
        Diagnostic::load("invalid-value", format!("invalid key path `{}`", key.value))
            .with_primary(key.span, "not a key path")
            .with_help("write dot-separated field names of the payload record, for example `payment.id`")
            .with_path(path)
    })
}

/// A schema reference split into its normalised project-relative file and its `#Full.Name` fragment.
#[derive(Debug, PartialEq, Eq)]
pub struct ParsedSchemaRef {
    pub file: String,
    pub fragment: Option<String>,
}

/// Why a schema reference cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum SchemaRefError {
    /// A form reserved for later versions (`load/unsupported-feature`): the message and the help.
    Unsupported(&'static str, &'static str),
    /// A malformed reference (`load/invalid-value`): the message and the help.
    Invalid(String, &'static str),
}

/// Parses `schemas/x.avsc#com.example.X` relative to the catalog's directory (`catalog_dir`, project-relative).
pub fn parse_schema_ref(raw: &str, catalog_dir: &str) -> Result<ParsedSchemaRef, SchemaRefError> {
    const RELATIVE: &str = "write a path relative to this catalog file, inside the project";
    if raw.starts_with("registry:") {
        return Err(SchemaRefError::Unsupported(
            "Schema Registry references are reserved for a later format version",
            "point at the `.avsc` file instead",
        ));
    }
    if raw.contains("://") || raw.starts_with(['/', '\\']) || raw.as_bytes().get(1) == Some(&b':') {
        return Err(SchemaRefError::Unsupported("absolute paths and URLs are not supported in version 1", RELATIVE));
    }
    let (file, fragment) = match raw.split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (raw, None),
    };
    if fragment.is_some_and(|f| f.starts_with('/')) {
        return Err(SchemaRefError::Unsupported(
            "JSON-pointer schema references are reserved for a later format version",
            "reference the named type by its full name: `file.avsc#com.example.Name`",
        ));
    }
    if file.ends_with(".avdl") {
        return Err(SchemaRefError::Unsupported(
            "Avro IDL (`.avdl`) schemas are reserved for a later format version",
            "convert the protocol to `.avsc` files",
        ));
    }
    if file.is_empty() || file.contains('\\') {
        return Err(SchemaRefError::Invalid(format!("invalid schema path `{raw}`"), "write the path with `/`"));
    }
    if fragment == Some("") {
        return Err(SchemaRefError::Invalid(
            format!("empty type name after `#` in `{raw}`"),
            "write the full name of the type after `#`, or drop the `#`",
        ));
    }
    let mut segments: Vec<&str> = catalog_dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in file.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err(SchemaRefError::Invalid(
                        "schema path leaves the project root".to_owned(),
                        "keep schema files inside the project and point at them with a relative path",
                    ));
                }
            }
            segment => segments.push(segment),
        }
    }
    Ok(ParsedSchemaRef { file: segments.join("/"), fragment: fragment.map(str::to_owned) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, dir: &str, expect: &str) {
        let actual = match parse_schema_ref(raw, dir) {
            Ok(r) => format!("{} {}", r.file, r.fragment.as_deref().unwrap_or("-")),
            Err(SchemaRefError::Unsupported(message, _)) => format!("unsupported: {message}"),
            Err(SchemaRefError::Invalid(message, _)) => format!("invalid: {message}"),
        };
        assert_eq!(actual, expect);
    }

    #[test]
    fn schema_refs() {
        check("schemas/A.avsc", "", "schemas/A.avsc -");
        check("schemas/A.avsc", "examples/payments", "examples/payments/schemas/A.avsc -");
        check("./schemas/../schemas/A.avsc#com.x.A", "cat", "cat/schemas/A.avsc com.x.A");
        check("../shared/M.avsc", "teams/a", "teams/shared/M.avsc -");
        check("../../../etc/passwd", "teams/a", "invalid: schema path leaves the project root");
        check("/etc/passwd", "", "unsupported: absolute paths and URLs are not supported in version 1");
        check("C:/x.avsc", "", "unsupported: absolute paths and URLs are not supported in version 1");
        check("https://x/y.avsc", "", "unsupported: absolute paths and URLs are not supported in version 1");
        check(
            "registry:payments-value@3",
            "",
            "unsupported: Schema Registry references are reserved for a later format version",
        );
        check("p.avdl", "", "unsupported: Avro IDL (`.avdl`) schemas are reserved for a later format version");
        check(
            "a.json#/components/x",
            "",
            "unsupported: JSON-pointer schema references are reserved for a later format version",
        );
        check("a\\b.avsc", "", "invalid: invalid schema path `a\\b.avsc`");
    }

    #[test]
    fn names_and_key_paths() {
        let name = |s: &str| Spanned::new(s.to_owned(), Default::default());
        assert!(check_name(&name("ledger-service"), NameKind::Resource, "services", "").is_none());
        assert!(check_name(&name("x-ledger"), NameKind::Resource, "services", "").is_some());
        assert!(check_name(&name("bad name"), NameKind::Resource, "services", "").is_some());
        assert!(check_name(&name("1Payment"), NameKind::Message, "messages", "").is_some());
        assert!(check_name(&name("Payment.v2_a-b"), NameKind::Message, "messages", "").is_none());
        assert!(check_name(&name(&"t".repeat(250)), NameKind::Topic, "topics", "").is_some());
        assert!(check_key_path(&name("payment.id"), "").is_none());
        assert!(check_key_path(&name("payment..id"), "").is_some());
        assert!(check_key_path(&name("payment-id"), "").is_some());
    }
}
