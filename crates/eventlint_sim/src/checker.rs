//! Online per-key order and constraint checking of first runs: a contiguous-prefix cursor per key plus the
//! highest run rank, and one FSM state or `precedes` flag per (constraint, key) (dlq-simulator §6).

use crate::setup::{ConstraintRule, ConstraintSetup};

/// A constraint compiled to message indices.
struct CompiledConstraint {
    id: String,
    kind: CompiledRule,
}

enum CompiledRule {
    /// `allowed` holds `(state, message)`; state 0 is start, `m + 1` is "last was message m".
    Fsm {
        members: Vec<bool>,
        allowed: Vec<(u32, u32)>,
    },
    Precedes {
        first: Vec<u32>,
        then: Vec<u32>,
    },
}

/// An order finding at a first run.
#[derive(Debug, PartialEq)]
pub enum OrderFinding {
    /// A lower-ranked event of the key has not run; the lowest such event.
    Overtake { lowest_unrun: u32 },
    /// A higher-ranked event already ran; the highest such event.
    Inversion { highest_run: u32 },
}

/// A constraint finding at a first run.
#[derive(Debug, PartialEq)]
pub struct CausalFinding {
    pub constraint: usize,
    /// Previous FSM state message (`None`: start), or `None` for `precedes`.
    pub from: Option<u32>,
    pub precedes: bool,
}

/// Per-key checking state over dense key ids and event ranks.
pub struct Checker {
    /// Events of each key in rank (produce) order.
    key_events: Vec<Vec<u32>>,
    prefix: Vec<u32>,
    max_rank: Vec<Option<u32>>,
    constraints: Vec<CompiledConstraint>,
    /// `state[constraint][key]`.
    state: Vec<Vec<u32>>,
}

impl Checker {
    /// `message_index` resolves message names; constraints naming unknown messages keep those names inert.
    pub fn new(
        key_events: Vec<Vec<u32>>,
        constraints: &[ConstraintSetup],
        message_index: &dyn Fn(&str) -> Option<u32>,
    ) -> Self {
        let keys = key_events.len();
        let compiled: Vec<CompiledConstraint> = constraints
            .iter()
            .map(|constraint| {
                let kind = match &constraint.rule {
                    ConstraintRule::Fsm { start, next } => {
                        let mut members = vec![];
                        let mut allowed = vec![];
                        let note = |name: &str, members: &mut Vec<bool>| {
                            let index = message_index(name)?;
                            if members.len() <= index as usize {
                                members.resize(index as usize + 1, false);
                            }
                            members[index as usize] = true;
                            Some(index)
                        };
                        for name in start {
                            if let Some(index) = note(name, &mut members) {
                                allowed.push((0, index));
                            }
                        }
                        for (from, targets) in next {
                            let Some(from_index) = note(from, &mut members) else { continue };
                            for name in targets {
                                if let Some(index) = note(name, &mut members) {
                                    allowed.push((from_index + 1, index));
                                }
                            }
                        }
                        allowed.sort_unstable();
                        CompiledRule::Fsm { members, allowed }
                    }
                    ConstraintRule::Precedes { first, then } => CompiledRule::Precedes {
                        first: first.iter().filter_map(|name| message_index(name)).collect(),
                        then: then.iter().filter_map(|name| message_index(name)).collect(),
                    },
                };
                CompiledConstraint { id: constraint.id.clone(), kind }
            })
            .collect();
        Checker {
            prefix: vec![0; keys],
            max_rank: vec![None; keys],
            state: vec![vec![0; keys]; compiled.len()],
            constraints: compiled,
            key_events,
        }
    }

    pub fn constraint_id(&self, index: usize) -> &str {
        &self.constraints[index].id
    }

    pub fn constraint_count(&self) -> usize {
        self.constraints.len()
    }

