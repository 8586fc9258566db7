//! What happens to the group in one simulation (catalog-format §16): the workload, faults, operations,
//! schedule, policies, sweeps and expectations, as plain values that a loader or the shrinker builds.

use crate::setup::{GroupSettings, ReplayOrder, ReplayVia, spelled_enum};

/// A fault attached to one event (§16.2).
#[derive(Clone, Debug, PartialEq)]
pub enum EventFault {
    None,
    /// Fails every attempt until a fix cures its class.
    Poison {
        class: Option<String>,
        detail: String,
    },
    /// Fails `failures` times, then succeeds.
    Transient {
        failures: u32,
        class: Option<String>,
    },
}

impl EventFault {
    pub fn class(&self) -> Option<&str> {
        match self {
            EventFault::None => None,
            EventFault::Poison { class, .. } | EventFault::Transient { class, .. } => class.as_deref(),
        }
    }
}

/// One event of an explicit `stream`.
#[derive(Clone, Debug, PartialEq)]
pub struct StreamEvent {
    pub id: String,
    pub message: String,
    /// `None` is a null key: placed by the schedule stream, never order-checked.
    pub key: Option<String>,
    /// Only with `partitioner: explicit`.
    pub partition: Option<u32>,
    /// Produce step; `None` means before step 1.
    pub at: Option<u64>,
    pub fault: EventFault,
}

/// How generated keys are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Popularity {
    Uniform,
    /// Zipf with this exponent.
    Zipf(f64),
}

spelled_enum!(
    /// How generated events of different keys interleave.
    Interleave { Random => "random", RoundRobin => "round-robin" }
);

/// A generated workload (§16.3).
#[derive(Clone, Debug, PartialEq)]
pub struct Generate {
    pub events: u64,
    pub key_count: u32,
    pub key_prefix: String,
    pub popularity: Popularity,
    /// Messages per key in order: the lifecycle walk is resolved by the caller into `start`/`next` here.
    pub lifecycle: Lifecycle,
    pub interleave: Interleave,
    /// Events produced at the start of each step; `None` produces everything before step 1.
    pub rate: Option<u32>,
    pub poison: f64,
    pub transient: f64,
    /// Continue-probability and cap of the geometric failure count of transient faults.
    pub transient_geometric: f64,
    pub transient_max: u32,
}

/// The per-key message walk of a generated workload.
#[derive(Clone, Debug, PartialEq)]
pub enum Lifecycle {
    /// The id of an `fsm` constraint of the setup.
    Constraint(String),
    /// A fixed sequence of messages, repeated.
    Sequence(Vec<String>),
}

/// Where the events come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Workload {
    Stream(Vec<StreamEvent>),
    Generate(Generate),
}

spelled_enum!(
    /// How the scheduler picks among runnable actors (dlq-simulator §5.1).
    ScheduleMode { Seeded => "seeded", RoundRobin => "round-robin", Explicit => "explicit" }
);

/// `schedule`.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub mode: ScheduleMode,
    /// Actor ids, one per pick, for `explicit`.
    pub steps: Vec<String>,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule { mode: ScheduleMode::Seeded, steps: vec![] }
    }
}

/// When an operation or fault fires (§16.1 `at:`).
#[derive(Clone, Debug, PartialEq)]
pub enum At {
    /// At the start of this step (durations are converted to steps by the loader).
    Step(u64),
    /// When this share of the events (percent) has been produced.
    Percent(u32),
    /// At the first quiescence.
    End,
}

spelled_enum!(
    /// A targeted crash point (DECISIONS 2).
    CrashPoint { AfterDlqWrite => "after-dlq-write", AfterParkWrite => "after-park-write", BeforeCommit => "before-commit" }
);

/// Which member a fault hits.
#[derive(Clone, Debug, PartialEq)]
pub enum MemberRef {
    /// A member id such as `ledger-payments-0`.
    Named(String),
    /// Picked with the `faults` stream.
    Any,
}

/// What an infrastructure fault does.
#[derive(Clone, Debug, PartialEq)]
pub enum FaultAction {
    Crash(MemberRef),
    Leave(MemberRef),
    /// Adds this many members.
    Join(u32),
    /// A random member leaves and joins again.
    LeaveJoin,
    ProducerReorder,
    ProducerDuplicate,
}

/// When a fault fires.
#[derive(Clone, Debug, PartialEq)]
pub enum FaultTrigger {
    At(At),
    /// While handling this event, at this point, the first time it is reached.
    AfterEvent {
        event: String,
        point: CrashPoint,
    },
    /// Bernoulli per step.
    PerStep(f64),
    /// Every N steps.
    EverySteps(u64),
}

/// One entry of `faults` (§16.4).
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    pub trigger: FaultTrigger,
    pub action: FaultAction,
}

/// Fault classes a fix cures.
#[derive(Clone, Debug, PartialEq)]
pub enum Cures {
    /// Every poison fault.
    AllPoison,
    Classes(Vec<String>),
}

