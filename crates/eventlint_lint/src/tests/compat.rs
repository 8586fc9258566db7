//! The schema-version rules (`eventlint_project::compat_findings`) through the engine, one tiny fixture each: a
//! message in the catalogue shorthand with its `history`, or against a base revision.

use crate::testing::{Workspace, check, settings, shorthand};

/// The rendered findings of `rule` for `now`, against the base revision `base`.
#[track_caller]
fn check_against(rule: &str, now: &str, base: &str, expect: &str) {
    let base = Workspace::load(&shorthand(base, ""));
    let workspace = Workspace::load(&shorthand(now, "")).with_base(&base);
    let actual = workspace.render(&workspace.lint(&settings(rule, None)));
    let expect: String = expect.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let actual_trimmed: String = actual.lines().map(|l| format!("{}\n", l.trim())).collect();
    assert_eq!(actual_trimmed, expect, "\nactual:\n{actual}");
}

/// A message at 1.1.0 with `fields` now and `old` at 1.0.0 (both shorthand field maps), on `topic`.
fn evolved(topic: &str, fields: &str, old: &str) -> String {
    format!(
        "ShipmentDispatched: {{version: 1.1.0, topic: {topic}, consumers: [crm], fields: {fields}, history: [{{version: 1.0.0, fields: {old}}}]}}"
    )
}

const EVENTS: &str = "shipping.events";
const BACKWARD: &str = "shipping.internal";

#[test]
fn incompatible_change_against_history() {
    check(
        "incompatible-change",
        &evolved(EVENTS, "{shipmentId: string, carrier: string}", "{shipmentId: string}"),
        "schemas/ShipmentDispatched.avsc:1:160 error[incompatible-change] `ShipmentDispatched` 1.1.0 cannot read 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc) data: field `carrier` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `shipping.events` is FULL_TRANSITIVE
         = 1.1.0 is not a major version after 1.0.0: a breaking change needs a new major version",
    );
}

#[test]
fn incompatible_change_against_the_base_revision() {
    check_against(
        "incompatible-change",
        "ShipmentDispatched: {version: 1.1.0, consumers: [crm], fields: {shipmentId: string, carrier: string}}",
        "ShipmentDispatched: {version: 1.0.0, consumers: [crm], fields: {shipmentId: string}}",
        "schemas/ShipmentDispatched.avsc:1:160 error[incompatible-change] `ShipmentDispatched` 1.1.0 cannot read 1.0.0 (base:schemas/ShipmentDispatched.avsc) data: field `carrier` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1), but `shipping.events` is FULL_TRANSITIVE
         = 1.1.0 is not a major version after 1.0.0: a breaking change needs a new major version",
    );
}

#[test]
fn incompatible_change_quiet_when_the_base_moved_topic() {
    check_against(
        "incompatible-change",
        "ShipmentDispatched: {version: 2.0.0, consumers: [crm], fields: {shipmentId: string, carrier: string}}",
        "ShipmentDispatched: {version: 1.0.0, topic: shipping.internal, consumers: [crm], fields: {shipmentId: string}}",
        "",
    );
}

#[test]
fn rename_without_alias() {
    let renamed = |now: &str, old: &str| {
        evolved(BACKWARD, &format!("{{shipmentId: string, {now}}}"), &format!("{{shipmentId: string, {old}}}"))
    };
    check(
        "rename-without-alias",
        &renamed("recipientFullName: {type: string, default: '', doc: a}", "recipientName: {type: string, doc: b}"),
        "schemas/ShipmentDispatched.avsc:1:160 warning[rename-without-alias] field `recipientFullName` of `ShipmentDispatched` looks like a rename of `recipientName` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc), without an alias
         = every earlier record reads the default instead of its value",
    );
    // Same doc, unrelated names.
    check(
        "rename-without-alias",
        &renamed("consignee: {type: string, default: '', doc: Who receives it.}", "addressee: {type: string, doc: Who receives it.}"),
        "schemas/ShipmentDispatched.avsc:1:160 warning[rename-without-alias] field `consignee` of `ShipmentDispatched` looks like a rename of `addressee` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc), without an alias
         = every earlier record reads the default instead of its value",
    );
    // Close by edit distance, no default.
    check(
        "rename-without-alias",
        &renamed("colour: {type: string, doc: a}", "color: {type: string, doc: b}"),
        "schemas/ShipmentDispatched.avsc:1:160 warning[rename-without-alias] field `colour` of `ShipmentDispatched` looks like a rename of `color` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc), without an alias
         = the new field has no default, so earlier records cannot be read",
    );
}

