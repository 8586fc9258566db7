//! One tiny fixture per load error of catalog-format §14: the loader's concise diagnostics, with the logical path
//! and the help of each, for single- and multi-file models.

use eventlint_catalog::{Model, load_catalogs};
use eventlint_diagnostics::{Diagnostic, Limits, Sources, render_concise, render_full, resolve_all};

/// Schema files that "exist" for every fixture.
const SCHEMAS: &[&str] = &["schemas/A.avsc", "team/schemas/B.avsc"];

fn load(files: &[(&str, &str)]) -> (Sources, Model, Vec<Diagnostic>) {
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(*path, *text)).collect();
    let exists = |path: &str| SCHEMAS.contains(&path);
    let (model, diagnostics) = load_catalogs(&ids, &sources, &Limits::default(), &exists);
    (sources, model, diagnostics)
}

fn render(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    resolve_all(sources, diagnostics, false)
        .iter()
        .map(|d| {
            let help = d.help.as_deref().unwrap_or("-");
            format!("{} @{}\n  help: {help}", render_concise(d), d.logical_path)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_files(files: &[(&str, &str)], expect: &str) {
    let (sources, _, diagnostics) = load(files);
    let actual = render(&sources, &diagnostics);
    assert_eq!(actual.trim(), expect.trim(), "\n--- actual ---\n{actual}\n");
}

fn check(yaml: &str, expect: &str) {
    check_files(&[("c.catalog.yaml", yaml)], expect);
}

fn snapshot(files: &[(&str, &str)]) -> String {
    let (sources, _, diagnostics) = load(files);
    diagnostics.iter().map(|d| render_full(&sources, d, false, 80)).collect::<Vec<_>>().join("\n")
}

#[test]
fn valid_minimal_catalog() {
    check("eventlint: 1\nmessages: {}\n", "");
}

#[test]
fn newer_format_version() {
    check(
        "eventlint: 2\nmessages: {}\nfuture: x\n",
        "c.catalog.yaml:1:12: error[load/unsupported-version] this catalog needs a newer eventlint: format version 2, this eventlint reads version 1 @/eventlint\n  help: upgrade eventlint",
    );
}

#[test]
fn unsupported_format_version() {
    check(
        "eventlint: '1'\nmessages: {}\n",
        "c.catalog.yaml:1:12: error[load/unsupported-version] unsupported catalog format version @/eventlint\n  help: write `eventlint: 1`",
    );
}

#[test]
fn catalog_and_scenario_in_one_file() {
    check(
        "eventlint: 1\nscenario: 1\nmessages: {}\n",
        "c.catalog.yaml:2:1: error[load/conflicting-keys] a file cannot be both a catalog and a scenario @\n  help: move the scenario into a `*.scenario.yaml` file of its own",
    );
}

#[test]
fn missing_messages() {
    check(
        "eventlint: 1\n",
        "c.catalog.yaml:1:1: error[load/missing-key] missing required key `messages` @\n  help: add `messages:` (it may be `{}`)",
    );
}

#[test]
fn unknown_key_with_did_you_mean() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  s:\n    consumerGroups:\n      g:\n        retry: { max_attempts: 3 }\n",
        "c.catalog.yaml:7:18: error[load/unknown-key] unknown key `max_attempts` @/services/s/consumerGroups/g/retry/max_attempts\n  help: did you mean `maxAttempts`?",
    );
}

#[test]
fn unknown_key_without_suggestion() {
    check(
        "eventlint: 1\nmessages: {}\ntopics:\n  t: { colour: red }\n",
        "c.catalog.yaml:4:8: error[load/unknown-key] unknown key `colour` @/topics/t/colour\n  help: remove it, or rename it to `x-…` to keep it as an extension",
    );
}

#[test]
fn extensions_are_kept_where_allowed() {
    let (_, model, diagnostics) =
        load(&[("c.yaml", "eventlint: 1\nx-team: a\nmessages: {}\ntopics:\n  t: { x-retention-class: gold }\n")]);
    assert!(diagnostics.is_empty());
    assert_eq!(model.files[0].extensions[0].key.value, "x-team");
    assert_eq!(model.topics["t"].extensions[0].value.as_str(), Some("gold"));
}

#[test]
fn extension_keys_are_not_names() {
    check(
        "eventlint: 1\nmessages: {}\ntopics:\n  x-t: {}\n",
        "c.catalog.yaml:4:3: error[load/invalid-value] `x-t`: names must not start with `x-` @/topics/x-t\n  help: rename it; `x-*` extensions are not allowed in `topics`, whose keys are names",
    );
}

#[test]
fn invalid_names() {
    check(
        "eventlint: 1\nmessages:\n  1Bad: { version: 1.0.0 }\nservices:\n  'a b': {}\n",
        "c.catalog.yaml:3:3: error[load/invalid-value] invalid name `1Bad` @/messages/1Bad\n  help: use a letter, then letters, digits, `.`, `_` and `-`\n\
         c.catalog.yaml:5:3: error[load/invalid-value] invalid name `a b` @/services/a b\n  help: use letters, digits, `.`, `_` and `-`",
    );
}

#[test]
fn bad_vocabulary_value() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  s:\n    consumerGroups:\n      g: { retry: { mode: bloking } }\n",
        "c.catalog.yaml:6:27: error[load/invalid-value] `bloking` is not a valid `mode` @/services/s/consumerGroups/g/retry/mode\n  help: did you mean `blocking`?",
    );
}

