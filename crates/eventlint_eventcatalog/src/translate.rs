//! EventCatalog pages → eventlint catalog trees (catalog-format §17): one tree per current page, every node keeping
//! the span of the frontmatter it comes from, so the catalog loader reads it as it reads a YAML catalog and every
//! value check, default and reference check of the format applies unchanged.

use std::collections::HashMap;

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Sources, Span, did_you_mean};
use eventlint_yaml::{NodeKind, Spanned, YamlNode, push_pointer};

use crate::page::{Collection, page_path, parse_frontmatter};

/// EventCatalog keys that name an eventlint key directly, per resource, as (EventCatalog key, eventlint key).
const MESSAGE_KEYS: &[(&str, &str)] = &[
    ("version", "version"),
    ("summary", "summary"),
    ("x-eventlint-kind", "kind"),
    ("x-eventlint-visibility", "visibility"),
    ("x-eventlint-category", "category"),
    ("x-eventlint-key", "key"),
];
const SERVICE_KEYS: &[(&str, &str)] = &[("summary", "summary")];
const TOPIC_KEYS: &[(&str, &str)] = &[
    ("summary", "summary"),
    ("x-eventlint-partitions", "partitions"),
    ("x-eventlint-key", "key"),
    ("x-eventlint-partitioner", "partitioner"),
    ("x-eventlint-compatibility", "compatibility"),
    ("x-eventlint-subject-strategy", "subjectStrategy"),
    ("x-eventlint-visibility", "visibility"),
    ("x-eventlint-compacted", "compacted"),
    ("x-eventlint-retention", "retention"),
];
/// `x-eventlint-*` keys read by a dedicated mapping rather than a rename.
const SERVICE_CONSUMER_GROUP: &str = "x-eventlint-consumer-group";

/// One page with an identity and a `version`: a resource of the catalog.
struct Page {
    file: FileId,
    collection: Collection,
    resource_dir: String,
    /// The folder of the page itself (`events/OrderCreated/versioned/0.6.0` for a versioned copy).
    dir: String,
    versioned: bool,
    /// `id`, or v1's `name`.
    id: Spanned<String>,
    root: YamlNode,
    body: Option<Spanned<String>>,
}

impl Page {
    /// `None` for a file that is not an EventCatalog page: no frontmatter, or no `version` in it.
    fn read(file: FileId, sources: &Sources, limits: &Limits, diagnostics: &mut Vec<Diagnostic>) -> Option<Page> {
        let source = sources.get(file);
        let path = page_path(source.tree_path())?;
        let dir = source.tree_path().rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
        let frontmatter = parse_frontmatter(file, source.text(), limits, diagnostics)?;
        let root = frontmatter.root;
        root.get("version")?;
        let Some(id) = ["id", "name"].iter().find_map(|key| root.get(key)) else {
            diagnostics.push(
                Diagnostic::load("missing-key", "missing required key `id`")
                    .with_primary(Span::at(file, root.span.start as usize), "`id` is required here")
                    .with_help("add `id: <Name>`, the name other pages and eventlint use for this resource"),
            );
            return None;
        };
        let Some(id) = text(id) else {
            diagnostics.push(
                Diagnostic::load("invalid-value", format!("expected a string, found {}", id.type_name()))
                    .with_primary(id.span, ())
                    .with_help("write the id as a string"),
            );
            return None;
        };
        Some(Page {
            file,
            collection: path.collection,
            resource_dir: path.resource_dir.to_owned(),
            dir,
            versioned: path.versioned.is_some(),
            id,
            root,
            body: frontmatter.body,
        })
    }

    fn entry(&self, key: &str) -> Option<(&YamlNode, &YamlNode)> {
        self.root.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(k, v)| (k, v))
    }

    /// The ids a list of references names (`[{id: A, version: 1.0.0}, B]`).
    fn refs(&self, key: &str) -> Vec<Spanned<String>> {
        self.root.get(key).map(refs).unwrap_or_default()
    }

    /// An empty span on the opening `---`, for the keys a tree needs that the page does not write: a comment
    /// can attach to no node there, so they take no line from the page's own keys.
    fn head(&self) -> Span {
        Span::at(self.file, 0)
    }
}

/// A string node's value, with its span.
fn text(node: &YamlNode) -> Option<Spanned<String>> {
    node.as_str().map(|value| Spanned::new(value.to_owned(), node.span))
}

/// A reference item: a plain id, or a mapping with an `id`.
fn ref_id(node: &YamlNode) -> Option<Spanned<String>> {
    text(node).or_else(|| text(node.get("id")?))
}

