//! `passive-aggressive-event`: an event that exists to make one service do one thing (a command styled as a fact).

use std::collections::{HashMap, HashSet};

use eventlint_catalog::{Message, MessageKind, Ref};
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::Shape;
use regex_lite::Regex;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::Score;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    threshold: u32,
    name_cues: Vec<String>,
    description_cues: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
        Options {
            threshold: 2,
            name_cues: words(&["requested", "required", "needed", "pending", "due"]),
            description_cues: words(&[
                r"so that( \w+){1,3} (can|will)",
                r"to trigger",
                r"tells? \w+ to",
                r"(should|must) \w+",
                r"please",
                r"in order for",
            ]),
        }
    }
}

declare_rule! {
    name: "passive-aggressive-event",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "event that is really a request to its single consumer",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// What the rule looks up for every message, built once per run.
struct Lookup<'m> {
    options: Options,
    cues: Vec<Regex>,
    /// Producer service → the messages it produces, in catalog order.
    by_producer: HashMap<&'m str, Vec<&'m Message>>,
    /// Messages some message lists in `emits`: their cause is declared.
    emitted: HashSet<&'m str>,
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let cues = options.description_cues.iter().filter_map(|cue| Regex::new(&format!("(?i){cue}")).ok()).collect();
    let mut by_producer: HashMap<&str, Vec<&Message>> = HashMap::new();
    let mut emitted = HashSet::new();
    for message in cx.model.messages.values() {
        for producer in &message.producers {
            by_producer.entry(producer.name.as_str()).or_default().push(message);
        }
        emitted.extend(message.emits.iter().map(|e| e.name.as_str()));
    }
    let lookup = Lookup { options, cues, by_producer, emitted };
    for message in cx.model.messages.values() {
        if let Some(diagnostic) = check(cx, &lookup, message) {
            out.push(diagnostic);
        }
    }
}

fn is_producer(message: &Message, service: &str) -> bool {
    message.producers.iter().any(|producer| producer.name == service)
}

/// A message the sole consumer sends back to the producer in answer to `message`.
///
/// Refinements of the catalogue's heuristic (see the rule page): a message that `message` declares in
/// `triggeredBy`, or that lists `message` in `emits`, is its cause, never its reply, so a reply event or the outcome
/// of a command is not itself a request; a declared reply (`triggeredBy` this event) wins over the same-key
/// fallback, which only links events about the same subject (a shared subject word: `PickupScheduled` answers
/// `CarrierPickupRequested`), whose own name does not read as a request, and that no command declares in `emits`
/// (their cause is known).
fn reply<'m>(
    cx: &Context<'m>,
    lookup: &Lookup<'m>,
    message: &Message,
    consumer: &str,
) -> Option<(&'m Message, &'m Ref)> {
    let key = facts::key_field(cx.model, message);
    let candidates = lookup.by_producer.get(consumer).map_or(&[][..], Vec::as_slice);
    let answers: Vec<(&Message, &Ref)> = candidates
        .iter()
        .copied()
        .filter_map(|candidate| {
            let producer = candidate.producers.iter().find(|producer| producer.name == consumer)?;
            let answers_producer = facts::consumers(cx.model, candidate).iter().any(|s| is_producer(message, s));
            let is_its_cause = message.triggered_by.iter().any(|t| t.name == candidate.decl.name)
                || candidate.emits.iter().any(|e| e.name == message.decl.name);
            let answer = candidate.decl.name != message.decl.name && answers_producer && !is_its_cause;
            answer.then_some((candidate, producer))
        })
        .collect();
    let declared = answers.iter().find(|(c, _)| c.triggered_by.iter().any(|t| t.name == message.decl.name));
    let subject = subject_words(cx, message);
    let same_key = || {
        answers.iter().find(|(candidate, _)| {
            let about_the_same = subject_words(cx, candidate).iter().any(|word| subject.contains(word));
            about_the_same
                && !reads_as_request(cx, &lookup.options, candidate)
                && candidate.triggered_by.is_empty()
                && candidate.kind.value == MessageKind::Event
                && !lookup.emitted.contains(candidate.decl.name.as_str())
                && key.is_some_and(|key| facts::fields(cx, candidate).iter().any(|field| field.name.value == key))
        })
    };
    declared.or_else(same_key).copied()
}

