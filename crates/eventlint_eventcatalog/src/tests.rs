//! Data-driven tests of the importer: tiny EventCatalog folders through `import` and the catalog loader, checked as
//! a one-line-per-entity dump of the model and the located diagnostics.

use eventlint_catalog::{Model, load_model};
use eventlint_diagnostics::{Limits, Sources, render_concise, resolve_all};
use eventlint_yaml::YamlNode;

use crate::{Collection, PagePath, import, page_path};

/// Splits a fixture into files at `//- path` lines.
fn files(fixture: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        match line.strip_prefix("//- ") {
            Some(path) => files.push((path.trim().to_owned(), String::new())),
            None => {
                if let Some((_, text)) = files.last_mut() {
                    text.push_str(line.strip_prefix("    ").unwrap_or(line.trim_start_matches(' ')));
                }
            }
        }
    }
    files
}

fn dump(model: &Model) -> Vec<String> {
    let mut lines = Vec::new();
    let list = |names: Vec<&str>| format!("[{}]", names.join(", "));
    for (name, service) in &model.services {
        let mut line = format!("service {name}");
        if let Some(owner) = &service.owner {
            line.push_str(&format!(" owner={}", owner.value));
        }
        if let Some(domain) = &service.domain {
            line.push_str(&format!(" domain={}", domain.value));
        }
        let groups: Vec<&str> = service.consumer_groups.keys().map(String::as_str).collect();
        line.push_str(&format!(" groups={}", list(groups)));
        lines.push(line);
    }
    for (name, topic) in &model.topics {
        let partitions = topic.partitions.as_ref().map_or("-".to_owned(), |p| p.value.to_string());
        let key = topic.key.as_ref().map_or("-", |k| k.value.as_str());
        lines.push(format!("topic {name} {} partitions={partitions} key={key}", topic.compatibility.value));
    }
    for (name, message) in &model.messages {
        let version = message.version.as_ref().map_or("-".to_owned(), |v| v.value.to_string());
        let mut line = format!("message {name} {} {version}", message.kind.value);
        if let Some(owner) = &message.owner {
            line.push_str(&format!(" owner={}", owner.value));
        }
        if !message.producers.is_empty() {
            line.push_str(&format!(" producer={}", list(message.producers.iter().map(|p| p.name.as_str()).collect())));
        }
        if !message.consumers.is_empty() {
            let consumers = message.consumers.iter().map(|c| c.service.name.as_str()).collect();
            line.push_str(&format!(" consumers={}", list(consumers)));
        }
        if let Some(topic) = &message.topic {
            line.push_str(&format!(" topic={}", topic.name));
        }
        if let Some(schema) = &message.schema {
            line.push_str(&format!(" schema={} ({})", schema.file, message.schema_format.value));
        }
        if !message.tags.is_empty() {
            line.push_str(&format!(" tags={}", list(message.tags.iter().map(|t| t.value.as_str()).collect())));
        }
        if message.deprecated.is_some() {
            line.push_str(" deprecated");
        }
        lines.push(line);
        for entry in &message.history {
            let schema = entry.schema.as_ref().map_or("-", |s| s.file.as_str());
            lines.push(format!("  history {} {schema}", entry.version.value));
        }
    }
    lines
}

/// The model and diagnostics a fixture loads into; every fixture file exists for schema references.
fn load(fixture: &str) -> String {
    let files = files(fixture);
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(path.as_str(), text.as_str())).collect();
    let (trees, mut diagnostics) = import(&ids, &sources, &Limits::default());
    let catalogs: Vec<(_, &YamlNode)> = trees.iter().map(|(file, tree)| (*file, tree)).collect();
    let exists = |path: &str| files.iter().any(|(file, _)| file == path);
    let (model, load_diagnostics) = load_model(&catalogs, &sources, &exists);
    diagnostics.extend(load_diagnostics);
    let mut lines = dump(&model);
    lines.extend(resolve_all(&sources, &diagnostics, false).iter().map(render_concise));
    lines.join("\n")
}

fn check(fixture: &str, expect: &str) {
    let actual = load(fixture);
    assert_eq!(actual.trim(), expect.trim(), "\n--- actual ---\n{actual}\n");
}

