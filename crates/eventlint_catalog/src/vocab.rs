//! The closed vocabularies of the catalog format (kebab-case words; Schema Registry names verbatim).

use eventlint_yaml::vocabulary;

vocabulary! {
    /// Schema Registry compatibility level of a topic's subjects.
    pub enum Compatibility {
        None = "NONE",
        Backward = "BACKWARD",
        BackwardTransitive = "BACKWARD_TRANSITIVE",
        Forward = "FORWARD",
        ForwardTransitive = "FORWARD_TRANSITIVE",
        Full = "FULL",
        FullTransitive = "FULL_TRANSITIVE",
    }
}

vocabulary! {
    pub enum SubjectStrategy {
        TopicName = "TopicNameStrategy",
        RecordName = "RecordNameStrategy",
        TopicRecordName = "TopicRecordNameStrategy",
    }
}

vocabulary! {
    pub enum Partitioner { Murmur2 = "murmur2", Crc32 = "crc32", Explicit = "explicit" }
}

vocabulary! {
    pub enum Visibility { Public = "public", Internal = "internal" }
}

vocabulary! {
    pub enum Delivery { AtMostOnce = "at-most-once", AtLeastOnce = "at-least-once", ExactlyOnce = "exactly-once" }
}

vocabulary! {
    /// `json-schema` and `protobuf` are reserved: such messages load, schema rules skip them.
    pub enum SchemaFormat { Avro = "avro", JsonSchema = "json-schema", Protobuf = "protobuf" }
}

vocabulary! {
    /// Refines `kind: event`; there is no `notification` category (that is a kind).
    pub enum Category { Domain = "domain", DataChange = "data-change", Measurement = "measurement" }
}

vocabulary! {
    pub enum MessageKind {
        Event = "event",
        Command = "command",
        Query = "query",
        Notification = "notification",
        Document = "document",
    }
}

vocabulary! {
    pub enum ProducerClient { Java = "java", Librdkafka = "librdkafka", Other = "other" }
}

vocabulary! {
    pub enum Assignor { Range = "range", RoundRobin = "roundrobin", Sticky = "sticky", CooperativeSticky = "cooperative-sticky" }
}

vocabulary! {
    pub enum Processing { Partition = "partition", Key = "key", Unordered = "unordered" }
}

vocabulary! {
    pub enum RetryMode { Blocking = "blocking", Topics = "topics" }
}

vocabulary! {
    pub enum BackoffType { Fixed = "fixed", Linear = "linear", Exponential = "exponential" }
}

vocabulary! {
    pub enum OnExhausted { Stop = "stop", Skip = "skip", Dlq = "dlq" }
}

vocabulary! {
    pub enum DlqPartition { Same = "same", Key = "key" }
}

vocabulary! {
    pub enum ParkStore { Durable = "durable", InMemory = "in-memory" }
}

vocabulary! {
    pub enum Unpark { WhenBacklogDrained = "when-backlog-drained", AtFixTime = "at-fix-time", Manual = "manual" }
}

vocabulary! {
    pub enum ReplayVia { InPlace = "in-place", Republish = "republish" }
}

vocabulary! {
    pub enum ReplayOrder { DlqOffset = "dlq-offset", PerKey = "per-key" }
}

vocabulary! {
    /// What a consumer entry requires of the order of its messages.
    pub enum Ordering { PerKey = "per-key", None = "none" }
}

impl MessageKind {
    /// Events, notifications and documents are owned by their producer; commands and queries by their handler.
    pub fn is_owned_by_producer(self) -> bool {
        matches!(self, MessageKind::Event | MessageKind::Notification | MessageKind::Document)
    }
}

impl ProducerClient {
    /// The partitioner the client library uses by default, if it implies one.
    pub fn implied_partitioner(self) -> Option<Partitioner> {
        match self {
            ProducerClient::Java => Some(Partitioner::Murmur2),
            ProducerClient::Librdkafka => Some(Partitioner::Crc32),
            ProducerClient::Other => None,
        }
    }
}
