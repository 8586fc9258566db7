//! The worked example of catalog-format §15 loads without a load error, and its resolved facts are the ones the
//! spec describes. Skips (with a note) when the example is not present next to the repository.

use std::path::{Path, PathBuf};

use eventlint_catalog::*;
use eventlint_diagnostics::{Limits, Sources};
use eventlint_yaml::DirectiveKind;

fn example_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [root.join("examples/payments"), root.join("../shared/spec/example")]
        .into_iter()
        .find(|dir| dir.join("payments.catalog.yaml").is_file())
}

fn load_example() -> Option<(Sources, Model)> {
    let Some(dir) = example_dir() else {
        eprintln!("note: the worked example is not present; skipping");
        return None;
    };
    let text = std::fs::read_to_string(dir.join("payments.catalog.yaml")).unwrap();
    let mut sources = Sources::new();
    let file = sources.add("payments.catalog.yaml", text);
    let exists = |path: &str| dir.join(path).is_file();
    let (model, diagnostics) = load_catalogs(&[file], &sources, &Limits::default(), &exists);
    let rendered: Vec<String> = eventlint_diagnostics::resolve_all(&sources, &diagnostics, false)
        .iter()
        .map(eventlint_diagnostics::render_concise)
        .collect();
    assert!(diagnostics.is_empty(), "load errors:\n{}", rendered.join("\n"));
    Some((sources, model))
}

#[test]
fn counts_match_the_spec() {
    let Some((_, model)) = load_example() else { return };
    assert_eq!(model.services.len(), 6);
    assert_eq!(model.groups().count(), 6);
    assert_eq!(model.topics.len(), 9);
    assert_eq!(model.messages.len(), 12);
    let commands = model.messages.values().filter(|m| m.kind.value == MessageKind::Command).count();
    assert_eq!(commands, 3);
    assert_eq!(model.constraints.len(), 2);
    assert_eq!((model.views.len(), model.automations.len(), model.screens.len()), (3, 1, 2));
}

#[test]
fn groups_and_their_settings_resolve() {
    let Some((sources, model)) = load_example() else { return };
    let authorized = &model.messages["PaymentAuthorized"];
    let groups: Vec<(&str, &str, bool)> = authorized
        .consumers
        .iter()
        .map(|c| {
            let group = c.group.as_ref().unwrap();
            (c.service.name.as_str(), group.value.as_str(), group.is_explicit())
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("ledger-service", "ledger-payments", true),
            ("wallet-api", "wallet-api-payments", false),
            ("merchant-gateway", "merchant-gateway-payments", false)
        ]
    );
    assert_eq!(authorized.consumers[0].ordering.value, Ordering::PerKey);
    assert_eq!(authorized.consumers[0].path, "/messages/PaymentAuthorized/consumers/ledger-service");

    let (service, ledger) = model.group("ledger-payments").unwrap();
    assert_eq!(service.decl.name, "ledger-service");
    assert_eq!(ledger.retry.mode.value, RetryMode::Topics);
    assert_eq!(sources.slice(ledger.retry.mode.explicit_span().unwrap()), "topics");
    assert_eq!(ledger.retry.max_attempts.value, 3);
    assert_eq!(ledger.retry.backoff.delay(2), std::time::Duration::from_secs(60), "5s × 12 capped at 1m");
    let dlq = ledger.dlq.as_ref().unwrap();
    assert_eq!(dlq.topic.as_ref().unwrap().name, "ledger-payments.dlq");
    assert!(!dlq.park_by_key.value && !dlq.park_by_key.is_explicit(), "parkByKey defaulted to false");
    assert_eq!(dlq.replay.as_ref().unwrap().via.value, ReplayVia::InPlace);
    assert_eq!(ledger.delivery.value, Delivery::AtLeastOnce);
    assert!(ledger.delivery.is_explicit());
    let (_, notification) = model.group("notification-service").unwrap();
    assert!(!notification.delivery.is_explicit(), "from the file defaults");
    assert_eq!(sources.slice(notification.delivery.span().unwrap()), "at-least-once");
    assert_eq!(model.consumers_of_group("ledger-payments").count(), 4);
}

