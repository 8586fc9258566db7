//! The simulator's own explicit model of one consumer group and its surroundings (`SimSetup`), independent of
//! how a catalog is loaded, plus what-if overrides of group fields by dotted path (sweeps and `overrides`).

use crate::partition::Partitioner;

/// Declares a fieldless enum together with its kebab-case/camelCase spellings.
macro_rules! spelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every spelling, in declaration order.
            pub const ALL: &'static [&'static str] = &[$($text),+];

            /// The catalog spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the catalog spelling.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl eventlint_yaml::Vocabulary for $name {
            const WORDS: &'static [(&'static str, Self)] = &[$(($text, $name::$variant)),+];
        }
    };
}
pub(crate) use spelled_enum;

spelled_enum!(
    /// Partition assignment strategy.
    Assignor { Range => "range", RoundRobin => "roundrobin", Sticky => "sticky", CooperativeSticky => "cooperative-sticky" }
);
spelled_enum!(
    /// Concurrency mode of a member on one partition.
    Processing { Partition => "partition", Key => "key", Unordered => "unordered" }
);
spelled_enum!(
    /// When offsets are committed relative to handling.
    Delivery { AtMostOnce => "at-most-once", AtLeastOnce => "at-least-once", ExactlyOnce => "exactly-once" }
);
spelled_enum!(
    /// Blocking retries in place or non-blocking retry topics.
    RetryMode { Blocking => "blocking", Topics => "topics" }
);
spelled_enum!(
    /// Backoff growth between retries.
    BackoffType { Fixed => "fixed", Linear => "linear", Exponential => "exponential" }
);
spelled_enum!(
    /// What happens when the attempts are used up.
    OnExhausted { Stop => "stop", Skip => "skip", Dlq => "dlq" }
);
spelled_enum!(
    /// Which DLQ partition a dead letter goes to.
    DlqPartition { Same => "same", Key => "key" }
);
spelled_enum!(
    /// Where the set of parked keys lives.
    ParkStore { Durable => "durable", InMemory => "in-memory" }
);
spelled_enum!(
    /// When a parked key is released.
    Unpark { WhenBacklogDrained => "when-backlog-drained", AtFixTime => "at-fix-time", Manual => "manual" }
);
spelled_enum!(
    /// How the replayer hands DLQ entries back.
    ReplayVia { InPlace => "in-place", Republish => "republish" }
);
spelled_enum!(
    /// In which order the replayer takes DLQ entries.
    ReplayOrder { DlqOffset => "dlq-offset", PerKey => "per-key" }
);

/// A topic the simulation touches.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicSetup {
    pub name: String,
    pub partitions: u32,
    pub partitioner: Partitioner,
}

/// A message type on a topic, and whether the group under test runs a handler for it.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageSetup {
    pub name: String,
    pub topic: String,
    pub consumed: bool,
}

/// Backoff before retry `i` (catalog §4.3), in milliseconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Backoff {
    pub kind: BackoffType,
    pub initial_ms: u64,
    pub increment_ms: u64,
    /// Growth factor of `exponential`, in thousandths (1500 = ×1.5), so no float enters a decision.
    pub multiplier_permille: u64,
    pub max_ms: Option<u64>,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { kind: BackoffType::Fixed, initial_ms: 0, increment_ms: 0, multiplier_permille: 1000, max_ms: None }
    }
}

impl Backoff {
    /// The delay before retry `retry` (1-based), in milliseconds; saturating.
    pub fn delay_ms(&self, retry: u32) -> u64 {
        let index = u64::from(retry.saturating_sub(1));
        let delay = match self.kind {
            BackoffType::Fixed => self.initial_ms,
            BackoffType::Linear => self.initial_ms.saturating_add(index.saturating_mul(self.increment_ms)),
            BackoffType::Exponential => {
                let multiplier = u128::from(self.multiplier_permille.max(1000));
                let cap = u128::from(self.max_ms.unwrap_or(u64::MAX));
                let mut delay = u128::from(self.initial_ms);
                for _ in 0..index {
                    if delay >= cap || multiplier == 1000 || delay == 0 {
                        break;
                    }
                    delay = delay * multiplier / 1000;
                }
                u64::try_from(delay).unwrap_or(u64::MAX)
            }
        };
        self.max_ms.map_or(delay, |max| delay.min(max))
    }
}

/// `retry` of a consumer group.
#[derive(Clone, Debug, PartialEq)]
pub struct RetrySettings {
    pub mode: RetryMode,
    /// Total deliveries, counting the first; at least 1.
    pub max_attempts: u32,
    pub backoff: Backoff,
    /// Declared retry topics, one per level; synthetic names are used when empty.
    pub topics: Vec<String>,
}

