//! `version-not-bumped`: the schema changed while `version` stayed the same, or `version` went down, compared with
//! the latest earlier version. History versions are always lower (the loader checks it), so in practice this compares
//! with the `--against` base.

use std::collections::BTreeMap;

use eventlint_compat::Schema;
use eventlint_diagnostics::{Diagnostic, Limits, Severity, Sources};
use eventlint_json::JsonValue;

use super::{Located, Pair};

const RULE: &str = "version-not-bumped";

pub(crate) fn check(pair: &Pair, out: &mut Vec<Diagnostic>) {
    let (Some(new), Some(old)) = (&pair.message.version, &pair.old.version) else { return };
    let Ok(old_version) = old.parse::<eventlint_catalog::Version>() else { return };
    let text = if new.value < old_version {
        format!("`{}` went down from version {} to {}", pair.name, pair.old.describe(), new.value)
    } else if new.value == old_version && !same_schema(pair) {
        format!("the schema of `{}` changed, but its version is still {}", pair.name, new.value)
    } else {
        return;
    };
    let at = Located { span: new.span, path: format!("{}/version", pair.message.decl.path), old_span: None };
    out.push(
        pair.finding(RULE, Severity::Warning, text, at)
            .with_help("bump `version` (minor for compatible changes, major for a new contract)"),
    );
}

/// Whether both versions define the same named types as the same parsed JSON (key order and whitespace ignored;
/// not Parsing Canonical Form, which drops the defaults and aliases that decide compatibility).
fn same_schema(pair: &Pair) -> bool {
    definitions(pair.new, &pair.project.sources) == definitions(pair.old.schema, &pair.project.sources)
}

/// Every named type the schema reaches, by full name, with its definition as parsed JSON.
fn definitions(schema: Schema, sources: &Sources) -> BTreeMap<String, Option<Definition>> {
    schema
        .set
        .reachable([schema.root])
        .into_iter()
        .filter_map(|node| {
            let named = schema.set.node(node).named()?;
            let text = sources.slice(schema.set.node(node).span);
            let (value, errors) = eventlint_json::parse(named.file, text, &Limits::default());
            Some((named.full_name.clone(), value.filter(|_| errors.is_empty()).map(Definition)))
        })
        .collect()
}

/// A definition as parsed JSON, compared structurally.
#[derive(Debug)]
struct Definition(JsonValue);

impl PartialEq for Definition {
    fn eq(&self, other: &Self) -> bool {
        self.0.structurally_eq(&other.0)
    }
}
