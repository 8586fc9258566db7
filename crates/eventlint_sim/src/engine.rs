//! The discrete-step simulator of one run: logs, members, lanes of in-flight records, retries, DLQ, parking,
//! replay, commits, crashes and rebalances, driven by one seeded scheduler (dlq-simulator §2–§5).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};

use crate::assign::{TopicPartition, assign};
use crate::checker::{Checker, OrderFinding};
use crate::generate::Generator;
use crate::outcome::{
    Action, Code, Collateral, Counts, DlqReason, DlqRecord, EventInfo, KeyStats, Origin, TraceEntry, Violation,
};
use crate::partition::Partitioner;
use crate::prng::{Probability, Rng, Stream};
use crate::scenario::{
    At, CrashPoint, Cures, EventFault, FaultAction, FaultTrigger, Generate, MemberRef, OperationAction, Scenario,
    ScheduleMode, StreamEvent, Workload,
};
use crate::setup::{
    Delivery, DlqPartition, GroupSettings, OnExhausted, ParkStore, Processing, ReplayOrder, ReplayVia, RetryMode,
    SimSetup, Unpark, ms_to_steps,
};

/// Knobs of one engine run that are not part of the scenario.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    pub trace: bool,
    /// Record the actor of every pick (for shrinking into an explicit schedule).
    pub record_picks: bool,
    /// Treat a non-runnable explicit step as "round-robin here" instead of an error (shrink candidates).
    pub lenient_schedule: bool,
}

/// Everything a run produced, before labelling.
#[derive(Debug, Default)]
pub struct EngineOutput {
    pub counts: Counts,
    pub violations: Vec<Violation>,
    pub dlq: Vec<DlqRecord>,
    pub keys: Vec<KeyStats>,
    pub collateral: Collateral,
    pub constraint_counts: Vec<(String, u64)>,
    pub trace: Vec<TraceEntry>,
    pub picks: Vec<String>,
    /// Filled when tracing or recording picks, like `stream`.
    pub events: Vec<EventInfo>,
    pub incomplete: bool,
    pub crash_or_rebalance: bool,
    pub fix_and_replay: bool,
    pub notes: Vec<String>,
    /// The stream as it ran (generated events included), with the partition and produce step of each event.
    pub stream: Vec<StreamEvent>,
    /// Time- and rate-triggered faults as they fired, with their step and resolved member, for shrinking.
    pub fault_log: Vec<crate::scenario::Fault>,
}

const NO_KEY: u32 = u32::MAX;

struct Event {
    key: u32,
    message: u32,
    tp: u32,
    rank: u32,
    seq: u32,
    fault: EventFault,
    consumed: bool,
    produce_step: u64,
    producer_faulted: bool,
    runs: u32,
    aborted: u32,
    ran: bool,
    failures: u32,
    skipped: bool,
    taken: bool,
    in_dlq: u32,
    /// Blocked steps of its partition before it was produced (collateral baseline).
    blocked_base: u64,
    /// Offset of its first append to the source partition.
    offset: u64,
}

#[derive(Clone, Copy, PartialEq)]
enum LogRec {
    Record { event: u32, republished: bool },
    Unpark { key: u32 },
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Pending {
    RetryWrite,
    DlqWrite,
}

#[derive(Default)]
struct Lane {
    offsets: VecDeque<u64>,
    attempts: u32,
    due: u64,
    first_fail: Option<u64>,
    started: u64,
    halted: bool,
    pending: Option<Pending>,
}

/// The lanes of a partition by lane id (ascending, like a `BTreeMap`), reusing freed record queues so that taking
/// a record allocates nothing once warm. Partition processing has at most one lane; key processing one per key.
#[derive(Default)]
struct Lanes {
    entries: Vec<(u32, Lane)>,
    spare: Vec<VecDeque<u64>>,
}

impl Lanes {
    fn position(&self, id: u32) -> Result<usize, usize> {
        self.entries.binary_search_by_key(&id, |(lane_id, _)| *lane_id)
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn contains_key(&self, id: u32) -> bool {
        self.position(id).is_ok()
    }

    fn get(&self, id: u32) -> Option<&Lane> {
        self.position(id).ok().map(|index| &self.entries[index].1)
    }

    fn get_mut(&mut self, id: u32) -> Option<&mut Lane> {
        self.position(id).ok().map(|index| &mut self.entries[index].1)
    }

    /// Opens lane `id` (which must not exist) with the record at `offset`, taken at step `now`.
    fn open(&mut self, id: u32, offset: u64, now: u64) {
        let mut offsets = self.spare.pop().unwrap_or_default();
        offsets.push_back(offset);
        let lane = Lane { offsets, started: now, ..Lane::default() };
        match self.position(id) {
            Ok(index) => self.entries[index].1 = lane,
            Err(index) => self.entries.insert(index, (id, lane)),
        }
    }

    fn remove(&mut self, id: u32) {
        if let Ok(index) = self.position(id) {
            let (_, lane) = self.entries.remove(index);
            self.recycle(lane);
        }
    }

    fn clear(&mut self) {
        while let Some((_, lane)) = self.entries.pop() {
            self.recycle(lane);
        }
    }

    fn recycle(&mut self, mut lane: Lane) {
        lane.offsets.clear();
        self.spare.push(lane.offsets);
    }

    fn iter(&self) -> impl Iterator<Item = (&u32, &Lane)> {
        self.entries.iter().map(|(id, lane)| (id, lane))
    }

    fn values(&self) -> impl Iterator<Item = &Lane> {
        self.entries.iter().map(|(_, lane)| lane)
    }

    fn values_mut(&mut self) -> impl Iterator<Item = &mut Lane> {
        self.entries.iter_mut().map(|(_, lane)| lane)
    }
}

#[derive(Default)]
struct PartState {
    pos: u64,
    lanes: Lanes,
    park_memory: BTreeSet<u32>,
    since_commit: u32,
    last_commit: u64,
    blocked_total: u64,
    block_start: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryState {
    Pending,
    Done,
    Failed,
    Aborted,
}

struct DlqEntry {
    event: u32,
    /// The event's key, kept here so that releasing held entries does not touch the events.
    key: u32,
    partition: u32,
    offset: u64,
    reason: DlqReason,
    attempts: u32,
    parked_behind: Option<u32>,
    source_tp: u32,
    state: EntryState,
    in_txn: bool,
}

struct RetryRec {
    event: u32,
    due: u64,
    source_tp: u32,
}

struct Member {
    id: String,
    alive: bool,
    joined: bool,
}

#[derive(Default)]
struct Txn {
    runs: Vec<u32>,
    dlq: Vec<usize>,
    parks: Vec<u32>,
    offsets: Vec<(usize, u64)>,
}

struct ReplayState {
    order: ReplayOrder,
    via: ReplayVia,
    rate: u32,
    only_cured: bool,
    current_key: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Actor {
    /// Sorted by (owner member id rank, tp).
    Part(usize, usize),
    Retry(usize),
    Replayer,
}

struct KeyState {
    park_since: Option<u64>,
    parked_at: Option<u64>,
    unparked_at: Option<u64>,
    max_park: u64,
    parked_events: u64,
    backlog: u32,
    in_retry: u32,
    has_fault: bool,
    collateral: Collateral,
    pill: Option<u32>,
}

/// Interns keys to dense ids and appends events with their per-key seq and rank.
#[derive(Default)]
struct EventTable {
    keys: Vec<String>,
    /// Ids of stream events by event index; empty for generated workloads, whose ids are `g<index>`.
    names: Vec<String>,
    events: Vec<Event>,
    /// The consumed events of each key in produce order.
    key_events: Vec<Vec<u32>>,
    seq_counter: Vec<u32>,
}

impl EventTable {
    fn new_key(&mut self, text: String) -> u32 {
        self.keys.push(text);
        self.key_events.push(vec![]);
        self.seq_counter.push(0);
        (self.keys.len() - 1) as u32
    }

    fn push(&mut self, key: u32, message: usize, tp: u32, setup: &SimSetup, fault: EventFault, produce_step: u64) {
        let consumed = message_consumed_of(setup, message);
        let (rank, seq) = match (self.seq_counter.get_mut(key as usize), self.key_events.get_mut(key as usize)) {
            (Some(seq), Some(key_events)) => {
                *seq += 1;
                let rank = key_events.len() as u32;
                if consumed {
                    key_events.push(self.events.len() as u32);
                }
                (rank, *seq)
            }
            _ => (0, 0),
        };
        self.events.push(Event {
            key,
            message: message as u32,
            tp,
            rank,
            seq,
            fault,
            consumed,
            produce_step,
            producer_faulted: false,
            runs: 0,
            aborted: 0,
            ran: false,
            failures: 0,
            skipped: false,
            taken: false,
            in_dlq: 0,
            blocked_base: 0,
            offset: 0,
        });
    }
}

/// Places produced events on partitions of their message's topic.
struct Placement<'s> {
    setup: &'s SimSetup,
    topics: &'s [(String, u32, Partitioner)],
    message_topic: &'s [usize],
    tp_base: &'s [usize],
}

impl Placement<'_> {
    /// The partition of an event, `Err` for a partition the partitioner does not allow, `None` without a topic.
    fn place(
        &self,
        message: usize,
        key: Option<&str>,
        partition: Option<u32>,
        schedule_rng: &mut Rng,
    ) -> Option<Result<u32, String>> {
        let (topic_name, partitions, partitioner) = self.topics.get(*self.message_topic.get(message)?)?;
        let partitioner = self.setup.producer.partitioner.unwrap_or(*partitioner);
        Some(match (partition, partitioner, key) {
            (Some(partition), Partitioner::Explicit, _) if partition < *partitions => Ok(partition),
            (Some(partition), Partitioner::Explicit, _) => {
                Err(format!("partition {partition} is out of range for `{topic_name}`"))
            }
            (Some(_), _, _) => Err("`partition` is only allowed with `partitioner: explicit`".to_owned()),
            (None, Partitioner::Explicit, _) => Err("`partitioner: explicit` needs a `partition`".to_owned()),
            (None, _, None) => Ok(schedule_rng.below(u64::from(*partitions)) as u32),
            (None, partitioner, Some(text)) => Ok(partitioner.partition(text.as_bytes(), *partitions).unwrap_or(0)),
        })
    }

    fn tp(&self, message: usize, partition: u32) -> u32 {
        let topic = self.message_topic.get(message).copied().unwrap_or(0);
        (self.tp_base.get(topic).copied().unwrap_or(0) + partition as usize) as u32
    }
}

/// The replayer's candidates: pending DLQ entries not waiting for a pill, as one queue per key in DLQ order plus
/// the keys ordered by their first entry, so that holding or releasing a key's whole backlog is one move.
#[derive(Default)]
struct ReplayReady {
    by_key: BTreeMap<u32, BTreeSet<usize>>,
    /// `(first entry, key)` of every key in `by_key`.
    heads: BTreeSet<(usize, u32)>,
    /// Queues held behind an event whose replay failed, by that event; released when it first runs. Entries that
    /// stop being pending meanwhile stay in the queue and are skipped as not eligible.
    held: BTreeMap<u32, Vec<(u32, BTreeSet<usize>)>>,
}

impl ReplayReady {
    fn insert(&mut self, index: usize, key: u32) {
        let queue = self.by_key.entry(key).or_default();
        let old_head = queue.first().copied();
        queue.insert(index);
        if old_head.is_none_or(|head| index < head) {
            if let Some(head) = old_head {
                self.heads.remove(&(head, key));
            }
            self.heads.insert((index, key));
        }
    }

