//! `state-obsession`: an event that records a new state value (`BalanceUpdated`) instead of the business fact.

use eventlint_avro::{Field, NodeKind};
use eventlint_catalog::MessageKind;
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::{Score, words};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    threshold: u32,
    state_nouns: Vec<String>,
    cause_words: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { threshold: 4, state_nouns: words(vocab::STATE_NOUNS), cause_words: words(vocab::CAUSE_WORDS) }
    }
}

declare_rule! {
    name: "state-obsession",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "event that records the new state (`BalanceUpdated`) instead of what happened",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// A number, a decimal or an enum: the value of a state variable.
fn is_state_value(cx: &Context, field: &Field) -> bool {
    let (node, _) = facts::value_type(cx, field);
    let decimal = node.logical_type.as_ref().is_some_and(|logical| logical.name() == Some("decimal"));
    decimal
        || matches!(node.kind, NodeKind::Int | NodeKind::Long | NodeKind::Float | NodeKind::Double | NodeKind::Enum(_))
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    for message in cx.model.messages.values() {
        if message.kind.value != MessageKind::Event {
            continue;
        }
        let shape = cx.shape(message);
        let (Some(lemma), Some(state)) = (shape.lemma.as_deref(), shape.subject_tokens().last()) else { continue };
        if shape.shape != Shape::Past
            || !vocab::is_state_change_verb(lemma)
            || !options.state_nouns.contains(&state.text)
        {
            continue;
        }
        let mut score = Score::default();
        score.add(format!("state noun `{}` with `{lemma}`", state.text), 2);
        let business = facts::business_fields(cx, message);
        if !business.is_empty() && business.len() <= 2 && business.iter().all(|f| is_state_value(cx, f)) {
            let names: Vec<&str> = business.iter().map(|f| f.name.value.as_str()).collect();
            score.add(format!("only state values `{}`", names.join("`, `")), 1);
        }
        let fields = facts::fields(cx, message);
        let has_cause = fields
            .iter()
            .any(|f| facts::last_token(&f.name.value).is_some_and(|last| options.cause_words.contains(&last)));
        if !has_cause {
            score.add("no cause field", 1);
        }
        let state_nouns: Vec<&str> = shape
            .subject_tokens()
            .iter()
            .map(|t| t.text.as_str())
            .filter(|t| options.state_nouns.iter().any(|n| n == t))
            .collect();
        let absolute = business
            .iter()
            .find(|f| facts::last_token(&f.name.value).is_some_and(|last| state_nouns.contains(&last.as_str())));
        if let Some(field) = absolute {
            score.add(format!("absolute state `{}`", field.name.value), 1);
        }
        if score.total() < options.threshold {
            continue;
        }
        let text = format!("`{}` records a new `{}` instead of what happened", message.decl.name, state.text);
        let mut diagnostic = cx.message_finding(&RULE, message, text, "a state change, not a business fact");
        if let Some(field) = absolute {
            diagnostic = diagnostic.with_label(field.name.span, "the new state");
        }
        out.push(diagnostic.with_note(score.evidence(options.threshold)).with_help(
            "model each business cause as its own event (e.g. `ParcelsRestocked`, `StockWrittenOff`) and keep the resulting value only as an extra field",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1_only_the_new_quantity_no_cause_2_1_1_4() {
        check(
            "state-obsession",
            "DepotStockLevelChanged: {topic: shipping.internal, key: depotId, consumers: [reporting], fields: {depotId: string, quantity: int}}",
            r#"
            catalog.yaml:18:3 warning[state-obsession] `DepotStockLevelChanged` records a new `level` instead of what happened
            = evidence: state noun `level` with `change` (+2) · only state values `quantity` (+1) · no cause field (+1) = 4 ≥ 4
            "#,
        );
    }

    #[test]
    fn flag_2_absolute_balance_2_1_1_1_5() {
        check(
            "state-obsession",
            "CustomerBalanceUpdated: {producer: billing, topic: billing.events, consumers: [crm], fields: {customerId: string, balance: double}}",
            r#"
            catalog.yaml:18:3 warning[state-obsession] `CustomerBalanceUpdated` records a new `balance` instead of what happened
            = evidence: state noun `balance` with `update` (+2) · only state values `balance` (+1) · no cause field (+1) · absolute state `balance` (+1) = 5 ≥ 4
            "#,
        );
    }

    #[test]
    fn quiet_3_the_business_fact_with_cause_and_actor() {
        check(
            "state-obsession",
            "ParcelsRestocked: {topic: shipping.internal, key: depotId, consumers: [reporting], fields: {depotId: string, delta: int, reason: string, countedBy: string}}",
            "",
        );
    }

    #[test]
    fn quiet_4_a_transition_with_previous_and_new_state_and_a_reason_2_abso() {
        check(
            "state-obsession",
            "ShipmentStatusChanged: {consumers: [crm], fields: {shipmentId: string, previousStatus: ShipmentStatus, newStatus: ShipmentStatus, changeReason: string}}",
            "",
        );
    }

    #[test]
    fn measurements_are_exempt() {
        check(
            "state-obsession",
            "DepotStockLevelChanged: {category: measurement, topic: shipping.internal, key: depotId, consumers: [reporting], fields: {depotId: string, quantity: int}}",
            "",
        );
    }

    #[test]
    fn a_cause_field_keeps_it_below_the_threshold() {
        check(
            "state-obsession",
            "DepotStockLevelChanged: {topic: shipping.internal, key: depotId, consumers: [reporting], fields: {depotId: string, quantity: int, reason: string}}",
            "",
        );
    }
}