#[test]
fn wrong_types_and_ranges() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  s:\n    external: yes\n    consumerGroups:\n      g: { instances: '3', sessionTimeout: 45 }\n      h: { instances: 0, maxPollInterval: 5 min }\n",
        "c.catalog.yaml:5:15: error[load/invalid-value] expected `true` or `false`, found a string @/services/s/external\n  help: write `true` or `false`\n\
         c.catalog.yaml:7:23: error[load/invalid-value] expected an integer ≥ 1, found a string @/services/s/consumerGroups/g/instances\n  help: use an integer ≥ 1\n\
         c.catalog.yaml:7:44: error[load/invalid-value] expected a duration, found `45` @/services/s/consumerGroups/g/sessionTimeout\n  help: write an integer followed by `ms`, `s`, `m`, `h` or `d`, for example `200ms` or `30d`\n\
         c.catalog.yaml:8:23: error[load/invalid-value] expected an integer ≥ 1, found `0` @/services/s/consumerGroups/h/instances\n  help: use an integer ≥ 1\n\
         c.catalog.yaml:8:43: error[load/invalid-value] expected a duration, found `5 min` @/services/s/consumerGroups/h/maxPollInterval\n  help: write an integer followed by `ms`, `s`, `m`, `h` or `d`, for example `200ms` or `30d`",
    );
}

#[test]
fn message_version_is_required_semver() {
    check(
        "eventlint: 1\nmessages:\n  A: {}\n  B: { version: v1.0.0 }\n  C: { version: 1.0 }\n",
        "c.catalog.yaml:3:3: error[load/missing-key] missing required key `version` @/messages/A\n  help: add `version`\n\
         c.catalog.yaml:4:17: error[load/invalid-value] expected a semantic version, found `v1.0.0` @/messages/B/version\n  help: remove the `v` prefix: `1.0.0`\n\
         c.catalog.yaml:5:17: error[load/invalid-value] expected a semantic version, found `1.0` @/messages/C/version\n  help: write `MAJOR.MINOR.PATCH`, for example `1.0.0`",
    );
}

#[test]
fn categories() {
    check(
        "eventlint: 1\nmessages:\n  DoIt: { kind: command, version: 1.0.0, category: domain }\n  Done: { version: 1.0.0, category: notification }\n",
        "c.catalog.yaml:3:52: error[load/invalid-value] `category` applies only to events, not to a `command` @/messages/DoIt/category\n  help: remove `category`, or make the message `kind: event`\n\
         c.catalog.yaml:4:37: error[load/invalid-value] there is no `notification` category: thinness is a kind @/messages/Done/category\n  help: use `kind: notification` instead of `category: notification`",
    );
}