/// A name that itself reads as a request (a name cue or a state): it asks, it does not answer.
fn reads_as_request(cx: &Context, options: &Options, message: &Message) -> bool {
    let shape = cx.shape(message);
    shape.shape == Shape::StateAdjective
        || shape.tokens.last().is_some_and(|last| options.name_cues.contains(&last.text))
}

/// The subject words of a name (`pickup` in `CarrierPickupRequested` and in `PickupScheduled`).
fn subject_words(cx: &Context, message: &Message) -> Vec<String> {
    cx.shape(message).subject_tokens().iter().map(|token| token.text.clone()).collect()
}

/// A command name from a past-tense reply: `PickupScheduled` → `SchedulePickup`.
fn command_name(cx: &Context, reply: &Message) -> Option<String> {
    let shape = cx.shape(reply);
    if shape.shape != Shape::Past {
        return None;
    }
    let pascal = |word: &str| {
        let mut chars = word.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    let subject: String = shape.subject_tokens().iter().map(|token| pascal(&token.text)).collect();
    Some(format!("{}{subject}", pascal(shape.lemma.as_deref()?)))
}

fn check<'m>(cx: &Context<'m>, lookup: &Lookup<'m>, message: &Message) -> Option<Diagnostic> {
    let options = &lookup.options;
    if message.kind.value != MessageKind::Event {
        return None;
    }
    let shape = cx.shape(message);
    let consumers = facts::consumers(cx.model, message);
    let [consumer] = consumers.as_slice() else { return None };
    if shape.shape == Shape::Imperative || is_producer(message, consumer) {
        return None;
    }
    let mut score = Score::default();
    score.add(format!("sole consumer `{consumer}`"), 1);
    let reply = reply(cx, lookup, message, consumer);
    if let Some((reply, _)) = reply {
        score.add(format!("reply loop via `{}`", reply.decl.name), 2);
    }
    let written = |token: &eventlint_naming::Token| message.decl.name.get(token.span.clone()).unwrap_or_default();
    let last = shape.tokens.last();
    if let Some(cue) = shape.cue_token().filter(|_| shape.shape == Shape::StateAdjective) {
        score.add(format!("state cue `{}`", written(cue)), 1);
    } else if let Some(last) = last.filter(|last| options.name_cues.contains(&last.text)) {
        score.add(format!("name cue `{}`", written(last)), 1);
    }
    let text = [&message.summary, &message.description].into_iter().flatten().map(|t| t.value.as_str());
    if let Some(found) = text.clone().find_map(|text| lookup.cues.iter().find_map(|cue| cue.find(text))) {
        score.add(format!("description cue \"{}\"", found.as_str()), 1);
    }
    if score.total() < options.threshold {
        return None;
    }
    let text = format!("`{}` reads as a request to `{consumer}`, not a fact", message.decl.name);
    let mut diagnostic = cx.message_finding(&RULE, message, text, "styled as an event");
    let command = reply.and_then(|(reply, _)| command_name(cx, reply));
    if let Some((reply, producer)) = reply {
        let producers: Vec<&str> = message.producers.iter().map(|p| p.name.as_str()).collect();
        let label = format!("answers with `{}`, consumed by `{}`", reply.decl.name, producers.join("`, `"));
        diagnostic = diagnostic.with_label(producer.span, label);
    }
    let example = command.map_or_else(String::new, |command| format!(" (e.g. `{command}`)"));
    Some(diagnostic.with_note(score.evidence(options.threshold)).with_help(format!(
        "send a command to `{consumer}`{example} from the producer or a process manager; keep a past-tense event only for observers"
    )))
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1_sole_consumer_reply_loop_name_cue_4() {
        check(
            "passive-aggressive-event",
            "CarrierPickupRequested: {consumers: [dispatcher], fields: {shipmentId: string, pickupWindow: string}}
PickupScheduled: {producer: dispatcher, consumers: [shipping], triggeredBy: [CarrierPickupRequested], fields: {shipmentId: string, pickupAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[passive-aggressive-event] `CarrierPickupRequested` reads as a request to `dispatcher`, not a fact
            = evidence: sole consumer `dispatcher` (+1) · reply loop via `PickupScheduled` (+2) · name cue `Requested` (+1) = 4 ≥ 2
            "#,
        );
    }

    #[test]
    fn flag_2_sole_consumer_state_cue_readyfor_description_cue_3() {
        check(
            "passive-aggressive-event",
            r#"ShipmentReadyForPickup: {topic: shipping.internal, consumers: [dispatcher], summary: "so that the dispatcher can book a carrier", fields: {shipmentId: string, depotId: string}}"#,
            r#"
            catalog.yaml:18:3 warning[passive-aggressive-event] `ShipmentReadyForPickup` reads as a request to `dispatcher`, not a fact
            = evidence: sole consumer `dispatcher` (+1) · state cue `Ready` (+1) · description cue "so that the dispatcher can" (+1) = 3 ≥ 2
            "#,
        );
    }

    #[test]
    fn quiet_3_a_fact_that_several_services_use_independently() {
        check(
            "passive-aggressive-event",
            "ShipmentDispatched: {consumers: [billing, crm, reporting], fields: {shipmentId: string, carrier: string, dispatchedAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn quiet_4_one_consumer_no_reply_no_cue_1_2() {
        check(
            "passive-aggressive-event",
            "ShipmentLost: {consumers: [billing], fields: {shipmentId: string, lastSeenAt: timestamp-millis, declaredValue: decimal(12,2)}}",
            "",
        );
    }

    #[test]
    fn the_request_is_flagged_and_its_declared_reply_is_not() {
        check(
            "passive-aggressive-event",
            "PickupRequested: {producer: shipping, consumers: [dispatcher], fields: {shipmentId: string}}
PickupScheduled: {producer: dispatcher, consumers: [shipping], triggeredBy: [PickupRequested], fields: {shipmentId: string, pickupAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[passive-aggressive-event] `PickupRequested` reads as a request to `dispatcher`, not a fact
            = evidence: sole consumer `dispatcher` (+1) · reply loop via `PickupScheduled` (+2) · name cue `Requested` (+1) = 4 ≥ 2
            "#,
        );
    }

    #[test]
    fn the_outcome_of_a_command_is_not_a_request() {
        check(
            "passive-aggressive-event",
            "BookCarrier: {kind: command, topic: shipping.commands, producer: shipping, consumers: [dispatcher], emits: [CarrierBooked], fields: {shipmentId: string}}
CarrierBooked: {producer: dispatcher, consumers: [shipping], fields: {shipmentId: string, carrier: string}}",
            "",
        );
    }

    #[test]
    fn a_sole_consumer_and_a_description_cue_reach_the_threshold() {
        check(
            "passive-aggressive-event",
            r#"ShipmentWeighed: {consumers: [billing], summary: "Billing must invoice the weight", fields: {shipmentId: string, weightKg: double}}"#,
            r#"
            catalog.yaml:18:3 warning[passive-aggressive-event] `ShipmentWeighed` reads as a request to `billing`, not a fact
            = evidence: sole consumer `billing` (+1) · description cue "must invoice" (+1) = 2 ≥ 2
            "#,
        );
    }

    #[test]
    fn a_same_key_event_about_another_subject_is_not_a_reply() {
        check(
            "passive-aggressive-event",
            "CustomsHoldPlaced: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, heldAt: timestamp-millis}}
            PickupScheduled: {producer: dispatcher, topic: shipping.internal, consumers: [shipping], fields: {shipmentId: string, pickupAt: timestamp-millis}}",
            "",
        );
    }

    #[test]
    fn a_same_key_event_about_the_same_subject_is_a_reply() {
        check(
            "passive-aggressive-event",
            "PickupRequested: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, window: string}}
            PickupScheduled: {producer: dispatcher, topic: shipping.internal, consumers: [shipping], fields: {shipmentId: string, pickupAt: timestamp-millis}}",
            r#"
            catalog.yaml:18:3 warning[passive-aggressive-event] `PickupRequested` reads as a request to `dispatcher`, not a fact
            = evidence: sole consumer `dispatcher` (+1) · reply loop via `PickupScheduled` (+2) · name cue `Requested` (+1) = 4 ≥ 2
            "#,
        );
    }
}
