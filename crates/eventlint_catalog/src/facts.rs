//! Derived facts that rules, the compat engine and the simulator share (rules/README.md §3.2): which groups a
//! constraint binds, which topics a group reads, per-key requirements, the consumers of a message.

use crate::model::*;

impl Constraint {
    /// Every message the constraint names, in order of first mention, without repeats.
    pub fn messages(&self) -> Vec<&str> {
        let refs: Vec<&Ref> = match &self.order {
            Some(ConstraintOrder::Fsm(fsm)) => fsm
                .start
                .iter()
                .chain(fsm.next.values().flat_map(|s| std::iter::once(&s.state).chain(&s.next)))
                .collect(),
            Some(ConstraintOrder::Precedes(p)) => p.first.iter().chain(&p.then).collect(),
            None => Vec::new(),
        };
        let mut names: Vec<&str> = Vec::new();
        for r in refs {
            if !names.contains(&r.name.as_str()) {
                names.push(&r.name);
            }
        }
        names
    }
}

impl Model {
    /// The messages a group consumes (through consumer entries that resolve to it), in declaration order.
    pub fn messages_of_group<'m>(&'m self, group: &str) -> Vec<&'m Message> {
        let resolves_to_group = |c: &Consumer| c.group.as_ref().is_some_and(|g| g.value == group);
        self.messages.values().filter(|m| m.consumers.iter().any(resolves_to_group)).collect()
    }

    /// The topics a group reads: the topics of the messages it consumes, without repeats.
    pub fn topics_of_group<'m>(&'m self, group: &str) -> Vec<&'m str> {
        let mut topics: Vec<&str> = Vec::new();
        for message in self.messages_of_group(group) {
            if let Some(topic) = message.topic.as_ref().filter(|t| !topics.contains(&t.name.as_str())) {
                topics.push(&topic.name);
            }
        }
        topics
    }

    /// Groups bound by a constraint (catalog-format §8): every group consuming two or more of its messages,
    /// restricted to the groups of the listed `consumers` services when the constraint lists any.
    pub fn groups_bound_by<'m>(&'m self, constraint: &Constraint) -> Vec<&'m str> {
        let messages = constraint.messages();
        self.groups()
            .filter(|(service, _)| {
                constraint.consumers.is_empty() || constraint.consumers.iter().any(|c| c.name == service.decl.name)
            })
            .filter(|(_, group)| {
                let consumed = self.messages_of_group(&group.decl.name);
                messages.iter().filter(|m| consumed.iter().any(|c| c.decl.name == **m)).count() >= 2
            })
            .map(|(_, group)| group.decl.name.as_str())
            .collect()
    }

    /// Whether a group must keep per-key order on a topic: one of its consumer entries for a message on the
    /// topic says `ordering: per-key`, or a constraint binding the group has messages on the topic.
    pub fn has_per_key_requirement(&self, group: &str, topic: &str) -> bool {
        let on_topic = |m: &Message| m.topic.as_ref().is_some_and(|t| t.name == topic);
        let declared = self
            .consumers_of_group(group)
            .any(|(message, consumer)| on_topic(message) && consumer.ordering.value == Ordering::PerKey);
        declared
            || self.constraints.values().any(|constraint| {
                self.groups_bound_by(constraint).contains(&group)
                    && constraint.messages().iter().any(|m| self.messages.get(*m).is_some_and(on_topic))
            })
    }

    /// The consumers of a message: its distinct consumer services, then the services of views fed by it.
    pub fn consuming_services<'m>(&'m self, message: &'m Message) -> Vec<&'m str> {
        let mut services: Vec<&str> = Vec::new();
        let from_views = self
            .views
            .values()
            .filter(|v| v.from.iter().any(|f| f.name == message.decl.name))
            .filter_map(|v| v.service.as_ref());
        for name in message.consumers.iter().map(|c| &c.service).chain(from_views).map(|r| r.name.as_str()) {
            if !services.contains(&name) {
                services.push(name);
            }
        }
        services
    }

    /// Whether `consumer` is in another domain than `producer`, or is external (rules/README.md §3.2).
    pub fn is_cross_domain<'m>(&'m self, producer: &str, consumer: &str) -> bool {
        let (Some(p), Some(c)) = (self.services.get(producer), self.services.get(consumer)) else { return false };
        let domain = |s: &'m Service| s.domain.as_ref().map(|d| d.value.as_str());
        c.external.value || domain(p) != domain(c)
    }
}
