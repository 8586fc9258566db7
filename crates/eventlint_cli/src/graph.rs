//! `eventlint graph` (CLI spec §2.5): the model graph as Mermaid, Graphviz DOT or JSON, so a team can look at their
//! model as a picture. `flow` shows message flow between services, grouped by topic; `model` shows the Event
//! Modeling layer. Commands, events and views are styled apart.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fmt::Write as _;
use std::io::Write as _;

use eventlint_catalog::{MessageKind, Model};
use eventlint_diagnostics::{Diagnostic, Sources, render_concise, resolve_all};
use eventlint_lint::flow_graph::{EdgeKind, FlowGraph, NodeKind};
use eventlint_project::{ProjectOptions, load_project};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::Outcome;
use crate::args::{GlobalArgs, GraphArgs, GraphFormat, GraphView};
use crate::discover::{self, input_files};

pub fn run(global: &GlobalArgs, args: &GraphArgs) -> Outcome {
    let setup = discover::setup(global, &args.paths);
    if !setup.diagnostics.is_empty() {
        return load_failed(&setup.sources, &setup.diagnostics);
    }
    let inputs = input_files(&setup, &args.paths);
    let limits = setup.config.limits;
    let read_extra = |path: &str| discover::read_limited(&setup.root.join(path), limits.max_file_bytes).ok();
    let (project, diagnostics) = load_project(inputs, &read_extra, &ProjectOptions { limits });
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_load_error).collect();
    if !errors.is_empty() {
        return load_failed(&project.sources, &errors);
    }
    let picture = match Picture::new(&project.model, args.view, args.focus.as_deref(), args.depth) {
        Ok(picture) => picture,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            return Outcome::Failed;
        }
    };
    let text = match args.output_format {
        GraphFormat::Mermaid => picture.mermaid(),
        GraphFormat::Dot => picture.dot(),
        GraphFormat::Json => picture.json(),
    };
    crate::check::write_report(global, &text, Outcome::Clean)
}

/// Prints load errors (the graph shows no findings) and exits 2.
fn load_failed(sources: &Sources, errors: &[Diagnostic]) -> Outcome {
    for error in resolve_all(sources, errors, false) {
        let _ = writeln!(std::io::stderr(), "{}", render_concise(&error));
    }
    Outcome::Failed
}

/// The nodes and edges one view shows, in catalog order.
struct Picture<'m> {
    model: &'m Model,
    flow: FlowGraph,
    view: GraphView,
    nodes: Vec<NodeIndex>,
    edges: Vec<(NodeIndex, NodeIndex, EdgeKind)>,
}

/// The edges each view draws.
fn drawn(view: GraphView, kind: EdgeKind) -> bool {
    match view {
        GraphView::Flow => matches!(kind, EdgeKind::Produces | EdgeKind::Consumes),
        GraphView::Model => matches!(
            kind,
            EdgeKind::Emits
                | EdgeKind::TriggeredBy
                | EdgeKind::Feeds
                | EdgeKind::Triggers
                | EdgeKind::Reads
                | EdgeKind::Issues
                | EdgeKind::Shows
        ),
    }
}