fn refs(list: &YamlNode) -> Vec<Spanned<String>> {
    list.as_seq().unwrap_or_default().iter().filter_map(ref_id).collect()
}

/// What other pages say about a message: who sends and receives it, and over which channels.
#[derive(Default)]
struct Links {
    producers: Vec<Spanned<String>>,
    consumers: Vec<Spanned<String>>,
    sent_to: Vec<Spanned<String>>,
    received_from: Vec<Spanned<String>>,
}

/// The facts that cross pages, gathered before any tree is built.
#[derive(Default)]
struct Index<'p> {
    /// Channel id → the Kafka topic it is (its address), for channels that are Kafka topics.
    topics: HashMap<String, Spanned<String>>,
    /// Service id → the domain that lists it (the first one).
    domains: HashMap<String, Spanned<String>>,
    links: HashMap<String, Links>,
    /// Resource folder → its versioned copies.
    versions: HashMap<String, Vec<&'p Page>>,
}

impl<'p> Index<'p> {
    fn of(pages: &'p [Page]) -> Self {
        let mut index = Index::default();
        for page in pages {
            if page.versioned {
                index.versions.entry(page.resource_dir.clone()).or_default().push(page);
                continue;
            }
            match page.collection {
                Collection::Channels => {
                    if let Some(topic) = topic_name(page) {
                        index.topics.insert(page.id.value.clone(), topic);
                    }
                }
                Collection::Domains => {
                    for service in page.refs("services") {
                        let domain = Spanned::new(page.id.value.clone(), service.span);
                        index.domains.entry(service.value).or_insert(domain);
                    }
                }
                Collection::Services => index.link_service(page),
                Collection::Events | Collection::Commands | Collection::Queries => {}
            }
        }
        index
    }

    /// `sends` and `receives` (EventCatalog v2+), each entry routed `to` or `from` channels.
    fn link_service(&mut self, page: &Page) {
        for (key, route) in [("sends", "to"), ("receives", "from")] {
            for item in page.root.get(key).and_then(YamlNode::as_seq).unwrap_or_default() {
                let Some(message) = ref_id(item) else { continue };
                let links = self.links.entry(message.value).or_default();
                let service = Spanned::new(page.id.value.clone(), message.span);
                let channels = item.get(route).map(refs).unwrap_or_default();
                if key == "sends" {
                    links.producers.push(service);
                    links.sent_to.extend(channels);
                } else {
                    links.consumers.push(service);
                    links.received_from.extend(channels);
                }
            }
        }
    }
}

/// A channel is a Kafka topic when it lists `kafka` among its `protocols` (or lists none); the topic is its
/// `address`, else its id. An address with `{parameters}` names many topics, none of which eventlint can check.
fn topic_name(page: &Page) -> Option<Spanned<String>> {
    let is_kafka = |protocol: &YamlNode| protocol.as_str().is_some_and(|p| p.eq_ignore_ascii_case("kafka"));
    if let Some(protocols) = page.root.get("protocols") {
        protocols.as_seq().map_or(is_kafka(protocols), |list| list.iter().any(is_kafka)).then_some(())?;
    }
    let address = page.root.get("address").and_then(text).unwrap_or_else(|| page.id.clone());
    (!address.value.contains('{')).then_some(address)
}

/// Reads every page and builds one catalog tree per current page that defines a message, service or topic.
pub fn import(files: &[FileId], sources: &Sources, limits: &Limits) -> (Vec<(FileId, YamlNode)>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let pages: Vec<Page> =
        files.iter().filter_map(|&file| Page::read(file, sources, limits, &mut diagnostics)).collect();
    let index = Index::of(&pages);
    let mut trees = Vec::new();
    for page in pages.iter().filter(|page| !page.versioned) {
        let mut builder = TreeBuilder { page, index: &index, diagnostics: &mut diagnostics };
        if let Some(tree) = builder.tree() {
            trees.push((page.file, tree));
        }
    }
    (trees, diagnostics)
}

/// A mapping under construction.
struct Map {
    span: Span,
    entries: Vec<(YamlNode, YamlNode)>,
}

impl Map {
    fn new(span: Span) -> Self {
        Map { span, entries: Vec::new() }
    }

    fn push(&mut self, key: &str, key_span: Span, value: YamlNode) {
        self.entries.push((string(key, key_span), value));
    }

    fn build(self) -> YamlNode {
        YamlNode::new(self.span, NodeKind::Map(self.entries))
    }
}

fn string(value: &str, span: Span) -> YamlNode {
    YamlNode::new(span, NodeKind::Str(value.to_owned()))
}