#[test]
fn page_paths() {
    let check = |path: &str, expect: Option<(Collection, &str, Option<&str>)>| {
        let actual = page_path(path).map(|p: PagePath| (p.collection, p.resource_dir, p.versioned));
        assert_eq!(actual, expect, "{path}");
    };
    check("events/OrderCreated/index.mdx", Some((Collection::Events, "events/OrderCreated", None)));
    check("ec/events/A/versioned/0.6.0/index.mdx", Some((Collection::Events, "ec/events/A", Some("0.6.0"))));
    check("services/S/commands/Ship/index.md", Some((Collection::Commands, "services/S/commands/Ship", None)));
    check("domains/D/services/S/index.mdx", Some((Collection::Services, "domains/D/services/S", None)));
    check("channels/orders/index.mdx", Some((Collection::Channels, "channels/orders", None)));
    check("events/index.mdx", None);
    check("docs/guides/A/index.mdx", None);
    check("events/A/schema.avsc", None);
    check("events/A/changelog.mdx", None);
}

#[test]
fn v2_event_with_service_channel_and_domain() {
    check(
        r#"
//- events/OrderCreated/index.mdx
    ---
    id: OrderCreated
    name: Order created
    version: 1.0.0
    summary: An order was placed.
    owners: [team-orders, alice]
    schemaPath: schema.avsc
    badges:
      - content: New
        backgroundColor: blue
      - content: New
    x-team-note: kept as an extension
    ---
    ## Overview
//- events/OrderCreated/schema.avsc
    {}
//- services/Orders/index.mdx
    ---
    id: Orders
    version: 0.1.0
    owners: [{id: team-orders}]
    sends:
      - id: OrderCreated
        version: 1.x.x
        to: [{id: orders.events}]
    ---
//- services/Billing/index.mdx
    ---
    id: Billing
    version: 0.1.0
    receives:
      - id: OrderCreated
        from: [{id: orders.events}]
      - id: OrderCreated
    ---
//- channels/orders.events/index.mdx
    ---
    id: orders.events
    version: 1.0.0
    address: shop.orders.v1
    protocols: [kafka]
    x-eventlint-partitions: 12
    x-eventlint-key: orderId
    x-eventlint-compatibility: FULL
    ---
//- domains/Shop/index.mdx
    ---
    id: Shop
    version: 1.0.0
    services: [{id: Orders}, {id: Billing}]
    ---
"#,
        "
service Orders owner=team-orders domain=Shop groups=[]
service Billing domain=Shop groups=[Billing]
topic shop.orders.v1 FULL partitions=12 key=orderId
message OrderCreated event 1.0.0 owner=team-orders producer=[Orders] consumers=[Billing] topic=shop.orders.v1 schema=events/OrderCreated/schema.avsc (avro) tags=[New]
",
    );
}

#[test]
fn versioned_copies_are_history_with_their_own_schemas() {
    check(
        r#"
//- events/OrderCreated/index.mdx
    ---
    id: OrderCreated
    version: 1.0.0
    schemaPath: schema.avsc
    ---
//- events/OrderCreated/schema.avsc
    {}
//- events/OrderCreated/versioned/0.6.0/index.mdx
    ---
    id: OrderCreated
    version: 0.6.0
    schemaPath: ./schema.avsc
    ---
//- events/OrderCreated/versioned/0.6.0/schema.avsc
    {}
//- events/OrderCreated/versioned/0.2.0/index.mdx
    ---
    id: OrderCreated
    version: 0.2.0
    schemaPath: order.avsc
    ---
//- events/OrderCreated/versioned/0.2.0/order.avsc
    {}
//- events/OrderCreated/versioned/0.1.0/index.mdx
    ---
    id: OrderCreated
    version: 0.1.0
    ---
"#,
        "
message OrderCreated event 1.0.0 schema=events/OrderCreated/schema.avsc (avro)
  history 0.2.0 events/OrderCreated/versioned/0.2.0/order.avsc
  history 0.6.0 events/OrderCreated/versioned/0.6.0/schema.avsc
",
    );
}

#[test]
fn history_problems_are_located_in_the_versioned_copy() {
    check(
        r#"
//- events/A/index.mdx
    ---
    id: A
    version: 1.0.0
    ---
//- events/A/versioned/2.0.0/index.mdx
    ---
    id: A
    version: 2.0.0
    schemaPath: gone.avsc
    ---
"#,
        "
message A event 1.0.0
  history 2.0.0 events/A/versioned/2.0.0/gone.avsc
events/A/versioned/2.0.0/index.mdx:3:10: error[load/invalid-history] history version `2.0.0` is not lower than `version: 1.0.0`
events/A/versioned/2.0.0/index.mdx:4:13: error[load/dangling-reference] schema file `events/A/versioned/2.0.0/gone.avsc` does not exist
",
    );
}

