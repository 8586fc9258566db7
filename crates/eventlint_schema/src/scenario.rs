//! The scenario format (catalog-format §16, dlq-simulator.md) as document types: the keys the scenario loader reads.
// The types describe the format for the schema generator; they are never built.
#![allow(dead_code)]

use eventlint_catalog::{Partitioner, ReplayOrder, ReplayVia};
use eventlint_sim::{CrashPoint, Interleave, OrderExpectation, Policy, ScheduleMode};
use schemars::JsonSchema;

use crate::shape::{Duration, Free, NameList, Names, Word};

/// An eventlint scenario file (`*.scenario.yaml`): one workload run against one consumer group.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields, title = "eventlint scenario")]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct ScenarioDocument {
    /// The format version.
    #[schemars(range(min = 1, max = 1))]
    scenario: u8,
    name: Option<String>,
    /// The catalog, relative to this file.
    catalog: String,
    /// The consumer group under test.
    group: String,
    seed: Option<u64>,
    time: Option<Time>,
    overrides: Option<Overrides>,
    /// The produced records, in produce order (or `generate`).
    stream: Option<Vec<StreamEvent>>,
    /// A generated workload (or `stream`).
    generate: Option<Generate>,
    schedule: Option<Schedule>,
    faults: Option<Vec<Fault>>,
    operations: Option<Vec<Operation>>,
    run: Option<Run>,
    expect: Option<Vec<Expect>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Time {
    /// What one scheduler step stands for.
    step: Option<Duration>,
}

/// What-if changes to the catalog, for this scenario only.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Overrides {
    topics: Option<std::collections::BTreeMap<String, TopicOverride>>,
    /// Group fields of catalog-format §4.2, checked by the loader.
    groups: Option<std::collections::BTreeMap<String, Free>>,
    services: Option<std::collections::BTreeMap<String, ServiceOverride>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct TopicOverride {
    #[schemars(range(min = 1))]
    partitions: Option<u64>,
    partitioner: Option<Word<Partitioner>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct ServiceOverride {
    /// Producer fields of catalog-format §4.1, checked by the loader.
    producer: Option<Free>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct StreamEvent {
    id: String,
    message: String,
    key: Scalar,
    #[schemars(range(min = 0))]
    partition: Option<u64>,
    at: Option<At>,
    fault: Option<EventFault>,
}

/// A record key: any scalar, read as text.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Scalar {
    Text(String),
    Number(f64),
    Flag(bool),
}

/// A step number, or `end`.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum At {
    Step(u64),
    #[schemars(with = "End")]
    End,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum End {
    End,
}

/// A poison pill (with its detail) or a transient failure (how many times it fails).
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct EventFault {
    class: Option<String>,
    poison: Option<Scalar>,
    transient: Option<u64>,
}

/// A generated workload.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Generate {
    events: u64,
    keys: Option<Keys>,
    /// A constraint whose lifecycle each key follows (or `sequence`).
    lifecycle: Option<String>,
    sequence: Option<NameList>,
    /// How the events of different keys interleave.
    interleave: Option<Word<Interleave>>,
    rate: Option<Rate>,
    faults: Option<GeneratedFaults>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Keys {
    #[schemars(range(min = 1))]
    count: Option<u64>,
    prefix: Option<String>,
    popularity: Option<Popularity>,
}

/// `uniform`, or `{ zipf: <exponent> }`.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Popularity {
    #[schemars(with = "Uniform")]
    Uniform,
    Zipf(Zipf),
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum Uniform {
    Uniform,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Zipf {
    #[schemars(range(min = 0))]
    zipf: f64,
}

/// Fault probabilities per generated event.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct GeneratedFaults {
    #[schemars(range(min = 0))]
    poison: Option<f64>,
    transient: Option<TransientFaults>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct TransientFaults {
    #[schemars(range(min = 0))]
    p: Option<f64>,
    failures: Option<Failures>,
}

/// How many times a transient fault fails: geometric, capped at `max`.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Failures {
    #[schemars(range(min = 0))]
    geometric: Option<f64>,
    #[schemars(range(min = 1))]
    max: Option<u64>,
}

/// `N/step`, N ≥ 1.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct Rate(#[schemars(regex(pattern = r"^\s*[1-9][0-9]*\s*/step$"))] String);

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Schedule {
    mode: Option<Word<ScheduleMode>>,
    /// Explicit schedule steps, for `mode: explicit`.
    steps: Option<Vec<String>>,
}

/// A fault: when (`at`, `afterEvent`, `perStep` or `everySteps`) and what (`crash`, `rebalance` or `producer`).
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Fault {
    at: Option<At>,
    after_event: Option<String>,
    point: Option<Word<CrashPoint>>,
    #[schemars(range(min = 0))]
    per_step: Option<f64>,
    every_steps: Option<u64>,
    crash: Option<String>,
    rebalance: Option<Rebalance>,
    #[schemars(with = "Option<ProducerFault>")]
    producer: Option<String>,
}

/// `leave-join`, or one member leaving or joining.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Rebalance {
    #[schemars(with = "LeaveJoin")]
    LeaveJoin,
    Change(RebalanceChange),
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum LeaveJoin {
    LeaveJoin,
}

/// `{ leave: <member> }` or `{ join: <count> }`.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct RebalanceChange {
    leave: Option<String>,
    #[schemars(range(min = 1))]
    join: Option<u64>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum ProducerFault {
    Reorder,
    Duplicate,
}

/// An operation at a step: `deployFix`, `replayDlq` or `unpark`.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Operation {
    at: At,
    deploy_fix: Option<DeployFix>,
    replay_dlq: Option<ReplayDlq>,
    unpark: Option<Unpark>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct DeployFix {
    cures: Names,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct ReplayDlq {
    order: Option<Word<ReplayOrder>>,
    via: Option<Word<ReplayVia>>,
    rate: Option<Rate>,
    only_cured: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Unpark {
    key: Option<String>,
    #[schemars(with = "Option<AllKeys>")]
    keys: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
enum AllKeys {
    All,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Run {
    policies: Option<Vec<Word<Policy>>>,
    /// Group fields → values to try, one run each.
    sweep: Option<std::collections::BTreeMap<String, Vec<Scalar>>>,
    #[schemars(range(min = 1))]
    seeds: Option<u64>,
    max_steps: Option<u64>,
    shrink: Option<bool>,
    trace: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Expect {
    policies: Option<Vec<Word<Policy>>>,
    no_loss: Option<bool>,
    per_key_order: Option<Word<OrderExpectation>>,
    /// Constraint names, or `all`.
    constraints: Option<Names>,
    max_duplicates: Option<u64>,
    max_dlq: Option<u64>,
    max_dlq_duplicates: Option<u64>,
    max_stuck: Option<u64>,
    max_park_duration: Option<StepsOrDuration>,
    replay_complete: Option<bool>,
    max_collateral_delay: Option<StepsOrDuration>,
}

/// A number of steps, or a duration converted with `time.step`.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum StepsOrDuration {
    Steps(u64),
    Duration(Duration),
}