/// `replayDlq` settings; `None` fields default to the group's `dlq.replay`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplayDlq {
    pub order: Option<ReplayOrder>,
    pub via: Option<ReplayVia>,
    pub rate: u32,
    pub only_cured: bool,
}

/// What an operator does.
#[derive(Clone, Debug, PartialEq)]
pub enum OperationAction {
    DeployFix(Cures),
    ReplayDlq(ReplayDlq),
    /// `None` unparks every parked key.
    Unpark(Option<String>),
}

/// One entry of `operations` (§16.5).
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub at: At,
    pub action: OperationAction,
}

spelled_enum!(
    /// A failure-handling preset (dlq-simulator §3).
    Policy {
        Declared => "declared",
        Stop => "stop",
        Skip => "skip",
        NaiveDlq => "naive-dlq",
        RetryTopics => "retry-topics",
        KeyParkingDlq => "key-parking-dlq",
        KeyOrderedStop => "key-ordered-stop",
    }
);

/// `run`.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSettings {
    pub policies: Vec<Policy>,
    /// Group-relative dotted paths and their values; each combination is a run.
    pub sweep: Vec<(String, Vec<String>)>,
    /// `None`: a bound derived from the workload size.
    pub max_steps: Option<u64>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings { policies: vec![Policy::Declared], sweep: vec![], max_steps: None }
    }
}

spelled_enum!(
    /// `perKeyOrder`.
    OrderExpectation { Strict => "strict", Eventual => "eventual", None => "none" }
);

/// Which constraints an expectation covers.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintSelection {
    All,
    Ids(Vec<String>),
}

/// One `expect` block (§16.7); durations are in steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExpectBlock {
    /// Empty: applies to every run.
    pub policies: Vec<Policy>,
    pub no_loss: Option<bool>,
    pub per_key_order: Option<OrderExpectation>,
    pub constraints: Option<ConstraintSelection>,
    pub max_duplicates: Option<u64>,
    pub max_dlq: Option<u64>,
    pub max_dlq_duplicates: Option<u64>,
    pub max_stuck: Option<u64>,
    pub max_park_duration: Option<u64>,
    pub replay_complete: Option<bool>,
    pub max_collateral_delay: Option<u64>,
}

/// `overrides` that are not topic partition changes: group fields by dotted path, producer fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// `(topic, partitions, partitioner)`.
    pub topics: Vec<(String, Option<u32>, Option<crate::Partitioner>)>,
    /// `(dotted group path, value)`.
    pub group: Vec<(String, String)>,
    /// `(producer field, value)`.
    pub producer: Vec<(String, String)>,
}

/// A scenario file's content (catalog-format §16).
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub seed: u64,
    /// Simulated time per step, in milliseconds (default 100).
    pub step_ms: u64,
    pub overrides: Overrides,
    pub workload: Workload,
    pub schedule: Schedule,
    pub faults: Vec<Fault>,
    pub operations: Vec<Operation>,
    pub run: RunSettings,
    pub expect: Vec<ExpectBlock>,
}

impl Scenario {
    /// A scenario over an explicit stream with every other setting at its default.
    pub fn from_stream(name: &str, events: Vec<StreamEvent>) -> Self {
        Scenario {
            name: name.to_owned(),
            seed: 0,
            step_ms: 100,
            overrides: Overrides::default(),
            workload: Workload::Stream(events),
            schedule: Schedule::default(),
            faults: vec![],
            operations: vec![],
            run: RunSettings::default(),
            expect: vec![],
        }
    }
}

/// Applies a preset to the declared group settings (dlq-simulator §3); `group` names a synthetic DLQ.
pub fn apply_policy(declared: &GroupSettings, policy: Policy, group: &str) -> GroupSettings {
    use crate::setup::{OnExhausted, Processing, RetryMode};
    let mut settings = declared.clone();
    let with_dlq = |settings: &mut GroupSettings, park: bool| {
        let dlq = settings.dlq.get_or_insert_with(|| crate::setup::DlqSettings::synthetic(group));
        dlq.park_by_key = park;
        if park {
            dlq.park_store = crate::setup::ParkStore::Durable;
            dlq.unpark = crate::setup::Unpark::WhenBacklogDrained;
        }
        settings.on_exhausted = OnExhausted::Dlq;
    };
    match policy {
        Policy::Declared => {}
        Policy::Stop | Policy::Skip | Policy::KeyOrderedStop => {
            settings.retry.mode = RetryMode::Blocking;
            settings.on_exhausted = if policy == Policy::Skip { OnExhausted::Skip } else { OnExhausted::Stop };
            if let Some(dlq) = settings.dlq.as_mut() {
                dlq.park_by_key = false;
            }
            if policy == Policy::KeyOrderedStop {
                settings.processing = Processing::Key;
            }
        }
        Policy::NaiveDlq | Policy::KeyParkingDlq => {
            settings.retry.mode = RetryMode::Blocking;
            with_dlq(&mut settings, policy == Policy::KeyParkingDlq);
        }
        Policy::RetryTopics => {
            settings.retry.mode = RetryMode::Topics;
            with_dlq(&mut settings, false);
        }
    }
    settings
}