#[test]
fn duplicate_definition_across_files() {
    check_files(
        &[
            ("a.catalog.yaml", "eventlint: 1\nmessages: {}\nservices:\n  billing: {}\n"),
            ("b.catalog.yaml", "eventlint: 1\nmessages: {}\nservices:\n  billing: {}\n"),
        ],
        "b.catalog.yaml:4:3: error[load/duplicate-definition] service `billing` is defined twice @/services/billing\n  help: rename or remove one of the two definitions of `billing`",
    );
}

#[test]
fn shared_namespace_of_messages_and_views() {
    check(
        "eventlint: 1\nservices: { s: {} }\nmessages:\n  Board: { version: 1.0.0 }\nviews:\n  Board: { service: s, from: [Board] }\n",
        "c.catalog.yaml:6:3: error[load/duplicate-definition] view (already a message) `Board` is defined twice @/views/Board\n  help: rename or remove one of the two definitions of `Board`",
    );
}

#[test]
fn group_declared_by_two_services() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  a: { consumerGroups: { g: {} } }\n  b: { consumerGroups: { g: {} } }\n",
        "c.catalog.yaml:5:26: error[load/duplicate-definition] consumer group `g` is defined twice @/services/b/consumerGroups/g\n  help: rename or remove one of the two definitions of `g`",
    );
}

#[test]
fn value_listed_twice() {
    check(
        "eventlint: 1\nmessages:\n  A: { version: 1.0.0, tags: [x, x] }\n",
        "c.catalog.yaml:3:34: error[load/duplicate-definition] `x` is listed twice @/messages/A/tags/x\n  help: remove the second `x`",
    );
}

#[test]
fn consumer_listed_twice() {
    check(
        "eventlint: 1\nservices: { s: {} }\nmessages:\n  A: { version: 1.0.0, consumers: [s, { service: s }] }\n",
        "c.catalog.yaml:4:50: error[load/duplicate-definition] `s` is listed twice @/messages/A/consumers/s\n  help: remove the second `s`",
    );
}

#[test]
fn dangling_references_with_suggestions() {
    check(
        "eventlint: 1\nservices:\n  ledger-service:\n    consumerGroups:\n      g: { onExhausted: dlq, dlq: { topic: g.dlq } }\ntopics: { t: {} }\n\
         messages:\n  A:\n    version: 1.0.0\n    producer: legder-service\n    topic: tt\n    emits: [B]\n",
        "c.catalog.yaml:5:44: error[load/dangling-reference] unknown topic `g.dlq` @/services/ledger-service/consumerGroups/g/dlq/topic\n  help: declare `g.dlq` in `topics`, or fix the name\n\
         c.catalog.yaml:10:15: error[load/dangling-reference] unknown service `legder-service` @/messages/A/producer\n  help: did you mean `ledger-service`?\n\
         c.catalog.yaml:11:12: error[load/dangling-reference] unknown topic `tt` @/messages/A/topic\n  help: did you mean `t`?\n\
         c.catalog.yaml:12:13: error[load/dangling-reference] unknown message `B` @/messages/A/emits/B\n  help: declare `B` in `messages`, or fix the name",
    );
}

#[test]
fn dangling_references_in_constraints_and_event_modeling() {
    check(
        "eventlint: 1\nservices: { s: {} }\nmessages:\n  Paid: { version: 1.0.0 }\n\
         constraints:\n  c: { key: id, precedes: { first: Payd, then: Paid } }\n\
         views:\n  V: { service: s, from: [Paid, Gone] }\nautomations:\n  Au: { service: s, when: [Paid], issues: Nope }\nscreens:\n  Sc: { shows: [W] }\n",
        "c.catalog.yaml:6:36: error[load/dangling-reference] unknown message `Payd` @/constraints/c/precedes/first\n  help: did you mean `Paid`?\n\
         c.catalog.yaml:8:33: error[load/dangling-reference] unknown message `Gone` @/views/V/from/Gone\n  help: declare `Gone` in `messages`, or fix the name\n\
         c.catalog.yaml:10:43: error[load/dangling-reference] unknown message or view `Nope` @/automations/Au/issues\n  help: declare `Nope` in `messages`, or fix the name\n\
         c.catalog.yaml:12:17: error[load/dangling-reference] unknown message or view `W` @/screens/Sc/shows/W\n  help: declare `W` in `messages`, or fix the name",
    );
}

