//! Builds a [`SimSetup`] for one consumer group from the loaded catalog model (`eventlint_catalog`): the topics
//! it reads, every message on them, its failure handling, the constraints that bind it and its producers.

use eventlint_catalog::{CommitPolicy, ConstraintOrder, Model};

use crate::partition::Partitioner;
use crate::setup::{
    Assignor, Backoff, BackoffType, CommitSettings, ConstraintRule, ConstraintSetup, Delivery, DlqPartition,
    DlqSettings, GroupSettings, MessageSetup, OnExhausted, ParkStore, Processing, ProducerSettings, ReplayOrder,
    ReplaySettings, ReplayVia, RetryMode, RetrySettings, SimSetup, TopicSetup, Unpark,
};

/// Converts one catalog vocabulary value into the simulator's own through their shared spelling.
fn same<T>(text: &str, parse: fn(&str) -> Option<T>, fallback: T) -> T {
    parse(text).unwrap_or(fallback)
}

fn millis(duration: std::time::Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl SimSetup {
    /// The setup of consumer group `group`; `Err` names what is missing (an unknown group, or a group that reads
    /// no topic). Topics without `partitions` are kept with 0 partitions, which the engine reports as a load error.
    pub fn from_model(model: &Model, group: &str) -> Result<SimSetup, String> {
        let Some((_, declared)) = model.group(group) else {
            let known: Vec<&str> = model.groups().map(|(_, g)| g.decl.name.as_str()).collect();
            return Err(format!("unknown consumer group `{group}`; known groups: {}", known.join(", ")));
        };
        let consumed: Vec<&str> =
            model.consumers_of_group(group).map(|(message, _)| message.decl.name.as_str()).collect();
        let mut read_topics: Vec<&str> = model
            .messages
            .values()
            .filter(|message| consumed.contains(&message.decl.name.as_str()))
            .filter_map(|message| message.topic.as_ref().map(|topic| topic.name.as_str()))
            .collect();
        read_topics.sort_unstable();
        read_topics.dedup();
        if read_topics.is_empty() {
            return Err(format!("consumer group `{group}` reads no topic: no message names it as a consumer"));
        }
        let messages: Vec<MessageSetup> = model
            .messages
            .values()
            .filter_map(|message| {
                let topic = message.topic.as_ref()?;
                read_topics.contains(&topic.name.as_str()).then(|| MessageSetup {
                    name: message.decl.name.clone(),
                    topic: topic.name.clone(),
                    consumed: consumed.contains(&message.decl.name.as_str()),
                })
            })
            .collect();
        let settings = group_settings(declared);
        let mut topic_names: Vec<String> = read_topics.iter().map(|name| (*name).to_owned()).collect();
        topic_names.extend(settings.dlq.iter().map(|dlq| dlq.topic.clone()));
        topic_names.extend(settings.retry.topics.iter().cloned());
        let topics = topic_names
            .iter()
            .filter_map(|name| {
                let topic = model.topics.get(name)?;
                Some(TopicSetup {
                    name: name.clone(),
                    partitions: topic.partitions.as_ref().map_or(0, |p| p.value),
                    partitioner: same(topic.partitioner.value.as_str(), Partitioner::parse, Partitioner::Murmur2),
                })
            })
            .collect();
        let service = model.group_services.get(group).map(String::as_str).unwrap_or_default();
        let constraints = model
            .constraints
            .values()
            .filter_map(|constraint| {
                let order = constraint.order.as_ref()?;
                let names: Vec<&str> = match order {
                    ConstraintOrder::Fsm(fsm) => fsm
                        .start
                        .iter()
                        .chain(fsm.next.values().flat_map(|state| std::iter::once(&state.state).chain(&state.next)))
                        .map(|r| r.name.as_str())
                        .collect(),
                    ConstraintOrder::Precedes(precedes) => {
                        precedes.first.iter().chain(&precedes.then).map(|r| r.name.as_str()).collect()
                    }
                };
                let mut bound: Vec<&str> = names.into_iter().filter(|name| consumed.contains(name)).collect();
                bound.sort_unstable();
                bound.dedup();
                let listed = constraint.consumers.is_empty() || constraint.consumers.iter().any(|c| c.name == service);
                if bound.len() < 2 || !listed {
                    return None;
                }
                let rule = match order {
                    ConstraintOrder::Fsm(fsm) => ConstraintRule::Fsm {
                        start: fsm.start.iter().map(|r| r.name.clone()).collect(),
                        next: fsm
                            .next
                            .values()
                            .map(|state| {
                                (state.state.name.clone(), state.next.iter().map(|r| r.name.clone()).collect())
                            })
                            .collect(),
                    },
                    ConstraintOrder::Precedes(precedes) => ConstraintRule::Precedes {
                        first: precedes.first.iter().map(|r| r.name.clone()).collect(),
                        then: precedes.then.iter().map(|r| r.name.clone()).collect(),
                    },
                };
                Some(ConstraintSetup { id: constraint.decl.name.clone(), rule })
            })
            .collect();
        let producer = model
            .messages
            .values()
            .filter(|message| consumed.contains(&message.decl.name.as_str()))
            .flat_map(|message| message.producers.iter())
            .find_map(|producer| model.services.get(&producer.name))
            .map(|service| {
                let settings = &service.producer;
                ProducerSettings {
                    idempotent: settings.idempotent.value,
                    max_in_flight: settings.max_in_flight.value,
                    partitioner: settings
                        .partitioner
                        .as_ref()
                        .and_then(|p| Partitioner::parse(p.value.as_str()))
                        .or_else(|| match settings.client.as_ref().map(|c| c.value.as_str()) {
                            Some("java") => Some(Partitioner::Murmur2),
                            Some("librdkafka") => Some(Partitioner::Crc32),
                            _ => None,
                        }),
                    outbox: settings.outbox.value,
                }
            })
            .unwrap_or_default();
        Ok(SimSetup { group: group.to_owned(), topics, messages, settings, constraints, producer })
    }
}

fn group_settings(group: &eventlint_catalog::ConsumerGroup) -> GroupSettings {
    let defaults = GroupSettings::default();
    let retry = &group.retry;
    let backoff = &retry.backoff;
    let commit = match group.commit.policy.value {
        CommitPolicy::Every(every) => {
            CommitSettings { every, interval_ms: None, on_revoke: group.commit.on_revoke.value }
        }
        CommitPolicy::Interval(interval) => {
            CommitSettings { every: 1, interval_ms: Some(millis(interval)), on_revoke: group.commit.on_revoke.value }
        }
    };
    GroupSettings {
        instances: group.instances.value.max(1),
        assignor: same(group.assignor.value.as_str(), Assignor::parse, defaults.assignor),
        processing: same(group.processing.value.as_str(), Processing::parse, defaults.processing),
        delivery: same(group.delivery.value.as_str(), Delivery::parse, defaults.delivery),
        idempotent: group.idempotent.value,
        commit,
        max_poll_interval_ms: millis(group.max_poll_interval.value),
        session_timeout_ms: millis(group.session_timeout.value),
        retry: RetrySettings {
            mode: same(retry.mode.value.as_str(), RetryMode::parse, RetryMode::Blocking),
            max_attempts: retry.max_attempts.value.max(1),
            backoff: Backoff {
                kind: same(backoff.kind.value.as_str(), BackoffType::parse, BackoffType::Fixed),
                initial_ms: millis(backoff.initial.value),
                increment_ms: backoff.increment.as_ref().map_or(0, |i| millis(i.value)),
                multiplier_permille: backoff
                    .multiplier
                    .as_ref()
                    .map_or(1000, |m| (m.value * 1000.0).round().max(1000.0) as u64),
                max_ms: backoff.max.as_ref().map(|m| millis(m.value)),
            },
            topics: retry.topics.iter().map(|topic| topic.name.clone()).collect(),
        },
        on_exhausted: same(group.on_exhausted.value.as_str(), OnExhausted::parse, defaults.on_exhausted),
        dlq: group.dlq.as_ref().map(|dlq| {
            let synthetic = DlqSettings::synthetic(&group.decl.name);
            DlqSettings {
                topic: dlq.topic.as_ref().map_or(synthetic.topic, |topic| topic.name.clone()),
                partition: same(dlq.partition.value.as_str(), DlqPartition::parse, DlqPartition::Same),
                park_by_key: dlq.park_by_key.value,
                park_store: same(dlq.park_store.value.as_str(), ParkStore::parse, ParkStore::Durable),
                unpark: same(dlq.unpark.value.as_str(), Unpark::parse, Unpark::WhenBacklogDrained),
                replay: ReplaySettings {
                    via: dlq.replay.as_ref().map_or(ReplayVia::InPlace, |r| {
                        same(r.via.value.as_str(), ReplayVia::parse, ReplayVia::InPlace)
                    }),
                    order: dlq.replay.as_ref().map_or(ReplayOrder::DlqOffset, |r| {
                        same(r.order.value.as_str(), ReplayOrder::parse, ReplayOrder::DlqOffset)
                    }),
                },
            }
        }),
    }
}
