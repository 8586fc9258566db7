//! `flow` rules (rules/flow.md): the model as a graph of services, messages, views, automations and screens,
//! read through the graph the context builds once per run ([`crate::flow_graph`]).

pub(crate) mod automation_issues_event;
pub(crate) mod automation_loop;
pub(crate) mod command_without_outcome;
pub(crate) mod command_without_single_handler;
pub(crate) mod emits_triggered_by_mismatch;
pub(crate) mod event_triggers_event;
pub(crate) mod event_with_multiple_producers;
pub(crate) mod event_without_producer;
pub(crate) mod foreign_producer_on_topic;
pub(crate) mod missing_schema;
pub(crate) mod missing_topic;
pub(crate) mod orphan_message;
pub(crate) mod view_without_events;

use eventlint_catalog::{Message, MessageKind, Model};

/// The kind of the message called `name`, if it is one.
fn kind_of(model: &Model, name: &str) -> Option<MessageKind> {
    model.messages.get(name).map(|message| message.kind.value)
}

/// Events, notifications and documents: facts owned by their producer.
fn is_fact(message: &Message) -> bool {
    message.kind.value.is_owned_by_producer()
}

/// Commands and queries: requests owned by their handler.
fn is_request(message: &Message) -> bool {
    !is_fact(message)
}
