//! `compat` rules: compatibility between versions and compatibility-mode policy (rules/compat.md). The rules that
//! compare schema versions are found in `eventlint_project` ([`external`]); the others read the model, and those
//! marked *needs base* the model of the `--against` revision (`Context::base`).

pub(crate) mod compat_mode_not_declared;
pub(crate) mod compat_mode_weakened;
pub(crate) mod compat_none_on_shared_topic;
pub(crate) mod external;
pub(crate) mod kind_changed;
pub(crate) mod message_removed_with_consumers;
pub(crate) mod no_previous_version;
pub(crate) mod subject_strategy_conflict;
pub(crate) mod version_suffix_without_deprecation;
pub(crate) mod visibility_narrowed;