/// A list of names, each once (EventCatalog tolerates repeats; a catalog does not).
fn names(span: Span, items: impl IntoIterator<Item = Spanned<String>>) -> YamlNode {
    let mut seen: Vec<String> = Vec::new();
    let mut nodes = Vec::new();
    for item in items {
        if !seen.contains(&item.value) {
            nodes.push(string(&item.value, item.span));
            seen.push(item.value);
        }
    }
    YamlNode::new(span, NodeKind::Seq(nodes))
}

/// The `schemaFormat` a schema file's extension implies.
fn schema_format(path: &str) -> &'static str {
    if path.ends_with(".avsc") {
        "avro"
    } else if path.ends_with(".proto") {
        "protobuf"
    } else {
        "json-schema"
    }
}

struct TreeBuilder<'a, 'p> {
    page: &'a Page,
    index: &'a Index<'p>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl TreeBuilder<'_, '_> {
    fn tree(&mut self) -> Option<YamlNode> {
        let page = self.page;
        let (section, name, entity) = match page.collection {
            Collection::Events | Collection::Commands | Collection::Queries => {
                ("messages", &page.id, self.message(&entity_path("messages", &page.id)))
            }
            Collection::Services => ("services", &page.id, self.service(&entity_path("services", &page.id))),
            Collection::Channels => {
                let name = self.index.topics.get(&page.id.value)?;
                ("topics", name, self.common(TOPIC_KEYS, &[], &entity_path("topics", name)).build())
            }
            Collection::Domains => return None,
        };
        let at = page.head();
        let mut entries = Map::new(page.root.span);
        entries.push(&name.value, name.span, entity);
        let mut top = Map::new(page.root.span);
        top.push("eventlint", at, YamlNode::new(at, NodeKind::Int { value: 1, raw: "1".to_owned() }));
        top.push(section, at, entries.build());
        if section != "messages" {
            top.push("messages", at, Map::new(at).build());
        }
        Some(top.build())
    }

    /// The entity's mapping with the keys every resource shares: renamed keys, `owners[0]` as `owner`, and the
    /// page's `x-*` keys (its own as extensions; eventlint's unknown ones reported).
    fn common(&mut self, renames: &[(&str, &str)], own_keys: &[&str], path: &str) -> Map {
        let page = self.page;
        let mut map = Map::new(page.root.span);
        for (from, to) in renames {
            if let Some((key, value)) = page.entry(from) {
                map.push(to, key.span, value.clone());
            }
        }
        if let Some((key, owners)) = page.entry("owners")
            && let Some(owner) = owners.as_seq().and_then(|list| list.first()).and_then(ref_id)
        {
            map.push("owner", key.span, string(&owner.value, owner.span));
        }
        let known: Vec<&str> = renames.iter().map(|(from, _)| *from).chain(own_keys.iter().copied()).collect();
        for (key, value) in page.root.as_map().unwrap_or_default() {
            let Some(name) = key.as_str() else { continue };
            if name.starts_with("x-eventlint-") {
                if !known.contains(&name) {
                    self.unknown_key(name, key.span, &known, path);
                }
            } else if name.starts_with("x-") {
                map.push(name, key.span, value.clone());
            }
        }
        map
    }

    fn unknown_key(&mut self, name: &str, span: Span, known: &[&str], path: &str) {
        let extensions = known.iter().copied().filter(|k| k.starts_with("x-eventlint-"));
        let help = match did_you_mean(name, extensions) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => "remove it, or rename it to another `x-…` key to keep it as an extension".to_owned(),
        };
        self.diagnostics.push(
            Diagnostic::load("unknown-key", format!("unknown key `{name}`"))
                .with_primary(span, "eventlint does not read this key")
                .with_help(help)
                .with_path(push_pointer(path, name)),
        );
    }