#[test]
fn consumer_groups_resolve_or_are_ambiguous() {
    check(
        "eventlint: 1\nservices:\n  one: { consumerGroups: { one-g: {} } }\n  two: { consumerGroups: { a: {}, b: {} } }\n  none: {}\n\
         messages:\n  A:\n    version: 1.0.0\n    consumers: [one, two, none, { service: one, group: b }]\n",
        "c.catalog.yaml:9:22: error[load/ambiguous-reference] `two` has several consumer groups; say which one consumes `A` @/messages/A/consumers/two\n  help: add `group:` with one of `a`, `b`\n\
         c.catalog.yaml:9:44: error[load/duplicate-definition] `one` is listed twice @/messages/A/consumers/one\n  help: remove the second `one`",
    );
}

#[test]
fn explicit_group_must_belong_to_the_service() {
    check(
        "eventlint: 1\nservices:\n  one: { consumerGroups: { one-g: {} } }\n  two: { consumerGroups: { two-g: {} } }\n\
         messages:\n  A: { version: 1.0.0, consumers: [{ service: one, group: two-g }] }\n  B: { version: 1.0.0, consumers: [{ service: one, group: one-h }] }\n",
        "c.catalog.yaml:6:59: error[load/dangling-reference] group `two-g` belongs to `two`, not to `one` @/messages/A/consumers/one/group\n  help: name a group of `one`, or make this entry consume as `two`\n\
         c.catalog.yaml:7:59: error[load/dangling-reference] `one` declares no consumer group `one-h` @/messages/B/consumers/one/group\n  help: did you mean `one-g`?",
    );
}

#[test]
fn implicit_group_is_created_with_defaults() {
    let (_, model, diagnostics) = load(&[(
        "c.yaml",
        "eventlint: 1\ndefaults: { delivery: at-most-once }\nservices: { s: {} }\nmessages:\n  A: { version: 1.0.0, consumers: [s] }\n",
    )]);
    assert!(diagnostics.is_empty());
    let (service, group) = model.group("s").unwrap();
    assert_eq!(service.decl.name, "s");
    assert!(group.implicit);
    assert_eq!(group.decl.path, "/services/s/consumerGroups/s");
    assert_eq!(group.delivery.value.as_str(), "at-most-once");
    assert!(!group.delivery.is_explicit());
    assert!(!model.messages["A"].consumers[0].group.as_ref().unwrap().is_explicit());
}

#[test]
fn idempotent_belongs_to_the_group() {
    check(
        "eventlint: 1\nservices: { s: {} }\nmessages:\n  A: { version: 1.0.0, consumers: [{ service: s, idempotent: true }] }\n",
        "c.catalog.yaml:4:50: error[load/unknown-key] `idempotent` is not accepted on a consumer entry @/messages/A/consumers/s/idempotent\n  help: move `idempotent` to the consumer group of `s` under `services.s.consumerGroups`",
    );
}

#[test]
fn dlq_topic_required_under_on_exhausted_dlq() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  s: { consumerGroups: { g: { onExhausted: dlq } } }\n",
        "c.catalog.yaml:4:44: error[load/missing-key] `onExhausted: dlq` needs `dlq.topic` @/services/s/consumerGroups/g/dlq\n  help: add `dlq: { topic: <dead-letter topic> }` to the group",
    );
}

#[test]
fn commit_every_and_interval_conflict() {
    check(
        "eventlint: 1\nmessages: {}\nservices:\n  s: { consumerGroups: { g: { commit: { every: 1, interval: 5s } } } }\n",
        "c.catalog.yaml:4:61: error[load/conflicting-keys] `commit` has both `every` and `interval` @/services/s/consumerGroups/g/commit\n  help: keep one of `every` and `interval`",
    );
}

