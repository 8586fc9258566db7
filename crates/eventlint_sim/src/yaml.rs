//! Renders a [`Scenario`] as a scenario file (catalog-format §16), so a shrunk counterexample can be committed
//! as a regression test.

use std::fmt::Write;

use crate::scenario::{
    At, ConstraintSelection, Cures, EventFault, ExpectBlock, FaultAction, FaultTrigger, MemberRef, OperationAction,
    Scenario, ScheduleMode, Workload,
};

/// A YAML scalar: plain when unambiguous, else double-quoted with JSON escapes (valid YAML).
fn scalar(text: &str) -> String {
    let word = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !matches!(text, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n");
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let number_or_duration = digits > 0 && matches!(&text[digits..], "" | "ms" | "s" | "m" | "h" | "d");
    if word || number_or_duration || text == "true" || text == "false" {
        text.to_owned()
    } else {
        serde_json::Value::String(text.to_owned()).to_string()
    }
}

/// Dotted group paths as nested flow maps: `retry.mode`, `retry.backoff.initial` → `retry: { mode, backoff: {…} }`.
fn nested(pairs: &[(Vec<&str>, &str)]) -> Vec<String> {
    let mut fields: Vec<String> = vec![];
    let mut heads: Vec<&str> = vec![];
    for (path, _) in pairs {
        if let Some(head) = path.first()
            && !heads.contains(head)
        {
            heads.push(head);
        }
    }
    for head in heads {
        let children: Vec<(Vec<&str>, &str)> = pairs
            .iter()
            .filter(|(path, _)| path.first() == Some(&head))
            .map(|(path, value)| (path[1..].to_vec(), *value))
            .collect();
        match children.iter().find(|(rest, _)| rest.is_empty()) {
            Some((_, value)) => fields.push(format!("{head}: {}", scalar(value))),
            None => fields.push(format!("{head}: {{ {} }}", nested(&children).join(", "))),
        }
    }
    fields
}

fn at_text(at: &At) -> String {
    match at {
        At::Step(step) => step.to_string(),
        At::Percent(percent) => format!("\"{percent}%\""),
        At::End => "end".to_owned(),
    }
}

fn member(reference: &MemberRef) -> String {
    match reference {
        MemberRef::Named(name) => scalar(name),
        MemberRef::Any => "any".to_owned(),
    }
}

/// The scenario as YAML; `header` lines become leading comments.
pub fn render_scenario_yaml(scenario: &Scenario, catalog: &str, group: &str, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "scenario: 1");
    let _ = writeln!(out, "name: {}", scalar(&scenario.name));
    let _ = writeln!(out, "catalog: {}", scalar(catalog));
    let _ = writeln!(out, "group: {}", scalar(group));
    let _ = writeln!(out, "seed: {}", scenario.seed);
    let _ = writeln!(out, "time: {{ step: {}ms }}", scenario.step_ms);
    let overrides = &scenario.overrides;
    if !(overrides.topics.is_empty() && overrides.group.is_empty() && overrides.producer.is_empty()) {
        out.push_str("overrides:\n");
        if !overrides.topics.is_empty() {
            out.push_str("  topics:\n");
            let mut names: Vec<&str> = vec![];
            for (topic, _, _) in &overrides.topics {
                if !names.contains(&topic.as_str()) {
                    names.push(topic);
                }
            }
            for name in names {
                let mut partitions = None;
                let mut partitioner = None;
                for (_, count, kind) in overrides.topics.iter().filter(|(topic, _, _)| topic == name) {
                    partitions = count.or(partitions);
                    partitioner = kind.or(partitioner);
                }
                let mut fields = vec![];
                if let Some(partitions) = partitions {
                    fields.push(format!("partitions: {partitions}"));
                }
                if let Some(partitioner) = partitioner {
                    fields.push(format!("partitioner: {}", partitioner.as_str()));
                }
                let _ = writeln!(out, "    {}: {{ {} }}", scalar(name), fields.join(", "));
            }
        }
        if !overrides.group.is_empty() {
            let _ = writeln!(out, "  groups:\n    {}:", scalar(group));
            let mut latest: Vec<(Vec<&str>, &str)> = vec![];
            for (path, value) in &overrides.group {
                let path: Vec<&str> = path.split('.').collect();
                latest.retain(|(existing, _)| *existing != path);
                latest.push((path, value));
            }
            for field in nested(&latest) {
                let _ = writeln!(out, "      {field}");
            }
        }
        if !overrides.producer.is_empty() {
            out.push_str("  services:\n    producer:\n      producer:\n");
            for (field, value) in &overrides.producer {
                let _ = writeln!(out, "        {field}: {}", scalar(value));
            }
        }
    }
    match &scenario.workload {
        Workload::Stream(events) => {
            out.push_str("stream:\n");
            for event in events {
                let mut fields =
                    vec![format!("id: {}", scalar(&event.id)), format!("message: {}", scalar(&event.message))];
                fields.push(format!("key: {}", event.key.as_deref().map_or("null".to_owned(), scalar)));
                if let Some(partition) = event.partition {
                    fields.push(format!("partition: {partition}"));
                }
                if let Some(at) = event.at {
                    fields.push(format!("at: {at}"));
                }
                match &event.fault {
                    EventFault::None => {}
                    EventFault::Poison { class, detail } => {
                        let class = class.as_ref().map_or(String::new(), |c| format!(", class: {}", scalar(c)));
                        fields.push(format!("fault: {{ poison: {}{class} }}", scalar(detail)));
                    }
                    EventFault::Transient { failures, class } => {
                        let class = class.as_ref().map_or(String::new(), |c| format!(", class: {}", scalar(c)));
                        fields.push(format!("fault: {{ transient: {failures}{class} }}"));
                    }
                }
                let _ = writeln!(out, "  - {{ {} }}", fields.join(", "));
            }
        }
        Workload::Generate(generate) => {
            let _ =
                writeln!(out, "generate: {{ events: {}, keys: {{ count: {} }} }}", generate.events, generate.key_count);
        }
    }
    let _ = writeln!(out, "schedule:\n  mode: {}", scenario.schedule.mode.as_str());
    if scenario.schedule.mode == ScheduleMode::Explicit && !scenario.schedule.steps.is_empty() {
        out.push_str("  steps:\n");
        for step in &scenario.schedule.steps {
            let _ = writeln!(out, "    - {}", scalar(step));
        }
    }
    if !scenario.faults.is_empty() {
        out.push_str("faults:\n");
        for fault in &scenario.faults {
            let trigger = match &fault.trigger {
                FaultTrigger::At(at) => format!("at: {}", at_text(at)),
                FaultTrigger::AfterEvent { event, point } => {
                    format!("afterEvent: {}, point: {}", scalar(event), point.as_str())
                }
                FaultTrigger::PerStep(p) => format!("perStep: {p:e}"),
                FaultTrigger::EverySteps(n) => format!("everySteps: {n}"),
            };
            let action = match &fault.action {
                FaultAction::Crash(reference) => format!("crash: {}", member(reference)),
                FaultAction::Leave(reference) => format!("rebalance: {{ leave: {} }}", member(reference)),
                FaultAction::Join(count) => format!("rebalance: {{ join: {count} }}"),
                FaultAction::LeaveJoin => "rebalance: leave-join".to_owned(),
                FaultAction::ProducerReorder => "producer: reorder".to_owned(),
                FaultAction::ProducerDuplicate => "producer: duplicate".to_owned(),
            };
            let _ = writeln!(out, "  - {{ {trigger}, {action} }}");
        }
    }
    if !scenario.operations.is_empty() {
        out.push_str("operations:\n");
        for operation in &scenario.operations {
            let action = match &operation.action {
                OperationAction::DeployFix(Cures::AllPoison) => "deployFix: { cures: [poison] }".to_owned(),
                OperationAction::DeployFix(Cures::Classes(classes)) => {
                    let classes: Vec<String> = classes.iter().map(|c| scalar(c)).collect();
                    format!("deployFix: {{ cures: [{}] }}", classes.join(", "))
                }
                OperationAction::ReplayDlq(replay) => {
                    let mut fields = vec![];
                    if let Some(order) = replay.order {
                        fields.push(format!("order: {}", order.as_str()));
                    }
                    if let Some(via) = replay.via {
                        fields.push(format!("via: {}", via.as_str()));
                    }
                    fields.push(format!("rate: {}/step", replay.rate));
                    if !replay.only_cured {
                        fields.push("onlyCured: false".to_owned());
                    }
                    format!("replayDlq: {{ {} }}", fields.join(", "))
                }
                OperationAction::Unpark(Some(key)) => format!("unpark: {{ key: {} }}", scalar(key)),
                OperationAction::Unpark(None) => "unpark: { keys: all }".to_owned(),
            };
            let _ = writeln!(out, "  - {{ at: {}, {action} }}", at_text(&operation.at));
        }
    }
    let policies: Vec<&str> = scenario.run.policies.iter().map(|p| p.as_str()).collect();
    let _ = writeln!(out, "run:\n  policies: [{}]", policies.join(", "));
    if !scenario.run.sweep.is_empty() {
        let sweep: Vec<String> = scenario
            .run
            .sweep
            .iter()
            .map(|(path, values)| {
                let values: Vec<String> = values.iter().map(|value| scalar(value)).collect();
                format!("{path}: [{}]", values.join(", "))
            })
            .collect();
        let _ = writeln!(out, "  sweep: {{ {} }}", sweep.join(", "));
    }
    if let Some(max_steps) = scenario.run.max_steps {
        let _ = writeln!(out, "  maxSteps: {max_steps}");
    }
    if !scenario.expect.is_empty() {
        out.push_str("expect:\n");
        for block in &scenario.expect {
            out.push_str(&expect_block(block, scenario.step_ms));
        }
    }
    out
}

