//! Reads one catalog file into model entities: every key of the format, file defaults applied, references kept
//! as written (they are resolved across files by `resolve`).

use std::time::Duration;

use eventlint_diagnostics::{Diagnostic, FileId};
use eventlint_yaml::{FirstSeen, ListItem, MapReader, NodeKind, ReadCtx, Spanned, Value, YamlNode, push_pointer};

use super::syntax::{NameKind, SchemaRefError, check_key_path, check_name, parse_schema_ref};
use crate::model::*;

/// Everything one file declares, before merging.
pub struct FileEntities {
    pub catalog: CatalogFile,
    pub services: Vec<Service>,
    pub topics: Vec<Topic>,
    pub messages: Vec<Message>,
    pub constraints: Vec<Constraint>,
    pub views: Vec<View>,
    pub automations: Vec<Automation>,
    pub screens: Vec<Screen>,
}

/// Reads one file; `catalog_dir` is its project-relative directory, for schema paths.
pub struct FileReader<'a> {
    pub cx: ReadCtx,
    pub catalog_dir: String,
    pub schema_file_exists: &'a dyn Fn(&str) -> bool,
    defaults: Defaults,
    domain: Option<Spanned<String>>,
    owner: Option<Spanned<String>>,
}

/// An effective value: written here, else the file default, else the built-in default.
fn setting<T: Clone>(explicit: Option<Spanned<T>>, file_default: Option<&Spanned<T>>, built_in: T) -> Setting<T> {
    match (explicit, file_default) {
        (Some(value), _) => Setting::explicit(value.value, value.span),
        (None, Some(default)) => Setting::inherited(default.value.clone(), default.span),
        (None, None) => Setting::built_in(built_in),
    }
}

fn to_ref(item: ListItem) -> Ref {
    Ref { name: item.value.value, span: item.value.span, path: item.path }
}

fn refs(items: Vec<ListItem>) -> Vec<Ref> {
    items.into_iter().map(to_ref).collect()
}

/// A list item that is a mapping, addressed by the string value of its identity key (`service`, `version`), or
/// by its index when that key is missing or not a string.
fn by_identity<'n>(item: &Value<'n>, list_path: &str, identity: &str) -> Value<'n> {
    let path = match item.node.get(identity).map(YamlNode::kind) {
        Some(NodeKind::Str(id)) => push_pointer(list_path, id),
        _ => item.path.clone(),
    };
    Value { node: item.node, path, key_span: item.key_span }
}

fn extensions(map: &mut MapReader<'_>) -> Extensions {
    map.extensions().into_iter().map(|(key, value)| Extension { key, value }).collect()
}

impl<'a> FileReader<'a> {
    pub fn new(file: FileId, catalog_dir: String, schema_file_exists: &'a dyn Fn(&str) -> bool) -> Self {
        FileReader {
            cx: ReadCtx::new(file),
            catalog_dir,
            schema_file_exists,
            defaults: Defaults::default(),
            domain: None,
            owner: None,
        }
    }

    fn file(&self) -> FileId {
        self.cx.file
    }

    fn report(&mut self, diagnostic: Option<Diagnostic>) {
        if let Some(diagnostic) = diagnostic {
            self.cx.report(diagnostic);
        }
    }

    /// A single name reference (`topic: payments.events.v1`).
    fn name_ref(&mut self, value: Option<Value<'_>>) -> Option<Ref> {
        let value = value?;
        let name = value.str(&mut self.cx)?;
        Some(Ref { name: name.value, span: name.span, path: value.path })
    }

    fn key_path(&mut self, value: Option<Value<'_>>) -> Option<Spanned<String>> {
        let value = value?;
        let key = value.str(&mut self.cx)?;
        self.report(check_key_path(&key, &value.path));
        Some(key)
    }

    fn decl(&self, name: &Spanned<String>, value: &Value<'_>) -> Decl {
        Decl {
            name: name.value.clone(),
            file: self.file(),
            name_span: name.span,
            span: value.span(),
            path: value.path.clone(),
        }
    }