#[test]
fn v1_layout_producers_and_consumers_on_the_event() {
    check(
        r#"
//- events/EmailSent/index.md
    ---
    name: EmailSent
    version: 0.6.1
    producers: [Mailer]
    consumers: [Audit, Audit]
    ---
//- services/Mailer/index.md
    ---
    name: Mailer
    version: 0.0.1
    ---
//- services/Audit/index.md
    ---
    name: Audit
    version: 0.0.1
    ---
"#,
        "
service Mailer groups=[]
service Audit groups=[Audit]
message EmailSent event 0.6.1 producer=[Mailer] consumers=[Audit]
",
    );
}

#[test]
fn commands_and_queries_take_their_kind_from_the_folder() {
    check(
        r#"
//- services/S/commands/ShipOrder/index.mdx
    ---
    id: ShipOrder
    version: 1.0.0
    ---
//- queries/GetOrder/index.mdx
    ---
    id: GetOrder
    version: 1.0.0
    schemaPath: schema.json
    ---
//- queries/GetOrder/schema.json
    {}
//- events/StockLow/index.mdx
    ---
    id: StockLow
    version: 1.0.0
    x-eventlint-kind: notification
    deprecated: {message: use StockChanged, date: 2025-01-01}
    ---
"#,
        "
message ShipOrder command 1.0.0
message GetOrder query 1.0.0 schema=queries/GetOrder/schema.json (json-schema)
message StockLow notification 1.0.0 deprecated
",
    );
}

#[test]
fn channels_that_are_not_kafka_topics_give_no_topic() {
    check(
        r#"
//- events/A/index.mdx
    ---
    id: A
    version: 1.0.0
    channels: [{id: queue}, {id: per-env}, {id: plain}]
    ---
//- channels/queue/index.mdx
    ---
    id: queue
    version: 1.0.0
    protocols: [sqs]
    ---
//- channels/per-env/index.mdx
    ---
    id: per-env
    version: 1.0.0
    address: orders.{env}.events
    ---
//- channels/plain/index.mdx
    ---
    id: plain
    version: 1.0.0
    ---
"#,
        "
topic plain BACKWARD partitions=- key=-
message A event 1.0.0 topic=plain
",
    );
}

#[test]
fn consumer_group_settings_on_the_service() {
    check(
        r#"
//- services/Billing/index.mdx
    ---
    id: Billing
    version: 1.0.0
    x-eventlint-consumer-group:
      id: billing-orders
      idempotent: true
      retry: {maxAttempts: 3}
    ---
//- services/Ledger/index.mdx
    ---
    id: Ledger
    version: 1.0.0
    x-eventlint-consumer-group: {instances: 0}
    ---
"#,
        "
service Billing groups=[billing-orders]
service Ledger groups=[Ledger]
services/Ledger/index.mdx:4:41: error[load/invalid-value] expected an integer ≥ 1, found `0`
",
    );
}