/// `dlq.replay` of a consumer group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplaySettings {
    pub via: ReplayVia,
    pub order: ReplayOrder,
}

/// `dlq` of a consumer group.
#[derive(Clone, Debug, PartialEq)]
pub struct DlqSettings {
    pub topic: String,
    pub partition: DlqPartition,
    pub park_by_key: bool,
    pub park_store: ParkStore,
    pub unpark: Unpark,
    pub replay: ReplaySettings,
}

impl DlqSettings {
    /// The DLQ a preset uses when the group declares none: `<group>.dlq`.
    pub fn synthetic(group: &str) -> Self {
        DlqSettings {
            topic: format!("{group}.dlq"),
            partition: DlqPartition::Same,
            park_by_key: false,
            park_store: ParkStore::Durable,
            unpark: Unpark::WhenBacklogDrained,
            replay: ReplaySettings { via: ReplayVia::InPlace, order: ReplayOrder::DlqOffset },
        }
    }
}

/// `commit` of a consumer group.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitSettings {
    pub every: u32,
    pub interval_ms: Option<u64>,
    pub on_revoke: bool,
}

/// Every failure-handling and processing setting of the group under test (catalog §4.2–4.4).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSettings {
    pub instances: u32,
    pub assignor: Assignor,
    pub processing: Processing,
    pub delivery: Delivery,
    pub idempotent: bool,
    pub commit: CommitSettings,
    pub max_poll_interval_ms: u64,
    pub session_timeout_ms: u64,
    pub retry: RetrySettings,
    pub on_exhausted: OnExhausted,
    pub dlq: Option<DlqSettings>,
}

impl Default for GroupSettings {
    /// The catalog defaults of §4.2.
    fn default() -> Self {
        GroupSettings {
            instances: 1,
            assignor: Assignor::Range,
            processing: Processing::Partition,
            delivery: Delivery::AtLeastOnce,
            idempotent: false,
            commit: CommitSettings { every: 1, interval_ms: None, on_revoke: true },
            max_poll_interval_ms: 300_000,
            session_timeout_ms: 45_000,
            retry: RetrySettings {
                mode: RetryMode::Blocking,
                max_attempts: 1,
                backoff: Backoff::default(),
                topics: vec![],
            },
            on_exhausted: OnExhausted::Stop,
            dlq: None,
        }
    }
}

/// Producer settings of the producing side (catalog §4.1).
#[derive(Clone, Debug, PartialEq)]
pub struct ProducerSettings {
    pub idempotent: bool,
    pub max_in_flight: u32,
    /// The client's real partitioner when it differs from the topic's contract.
    pub partitioner: Option<Partitioner>,
    pub outbox: bool,
}

impl Default for ProducerSettings {
    fn default() -> Self {
        ProducerSettings { idempotent: true, max_in_flight: 5, partitioner: None, outbox: false }
    }
}

/// The shape of a constraint bound to the group.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintRule {
    /// State = last message of the constraint processed for the key.
    Fsm { start: Vec<String>, next: Vec<(String, Vec<String>)> },
    /// A `then` message may run only after some `first` message of the key ran.
    Precedes { first: Vec<String>, then: Vec<String> },
}

/// A constraint (catalog §8) that binds the group under test.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintSetup {
    pub id: String,
    pub rule: ConstraintRule,
}

/// Everything the simulator needs to know about the system: what the group reads and how it handles failure.
#[derive(Clone, Debug, PartialEq)]
pub struct SimSetup {
    pub group: String,
    /// Topics the group reads, plus DLQ and retry topics when declared.
    pub topics: Vec<TopicSetup>,
    pub messages: Vec<MessageSetup>,
    pub settings: GroupSettings,
    pub constraints: Vec<ConstraintSetup>,
    pub producer: ProducerSettings,
}

impl SimSetup {
    pub fn topic(&self, name: &str) -> Option<&TopicSetup> {
        self.topics.iter().find(|topic| topic.name == name)
    }

    pub fn message(&self, name: &str) -> Option<&MessageSetup> {
        self.messages.iter().find(|message| message.name == name)
    }

    /// Applies a what-if change to a topic (`overrides.topics`).
    pub fn override_topic(
        &mut self,
        name: &str,
        partitions: Option<u32>,
        partitioner: Option<Partitioner>,
    ) -> Result<(), String> {
        let Some(topic) = self.topics.iter_mut().find(|topic| topic.name == name) else {
            return Err(format!("unknown topic `{name}`"));
        };
        if let Some(partitions) = partitions {
            topic.partitions = partitions;
        }
        if let Some(partitioner) = partitioner {
            topic.partitioner = partitioner;
        }
        Ok(())
    }