#[test]
fn rename_without_alias_quiet() {
    let renamed = |now: &str, old: &str| {
        evolved(BACKWARD, &format!("{{shipmentId: string, {now}}}"), &format!("{{shipmentId: string, {old}}}"))
    };
    for (now, old) in [
        // The alias names the old field.
        (
            "recipientFullName: {type: string, aliases: [recipientName], doc: a}",
            "recipientName: {type: string, doc: b}",
        ),
        // Another type; a promotion is another type too.
        ("recipientName2: {type: int, default: 0, doc: a}", "recipientName: {type: string, doc: b}"),
        ("weightKg: {type: double, default: 0, doc: a}", "weight: {type: float, doc: b}"),
        // No shared token, far apart, different docs.
        ("channel: {type: string, default: web, doc: a}", "legacyCode: {type: string, doc: b}"),
        // Only a generic token in common.
        ("orderId: {type: string, default: '', doc: a}", "customerId: {type: string, doc: b}"),
    ] {
        check("rename-without-alias", &renamed(now, old), "");
    }
}

#[test]
fn logical_type_changed() {
    check(
        "logical-type-changed",
        &evolved(
            EVENTS,
            "{shipmentId: string, dispatchedAt: timestamp-micros}",
            "{shipmentId: string, dispatchedAt: timestamp-millis}",
        ),
        "schemas/ShipmentDispatched.avsc:1:211 error[logical-type-changed] field `dispatchedAt` of `ShipmentDispatched` changed from `timestamp-millis` to `timestamp-micros` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): every earlier value is read in the wrong unit",
    );
    check(
        "logical-type-changed",
        &evolved(EVENTS, "{shipmentId: string, cutoff: time-millis}", "{shipmentId: string, cutoff: date}"),
        "schemas/ShipmentDispatched.avsc:1:204 error[logical-type-changed] field `cutoff` of `ShipmentDispatched` changed from `date` to `time-millis` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): every earlier value is read as a different kind of quantity",
    );
    // Inside an optional field's union.
    check(
        "logical-type-changed",
        &evolved(
            EVENTS,
            "{shipmentId: string, dispatchedAt: [null, timestamp-micros]}",
            "{shipmentId: string, dispatchedAt: [null, timestamp-millis]}",
        ),
        "schemas/ShipmentDispatched.avsc:1:234 error[logical-type-changed] field `dispatchedAt` of `ShipmentDispatched` changed from `timestamp-millis` to `timestamp-micros` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): every earlier value is read in the wrong unit",
    );
}

#[test]
fn logical_type_changed_quiet() {
    for (now, old) in [
        ("{shipmentId: string, parcels: long}", "{shipmentId: string, parcels: int}"),
        ("{shipmentId: string, dispatchedAt: timestamp-millis}", "{shipmentId: string, dispatchedAt: long}"),
        (
            "{shipmentId: string, dispatchedAt: local-timestamp-millis}",
            "{shipmentId: string, dispatchedAt: timestamp-millis}",
        ),
        (
            "{shipmentId: string, dispatchedAt: timestamp-millis}",
            "{shipmentId: string, dispatchedAt: timestamp-millis}",
        ),
    ] {
        check("logical-type-changed", &evolved(EVENTS, now, old), "");
    }
}

#[test]
fn logical_type_changed_not_where_incompatible_change_reports() {
    // `date` (int) cannot read a `timestamp-millis` (long) writer: a type mismatch, reported once, by Java's rule.
    check(
        "logical-type-changed",
        &evolved(EVENTS, "{shipmentId: string, at: date}", "{shipmentId: string, at: timestamp-millis}"),
        "",
    );
}

