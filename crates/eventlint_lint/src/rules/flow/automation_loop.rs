//! `automation-loop`: a command → event → automation → command cycle with no to-do view to drain it.

use std::collections::{HashSet, VecDeque};

use eventlint_catalog::MessageKind;
use eventlint_diagnostics::{Diagnostic, SubjectType};
use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::context::Context;
use crate::flow_graph::{EdgeKind, FlowGraph, NodeKind};
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "automation-loop",
    category: Flow,
    severity: Warning,
    recommended: true,
    summary: "command→event→automation cycle with no to-do view to drain it",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// The loop graph: command → event (`emits`, `triggeredBy`), event → automation (`when`), automation → command
/// (`issues`), on the node indices of the model graph.
fn loop_graph(flow: &FlowGraph) -> DiGraph<(), ()> {
    let graph = &flow.graph;
    let mut loops = DiGraph::with_capacity(graph.node_count(), graph.edge_count());
    for _ in graph.node_indices() {
        loops.add_node(());
    }
    let kind = |node: NodeIndex| graph[node].kind;
    for edge in graph.edge_references() {
        let from = kind(edge.source());
        let keep = match edge.weight() {
            EdgeKind::Emits | EdgeKind::TriggeredBy => from == NodeKind::Message(MessageKind::Command),
            EdgeKind::Triggers => true,
            EdgeKind::Issues => from == NodeKind::Automation,
            _ => false,
        };
        if keep {
            loops.add_edge(edge.source(), edge.target(), ());
        }
    }
    loops
}

/// The shortest cycle through `start` inside `component`, as node indices from `start` back to it.
fn cycle_through(loops: &DiGraph<(), ()>, component: &HashSet<NodeIndex>, start: NodeIndex) -> Vec<NodeIndex> {
    let mut parent = std::collections::HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in loops.neighbors_directed(node, Direction::Outgoing).collect::<Vec<_>>().into_iter().rev() {
            if next == start {
                let mut path = vec![start];
                let mut at = node;
                while at != start {
                    path.push(at);
                    at = parent[&at];
                }
                path.push(start);
                let end = path.len() - 1;
                path[1..end].reverse();
                return path;
            }
            if component.contains(&next) && !parent.contains_key(&next) {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start, start]
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (model, flow) = (cx.model, cx.flow());
    if model.automations.is_empty() {
        return;
    }
    let loops = loop_graph(flow);
    let mut components: Vec<Vec<NodeIndex>> = tarjan_scc(&loops)
        .into_iter()
        .filter(|c| c.len() > 1 || c.first().is_some_and(|&n| loops.contains_edge(n, n)))
        .collect();
    for component in &mut components {
        component.sort_unstable();
    }
    components.sort_unstable();
    for component in components {
        let members: HashSet<NodeIndex> = component.iter().copied().collect();
        let name = |node: NodeIndex| flow.graph[node].name.as_str();
        let automations: Vec<NodeIndex> =
            component.iter().copied().filter(|&n| flow.graph[n].kind == NodeKind::Automation).collect();
        // A to-do view the cycle's own events feed drains it: the automation works through the view, and the
        // event its command records removes the item (Dymitruk's automation pattern).
        let drained = automations.iter().any(|&automation| {
            flow.neighbours(automation, EdgeKind::Reads, Direction::Incoming).into_iter().any(|view| {
                flow.neighbours(view, EdgeKind::Feeds, Direction::Incoming).iter().any(|event| members.contains(event))
            })
        });
        let Some(&first) = automations.first() else { continue };
        let Some(automation) = model.automations.get(name(first)) else { continue };
        if drained {
            continue;
        }
        let cycle: Vec<&str> = cycle_through(&loops, &members, first).into_iter().map(name).collect();
        let mut finding = Diagnostic::lint(
            RULE.name,
            RULE.severity,
            format!(
                "automation `{}` re-triggers itself through {}",
                automation.decl.name,
                cycle[1..cycle.len() - 1].iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" → ")
            ),
        )
        .with_primary(automation.decl.name_span, "reacts to an event its own command records")
        .with_path(automation.decl.path.clone())
        .with_subject(SubjectType::Automation, automation.decl.name.clone());
        for &node in &automations {
            let Some(member) = model.automations.get(name(node)) else { continue };
            for trigger in member.when.iter().filter(|t| flow.element(&t.name).is_some_and(|n| members.contains(&n))) {
                finding =
                    finding.with_label(trigger.span, format!("`{}` triggers `{}`", trigger.name, member.decl.name));
            }
        }
        out.push(finding.with_note(format!("evidence: cycle {}", cycle.join(" → "))).with_help(format!(
            "drive `{}` from a to-do view that the resulting event drains, or break the cycle",
            automation.decl.name
        )));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_extra;

    #[test]
    fn flag_a_command_re_triggering_its_automation() {
        check_extra(
            "automation-loop",
            "automations: {Retrier: {service: dispatcher, when: [RetryScheduled], issues: RetryPickup}}\n",
            r#"RetryPickup: {kind: command, topic: shipping.commands, consumers: [dispatcher], emits: [RetryScheduled]}
RetryScheduled: {producer: dispatcher, topic: shipping.internal, consumers: [dispatcher]}"#,
            r#"
            catalog.yaml:17:15 warning[automation-loop] automation `Retrier` re-triggers itself through `RetryPickup` → `RetryScheduled`
              = evidence: cycle Retrier → RetryPickup → RetryScheduled → Retrier
            "#,
        );
    }

    #[test]
    fn quiet_a_to_do_view_drains_the_cycle() {
        check_extra(
            "automation-loop",
            "views: {Pending: {service: dispatcher, question: q, from: [RetryScheduled]}}\nautomations: {Retrier: {service: dispatcher, when: [RetryScheduled], reads: Pending, issues: RetryPickup}}\n",
            r#"RetryPickup: {kind: command, topic: shipping.commands, consumers: [dispatcher], emits: [RetryScheduled]}
RetryScheduled: {producer: dispatcher, topic: shipping.internal, consumers: [dispatcher]}"#,
            r#"
            "#,
        );
    }
}
