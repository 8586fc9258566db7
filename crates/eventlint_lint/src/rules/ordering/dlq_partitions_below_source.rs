//! `dlq-partitions-below-source`: a same-partition DLQ with fewer partitions than a topic it receives records from.

use eventlint_catalog::{DlqPartition, OnExhausted};
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::group_finding;

declare_rule! {
    name: "dlq-partitions-below-source",
    category: Ordering,
    severity: Error,
    recommended: true,
    summary: "same-partition DLQ with fewer partitions than its source",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        if group.on_exhausted.value != OnExhausted::Dlq {
            continue;
        }
        let Some(dlq) = group.dlq.as_ref().filter(|dlq| dlq.partition.value == DlqPartition::Same) else { continue };
        let Some(dlq_topic) = dlq.topic.as_ref().and_then(|t| cx.model.topics.get(&t.name)) else { continue };
        let Some(dlq_partitions) = &dlq_topic.partitions else { continue };
        let widest = cx
            .model
            .topics_of_group(&group.decl.name)
            .into_iter()
            .filter_map(|name| cx.model.topics.get(name))
            .filter_map(|topic| topic.partitions.as_ref().map(|partitions| (topic, partitions)))
            .filter(|(_, partitions)| partitions.value > dlq_partitions.value)
            .max_by_key(|(_, partitions)| partitions.value);
        let Some((source, source_partitions)) = widest else { continue };
        let (dlq_name, source_name) = (&dlq_topic.decl.name, &source.decl.name);
        let text = format!(
            "`{dlq_name}` has {} partitions, but group `{}` writes each record to its partition number in `{source_name}`, which has {}",
            dlq_partitions.value, group.decl.name, source_partitions.value
        );
        let mut diagnostic =
            group_finding(&RULE, group, dlq_partitions.span, "too few partitions for a same-partition DLQ", text)
                .with_label(source_partitions.span, format!("`{source_name}` has {}", source_partitions.value))
                .with_path(format!("{}/partitions", dlq_topic.decl.path))
                .with_help(format!(
                    "give `{dlq_name}` at least {} partitions, or use `partition: key`",
                    source_partitions.value
                ))
                .with_note(
                    "`eventlint simulate` rejects a scenario over this group: the DLQ write has no partition to go to",
                );
        if let Some(span) = dlq.partition.explicit_span() {
            diagnostic = diagnostic.with_label(span, "`partition: same`");
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "dlq-partitions-below-source";
    const CONSUMED: &str = "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}";

    fn check(group: &str, dlq: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[dlq]), "", CONSUMED, expect);
    }

    #[test]
    fn flag_three_below_twelve() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "shipping.events.dlq: {partitions: 3}",
            "
            catalog.yaml:13:37 error[dlq-partitions-below-source] `shipping.events.dlq` has 3 partitions, but group `billing-shipments` writes each record to its partition number in `shipping.events`, which has 12
              = `eventlint simulate` rejects a scenario over this group: the DLQ write has no partition to go to
            ",
        );
    }

    #[test]
    fn flag_eleven_below_twelve_explicit_same() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, partition: same}}",
            "shipping.events.dlq: {partitions: 11}",
            "
            catalog.yaml:13:37 error[dlq-partitions-below-source] `shipping.events.dlq` has 11 partitions, but group `billing-shipments` writes each record to its partition number in `shipping.events`, which has 12
              = `eventlint simulate` rejects a scenario over this group: the DLQ write has no partition to go to
            ",
        );
    }

    #[test]
    fn quiet_equal_counts() {
        check("{onExhausted: dlq, dlq: {topic: shipping.events.dlq}}", "shipping.events.dlq: {partitions: 12}", "");
    }

    #[test]
    fn quiet_keyed_dlq() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, partition: key}}",
            "shipping.events.dlq: {partitions: 3}",
            "",
        );
    }
}