#[test]
fn logical_type_annotation_changed() {
    check(
        "logical-type-annotation-changed",
        &evolved(
            EVENTS,
            "{shipmentId: string, dispatchedAt: timestamp-millis}",
            "{shipmentId: string, dispatchedAt: long}",
        ),
        "schemas/ShipmentDispatched.avsc:1:182 warning[logical-type-annotation-changed] field `dispatchedAt` of `ShipmentDispatched` gained the logical type `timestamp-millis` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): generated code changes type",
    );
    check(
        "logical-type-annotation-changed",
        &evolved(EVENTS, "{shipmentId: string, id: string}", "{shipmentId: string, id: uuid}"),
        "schemas/ShipmentDispatched.avsc:1:172 warning[logical-type-annotation-changed] field `id` of `ShipmentDispatched` lost the logical type `uuid` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): generated code changes type",
    );
    check(
        "logical-type-annotation-changed",
        &evolved(
            EVENTS,
            "{shipmentId: string, at: local-timestamp-millis}",
            "{shipmentId: string, at: timestamp-millis}",
        ),
        "schemas/ShipmentDispatched.avsc:1:172 warning[logical-type-annotation-changed] field `at` of `ShipmentDispatched` switched from `timestamp-millis` to `local-timestamp-millis` since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): an instant and a wall-clock time are different things",
    );
    check(
        "logical-type-annotation-changed",
        &evolved(EVENTS, "{shipmentId: string, at: timestamp-micros}", "{shipmentId: string, at: timestamp-millis}"),
        "",
    );
}

#[test]
fn decimal_scale_changed() {
    check(
        "decimal-scale-changed",
        &evolved(EVENTS, "{shipmentId: string, cod: 'decimal(12,3)'}", "{shipmentId: string, cod: 'decimal(12,2)'}"),
        "schemas/ShipmentDispatched.avsc:1:236 error[decimal-scale-changed] field `cod` of `ShipmentDispatched` changed its decimal scale from 2 to 3 since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): every earlier value is read smaller",
    );
    check(
        "decimal-scale-changed",
        &evolved(EVENTS, "{shipmentId: string, cod: 'decimal(14,2)'}", "{shipmentId: string, cod: 'decimal(12,2)'}"),
        "",
    );
}

#[test]
fn decimal_precision_changed_severity_follows_the_readers() {
    // FULL_TRANSITIVE: the old reader of the forward check has fewer digits.
    check(
        "decimal-precision-changed",
        &evolved(EVENTS, "{shipmentId: string, cod: 'decimal(14,2)'}", "{shipmentId: string, cod: 'decimal(12,2)'}"),
        "schemas/ShipmentDispatched.avsc:1:225 warning[decimal-precision-changed] field `cod` of `ShipmentDispatched` changed its decimal precision from 12 to 14 since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): a reader with fewer digits may receive values it cannot hold",
    );
    // BACKWARD_TRANSITIVE: only the new reader, which gains digits.
    check(
        "decimal-precision-changed",
        &evolved(BACKWARD, "{shipmentId: string, cod: 'decimal(14,2)'}", "{shipmentId: string, cod: 'decimal(12,2)'}"),
        "schemas/ShipmentDispatched.avsc:1:225 info[decimal-precision-changed] field `cod` of `ShipmentDispatched` changed its decimal precision from 12 to 14 since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): `apache-avro` consumers reject the pair",
    );
    check(
        "decimal-precision-changed",
        &evolved(BACKWARD, "{shipmentId: string, cod: 'decimal(10,2)'}", "{shipmentId: string, cod: 'decimal(12,2)'}"),
        "schemas/ShipmentDispatched.avsc:1:225 warning[decimal-precision-changed] field `cod` of `ShipmentDispatched` changed its decimal precision from 12 to 10 since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): a reader with fewer digits may receive values it cannot hold",
    );
}

