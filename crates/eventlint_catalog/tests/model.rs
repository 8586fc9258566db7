//! Resolved facts of small multi-file models: per-file defaults, inherited values, aliases, line index.

use eventlint_catalog::*;
use eventlint_diagnostics::{Limits, Sources};

fn load(files: &[(&str, &str)]) -> Model {
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(*path, *text)).collect();
    let (model, diagnostics) = load_catalogs(&ids, &sources, &Limits::default(), &|_| true);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    model
}

#[test]
fn file_defaults_apply_only_to_their_file() {
    let model = load(&[
        (
            "a.catalog.yaml",
            "eventlint: 1\nowner: team-a\ndefaults: { compatibility: FULL, visibility: public }\nmessages: {}\ntopics: { ta: {} }\n",
        ),
        ("b.catalog.yaml", "eventlint: 1\nmessages:\n  M: { version: 1.0.0, topic: ta }\ntopics: { tb: {} }\n"),
    ]);
    assert_eq!(model.topics["ta"].compatibility.value, Compatibility::Full);
    assert_eq!(model.topics["tb"].compatibility.value, Compatibility::Backward);
    assert_eq!(model.topics["tb"].compatibility.origin, Origin::BuiltIn);
    assert_eq!(model.topics["ta"].owner.as_ref().unwrap().value, "team-a");
    assert!(model.topics["tb"].owner.is_none());
    // The topic's visibility comes from its own file's defaults: not explicit, so the message keeps `internal`.
    assert_eq!(model.messages["M"].visibility.value, Visibility::Internal);
}

#[test]
fn message_visibility_inherits_an_explicit_topic_visibility() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\ndefaults: { visibility: internal }\ntopics: { t: { visibility: public } }\nmessages:\n  M: { version: 1.0.0, topic: t }\n  N: { version: 1.0.0 }\n  O: { version: 1.0.0, topic: t, visibility: internal }\n",
    )]);
    assert_eq!(model.messages["M"].visibility.value, Visibility::Public);
    assert!(matches!(model.messages["M"].visibility.origin, Origin::Inherited(_)));
    assert_eq!(model.messages["N"].visibility.value, Visibility::Internal);
    assert!(matches!(model.messages["N"].visibility.origin, Origin::Inherited(_)), "from the file defaults");
    assert!(model.messages["O"].visibility.is_explicit());
}

#[test]
fn command_owner_is_its_single_handler() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nowner: file-team\nservices:\n  h: { owner: handlers, domain: billing }\n  p: { owner: producers }\n\
         messages:\n  Do: { kind: command, version: 1.0.0, producer: p, consumers: [h] }\n  Done: { version: 1.0.0, producer: p }\n  Orphan: { kind: query, version: 1.0.0 }\n",
    )]);
    assert_eq!(model.messages["Do"].owner.as_ref().unwrap().value, "handlers");
    assert_eq!(model.messages["Do"].domain.as_ref().unwrap().value, "billing");
    assert_eq!(model.messages["Done"].owner.as_ref().unwrap().value, "producers");
    assert_eq!(model.messages["Orphan"].owner.as_ref().unwrap().value, "file-team");
}

#[test]
fn aliases_can_share_group_settings() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nmessages: {}\nservices:\n  s:\n    consumerGroups:\n      a: { retry: &retry { mode: blocking, maxAttempts: 4 } }\n      b: { retry: *retry }\n",
    )]);
    assert_eq!(model.group("a").unwrap().1.retry.max_attempts.value, 4);
    assert_eq!(model.group("b").unwrap().1.retry.max_attempts.value, 4);
}

#[test]
fn producer_settings_and_partitioner_from_client() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nmessages: {}\nservices:\n  rust: { producer: { client: librdkafka, idempotent: false, maxInFlight: 3 } }\n  java: { producer: { client: java, partitioner: explicit } }\n  plain: {}\n",
    )]);
    let rust = &model.services["rust"].producer;
    assert_eq!(rust.partitioner.as_ref().unwrap().value, Partitioner::Crc32);
    assert!(!rust.partitioner.as_ref().unwrap().is_explicit());
    assert_eq!((rust.idempotent.value, rust.max_in_flight.value), (false, 3));
    assert_eq!(model.services["java"].producer.partitioner.as_ref().unwrap().value, Partitioner::Explicit);
    assert!(model.services["plain"].producer.partitioner.is_none());
    assert_eq!(model.services["plain"].producer.max_in_flight.value, 5);
}

#[test]
fn line_index_points_at_the_outermost_node_of_each_line() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nservices: { s: {}, t: {} }\nmessages:\n  M:\n    version: 1.0.0\n    consumers:\n      - service: s\n        ordering: per-key\n      - t\n    history:\n      - version: 0.9.0\n        schema: a.avsc\n",
    )]);
    let file = &model.files[0];
    let lines: Vec<(u32, &str)> = (4..=12).map(|line| (line, file.path_at_line(line).unwrap_or("-"))).collect();
    assert_eq!(
        lines,
        [
            (4, "/messages/M"),
            (5, "/messages/M/version"),
            (6, "/messages/M/consumers"),
            (7, "/messages/M/consumers/s"),
            (8, "/messages/M/consumers/s/ordering"),
            (9, "/messages/M/consumers/t"),
            (10, "/messages/M/history"),
            (11, "/messages/M/history/0.9.0"),
            (12, "/messages/M/history/0.9.0/schema"),
        ]
    );
}

#[test]
fn duration_and_retention_values() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nmessages: {}\ntopics:\n  a: { retention: 30d, compacted: true }\n  b: { retention: forever }\nservices:\n  s: { consumerGroups: { g: { commit: { interval: 5s, onRevoke: false }, sessionTimeout: 10s } } }\n",
    )]);
    assert_eq!(
        model.topics["a"].retention.as_ref().unwrap().value,
        Retention::Duration(std::time::Duration::from_secs(30 * 86_400))
    );
    assert_eq!(model.topics["b"].retention.as_ref().unwrap().value, Retention::Forever);
    let group = model.group("g").unwrap().1;
    assert_eq!(group.commit.policy.value, CommitPolicy::Interval(std::time::Duration::from_secs(5)));
    assert!(!group.commit.on_revoke.value);
    assert_eq!(group.session_timeout.value, std::time::Duration::from_secs(10));
    assert_eq!(group.max_poll_interval.value, std::time::Duration::from_secs(300));
}

#[test]
fn empty_entries_read_as_empty_mappings() {
    let model = load(&[(
        "c.yaml",
        "eventlint: 1\nmessages:\n  M: { version: 1.0.0, consumers: [s] }\nservices:\n  s:\n  t:\n    consumerGroups:\n      g:\ntopics:\n  t.dlq:\n",
    )]);
    assert!(model.services["s"].consumer_groups["s"].implicit);
    assert_eq!(model.group("g").unwrap().1.instances.value, 1);
    assert!(model.topics["t.dlq"].partitions.is_none());
}