#[test]
fn defaults_visibility_and_owners_resolve() {
    let Some((_, model)) = load_example() else { return };
    let events_topic = &model.topics["payments.events.v1"];
    assert_eq!(events_topic.compatibility.value, Compatibility::FullTransitive);
    assert!(events_topic.compatibility.is_explicit());
    let dlq_topic = &model.topics["ledger-payments.dlq"];
    assert_eq!(dlq_topic.compatibility.value, Compatibility::BackwardTransitive);
    assert!(matches!(dlq_topic.compatibility.origin, Origin::Inherited(_)));
    assert_eq!(dlq_topic.subject_strategy.value, SubjectStrategy::TopicRecordName);
    assert_eq!(dlq_topic.owner.as_ref().unwrap().value, "team-payments");
    assert_eq!(dlq_topic.visibility.value, Visibility::Internal);

    let captured = &model.messages["CapturePayment"];
    assert_eq!(captured.visibility.value, Visibility::Public, "inherited from payments.commands.v1");
    assert!(!captured.visibility.is_explicit());
    assert_eq!(captured.owner.as_ref().unwrap().value, "team-payments", "the handler's owner");

    let refund_requested = &model.messages["RefundRequested"];
    assert_eq!(refund_requested.owner.as_ref().unwrap().value, "team-merchant", "the producer's owner");
    assert_eq!(refund_requested.domain.as_ref().unwrap().value, "merchant");
    let initiate = &model.messages["InitiatePayment"];
    assert_eq!(initiate.domain.as_ref().unwrap().value, "payments", "payment-service's file domain");
    assert_eq!(model.messages["PaymentUpdated"].category.as_ref().unwrap().value, Category::Domain);
    assert!(model.messages["InitiatePayment"].category.is_none());

    let payment_service = &model.services["payment-service"];
    assert_eq!(payment_service.owner.as_ref().unwrap().value, "team-payments");
    assert_eq!(payment_service.extensions[0].key.value, "x-oncall");
    assert!(payment_service.producer.idempotent.value);
}

#[test]
fn history_schema_refs_and_paths() {
    let Some((_, model)) = load_example() else { return };
    let authorized = &model.messages["PaymentAuthorized"];
    assert_eq!(authorized.version.as_ref().unwrap().value.to_string(), "2.1.0");
    let history = &authorized.history[0];
    assert_eq!(history.path, "/messages/PaymentAuthorized/history/2.0.0");
    assert_eq!(history.schema.as_ref().unwrap().file, "schemas/history/PaymentAuthorized-2.0.0.avsc");
    assert_eq!(authorized.schema.as_ref().unwrap().file, "schemas/PaymentAuthorized.avsc");
    let emits: Vec<&str> = model.messages["AuthorizePayment"].emits.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        emits,
        ["/messages/AuthorizePayment/emits/PaymentAuthorized", "/messages/AuthorizePayment/emits/PaymentDeclined"]
    );
    let Some(ConstraintOrder::Fsm(fsm)) = &model.constraints["payment-lifecycle"].order else { panic!("fsm") };
    assert_eq!(
        fsm.next["PaymentInitiated"].next[0].path,
        "/constraints/payment-lifecycle/fsm/next/PaymentInitiated/PaymentAuthorized"
    );
    assert_eq!(model.automations["AutoCapture"].issues[0].name, "CapturePayment");
}

#[test]
fn expect_comments_attach_to_their_nodes() {
    let Some((_, model)) = load_example() else { return };
    let file = &model.files[0];
    let mut attached: Vec<String> = file
        .directives
        .iter()
        .filter(|d| d.kind == DirectiveKind::Expect)
        .flat_map(|d| {
            let path = file.path_at_line(d.line).unwrap_or("?").to_owned();
            d.rules.iter().map(move |r| format!("{} {path}", r.value))
        })
        .collect();
    attached.sort();
    assert_eq!(
        attached,
        [
            "clickbait-event /messages/PaymentUpdated",
            "command-disguised-as-event /messages/SendPaymentReceipt",
            "crud-sourcing /messages/PaymentUpdated",
            "dlq-without-key-parking /services/ledger-service/consumerGroups/ledger-payments/dlq",
            "event-triggers-event /messages/RefundIssued/triggeredBy",
            "incompatible-change /messages/PaymentAuthorized/schema",
            "key-mismatch-with-topic /messages/PaymentStatusChanged/key",
            "passive-aggressive-event /messages/RefundRequested",
            "retry-topics-break-key-order /services/ledger-service/consumerGroups/ledger-payments/retry/mode",
            "state-obsession /messages/PaymentStatusChanged",
        ]
    );
    assert!(file.directives.iter().all(|d| d.problem.is_none()));
}

#[test]
fn derived_facts() {
    let Some((_, model)) = load_example() else { return };
    let lifecycle = &model.constraints["payment-lifecycle"];
    assert_eq!(
        lifecycle.messages(),
        ["PaymentInitiated", "PaymentAuthorized", "PaymentDeclined", "PaymentCaptured", "RefundIssued"]
    );
    assert_eq!(
        model.groups_bound_by(lifecycle),
        ["merchant-gateway-payments", "wallet-api-payments", "ledger-payments"]
    );
    let auth_before_capture = &model.constraints["auth-before-capture"];
    assert_eq!(model.groups_bound_by(auth_before_capture), ["merchant-gateway-payments", "ledger-payments"]);
    assert_eq!(model.topics_of_group("ledger-payments"), ["payments.events.v1"]);
    assert!(model.has_per_key_requirement("ledger-payments", "payments.events.v1"));
    assert!(!model.has_per_key_requirement("reporting-payments", "payments.events.v1"));
    let initiated = &model.messages["PaymentInitiated"];
    assert_eq!(model.consuming_services(initiated), ["ledger-service", "merchant-gateway"]);
    let declined = &model.messages["PaymentDeclined"];
    assert_eq!(model.consuming_services(declined), ["wallet-api", "merchant-gateway"]);
    assert!(!model.is_cross_domain("payment-service", "ledger-service"));
    assert!(model.is_cross_domain("payment-service", "wallet-api"));
}
