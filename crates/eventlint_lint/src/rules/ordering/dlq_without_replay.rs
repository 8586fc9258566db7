//! `dlq-without-replay`: a group dead-letters records but nobody wrote down how its DLQ is replayed.

use eventlint_catalog::OnExhausted;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::group_finding;

declare_rule! {
    name: "dlq-without-replay",
    category: Ordering,
    severity: Info,
    recommended: true,
    summary: "DLQ whose replay is not declared",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        if group.on_exhausted.value != OnExhausted::Dlq {
            continue;
        }
        let Some(dlq) = group.dlq.as_ref().filter(|dlq| dlq.replay.is_none()) else { continue };
        let topic = dlq.topic.as_ref().map_or("the DLQ", |topic| topic.name.as_str());
        let text = format!("group `{}` dead-letters to `{topic}` but declares no `replay`", group.decl.name);
        out.push(
            group_finding(&RULE, group, dlq.span, "nobody replays these records", text)
                .with_path(dlq.path.clone())
                .with_help(format!("declare `replay` for `{topic}`: who runs it, in place, in DLQ order"))
                .with_note(
                    "`eventlint simulate` on a scenario without a `replayDlq` operation reports `REPLAY_INCOMPLETE`",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "dlq-without-replay";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_no_replay() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq}}",
            "
            catalog.yaml:8:116 info[dlq-without-replay] group `billing-shipments` dead-letters to `shipping.events.dlq` but declares no `replay`
              = `eventlint simulate` on a scenario without a `replayDlq` operation reports `REPLAY_INCOMPLETE`
            ",
        );
    }

    #[test]
    fn flag_parked_without_replay() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            "
            catalog.yaml:8:116 info[dlq-without-replay] group `billing-shipments` dead-letters to `shipping.events.dlq` but declares no `replay`
              = `eventlint simulate` on a scenario without a `replayDlq` operation reports `REPLAY_INCOMPLETE`
            ",
        );
    }

    #[test]
    fn quiet_replay_declared() {
        check(
            "{onExhausted: dlq, dlq: {topic: shipping.events.dlq, replay: {owner: team-billing, order: dlq-offset}}}",
            "",
        );
    }

    #[test]
    fn quiet_stop() {
        check("{onExhausted: stop}", "");
    }
}