    fn message(&mut self, path: &str) -> YamlNode {
        let page = self.page;
        let mut map = self.common(MESSAGE_KEYS, &[], path);
        if let Some(kind) = page.collection.message_kind().filter(|kind| *kind != "event")
            && page.entry("x-eventlint-kind").is_none()
        {
            map.push("kind", page.id.span, string(kind, page.id.span));
        }
        if let Some(body) = &page.body {
            map.push("description", body.span, string(&body.value, body.span));
        }
        let none = Links::default();
        let links = self.index.links.get(&page.id.value).unwrap_or(&none);
        let v1_producers = page.entry("producers");
        let v1_consumers = page.entry("consumers");
        let producers: Vec<Spanned<String>> =
            page.refs("producers").into_iter().chain(links.producers.clone()).collect();
        let consumers: Vec<Spanned<String>> =
            page.refs("consumers").into_iter().chain(links.consumers.clone()).collect();
        if !producers.is_empty() {
            let span = v1_producers.map_or(page.id.span, |(key, _)| key.span);
            map.push("producer", span, names(span, producers));
        }
        if !consumers.is_empty() {
            let span = v1_consumers.map_or(page.id.span, |(key, _)| key.span);
            map.push("consumers", span, names(span, consumers));
        }
        let routes = page.refs("channels").into_iter().chain(links.sent_to.clone()).chain(links.received_from.clone());
        let topic = routes.into_iter().find_map(|channel| {
            let topic = self.index.topics.get(&channel.value)?;
            Some(string(&topic.value, channel.span))
        });
        if let Some(topic) = topic {
            map.push("topic", topic.span, topic);
        }
        if let Some((key, path)) = page.entry("schemaPath") {
            map.push("schema", key.span, path.clone());
            let format = schema_format(path.as_str().unwrap_or_default());
            map.push("schemaFormat", key.span, string(format, path.span));
        }
        if let Some((key, badges)) = page.entry("badges") {
            let contents = badges.as_seq().unwrap_or_default().iter().filter_map(|b| text(b.get("content")?));
            map.push("tags", key.span, names(badges.span, contents));
        }
        if let Some((key, deprecated)) = page.entry("deprecated") {
            map.push("deprecated", key.span, renamed(deprecated, &[("message", "message"), ("date", "since")]));
        }
        if let Some((key, draft)) = page.entry("draft") {
            map.push("draft", key.span, renamed(draft, &[("message", "message")]));
        }
        let history = self.history();
        if !history.is_empty() {
            map.push("history", page.head(), YamlNode::new(page.head(), NodeKind::Seq(history)));
        }
        map.build()
    }

    /// One `history` entry per versioned copy with a `schemaPath`, its path rewritten relative to the current page.
    fn history(&self) -> Vec<YamlNode> {
        let page = self.page;
        let copies = self.index.versions.get(&page.resource_dir).map(Vec::as_slice).unwrap_or_default();
        let mut entries = Vec::new();
        for copy in copies {
            let (Some((version_key, version)), Some((schema_key, schema))) =
                (copy.entry("version"), copy.entry("schemaPath"))
            else {
                continue;
            };
            let folder = copy.dir.get(page.resource_dir.len()..).unwrap_or_default().trim_start_matches('/');
            let schema = match schema.as_str() {
                Some(path) => string(&format!("{folder}/{path}"), schema.span),
                None => schema.clone(),
            };
            let mut entry = Map::new(copy.root.span);
            entry.push("version", version_key.span, version.clone());
            entry.push("schema", schema_key.span, schema);
            entries.push(entry.build());
        }
        entries
    }

    fn service(&mut self, path: &str) -> YamlNode {
        let page = self.page;
        let mut map = self.common(SERVICE_KEYS, &[SERVICE_CONSUMER_GROUP], path);
        if let Some(domain) = self.index.domains.get(&page.id.value) {
            map.push("domain", domain.span, string(&domain.value, domain.span));
        }
        if let Some((key, repository)) = page.entry("repository")
            && let Some(url) = repository.get("url").or(Some(repository)).and_then(text)
        {
            map.push("repository", key.span, string(&url.value, url.span));
        }
        if let Some((key, group)) = page.entry(SERVICE_CONSUMER_GROUP) {
            let id = group.get("id").and_then(text).unwrap_or_else(|| page.id.clone());
            let settings = match group.as_map() {
                Some(entries) => YamlNode::new(
                    group.span,
                    NodeKind::Map(entries.iter().filter(|(k, _)| k.as_str() != Some("id")).cloned().collect()),
                ),
                None => group.clone(),
            };
            let mut groups = Map::new(group.span);
            groups.push(&id.value, id.span, settings);
            map.push("consumerGroups", key.span, groups.build());
        }
        map.build()
    }
}

/// `/section/name`, the logical path of an entity.
fn entity_path(section: &str, name: &Spanned<String>) -> String {
    push_pointer(&push_pointer("", section), &name.value)
}

/// A mapping with only `keys` kept, renamed (EventCatalog's `deprecated: {message, date}`); any other value as is.
fn renamed(node: &YamlNode, keys: &[(&str, &str)]) -> YamlNode {
    let Some(entries) = node.as_map() else { return node.clone() };
    let kept = entries
        .iter()
        .filter_map(|(key, value)| {
            let (_, to) = keys.iter().find(|(from, _)| key.as_str() == Some(from))?;
            Some((string(to, key.span), value.clone()))
        })
        .collect();
    YamlNode::new(node.span, NodeKind::Map(kept))
}