#[test]
fn schema_references() {
    check_files(
        &[(
            "team/c.catalog.yaml",
            "eventlint: 1\nmessages:\n  A: { version: 1.0.0, schema: schemas/B.avsc#com.x.B }\n  B: { version: 1.0.0, schema: ../../../etc/passwd }\n\
             \x20 C: { version: 1.0.0, schema: /etc/passwd }\n  D: { version: 1.0.0, schema: 'registry:d-value@1' }\n  E: { version: 1.0.0, schema: e.avdl }\n  F: { version: 1.0.0, schema: schemas/F.avsc }\n",
        )],
        "team/c.catalog.yaml:4:32: error[load/invalid-value] schema path leaves the project root @/messages/B/schema\n  help: keep schema files inside the project and point at them with a relative path\n\
         team/c.catalog.yaml:5:32: error[load/unsupported-feature] absolute paths and URLs are not supported in version 1 @/messages/C/schema\n  help: write a path relative to this catalog file, inside the project\n\
         team/c.catalog.yaml:6:32: error[load/unsupported-feature] Schema Registry references are reserved for a later format version @/messages/D/schema\n  help: point at the `.avsc` file instead\n\
         team/c.catalog.yaml:7:32: error[load/unsupported-feature] Avro IDL (`.avdl`) schemas are reserved for a later format version @/messages/E/schema\n  help: convert the protocol to `.avsc` files\n\
         team/c.catalog.yaml:8:32: error[load/dangling-reference] schema file `team/schemas/F.avsc` does not exist @/messages/F/schema\n  help: fix the path; it is relative to this catalog file",
    );
    let (_, model, _) =
        load(&[("team/c.yaml", "eventlint: 1\nmessages:\n  A: { version: 1.0.0, schema: schemas/B.avsc#com.x.B }\n")]);
    let schema = model.messages["A"].schema.as_ref().unwrap();
    assert_eq!((schema.file.as_str(), schema.fragment.as_deref()), ("team/schemas/B.avsc", Some("com.x.B")));
}

#[test]
fn history_versions_must_be_lower_and_unique() {
    check(
        "eventlint: 1\nmessages:\n  A:\n    version: 2.0.0\n    history:\n      - { version: 1.0.0, schema: schemas/A.avsc }\n      - { version: 1.0.0, schema: schemas/A.avsc }\n      - { version: 2.0.0, schema: schemas/A.avsc }\n      - { version: 3.0.0 }\n",
        "c.catalog.yaml:7:20: error[load/invalid-history] version `1.0.0` is listed twice @/messages/A/history/1.0.0\n  help: remove one of the two entries\n\
         c.catalog.yaml:8:20: error[load/invalid-history] history version `2.0.0` is not lower than `version: 2.0.0` @/messages/A/history/2.0.0\n  help: list only earlier versions in `history`, or raise `version`\n\
         c.catalog.yaml:9:9: error[load/missing-key] missing required key `schema` @/messages/A/history/3.0.0\n  help: add `schema`\n\
         c.catalog.yaml:9:20: error[load/invalid-history] history version `3.0.0` is not lower than `version: 2.0.0` @/messages/A/history/3.0.0\n  help: list only earlier versions in `history`, or raise `version`",
    );
}

#[test]
fn history_is_sorted_by_semver() {
    let (_, model, diagnostics) = load(&[(
        "c.yaml",
        "eventlint: 1\nmessages:\n  A:\n    version: 2.0.0\n    history:\n      - { version: 1.10.0, schema: schemas/A.avsc }\n      - { version: 1.2.0, schema: schemas/A.avsc }\n",
    )]);
    assert!(diagnostics.is_empty());
    let versions: Vec<String> = model.messages["A"].history.iter().map(|h| h.version.value.to_string()).collect();
    assert_eq!(versions, ["1.2.0", "1.10.0"]);
}

