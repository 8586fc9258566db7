//! Schema Registry compatibility levels with Confluent's semantics (avro-compat §4.1): which pairs are checked, in
//! which order, and where a transitive check stops.

use crate::check::{CheckError, Checker, Compatibility, Incompatibility, Schema};

/// A registry compatibility level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}

impl Mode {
    pub const ALL: [Mode; 7] = [
        Mode::None,
        Mode::Backward,
        Mode::BackwardTransitive,
        Mode::Forward,
        Mode::ForwardTransitive,
        Mode::Full,
        Mode::FullTransitive,
    ];

    /// The registry's spelling (`BACKWARD_TRANSITIVE`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::None => "NONE",
            Mode::Backward => "BACKWARD",
            Mode::BackwardTransitive => "BACKWARD_TRANSITIVE",
            Mode::Forward => "FORWARD",
            Mode::ForwardTransitive => "FORWARD_TRANSITIVE",
            Mode::Full => "FULL",
            Mode::FullTransitive => "FULL_TRANSITIVE",
        }
    }

    /// The mode spelled `name`, in the registry's spelling.
    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// Whether every previous version is checked, not just the latest.
    pub fn is_transitive(self) -> bool {
        matches!(self, Mode::BackwardTransitive | Mode::ForwardTransitive | Mode::FullTransitive)
    }

    /// The checks made against one version, in Confluent's order (FULL: forward first).
    pub fn directions(self) -> &'static [Direction] {
        match self {
            Mode::None => &[],
            Mode::Backward | Mode::BackwardTransitive => &[Direction::Backward],
            Mode::Forward | Mode::ForwardTransitive => &[Direction::Forward],
            Mode::Full | Mode::FullTransitive => &[Direction::Forward, Direction::Backward],
        }
    }
}

/// Which schema reads which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The new schema reads data written with the previous one (reader = new, writer = previous).
    Backward,
    /// The previous schema reads data written with the new one (reader = previous, writer = new).
    Forward,
}

/// One reader/writer check made by a mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionCheck {
    pub direction: Direction,
    /// The index of the previous version in the `previous` slice given to [`check_mode`].
    pub version: usize,
    /// The check's result; an error means Java threw, which the registry counts as incompatible.
    pub result: Result<Compatibility, CheckError>,
}

impl DirectionCheck {
    pub fn is_compatible(&self) -> bool {
        self.result.as_ref().is_ok_and(Compatibility::is_compatible)
    }
}

/// What a registry with a compatibility level answers for a new schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeResult {
    pub mode: Mode,
    /// Every check made, in Confluent's order: versions newest first, and per version the mode's directions. A
    /// transitive check ends with the first version that fails.
    pub checks: Vec<DirectionCheck>,
}

impl ModeResult {
    pub fn is_compatible(&self) -> bool {
        self.checks.iter().all(DirectionCheck::is_compatible)
    }

    /// The incompatibilities the registry reports, in its order (forward ones first in FULL).
    pub fn incompatibilities(&self) -> impl Iterator<Item = &Incompatibility> {
        self.checks.iter().filter_map(|check| check.result.as_ref().ok()).flat_map(|result| &result.incompatibilities)
    }
}

/// Checks `new` against its `previous` versions (oldest first, the latest last) under `mode`.
pub fn check_mode(mode: Mode, new: Schema<'_>, previous: &[Schema<'_>]) -> ModeResult {
    check_mode_with(&mut Checker::new(), mode, new, previous)
}

/// [`check_mode`] with a reusable checker.
pub fn check_mode_with(checker: &mut Checker, mode: Mode, new: Schema<'_>, previous: &[Schema<'_>]) -> ModeResult {
    let versions = previous.len().saturating_sub(if mode.is_transitive() { previous.len() } else { 1 })..previous.len();
    let mut checks = Vec::new();
    for version in versions.rev() {
        let Some(&old) = previous.get(version) else { continue };
        let first = checks.len();
        for &direction in mode.directions() {
            let (reader, writer) = match direction {
                Direction::Backward => (new, old),
                Direction::Forward => (old, new),
            };
            checks.push(DirectionCheck { direction, version, result: checker.check(reader, writer) });
        }
        if !checks[first..].iter().all(DirectionCheck::is_compatible) {
            break;
        }
    }
    ModeResult { mode, checks }
}