#[test]
fn real_problems_are_located_in_the_frontmatter() {
    check(
        r#"
//- events/A/index.mdx
    ---
    id: A
    version: v1.2.0
    schemaPath: missing.avsc
    x-eventlint-kinds: event
    ---
//- events/B/index.mdx
    ---
    name: [B]
    version: 1.0.0
    ---
//- events/C/index.mdx
    ---
    version: 1.0.0
    ---
//- events/D/index.mdx
    ---
    id: D
    version: 1.0.0
    summary: [unclosed
    ---
//- events/E/index.mdx
    ---
    id: E
    version: 1.0.0
"#,
        "
message A event - schema=events/A/missing.avsc (avro)
events/A/index.mdx:3:10: error[load/invalid-value] expected a semantic version, found `v1.2.0`
events/A/index.mdx:4:13: error[load/dangling-reference] schema file `events/A/missing.avsc` does not exist
events/A/index.mdx:5:1: error[load/unknown-key] unknown key `x-eventlint-kinds`
events/B/index.mdx:2:7: error[load/invalid-value] expected a string, found a list
events/C/index.mdx:2:1: error[load/missing-key] missing required key `id`
events/D/index.mdx:6:1: error[load/yaml-syntax] invalid YAML: while parsing a flow sequence, expected ',' or ']'
events/E/index.mdx:1:1: error[load/yaml-syntax] the frontmatter is never closed
",
    );
}

#[test]
fn pages_without_frontmatter_or_version_are_not_resources() {
    check(
        r#"
//- services/Consulting/index.md
    ---
    title: Consulting
    ---
//- events/Notes/index.mdx
    # Notes
"#,
        "",
    );
}

#[test]
fn duplicate_ids_are_reported_by_the_loader() {
    check(
        r#"
//- events/A/index.mdx
    ---
    id: A
    version: 1.0.0
    ---
//- services/S/events/A/index.mdx
    ---
    id: A
    version: 2.0.0
    ---
"#,
        "
message A event 1.0.0
services/S/events/A/index.mdx:2:5: error[load/duplicate-definition] message `A` is defined twice
",
    );
}

/// Each directive comment of the fixture's first page, with the logical path of the line it attaches to.
fn attached(fixture: &str) -> Vec<(u32, String)> {
    let files = files(fixture);
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(path.as_str(), text.as_str())).collect();
    let (trees, diagnostics) = import(&ids, &sources, &Limits::default());
    let catalogs: Vec<(_, &YamlNode)> = trees.iter().map(|(file, tree)| (*file, tree)).collect();
    let (model, load_diagnostics) = load_model(&catalogs, &sources, &|_| true);
    assert!(diagnostics.is_empty() && load_diagnostics.is_empty(), "{diagnostics:?} {load_diagnostics:?}");
    let Some(file) = model.file(ids[0]) else { return Vec::new() };
    file.directives.iter().map(|d| (d.line, file.path_at_line(d.line).unwrap_or("-").to_owned())).collect()
}

#[test]
fn comment_directives_in_the_frontmatter_attach_to_the_page_keys() {
    let fixture = r#"
//- events/A/index.mdx
    ---
    id: A  # expect: event-without-producer
    version: 1.0.0
    # expect: missing-doc
    schemaPath: a.avsc
    ---
    # eventlint: a heading of the body, not a directive
//- events/A/versioned/0.1.0/index.mdx
    ---
    id: A
    version: 0.1.0
    schemaPath: a.avsc
    ---
"#;
    let expect = [(2, "/messages/A".to_owned()), (5, "/messages/A/schema".to_owned())];
    assert_eq!(attached(fixture), expect);
}

#[test]
fn a_misspelled_eventlint_key_gets_a_suggestion() {
    let mut sources = Sources::new();
    let page = "---\nid: orders\nversion: 1.0.0\nx-eventlint-partition: 6\nx-team: kept\n---\n";
    let file = sources.add("channels/orders/index.mdx", page);
    let (_, diagnostics) = import(&[file], &sources, &Limits::default());
    let helps: Vec<(String, Option<String>)> = resolve_all(&sources, &diagnostics, false)
        .into_iter()
        .map(|d| (format!("{} {}", d.logical_path, d.message), d.help))
        .collect();
    let expect = (
        "/topics/orders/x-eventlint-partition unknown key `x-eventlint-partition`",
        "did you mean `x-eventlint-partitions`?",
    );
    assert_eq!(helps, [(expect.0.to_owned(), Some(expect.1.to_owned()))]);
}

#[test]
fn odd_shapes_are_reported_or_ignored_never_fatal() {
    check(
        "
//- events/List/index.mdx
    ---
    - id: List
    - version: 1.0.0
    ---
//- events/A/index.mdx
    ---\r
    id: A\r
    version: 1.0.0\r
    owners: {id: x}\r
    badges: [1, {content: 2}]\r
    deprecated: 3\r
    ---\r
//- events/A/versioned/0.1.0/index.mdx
    ---
    id: A
    version: 0.1.0
    schemaPath: 7
    ---
//- services/S/index.mdx
    ---
    id: S
    version: 1.0.0
    sends: 5
    receives: [{id: A, from: x}, 3]
    x-eventlint-consumer-group: [1]
    ---
",
        "
service S groups=[S]
message A event 1.0.0 consumers=[S]
  history 0.1.0 -
events/A/index.mdx:6:13: error[load/invalid-value] expected a mapping, found an integer
events/A/versioned/0.1.0/index.mdx:4:13: error[load/invalid-value] expected a string, found an integer
services/S/index.mdx:6:29: error[load/invalid-value] expected a mapping, found a list
",
    );
}