impl<'m> Picture<'m> {
    fn new(model: &'m Model, view: GraphView, focus: Option<&str>, depth: u32) -> Result<Picture<'m>, String> {
        let flow = FlowGraph::build(model);
        let graph = &flow.graph;
        let mut edges: Vec<(NodeIndex, NodeIndex, EdgeKind)> = graph
            .edge_references()
            .filter(|edge| drawn(view, *edge.weight()))
            .map(|edge| (edge.source(), edge.target(), *edge.weight()))
            .collect();
        // `emits` and `triggeredBy` written for the same pair are one arrow.
        let emitted: HashSet<(NodeIndex, NodeIndex)> =
            edges.iter().filter(|(_, _, kind)| *kind == EdgeKind::Emits).map(|&(a, b, _)| (a, b)).collect();
        edges.retain(|&(a, b, kind)| kind != EdgeKind::TriggeredBy || !emitted.contains(&(a, b)));
        edges.sort_by_key(|&(a, b, kind)| (a, b, kind));

        let mut shown: BTreeSet<NodeIndex> = edges.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        if view == GraphView::Flow {
            // Services and messages without edges still belong in the picture of who talks to whom.
            shown.extend(
                graph.node_indices().filter(|&n| matches!(graph[n].kind, NodeKind::Service | NodeKind::Message(_))),
            );
        }
        if let Some(name) = focus {
            let start = flow
                .element(name)
                .or_else(|| flow.service(name))
                .or_else(|| flow.topic(name))
                .ok_or_else(|| format!("`--focus {name}` names no message, service or topic"))?;
            let near = neighbourhood(start, depth, &edges, &flow, view);
            shown.retain(|node| near.contains(node));
            shown.extend(near.iter().filter(|&&n| graph[n].kind != NodeKind::Topic || view == GraphView::Flow));
            edges.retain(|(a, b, _)| shown.contains(a) && shown.contains(b));
        }
        Ok(Picture { model, view, nodes: shown.into_iter().collect(), edges, flow })
    }

    fn node_id(&self, node: NodeIndex) -> String {
        let flow_node = self.flow.node(node);
        let prefix = match flow_node.kind {
            NodeKind::Service => "svc",
            NodeKind::Topic => "topic",
            _ => "el",
        };
        let name: String = flow_node.name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        format!("{prefix}_{name}")
    }

    /// The style class of a node: `service`, `command`, `event`, `view`, …
    fn class(&self, node: NodeIndex) -> &'static str {
        match self.flow.node(node).kind {
            NodeKind::Service if self.flow.node(node).external => "external",
            NodeKind::Message(MessageKind::Notification | MessageKind::Document) => "event",
            NodeKind::Message(MessageKind::Query) => "command",
            kind => kind.as_str(),
        }
    }

    /// The label of an edge: the consumer group on a consume edge (when it is not named after its service).
    fn edge_label(&self, from: NodeIndex, to: NodeIndex, kind: EdgeKind) -> Option<String> {
        match kind {
            EdgeKind::Consumes => {
                let message = self.model.messages.get(&self.flow.node(from).name)?;
                let service = &self.flow.node(to).name;
                let consumer = message.consumers.iter().find(|c| &c.service.name == service)?;
                let group = &consumer.group.as_ref()?.value;
                (group != service).then(|| group.clone())
            }
            EdgeKind::Produces => None,
            other => (self.view == GraphView::Model).then(|| other.as_str().to_owned()),
        }
    }

    /// Message nodes grouped by topic (flow view), in catalog order; `None` for messages without a topic.
    fn topics(&self) -> Vec<(Option<&str>, Vec<NodeIndex>)> {
        let mut groups: Vec<(Option<&str>, Vec<NodeIndex>)> = Vec::new();
        for &node in self.nodes.iter().filter(|&&n| matches!(self.flow.node(n).kind, NodeKind::Message(_))) {
            let topic = match self.view {
                GraphView::Flow => self
                    .model
                    .messages
                    .get(&self.flow.node(node).name)
                    .and_then(|m| m.topic.as_ref())
                    .map(|t| t.name.as_str()),
                GraphView::Model => None,
            };
            match groups.iter_mut().find(|(name, _)| *name == topic) {
                Some((_, members)) => members.push(node),
                None => groups.push((topic, vec![node])),
            }
        }
        groups
    }

