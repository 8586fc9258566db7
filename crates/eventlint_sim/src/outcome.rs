//! The facts one simulation run produces (violations, DLQ, counts, per-key stats, trace), before labelling and
//! rendering; shared by the engine, the checker and every renderer.

use crate::setup::spelled_enum;

spelled_enum!(
    /// Violation codes (dlq-simulator §6).
    Code {
        Lost => "LOST",
        Stuck => "STUCK",
        Duplicate => "DUPLICATE",
        DedupHit => "DEDUP_HIT",
        DlqDuplicate => "DLQ_DUPLICATE",
        OrderOvertake => "ORDER_OVERTAKE",
        OrderInversion => "ORDER_INVERSION",
        Causal => "CAUSAL",
        ParkBreach => "PARK_BREACH",
        UnparkRace => "UNPARK_RACE",
        CollateralDelay => "COLLATERAL_DELAY",
        ReplayIncomplete => "REPLAY_INCOMPLETE",
    }
);

spelled_enum!(
    /// Who ran the offending handler run.
    Origin { Live => "live", Replay => "replay", Producer => "producer" }
);

/// One violation record (§6).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub code: Code,
    pub key: Option<String>,
    pub event: Option<String>,
    pub message: Option<String>,
    pub seq: Option<u32>,
    pub step: u64,
    /// Source topic partition of the event.
    pub partition: Option<u32>,
    pub offset: Option<u64>,
    pub origin: Origin,
    pub related: Vec<String>,
    pub constraint: Option<String>,
    pub detail: String,
    /// Whether the policy allows it (§7); set by the labeller.
    pub expected: bool,
}

spelled_enum!(
    /// Why a record is in the DLQ.
    DlqReason { Poison => "poison", ExhaustedTransient => "exhausted-transient", Parked => "parked" }
);

/// One DLQ entry as the report shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DlqRecord {
    pub topic: String,
    pub partition: u32,
    pub offset: u64,
    pub event: String,
    pub key: Option<String>,
    pub reason: DlqReason,
    pub attempts: u32,
    pub detail: Option<String>,
    pub parked_behind: Option<String>,
}

spelled_enum!(
    /// What happened in a trace entry.
    Action {
        Delivered => "delivered",
        Failed => "failed",
        RetryWrite => "retry-write",
        DlqWrite => "dlq-write",
        Diverted => "diverted",
        Processed => "processed",
        Replayed => "replayed",
        ReplayFailed => "replay-failed",
        Republished => "republished",
        DedupHit => "dedup-hit",
        Skipped => "skipped",
        Halted => "halted",
        Park => "park",
        Unpark => "unpark",
        UnparkWrite => "unpark-write",
        Committed => "committed",
        Crashed => "crashed",
        Rebalanced => "rebalanced",
        Fix => "fix",
        ReplayStart => "replay-start",
        Producer => "producer",
    }
);

/// One trace entry (`timeline`).
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEntry {
    pub step: u64,
    pub actor: String,
    /// `topic[partition]` the action concerns, when any.
    pub lane: Option<String>,
    pub offset: Option<u64>,
    pub event: Option<String>,
    pub action: Action,
    pub attempt: Option<u32>,
    pub detail: Option<String>,
}

/// DLQ counters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DlqCounts {
    pub entries: u64,
    pub poison: u64,
    pub parked: u64,
    pub duplicate_writes: u64,
}

/// Run counters (§12.2 `counts`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub produced: u64,
    pub processed: u64,
    pub handler_runs: u64,
    pub attempts: u64,
    pub duplicates: u64,
    pub dedup_hits: u64,
    pub lost: u64,
    pub stuck: u64,
    pub pending: u64,
    pub replayed: u64,
    pub crashes: u64,
    pub rebalances: u64,
    pub steps: u64,
    pub dlq: DlqCounts,
}

/// Collateral delay of one key, or summed over keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collateral {
    pub events: u64,
    pub total_delay: u64,
    pub max_delay: u64,
}

/// Per-key view (§12.2 `keys`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyStats {
    pub key: String,
    pub partition: u32,
    pub events: u64,
    pub violations: u64,
    /// `(code, event, step)` of the first violation.
    pub first_violation: Option<(Code, Option<String>, u64)>,
    pub parked_at: Option<u64>,
    pub unparked_at: Option<u64>,
    pub parked_events: u64,
    pub max_park_duration: u64,
    pub collateral: Option<Collateral>,
}

/// An event as the renderers show it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventInfo {
    pub id: String,
    pub message: String,
    pub key: Option<String>,
    pub topic: String,
    pub partition: u32,
    pub poison: bool,
}