    fn remove(&mut self, index: usize, key: u32) {
        let Some(queue) = self.by_key.get_mut(&key) else { return };
        let old_head = queue.first().copied();
        if !queue.remove(&index) {
            return;
        }
        if old_head == Some(index) {
            self.heads.remove(&(index, key));
            if let Some(&head) = queue.first() {
                self.heads.insert((head, key));
            }
        }
        if queue.is_empty() {
            self.by_key.remove(&key);
        }
    }

    /// Takes the queue of `key` out of the candidates.
    fn take(&mut self, key: u32) -> BTreeSet<usize> {
        let queue = self.by_key.remove(&key).unwrap_or_default();
        if let Some(&head) = queue.first() {
            self.heads.remove(&(head, key));
        }
        queue
    }

    /// The candidates of one key in DLQ order.
    fn of_key(&self, key: u32) -> impl Iterator<Item = usize> + '_ {
        self.by_key.get(&key).into_iter().flat_map(|entries| entries.iter().copied())
    }

    /// The first candidate in DLQ order that `eligible` accepts: a lazy merge of the key queues, which stops at
    /// the first head when every candidate is eligible.
    fn first(&self, eligible: impl Fn(usize) -> bool) -> Option<usize> {
        let mut heads = self.heads.iter().copied().peekable();
        let mut later: BinaryHeap<Reverse<(usize, u32)>> = BinaryHeap::new();
        loop {
            let from_heads = match (heads.peek(), later.peek()) {
                (Some(head), Some(Reverse(next))) => head < next,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => return None,
            };
            let (index, key) = if from_heads { heads.next()? } else { later.pop()?.0 };
            if eligible(index) {
                return Some(index);
            }
            if let Some(&next) = self.by_key.get(&key).and_then(|queue| queue.range(index + 1..).next()) {
                later.push(Reverse((next, key)));
            }
        }
    }

    /// Holds the queue of `key`, except entry `keep`, until `event` first runs.
    fn hold(&mut self, key: u32, event: u32, keep: usize) {
        let mut queue = self.take(key);
        if queue.remove(&keep) {
            self.insert(keep, key);
        }
        if !queue.is_empty() {
            self.held.entry(event).or_default().push((key, queue));
        }
    }

    /// Puts back the queues held behind `event`.
    fn release(&mut self, event: u32) {
        for (key, held) in self.held.remove(&event).unwrap_or_default() {
            let current = self.take(key);
            let (mut merged, rest) = if held.len() >= current.len() { (held, current) } else { (current, held) };
            merged.extend(rest);
            if let Some(&head) = merged.first() {
                self.heads.insert((head, key));
                self.by_key.insert(key, merged);
            }
        }
    }
}

/// Builds and runs one simulation.
pub struct Engine<'a> {
    setup: &'a SimSetup,
    settings: GroupSettings,
    scenario: &'a Scenario,
    options: EngineOptions,
    step_ms: u64,
    topics: Vec<(String, u32, Partitioner)>,
    tps: Vec<TopicPartition>,
    tp_base: Vec<usize>,
    message_names: Vec<String>,
    message_topic: Vec<usize>,
    message_consumed: Vec<bool>,
    keys: Vec<String>,
    /// Ids of stream events; empty for generated workloads (see [`Engine::event_id`]).
    event_names: Vec<String>,
    events: Vec<Event>,
    /// Per scenario fault: the event an `afterEvent` trigger names.
    armed_events: Vec<Option<u32>>,
    produce_queue: VecDeque<u32>,
    logs: Vec<Vec<LogRec>>,
    parts: Vec<PartState>,
    committed: Vec<u64>,
    members: Vec<Member>,
    /// Position of each member in member-id order (actor ordering).
    member_rank: Vec<usize>,
    /// Owned partitions in actor-id order: by owner's member id, then topic and partition.
    part_order: Vec<usize>,
    /// Position of each partition in `part_order` (`usize::MAX` when unowned).
    slot_of_tp: Vec<usize>,
    /// Bit per `part_order` position: the partition may be runnable. Cleared when it is found idle without lanes
    /// (or without a live owner); set again by anything that changes its log, position or lanes, or the group.
    watched: Vec<u64>,
    owner: Vec<Option<usize>>,
    rebalance_due: Vec<u64>,
    dlq_topic: String,
    dlq_partitions: u32,
    dlq_next: Vec<u64>,
    dlq: Vec<DlqEntry>,
    /// Pending DLQ entries not waiting for their pill, in DLQ order: the replayer's candidates.
    replay_ready: ReplayReady,
    /// Pending parked entries by the pill event that has to run first.
    waiting_on_pill: BTreeMap<u32, Vec<usize>>,
    dlq_sources: BTreeSet<(u32, u32, u64)>,
    retry_names: Vec<String>,
    retry: Vec<VecDeque<RetryRec>>,
    park: Vec<Option<u32>>,
    key_state: Vec<KeyState>,
    cure_all_poison: bool,
    cure_classes: Vec<String>,
    replay: Option<ReplayState>,
    checker: Checker,
    txns: Vec<Txn>,
    fired: Vec<bool>,
    operations_fired: Vec<bool>,
    schedule_rng: Rng,
    fault_rng: Rng,
    last_actor: Option<Actor>,
    picks_made: usize,
    now: u64,
    last_active: u64,
    end_fired: bool,
    fix_fired: bool,
    replay_fired: bool,
    out: EngineOutput,
    /// Scratch buffer of the runnable actors of the current step.
    ready: Vec<Actor>,
    step_error: Option<String>,
    total_events: u64,
}

fn tp_label(topic: &str, partition: u32) -> String {
    format!("{topic}[{partition}]")
}

