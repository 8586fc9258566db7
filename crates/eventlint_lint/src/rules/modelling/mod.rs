//! `modelling` rules: event-modelling anti-patterns (rules/modelling.md).

pub(crate) mod clickbait_event;
pub(crate) mod command_disguised_as_event;
pub(crate) mod crud_sourcing;
pub(crate) mod generic_event;
pub(crate) mod internal_event_leaked;
pub(crate) mod missing_subject_id;
pub(crate) mod passive_aggressive_event;
pub(crate) mod pii_in_public_event;
pub(crate) mod property_sourcing;
pub(crate) mod state_obsession;