#[test]
fn namespace_changed_once_per_declaration() {
    let message = |now: &str, old: &str| {
        format!(
            "ShipmentDispatched: {{version: 1.1.0, consumers: [crm], record: {now}, fields: {{shipmentId: string, address: Address}}, history: [{{version: 1.0.0, record: {old}, fields: {{shipmentId: string, address: Address}}}}]}}"
        )
    };
    check(
        "namespace-changed",
        &message("{namespace: com.acme.logistics}", "{namespace: com.acme.shipping}"),
        "schemas/ShipmentDispatched.avsc:1:58 warning[namespace-changed] the namespace of types of `ShipmentDispatched` changed since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): `com.acme.shipping.ShipmentDispatched` → `com.acme.logistics.ShipmentDispatched`, `com.acme.shipping.Address` → `com.acme.logistics.Address`",
    );
    check(
        "namespace-changed",
        &message("{namespace: null}", "{namespace: com.acme.shipping}"),
        "schemas/ShipmentDispatched.avsc:1:25 warning[namespace-changed] the namespace of types of `ShipmentDispatched` changed since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): `com.acme.shipping.ShipmentDispatched` → `ShipmentDispatched`, `com.acme.shipping.Address` → `Address`",
    );
    // The record's alias covers the record only; `Address` moves with the namespace it inherits.
    check(
        "namespace-changed",
        &message(
            "{namespace: com.acme.logistics, aliases: [com.acme.shipping.ShipmentDispatched]}",
            "{namespace: com.acme.shipping}",
        ),
        "schemas/ShipmentDispatched.avsc:1:58 warning[namespace-changed] the namespace of a type of `ShipmentDispatched` changed since 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc): `com.acme.shipping.Address` → `com.acme.logistics.Address`",
    );
    check("namespace-changed", &message("{namespace: com.acme.shipping}", "{}"), "");
}

#[test]
fn ambiguous_field_alias() {
    check(
        "ambiguous-field-alias",
        &evolved(
            BACKWARD,
            "{shipmentId: string, recipient: {type: string, aliases: [recipientName, consignee]}}",
            "{shipmentId: string, recipientName: string, consignee: string}",
        ),
        "schemas/ShipmentDispatched.avsc:1:199 error[ambiguous-field-alias] field `recipient` matches 2 writer fields, `recipientName` and `consignee`, between `ShipmentDispatched` 1.1.0 and 1.0.0 (schemas/history/ShipmentDispatched-1.0.0.avsc)",
    );
    check(
        "ambiguous-field-alias",
        &evolved(
            BACKWARD,
            "{shipmentId: string, recipient: {type: string, aliases: [recipientName]}}",
            "{shipmentId: string, recipientName: string}",
        ),
        "",
    );
}

#[test]
fn ambiguous_field_alias_is_not_an_incompatible_change() {
    check(
        "incompatible-change",
        &evolved(
            BACKWARD,
            "{shipmentId: string, recipient: {type: string, aliases: [consignee]}}",
            "{shipmentId: string, recipient: string, consignee: string}",
        ),
        "",
    );
}

#[test]
fn version_not_bumped() {
    check_against(
        "version-not-bumped",
        "ShipmentDispatched: {version: 1.0.0, consumers: [crm], fields: {shipmentId: string, carrier: [null, string]}}",
        "ShipmentDispatched: {version: 1.0.0, consumers: [crm], fields: {shipmentId: string}}",
        "catalog.yaml:18:34 warning[version-not-bumped] the schema of `ShipmentDispatched` changed, but its version is still 1.0.0
         = compared with `ShipmentDispatched` 1.0.0 (base:schemas/ShipmentDispatched.avsc)",
    );
    check_against(
        "version-not-bumped",
        "ShipmentDispatched: {version: 1.1.0, consumers: [crm], fields: {shipmentId: string}}",
        "ShipmentDispatched: {version: 1.2.0, consumers: [crm], fields: {shipmentId: string}}",
        "catalog.yaml:18:34 warning[version-not-bumped] `ShipmentDispatched` went down from version 1.2.0 (base:schemas/ShipmentDispatched.avsc) to 1.1.0
         = compared with `ShipmentDispatched` 1.2.0 (base:schemas/ShipmentDispatched.avsc)",
    );
}

#[test]
fn version_not_bumped_quiet() {
    let same = "ShipmentDispatched: {version: 1.0.0, consumers: [crm], fields: {shipmentId: string}}";
    check_against("version-not-bumped", same, same, "");
    check_against(
        "version-not-bumped",
        "ShipmentDispatched: {version: 1.1.0, consumers: [crm], fields: {shipmentId: string, carrier: [null, string]}}",
        same,
        "",
    );
    // A change inside a shared type counts; the same shared type does not.
    let with_money = |fields: &str| {
        format!(
            "ShipmentDispatched: {{version: 1.0.0, consumers: [crm], fields: {{shipmentId: string, cod: {fields}}}}}"
        )
    };
    check_against("version-not-bumped", &with_money("Money"), &with_money("Money"), "");
}

