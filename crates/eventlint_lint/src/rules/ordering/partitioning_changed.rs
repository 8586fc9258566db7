//! `partitioning-changed`: a topic's partition count, partitioner or key differs from the base revision's.

use eventlint_catalog::Topic;
use eventlint_diagnostics::{Diagnostic, Span, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "partitioning-changed",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "partition count, partitioner or key changed",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// One changed setting: its name, the value now and where it is written, the base value.
struct Change {
    setting: &'static str,
    now: String,
    span: Option<Span>,
    before: String,
}

fn shown<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

fn changes(now: &Topic, base: &Topic) -> Vec<Change> {
    let mut changes = Vec::new();
    let partitions = (now.partitions.as_ref().map(|p| p.value), base.partitions.as_ref().map(|p| p.value));
    if partitions.0 != partitions.1 {
        let span = now.partitions.as_ref().map(|p| p.span);
        changes.push(Change { setting: "partitions", now: shown(partitions.0), span, before: shown(partitions.1) });
    }
    if now.partitioner.value != base.partitioner.value {
        changes.push(Change {
            setting: "partitioner",
            now: now.partitioner.value.as_str().to_owned(),
            span: now.partitioner.span(),
            before: base.partitioner.value.as_str().to_owned(),
        });
    }
    let keys = (now.key.as_ref().map(|k| k.value.as_str()), base.key.as_ref().map(|k| k.value.as_str()));
    if keys.0 != keys.1 {
        let span = now.key.as_ref().map(|k| k.span);
        changes.push(Change { setting: "key", now: shown(keys.0), span, before: shown(keys.1) });
    }
    changes
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(base) = cx.base else { return };
    for topic in cx.model.topics.values() {
        let Some(before) = base.topics.get(&topic.decl.name) else { continue };
        let name = &topic.decl.name;
        for change in changes(topic, before) {
            let text = format!(
                "the {} of `{name}` changed from `{}` to `{}`, so keys move to other partitions",
                change.setting, change.before, change.now
            );
            out.push(
                Diagnostic::lint(RULE.name, RULE.severity, text)
                    .with_category(RULE.category.as_str())
                    .with_primary(change.span.unwrap_or(topic.decl.name_span), format!("was `{}`", change.before))
                    .with_path(format!("{}/{}", topic.decl.path, change.setting))
                    .with_subject(SubjectType::Topic, name.clone())
                    .with_help("drain the topic before the change, or move to a new topic")
                    .with_note(format!(
                        "per-key order is not kept across the change; `eventlint simulate` places one key on different partitions with `{}` and with `{}` in a scenario's topic `overrides`",
                        change.before, change.now
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{Workspace, header_with, settings, shorthand_on};

    const MESSAGE: &str = "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}";

    /// The rendered findings for the header with `now` topics, against the header with `base` topics.
    fn check(now: &[&str], base: &[&str], expect: &str) {
        let workspace = Workspace::load(&shorthand_on(&header_with("", &[], now), MESSAGE, ""));
        let base = Workspace::load(&shorthand_on(&header_with("", &[], base), MESSAGE, ""));
        let workspace = workspace.with_base(&base);
        let result = workspace.lint(&settings("partitioning-changed", None));
        let actual: String = workspace.render(&result).lines().map(|l| format!("{}\n", l.trim_start())).collect();
        let expect: String =
            expect.lines().map(str::trim_start).filter(|l| !l.is_empty()).map(|l| format!("{l}\n")).collect();
        assert_eq!(actual, expect);
    }

    #[test]
    fn flag_partition_count() {
        check(
            &["shipping.events: {partitions: 24, key: shipmentId}"],
            &["shipping.events: {partitions: 12, key: shipmentId}"],
            "
            catalog.yaml:12:33 warning[partitioning-changed] the partitions of `shipping.events` changed from `12` to `24`, so keys move to other partitions
            = per-key order is not kept across the change; `eventlint simulate` places one key on different partitions with `12` and with `24` in a scenario's topic `overrides`
            ",
        );
    }

    #[test]
    fn flag_key() {
        check(
            &["shipping.events: {partitions: 12, key: orderId}"],
            &["shipping.events: {partitions: 12, key: shipmentId}"],
            "
            catalog.yaml:12:42 warning[partitioning-changed] the key of `shipping.events` changed from `shipmentId` to `orderId`, so keys move to other partitions
            = per-key order is not kept across the change; `eventlint simulate` places one key on different partitions with `shipmentId` and with `orderId` in a scenario's topic `overrides`
            ",
        );
    }

    #[test]
    fn flag_partitioner() {
        check(
            &["shipping.events: {partitions: 12, key: shipmentId, partitioner: crc32}"],
            &["shipping.events: {partitions: 12, key: shipmentId}"],
            "
            catalog.yaml:12:67 warning[partitioning-changed] the partitioner of `shipping.events` changed from `murmur2` to `crc32`, so keys move to other partitions
            = per-key order is not kept across the change; `eventlint simulate` places one key on different partitions with `murmur2` and with `crc32` in a scenario's topic `overrides`
            ",
        );
    }

    #[test]
    fn quiet_same_settings() {
        check(
            &["shipping.events: {partitions: 12, key: shipmentId}"],
            &["shipping.events: {partitions: 12, key: shipmentId}"],
            "",
        );
    }

    #[test]
    fn quiet_new_topic() {
        check(&["shipping.events.v2: {partitions: 24, key: shipmentId}"], &[], "");
    }

    #[test]
    fn quiet_without_a_base() {
        let workspace = Workspace::load(&shorthand_on(&header_with("", &[], &[]), MESSAGE, ""));
        assert!(workspace.lint(&settings("partitioning-changed", None)).diagnostics.is_empty());
    }
}
