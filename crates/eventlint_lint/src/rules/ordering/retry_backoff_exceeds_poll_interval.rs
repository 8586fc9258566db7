//! `retry-backoff-exceeds-poll-interval`: blocking retries of one record outlast the group's `maxPollInterval`.

use std::time::Duration;

use eventlint_catalog::{Backoff, RetryMode};
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};
use crate::rules::ordering::{group_finding, setting_span};

declare_rule! {
    name: "retry-backoff-exceeds-poll-interval",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "blocking retries outlast `max.poll.interval.ms`",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The delays before retries 1 … `retries`, up to the first that makes their sum exceed `limit`. Once the delay
/// stops growing, the remaining retries are added at once, so a huge `maxAttempts` costs nothing.
fn schedule(backoff: &Backoff, retries: u32, limit: Duration) -> (Vec<Duration>, Duration) {
    let mut delays = Vec::new();
    let mut total = Duration::ZERO;
    for retry in 1..=retries {
        let delay = backoff.delay(retry);
        total = total.saturating_add(delay);
        delays.push(delay);
        if total > limit {
            break;
        }
        if retry > 1 && backoff.delay(retry + 1) == delay {
            let remaining = retries - retry;
            total = total.saturating_add(delay.saturating_mul(remaining));
            break;
        }
    }
    (delays, total)
}

/// `10s`, `1m 30s`, `250ms`.
fn human(duration: Duration) -> String {
    let millis = duration.as_millis();
    if !millis.is_multiple_of(1000) {
        return format!("{millis}ms");
    }
    let seconds = millis / 1000;
    let parts = [(seconds / 3600, "h"), (seconds / 60 % 60, "m"), (seconds % 60, "s")];
    let shown: Vec<String> =
        parts.iter().filter(|(value, _)| *value > 0).map(|(value, unit)| format!("{value}{unit}")).collect();
    if shown.is_empty() { "0s".to_owned() } else { shown.join(" ") }
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, group) in cx.model.groups() {
        let retry = &group.retry;
        if retry.mode.value != RetryMode::Blocking {
            continue;
        }
        let limit = group.max_poll_interval.value;
        let retries = retry.max_attempts.value.saturating_sub(1);
        let (delays, total) = schedule(&retry.backoff, retries, limit);
        if total <= limit {
            continue;
        }
        let shown: Vec<String> = delays.iter().map(|delay| human(*delay)).collect();
        let more = if delays.len() < retries as usize { " + …" } else { "" };
        let text = format!(
            "blocking retries of one record in group `{}` can wait {} in total, longer than `maxPollInterval` {}",
            group.decl.name,
            human(total),
            human(limit)
        );
        let span = setting_span(group, retry.backoff.span.or(retry.max_attempts.span()));
        let mut diagnostic = group_finding(&RULE, group, span, "the consumer stops polling while it waits", text)
            .with_path(format!("{}/backoff", retry.path))
            .with_note(format!("schedule: {}{more} = {} > {}", shown.join(" + "), human(total), human(limit)))
            .with_help("keep the retry schedule below the poll interval, and send longer waits to a parked-key DLQ")
            .with_note("`eventlint simulate` with a `transient` fault longer than the poll interval shows the eviction, the rebalance and the redelivery");
        if let Some(span) = group.max_poll_interval.explicit_span() {
            diagnostic = diagnostic.with_label(span, "the poll interval");
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "retry-backoff-exceeds-poll-interval";
    const SIMULATE: &str = "= `eventlint simulate` with a `transient` fault longer than the poll interval shows the eviction, the rebalance and the redelivery";

    fn check(group: &str, expect: &str) {
        check_on(RULE, &header_with(group, &[], &[]), "", "", expect);
    }

    #[test]
    fn flag_exponential_past_the_default_interval() {
        check(
            "{retry: {mode: blocking, maxAttempts: 5, backoff: {type: exponential, initial: 10s, multiplier: 4, max: 5m}}, onExhausted: stop}",
            &format!("
            catalog.yaml:8:142 warning[retry-backoff-exceeds-poll-interval] blocking retries of one record in group `billing-shipments` can wait 8m 30s in total, longer than `maxPollInterval` 5m
              = schedule: 10s + 40s + 2m 40s + 5m = 8m 30s > 5m
              {SIMULATE}
            "),
        );
    }

    #[test]
    fn flag_fixed_past_a_short_interval() {
        check(
            "{maxPollInterval: 45s, retry: {mode: blocking, maxAttempts: 3, backoff: {type: fixed, initial: 30s}}, onExhausted: stop}",
            &format!("
            catalog.yaml:8:164 warning[retry-backoff-exceeds-poll-interval] blocking retries of one record in group `billing-shipments` can wait 1m in total, longer than `maxPollInterval` 45s
              = schedule: 30s + 30s = 1m > 45s
              {SIMULATE}
            "),
        );
    }

    #[test]
    fn flag_many_constant_retries_without_iterating_them() {
        check(
            "{retry: {mode: blocking, maxAttempts: 4000000000, backoff: {type: fixed, initial: 1s}}, onExhausted: stop}",
            &format!("
            catalog.yaml:8:151 warning[retry-backoff-exceeds-poll-interval] blocking retries of one record in group `billing-shipments` can wait 1111111h 6m 39s in total, longer than `maxPollInterval` 5m
              = schedule: 1s + 1s + … = 1111111h 6m 39s > 5m
              {SIMULATE}
            "),
        );
    }

    #[test]
    fn quiet_short_exponential() {
        check(
            "{retry: {mode: blocking, maxAttempts: 3, backoff: {type: exponential, initial: 1s, multiplier: 2, max: 30s}}, onExhausted: stop}",
            "",
        );
    }

    #[test]
    fn quiet_retry_topics_do_not_hold_the_poll_loop() {
        check(
            "{retry: {mode: topics, maxAttempts: 5, backoff: {type: fixed, initial: 10m}}, onExhausted: dlq, dlq: {topic: shipping.events.dlq, parkByKey: true}}",
            "",
        );
    }
}
