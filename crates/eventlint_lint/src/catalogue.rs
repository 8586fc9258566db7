//! The rule names of the whole catalogue (rules/README.md §2) that other crates implement (compat, ordering):
//! selection, severities, suppressions and baselines treat their findings like those of this crate.

use crate::rule::Category;

/// Name, category and `recommended` flag of every catalogue rule implemented outside this crate.
pub(crate) static EXTERNAL_RULES: &[(&str, Category, bool)] = &[
    ("incompatible-change", Category::Compat, true),
    ("rename-without-alias", Category::Compat, true),
    ("logical-type-changed", Category::Compat, true),
    ("logical-type-annotation-changed", Category::Compat, true),
    ("decimal-scale-changed", Category::Compat, true),
    ("decimal-precision-changed", Category::Compat, true),
    ("namespace-changed", Category::Compat, true),
    ("ambiguous-field-alias", Category::Compat, true),
    ("subject-strategy-conflict", Category::Compat, true),
    ("compat-mode-not-declared", Category::Compat, true),
    ("compat-mode-weakened", Category::Compat, true),
    ("compat-none-on-shared-topic", Category::Compat, true),
    ("version-suffix-without-deprecation", Category::Compat, true),
    ("version-not-bumped", Category::Compat, true),
    ("message-removed-with-consumers", Category::Compat, true),
    ("visibility-narrowed", Category::Compat, true),
    ("kind-changed", Category::Compat, true),
    ("no-previous-version", Category::Compat, false),
];