#[test]
fn constraints_need_exactly_one_order() {
    check(
        "eventlint: 1\nmessages:\n  A: { version: 1.0.0 }\nconstraints:\n  both: { key: id, fsm: { start: [A] }, precedes: { first: A, then: A } }\n  neither: { key: id }\n  keyless: { precedes: { first: A, then: A } }\n",
        "c.catalog.yaml:5:41: error[load/conflicting-keys] a constraint has both `fsm` and `precedes` @/constraints/both\n  help: keep one of `fsm` and `precedes`; write a second constraint for the other\n\
         c.catalog.yaml:6:3: error[load/missing-key] a constraint needs `fsm` or `precedes` @/constraints/neither\n  help: add `precedes: { first: A, then: B }` or an `fsm`\n\
         c.catalog.yaml:7:3: error[load/missing-key] missing required key `key` @/constraints/keyless\n  help: add `key`",
    );
}

#[test]
fn event_modeling_required_keys() {
    check(
        "eventlint: 1\nmessages: {}\nviews:\n  V: { question: why }\nautomations:\n  Au: { service: s, on: [X] }\nscreens:\n  Sc: { actor: me }\nservices: { s: {} }\n",
        "c.catalog.yaml:4:3: error[load/missing-key] missing required key `service` @/views/V\n  help: add `service`\n\
         c.catalog.yaml:4:3: error[load/missing-key] missing required key `from` @/views/V\n  help: add `from`\n\
         c.catalog.yaml:6:3: error[load/missing-key] missing required key `issues` @/automations/Au\n  help: add `issues`\n\
         c.catalog.yaml:6:3: error[load/missing-key] missing required key `when` @/automations/Au\n  help: add `when`\n\
         c.catalog.yaml:6:21: error[load/unknown-key] automations list their triggering events under `when`, not `on` @/automations/Au/on\n  help: rename `on` to `when`; YAML 1.1 tools read `on` as `true`\n\
         c.catalog.yaml:8:3: error[load/missing-key] missing required key `issues` @/screens/Sc\n  help: add `issues: [commands]` or `shows: [views]`",
    );
}

#[test]
fn key_paths_are_checked() {
    check(
        "eventlint: 1\nmessages: {}\ntopics:\n  t: { key: payment-id }\n",
        "c.catalog.yaml:4:13: error[load/invalid-value] invalid key path `payment-id` @/topics/t/key\n  help: write dot-separated field names of the payload record, for example `payment.id`",
    );
}

#[test]
fn yaml_errors_surface_through_the_loader() {
    check(
        "eventlint: 1\nmessages: {}\nmessages: {}\n<<: {}\n",
        "c.catalog.yaml:3:1: error[load/duplicate-definition] duplicate key `messages` @/messages\n  help: remove one of the two `messages` keys; YAML parsers disagree on which one wins\n\
         c.catalog.yaml:4:1: error[load/unsupported-feature] the merge key `<<` is not supported @\n  help: use `defaults` instead of merge keys, or write the keys out",
    );
}

#[test]
fn rendered_unknown_key() {
    insta::assert_snapshot!(snapshot(&[(
        "c.catalog.yaml",
        "eventlint: 1\nmessages: {}\nservices:\n  s:\n    consumerGroups:\n      g:\n        retry:\n          max_attempts: 3\n",
    )]));
}

#[test]
fn rendered_duplicate_across_files() {
    insta::assert_snapshot!(snapshot(&[
        ("a.catalog.yaml", "eventlint: 1\nmessages:\n  Paid: { version: 1.0.0 }\n"),
        ("b.catalog.yaml", "eventlint: 1\nmessages:\n  Paid: { version: 1.1.0 }\n"),
    ]));
}

#[test]
fn rendered_ambiguous_group() {
    insta::assert_snapshot!(snapshot(&[(
        "c.catalog.yaml",
        "eventlint: 1\nservices:\n  s:\n    consumerGroups:\n      a: {}\n      b: {}\nmessages:\n  Paid:\n    version: 1.0.0\n    consumers: [s]\n",
    )]));
}