    /// Checks the first run of the event of `key` with `rank`; `has_run` tells which events ran before.
    pub fn first_run_order(&mut self, key: u32, rank: u32, has_run: &dyn Fn(u32) -> bool) -> Vec<OrderFinding> {
        let key = key as usize;
        let (Some(events), Some(prefix)) = (self.key_events.get(key), self.prefix.get_mut(key)) else {
            return vec![];
        };
        let mut findings = vec![];
        if rank > *prefix
            && let Some(&lowest_unrun) = events.get(*prefix as usize)
        {
            findings.push(OrderFinding::Overtake { lowest_unrun });
        }
        let max_rank = &mut self.max_rank[key];
        if let Some(highest) = *max_rank
            && highest > rank
            && let Some(&highest_run) = events.get(highest as usize)
        {
            findings.push(OrderFinding::Inversion { highest_run });
        }
        *max_rank = Some(max_rank.map_or(rank, |highest| highest.max(rank)));
        while let Some(&event) = events.get(*prefix as usize) {
            if *prefix != rank && !has_run(event) {
                break;
            }
            *prefix += 1;
        }
        findings
    }

    /// Applies the first run of `message` for `key` to every constraint; returns the broken ones.
    pub fn first_run_constraints(&mut self, key: u32, message: u32) -> Vec<CausalFinding> {
        let key = key as usize;
        let mut findings = vec![];
        for (index, constraint) in self.constraints.iter().enumerate() {
            let Some(state) = self.state[index].get_mut(key) else { continue };
            match &constraint.kind {
                CompiledRule::Fsm { members, allowed } => {
                    if !members.get(message as usize).copied().unwrap_or(false) {
                        continue;
                    }
                    if allowed.binary_search(&(*state, message)).is_err() {
                        let from = state.checked_sub(1);
                        findings.push(CausalFinding { constraint: index, from, precedes: false });
                    }
                    *state = message + 1;
                }
                CompiledRule::Precedes { first, then } => {
                    if first.contains(&message) {
                        *state = 1;
                    } else if then.contains(&message) && *state == 0 {
                        findings.push(CausalFinding { constraint: index, from: None, precedes: true });
                    }
                }
            }
        }
        findings
    }

    /// The `first` messages of a `precedes` constraint, for messages.
    pub fn precedes_first(&self, index: usize) -> &[u32] {
        match self.constraints.get(index).map(|constraint| &constraint.kind) {
            Some(CompiledRule::Precedes { first, .. }) => first,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(name: &str) -> Option<u32> {
        ["A", "B", "C"].iter().position(|candidate| *candidate == name).map(|index| index as u32)
    }

    /// Runs first runs of ranks in `order` for one key of `n` events and prints the findings.
    fn check_order(n: u32, order: &[u32], expect: &str) {
        let mut checker = Checker::new(vec![(0..n).collect()], &[], &names);
        let mut ran = vec![false; n as usize];
        let mut out = vec![];
        for &rank in order {
            let snapshot = ran.clone();
            let findings = checker.first_run_order(0, rank, &|event| snapshot[event as usize]);
            ran[rank as usize] = true;
            for finding in findings {
                out.push(format!("{rank}:{finding:?}"));
            }
        }
        assert_eq!(out.join(" "), expect);
    }

    #[test]
    fn in_order_runs_are_clean() {
        check_order(3, &[0, 1, 2], "");
    }

    #[test]
    fn overtake_names_the_lowest_unrun_and_inversion_the_highest_run() {
        check_order(
            4,
            &[0, 2, 3, 1],
            "2:Overtake { lowest_unrun: 1 } 3:Overtake { lowest_unrun: 1 } 1:Inversion { highest_run: 3 }",
        );
    }

    #[test]
    fn fsm_state_follows_the_last_processed_message() {
        let fsm = ConstraintSetup {
            id: "life".into(),
            rule: ConstraintRule::Fsm {
                start: vec!["A".into()],
                next: vec![("A".into(), vec!["B".into()]), ("B".into(), vec!["C".into()])],
            },
        };
        let precedes = ConstraintSetup {
            id: "b-before-c".into(),
            rule: ConstraintRule::Precedes { first: vec!["B".into()], then: vec!["C".into()] },
        };
        let mut checker = Checker::new(vec![vec![]], &[fsm, precedes], &names);
        assert_eq!(checker.first_run_constraints(0, 0), vec![]);
        let broken: Vec<usize> = checker.first_run_constraints(0, 2).iter().map(|finding| finding.constraint).collect();
        assert_eq!(broken, vec![0, 1]);
        // State is now C: B is not allowed after C, and the precedes flag is set by B.
        assert_eq!(checker.first_run_constraints(0, 1).len(), 1);
    }
}
