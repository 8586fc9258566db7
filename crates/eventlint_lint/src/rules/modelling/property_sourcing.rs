//! `property-sourcing`: one event per edited property (`FirstNameChanged`, `LastNameChanged`, …).

use std::collections::BTreeMap;

use eventlint_catalog::{Message, MessageKind};
use eventlint_diagnostics::Diagnostic;
use eventlint_naming::{Shape, vocab};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::facts;
use crate::rule::declare_rule;
use crate::rules::{code_list, words};
use crate::settings::normalise;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(crate) struct Options {
    min_siblings: usize,
    allow: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_siblings: 3,
            allow: words(&["email", "password", "status", "maritalStatus", "address", "phoneNumber"]),
        }
    }
}

declare_rule! {
    name: "property-sourcing",
    category: Modelling,
    severity: Warning,
    recommended: true,
    summary: "one event per changed property",
    options: Options,
    run: crate::rule::Run::Model(run),
}

/// The property a per-property event edits, if it is one (normalised).
fn property(cx: &Context, options: &Options, message: &Message) -> Option<String> {
    if message.kind.value != MessageKind::Event {
        return None;
    }
    let shape = cx.shape(message);
    if shape.shape != Shape::Past || !shape.lemma.as_deref().is_some_and(vocab::is_property_change_verb) {
        return None;
    }
    let subject: Vec<&str> = shape.subject_tokens().iter().map(|t| t.text.as_str()).collect();
    let mut business: Vec<String> =
        facts::business_fields(cx, message).iter().map(|f| normalise(&f.name.value)).collect();
    business.sort_unstable();
    let candidates = [subject.concat(), subject.get(1..).map(|rest| rest.concat()).unwrap_or_default()];
    candidates.into_iter().filter(|p| !p.is_empty()).find(|p| {
        let shapes = [
            vec![p.clone()],
            vec![format!("new{p}")],
            vec![format!("new{p}"), format!("old{p}")],
            vec![format!("new{p}"), format!("previous{p}")],
        ];
        shapes.contains(&business) && !options.allow.iter().any(|allowed| normalise(allowed) == *p)
    })
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let options: Options = cx.options(&RULE);
    let mut groups: BTreeMap<(&str, &str), Vec<&Message>> = BTreeMap::new();
    for message in cx.model.messages.values() {
        if property(cx, &options, message).is_none() {
            continue;
        }
        let producer = message.producers.first().map_or("", |p| p.name.as_str());
        let key = facts::key_field(cx.model, message).unwrap_or("");
        groups.entry((producer, key)).or_default().push(message);
    }
    let mut fired: Vec<Vec<&Message>> =
        groups.into_values().filter(|g| g.len() >= options.min_siblings.max(1)).collect();
    fired.sort_by_key(|group| group.first().map(|m| (m.decl.file, m.decl.name_span.start)));
    for group in fired {
        let [first, siblings @ ..] = group.as_slice() else { continue };
        let names = code_list(group.iter().map(|m| m.decl.name.as_str()));
        let text = format!("{} events each report one changed property: {names}", group.len());
        let mut diagnostic = cx.message_finding(&RULE, first, text, "one event per property");
        for sibling in siblings {
            diagnostic = diagnostic.with_label(sibling.decl.name_span, "another per-property event");
        }
        out.push(diagnostic.with_help(
            "replace these per-property events with one event for the business operation (e.g. `ParcelDimensionsCorrected`) that carries optional fields",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn flag_1_three_per_property_events_one_producer_one_key() {
        check(
            "property-sourcing",
            "ShipmentWeightChanged: {consumers: [billing], fields: {shipmentId: string, weight: double}}
ShipmentLengthChanged: {consumers: [billing], fields: {shipmentId: string, length: double}}
ShipmentWidthChanged:  {consumers: [billing], fields: {shipmentId: string, width: double}}",
            r#"
            catalog.yaml:18:3 warning[property-sourcing] 3 events each report one changed property: `ShipmentWeightChanged`, `ShipmentLengthChanged`, `ShipmentWidthChanged`
            "#,
        );
    }

    #[test]
    fn flag_2_old_new_pairs() {
        check(
            "property-sourcing",
            "RecipientFirstNameChanged: {consumers: [crm], fields: {shipmentId: string, oldFirstName: string, newFirstName: string}}
RecipientLastNameChanged:  {consumers: [crm], fields: {shipmentId: string, oldLastName: string, newLastName: string}}
RecipientTitleChanged:     {consumers: [crm], fields: {shipmentId: string, oldTitle: string, newTitle: string}}",
            r#"
            catalog.yaml:18:3 warning[property-sourcing] 3 events each report one changed property: `RecipientFirstNameChanged`, `RecipientLastNameChanged`, `RecipientTitleChanged`
            "#,
        );
    }

    #[test]
    fn quiet_3_one_event_for_the_operation() {
        check(
            "property-sourcing",
            "RecipientDetailsCorrected: {consumers: [crm], fields: {shipmentId: string, firstName: [null, string], lastName: [null, string], title: [null, string]}}",
            "",
        );
    }

    #[test]
    fn quiet_4_a_lone_business_significant_property() {
        check(
            "property-sourcing",
            "DeliveryAddressChanged: {consumers: [crm, dispatcher], fields: {shipmentId: string, deliveryAddress: Address}}",
            "",
        );
    }

    #[test]
    fn two_siblings_are_below_min_siblings() {
        check(
            "property-sourcing",
            "ShipmentWeightChanged: {consumers: [billing], fields: {shipmentId: string, weight: double}}
ShipmentLengthChanged: {consumers: [billing], fields: {shipmentId: string, length: double}}",
            "",
        );
    }

    #[test]
    fn allowed_properties_are_not_candidates() {
        check(
            "property-sourcing",
            "CustomerEmailChanged: {consumers: [crm], fields: {shipmentId: string, email: string}}
CustomerStatusChanged: {consumers: [crm], fields: {shipmentId: string, status: string}}
CustomerPasswordChanged: {consumers: [crm], fields: {shipmentId: string, password: string}}",
            "",
        );
    }
}
