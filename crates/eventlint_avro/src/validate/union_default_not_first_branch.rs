//! `union-default-not-first-branch`: a union default that matches only a later branch (valid in 1.12, not before).

use eventlint_diagnostics::{Diagnostic, Severity};

use super::defaults::first_matching_branch;
use super::{ValidateOptions, describe_type, fields, locate};
use crate::set::SchemaSet;

const RULE: &str = "union-default-not-first-branch";

pub(super) fn check(set: &SchemaSet, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    let severity = if options.target_avro_1_11 { Severity::Error } else { Severity::Warning };
    for (record, index, field) in fields(set) {
        let Some(default) = &field.default else { continue };
        let Some(branches) = set.node(field.ty.node).branches() else { continue };
        let Some((matched, _)) = first_matching_branch(set, branches, default) else { continue };
        if matched == 0 {
            continue;
        }
        let branch = branches[matched];
        let kind = describe_type(set, branch.node);
        let message = format!(
            "the default matches union branch {matched} (`{kind}`), not the first: readers on Avro ≤ 1.11 and avsc \
             reject this"
        );
        let diagnostic = Diagnostic::lint(RULE, severity, message)
            .with_primary(default.span, format!("a `{kind}` default"))
            .with_label(branch.span, "the first branch it matches")
            .with_help(format!("move `{kind}` to the front of the union"));
        out.push(locate(set, record, format!("{}/default", set.field_path(record, index)), diagnostic));
    }
}
