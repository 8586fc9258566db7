//! The merged catalog model that rules, the compat engine, the simulator and the playground read.
//!
//! Every entity keeps its span and logical path (catalog-format §12). Maps preserve declaration order
//! (files in the order given to the loader, entries in file order), so output never depends on hashing.
//! Settings carry their effective value (after file and built-in defaults) together with where it came from.

use std::collections::BTreeMap;
use std::time::Duration;

use eventlint_diagnostics::{FileId, Span};
use eventlint_yaml::{Directive, Spanned, YamlNode};
use indexmap::IndexMap;
pub use semver::Version;

pub use crate::vocab::*;

/// Where an effective value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written on the node itself, at this span.
    Explicit(Span),
    /// Taken from another node: the file's `defaults`, the topic, the producer service; the span is where it is written.
    Inherited(Span),
    /// The format's built-in default; written nowhere.
    BuiltIn,
}

/// An effective value and its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    pub fn explicit(value: T, span: Span) -> Self {
        Setting { value, origin: Origin::Explicit(span) }
    }

    pub fn inherited(value: T, span: Span) -> Self {
        Setting { value, origin: Origin::Inherited(span) }
    }

    pub fn built_in(value: T) -> Self {
        Setting { value, origin: Origin::BuiltIn }
    }

    /// Whether the value is written on the node itself (not defaulted or inherited).
    pub fn is_explicit(&self) -> bool {
        matches!(self.origin, Origin::Explicit(_))
    }

    /// The span of the value on the node itself, if written there.
    pub fn explicit_span(&self) -> Option<Span> {
        match self.origin {
            Origin::Explicit(span) => Some(span),
            _ => None,
        }
    }

    /// Where the value is written, on this node or the one it was inherited from.
    pub fn span(&self) -> Option<Span> {
        match self.origin {
            Origin::Explicit(span) | Origin::Inherited(span) => Some(span),
            Origin::BuiltIn => None,
        }
    }
}

/// An `x-*` key and its value, kept as written and never interpreted.
#[derive(Clone, Debug, PartialEq)]
pub struct Extension {
    pub key: Spanned<String>,
    pub value: YamlNode,
}

pub type Extensions = Vec<Extension>;

/// A name written in the catalog that refers to another entity, with its logical path.
///
/// List items are addressed by value (`/messages/AuthorizePayment/emits/PaymentDeclined`); a single
/// reference by its key (`/messages/PaymentAuthorized/topic`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    pub name: String,
    pub span: Span,
    pub path: String,
}

/// A schema reference (§6.3), normalised but not yet linked to the Avro graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaRef {
    /// Project-relative path with `/`, normalised (`schemas/history/PaymentAuthorized-2.0.0.avsc`).
    pub file: String,
    /// The full name after `#`, if given.
    pub fragment: Option<String>,
    /// The reference as written.
    pub raw: String,
    pub span: Span,
    pub path: String,
}

/// What every named entity of the model shares: its name, file, span and logical path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    pub name: String,
    pub file: FileId,
    /// The span of the name (the map key), where findings about the entity point.
    pub name_span: Span,
    /// The span of the entity's value (its mapping).
    pub span: Span,
    pub path: String,
}

/// The loaded model: every catalog merged, references resolved, defaults applied.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub files: Vec<CatalogFile>,
    pub services: IndexMap<String, Service>,
    pub topics: IndexMap<String, Topic>,
    /// Every consumer group id (declared or implicit) → its service.
    pub group_services: IndexMap<String, String>,
    pub messages: IndexMap<String, Message>,
    pub constraints: IndexMap<String, Constraint>,
    pub views: IndexMap<String, View>,
    pub automations: IndexMap<String, Automation>,
    pub screens: IndexMap<String, Screen>,
}

/// One catalog file's own facts: its header, its defaults, its comment directives and its line index.
#[derive(Clone, Debug)]
pub struct CatalogFile {
    pub file: FileId,
    /// The `eventlint: 1` value.
    pub version_span: Span,
    pub domain: Option<Spanned<String>>,
    pub owner: Option<Spanned<String>>,
    pub defaults: Defaults,
    /// Suppression and expectation comments, with the line each attaches to.
    pub directives: Vec<Directive>,
    /// 1-based line → logical path of the outermost node that starts on that line.
    pub line_paths: BTreeMap<u32, String>,
    pub extensions: Extensions,
}

