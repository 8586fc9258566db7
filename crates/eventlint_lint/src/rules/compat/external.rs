//! The `compat` rules that compare schema versions: they need every version's own schema set, so
//! `eventlint_project::compat_findings` finds them (one file per rule under `eventlint_project/src/compat/`) and the
//! engine receives their findings as external findings. Declared here for selection, severities and pages.

macro_rules! external_rules {
    ($($module:ident: $name:literal, $severity:ident, $recommended:literal, $summary:literal;)*) => {$(
        pub(crate) mod $module {
            use crate::rule::{NoOptions, Run, declare_rule};

            declare_rule! {
                name: $name,
                category: Compat,
                severity: $severity,
                recommended: $recommended,
                summary: $summary,
                options: NoOptions,
                run: Run::External,
            }
        }
    )*};
}

external_rules! {
    incompatible_change: "incompatible-change", Error, true,
        "schema change that breaks the declared compatibility mode";
    rename_without_alias: "rename-without-alias", Warning, true,
        "field renamed (same type, similar name or same doc) without an alias";
    logical_type_changed: "logical-type-changed", Error, true, "logical type changed unit or meaning";
    logical_type_annotation_changed: "logical-type-annotation-changed", Warning, true,
        "logical type added/removed, or instant ↔ local time";
    decimal_scale_changed: "decimal-scale-changed", Error, true, "decimal scale changed";
    decimal_precision_changed: "decimal-precision-changed", Warning, true, "decimal precision changed";
    namespace_changed: "namespace-changed", Warning, true, "named type moved to another namespace";
    ambiguous_field_alias: "ambiguous-field-alias", Error, true, "reader field matches several writer fields";
    version_not_bumped: "version-not-bumped", Warning, true,
        "schema changed without a version bump, or version went down";
}
