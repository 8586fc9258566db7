//! `producer-may-reorder`: a producer of keyed messages retries without idempotence, several requests in flight.

use eventlint_diagnostics::{Diagnostic, SubjectType};

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "producer-may-reorder",
    category: Ordering,
    severity: Warning,
    recommended: true,
    summary: "non-idempotent producer with several requests in flight",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let model = cx.model;
    for service in model.services.values() {
        let producer = &service.producer;
        if producer.idempotent.value || producer.max_in_flight.value <= 1 {
            continue;
        }
        let keyed = model.messages.values().find(|message| {
            message.producers.iter().any(|p| p.name == service.decl.name) && model.effective_key(message).is_some()
        });
        let Some(keyed) = keyed else { continue };
        let span = producer.idempotent.span().unwrap_or(service.decl.name_span);
        let text = format!(
            "`{}` retries without idempotence with up to {} requests in flight, so records of one key can be reordered",
            service.decl.name, producer.max_in_flight.value
        );
        let mut diagnostic = Diagnostic::lint(RULE.name, RULE.severity, text)
            .with_category(RULE.category.as_str())
            .with_primary(span, "`enable.idempotence=false`")
            .with_path(format!("{}/idempotent", producer.path))
            .with_subject(SubjectType::Service, service.decl.name.clone())
            .with_label(keyed.decl.name_span, format!("keyed message `{}`", keyed.decl.name))
            .with_help("enable idempotence, or set `maxInFlight: 1`")
            .with_note("`eventlint simulate` with a `producer: reorder` fault reports the order violations with `origin: producer`");
        if let Some(span) = producer.max_in_flight.span() {
            diagnostic = diagnostic.with_label(span, "requests in flight");
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_on, header_with};

    const RULE: &str = "producer-may-reorder";
    const KEYED: &str = "ShipmentDispatched: {consumers: [billing], fields: {shipmentId: string}}";

    fn check(shipping: &str, expect: &str) {
        check_on(RULE, &header_with("", &[shipping], &[]), "", KEYED, expect);
    }

    #[test]
    fn flag_five_in_flight() {
        check(
            "shipping: {domain: shipping, owner: team-shipping, producer: {idempotent: false, maxInFlight: 5}}",
            "
            catalog.yaml:6:77 warning[producer-may-reorder] `shipping` retries without idempotence with up to 5 requests in flight, so records of one key can be reordered
              = `eventlint simulate` with a `producer: reorder` fault reports the order violations with `origin: producer`
            ",
        );
    }

    #[test]
    fn flag_librdkafka_style_settings() {
        check(
            "shipping: {domain: shipping, owner: team-shipping, producer: {idempotent: false, maxInFlight: 1000000}}",
            "
            catalog.yaml:6:77 warning[producer-may-reorder] `shipping` retries without idempotence with up to 1000000 requests in flight, so records of one key can be reordered
              = `eventlint simulate` with a `producer: reorder` fault reports the order violations with `origin: producer`
            ",
        );
    }

    #[test]
    fn quiet_defaults() {
        check("shipping: {domain: shipping, owner: team-shipping}", "");
    }

    #[test]
    fn quiet_one_in_flight() {
        check("shipping: {domain: shipping, owner: team-shipping, producer: {idempotent: false, maxInFlight: 1}}", "");
    }
}
