//! Deterministic partition assignors (range, round-robin, sticky, cooperative-sticky) with ties broken by
//! member id, then topic and partition (dlq-simulator §2.4).

use crate::setup::Assignor;

/// A consumable partition, identified by its topic index and partition number; `tps` are in (topic, partition)
/// order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TopicPartition {
    pub topic: usize,
    pub partition: u32,
}

/// Computes `owner[tp index]` for `members` (indices into `member_ids`, alive ones only).
pub fn assign(
    assignor: Assignor,
    tps: &[TopicPartition],
    member_ids: &[String],
    members: &[usize],
    previous: &[Option<usize>],
) -> Vec<Option<usize>> {
    let mut sorted: Vec<usize> = members.to_vec();
    sorted.sort_unstable_by(|&a, &b| member_ids[a].cmp(&member_ids[b]).then(a.cmp(&b)));
    let mut owner = vec![None; tps.len()];
    if sorted.is_empty() {
        return owner;
    }
    match assignor {
        Assignor::Range => {
            let mut start = 0;
            while start < tps.len() {
                let topic = tps[start].topic;
                let end = start + tps[start..].iter().take_while(|tp| tp.topic == topic).count();
                let count = end - start;
                let (base, extra) = (count / sorted.len(), count % sorted.len());
                let mut next = start;
                for (rank, &member) in sorted.iter().enumerate() {
                    let take = base + usize::from(rank < extra);
                    for slot in owner.iter_mut().skip(next).take(take) {
                        *slot = Some(member);
                    }
                    next += take;
                }
                start = end;
            }
        }
        Assignor::RoundRobin => {
            for (index, slot) in owner.iter_mut().enumerate() {
                *slot = Some(sorted[index % sorted.len()]);
            }
        }
        Assignor::Sticky | Assignor::CooperativeSticky => {
            let cap = tps.len().div_ceil(sorted.len());
            let mut load = vec![0usize; member_ids.len()];
            for (index, slot) in owner.iter_mut().enumerate() {
                if let Some(Some(previous_owner)) = previous.get(index)
                    && sorted.contains(previous_owner)
                    && load[*previous_owner] < cap
                {
                    *slot = Some(*previous_owner);
                    load[*previous_owner] += 1;
                }
            }
            for slot in owner.iter_mut() {
                if slot.is_none() {
                    let least = sorted.iter().copied().min_by_key(|&member| load[member]).unwrap_or(sorted[0]);
                    *slot = Some(least);
                    load[least] += 1;
                }
            }
        }
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tps(partitions: &[u32]) -> Vec<TopicPartition> {
        let mut list = vec![];
        for (topic, &count) in partitions.iter().enumerate() {
            list.extend((0..count).map(|partition| TopicPartition { topic, partition }));
        }
        list
    }

    fn check(assignor: Assignor, partitions: &[u32], members: &[usize], previous: &[Option<usize>], expect: &str) {
        let ids: Vec<String> = (0..4).map(|n| format!("g-{n}")).collect();
        let owner = assign(assignor, &tps(partitions), &ids, members, previous);
        let text: Vec<String> = owner.iter().map(|slot| slot.map_or("-".to_owned(), |m| m.to_string())).collect();
        assert_eq!(text.join(" "), expect);
    }

    #[test]
    fn range_gives_consecutive_blocks_per_topic_and_extras_first() {
        check(Assignor::Range, &[3], &[0, 1], &[], "0 0 1");
        check(Assignor::Range, &[3, 2], &[1, 0], &[], "0 0 1 0 1");
        check(Assignor::Range, &[1], &[0, 1], &[], "0");
    }

    #[test]
    fn roundrobin_deals_partitions_in_turn() {
        check(Assignor::RoundRobin, &[3, 2], &[0, 1], &[], "0 1 0 1 0");
    }

    #[test]
    fn sticky_keeps_previous_owners_within_balance() {
        let previous = [Some(0), Some(0), Some(1), Some(1)];
        check(Assignor::Sticky, &[4], &[0, 1, 2], &previous, "0 0 1 1");
        check(Assignor::CooperativeSticky, &[4], &[0, 2], &previous, "0 0 2 2");
        check(Assignor::Sticky, &[4], &[], &previous, "- - - -");
    }
}