/// The message `OrderPlaced` at 2.0.0 with `reader` (a file of `shared/bench/avro/`) now and `writer_v1` at 1.0.0, on
/// a `BACKWARD` topic: every `compat` finding, rendered.
fn bench_pair(reader: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/avro");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let catalog = "eventlint: 1\ndomain: orders\nowner: team-orders\nservices: {orders: {}, billing: {}}\ntopics:\n  orders.events: {partitions: 6, key: orderId, compatibility: BACKWARD}\nmessages:\n  OrderPlaced: {version: 2.0.0, producer: orders, topic: orders.events, consumers: [billing], schema: schemas/OrderPlaced.avsc, history: [{version: 1.0.0, schema: schemas/history/OrderPlaced-1.0.0.avsc}]}\n";
    let workspace = Workspace::load(&[
        ("catalog.yaml".to_owned(), catalog.to_owned()),
        ("schemas/OrderPlaced.avsc".to_owned(), read(reader)),
        ("schemas/history/OrderPlaced-1.0.0.avsc".to_owned(), read("writer_v1.avsc")),
    ]);
    workspace.render(&workspace.lint(&settings("compat", None)))
}

#[test]
fn bench_pairs_get_exactly_the_documented_findings() {
    // shared/bench/avro/README.md: a compatible evolution with a namespace change, reported once on the root
    // `namespace`; `buyerId` carries its alias, and `channel` replacing `legacyCode` is no rename.
    assert_eq!(
        bench_pair("reader_v2.avsc"),
        "schemas/OrderPlaced.avsc:2:57 warning[namespace-changed] the namespace of types of `OrderPlaced` changed since 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc): `com.example.events.OrderPlaced` → `com.example.events.v2.OrderPlaced`, `com.example.events.Currency` → `com.example.events.v2.Currency`, `com.example.events.Status` → `com.example.events.v2.Status`, `com.example.events.MD5` → `com.example.events.v2.MD5`, `com.example.events.Address` → `com.example.events.v2.Address`, `com.example.events.Line` → `com.example.events.v2.Line`\n"
    );
    assert_eq!(bench_pair("reader_v2_samens.avsc"), "");
    // Java's six incompatibilities, and the two annotations dropped at nodes Java finds compatible; `occurredAt`
    // (a type mismatch) gets no logical-type finding.
    assert_eq!(
        bench_pair("reader_bad.avsc"),
        "schemas/OrderPlaced.avsc:4:33 warning[logical-type-annotation-changed] field `eventId` of `OrderPlaced` lost the logical type `uuid` since 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc): generated code changes type
schemas/OrderPlaced.avsc:5:36 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: reader type: INT not compatible with writer type: LONG (TYPE_MISMATCH at /fields/1/type), but `orders.events` is BACKWARD
schemas/OrderPlaced.avsc:10:31 warning[logical-type-annotation-changed] field `total` of `OrderPlaced` lost the logical type `decimal` since 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc): generated code changes type
schemas/OrderPlaced.avsc:11:82 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: [GBP] (MISSING_ENUM_SYMBOLS at /fields/7/type/symbols), but `orders.events` is BACKWARD
schemas/OrderPlaced.avsc:13:30 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: reader type: STRING not compatible with writer type: NULL (TYPE_MISMATCH at /fields/9/type/0), but `orders.events` is BACKWARD
schemas/OrderPlaced.avsc:16:75 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: expected: 16, found: 32 (FIXED_SIZE_MISMATCH at /fields/12/type/size), but `orders.events` is BACKWARD
schemas/OrderPlaced.avsc:17:61 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: expected: com.example.events.Address (NAME_MISMATCH at /fields/13/type/name), but `orders.events` is BACKWARD
schemas/OrderPlaced.avsc:25:14 error[incompatible-change] `OrderPlaced` 2.0.0 cannot read 1.0.0 (schemas/history/OrderPlaced-1.0.0.avsc) data: field `mandatoryNew` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at /fields/15), but `orders.events` is BACKWARD
"
    );
}
