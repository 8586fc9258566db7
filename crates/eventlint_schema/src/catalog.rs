//! The catalog format (catalog-format.md) as document types: the keys the loader reads in each mapping.
// The types describe the format for the schema generator; they are never built.
#![allow(dead_code)]

use eventlint_catalog::{
    Assignor, BackoffType, Category, Compatibility, Delivery, DlqPartition, MessageKind, OnExhausted, Ordering,
    ParkStore, Partitioner, Processing, ProducerClient, ReplayOrder, ReplayVia, RetryMode, SchemaFormat,
    SubjectStrategy, Unpark, Visibility,
};
use schemars::JsonSchema;

use crate::shape::{Duration, MessageName, NameList, Named, Names, ResourceName, TopicName, Word};

/// An eventlint catalog file (`*.catalog.yaml`).
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields, title = "eventlint catalog")]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct CatalogDocument {
    /// The format version.
    #[schemars(range(min = 1, max = 1))]
    eventlint: u8,
    domain: Option<String>,
    owner: Option<String>,
    defaults: Option<Defaults>,
    services: Option<Named<ResourceName, Service>>,
    topics: Option<Named<TopicName, Topic>>,
    messages: Named<MessageName, Message>,
    constraints: Option<Named<ResourceName, Constraint>>,
    views: Option<Named<MessageName, View>>,
    automations: Option<Named<MessageName, Automation>>,
    screens: Option<Named<MessageName, Screen>>,
}

/// File defaults for the entities of this file.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Defaults {
    compatibility: Option<Word<Compatibility>>,
    subject_strategy: Option<Word<SubjectStrategy>>,
    partitioner: Option<Word<Partitioner>>,
    visibility: Option<Word<Visibility>>,
    delivery: Option<Word<Delivery>>,
    schema_format: Option<Word<SchemaFormat>>,
    category: Option<Word<Category>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Service {
    owner: Option<String>,
    domain: Option<String>,
    summary: Option<String>,
    external: Option<bool>,
    repository: Option<String>,
    producer: Option<Producer>,
    consumer_groups: Option<Named<ResourceName, ConsumerGroup>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Producer {
    idempotent: Option<bool>,
    #[schemars(range(min = 1))]
    max_in_flight: Option<u64>,
    client: Option<Word<ProducerClient>>,
    partitioner: Option<Word<Partitioner>>,
    outbox: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct ConsumerGroup {
    #[schemars(range(min = 1))]
    instances: Option<u64>,
    assignor: Option<Word<Assignor>>,
    processing: Option<Word<Processing>>,
    delivery: Option<Word<Delivery>>,
    idempotent: Option<bool>,
    commit: Option<Commit>,
    max_poll_interval: Option<Duration>,
    session_timeout: Option<Duration>,
    retry: Option<Retry>,
    on_exhausted: Option<Word<OnExhausted>>,
    dlq: Option<Dlq>,
}

/// Offset commits: `every` N records or every `interval`, not both.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Commit {
    #[schemars(range(min = 1))]
    every: Option<u64>,
    interval: Option<Duration>,
    on_revoke: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Retry {
    mode: Option<Word<RetryMode>>,
    #[schemars(range(min = 1))]
    max_attempts: Option<u64>,
    backoff: Option<Backoff>,
    topics: Option<NameList>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Backoff {
    #[schemars(rename = "type")]
    kind: Option<Word<BackoffType>>,
    initial: Option<Duration>,
    increment: Option<Duration>,
    #[schemars(range(min = 1))]
    multiplier: Option<f64>,
    max: Option<Duration>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Dlq {
    topic: Option<String>,
    partition: Option<Word<DlqPartition>>,
    park_by_key: Option<bool>,
    park_store: Option<Word<ParkStore>>,
    park_topic: Option<String>,
    unpark: Option<Word<Unpark>>,
    replay: Option<Replay>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Replay {
    owner: Option<String>,
    via: Option<Word<ReplayVia>>,
    order: Option<Word<ReplayOrder>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Topic {
    summary: Option<String>,
    owner: Option<String>,
    #[schemars(range(min = 1))]
    partitions: Option<u64>,
    key: Option<KeyPath>,
    key_schema: Option<SchemaRef>,
    partitioner: Option<Word<Partitioner>>,
    compatibility: Option<Word<Compatibility>>,
    subject_strategy: Option<Word<SubjectStrategy>>,
    visibility: Option<Word<Visibility>>,
    compacted: Option<bool>,
    retention: Option<Retention>,
}

/// A duration, or `forever`.
struct Retention;

impl JsonSchema for Retention {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Retention".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let duration = generator.subschema_for::<Duration>();
        schemars::json_schema!({ "oneOf": [duration, { "enum": ["forever"] }] })
    }
}

/// Dot-separated field names of the payload record, for example `payment.id`.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct KeyPath(#[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"))] String);

/// A schema file relative to this catalog, optionally with `#full.Name` of a named type.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct SchemaRef(#[schemars(regex(pattern = r"^[^#\\:]+(#[^/#].*)?$"))] String);

/// A semantic version without a `v` prefix.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct SemVer(#[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"))] String);

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Message {
    kind: Option<Word<MessageKind>>,
    version: SemVer,
    summary: Option<String>,
    description: Option<String>,
    owner: Option<String>,
    visibility: Option<Word<Visibility>>,
    category: Option<Word<Category>>,
    producer: Option<Names>,
    consumers: Option<Vec<ConsumerEntry>>,
    topic: Option<String>,
    key: Option<KeyPath>,
    schema: Option<SchemaRef>,
    schema_format: Option<Word<SchemaFormat>>,
    history: Option<Vec<HistoryEntry>>,
    triggered_by: Option<NameList>,
    emits: Option<NameList>,
    reply_to: Option<String>,
    deprecated: Option<FlagOr<Deprecated>>,
    draft: Option<FlagOr<Draft>>,
    tags: Option<NameList>,
    links: Option<Links>,
}

/// A consumer entry: the service name alone, or a mapping.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum ConsumerEntry {
    Short(String),
    Long(Consumer),
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Consumer {
    service: String,
    group: Option<String>,
    ordering: Option<Word<Ordering>>,
    fields: Option<Vec<KeyPath>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct HistoryEntry {
    version: SemVer,
    schema: SchemaRef,
    topic: Option<String>,
    imports: Option<Vec<SchemaRef>>,
}

/// `true`/`false`, or a mapping with details.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum FlagOr<T> {
    Flag(bool),
    Details(T),
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Deprecated {
    since: Option<String>,
    replaced_by: Option<String>,
    message: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Draft {
    message: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Links {
    asyncapi: Option<String>,
    eventcatalog: Option<String>,
    registry: Option<String>,
    docs: Option<String>,
    cloudevents: Option<CloudEvents>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct CloudEvents {
    #[schemars(rename = "type")]
    kind: Option<String>,
    source: Option<String>,
}

/// An ordering constraint per key: an `fsm` or a `precedes` pair.
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Constraint {
    summary: Option<String>,
    key: KeyPath,
    consumers: Option<NameList>,
    fsm: Option<Fsm>,
    precedes: Option<Precedes>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Fsm {
    start: NameList,
    next: Option<std::collections::BTreeMap<String, NameList>>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
struct Precedes {
    first: Names,
    then: Names,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct View {
    service: String,
    question: Option<String>,
    from: Names,
    summary: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Automation {
    service: String,
    when: Names,
    reads: Option<Names>,
    issues: Names,
    summary: Option<String>,
}

#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
struct Screen {
    actor: Option<String>,
    issues: Option<Names>,
    shows: Option<Names>,
}