    /// The entries of a name-keyed section, with names checked.
    fn named_entries<'n>(
        &mut self,
        top: &mut MapReader<'n>,
        section: &'static str,
        kind: NameKind,
    ) -> Vec<(Spanned<String>, Value<'n>)> {
        let Some(value) = top.get(section, &mut self.cx) else { return Vec::new() };
        let entries = value.entries(&mut self.cx);
        for (name, value) in &entries {
            self.report(check_name(name, kind, section, &value.path));
        }
        entries
    }

    /// Reads every entry of a name-keyed section with `read`.
    fn section<'n, T>(
        &mut self,
        top: &mut MapReader<'n>,
        section: &'static str,
        kind: NameKind,
        mut read: impl FnMut(&mut Self, Spanned<String>, &Value<'n>) -> Option<T>,
    ) -> Vec<T> {
        let entries = self.named_entries(top, section, kind);
        let mut entities = Vec::with_capacity(entries.len());
        for (name, value) in entries {
            entities.extend(read(self, name, &value));
        }
        entities
    }

    /// Reads the whole file. `None` when it is not a version-1 catalog (reported).
    pub fn read(mut self, root: &eventlint_yaml::YamlNode) -> (Option<FileEntities>, ReadCtx) {
        let root = Value::root(root);
        let Some(mut top) = root.map(&mut self.cx) else { return (None, self.cx) };
        let Some(version_span) = self.format_version(&mut top) else { return (None, self.cx) };
        self.domain = top.opt_str("domain", &mut self.cx);
        self.owner = top.opt_str("owner", &mut self.cx);
        if let Some(value) = top.get("defaults", &mut self.cx) {
            self.defaults = self.read_defaults(&value);
        }
        let services = self.section(&mut top, "services", NameKind::Resource, Self::service);
        let topics = self.section(&mut top, "topics", NameKind::Topic, Self::topic);
        if !top.has("messages") {
            self.cx.report(top.missing("messages").with_help("add `messages:` (it may be `{}`)"));
        }
        let messages = self.section(&mut top, "messages", NameKind::Message, Self::message);
        let constraints = self.section(&mut top, "constraints", NameKind::Resource, Self::constraint);
        let views = self.section(&mut top, "views", NameKind::Message, Self::view);
        let automations = self.section(&mut top, "automations", NameKind::Message, Self::automation);
        let screens = self.section(&mut top, "screens", NameKind::Message, Self::screen);
        let extensions = extensions(&mut top);
        top.finish(&mut self.cx);
        let catalog = CatalogFile {
            file: self.file(),
            version_span,
            domain: self.domain.clone(),
            owner: self.owner.clone(),
            defaults: std::mem::take(&mut self.defaults),
            directives: Vec::new(),
            line_paths: Default::default(),
            extensions,
        };
        let entities = FileEntities { catalog, services, topics, messages, constraints, views, automations, screens };
        (Some(entities), self.cx)
    }

    /// Checks `eventlint: 1` (and that the file is not also a scenario); returns the version's span.
    fn format_version(&mut self, top: &mut MapReader<'_>) -> Option<eventlint_diagnostics::Span> {
        if top.has("scenario") {
            let scenario = top.get("scenario", &mut self.cx)?;
            self.cx.report(
                Diagnostic::load("conflicting-keys", "a file cannot be both a catalog and a scenario")
                    .with_primary(scenario.key_span.unwrap_or(scenario.span()), "scenario key")
                    .with_help("move the scenario into a `*.scenario.yaml` file of its own")
                    .with_path(""),
            );
        }
        let value = top.required("eventlint", &mut self.cx)?;
        let diagnostic = match value.node.kind() {
            NodeKind::Int { value: 1, .. } => return Some(value.span()),
            NodeKind::Int { value: newer, .. } if *newer > 1 => Diagnostic::load(
                "unsupported-version",
                format!("this catalog needs a newer eventlint: format version {newer}, this eventlint reads version 1"),
            )
            .with_help("upgrade eventlint"),
            _ => Diagnostic::load("unsupported-version", "unsupported catalog format version")
                .with_help("write `eventlint: 1`"),
        };
        self.cx.report(diagnostic.with_primary(value.span(), "format version").with_path("/eventlint"));
        None
    }

    fn read_defaults(&mut self, value: &Value<'_>) -> Defaults {
        let Some(mut map) = value.map(&mut self.cx) else { return Defaults::default() };
        let category_value = map.get("category", &mut self.cx);
        let category = self.category_value(category_value);
        let cx = &mut self.cx;
        let defaults = Defaults {
            span: Some(value.span()),
            compatibility: map.opt_vocab("compatibility", cx),
            subject_strategy: map.opt_vocab("subjectStrategy", cx),
            partitioner: map.opt_vocab("partitioner", cx),
            visibility: map.opt_vocab("visibility", cx),
            delivery: map.opt_vocab("delivery", cx),
            schema_format: map.opt_vocab("schemaFormat", cx),
            category,
            extensions: extensions(&mut map),
        };
        map.finish(&mut self.cx);
        defaults
    }

    /// Reads a `category`, rejecting the `notification` category with a hint to use the kind.
    fn category_value(&mut self, value: Option<Value<'_>>) -> Option<Spanned<Category>> {
        let value = value?;
        if value.node.as_str() == Some("notification") {
            self.cx.report(value.invalid(
                "there is no `notification` category: thinness is a kind",
                "use `kind: notification` instead of `category: notification`",
            ));
            return None;
        }
        value.vocab::<Category>(&mut self.cx)
    }

    fn file_owner(&self) -> Option<Setting<String>> {
        self.owner.as_ref().map(|o| Setting::inherited(o.value.clone(), o.span))
    }

    fn service(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Service> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let owner = map.opt_str("owner", cx).map(|o| Setting::explicit(o.value, o.span)).or_else(|| self.file_owner());
        let cx = &mut self.cx;
        let domain = map
            .opt_str("domain", cx)
            .map(|d| Setting::explicit(d.value, d.span))
            .or_else(|| self.domain.as_ref().map(|d| Setting::inherited(d.value.clone(), d.span)));
        let cx = &mut self.cx;
        let summary = map.opt_str("summary", cx);
        let external = setting(map.opt_bool("external", cx), None, false);
        let repository = map.opt_str("repository", cx);
        let producer_value = map.get("producer", cx);
        let producer = self.producer_settings(producer_value, &push_pointer(&value.path, "producer"));
        let mut consumer_groups = indexmap::IndexMap::new();
        if let Some(groups) = map.get("consumerGroups", &mut self.cx) {
            for (id, group_value) in groups.entries(&mut self.cx) {
                self.report(check_name(&id, NameKind::Resource, "consumerGroups", &group_value.path));
                if let Some(group) = self.group(&name.value, id, &group_value) {
                    consumer_groups.insert(group.decl.name.clone(), group);
                }
            }
        }
        let extensions = extensions(&mut map);
        map.finish(&mut self.cx);
        Some(Service {
            decl: self.decl(&name, value),
            owner,
            domain,
            summary,
            external,
            repository,
            producer,
            consumer_groups,
            extensions,
        })
    }

    fn producer_settings(&mut self, value: Option<Value<'_>>, path: &str) -> ProducerSettings {
        let cx = &mut self.cx;
        let mut map = value.as_ref().and_then(|v| v.map(cx));
        let mut get = |key: &'static str, cx: &mut ReadCtx| map.as_mut().and_then(|m| m.get(key, cx));
        let idempotent = setting(get("idempotent", cx).and_then(|v| v.bool(cx)), None, true);
        let max_in_flight = setting(get("maxInFlight", cx).and_then(|v| v.int_min(1, cx)), None, 5);
        let client = get("client", cx).and_then(|v| v.vocab::<ProducerClient>(cx));
        let explicit_partitioner = get("partitioner", cx).and_then(|v| v.vocab::<Partitioner>(cx));
        let outbox = setting(get("outbox", cx).and_then(|v| v.bool(cx)), None, false);
        let partitioner = match (&explicit_partitioner, &client) {
            (Some(p), _) => Some(Setting::explicit(p.value, p.span)),
            (None, Some(c)) => c.value.implied_partitioner().map(|p| Setting::inherited(p, c.span)),
            (None, None) => None,
        };
        let extensions = map.as_mut().map(extensions).unwrap_or_default();
        if let Some(map) = map {
            map.finish(cx);
        }
        ProducerSettings {
            span: value.map(|v| v.span()),
            path: path.to_owned(),
            idempotent,
            max_in_flight,
            client,
            partitioner,
            outbox,
            extensions,
        }
    }

    fn group(&mut self, service: &str, id: Spanned<String>, value: &Value<'_>) -> Option<ConsumerGroup> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let instances = setting(map.opt_int_min("instances", 1, cx), None, 1);
        let assignor = setting(map.opt_vocab("assignor", cx), None, Assignor::Range);
        let processing = setting(map.opt_vocab("processing", cx), None, Processing::Partition);
        let delivery = setting(map.opt_vocab("delivery", cx), self.defaults.delivery.as_ref(), Delivery::AtLeastOnce);
        let idempotent = setting(map.opt_bool("idempotent", cx), None, false);
        let commit_value = map.get("commit", cx);
        let max_poll_interval = setting(map.opt_duration("maxPollInterval", cx), None, Duration::from_secs(300));
        let session_timeout = setting(map.opt_duration("sessionTimeout", cx), None, Duration::from_secs(45));
        let retry_value = map.get("retry", cx);
        let on_exhausted_value = map.get("onExhausted", cx);
        let on_exhausted = setting(on_exhausted_value.as_ref().and_then(|v| v.vocab(cx)), None, OnExhausted::Stop);
        let dlq_value = map.get("dlq", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);
        let commit = self.commit(commit_value);
        let retry = self.retry(retry_value, &push_pointer(&value.path, "retry"));
        let dlq = dlq_value.and_then(|v| self.dlq(&v));
        if on_exhausted.value == OnExhausted::Dlq && dlq.as_ref().is_none_or(|d| d.topic.is_none()) {
            let at = on_exhausted_value.map_or(id.span, |v| v.span());
            self.cx.report(
                Diagnostic::load("missing-key", "`onExhausted: dlq` needs `dlq.topic`")
                    .with_primary(at, "records go to the DLQ here")
                    .with_help("add `dlq: { topic: <dead-letter topic> }` to the group")
                    .with_path(push_pointer(&value.path, "dlq")),
            );
        }
        Some(ConsumerGroup {
            decl: self.decl(&id, value),
            service: service.to_owned(),
            implicit: false,
            instances,
            assignor,
            processing,
            delivery,
            idempotent,
            commit,
            max_poll_interval,
            session_timeout,
            retry,
            on_exhausted,
            dlq,
            extensions,
        })
    }

    fn commit(&mut self, value: Option<Value<'_>>) -> Commit {
        let default = Commit {
            span: None,
            policy: Setting::built_in(CommitPolicy::Every(1)),
            on_revoke: Setting::built_in(true),
        };
        let Some(value) = value else { return default };
        let cx = &mut self.cx;
        let Some(mut map) = value.map(cx).map(MapReader::without_extensions) else { return default };
        let every = map.opt_int_min("every", 1, cx);
        let interval = map.opt_duration("interval", cx);
        let on_revoke = setting(map.opt_bool("onRevoke", cx), None, true);
        map.finish(cx);
        let policy = match (every, interval) {
            (Some(every), Some(interval)) => {
                cx.report(
                    Diagnostic::load("conflicting-keys", "`commit` has both `every` and `interval`")
                        .with_primary(interval.span, "interval")
                        .with_label(every.span, "every")
                        .with_help("keep one of `every` and `interval`")
                        .with_path(&value.path),
                );
                Setting::explicit(CommitPolicy::Every(every.value), every.span)
            }
            (Some(every), None) => Setting::explicit(CommitPolicy::Every(every.value), every.span),
            (None, Some(interval)) => Setting::explicit(CommitPolicy::Interval(interval.value), interval.span),
            (None, None) => default.policy,
        };
        Commit { span: Some(value.span()), policy, on_revoke }
    }

    fn retry(&mut self, value: Option<Value<'_>>, path: &str) -> Retry {
        let cx = &mut self.cx;
        let mut map = value.as_ref().and_then(|v| v.map(cx));
        let mut get = |key: &'static str, cx: &mut ReadCtx| map.as_mut().and_then(|m| m.get(key, cx));
        let mode = setting(get("mode", cx).and_then(|v| v.vocab(cx)), None, RetryMode::Blocking);
        let max_attempts = setting(get("maxAttempts", cx).and_then(|v| v.int_min(1, cx)), None, 1);
        let backoff_value = get("backoff", cx);
        let topics = get("topics", cx).map(|v| refs(v.name_list(cx))).unwrap_or_default();
        let extensions = map.as_mut().map(extensions).unwrap_or_default();
        if let Some(map) = map {
            map.finish(cx);
        }
        let backoff = self.backoff(backoff_value);
        Retry { span: value.map(|v| v.span()), path: path.to_owned(), mode, max_attempts, backoff, topics, extensions }
    }

    fn backoff(&mut self, value: Option<Value<'_>>) -> Backoff {
        let cx = &mut self.cx;
        let mut map = value.as_ref().and_then(|v| v.map(cx));
        let mut get = |key: &'static str, cx: &mut ReadCtx| map.as_mut().and_then(|m| m.get(key, cx));
        let kind = setting(get("type", cx).and_then(|v| v.vocab(cx)), None, BackoffType::Fixed);
        let initial = setting(get("initial", cx).and_then(|v| v.duration(cx)), None, Duration::ZERO);
        let increment = get("increment", cx).and_then(|v| v.duration(cx));
        let multiplier = get("multiplier", cx).and_then(|v| v.number_min(1.0, cx));
        let max = get("max", cx).and_then(|v| v.duration(cx));
        let extensions = map.as_mut().map(extensions).unwrap_or_default();
        if let Some(map) = map {
            map.finish(cx);
        }
        Backoff { span: value.map(|v| v.span()), kind, initial, increment, multiplier, max, extensions }
    }

    fn dlq(&mut self, value: &Value<'_>) -> Option<Dlq> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let topic_value = map.get("topic", cx);
        let partition = setting(map.opt_vocab("partition", cx), None, DlqPartition::Same);
        let park_by_key = setting(map.opt_bool("parkByKey", cx), None, false);
        let park_store = setting(map.opt_vocab("parkStore", cx), None, ParkStore::Durable);
        let park_topic_value = map.get("parkTopic", cx);
        let unpark = setting(map.opt_vocab("unpark", cx), None, Unpark::WhenBacklogDrained);
        let replay_value = map.get("replay", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);
        let topic = self.name_ref(topic_value);
        let park_topic = self.name_ref(park_topic_value);
        let replay = replay_value.and_then(|v| self.replay(&v));
        Some(Dlq {
            span: value.span(),
            path: value.path.clone(),
            topic,
            partition,
            park_by_key,
            park_store,
            park_topic,
            unpark,
            replay,
            extensions,
        })
    }

    fn replay(&mut self, value: &Value<'_>) -> Option<Replay> {
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let replay = Replay {
            span: value.span(),
            owner: map.opt_str("owner", cx),
            via: setting(map.opt_vocab("via", cx), None, ReplayVia::InPlace),
            order: setting(map.opt_vocab("order", cx), None, ReplayOrder::DlqOffset),
        };
        map.finish(cx);
        Some(replay)
    }

    fn topic(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Topic> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let summary = map.opt_str("summary", cx);
        let owner = map.opt_str("owner", cx).map(|o| Setting::explicit(o.value, o.span)).or_else(|| self.file_owner());
        let cx = &mut self.cx;
        let partitions = map.opt_int_min("partitions", 1, cx);
        let key_value = map.get("key", cx);
        let key_schema_value = map.get("keySchema", cx);
        let d = &self.defaults;
        let partitioner = setting(map.opt_vocab("partitioner", cx), d.partitioner.as_ref(), Partitioner::Murmur2);
        let compatibility =
            setting(map.opt_vocab("compatibility", cx), d.compatibility.as_ref(), Compatibility::Backward);
        let subject_strategy =
            setting(map.opt_vocab("subjectStrategy", cx), d.subject_strategy.as_ref(), SubjectStrategy::TopicName);
        let visibility = setting(map.opt_vocab("visibility", cx), d.visibility.as_ref(), Visibility::Internal);
        let compacted = setting(map.opt_bool("compacted", cx), None, false);
        let retention = map.get("retention", cx).and_then(|v| {
            if v.node.as_str() == Some("forever") {
                Some(Spanned::new(Retention::Forever, v.span()))
            } else {
                v.duration(cx).map(|d| d.map(Retention::Duration))
            }
        });
        let extensions = extensions(&mut map);
        map.finish(cx);
        let key = self.key_path(key_value);
        let key_schema = key_schema_value.and_then(|v| self.schema_ref(&v));
        Some(Topic {
            decl: self.decl(&name, value),
            summary,
            owner,
            partitions,
            key,
            key_schema,
            partitioner,
            compatibility,
            subject_strategy,
            visibility,
            compacted,
            retention,
            extensions,
        })
    }

    /// Parses, normalises and checks the existence of a schema reference.
    fn schema_ref(&mut self, value: &Value<'_>) -> Option<SchemaRef> {
        let raw = value.str(&mut self.cx)?;
        let parsed = match parse_schema_ref(&raw.value, &self.catalog_dir) {
            Ok(parsed) => parsed,
            Err(SchemaRefError::Unsupported(message, help)) => {
                self.cx.report(
                    Diagnostic::load("unsupported-feature", message)
                        .with_primary(raw.span, "unsupported reference")
                        .with_help(help)
                        .with_path(&value.path),
                );
                return None;
            }
            Err(SchemaRefError::Invalid(message, help)) => {
                self.cx.report(value.invalid(message, help));
                return None;
            }
        };
        if !(self.schema_file_exists)(&parsed.file) {
            self.cx.report(
                Diagnostic::load("dangling-reference", format!("schema file `{}` does not exist", parsed.file))
                    .with_primary(raw.span, "no such file")
                    .with_help("fix the path; it is relative to this catalog file")
                    .with_path(&value.path),
            );
        }
        Some(SchemaRef {
            file: parsed.file,
            fragment: parsed.fragment,
            raw: raw.value,
            span: raw.span,
            path: value.path.clone(),
        })
    }

    fn message(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Message> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let kind = setting(map.opt_vocab("kind", cx), None, MessageKind::Event);
        let version = map.required("version", cx).and_then(|v| v.semver(cx));
        let summary = map.opt_str("summary", cx);
        let description = map.opt_str("description", cx);
        let owner = map.opt_str("owner", cx).map(|o| Setting::explicit(o.value, o.span));
        let visibility = map.opt_vocab::<Visibility>("visibility", cx);
        let category_value = map.get("category", cx);
        let producers = map.get("producer", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let consumers_value = map.get("consumers", cx);
        let topic_value = map.get("topic", cx);
        let key_value = map.get("key", cx);
        let schema_value = map.get("schema", cx);
        let schema_format =
            setting(map.opt_vocab("schemaFormat", cx), self.defaults.schema_format.as_ref(), SchemaFormat::Avro);
        let history_value = map.get("history", cx);
        let triggered_by = map.get("triggeredBy", cx).map(|v| refs(v.name_list(cx))).unwrap_or_default();
        let emits = map.get("emits", cx).map(|v| refs(v.name_list(cx))).unwrap_or_default();
        let reply_to_value = map.get("replyTo", cx);
        let deprecated_value = map.get("deprecated", cx);
        let draft_value = map.get("draft", cx);
        let tags = map.get("tags", cx).map(|v| v.name_list(cx)).unwrap_or_default();
        let links_value = map.get("links", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);

        let category = self.message_category(kind.value, category_value);
        let consumers = consumers_value.map(|v| self.consumers(&v)).unwrap_or_default();
        let topic = self.name_ref(topic_value);
        let key = self.key_path(key_value);
        let schema = schema_value.and_then(|v| self.schema_ref(&v));
        let history = history_value.map(|v| self.history(&v, version.as_ref())).unwrap_or_default();
        let reply_to = self.name_ref(reply_to_value);
        let deprecated = deprecated_value.and_then(|v| self.deprecated(&v));
        let draft = draft_value.and_then(|v| self.draft(&v));
        let links = links_value.and_then(|v| self.links(&v));
        // Visibility is resolved against the topic later; keep what this file says.
        let visibility = match (visibility, &self.defaults.visibility) {
            (Some(v), _) => Setting::explicit(v.value, v.span),
            (None, Some(d)) => Setting::inherited(d.value, d.span),
            (None, None) => Setting::built_in(Visibility::Internal),
        };
        Some(Message {
            decl: self.decl(&name, value),
            kind,
            version,
            summary,
            description,
            owner,
            domain: None,
            visibility,
            category,
            producers,
            consumers,
            topic,
            key,
            schema,
            schema_format,
            history,
            triggered_by,
            emits,
            reply_to,
            deprecated,
            draft,
            tags: tags.into_iter().map(|t| t.value).collect(),
            links,
            extensions,
        })
    }

    fn message_category(&mut self, kind: MessageKind, value: Option<Value<'_>>) -> Option<Setting<Category>> {
        if kind != MessageKind::Event {
            if let Some(value) = value {
                self.cx.report(value.invalid(
                    format!("`category` applies only to events, not to a `{kind}`"),
                    "remove `category`, or make the message `kind: event`",
                ));
            }
            return None;
        }
        let explicit = self.category_value(value).map(|c| Setting::explicit(c.value, c.span));
        Some(explicit.unwrap_or_else(|| match &self.defaults.category {
            Some(d) => Setting::inherited(d.value, d.span),
            None => Setting::built_in(Category::Domain),
        }))
    }

    fn consumers(&mut self, value: &Value<'_>) -> Vec<Consumer> {
        let mut consumers: Vec<Consumer> = Vec::new();
        let mut seen = FirstSeen::default();
        for item in value.seq(&mut self.cx).unwrap_or_default() {
            let Some(consumer) = self.consumer(&item, &value.path) else { continue };
            if let Some(first) = seen.check(&consumer.service.name, consumer.service.span) {
                let service = Spanned::new(consumer.service.name.clone(), consumer.service.span);
                self.cx.report(
                    eventlint_yaml::duplicate_item(&service, first, &consumer.path)
                        .with_note("a service may appear only once per message"),
                );
                continue;
            }
            self.cx.record(consumer.span, &consumer.path);
            consumers.push(consumer);
        }
        consumers
    }

    fn consumer(&mut self, item: &Value<'_>, list_path: &str) -> Option<Consumer> {
        if item.node.as_str().is_some() {
            let service = item.str(&mut self.cx)?;
            let path = push_pointer(list_path, &service.value);
            return Some(Consumer {
                service: Ref { name: service.value, span: service.span, path: path.clone() },
                span: item.span(),
                path,
                group: None,
                ordering: Setting::built_in(Ordering::None),
                fields: Vec::new(),
                extensions: Vec::new(),
            });
        }
        let cx = &mut self.cx;
        let mut map = by_identity(item, list_path, "service").map(cx)?;
        let service = map.required_str("service", cx)?;
        let path = map.path().to_owned();
        let group = map.opt_str("group", cx).map(|g| Setting::explicit(g.value, g.span));
        let ordering = setting(map.opt_vocab("ordering", cx), None, Ordering::None);
        let fields = map.get("fields", cx).map(|v| v.name_list(cx)).unwrap_or_default();
        if let Some(idempotent) = map.get("idempotent", cx) {
            cx.report(
                Diagnostic::load("unknown-key", "`idempotent` is not accepted on a consumer entry")
                    .with_primary(idempotent.key_span.unwrap_or(idempotent.span()), "group property")
                    .with_help(format!(
                        "move `idempotent` to the consumer group of `{}` under `services.{}.consumerGroups`",
                        service.value, service.value
                    ))
                    .with_note("idempotency is how a group processes, the same for every message it reads")
                    .with_path(&idempotent.path),
            );
        }
        let extensions = extensions(&mut map);
        map.finish(cx);
        for field in &fields {
            self.report(check_key_path(&field.value, &field.path));
        }
        Some(Consumer {
            service: Ref { name: service.value, span: service.span, path: path.clone() },
            span: item.span(),
            path,
            group,
            ordering,
            fields: fields.into_iter().map(|f| f.value).collect(),
            extensions,
        })
    }

    fn history(&mut self, value: &Value<'_>, current: Option<&Spanned<Version>>) -> Vec<HistoryEntry> {
        let mut entries: Vec<HistoryEntry> = Vec::new();
        for item in value.seq(&mut self.cx).unwrap_or_default() {
            let Some(entry) = self.history_entry(&item, &value.path) else { continue };
            let version = &entry.version;
            if let Some(first) = entries.iter().find(|e| e.version.value.cmp_precedence(&version.value).is_eq()) {
                self.cx.report(
                    Diagnostic::load("invalid-history", format!("version `{}` is listed twice", version.value))
                        .with_primary(version.span, "repeated")
                        .with_label(first.version.span, "first listed here")
                        .with_help("remove one of the two entries")
                        .with_path(&entry.path),
                );
                continue;
            }
            if let Some(current) = current.filter(|c| !version.value.cmp_precedence(&c.value).is_lt()) {
                self.cx.report(
                    Diagnostic::load(
                        "invalid-history",
                        format!("history version `{}` is not lower than `version: {}`", version.value, current.value),
                    )
                    .with_primary(version.span, "not an earlier version")
                    .with_label(current.span, "current version")
                    .with_help("list only earlier versions in `history`, or raise `version`")
                    .with_path(&entry.path),
                );
            }
            self.cx.record(entry.span, &entry.path);
            entries.push(entry);
        }
        entries.sort_by(|a, b| a.version.value.cmp_precedence(&b.version.value));
        entries
    }

    fn history_entry(&mut self, item: &Value<'_>, list_path: &str) -> Option<HistoryEntry> {
        let cx = &mut self.cx;
        let mut map = by_identity(item, list_path, "version").map(cx)?;
        let version = map.required("version", cx).and_then(|v| v.semver(cx));
        let path = map.path().to_owned();
        let schema_value = map.required("schema", cx);
        let topic_value = map.get("topic", cx);
        let imports_value = map.get("imports", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);
        let version = version?;
        let schema = schema_value.and_then(|v| self.schema_ref(&v));
        let topic = self.name_ref(topic_value);
        let mut imports = Vec::new();
        if let Some(list) = imports_value.and_then(|v| v.seq(&mut self.cx)) {
            imports.extend(list.iter().filter_map(|v| self.schema_ref(v)));
        }
        Some(HistoryEntry { version, span: item.span(), path, schema, topic, imports, extensions })
    }

    fn deprecated(&mut self, value: &Value<'_>) -> Option<Deprecated> {
        if let NodeKind::Bool(flag) = value.node.kind() {
            return flag.then(|| Deprecated { span: value.span(), ..Deprecated::default() });
        }
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let since = map.opt_str("since", cx);
        let replaced_by_value = map.get("replacedBy", cx);
        let message = map.opt_str("message", cx);
        map.finish(cx);
        let replaced_by = self.name_ref(replaced_by_value);
        Some(Deprecated { span: value.span(), since, replaced_by, message })
    }

    fn draft(&mut self, value: &Value<'_>) -> Option<Draft> {
        if let NodeKind::Bool(flag) = value.node.kind() {
            return flag.then(|| Draft { span: value.span(), message: None });
        }
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let message = map.opt_str("message", cx);
        map.finish(cx);
        Some(Draft { span: value.span(), message })
    }

    fn links(&mut self, value: &Value<'_>) -> Option<Links> {
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let mut links = Links {
            span: value.span(),
            asyncapi: map.opt_str("asyncapi", cx),
            eventcatalog: map.opt_str("eventcatalog", cx),
            registry: map.opt_str("registry", cx),
            docs: map.opt_str("docs", cx),
            ..Links::default()
        };
        if let Some(mut cloudevents) =
            map.get("cloudevents", cx).and_then(|v| v.map(cx)).map(MapReader::without_extensions)
        {
            links.cloudevents_type = cloudevents.opt_str("type", cx);
            links.cloudevents_source = cloudevents.opt_str("source", cx);
            cloudevents.finish(cx);
        }
        map.finish(cx);
        Some(links)
    }

    fn constraint(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Constraint> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let summary = map.opt_str("summary", cx);
        let key_value = map.required("key", cx);
        let consumers = map.get("consumers", cx).map(|v| refs(v.name_list(cx))).unwrap_or_default();
        let fsm_value = map.get("fsm", cx);
        let precedes_value = map.get("precedes", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);
        let key = self.key_path(key_value);
        let order = match (fsm_value, precedes_value) {
            (Some(fsm), Some(precedes)) => {
                self.cx.report(
                    Diagnostic::load("conflicting-keys", "a constraint has both `fsm` and `precedes`")
                        .with_primary(precedes.key_span.unwrap_or(precedes.span()), "precedes")
                        .with_label(fsm.key_span.unwrap_or(fsm.span()), "fsm")
                        .with_help("keep one of `fsm` and `precedes`; write a second constraint for the other")
                        .with_path(&value.path),
                );
                None
            }
            (Some(fsm), None) => self.fsm(&fsm).map(ConstraintOrder::Fsm),
            (None, Some(precedes)) => self.precedes(&precedes).map(ConstraintOrder::Precedes),
            (None, None) => {
                self.cx.report(
                    Diagnostic::load("missing-key", "a constraint needs `fsm` or `precedes`")
                        .with_primary(name.span, "no order given")
                        .with_help("add `precedes: { first: A, then: B }` or an `fsm`")
                        .with_path(&value.path),
                );
                None
            }
        };
        Some(Constraint { decl: self.decl(&name, value), summary, key, consumers, order, extensions })
    }

    fn fsm(&mut self, value: &Value<'_>) -> Option<Fsm> {
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let start = map.required("start", cx).map(|v| refs(v.name_list(cx))).unwrap_or_default();
        let mut next = indexmap::IndexMap::new();
        if let Some(next_value) = map.get("next", cx) {
            for (state, targets) in next_value.entries(cx) {
                if state.value.starts_with("x-") {
                    cx.report(
                        check_name(&state, NameKind::Message, "fsm.next", &targets.path)
                            .unwrap_or_else(|| targets.invalid("reserved prefix", "rename it")),
                    );
                    continue;
                }
                let state_ref = Ref { name: state.value.clone(), span: state.span, path: targets.path.clone() };
                let targets = refs(targets.name_list(cx));
                next.insert(state.value, FsmState { state: state_ref, next: targets });
            }
        }
        map.finish(cx);
        Some(Fsm { span: value.span(), start, next })
    }

    fn precedes(&mut self, value: &Value<'_>) -> Option<Precedes> {
        let cx = &mut self.cx;
        let mut map = value.map(cx)?.without_extensions();
        let first = map.required("first", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let then = map.required("then", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        map.finish(cx);
        Some(Precedes { span: value.span(), first, then })
    }

    fn view(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<View> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let service_value = map.required("service", cx);
        let question = map.opt_str("question", cx);
        let from = map.required("from", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let summary = map.opt_str("summary", cx);
        let extensions = extensions(&mut map);
        map.finish(cx);
        let service = self.name_ref(service_value);
        Some(View { decl: self.decl(&name, value), service, question, from, summary, extensions })
    }

    fn automation(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Automation> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let service_value = map.required("service", cx);
        let when = map.required("when", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let reads = map.get("reads", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let issues = map.required("issues", cx).map(|v| refs(v.names(cx))).unwrap_or_default();
        let summary = map.opt_str("summary", cx);
        if let Some(on) = map.get("on", cx) {
            cx.report(
                Diagnostic::load("unknown-key", "automations list their triggering events under `when`, not `on`")
                    .with_primary(on.key_span.unwrap_or(on.span()), "write `when`")
                    .with_help("rename `on` to `when`; YAML 1.1 tools read `on` as `true`")
                    .with_path(&on.path),
            );
        }
        let extensions = extensions(&mut map);
        map.finish(cx);
        let service = self.name_ref(service_value);
        Some(Automation { decl: self.decl(&name, value), service, when, reads, issues, summary, extensions })
    }

    fn screen(&mut self, name: Spanned<String>, value: &Value<'_>) -> Option<Screen> {
        let mut map = value.map_or_empty(&mut self.cx)?;
        let cx = &mut self.cx;
        let actor = map.opt_str("actor", cx);
        let issues_value = map.get("issues", cx);
        let shows_value = map.get("shows", cx);
        if issues_value.is_none() && shows_value.is_none() {
            cx.report(map.missing("issues").with_help("add `issues: [commands]` or `shows: [views]`"));
        }
        let issues = issues_value.map(|v| refs(v.names(cx))).unwrap_or_default();
        let shows = shows_value.map(|v| refs(v.names(cx))).unwrap_or_default();
        let extensions = extensions(&mut map);
        map.finish(cx);
        Some(Screen { decl: self.decl(&name, value), actor, issues, shows, extensions })
    }
}