fn expect_block(block: &ExpectBlock, step_ms: u64) -> String {
    let mut fields: Vec<String> = vec![];
    if !block.policies.is_empty() {
        let policies: Vec<&str> = block.policies.iter().map(|p| p.as_str()).collect();
        fields.push(format!("policies: [{}]", policies.join(", ")));
    }
    if let Some(no_loss) = block.no_loss {
        fields.push(format!("noLoss: {no_loss}"));
    }
    if let Some(order) = block.per_key_order {
        fields.push(format!("perKeyOrder: {}", order.as_str()));
    }
    match &block.constraints {
        Some(ConstraintSelection::All) => fields.push("constraints: all".to_owned()),
        Some(ConstraintSelection::Ids(ids)) => {
            let ids: Vec<String> = ids.iter().map(|id| scalar(id)).collect();
            fields.push(format!("constraints: [{}]", ids.join(", ")));
        }
        None => {}
    }
    let numbers = [
        ("maxDuplicates", block.max_duplicates),
        ("maxDlq", block.max_dlq),
        ("maxDlqDuplicates", block.max_dlq_duplicates),
        ("maxStuck", block.max_stuck),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            fields.push(format!("{name}: {value}"));
        }
    }
    if let Some(steps) = block.max_park_duration {
        fields.push(format!("maxParkDuration: {}ms", steps * step_ms));
    }
    if let Some(replay_complete) = block.replay_complete {
        fields.push(format!("replayComplete: {replay_complete}"));
    }
    if let Some(steps) = block.max_collateral_delay {
        fields.push(format!("maxCollateralDelay: {}ms", steps * step_ms));
    }
    let mut out = String::new();
    for (index, field) in fields.iter().enumerate() {
        let lead = if index == 0 { "  - " } else { "    " };
        let _ = writeln!(out, "{lead}{field}");
    }
    out
}
