//! The model as a graph (rules/flow.md): services, messages, topics, views, automations and screens, joined by
//! produce, consume, topic, `emits`/`triggeredBy`, `from`, `when`, `reads`, `issues` and `shows` edges. Built once per
//! lint run (see [`Context::flow`](crate::Context::flow)) for the `flow` rules and for `eventlint graph`.

use std::collections::HashMap;

use eventlint_catalog::{MessageKind, Model};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// What a node of the model graph stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Service,
    Message(MessageKind),
    Topic,
    View,
    Automation,
    Screen,
}

impl NodeKind {
    /// A lowercase word for output (`service`, `command`, `view`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Service => "service",
            NodeKind::Message(kind) => kind.as_str(),
            NodeKind::Topic => "topic",
            NodeKind::View => "view",
            NodeKind::Automation => "automation",
            NodeKind::Screen => "screen",
        }
    }

    /// Messages, views, automations and screens share one namespace; services and topics have their own.
    fn namespace(self) -> u8 {
        match self {
            NodeKind::Service => 0,
            NodeKind::Topic => 1,
            _ => 2,
        }
    }
}

/// One node: its kind and its name in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowNode {
    pub kind: NodeKind,
    pub name: String,
    /// For a service: `external: true`.
    pub external: bool,
}

/// Why two nodes are joined; the edge points the way data flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// service → message (`producer`).
    Produces,
    /// message → service (a `consumers` entry).
    Consumes,
    /// message → topic (`topic`).
    OnTopic,
    /// command → event, written on the command (`emits`).
    Emits,
    /// cause → event, written on the event (`triggeredBy`).
    TriggeredBy,
    /// message → view (`from`).
    Feeds,
    /// event → automation (`when`).
    Triggers,
    /// view → automation (`reads`).
    Reads,
    /// automation or screen → message (`issues`).
    Issues,
    /// view → screen (`shows`).
    Shows,
    /// service → view or automation (`service`).
    Owns,
}

impl EdgeKind {
    /// The catalog key that writes the edge.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Produces => "produces",
            EdgeKind::Consumes => "consumes",
            EdgeKind::OnTopic => "topic",
            EdgeKind::Emits => "emits",
            EdgeKind::TriggeredBy => "triggeredBy",
            EdgeKind::Feeds => "from",
            EdgeKind::Triggers => "when",
            EdgeKind::Reads => "reads",
            EdgeKind::Issues => "issues",
            EdgeKind::Shows => "shows",
            EdgeKind::Owns => "owns",
        }
    }
}

/// The model graph. Node and edge order follow the catalog, so everything derived from it is deterministic.
#[derive(Debug, Default)]
pub struct FlowGraph {
    pub graph: DiGraph<FlowNode, EdgeKind>,
    index: HashMap<(u8, String), NodeIndex>,
}

impl FlowGraph {
    /// Builds the graph of a resolved model. References the loader could not resolve are skipped.
    pub fn build(model: &Model) -> FlowGraph {
        let mut flow = FlowGraph::default();
        for service in model.services.values() {
            flow.add(NodeKind::Service, &service.decl.name, service.external.value);
        }
        for topic in model.topics.values() {
            flow.add(NodeKind::Topic, &topic.decl.name, false);
        }
        for message in model.messages.values() {
            flow.add(NodeKind::Message(message.kind.value), &message.decl.name, false);
        }
        for view in model.views.values() {
            flow.add(NodeKind::View, &view.decl.name, false);
        }
        for automation in model.automations.values() {
            flow.add(NodeKind::Automation, &automation.decl.name, false);
        }
        for screen in model.screens.values() {
            flow.add(NodeKind::Screen, &screen.decl.name, false);
        }

        let service = |name: &str| (NodeKind::Service, name.to_owned());
        let element = |name: &str| (NodeKind::View, name.to_owned());
        for message in model.messages.values() {
            let this = element(&message.decl.name);
            for producer in &message.producers {
                flow.join(service(&producer.name), this.clone(), EdgeKind::Produces);
            }
            for consumer in &message.consumers {
                flow.join(this.clone(), service(&consumer.service.name), EdgeKind::Consumes);
            }
            if let Some(topic) = &message.topic {
                flow.join(this.clone(), (NodeKind::Topic, topic.name.clone()), EdgeKind::OnTopic);
            }
            for event in &message.emits {
                flow.join(this.clone(), element(&event.name), EdgeKind::Emits);
            }
            for cause in &message.triggered_by {
                flow.join(element(&cause.name), this.clone(), EdgeKind::TriggeredBy);
            }
        }
        for view in model.views.values() {
            let this = element(&view.decl.name);
            if let Some(owner) = &view.service {
                flow.join(service(&owner.name), this.clone(), EdgeKind::Owns);
            }
            for message in &view.from {
                flow.join(element(&message.name), this.clone(), EdgeKind::Feeds);
            }
        }
        for automation in model.automations.values() {
            let this = element(&automation.decl.name);
            if let Some(owner) = &automation.service {
                flow.join(service(&owner.name), this.clone(), EdgeKind::Owns);
            }
            for event in &automation.when {
                flow.join(element(&event.name), this.clone(), EdgeKind::Triggers);
            }
            for view in &automation.reads {
                flow.join(element(&view.name), this.clone(), EdgeKind::Reads);
            }
            for command in &automation.issues {
                flow.join(this.clone(), element(&command.name), EdgeKind::Issues);
            }
        }
        for screen in model.screens.values() {
            let this = element(&screen.decl.name);
            for command in &screen.issues {
                flow.join(this.clone(), element(&command.name), EdgeKind::Issues);
            }
            for view in &screen.shows {
                flow.join(element(&view.name), this.clone(), EdgeKind::Shows);
            }
        }
        flow
    }