impl CatalogFile {
    /// The logical path a comment attached to `line` applies to.
    pub fn path_at_line(&self, line: u32) -> Option<&str> {
        self.line_paths.get(&line).map(String::as_str)
    }
}

/// The `defaults` block of one file, as written.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    pub span: Option<Span>,
    pub compatibility: Option<Spanned<Compatibility>>,
    pub subject_strategy: Option<Spanned<SubjectStrategy>>,
    pub partitioner: Option<Spanned<Partitioner>>,
    pub visibility: Option<Spanned<Visibility>>,
    pub delivery: Option<Spanned<Delivery>>,
    pub schema_format: Option<Spanned<SchemaFormat>>,
    pub category: Option<Spanned<Category>>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub decl: Decl,
    /// Explicit, else the file's `owner`.
    pub owner: Option<Setting<String>>,
    /// Explicit, else the file's `domain`.
    pub domain: Option<Setting<String>>,
    pub summary: Option<Spanned<String>>,
    pub external: Setting<bool>,
    pub repository: Option<Spanned<String>>,
    pub producer: ProducerSettings,
    /// Declared groups in order; a service that declares none but is named by a consumer entry gets its
    /// implicit group (named after the service, every default) here.
    pub consumer_groups: IndexMap<String, ConsumerGroup>,
    pub extensions: Extensions,
}