    fn mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        let shape = |node: NodeIndex| {
            let name = &self.flow.node(node).name;
            match self.flow.node(node).kind {
                NodeKind::Service => format!("[[\"{name}\"]]"),
                NodeKind::Message(MessageKind::Command | MessageKind::Query) => format!("[\"{name}\"]"),
                NodeKind::Message(_) => format!("(\"{name}\")"),
                NodeKind::View => format!("[(\"{name}\")]"),
                NodeKind::Automation => format!("{{{{\"{name}\"}}}}"),
                NodeKind::Screen => format!("[/\"{name}\"\\]"),
                NodeKind::Topic => format!("[\"{name}\"]"),
            }
        };
        let declare = |out: &mut String, node: NodeIndex, indent: &str| {
            let _ = writeln!(out, "{indent}{}{}:::{}", self.node_id(node), shape(node), self.class(node));
        };
        for &node in self.nodes.iter().filter(|&&n| !matches!(self.flow.node(n).kind, NodeKind::Message(_))) {
            declare(&mut out, node, "  ");
        }
        for (topic, members) in self.topics() {
            match topic {
                Some(topic) => {
                    let id: String = topic.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
                    let _ = writeln!(out, "  subgraph topic_{id}[\"topic {topic}\"]");
                    for node in members {
                        declare(&mut out, node, "    ");
                    }
                    out.push_str("  end\n");
                }
                None => members.into_iter().for_each(|node| declare(&mut out, node, "  ")),
            }
        }
        for &(from, to, kind) in &self.edges {
            let arrow = match (kind, self.edge_label(from, to, kind)) {
                (EdgeKind::Feeds | EdgeKind::Shows | EdgeKind::Reads, Some(label)) => format!("-. {label} .->"),
                (_, Some(label)) => format!("-- {label} -->"),
                (_, None) => "-->".to_owned(),
            };
            let _ = writeln!(out, "  {} {arrow} {}", self.node_id(from), self.node_id(to));
        }
        out.push_str(concat!(
            "  classDef service fill:#eceff1,stroke:#455a64,color:#263238\n",
            "  classDef external fill:#ffffff,stroke:#455a64,stroke-dasharray:4 3,color:#263238\n",
            "  classDef command fill:#bbdefb,stroke:#1565c0,color:#0d47a1\n",
            "  classDef event fill:#ffe0b2,stroke:#ef6c00,color:#e65100\n",
            "  classDef view fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20\n",
            "  classDef automation fill:#e1bee7,stroke:#6a1b9a,color:#4a148c\n",
            "  classDef screen fill:#fff9c4,stroke:#f9a825,color:#5d4037\n",
        ));
        out
    }

    fn dot(&self) -> String {
        let mut out = String::from(
            "digraph model {\n  rankdir=LR;\n  fontname=\"Helvetica\";\n  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n  edge [fontname=\"Helvetica\", fontsize=9, color=\"#607d8b\"];\n",
        );
        let attributes = |node: NodeIndex| -> &'static str {
            match self.class(node) {
                "service" => "shape=component, fillcolor=\"#eceff1\", color=\"#455a64\"",
                "external" => "shape=component, fillcolor=\"#ffffff\", color=\"#455a64\", style=\"filled,dashed\"",
                "command" => "shape=box, fillcolor=\"#bbdefb\", color=\"#1565c0\"",
                "event" => "shape=box, style=\"filled,rounded\", fillcolor=\"#ffe0b2\", color=\"#ef6c00\"",
                "view" => "shape=cylinder, fillcolor=\"#c8e6c9\", color=\"#2e7d32\"",
                "automation" => "shape=hexagon, fillcolor=\"#e1bee7\", color=\"#6a1b9a\"",
                "screen" => "shape=tab, fillcolor=\"#fff9c4\", color=\"#f9a825\"",
                _ => "shape=box",
            }
        };
        let declare = |out: &mut String, node: NodeIndex, indent: &str| {
            let name = &self.flow.node(node).name;
            let _ = writeln!(out, "{indent}{} [label=\"{name}\", {}];", self.node_id(node), attributes(node));
        };
        for &node in self.nodes.iter().filter(|&&n| !matches!(self.flow.node(n).kind, NodeKind::Message(_))) {
            declare(&mut out, node, "  ");
        }
        for (index, (topic, members)) in self.topics().into_iter().enumerate() {
            match topic {
                Some(topic) => {
                    let _ = writeln!(
                        out,
                        "  subgraph cluster_{index} {{\n    label=\"topic {topic}\";\n    style=\"dashed,rounded\";\n    color=\"#90a4ae\";\n    fontcolor=\"#546e7a\";"
                    );
                    for node in members {
                        declare(&mut out, node, "    ");
                    }
                    out.push_str("  }\n");
                }
                None => members.into_iter().for_each(|node| declare(&mut out, node, "  ")),
            }
        }
        for &(from, to, kind) in &self.edges {
            let mut attributes = Vec::new();
            if let Some(label) = self.edge_label(from, to, kind) {
                attributes.push(format!("label=\"{label}\""));
            }
            if matches!(kind, EdgeKind::Feeds | EdgeKind::Shows | EdgeKind::Reads) {
                attributes.push("style=dashed".to_owned());
            }
            // A screen shows a view of earlier events: keep time flowing left to right.
            if kind == EdgeKind::Shows {
                attributes.push("constraint=false".to_owned());
            }
            let attributes =
                if attributes.is_empty() { String::new() } else { format!(" [{}]", attributes.join(", ")) };
            let _ = writeln!(out, "  {} -> {}{attributes};", self.node_id(from), self.node_id(to));
        }
        out.push_str("}\n");
        out
    }

    fn json(&self) -> String {
        let nodes: Vec<serde_json::Value> = self
            .nodes
            .iter()
            .map(|&node| {
                let flow_node = self.flow.node(node);
                serde_json::json!({"id": self.node_id(node), "kind": flow_node.kind.as_str(), "name": flow_node.name})
            })
            .collect();
        let edges: Vec<serde_json::Value> = self
            .edges
            .iter()
            .map(|&(from, to, kind)| {
                serde_json::json!({
                    "from": self.node_id(from),
                    "to": self.node_id(to),
                    "kind": kind.as_str(),
                    "label": self.edge_label(from, to, kind),
                })
            })
            .collect();
        let mut text =
            serde_json::to_string_pretty(&serde_json::json!({"nodes": nodes, "edges": edges})).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The nodes within `depth` steps of `start` along the drawn edges (either direction); in the flow view a topic
/// reaches its messages.
fn neighbourhood(
    start: NodeIndex,
    depth: u32,
    edges: &[(NodeIndex, NodeIndex, EdgeKind)],
    flow: &FlowGraph,
    view: GraphView,
) -> HashSet<NodeIndex> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((node, distance)) = queue.pop_front() {
        if distance == depth {
            continue;
        }
        let mut next: Vec<NodeIndex> = edges
            .iter()
            .filter_map(|&(a, b, _)| {
                if a == node {
                    Some(b)
                } else if b == node {
                    Some(a)
                } else {
                    None
                }
            })
            .collect();
        if view == GraphView::Flow {
            next.extend(flow.neighbours(node, EdgeKind::OnTopic, petgraph::Direction::Incoming));
        }
        for other in next {
            if seen.insert(other) {
                queue.push_back((other, distance + 1));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use eventlint_diagnostics::Limits;
    use eventlint_project::InputFile;

    use super::*;

    fn payments() -> eventlint_project::Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/payments");
        let mut inputs = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "avsc")
                    || path.to_string_lossy().ends_with(".catalog.yaml")
                {
                    let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                    inputs.push(InputFile { path: relative, contents: Ok(std::fs::read(&path).unwrap()) });
                }
            }
        }
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        let (project, errors) = load_project(inputs, &|_| None, &ProjectOptions { limits: Limits::default() });
        assert!(errors.iter().all(|e| !e.is_load_error()));
        project
    }

    fn picture(model: &Model, view: GraphView, focus: Option<&str>, format: GraphFormat) -> String {
        let picture = Picture::new(model, view, focus, 1).unwrap();
        match format {
            GraphFormat::Mermaid => picture.mermaid(),
            GraphFormat::Dot => picture.dot(),
            GraphFormat::Json => picture.json(),
        }
    }

    #[test]
    fn payments_flow_as_mermaid() {
        insta::assert_snapshot!(picture(&payments().model, GraphView::Flow, None, GraphFormat::Mermaid));
    }

    #[test]
    fn payments_flow_as_dot() {
        insta::assert_snapshot!(picture(&payments().model, GraphView::Flow, None, GraphFormat::Dot));
    }

    #[test]
    fn payments_model_as_mermaid() {
        insta::assert_snapshot!(picture(&payments().model, GraphView::Model, None, GraphFormat::Mermaid));
    }

    #[test]
    fn payments_model_as_dot() {
        insta::assert_snapshot!(picture(&payments().model, GraphView::Model, None, GraphFormat::Dot));
    }

    #[test]
    fn focus_keeps_the_neighbours_of_one_message() {
        insta::assert_snapshot!(picture(
            &payments().model,
            GraphView::Flow,
            Some("RefundRequested"),
            GraphFormat::Json
        ));
    }

    #[test]
    fn focus_on_an_unknown_name_is_an_error() {
        let project = payments();
        let error = Picture::new(&project.model, GraphView::Flow, Some("Nope"), 1).err();
        assert_eq!(error.as_deref(), Some("`--focus Nope` names no message, service or topic"));
    }
}