    /// Applies one producer field (`overrides.services.*.producer`): `idempotent`, `maxInFlight`, `partitioner`,
    /// `client` or `outbox`.
    pub fn override_producer(&mut self, field: &str, value: &str) -> Result<(), String> {
        let producer = &mut self.producer;
        match field {
            "idempotent" => producer.idempotent = parse_bool(value)?,
            "outbox" => producer.outbox = parse_bool(value)?,
            "maxInFlight" => producer.max_in_flight = parse_count(value)?,
            "partitioner" => producer.partitioner = Some(parse_spelled(value, Partitioner::parse, PARTITIONERS)?),
            "client" => {
                producer.partitioner = match value {
                    "java" => Some(Partitioner::Murmur2),
                    "librdkafka" => Some(Partitioner::Crc32),
                    "other" => producer.partitioner,
                    _ => return Err(format!("unknown client `{value}`: expected `java`, `librdkafka` or `other`")),
                }
            }
            _ => return Err(format!("unknown producer field `{field}`")),
        }
        Ok(())
    }
}

const PARTITIONERS: &[&str] = &["murmur2", "crc32", "explicit"];

impl GroupSettings {
    /// The paths accepted by [`GroupSettings::apply`], for did-you-mean hints.
    pub const PATHS: &'static [&'static str] = &[
        "instances",
        "assignor",
        "processing",
        "delivery",
        "idempotent",
        "commit.every",
        "commit.interval",
        "commit.onRevoke",
        "maxPollInterval",
        "sessionTimeout",
        "retry.mode",
        "retry.maxAttempts",
        "retry.backoff.type",
        "retry.backoff.initial",
        "retry.backoff.increment",
        "retry.backoff.multiplier",
        "retry.backoff.max",
        "onExhausted",
        "dlq.topic",
        "dlq.partition",
        "dlq.parkByKey",
        "dlq.parkStore",
        "dlq.unpark",
        "dlq.replay.via",
        "dlq.replay.order",
    ];

    /// Sets one group field by its catalog dotted path (sweeps and `overrides.groups`). `group` names the
    /// synthetic DLQ created when a `dlq.*` field is set on a group without one.
    pub fn apply(&mut self, group: &str, path: &str, value: &str) -> Result<(), String> {
        if path.starts_with("dlq.") && self.dlq.is_none() {
            self.dlq = Some(DlqSettings::synthetic(group));
        }
        let backoff = &mut self.retry.backoff;
        match path {
            "instances" => self.instances = parse_count(value)?,
            "assignor" => self.assignor = parse_spelled(value, Assignor::parse, Assignor::ALL)?,
            "processing" => self.processing = parse_spelled(value, Processing::parse, Processing::ALL)?,
            "delivery" => self.delivery = parse_spelled(value, Delivery::parse, Delivery::ALL)?,
            "idempotent" => self.idempotent = parse_bool(value)?,
            "commit.every" => self.commit.every = parse_count(value)?,
            "commit.interval" => self.commit.interval_ms = Some(parse_duration_ms(value)?),
            "commit.onRevoke" => self.commit.on_revoke = parse_bool(value)?,
            "maxPollInterval" => self.max_poll_interval_ms = parse_duration_ms(value)?,
            "sessionTimeout" => self.session_timeout_ms = parse_duration_ms(value)?,
            "retry.mode" => self.retry.mode = parse_spelled(value, RetryMode::parse, RetryMode::ALL)?,
            "retry.maxAttempts" => self.retry.max_attempts = parse_count(value)?,
            "retry.backoff.type" => backoff.kind = parse_spelled(value, BackoffType::parse, BackoffType::ALL)?,
            "retry.backoff.initial" => backoff.initial_ms = parse_duration_ms(value)?,
            "retry.backoff.increment" => backoff.increment_ms = parse_duration_ms(value)?,
            "retry.backoff.multiplier" => backoff.multiplier_permille = parse_permille(value)?,
            "retry.backoff.max" => backoff.max_ms = Some(parse_duration_ms(value)?),
            "onExhausted" => self.on_exhausted = parse_spelled(value, OnExhausted::parse, OnExhausted::ALL)?,
            _ => return self.apply_dlq(path, value),
        }
        Ok(())
    }

    fn apply_dlq(&mut self, path: &str, value: &str) -> Result<(), String> {
        let Some(dlq) = self.dlq.as_mut() else {
            return Err(format!("unknown group field `{path}`"));
        };
        match path {
            "dlq.topic" => dlq.topic = value.to_owned(),
            "dlq.partition" => dlq.partition = parse_spelled(value, DlqPartition::parse, DlqPartition::ALL)?,
            "dlq.parkByKey" => dlq.park_by_key = parse_bool(value)?,
            "dlq.parkStore" => dlq.park_store = parse_spelled(value, ParkStore::parse, ParkStore::ALL)?,
            "dlq.unpark" => dlq.unpark = parse_spelled(value, Unpark::parse, Unpark::ALL)?,
            "dlq.replay.via" => dlq.replay.via = parse_spelled(value, ReplayVia::parse, ReplayVia::ALL)?,
            "dlq.replay.order" => dlq.replay.order = parse_spelled(value, ReplayOrder::parse, ReplayOrder::ALL)?,
            _ => return Err(format!("unknown group field `{path}`")),
        }
        Ok(())
    }
}