impl<'a> Engine<'a> {
    /// Validates the scenario against the setup and builds the initial state; errors are load-class problems.
    pub fn new(
        setup: &'a SimSetup,
        settings: GroupSettings,
        scenario: &'a Scenario,
        options: EngineOptions,
    ) -> Result<Self, Vec<String>> {
        let mut errors = vec![];
        let mut topic_names: Vec<&str> = setup.messages.iter().map(|message| message.topic.as_str()).collect();
        topic_names.sort_unstable();
        topic_names.dedup();
        let mut topics = vec![];
        for name in &topic_names {
            match setup.topic(name) {
                Some(topic) if topic.partitions > 0 => {
                    topics.push((topic.name.clone(), topic.partitions, topic.partitioner))
                }
                _ => errors.push(format!("simulated topic `{name}` has no `partitions`")),
            }
        }
        let mut tps = vec![];
        let mut tp_base = vec![];
        for (index, (_, partitions, _)) in topics.iter().enumerate() {
            tp_base.push(tps.len());
            tps.extend((0..*partitions).map(|partition| TopicPartition { topic: index, partition }));
        }
        let message_names: Vec<String> = setup.messages.iter().map(|message| message.name.clone()).collect();
        let message_topic: Vec<usize> = setup
            .messages
            .iter()
            .map(|message| topics.iter().position(|(name, _, _)| *name == message.topic).unwrap_or(0))
            .collect();
        let message_consumed = setup.messages.iter().map(|message| message.consumed).collect();
        let dlq_topic = settings.dlq.as_ref().map_or_else(|| format!("{}.dlq", setup.group), |dlq| dlq.topic.clone());
        let max_source = topics.iter().map(|(_, partitions, _)| *partitions).max().unwrap_or(1);
        let dlq_partitions = setup.topic(&dlq_topic).map_or(max_source, |topic| topic.partitions.max(1));
        let levels =
            if settings.retry.mode == RetryMode::Topics { settings.retry.max_attempts.saturating_sub(1) } else { 0 };
        let retry_names: Vec<String> = (0..levels as usize)
            .map(|level| {
                settings
                    .retry
                    .topics
                    .get(level)
                    .cloned()
                    .unwrap_or_else(|| format!("{}.retry-{}", setup.group, level + 1))
            })
            .collect();
        let mut schedule_rng = Rng::new(scenario.seed, Stream::Schedule);
        let mut table = EventTable::default();
        let placement = Placement { setup, topics: &topics, message_topic: &message_topic, tp_base: &tp_base };
        match &scenario.workload {
            Workload::Stream(stream) => {
                let mut key_ids: HashMap<&str, u32> = HashMap::new();
                let mut seen_ids: HashMap<&str, ()> = HashMap::new();
                for event in stream {
                    if seen_ids.insert(event.id.as_str(), ()).is_some() {
                        errors.push(format!("duplicate event id `{}`", event.id));
                    }
                    let Some(message) = message_names.iter().position(|name| *name == event.message) else {
                        errors.push(format!("event `{}`: unknown message `{}`", event.id, event.message));
                        continue;
                    };
                    let key = event
                        .key
                        .as_deref()
                        .map(|text| *key_ids.entry(text).or_insert_with(|| table.new_key(text.to_owned())));
                    let partition = placement.place(message, event.key.as_deref(), event.partition, &mut schedule_rng);
                    let tp = match partition {
                        Some(Ok(partition)) => placement.tp(message, partition),
                        Some(Err(problem)) => {
                            errors.push(format!("event `{}`: {problem}", event.id));
                            continue;
                        }
                        None => continue,
                    };
                    table.names.push(event.id.clone());
                    let at = event.at.unwrap_or(0);
                    table.push(key.unwrap_or(NO_KEY), message, tp, setup, event.fault.clone(), at);
                }
            }
            Workload::Generate(generate) => match Generator::new(setup, generate, scenario.seed) {
                Err(error) => errors.push(error),
                Ok(mut generator) => {
                    let resolved: Vec<Option<usize>> = generator
                        .messages
                        .iter()
                        .map(|name| message_names.iter().position(|candidate| candidate == name))
                        .collect();
                    // Per key index: its dense key id and the last (message topic, tp) it was placed on.
                    let mut key_ids = vec![NO_KEY; generate.key_count.max(1) as usize];
                    let mut placed: Vec<(usize, u32)> = vec![];
                    let at = generate.rate.map_or(0, |_| u64::MAX);
                    table.events.reserve(generator.remaining().min(1 << 24) as usize);
                    let mut index = 0u64;
                    while let Some(event) = generator.next() {
                        let id = index;
                        index += 1;
                        let Some(message) = resolved[event.message] else {
                            let name = &generator.messages[event.message];
                            errors.push(format!("event `g{id}`: unknown message `{name}`"));
                            continue;
                        };
                        let Some(slot) = key_ids.get_mut(event.key as usize) else { continue };
                        if *slot == NO_KEY {
                            *slot = table.new_key(generator.key_name(event.key));
                            placed.push((usize::MAX, 0));
                        }
                        let key = *slot;
                        let topic = message_topic[message];
                        let tp = if placed[key as usize].0 == topic {
                            placed[key as usize].1
                        } else {
                            let text = Some(table.keys[key as usize].as_str());
                            match placement.place(message, text, None, &mut schedule_rng) {
                                Some(Ok(partition)) => {
                                    let tp = placement.tp(message, partition);
                                    placed[key as usize] = (topic, tp);
                                    tp
                                }
                                Some(Err(problem)) => {
                                    errors.push(format!("event `g{id}`: {problem}"));
                                    continue;
                                }
                                None => continue,
                            }
                        };
                        table.push(key, message, tp, setup, event.fault, at);
                    }
                }
            },
        }
        let EventTable { keys, names: event_names, events, key_events, .. } = table;
        let joined: u32 = scenario
            .faults
            .iter()
            .map(|fault| if let FaultAction::Join(count) = fault.action { count } else { 0 })
            .sum();
        let possible_members = settings.instances.max(1).saturating_add(joined);
        for fault in &scenario.faults {
            if let FaultTrigger::AfterEvent { event, .. } = &fault.trigger
                && find_event(&event_names, events.len(), event).is_none()
            {
                errors.push(format!("fault names unknown event `{event}`"));
            }
            if let FaultAction::Crash(MemberRef::Named(name)) | FaultAction::Leave(MemberRef::Named(name)) =
                &fault.action
            {
                let index = name.strip_prefix(&format!("{}-", setup.group)).and_then(|n| n.parse::<u32>().ok());
                if index.is_none_or(|index| index >= possible_members) {
                    errors.push(format!("fault names unknown member `{name}`"));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut order: Vec<u32> = (0..events.len() as u32).collect();
        order.sort_unstable_by_key(|&index| (events[index as usize].produce_step, index));
        let checker = Checker::new(key_events, &setup.constraints, &|name| {
            message_names.iter().position(|candidate| candidate == name).map(|index| index as u32)
        });
        let key_state = (0..keys.len())
            .map(|_| KeyState {
                park_since: None,
                parked_at: None,
                unparked_at: None,
                max_park: 0,
                parked_events: 0,
                backlog: 0,
                in_retry: 0,
                has_fault: false,
                collateral: Collateral::default(),
                pill: None,
            })
            .collect();
        let mut engine = Engine {
            setup,
            step_ms: scenario.step_ms.max(1),
            scenario,
            options,
            logs: vec![vec![]; tps.len()],
            parts: (0..tps.len()).map(|_| PartState::default()).collect(),
            committed: vec![0; tps.len()],
            owner: vec![None; tps.len()],
            members: vec![],
            member_rank: vec![],
            part_order: vec![],
            slot_of_tp: vec![],
            watched: vec![],
            rebalance_due: vec![],
            dlq_next: vec![0; dlq_partitions as usize],
            dlq_topic,
            dlq_partitions,
            dlq: vec![],
            replay_ready: ReplayReady::default(),
            waiting_on_pill: BTreeMap::new(),
            dlq_sources: BTreeSet::new(),
            retry: retry_names.iter().map(|_| VecDeque::new()).collect(),
            retry_names,
            park: vec![None; keys.len()],
            key_state,
            cure_all_poison: false,
            cure_classes: vec![],
            replay: None,
            checker,
            txns: vec![],
            fired: vec![false; scenario.faults.len()],
            operations_fired: vec![false; scenario.operations.len()],
            schedule_rng,
            fault_rng: Rng::new(scenario.seed, Stream::Faults),
            last_actor: None,
            picks_made: 0,
            now: 0,
            last_active: 0,
            end_fired: false,
            fix_fired: false,
            replay_fired: false,
            out: EngineOutput::default(),
            ready: vec![],
            step_error: None,
            total_events: events.len() as u64,
            produce_queue: order.into_iter().collect(),
            keys,
            armed_events: scenario
                .faults
                .iter()
                .map(|fault| match &fault.trigger {
                    FaultTrigger::AfterEvent { event, .. } => find_event(&event_names, events.len(), event),
                    _ => None,
                })
                .collect(),
            event_names,
            events,
            message_names,
            message_topic,
            message_consumed,
            tps,
            tp_base,
            topics,
            settings,
        };
        for event in &engine.events {
            if event.key != NO_KEY && event.fault != EventFault::None {
                engine.key_state[event.key as usize].has_fault = true;
            }
        }
        for index in 0..engine.settings.instances.max(1) {
            engine.members.push(Member { id: format!("{}-{index}", engine.setup.group), alive: true, joined: true });
            engine.txns.push(Txn::default());
        }
        engine.install_assignment(false);
        Ok(engine)
    }

    /// The stable id of an event: as written in the stream, or `g<index>` for generated events.
    fn event_id(&self, event: u32) -> String {
        match self.event_names.get(event as usize) {
            Some(name) => name.clone(),
            None => format!("g{event}"),
        }
    }

    fn steps(&self, ms: u64) -> u64 {
        ms_to_steps(ms, self.step_ms)
    }

    fn tp_name(&self, tp: usize) -> String {
        let TopicPartition { topic, partition } = self.tps[tp];
        tp_label(&self.topics[topic].0, partition)
    }

    fn actor_id(&self, actor: Actor) -> String {
        match actor {
            Actor::Part(member, tp) => format!("{}:{}", self.members[member].id, self.tp_name(tp)),
            Actor::Retry(level) => self.retry_names[level].clone(),
            Actor::Replayer => "replayer".to_owned(),
        }
    }

    fn trace(&mut self, actor: &str, tp: Option<usize>, offset: Option<u64>, event: Option<u32>, action: Action) {
        self.trace_with(actor, tp, offset, event, action, None, None);
    }

    #[allow(clippy::too_many_arguments)]
    fn trace_with(
        &mut self,
        actor: &str,
        tp: Option<usize>,
        offset: Option<u64>,
        event: Option<u32>,
        action: Action,
        attempt: Option<u32>,
        detail: Option<String>,
    ) {
        if !self.options.trace {
            return;
        }
        let lane = tp.map(|tp| self.tp_name(tp));
        let event = event.map(|event| self.event_id(event));
        self.out.trace.push(TraceEntry {
            step: self.now,
            actor: actor.to_owned(),
            lane,
            offset,
            event,
            action,
            attempt,
            detail,
        });
    }

    // ----------------------------------------------------------------------------------------------- main loop

    /// Runs to quiescence or `max_steps`; an explicit schedule naming a non-runnable actor is an error.
    pub fn run(mut self) -> Result<EngineOutput, String> {
        let max_steps = self.scenario.run.max_steps.unwrap_or(10_000 + self.total_events.saturating_mul(200));
        loop {
            if self.now >= max_steps {
                self.out.incomplete = true;
                break;
            }
            self.now += 1;
            self.start_of_step();
            let mut ready = std::mem::take(&mut self.ready);
            self.runnable(&mut ready);
            if ready.is_empty() {
                if let Some(due) = self.next_timer() {
                    self.now = due.saturating_sub(1).max(self.now);
                    self.ready = ready;
                    continue;
                }
                if !self.end_fired {
                    self.end_fired = true;
                    self.fire_operations(|at| *at == At::End);
                    self.fire_faults(|trigger| *trigger == FaultTrigger::At(At::End));
                    self.runnable(&mut ready);
                }
                if ready.is_empty() {
                    self.ready = ready;
                    if self.next_timer().is_some() {
                        continue;
                    }
                    break;
                }
            }
            let actor = self.pick(&ready);
            self.ready = ready;
            let actor = actor?;
            self.last_actor = Some(actor);
            self.last_active = self.now;
            if self.options.record_picks {
                let id = self.actor_id(actor);
                self.out.picks.push(id);
            }
            match actor {
                Actor::Part(_, tp) => {
                    self.step_partition(tp);
                    self.watch(tp);
                }
                Actor::Retry(level) => self.step_retry(level),
                Actor::Replayer => self.step_replayer(),
            }
            if let Some(error) = self.step_error.take() {
                return Err(error);
            }
        }
        self.out.counts.steps = self.last_active;
        Ok(self.finish())
    }

    fn pick(&mut self, ready: &[Actor]) -> Result<Actor, String> {
        let index = self.picks_made;
        self.picks_made += 1;
        let round_robin = |last: Option<Actor>| match last {
            Some(last) => {
                let last = self.actor_key(last);
                ready.iter().copied().find(|actor| self.actor_key(*actor) > last).unwrap_or(ready[0])
            }
            None => ready[0],
        };
        match self.scenario.schedule.mode {
            ScheduleMode::Seeded => Ok(ready[self.schedule_rng.below(ready.len() as u64) as usize]),
            ScheduleMode::RoundRobin => Ok(round_robin(self.last_actor)),
            ScheduleMode::Explicit => {
                let Some(wanted) = self.scenario.schedule.steps.get(index) else {
                    return Ok(round_robin(self.last_actor));
                };
                if let Some(actor) = ready.iter().copied().find(|actor| self.actor_id(*actor) == *wanted) {
                    return Ok(actor);
                }
                if self.options.lenient_schedule {
                    return Ok(round_robin(self.last_actor));
                }
                let names: Vec<String> = ready.iter().map(|actor| format!("`{}`", self.actor_id(*actor))).collect();
                Err(format!(
                    "schedule step {} names `{wanted}`, which is not runnable at step {}; runnable: {}",
                    index + 1,
                    self.now,
                    names.join(", ")
                ))
            }
        }
    }

    fn start_of_step(&mut self) {
        let now = self.now;
        while let Some(&event) = self.produce_queue.front() {
            if self.events[event as usize].produce_step > now {
                break;
            }
            self.produce_queue.pop_front();
            self.produce(event);
        }
        if let Some(rate) = self.rate() {
            for _ in 0..rate {
                match self.produce_queue.front() {
                    Some(&event) if self.events[event as usize].produce_step == u64::MAX => {
                        self.produce_queue.pop_front();
                        self.events[event as usize].produce_step = now;
                        self.produce(event);
                    }
                    _ => break,
                }
            }
        }
        while let Some(position) = self.rebalance_due.iter().position(|&due| due <= now) {
            self.rebalance_due.remove(position);
            for member in &mut self.members {
                if !member.alive && member.joined {
                    member.alive = true;
                }
            }
            self.rebalance();
        }
        let produced = self.out.counts.produced;
        let total = self.total_events.max(1);
        self.fire_faults(|trigger| match trigger {
            FaultTrigger::At(At::Step(step)) => *step == now,
            FaultTrigger::At(At::Percent(percent)) => produced * 100 >= u64::from(*percent) * total,
            _ => false,
        });
        self.fire_rate_faults();
        self.fire_operations(|at| match at {
            At::Step(step) => *step == now,
            At::Percent(percent) => produced * 100 >= u64::from(*percent) * total,
            At::End => false,
        });
    }

    fn rate(&self) -> Option<u32> {
        match &self.scenario.workload {
            Workload::Generate(Generate { rate: Some(rate), .. }) => Some(*rate),
            _ => None,
        }
    }

    fn produce(&mut self, event: u32) {
        let tp = self.events[event as usize].tp as usize;
        self.events[event as usize].blocked_base = blocked_upto(&self.parts[tp], self.now.saturating_sub(1));
        self.events[event as usize].offset = self.logs[tp].len() as u64;
        self.logs[tp].push(LogRec::Record { event, republished: false });
        self.watch(tp);
        self.out.counts.produced += 1;
    }

    fn next_timer(&self) -> Option<u64> {
        let now = self.now;
        let mut best: Option<u64> = None;
        let mut consider = |due: u64| {
            if due > now {
                best = Some(best.map_or(due, |current| current.min(due)));
            }
        };
        for (tp, part) in self.parts.iter().enumerate() {
            if self.owner[tp].is_some_and(|member| self.members[member].alive) {
                for lane in part.lanes.values() {
                    if !lane.halted && lane.pending.is_none() && !lane.offsets.is_empty() {
                        consider(lane.due);
                    }
                }
            }
        }
        for queue in &self.retry {
            if let Some(head) = queue.front() {
                consider(head.due);
            }
        }
        self.rebalance_due.iter().for_each(|&due| consider(due));
        if let Some(&event) = self.produce_queue.front() {
            let step = self.events[event as usize].produce_step;
            consider(if step == u64::MAX { now + 1 } else { step });
        }
        for fault in &self.scenario.faults {
            if let FaultTrigger::At(At::Step(step)) = fault.trigger {
                consider(step);
            }
        }
        for operation in &self.scenario.operations {
            if let At::Step(step) = operation.at {
                consider(step);
            }
        }
        best
    }

    /// Fills `ready` with the runnable actors in actor-id order (the buffer is reused across steps).
    /// Only watched partitions are evaluated: an idle partition without lanes stays idle until it is watched again.
    fn runnable(&mut self, ready: &mut Vec<Actor>) {
        ready.clear();
        let key_mode = self.key_mode();
        for word_index in 0..self.watched.len() {
            let mut word = self.watched[word_index];
            while word != 0 {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                let slot = word_index * 64 + bit;
                let Some(&tp) = self.part_order.get(slot) else {
                    self.watched[word_index] &= !(1 << bit);
                    continue;
                };
                let member = self.owner[tp].filter(|&member| self.members[member].alive);
                let Some(member) = member else {
                    self.watched[word_index] &= !(1 << bit);
                    continue;
                };
                if key_mode {
                    self.absorb(tp);
                }
                // Without lanes, the partition is runnable exactly when a record waits at `pos`.
                let part = &self.parts[tp];
                let runnable = if part.lanes.is_empty() {
                    (part.pos as usize) < self.logs[tp].len()
                } else {
                    self.next_record(tp).is_some()
                };
                if runnable {
                    ready.push(Actor::Part(member, tp));
                } else if part.lanes.is_empty() {
                    self.watched[word_index] &= !(1 << bit);
                }
            }
        }
        for (level, queue) in self.retry.iter().enumerate() {
            if queue.front().is_some_and(|head| head.due <= self.now) {
                ready.push(Actor::Retry(level));
            }
        }
        if self.next_replay_entry().is_some() {
            ready.push(Actor::Replayer);
        }
    }

    /// Marks a partition whose records, position or lanes changed, so `runnable` evaluates it again.
    fn watch(&mut self, tp: usize) {
        if let Some(&slot) = self.slot_of_tp.get(tp)
            && let Some(word) = self.watched.get_mut(slot / 64)
        {
            *word |= 1 << (slot % 64);
        }
    }

    fn key_mode(&self) -> bool {
        self.settings.processing != Processing::Partition
    }

    fn record_key(&self, rec: LogRec) -> u32 {
        match rec {
            LogRec::Record { event, .. } => self.events[event as usize].key,
            LogRec::Unpark { key } => key,
        }
    }

    /// In key mode, moves records at `pos` whose key has a lane into that lane (no step).
    fn absorb(&mut self, tp: usize) {
        if !self.key_mode() {
            return;
        }
        loop {
            let pos = self.parts[tp].pos as usize;
            let Some(&rec) = self.logs[tp].get(pos) else { return };
            let key = self.record_key(rec);
            match self.parts[tp].lanes.get_mut(key) {
                Some(lane) if key != NO_KEY => {
                    lane.offsets.push_back(pos as u64);
                    self.parts[tp].pos += 1;
                }
                _ => return,
            }
        }
    }

    /// The lane to work on next, taking a new record from `pos` if needed: `(lane id, is_new)`.
    fn next_record(&self, tp: usize) -> Option<(u32, bool)> {
        let part = &self.parts[tp];
        let now = self.now;
        let ready =
            |lane: &Lane| lane.pending.is_some() || (!lane.halted && lane.due <= now && !lane.offsets.is_empty());
        let best_lane = part
            .lanes
            .iter()
            .filter(|(_, lane)| ready(lane))
            .min_by_key(|(_, lane)| lane.offsets.front().copied().unwrap_or(u64::MAX))
            .map(|(id, lane)| (*id, lane.offsets.front().copied().unwrap_or(u64::MAX)));
        let fresh = if !self.key_mode() && !part.lanes.is_empty() {
            None
        } else {
            self.logs[tp].get(part.pos as usize).map(|&rec| {
                let key = self.record_key(rec);
                let lane_id = if self.key_mode() && key != NO_KEY { key } else { u32::MAX };
                (lane_id, part.pos)
            })
        };
        match (best_lane, fresh) {
            (Some((lane, offset)), Some((_, fresh_offset))) if offset < fresh_offset => Some((lane, false)),
            (_, Some((lane, _))) if !self.parts[tp].lanes.contains_key(lane) => Some((lane, true)),
            (Some((lane, _)), _) => Some((lane, false)),
            _ => None,
        }
    }

    // ------------------------------------------------------------------------------------------- partitions

    fn step_partition(&mut self, tp: usize) {
        let Some(member) = self.owner[tp] else { return };
        // Actor ids are only formatted when something records them.
        let actor = if self.options.trace { self.actor_id(Actor::Part(member, tp)) } else { String::new() };
        let Some((lane_id, fresh)) = self.next_record(tp) else { return };
        if fresh {
            let pos = self.parts[tp].pos;
            self.parts[tp].pos += 1;
            self.parts[tp].lanes.open(lane_id, pos, self.now);
            if let Some(LogRec::Record { event, .. }) = self.logs[tp].get(pos as usize).copied() {
                self.note_taken(tp, event);
            }
        }
        let Some(lane) = self.parts[tp].lanes.get(lane_id) else { return };
        let Some(&offset) = lane.offsets.front() else { return };
        match lane.pending {
            Some(Pending::RetryWrite) => return self.write_retry(member, tp, lane_id, offset, &actor),
            Some(Pending::DlqWrite) => return self.write_dead_letter(member, tp, lane_id, offset, &actor),
            None => {}
        }
        let Some(&rec) = self.logs[tp].get(offset as usize) else { return };
        let (event, republished) = match rec {
            LogRec::Unpark { key } => {
                self.consume_unpark(tp, key, offset, &actor);
                self.finish_record(member, tp, lane_id, &actor);
                return;
            }
            LogRec::Record { event, republished } => (event, republished),
        };
        let key = self.events[event as usize].key;
        if !self.events[event as usize].consumed {
            self.trace(&actor, Some(tp), Some(offset), Some(event), Action::Delivered);
            self.finish_record(member, tp, lane_id, &actor);
            return;
        }
        if self.is_parked_for(tp, key) {
            self.divert(tp, event, offset, &actor);
            self.finish_record(member, tp, lane_id, &actor);
            return;
        }
        let first_attempt = self.parts[tp].lanes.get(lane_id).is_some_and(|lane| lane.attempts == 0);
        if self.settings.delivery == Delivery::AtMostOnce && first_attempt {
            self.committed[tp] = self.committed[tp].max(offset + 1);
        }
        if self.settings.idempotent && self.effective_runs(event) > 0 {
            self.dedup_hit(event, offset, Origin::Live);
            self.trace(&actor, Some(tp), Some(offset), Some(event), Action::DedupHit);
            self.finish_record(member, tp, lane_id, &actor);
            return;
        }
        self.out.counts.attempts += 1;
        let attempt = self.parts[tp].lanes.get(lane_id).map_or(1, |lane| lane.attempts + 1);
        if !self.attempt_fails(event) {
            let origin = if republished { Origin::Replay } else { Origin::Live };
            self.trace_with(&actor, Some(tp), Some(offset), Some(event), Action::Processed, Some(attempt), None);
            self.record_run(member, event, origin, offset, true);
            if self.targeted_crash(event, CrashPoint::BeforeCommit, member) {
                return;
            }
            self.finish_record(member, tp, lane_id, &actor);
            return;
        }
        self.events[event as usize].failures += 1;
        self.trace_with(&actor, Some(tp), Some(offset), Some(event), Action::Failed, Some(attempt), None);
        let now = self.now;
        let max_attempts = self.settings.retry.max_attempts.max(1);
        let backoff = self.steps(self.settings.retry.backoff.delay_ms(attempt));
        let max_poll = self.steps(self.settings.max_poll_interval_ms);
        let mode = self.settings.retry.mode;
        let on_exhausted = self.settings.on_exhausted;
        let key_mode = self.key_mode();
        let part = &mut self.parts[tp];
        let Some(lane) = part.lanes.get_mut(lane_id) else { return };
        lane.attempts = attempt;
        if lane.first_fail.is_none() {
            lane.first_fail = Some(now);
            if !key_mode {
                part.block_start = Some(now + 1);
            }
        }
        if attempt < max_attempts {
            match mode {
                RetryMode::Blocking => {
                    lane.due = now.saturating_add(backoff);
                    if lane.due.saturating_sub(lane.started) > max_poll {
                        self.evict(member);
                    }
                }
                RetryMode::Topics => lane.pending = Some(Pending::RetryWrite),
            }
            return;
        }
        match on_exhausted {
            OnExhausted::Stop => {
                lane.halted = true;
                self.trace(&actor, Some(tp), Some(offset), Some(event), Action::Halted);
            }
            OnExhausted::Skip => {
                self.events[event as usize].skipped = true;
                self.trace(&actor, Some(tp), Some(offset), Some(event), Action::Skipped);
                self.finish_record(member, tp, lane_id, &actor);
            }
            OnExhausted::Dlq => lane.pending = Some(Pending::DlqWrite),
        }
    }

    /// The record at the head of the lane leaves the partition: pop it and commit per the delivery mode.
    fn finish_record(&mut self, member: usize, tp: usize, lane_id: u32, actor: &str) {
        let now = self.now;
        let key_mode = self.key_mode();
        let part = &mut self.parts[tp];
        if let Some(lane) = part.lanes.get_mut(lane_id) {
            lane.offsets.pop_front();
            let was_blocking = lane.first_fail.is_some();
            lane.attempts = 0;
            lane.first_fail = None;
            lane.halted = false;
            lane.pending = None;
            lane.due = 0;
            lane.started = now;
            if lane.offsets.is_empty() {
                part.lanes.remove(lane_id);
            }
            if was_blocking && !key_mode {
                close_block(part, now);
            }
        }
        self.after_record(member, tp, actor);
    }

    fn commit_position(&self, tp: usize) -> u64 {
        let part = &self.parts[tp];
        part.lanes.values().filter_map(|lane| lane.offsets.front().copied()).min().unwrap_or(part.pos).min(part.pos)
    }

    fn after_record(&mut self, member: usize, tp: usize, actor: &str) {
        if self.settings.delivery == Delivery::AtMostOnce {
            return;
        }
        let interval = self.settings.commit.interval_ms.map(|ms| self.steps(ms));
        let every = self.settings.commit.every.max(1);
        let part = &mut self.parts[tp];
        part.since_commit += 1;
        let due = match interval {
            Some(interval) => self.now.saturating_sub(part.last_commit) >= interval,
            None => part.since_commit >= every,
        };
        if !due {
            return;
        }
        part.since_commit = 0;
        part.last_commit = self.now;
        let position = self.commit_position(tp);
        if self.settings.delivery == Delivery::ExactlyOnce {
            self.txns[member].offsets.push((tp, position));
            self.commit_txn(member);
        } else {
            self.committed[tp] = self.committed[tp].max(position);
        }
        self.trace_with(actor, Some(tp), Some(position), None, Action::Committed, None, None);
    }

    fn commit_txn(&mut self, member: usize) {
        let txn = std::mem::take(&mut self.txns[member]);
        for (tp, offset) in txn.offsets {
            self.committed[tp] = self.committed[tp].max(offset);
        }
        for entry in txn.dlq {
            self.dlq[entry].in_txn = false;
        }
    }

    fn abort_txn(&mut self, member: usize) {
        let txn = std::mem::take(&mut self.txns[member]);
        for event in txn.runs {
            self.events[event as usize].aborted += 1;
        }
        for entry in txn.dlq {
            self.settle_entry(entry, EntryState::Aborted);
            let event = self.dlq[entry].event as usize;
            self.events[event].in_dlq = self.events[event].in_dlq.saturating_sub(1);
            let key = self.events[event].key;
            if key != NO_KEY {
                let state = &mut self.key_state[key as usize];
                state.backlog = state.backlog.saturating_sub(1);
            }
        }
        for key in txn.parks {
            self.set_unparked(key);
        }
    }

    fn note_taken(&mut self, tp: usize, event: u32) {
        let record = &mut self.events[event as usize];
        if record.taken || record.key == NO_KEY {
            return;
        }
        record.taken = true;
        let delay = blocked_upto(&self.parts[tp], self.now).saturating_sub(record.blocked_base);
        if delay > 0 {
            let collateral = &mut self.key_state[record.key as usize].collateral;
            collateral.events += 1;
            collateral.total_delay += delay;
            collateral.max_delay = collateral.max_delay.max(delay);
        }
    }

    fn effective_runs(&self, event: u32) -> u32 {
        let record = &self.events[event as usize];
        record.runs.saturating_sub(record.aborted)
    }

    fn is_cured(&self, fault: &EventFault) -> bool {
        let class_cured =
            |class: &Option<String>| class.as_ref().is_some_and(|class| self.cure_classes.contains(class));
        match fault {
            EventFault::None => true,
            EventFault::Poison { class, .. } => {
                (self.cure_all_poison && class.is_none())
                    || class_cured(class)
                    || (self.cure_all_poison && self.cure_classes.is_empty())
            }
            EventFault::Transient { class, .. } => class_cured(class),
        }
    }

    fn attempt_fails(&self, event: u32) -> bool {
        let record = &self.events[event as usize];
        match &record.fault {
            EventFault::None => false,
            EventFault::Poison { .. } => !self.is_cured(&record.fault),
            EventFault::Transient { failures, .. } => record.failures < *failures && !self.is_cured(&record.fault),
        }
    }

    fn is_parked_for(&self, tp: usize, key: u32) -> bool {
        let Some(dlq) = &self.settings.dlq else { return false };
        if !dlq.park_by_key || key == NO_KEY || self.settings.on_exhausted != OnExhausted::Dlq {
            return false;
        }
        match dlq.park_store {
            ParkStore::Durable => self.park[key as usize].is_some(),
            ParkStore::InMemory => self.parts[tp].park_memory.contains(&key),
        }
    }

    fn parking(&self) -> bool {
        self.settings.on_exhausted == OnExhausted::Dlq && self.settings.dlq.as_ref().is_some_and(|dlq| dlq.park_by_key)
    }

    // ------------------------------------------------------------------------------------------------- runs

    /// Records a successful handler run and checks it.
    fn record_run(&mut self, member: usize, event: u32, origin: Origin, offset: u64, from_source: bool) {
        self.out.counts.handler_runs += 1;
        let record = &mut self.events[event as usize];
        record.runs += 1;
        let origin = if record.producer_faulted { Origin::Producer } else { origin };
        if self.settings.delivery == Delivery::ExactlyOnce && member != usize::MAX {
            self.txns[member].runs.push(event);
        }
        let effective = record.runs.saturating_sub(record.aborted);
        let key = record.key;
        if effective > 1 {
            self.out.counts.duplicates += 1;
            let detail = format!("handler run {effective} of `{}`", self.event_id(event));
            self.violation(Code::Duplicate, event, origin, offset, vec![], None, detail);
        }
        if key != NO_KEY
            && from_source
            && origin != Origin::Replay
            && self.parking()
            && (self.key_state[key as usize].backlog > 0 || self.key_state[key as usize].in_retry > 0)
        {
            let detail = format!(
                "ran live while `{}` has {} DLQ entries not replayed",
                self.keys[key as usize], self.key_state[key as usize].backlog
            );
            self.violation(Code::ParkBreach, event, origin, offset, vec![], None, detail);
        }
        if self.events[event as usize].ran {
            return;
        }
        self.events[event as usize].ran = true;
        self.replay_ready.release(event);
        if let Some(waiting) = self.waiting_on_pill.remove(&event) {
            for index in waiting {
                if self.dlq[index].state == EntryState::Pending {
                    self.replay_ready.insert(index, self.dlq[index].key);
                }
            }
        }
        self.out.counts.processed += 1;
        if key == NO_KEY {
            return;
        }
        let rank = self.events[event as usize].rank;
        let events = &self.events;
        let findings = self.checker.first_run_order(key, rank, &|other| events[other as usize].ran);
        for finding in findings {
            match finding {
                OrderFinding::Overtake { lowest_unrun } => {
                    let blocker = &self.events[lowest_unrun as usize];
                    let blocker_id = self.event_id(lowest_unrun);
                    let detail = format!(
                        "{blocker_id} (seq {}) not yet processed: {}",
                        blocker.seq,
                        self.whereabouts(lowest_unrun)
                    );
                    let related = vec![blocker_id];
                    self.violation(Code::OrderOvertake, event, origin, offset, related, None, detail);
                }
                OrderFinding::Inversion { highest_run } => {
                    let later = &self.events[highest_run as usize];
                    let what = if origin == Origin::Replay { "replayed" } else { "processed" };
                    let later_id = self.event_id(highest_run);
                    let detail = format!("{what} after {later_id} (seq {})", later.seq);
                    let related = vec![later_id];
                    self.violation(Code::OrderInversion, event, origin, offset, related, None, detail);
                }
            }
        }
        let message = self.events[event as usize].message;
        for finding in self.checker.first_run_constraints(key, message) {
            let id = self.checker.constraint_id(finding.constraint).to_owned();
            let name = &self.message_names[message as usize];
            let detail = if finding.precedes {
                let first: Vec<&str> = self
                    .checker
                    .precedes_first(finding.constraint)
                    .iter()
                    .filter_map(|&m| self.message_names.get(m as usize).map(String::as_str))
                    .collect();
                format!("{id}: no {} yet", first.join(" or "))
            } else {
                let from =
                    finding.from.and_then(|m| self.message_names.get(m as usize)).map_or("start", String::as_str);
                format!("{id}: {from} → {name}")
            };
            self.violation(Code::Causal, event, origin, offset, vec![], Some(id), detail);
        }
    }

    fn whereabouts(&self, event: u32) -> &'static str {
        let record = &self.events[event as usize];
        if record.in_dlq > 0 {
            "in the DLQ"
        } else if self.retry.iter().any(|queue| queue.iter().any(|rec| rec.event == event)) {
            "in a retry topic"
        } else if record.skipped {
            "skipped"
        } else {
            "not delivered"
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn violation(
        &mut self,
        code: Code,
        event: u32,
        origin: Origin,
        offset: u64,
        related: Vec<String>,
        constraint: Option<String>,
        detail: String,
    ) {
        let record = &self.events[event as usize];
        let key = (record.key != NO_KEY).then(|| self.keys[record.key as usize].clone());
        self.out.violations.push(Violation {
            code,
            key,
            event: Some(self.event_id(event)),
            message: Some(self.message_names[record.message as usize].clone()),
            seq: (record.seq > 0).then_some(record.seq),
            step: self.now,
            partition: Some(self.tps[record.tp as usize].partition),
            offset: Some(offset),
            origin,
            related,
            constraint,
            detail,
            expected: false,
        });
    }

    fn dedup_hit(&mut self, event: u32, offset: u64, origin: Origin) {
        self.out.counts.dedup_hits += 1;
        let detail = format!("redelivery of `{}` suppressed by the idempotency store", self.event_id(event));
        self.violation(Code::DedupHit, event, origin, offset, vec![], None, detail);
    }

    // ------------------------------------------------------------------------------------- retry topics, DLQ

    fn write_retry(&mut self, member: usize, tp: usize, lane_id: u32, offset: u64, actor: &str) {
        let Some(LogRec::Record { event, .. }) = self.logs[tp].get(offset as usize).copied() else { return };
        let due = self.now.saturating_add(self.steps(self.settings.retry.backoff.delay_ms(1)));
        self.enqueue_retry(0, event, due, tp);
        self.trace_with(
            actor,
            Some(tp),
            Some(offset),
            Some(event),
            Action::RetryWrite,
            None,
            Some(self.retry_names[0].clone()),
        );
        let key = self.events[event as usize].key;
        if self.parking() && key != NO_KEY {
            self.set_parked(tp, key, event, member, actor);
        }
        self.finish_record(member, tp, lane_id, actor);
    }

    fn enqueue_retry(&mut self, level: usize, event: u32, due: u64, source_tp: usize) {
        if let Some(queue) = self.retry.get_mut(level) {
            queue.push_back(RetryRec { event, due, source_tp: source_tp as u32 });
            let key = self.events[event as usize].key;
            if key != NO_KEY && level == 0 {
                self.key_state[key as usize].in_retry += 1;
            }
        }
    }

    fn step_retry(&mut self, level: usize) {
        let Some(head) = self.retry[level].pop_front() else { return };
        let actor = self.retry_names[level].clone();
        let event = head.event;
        let key = self.events[event as usize].key;
        self.out.counts.attempts += 1;
        let attempt = level as u32 + 2;
        if !self.attempt_fails(event) {
            self.trace_with(&actor, None, None, Some(event), Action::Processed, Some(attempt), None);
            self.record_run(usize::MAX, event, Origin::Live, 0, false);
            self.leave_retry(key);
            if self.parking()
                && key != NO_KEY
                && self.park[key as usize] == Some(event)
                && self.key_state[key as usize].backlog == 0
            {
                self.set_unparked(key);
            }
            return;
        }
        self.events[event as usize].failures += 1;
        self.trace_with(&actor, None, None, Some(event), Action::Failed, Some(attempt), None);
        if level + 1 < self.retry.len() {
            let due = self.now.saturating_add(self.steps(self.settings.retry.backoff.delay_ms(attempt)));
            self.retry[level + 1].push_back(RetryRec { event, due, source_tp: head.source_tp });
            self.trace_with(
                &actor,
                None,
                None,
                Some(event),
                Action::RetryWrite,
                None,
                Some(self.retry_names[level + 1].clone()),
            );
            return;
        }
        self.leave_retry(key);
        let source_tp = head.source_tp as usize;
        self.append_dead_letter(event, source_tp, 0, attempt, None, &actor, usize::MAX);
    }

    fn leave_retry(&mut self, key: u32) {
        if key != NO_KEY {
            let state = &mut self.key_state[key as usize];
            state.in_retry = state.in_retry.saturating_sub(1);
        }
    }

    /// The exhausted record's DLQ write, park write and commit, with the targeted crash points between them.
    fn write_dead_letter(&mut self, member: usize, tp: usize, lane_id: u32, offset: u64, actor: &str) {
        let Some(LogRec::Record { event, .. }) = self.logs[tp].get(offset as usize).copied() else { return };
        let attempts = self.parts[tp].lanes.get(lane_id).map_or(1, |lane| lane.attempts);
        self.append_dead_letter(event, tp, offset, attempts, None, actor, member);
        if self.targeted_crash(event, CrashPoint::AfterDlqWrite, member) {
            return;
        }
        let key = self.events[event as usize].key;
        if self.parking() && key != NO_KEY {
            self.set_parked(tp, key, event, member, actor);
            if self.targeted_crash(event, CrashPoint::AfterParkWrite, member) {
                return;
            }
        }
        if self.targeted_crash(event, CrashPoint::BeforeCommit, member) {
            return;
        }
        self.finish_record(member, tp, lane_id, actor);
    }

    #[allow(clippy::too_many_arguments)]
    fn append_dead_letter(
        &mut self,
        event: u32,
        source_tp: usize,
        source_offset: u64,
        attempts: u32,
        parked_behind: Option<u32>,
        actor: &str,
        member: usize,
    ) -> usize {
        let record = &self.events[event as usize];
        let reason = match (&parked_behind, &record.fault) {
            (Some(_), _) => DlqReason::Parked,
            (None, EventFault::Poison { .. }) => DlqReason::Poison,
            (None, _) => DlqReason::ExhaustedTransient,
        };
        let partition = match self.settings.dlq.as_ref().map(|dlq| dlq.partition) {
            Some(DlqPartition::Key) if record.key != NO_KEY => {
                let name = &self.keys[record.key as usize];
                let partitioner =
                    self.setup.topic(&self.dlq_topic).map_or(Partitioner::Murmur2, |topic| topic.partitioner);
                partitioner.partition(name.as_bytes(), self.dlq_partitions).unwrap_or(0)
            }
            _ => self.tps[source_tp].partition % self.dlq_partitions.max(1),
        };
        let offset = self.dlq_next[partition as usize];
        self.dlq_next[partition as usize] += 1;
        let source = (event, source_tp as u32, source_offset);
        let replayed_again = actor == "replayer";
        if parked_behind.is_none() && !replayed_again && !self.dlq_sources.insert(source) {
            self.out.counts.dlq.duplicate_writes += 1;
            let detail = format!("`{}` written to the DLQ again after a redelivery", self.event_id(event));
            self.violation(Code::DlqDuplicate, event, Origin::Live, source_offset, vec![], None, detail);
        }
        let record = &mut self.events[event as usize];
        record.in_dlq += 1;
        let key = record.key;
        if key != NO_KEY {
            self.key_state[key as usize].backlog += 1;
        }
        let in_txn = self.settings.delivery == Delivery::ExactlyOnce && member != usize::MAX;
        self.dlq.push(DlqEntry {
            event,
            key,
            partition,
            offset,
            reason,
            attempts,
            parked_behind,
            source_tp: source_tp as u32,
            state: EntryState::Pending,
            in_txn,
        });
        let index = self.dlq.len() - 1;
        match parked_behind {
            Some(pill) if pill != event && !self.events[pill as usize].ran => {
                self.waiting_on_pill.entry(pill).or_default().push(index);
            }
            _ => self.replay_ready.insert(index, key),
        }
        if in_txn {
            self.txns[member].dlq.push(index);
        }
        if self.options.trace {
            let action = if parked_behind.is_some() { Action::Diverted } else { Action::DlqWrite };
            let why = match parked_behind {
                Some(pill) => format!("parked behind {}", self.event_id(pill)),
                None => reason.as_str().to_owned(),
            };
            let detail = Some(format!("{why} {}[{partition}]@{offset}", self.dlq_topic));
            self.trace_with(actor, Some(source_tp), Some(source_offset), Some(event), action, None, detail);
        }
        index
    }

    fn divert(&mut self, tp: usize, event: u32, offset: u64, actor: &str) {
        let key = self.events[event as usize].key;
        let pill = self.park[key as usize].or(self.key_state[key as usize].pill).unwrap_or(event);
        let member = self.owner[tp].unwrap_or(usize::MAX);
        self.append_dead_letter(event, tp, offset, 0, Some(pill), actor, member);
        self.key_state[key as usize].parked_events += 1;
    }

    fn set_parked(&mut self, tp: usize, key: u32, pill: u32, member: usize, actor: &str) {
        if self.settings.dlq.as_ref().is_some_and(|dlq| dlq.park_store == ParkStore::InMemory) {
            self.parts[tp].park_memory.insert(key);
        }
        if self.park[key as usize].is_some() {
            return;
        }
        self.park[key as usize] = Some(pill);
        let state = &mut self.key_state[key as usize];
        state.pill = Some(pill);
        state.park_since = Some(self.now);
        state.parked_at.get_or_insert(self.now);
        if self.settings.delivery == Delivery::ExactlyOnce && member != usize::MAX {
            self.txns[member].parks.push(key);
        }
        if self.options.trace {
            let detail = Some(format!("park {}", self.keys[key as usize]));
            self.trace_with(actor, Some(tp), None, Some(pill), Action::Park, None, detail);
        }
    }

    fn set_unparked(&mut self, key: u32) {
        self.park[key as usize] = None;
        for part in &mut self.parts {
            part.park_memory.remove(&key);
        }
        let now = self.now;
        let state = &mut self.key_state[key as usize];
        if let Some(since) = state.park_since.take() {
            state.max_park = state.max_park.max(now - since);
            state.unparked_at = Some(now);
        }
    }

    fn consume_unpark(&mut self, tp: usize, key: u32, offset: u64, actor: &str) {
        let backlog = self.key_state[key as usize].backlog;
        let unparked = backlog == 0 && self.park[key as usize].is_some();
        if unparked {
            self.set_unparked(key);
        }
        if self.options.trace {
            let outcome = if unparked { "unparked" } else { "stays parked" };
            let detail = Some(format!("unpark({}): backlog {backlog} → {outcome}", self.keys[key as usize]));
            self.trace_with(actor, Some(tp), Some(offset), None, Action::Unpark, None, detail);
        }
    }

    /// Operator or fix-time unpark: races the replayer when the backlog is not drained.
    fn force_unpark(&mut self, key: u32, actor: &str) {
        if self.park[key as usize].is_none() {
            return;
        }
        let backlog = self.key_state[key as usize].backlog;
        if backlog > 0 {
            let pill = self.park[key as usize].unwrap_or(0);
            let detail = format!("`{}` unparked with {backlog} DLQ entries not replayed", self.keys[key as usize]);
            self.violation(Code::UnparkRace, pill, Origin::Live, 0, vec![], None, detail);
            if let Some(last) = self.out.violations.last_mut() {
                last.event = None;
                last.message = None;
                last.seq = None;
                last.offset = None;
                last.partition = Some(self.tps[self.events[pill as usize].tp as usize].partition);
            }
        }
        self.set_unparked(key);
        let detail = Some(format!("unpark({}): backlog {backlog}", self.keys[key as usize]));
        self.trace_with(actor, None, None, None, Action::Unpark, None, detail);
    }

    // ---------------------------------------------------------------------------------------------- replay

    fn entry_eligible(&self, index: usize) -> bool {
        let Some(replay) = &self.replay else { return false };
        let entry = &self.dlq[index];
        if entry.state != EntryState::Pending || entry.in_txn {
            return false;
        }
        let record = &self.events[entry.event as usize];
        if replay.only_cured && matches!(record.fault, EventFault::Poison { .. }) && !self.is_cured(&record.fault) {
            return false;
        }
        match entry.parked_behind {
            Some(pill) if pill != entry.event => self.events[pill as usize].ran,
            _ => true,
        }
    }

    fn next_replay_entry(&self) -> Option<usize> {
        let replay = self.replay.as_ref()?;
        if replay.order == ReplayOrder::PerKey
            && let Some(key) = replay.current_key
            && let Some(index) = self.replay_ready.of_key(key).find(|&index| self.entry_eligible(index))
        {
            return Some(index);
        }
        self.replay_ready.first(|index| self.entry_eligible(index))
    }

    /// Marks an entry as no longer pending and takes it out of the replayer's candidates.
    fn settle_entry(&mut self, index: usize, state: EntryState) {
        self.dlq[index].state = state;
        self.replay_ready.remove(index, self.dlq[index].key);
    }

    fn step_replayer(&mut self) {
        let Some(rate) = self.replay.as_ref().map(|replay| replay.rate.max(1)) else { return };
        for _ in 0..rate {
            let Some(index) = self.next_replay_entry() else { return };
            self.replay_entry(index);
        }
    }

    fn replay_entry(&mut self, index: usize) {
        let event = self.dlq[index].event;
        let key = self.events[event as usize].key;
        let source_tp = self.dlq[index].source_tp as usize;
        if let Some(replay) = self.replay.as_mut() {
            replay.current_key = (key != NO_KEY).then_some(key);
        }
        let via = self.replay.as_ref().map_or(ReplayVia::InPlace, |replay| replay.via);
        let dlq_offset = Some(self.dlq[index].offset);
        let location = self
            .options
            .trace
            .then(|| format!("{}[{}]@{}", self.dlq_topic, self.dlq[index].partition, self.dlq[index].offset));
        if via == ReplayVia::Republish {
            self.logs[source_tp].push(LogRec::Record { event, republished: true });
            self.watch(source_tp);
            self.trace_with(
                "replayer",
                Some(source_tp),
                dlq_offset,
                Some(event),
                Action::Republished,
                None,
                location.clone(),
            );
            self.entry_done(index, source_tp);
            return;
        }
        if self.settings.idempotent && self.effective_runs(event) > 0 {
            self.dedup_hit(event, 0, Origin::Replay);
            self.trace_with(
                "replayer",
                Some(source_tp),
                dlq_offset,
                Some(event),
                Action::DedupHit,
                None,
                location.clone(),
            );
            self.entry_done(index, source_tp);
            return;
        }
        self.out.counts.attempts += 1;
        if self.attempt_fails(event) {
            self.events[event as usize].failures += 1;
            self.trace_with(
                "replayer",
                Some(source_tp),
                dlq_offset,
                Some(event),
                Action::ReplayFailed,
                None,
                location.clone(),
            );
            self.settle_entry(index, EntryState::Failed);
            self.events[event as usize].in_dlq = self.events[event as usize].in_dlq.saturating_sub(1);
            if key != NO_KEY {
                self.key_state[key as usize].backlog -= 1;
            }
            let attempts = self.dlq[index].attempts + 1;
            let parked_behind = self.dlq[index].parked_behind;
            let new = self.append_dead_letter(event, source_tp, 0, attempts, parked_behind, "replayer", usize::MAX);
            self.dlq[new].reason = self.dlq[index].reason;
            if self.parking() && key != NO_KEY {
                self.hold_key_behind(key, event, new);
            }
            return;
        }
        self.trace_with("replayer", Some(source_tp), dlq_offset, Some(event), Action::Replayed, None, location.clone());
        self.out.counts.replayed += 1;
        let offset = self.dlq[index].offset;
        self.record_run(usize::MAX, event, Origin::Replay, offset, false);
        self.entry_done(index, source_tp);
    }

    /// After a failed replay under parking, the key's later pending entries wait until `event` has run.
    fn hold_key_behind(&mut self, key: u32, event: u32, requeued: usize) {
        self.replay_ready.hold(key, event, requeued);
    }

    fn entry_done(&mut self, index: usize, source_tp: usize) {
        self.settle_entry(index, EntryState::Done);
        let event = self.dlq[index].event;
        self.events[event as usize].in_dlq = self.events[event as usize].in_dlq.saturating_sub(1);
        let key = self.events[event as usize].key;
        if key == NO_KEY {
            return;
        }
        let state = &mut self.key_state[key as usize];
        state.backlog = state.backlog.saturating_sub(1);
        let drained = state.backlog == 0;
        let unpark = self.settings.dlq.as_ref().map(|dlq| dlq.unpark);
        if drained && self.park[key as usize].is_some() && unpark == Some(Unpark::WhenBacklogDrained) {
            self.logs[source_tp].push(LogRec::Unpark { key });
            self.watch(source_tp);
            if self.options.trace {
                let detail = Some(format!("unpark({}) control record", self.keys[key as usize]));
                self.trace_with("replayer", Some(source_tp), None, None, Action::UnparkWrite, None, detail);
            }
        }
    }

    // ------------------------------------------------------------------------------------- faults and ops

    fn fire_operations(&mut self, matches: impl Fn(&At) -> bool) {
        let operations = &self.scenario.operations;
        for (index, operation) in operations.iter().enumerate() {
            if self.operations_fired[index] || !matches(&operation.at) {
                continue;
            }
            self.operations_fired[index] = true;
            match &operation.action {
                OperationAction::DeployFix(cures) => self.deploy_fix(cures),
                OperationAction::ReplayDlq(replay) => {
                    let declared = self.settings.dlq.as_ref().map(|dlq| dlq.replay);
                    self.replay = Some(ReplayState {
                        order: replay.order.or(declared.map(|d| d.order)).unwrap_or(ReplayOrder::DlqOffset),
                        via: replay.via.or(declared.map(|d| d.via)).unwrap_or(ReplayVia::InPlace),
                        rate: replay.rate.max(1),
                        only_cured: replay.only_cured,
                        current_key: None,
                    });
                    self.replay_fired = true;
                    self.last_active = self.now;
                    self.trace("operator", None, None, None, Action::ReplayStart);
                }
                OperationAction::Unpark(key) => {
                    let keys: Vec<u32> = match key {
                        Some(name) => self.keys.iter().position(|k| k == name).map(|k| k as u32).into_iter().collect(),
                        None => (0..self.keys.len() as u32).collect(),
                    };
                    for key in keys {
                        self.force_unpark(key, "operator");
                    }
                }
            }
        }
    }

    fn deploy_fix(&mut self, cures: &Cures) {
        match cures {
            Cures::AllPoison => self.cure_all_poison = true,
            Cures::Classes(classes) => self.cure_classes.extend(classes.iter().cloned()),
        }
        self.fix_fired = true;
        self.last_active = self.now;
        let now = self.now;
        for part in &mut self.parts {
            let mut resumed = false;
            for lane in part.lanes.values_mut() {
                if lane.halted {
                    lane.halted = false;
                    lane.due = now;
                    lane.first_fail = None;
                    lane.attempts = 0;
                    resumed = true;
                }
            }
            if resumed && part.block_start.is_some() {
                close_block(part, now);
            }
        }
        self.trace("operator", None, None, None, Action::Fix);
        if self.settings.dlq.as_ref().is_some_and(|dlq| dlq.unpark == Unpark::AtFixTime) {
            for key in 0..self.keys.len() as u32 {
                self.force_unpark(key, "operator");
            }
        }
    }

    fn fire_faults(&mut self, matches: impl Fn(&FaultTrigger) -> bool) {
        for index in 0..self.scenario.faults.len() {
            let fault = &self.scenario.faults[index];
            if self.fired[index] || !matches(&fault.trigger) {
                continue;
            }
            self.fired[index] = true;
            let action = fault.action.clone();
            self.apply_fault(&action, None);
        }
    }

    fn fire_rate_faults(&mut self) {
        let now = self.now;
        for index in 0..self.scenario.faults.len() {
            let fault = &self.scenario.faults[index];
            let fire = match fault.trigger {
                FaultTrigger::PerStep(p) => self.fault_rng.chance(Probability::new(p)),
                FaultTrigger::EverySteps(every) => every > 0 && now.is_multiple_of(every),
                _ => false,
            };
            if fire {
                let action = fault.action.clone();
                self.apply_fault(&action, None);
            }
        }
    }

    fn member_of(&mut self, reference: &MemberRef, handling: Option<usize>) -> Option<usize> {
        match reference {
            MemberRef::Named(name) => self.members.iter().position(|member| member.id == *name),
            MemberRef::Any => handling.or_else(|| {
                let alive: Vec<usize> = (0..self.members.len()).filter(|&m| self.members[m].alive).collect();
                (!alive.is_empty()).then(|| alive[self.fault_rng.below(alive.len() as u64) as usize])
            }),
        }
    }

    fn apply_fault(&mut self, action: &FaultAction, handling: Option<usize>) {
        let trigger = FaultTrigger::At(At::Step(self.now));
        let logged = match action {
            FaultAction::Crash(reference) | FaultAction::Leave(reference) => {
                let member = self.member_of(reference, handling);
                if let Some(member) = member {
                    let named = MemberRef::Named(self.members[member].id.clone());
                    let resolved = if matches!(action, FaultAction::Crash(_)) {
                        FaultAction::Crash(named)
                    } else {
                        FaultAction::Leave(named)
                    };
                    self.out.fault_log.push(crate::scenario::Fault { trigger, action: resolved });
                }
                member
            }
            other => {
                self.out.fault_log.push(crate::scenario::Fault { trigger, action: other.clone() });
                None
            }
        };
        match action {
            FaultAction::Crash(_) => {
                if let Some(member) = logged {
                    self.crash(member);
                }
            }
            FaultAction::Leave(_) => {
                if let Some(member) = logged {
                    // A graceful leave: the member still runs its revoke hook, then stops.
                    self.members[member].joined = false;
                    self.rebalance();
                    self.members[member].alive = false;
                }
            }
            FaultAction::Join(count) => {
                for _ in 0..*count {
                    let id = format!("{}-{}", self.setup.group, self.members.len());
                    self.members.push(Member { id, alive: true, joined: true });
                    self.txns.push(Txn::default());
                }
                self.rebalance();
            }
            FaultAction::LeaveJoin => {
                if let Some(member) = self.member_of(&MemberRef::Any, None) {
                    self.evict(member);
                }
            }
            FaultAction::ProducerReorder | FaultAction::ProducerDuplicate => self.producer_fault(action),
        }
    }

    fn producer_fault(&mut self, action: &FaultAction) {
        let producer = &self.setup.producer;
        let reorder = *action == FaultAction::ProducerReorder;
        let allowed = if reorder {
            !producer.idempotent && producer.max_in_flight > 1
        } else {
            !producer.idempotent || producer.outbox
        };
        if !allowed {
            return;
        }
        let candidates: Vec<usize> =
            (0..self.tps.len()).filter(|&tp| self.logs[tp].len() >= self.parts[tp].pos as usize + 2).collect();
        if candidates.is_empty() {
            return;
        }
        let tp = candidates[self.fault_rng.below(candidates.len() as u64) as usize];
        let len = self.logs[tp].len();
        let touched: Vec<u32> = self.logs[tp][len - 2..]
            .iter()
            .filter_map(|rec| match rec {
                LogRec::Record { event, .. } => Some(*event),
                LogRec::Unpark { .. } => None,
            })
            .collect();
        if reorder {
            self.logs[tp].swap(len - 2, len - 1);
        } else if let Some(&last) = self.logs[tp].last() {
            self.logs[tp].push(last);
        }
        self.watch(tp);
        for event in touched {
            self.events[event as usize].producer_faulted = true;
        }
        let detail = Some(if reorder { "reorder".to_owned() } else { "duplicate".to_owned() });
        self.trace_with("producer", Some(tp), None, None, Action::Producer, None, detail);
    }

    /// Fires a targeted crash fault for `event` at `point`, if one is armed; true when the member crashed.
    fn targeted_crash(&mut self, event: u32, point: CrashPoint, member: usize) -> bool {
        if member == usize::MAX {
            return false;
        }
        for index in 0..self.scenario.faults.len() {
            let fault = &self.scenario.faults[index];
            let FaultTrigger::AfterEvent { point: armed, .. } = &fault.trigger else { continue };
            if self.fired[index] || *armed != point || self.armed_events[index] != Some(event) {
                continue;
            }
            self.fired[index] = true;
            let target = match &fault.action {
                FaultAction::Crash(reference) => self.member_of(reference, Some(member)),
                _ => Some(member),
            };
            if let Some(target) = target {
                self.crash(target);
                return target == member;
            }
        }
        false
    }

    // --------------------------------------------------------------------------------- group membership

    fn reset_partition(&mut self, tp: usize) {
        self.watch(tp);
        let now = self.now;
        let part = &mut self.parts[tp];
        if part.block_start.is_some() {
            close_block(part, now);
        }
        part.lanes.clear();
        part.park_memory.clear();
        part.since_commit = 0;
        part.pos = self.committed[tp];
    }

    fn crash(&mut self, member: usize) {
        if !self.members[member].alive {
            return;
        }
        self.out.counts.crashes += 1;
        self.out.crash_or_rebalance = true;
        self.members[member].alive = false;
        if self.settings.delivery == Delivery::ExactlyOnce {
            self.abort_txn(member);
        }
        for tp in 0..self.tps.len() {
            if self.owner[tp] == Some(member) {
                self.reset_partition(tp);
            }
        }
        let id = self.members[member].id.clone();
        self.trace(&id, None, None, None, Action::Crashed);
        let due = self.now.saturating_add(self.steps(self.settings.session_timeout_ms).max(1));
        self.rebalance_due.push(due);
    }

    /// A member leaves and joins again at once (eviction or a leave-join fault).
    fn evict(&mut self, member: usize) {
        self.members[member].alive = false;
        self.rebalance();
        self.members[member].alive = true;
        self.rebalance();
    }

    fn rebalance(&mut self) {
        self.out.counts.rebalances += 1;
        self.out.crash_or_rebalance = true;
        let cooperative = self.settings.assignor == crate::setup::Assignor::CooperativeSticky;
        self.install_assignment(cooperative);
        self.trace("group", None, None, None, Action::Rebalanced);
    }

    fn install_assignment(&mut self, cooperative: bool) {
        let mut order: Vec<usize> = (0..self.members.len()).collect();
        order.sort_by(|&a, &b| self.members[a].id.cmp(&self.members[b].id));
        self.member_rank = vec![0; self.members.len()];
        for (rank, member) in order.into_iter().enumerate() {
            self.member_rank[member] = rank;
        }
        let alive: Vec<usize> =
            (0..self.members.len()).filter(|&m| self.members[m].alive && self.members[m].joined).collect();
        let ids: Vec<String> = self.members.iter().map(|member| member.id.clone()).collect();
        let new_owner = assign(self.settings.assignor, &self.tps, &ids, &alive, &self.owner);
        for (tp, &new) in new_owner.iter().enumerate() {
            let old = self.owner[tp];
            if cooperative && old == new {
                continue;
            }
            // Only a live member runs its revoke hook: a crashed or evicted one cannot commit any more.
            if let Some(old) = old
                && self.members[old].alive
                && self.settings.commit.on_revoke
                && self.settings.delivery != Delivery::AtMostOnce
            {
                let position = self.commit_position(tp);
                if self.settings.delivery == Delivery::ExactlyOnce {
                    self.txns[old].offsets.push((tp, position));
                    self.commit_txn(old);
                } else {
                    self.committed[tp] = self.committed[tp].max(position);
                }
            }
            self.reset_partition(tp);
        }
        self.owner = new_owner;
        let mut order: Vec<usize> = (0..self.tps.len()).filter(|&tp| self.owner[tp].is_some()).collect();
        order.sort_unstable_by_key(|&tp| (self.owner[tp].map_or(usize::MAX, |member| self.member_rank[member]), tp));
        self.slot_of_tp = vec![usize::MAX; self.tps.len()];
        for (slot, &tp) in order.iter().enumerate() {
            self.slot_of_tp[tp] = slot;
        }
        self.watched = vec![u64::MAX; order.len().div_ceil(64)];
        self.part_order = order;
    }

    /// The actor-id order of §5.1: partition actors by member id, then retry consumers, then the replayer.
    fn actor_key(&self, actor: Actor) -> (u8, usize, usize) {
        match actor {
            Actor::Part(member, tp) => (0, self.member_rank[member], tp),
            Actor::Retry(level) => (1, level, 0),
            Actor::Replayer => (2, 0, 0),
        }
    }

    // ----------------------------------------------------------------------------------------------- end

    fn finish(mut self) -> EngineOutput {
        let end = self.last_active;
        for event in 0..self.events.len() as u32 {
            let record = &self.events[event as usize];
            if !record.consumed || record.runs > 0 || record.in_dlq > 0 {
                continue;
            }
            let tp = record.tp as usize;
            let in_retry = self.retry.iter().any(|queue| queue.iter().any(|rec| rec.event == event));
            let offset = record.offset;
            let halted = self.parts[tp].lanes.values().any(|lane| lane.halted)
                && (!self.key_mode()
                    || self.parts[tp]
                        .lanes
                        .get(record.key)
                        .is_some_and(|lane| lane.halted && lane.offsets.contains(&offset)));
            let halted_at = self.parts[tp]
                .lanes
                .values()
                .filter(|lane| lane.halted)
                .filter_map(|l| l.offsets.front())
                .min()
                .copied();
            if in_retry {
                self.out.counts.pending += 1;
            } else if halted && halted_at.is_some_and(|at| offset >= at) {
                self.out.counts.stuck += 1;
                let detail = "behind a halted position until a fix".to_owned();
                self.violation(Code::Stuck, event, Origin::Live, offset, vec![], None, detail);
            } else if record.skipped || (record.produce_step <= end && self.committed[tp] > offset) {
                self.out.counts.lost += 1;
                let detail =
                    if record.skipped { "skipped after its attempts" } else { "committed past but never processed" };
                self.violation(Code::Lost, event, Origin::Live, offset, vec![], None, detail.to_owned());
            } else {
                self.out.counts.pending += 1;
            }
            if let Some(last) = self.out.violations.last_mut() {
                last.step = end;
            }
        }
        self.now = end;
        for tp in 0..self.tps.len() {
            let waiting: Vec<u32> = self.logs[tp]
                .iter()
                .skip(self.parts[tp].pos as usize)
                .filter_map(|rec| match *rec {
                    LogRec::Record { event, .. } => Some(event),
                    LogRec::Unpark { .. } => None,
                })
                .collect();
            for event in waiting {
                self.note_taken(tp, event);
            }
        }
        self.fix_and_replay_checks(end);
        self.collect_keys(end);
        self.out.dlq = self
            .dlq
            .iter()
            .filter(|entry| entry.state != EntryState::Aborted)
            .map(|entry| {
                let record = &self.events[entry.event as usize];
                DlqRecord {
                    topic: self.dlq_topic.clone(),
                    partition: entry.partition,
                    offset: entry.offset,
                    event: self.event_id(entry.event),
                    key: (record.key != NO_KEY).then(|| self.keys[record.key as usize].clone()),
                    reason: entry.reason,
                    attempts: entry.attempts,
                    detail: match (&record.fault, entry.reason) {
                        (EventFault::Poison { detail, .. }, DlqReason::Poison) => Some(detail.clone()),
                        _ => None,
                    },
                    parked_behind: entry.parked_behind.map(|pill| self.event_id(pill)),
                }
            })
            .collect();
        let dlq = &mut self.out.counts.dlq;
        dlq.entries = self.out.dlq.len() as u64;
        dlq.poison = self.out.dlq.iter().filter(|entry| entry.reason != DlqReason::Parked).count() as u64;
        dlq.parked = self.out.dlq.iter().filter(|entry| entry.reason == DlqReason::Parked).count() as u64;
        self.out.fix_and_replay = self.fix_fired && self.replay_fired;
        if self.options.trace || self.options.record_picks {
            self.describe_events();
        }
        let mut per_constraint = vec![0u64; self.checker.constraint_count()];
        for violation in &self.out.violations {
            if let Some(constraint) = &violation.constraint
                && let Some(index) = (0..per_constraint.len()).find(|&i| self.checker.constraint_id(i) == constraint)
            {
                per_constraint[index] += 1;
            }
        }
        self.out.constraint_counts =
            (0..per_constraint.len()).map(|i| (self.checker.constraint_id(i).to_owned(), per_constraint[i])).collect();
        let _ = (&self.message_topic, &self.message_consumed, &self.tp_base);
        self.out
    }

    /// Fills `events` and `stream` (one entry per event), which only the drawings and the shrinker read.
    fn describe_events(&mut self) {
        self.out.events = self
            .events
            .iter()
            .enumerate()
            .map(|(event, record)| EventInfo {
                id: self.event_id(event as u32),
                message: self.message_names[record.message as usize].clone(),
                key: (record.key != NO_KEY).then(|| self.keys[record.key as usize].clone()),
                topic: self.topics[self.tps[record.tp as usize].topic].0.clone(),
                partition: self.tps[record.tp as usize].partition,
                poison: matches!(record.fault, EventFault::Poison { .. }),
            })
            .collect();
        self.out.stream = self
            .events
            .iter()
            .enumerate()
            .map(|(event, record)| StreamEvent {
                id: self.event_id(event as u32),
                message: self.message_names[record.message as usize].clone(),
                key: (record.key != NO_KEY).then(|| self.keys[record.key as usize].clone()),
                partition: Some(self.tps[record.tp as usize].partition),
                at: (record.produce_step > 0).then_some(record.produce_step),
                fault: record.fault.clone(),
            })
            .collect();
    }

    fn fix_and_replay_checks(&mut self, end: u64) {
        if !(self.fix_fired && self.replay_fired) {
            if self.dlq.iter().any(|entry| entry.state == EntryState::Pending) {
                self.out.notes.push("DLQ not replayed".to_owned());
            }
            return;
        }
        let saved = self.now;
        self.now = end;
        for index in 0..self.dlq.len() {
            let entry = &self.dlq[index];
            let blocked_by_pill =
                entry.parked_behind.is_some_and(|pill| !self.is_cured(&self.events[pill as usize].fault));
            if entry.state != EntryState::Pending
                || blocked_by_pill
                || !self.is_cured(&self.events[entry.event as usize].fault)
            {
                continue;
            }
            let (event, offset) = (entry.event, entry.offset);
            let detail = format!("still in the DLQ at {}[{}]@{offset}", self.dlq_topic, entry.partition);
            self.violation(Code::ReplayIncomplete, event, Origin::Replay, offset, vec![], None, detail);
        }
        for key in 0..self.keys.len() {
            if let Some(pill) = self.park[key] {
                let detail = format!("`{}` is still parked", self.keys[key]);
                self.violation(Code::ReplayIncomplete, pill, Origin::Replay, 0, vec![], None, detail);
                if let Some(last) = self.out.violations.last_mut() {
                    last.event = None;
                    last.message = None;
                    last.seq = None;
                    last.offset = None;
                }
            }
        }
        self.now = saved;
    }

    fn collect_keys(&mut self, end: u64) {
        let mut event_counts = vec![0u64; self.keys.len()];
        let mut partition = vec![0u32; self.keys.len()];
        for record in &self.events {
            if record.key != NO_KEY {
                event_counts[record.key as usize] += 1;
                partition[record.key as usize] = self.tps[record.tp as usize].partition;
            }
        }
        let mut total = Collateral::default();
        let mut stats = vec![];
        for key in 0..self.keys.len() {
            let state = &self.key_state[key];
            let still_parked = state.park_since.map_or(0, |since| end.saturating_sub(since));
            let collateral_eligible = !state.has_fault && state.parked_at.is_none() && state.collateral.events > 0;
            if collateral_eligible {
                total.events += state.collateral.events;
                total.total_delay += state.collateral.total_delay;
                total.max_delay = total.max_delay.max(state.collateral.max_delay);
            }
            stats.push(KeyStats {
                key: self.keys[key].clone(),
                partition: partition[key],
                events: event_counts[key],
                violations: 0,
                first_violation: None,
                parked_at: state.parked_at,
                unparked_at: state.unparked_at,
                parked_events: state.parked_events,
                max_park_duration: state.max_park.max(still_parked),
                collateral: collateral_eligible.then(|| state.collateral.clone()),
            });
        }
        if total.events > 0 {
            self.out.collateral = Collateral { ..total };
        }
        self.out.keys = stats;
    }
}

fn close_block(part: &mut PartState, now: u64) {
    if let Some(start) = part.block_start.take() {
        part.blocked_total += (now + 1).saturating_sub(start);
    }
}

/// Blocked steps of the partition up to and including `step`.
fn blocked_upto(part: &PartState, step: u64) -> u64 {
    part.blocked_total + part.block_start.map_or(0, |start| (step + 1).saturating_sub(start))
}

/// The index of the event named `name` among `count` events (`g<index>` when there are no stream names).
fn find_event(names: &[String], count: usize, name: &str) -> Option<u32> {
    if names.is_empty() {
        let index: usize = name.strip_prefix('g')?.parse().ok()?;
        return (index < count && name == format!("g{index}")).then_some(index as u32);
    }
    names.iter().position(|candidate| candidate == name).map(|index| index as u32)
}

fn message_consumed_of(setup: &SimSetup, message: usize) -> bool {
    setup.messages.get(message).is_some_and(|message| message.consumed)
}