    fn add(&mut self, kind: NodeKind, name: &str, external: bool) {
        let key = (kind.namespace(), name.to_owned());
        if !self.index.contains_key(&key) {
            let node = self.graph.add_node(FlowNode { kind, name: name.to_owned(), external });
            self.index.insert(key, node);
        }
    }

    /// Adds an edge between two named nodes once; a name that is not in the graph adds nothing.
    fn join(&mut self, from: (NodeKind, String), to: (NodeKind, String), kind: EdgeKind) {
        let lookup = |(k, name): &(NodeKind, String)| self.index.get(&(k.namespace(), name.clone())).copied();
        if let (Some(a), Some(b)) = (lookup(&from), lookup(&to))
            && !self.graph.edges_connecting(a, b).any(|edge| *edge.weight() == kind)
        {
            self.graph.add_edge(a, b, kind);
        }
    }

    /// The node of a service.
    pub fn service(&self, name: &str) -> Option<NodeIndex> {
        self.index.get(&(NodeKind::Service.namespace(), name.to_owned())).copied()
    }

    /// The node of a topic.
    pub fn topic(&self, name: &str) -> Option<NodeIndex> {
        self.index.get(&(NodeKind::Topic.namespace(), name.to_owned())).copied()
    }

    /// The node of a message, view, automation or screen (they share one namespace).
    pub fn element(&self, name: &str) -> Option<NodeIndex> {
        self.index.get(&(NodeKind::View.namespace(), name.to_owned())).copied()
    }

    pub fn node(&self, index: NodeIndex) -> &FlowNode {
        &self.graph[index]
    }

    /// The nodes an edge of `kind` joins to `node` in `direction`, in insertion order, without repeats.
    pub fn neighbours(&self, node: NodeIndex, kind: EdgeKind, direction: Direction) -> Vec<NodeIndex> {
        let mut found: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, direction)
            .filter(|edge| *edge.weight() == kind)
            .map(|edge| if direction == Direction::Outgoing { edge.target() } else { edge.source() })
            .collect();
        // petgraph lists edges newest first; the catalog order is the insertion order.
        found.reverse();
        found.dedup();
        found
    }

    /// The names of the nodes an edge of `kind` joins to the element `name` in `direction`.
    pub fn names(&self, name: &str, kind: EdgeKind, direction: Direction) -> Vec<&str> {
        self.element(name)
            .map(|node| self.neighbours(node, kind, direction))
            .unwrap_or_default()
            .into_iter()
            .map(|node| self.graph[node].name.as_str())
            .collect()
    }

    /// The events that record a command's outcome: its `emits`, plus every message naming it in `triggeredBy`.
    pub fn outcomes(&self, command: &str) -> Vec<&str> {
        let mut events = self.names(command, EdgeKind::Emits, Direction::Outgoing);
        for event in self.names(command, EdgeKind::TriggeredBy, Direction::Outgoing) {
            if !events.contains(&event) {
                events.push(event);
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Workspace, shorthand};

    /// Renders every edge as `from -kind-> to`, in graph order.
    fn check(messages: &str, extra: &str, expect: &str) {
        let workspace = Workspace::load(&shorthand(messages, extra));
        let flow = FlowGraph::build(&workspace.model);
        let mut edges: Vec<String> = flow
            .graph
            .edge_references()
            .filter(|edge| !matches!(edge.weight(), EdgeKind::OnTopic))
            .map(|edge| {
                format!(
                    "{} -{}-> {}",
                    flow.graph[edge.source()].name,
                    edge.weight().as_str(),
                    flow.graph[edge.target()].name
                )
            })
            .collect();
        edges.sort_unstable();
        let expect: Vec<&str> = expect.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        assert_eq!(edges, expect);
    }

    #[test]
    fn messages_join_services_and_each_other() {
        check(
            "BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], emits: [CarrierBooked]}
             CarrierBooked: {producer: dispatcher, consumers: [crm], triggeredBy: [BookCarrier]}",
            "",
            "
            BookCarrier -consumes-> dispatcher
            BookCarrier -emits-> CarrierBooked
            BookCarrier -triggeredBy-> CarrierBooked
            CarrierBooked -consumes-> crm
            dispatcher -produces-> CarrierBooked
            shipping -produces-> BookCarrier
            ",
        );
    }

    #[test]
    fn the_event_modeling_layer_joins_views_automations_and_screens() {
        check(
            "RetryPickup: {kind: command, topic: shipping.commands, consumers: [dispatcher]}
             RetryScheduled: {producer: dispatcher, consumers: []}",
            "views: {Pending: {service: dispatcher, question: q, from: [RetryScheduled]}}
automations: {Retrier: {service: dispatcher, when: [RetryScheduled], reads: Pending, issues: RetryPickup}}
screens: {Desk: {actor: clerk, issues: [RetryPickup], shows: [Pending]}}
",
            "
            Desk -issues-> RetryPickup
            Pending -reads-> Retrier
            Pending -shows-> Desk
            Retrier -issues-> RetryPickup
            RetryPickup -consumes-> dispatcher
            RetryScheduled -from-> Pending
            RetryScheduled -when-> Retrier
            dispatcher -owns-> Pending
            dispatcher -owns-> Retrier
            dispatcher -produces-> RetryScheduled
            shipping -produces-> RetryPickup
            ",
        );
    }
}