fn parse_spelled<T>(value: &str, parse: fn(&str) -> Option<T>, all: &[&str]) -> Result<T, String> {
    parse(value).ok_or_else(|| {
        let expected: Vec<String> = all.iter().map(|text| format!("`{text}`")).collect();
        format!("unknown value `{value}`: expected one of {}", expected.join(", "))
    })
}

/// Parses a decimal factor ≥ 1 such as `2` or `1.5` into thousandths.
fn parse_permille(value: &str) -> Result<u64, String> {
    let error = || format!("expected a number ≥ 1, found `{value}`");
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(error());
    }
    let whole: u64 = whole.parse().map_err(|_| error())?;
    let fraction: u64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<3}").parse().map_err(|_| error())? };
    let permille = whole.checked_mul(1000).and_then(|w| w.checked_add(fraction)).ok_or_else(error)?;
    if permille < 1000 { Err(error()) } else { Ok(permille) }
}

fn parse_bool(value: &str) -> Result<bool, String> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("expected `true` or `false`, found `{value}`")),
    }
}

fn parse_count(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(count) if count >= 1 => Ok(count),
        _ => Err(format!("expected an integer ≥ 1, found `{value}`")),
    }
}

/// Parses `250ms`, `5s`, `1m`, `2h` or `1d` into milliseconds.
pub fn parse_duration_ms(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let factor = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("invalid duration `{text}`: expected a number with `ms`, `s`, `m`, `h` or `d`")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|value| value.checked_mul(factor))
        .ok_or_else(|| format!("invalid duration `{text}`: expected a number with `ms`, `s`, `m`, `h` or `d`"))
}

/// Converts milliseconds to steps, rounded up (DECISIONS 1).
pub fn ms_to_steps(ms: u64, step_ms: u64) -> u64 {
    ms.div_ceil(step_ms.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_per_kind_and_caps_at_max() {
        let exponential = Backoff {
            kind: BackoffType::Exponential,
            initial_ms: 5_000,
            increment_ms: 0,
            multiplier_permille: 12_000,
            max_ms: Some(60_000),
        };
        assert_eq!(
            (exponential.delay_ms(1), exponential.delay_ms(2), exponential.delay_ms(3)),
            (5_000, 60_000, 60_000)
        );
        let gentle = Backoff { multiplier_permille: 1500, max_ms: None, ..exponential.clone() };
        assert_eq!((gentle.delay_ms(2), gentle.delay_ms(3)), (7_500, 11_250));
        assert_eq!(parse_permille("1.5"), Ok(1500));
        assert!(parse_permille("0.5").is_err());
        let linear = Backoff { kind: BackoffType::Linear, initial_ms: 100, increment_ms: 50, ..Backoff::default() };
        assert_eq!((linear.delay_ms(1), linear.delay_ms(3)), (100, 200));
    }

    #[test]
    fn durations_round_up_to_steps() {
        assert_eq!(parse_duration_ms("45s"), Ok(45_000));
        assert_eq!(ms_to_steps(parse_duration_ms("150ms").unwrap(), 100), 2);
        assert_eq!(ms_to_steps(0, 100), 0);
        assert!(parse_duration_ms("5 parsecs").is_err());
    }

    #[test]
    fn group_fields_apply_by_path() {
        let mut settings = GroupSettings::default();
        settings.apply("g", "dlq.unpark", "at-fix-time").unwrap();
        assert_eq!(
            settings.dlq.as_ref().map(|dlq| (dlq.topic.as_str(), dlq.unpark)),
            Some(("g.dlq", Unpark::AtFixTime))
        );
        settings.apply("g", "retry.maxAttempts", "3").unwrap();
        assert_eq!(settings.retry.max_attempts, 3);
        assert_eq!(
            settings.apply("g", "dlq.parkStore", "disk"),
            Err("unknown value `disk`: expected one of `durable`, `in-memory`".to_owned())
        );
        assert!(settings.apply("g", "retry.color", "red").is_err());
    }
}