/// `services.*.producer`.
#[derive(Clone, Debug)]
pub struct ProducerSettings {
    /// The `producer` mapping, when written.
    pub span: Option<Span>,
    pub path: String,
    pub idempotent: Setting<bool>,
    pub max_in_flight: Setting<u32>,
    pub client: Option<Spanned<ProducerClient>>,
    /// Explicit `partitioner`, else the one `client` implies; `None` means "the topic's".
    pub partitioner: Option<Setting<Partitioner>>,
    pub outbox: Setting<bool>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct ConsumerGroup {
    /// The group id (`group.id`), its span and its path `/services/<s>/consumerGroups/<g>`.
    pub decl: Decl,
    pub service: String,
    /// Not declared: the group a consumer entry implies for a service without groups (§6.2 step 3).
    pub implicit: bool,
    pub instances: Setting<u32>,
    pub assignor: Setting<Assignor>,
    pub processing: Setting<Processing>,
    pub delivery: Setting<Delivery>,
    pub idempotent: Setting<bool>,
    pub commit: Commit,
    pub max_poll_interval: Setting<Duration>,
    pub session_timeout: Setting<Duration>,
    pub retry: Retry,
    pub on_exhausted: Setting<OnExhausted>,
    pub dlq: Option<Dlq>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Commit {
    pub span: Option<Span>,
    pub policy: Setting<CommitPolicy>,
    pub on_revoke: Setting<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitPolicy {
    Every(u32),
    Interval(Duration),
}

#[derive(Clone, Debug)]
pub struct Retry {
    pub span: Option<Span>,
    pub path: String,
    pub mode: Setting<RetryMode>,
    pub max_attempts: Setting<u32>,
    pub backoff: Backoff,
    /// `mode: topics` only: one declared topic per retry level.
    pub topics: Vec<Ref>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Backoff {
    pub span: Option<Span>,
    pub kind: Setting<BackoffType>,
    pub initial: Setting<Duration>,
    pub increment: Option<Spanned<Duration>>,
    pub multiplier: Option<Spanned<f64>>,
    pub max: Option<Spanned<Duration>>,
    pub extensions: Extensions,
}

impl Backoff {
    /// The delay before retry `i` (1-based), per §4.3.
    pub fn delay(&self, retry: u32) -> Duration {
        let step = retry.saturating_sub(1);
        let initial = self.initial.value;
        match self.kind.value {
            BackoffType::Fixed => initial,
            BackoffType::Linear => {
                let increment = self.increment.as_ref().map_or(Duration::ZERO, |i| i.value);
                initial.saturating_add(increment.saturating_mul(step))
            }
            BackoffType::Exponential => {
                let multiplier = self.multiplier.as_ref().map_or(1.0, |m| m.value);
                let millis = initial.as_millis() as f64 * multiplier.powi(step.min(i32::MAX as u32) as i32);
                let delay = Duration::from_millis(millis.min(u64::MAX as f64) as u64);
                self.max.as_ref().map_or(delay, |max| delay.min(max.value))
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Dlq {
    pub span: Span,
    pub path: String,
    /// Required under `onExhausted: dlq` (a load error otherwise).
    pub topic: Option<Ref>,
    pub partition: Setting<DlqPartition>,
    pub park_by_key: Setting<bool>,
    pub park_store: Setting<ParkStore>,
    pub park_topic: Option<Ref>,
    pub unpark: Setting<Unpark>,
    /// `None` when no `replay` is declared (the `dlq-without-replay` lint).
    pub replay: Option<Replay>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Replay {
    pub span: Span,
    pub owner: Option<Spanned<String>>,
    pub via: Setting<ReplayVia>,
    pub order: Setting<ReplayOrder>,
}

#[derive(Clone, Debug)]
pub struct Topic {
    pub decl: Decl,
    pub summary: Option<Spanned<String>>,
    /// Explicit, else the file's `owner`.
    pub owner: Option<Setting<String>>,
    pub partitions: Option<Spanned<u32>>,
    pub key: Option<Spanned<String>>,
    pub key_schema: Option<SchemaRef>,
    pub partitioner: Setting<Partitioner>,
    pub compatibility: Setting<Compatibility>,
    pub subject_strategy: Setting<SubjectStrategy>,
    pub visibility: Setting<Visibility>,
    pub compacted: Setting<bool>,
    pub retention: Option<Spanned<Retention>>,
    pub extensions: Extensions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    Duration(Duration),
    Forever,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub decl: Decl,
    pub kind: Setting<MessageKind>,
    /// Required; `None` only in a model that also has a load error.
    pub version: Option<Spanned<Version>>,
    pub summary: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// Resolved per §6.5: explicit, else the owning service's owner, else the file's `owner`.
    pub owner: Option<Setting<String>>,
    /// The domain of the owning service (producer for events, handler for commands and queries).
    pub domain: Option<Setting<String>>,
    /// Message → topic → file `defaults` → `internal` (DECISIONS 7).
    pub visibility: Setting<Visibility>,
    /// Events only: explicit, else `defaults.category`, else `domain`. `None` for other kinds.
    pub category: Option<Setting<Category>>,
    /// One or more producing services (a single name is a one-element list).
    pub producers: Vec<Ref>,
    pub consumers: Vec<Consumer>,
    pub topic: Option<Ref>,
    /// The explicit message key; the effective key falls back to the topic's (see [`Model::effective_key`]).
    pub key: Option<Spanned<String>>,
    pub schema: Option<SchemaRef>,
    pub schema_format: Setting<SchemaFormat>,
    /// Earlier versions, sorted by semver precedence (oldest first).
    pub history: Vec<HistoryEntry>,
    pub triggered_by: Vec<Ref>,
    pub emits: Vec<Ref>,
    pub reply_to: Option<Ref>,
    pub deprecated: Option<Deprecated>,
    pub draft: Option<Draft>,
    pub tags: Vec<Spanned<String>>,
    pub links: Option<Links>,
    pub extensions: Extensions,
}

/// One consumer entry of a message (§6.2), path `/messages/<m>/consumers/<service>`.
#[derive(Clone, Debug)]
pub struct Consumer {
    pub service: Ref,
    /// The whole entry (a name, or the object).
    pub span: Span,
    pub path: String,
    /// Explicit `group`, else the service's only group, else its implicit group; `None` if unresolved.
    pub group: Option<Setting<String>>,
    pub ordering: Setting<Ordering>,
    pub fields: Vec<Spanned<String>>,
    pub extensions: Extensions,
}

/// A previous version of a message (§6.4), path `/messages/<m>/history/<version>`.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub version: Spanned<Version>,
    pub span: Span,
    pub path: String,
    pub schema: Option<SchemaRef>,
    pub topic: Option<Ref>,
    pub imports: Vec<SchemaRef>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default)]
pub struct Deprecated {
    pub span: Span,
    pub since: Option<Spanned<String>>,
    pub replaced_by: Option<Ref>,
    pub message: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub span: Span,
    pub message: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Links {
    pub span: Span,
    pub asyncapi: Option<Spanned<String>>,
    pub eventcatalog: Option<Spanned<String>>,
    pub registry: Option<Spanned<String>>,
    pub docs: Option<Spanned<String>>,
    pub cloudevents_type: Option<Spanned<String>>,
    pub cloudevents_source: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct Constraint {
    pub decl: Decl,
    pub summary: Option<Spanned<String>>,
    pub key: Option<Spanned<String>>,
    /// Services whose groups are bound; empty means every group consuming two or more of its messages.
    pub consumers: Vec<Ref>,
    /// `None` only in a model that also has a load error.
    pub order: Option<ConstraintOrder>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub enum ConstraintOrder {
    Fsm(Fsm),
    Precedes(Precedes),
}

#[derive(Clone, Debug)]
pub struct Fsm {
    pub span: Span,
    pub start: Vec<Ref>,
    /// State (a message name) → messages allowed next; paths `/constraints/<c>/fsm/next/<state>/<message>`.
    pub next: IndexMap<String, FsmState>,
}

#[derive(Clone, Debug)]
pub struct FsmState {
    pub state: Ref,
    pub next: Vec<Ref>,
}

#[derive(Clone, Debug)]
pub struct Precedes {
    pub span: Span,
    /// One name or a list: a `then` message waits for some `first` message of the same key.
    pub first: Vec<Ref>,
    pub then: Vec<Ref>,
}

#[derive(Clone, Debug)]
pub struct View {
    pub decl: Decl,
    pub service: Option<Ref>,
    pub question: Option<Spanned<String>>,
    pub from: Vec<Ref>,
    pub summary: Option<Spanned<String>>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Automation {
    pub decl: Decl,
    pub service: Option<Ref>,
    pub when: Vec<Ref>,
    pub reads: Vec<Ref>,
    pub issues: Vec<Ref>,
    pub summary: Option<Spanned<String>>,
    pub extensions: Extensions,
}

#[derive(Clone, Debug)]
pub struct Screen {
    pub decl: Decl,
    pub actor: Option<Spanned<String>>,
    pub issues: Vec<Ref>,
    pub shows: Vec<Ref>,
    pub extensions: Extensions,
}

impl Model {
    /// The service and group of a group id (declared or implicit).
    pub fn group(&self, id: &str) -> Option<(&Service, &ConsumerGroup)> {
        let service = self.services.get(self.group_services.get(id)?)?;
        Some((service, service.consumer_groups.get(id)?))
    }

    /// Every consumer group in declaration order, with its service.
    pub fn groups(&self) -> impl Iterator<Item = (&Service, &ConsumerGroup)> {
        self.services.values().flat_map(|s| s.consumer_groups.values().map(move |g| (s, g)))
    }

    /// The message's key, else its topic's key.
    pub fn effective_key<'m>(&'m self, message: &'m Message) -> Option<&'m Spanned<String>> {
        message.key.as_ref().or_else(|| self.topics.get(&message.topic.as_ref()?.name)?.key.as_ref())
    }

    /// The catalog file record of a file.
    pub fn file(&self, file: FileId) -> Option<&CatalogFile> {
        self.files.iter().find(|f| f.file == file)
    }

    /// Every consumer entry that resolves to `group`, with its message.
    pub fn consumers_of_group<'m>(&'m self, group: &'m str) -> impl Iterator<Item = (&'m Message, &'m Consumer)> + 'm {
        self.messages.values().flat_map(move |m| {
            m.consumers.iter().filter(move |c| c.group.as_ref().is_some_and(|g| g.value == group)).map(move |c| (m, c))
        })
    }
}
