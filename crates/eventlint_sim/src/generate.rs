//! The `generate` workload as an iterator of compact events (key index, lifecycle message, fault) drawn from the
//! `generate` PRNG stream in produce order, so the engine interns them without building strings per event
//! (dlq-simulator §4.1).

use crate::prng::{Probability, Rng, Stream, Zipf, geometric};
use crate::scenario::{EventFault, Generate, Interleave, Lifecycle, Popularity, StreamEvent};
use crate::setup::{ConstraintRule, ConstraintSetup, SimSetup};

/// Generated workloads are held in memory in this version, so their size is capped.
pub const MAX_GENERATED_EVENTS: u64 = 20_000_000;

/// The events of a `generate` workload as a stream with `g<index>` ids and no partitions, as the engine draws
/// them (for baselines and tools that want the workload itself).
pub fn generated_stream(setup: &SimSetup, generate: &Generate, seed: u64) -> Result<Vec<StreamEvent>, String> {
    Ok(Generator::new(setup, generate, seed)?.into_stream())
}

/// One generated event: the key's index (`‹prefix›‹index›`), an index into [`Generator::messages`] and its fault.
pub(crate) struct GeneratedEvent {
    pub key: u32,
    pub message: usize,
    pub fault: EventFault,
}

/// Draws the events of a `generate` workload one by one; the lifecycle walk runs over message indices.
pub(crate) struct Generator<'a> {
    generate: &'a Generate,
    /// The distinct message names of the lifecycle.
    pub messages: Vec<String>,
    start: Vec<usize>,
    /// `(from, targets)` in declaration order.
    next: Vec<(usize, Vec<usize>)>,
    /// Per key: the position in `next` of its last message, or `None` at the start.
    state: Vec<Option<usize>>,
    rng: Rng,
    zipf: Option<Zipf>,
    poison: Probability,
    transient: Probability,
    geometric_p: Probability,
    index: u64,
}

impl<'a> Generator<'a> {
    /// Resolves the lifecycle; errors are load-class problems.
    pub fn new(setup: &SimSetup, generate: &'a Generate, seed: u64) -> Result<Self, String> {
        let (start, next): (Vec<String>, Vec<(String, Vec<String>)>) = match &generate.lifecycle {
            Lifecycle::Sequence(messages) => {
                let next = messages.windows(2).map(|pair| (pair[0].clone(), vec![pair[1].clone()])).collect();
                (messages.first().cloned().into_iter().collect(), next)
            }
            Lifecycle::Constraint(id) => match setup.constraints.iter().find(|constraint| constraint.id == *id) {
                Some(ConstraintSetup { rule: ConstraintRule::Fsm { start, next }, .. }) => {
                    (start.clone(), next.clone())
                }
                _ => {
                    return Err(format!(
                        "generate.lifecycle names `{id}`, which is not an `fsm` constraint of the group"
                    ));
                }
            },
        };
        if start.is_empty() {
            return Err("generate: the lifecycle has no start message".to_owned());
        }
        if generate.events > MAX_GENERATED_EVENTS {
            return Err(format!(
                "generate.events: at most {MAX_GENERATED_EVENTS} events are supported in this version"
            ));
        }
        let mut messages: Vec<String> = vec![];
        let mut index_of = |name: &String| match messages.iter().position(|known| known == name) {
            Some(index) => index,
            None => {
                messages.push(name.clone());
                messages.len() - 1
            }
        };
        let start = start.iter().map(&mut index_of).collect();
        let next =
            next.iter().map(|(from, targets)| (index_of(from), targets.iter().map(&mut index_of).collect())).collect();
        let key_count = generate.key_count.max(1);
        Ok(Generator {
            generate,
            messages,
            start,
            next,
            state: vec![None; key_count as usize],
            rng: Rng::new(seed, Stream::Generate),
            zipf: match generate.popularity {
                Popularity::Zipf(exponent) => Some(Zipf::new(key_count, exponent)),
                Popularity::Uniform => None,
            },
            poison: Probability::new(generate.poison),
            transient: Probability::new(generate.transient),
            geometric_p: Probability::new(generate.transient_geometric),
            index: 0,
        })
    }

    /// The number of events still to draw.
    pub fn remaining(&self) -> u64 {
        self.generate.events - self.index
    }

    /// The key text of a key index.
    pub fn key_name(&self, key: u32) -> String {
        format!("{}{key}", self.generate.key_prefix)
    }

    fn into_stream(mut self) -> Vec<StreamEvent> {
        let mut events = Vec::with_capacity(self.remaining().min(1 << 24) as usize);
        let at = self.generate.rate.map(|_| u64::MAX);
        while let Some(event) = self.next() {
            events.push(StreamEvent {
                id: format!("g{}", events.len()),
                message: self.messages[event.message].clone(),
                key: Some(self.key_name(event.key)),
                partition: None,
                at,
                fault: event.fault,
            });
        }
        events
    }
}

impl Iterator for Generator<'_> {
    type Item = GeneratedEvent;

    fn next(&mut self) -> Option<GeneratedEvent> {
        let generate = self.generate;
        if self.index >= generate.events {
            return None;
        }
        let index = self.index;
        self.index += 1;
        let key_count = generate.key_count.max(1);
        let rng = &mut self.rng;
        let key = match (&mut self.zipf, generate.interleave) {
            (_, Interleave::RoundRobin) => (index % u64::from(key_count)) as u32,
            (Some(zipf), Interleave::Random) => zipf.sample(rng),
            (None, Interleave::Random) => rng.below(u64::from(key_count)) as u32,
        };
        let slot = self.state.get_mut(key as usize)?;
        let choices: &[usize] = match slot.and_then(|current| self.next.get(current)) {
            Some((_, targets)) if !targets.is_empty() => targets,
            _ => &self.start,
        };
        let message = choices[rng.below(choices.len() as u64) as usize];
        *slot = self.next.iter().position(|(from, _)| *from == message);
        if slot.is_some_and(|position| self.next[position].1.is_empty()) {
            *slot = None;
        }
        let fault = if rng.chance(self.poison) && generate.poison > 0.0 {
            EventFault::Poison { class: None, detail: "generated poison".to_owned() }
        } else if generate.transient > 0.0 && rng.chance(self.transient) {
            EventFault::Transient {
                failures: geometric(rng, self.geometric_p, generate.transient_max.max(1)),
                class: None,
            }
        } else {
            EventFault::None
        };
        Some(GeneratedEvent { key, message, fault })
    }
}
