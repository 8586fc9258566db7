//! Mermaid sequence diagram of one traced run (dlq-simulator §12.3): produce, delivery, DLQ, replay and unpark
//! messages, parked spans as `rect` blocks and violations as notes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::outcome::{Action, TraceEntry};
use crate::report::RunReport;

/// Diagrams with more messages than this are refused.
pub const MERMAID_MAX_MESSAGES: usize = 300;

/// Replaces what Mermaid would misread in a label.
fn label(text: &str) -> String {
    text.replace([';', '#'], " ").replace('\n', " ")
}

/// The participant id of a `topic[partition]` lane: `P2`, or `T1P2` when the run reads several topics.
struct Participants {
    topics: Vec<String>,
    lanes: Vec<(String, String)>,
    members: Vec<(String, String)>,
    dlq: Vec<(u32, String)>,
}

impl Participants {
    fn lane_id(&self, lane: &str) -> String {
        let (topic, partition) = lane.rsplit_once('[').unwrap_or((lane, "0]"));
        let partition = partition.trim_end_matches(']');
        match self.topics.iter().position(|t| t == topic) {
            Some(index) if self.topics.len() > 1 => format!("T{index}P{partition}"),
            _ => format!("P{partition}"),
        }
    }

    fn member_id(&self, actor: &str) -> Option<String> {
        let member = actor.split(':').next()?;
        self.members.iter().find(|(name, _)| name == member).map(|(_, id)| id.clone())
    }
}

/// Renders the run as a Mermaid `sequenceDiagram`; needs the run's timeline.
pub fn render_mermaid(run: &RunReport) -> Result<String, String> {
    let Some(timeline) = &run.timeline else {
        return Err("the run has no timeline: run with `--trace` (or `trace: true`)".to_owned());
    };
    let mut topics: Vec<String> = run.events.iter().map(|event| event.topic.clone()).collect();
    topics.sort_unstable();
    topics.dedup();
    let mut participants = Participants { topics, lanes: vec![], members: vec![], dlq: vec![] };
    let mut lanes: Vec<(usize, u32, String)> = run
        .events
        .iter()
        .map(|event| {
            let topic = participants.topics.iter().position(|t| *t == event.topic).unwrap_or(0);
            (topic, event.partition, format!("{}[{}]", event.topic, event.partition))
        })
        .collect();
    lanes.sort_unstable();
    lanes.dedup();
    participants.lanes = lanes.into_iter().map(|(_, _, lane)| (participants.lane_id(&lane), lane)).collect();
    let mut members: Vec<String> = timeline
        .iter()
        .filter(|entry| entry.actor.contains(':'))
        .filter_map(|entry| entry.actor.split(':').next().map(str::to_owned))
        .collect();
    members.sort_unstable_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
    members.dedup();
    participants.members =
        members.iter().enumerate().map(|(index, member)| (member.clone(), format!("L{index}"))).collect();
    let mut dlq: Vec<u32> = run.dlq.iter().map(|entry| entry.partition).collect();
    dlq.sort_unstable();
    dlq.dedup();
    let dlq_topic = run.settings.dlq.as_ref().map_or("dlq", |dlq| dlq.topic.as_str());
    participants.dlq = dlq.iter().map(|&p| (p, format!("{dlq_topic}[{p}]"))).collect();

    let mut lines: Vec<String> = vec![];
    for event in &run.events {
        let lane = participants.lane_id(&format!("{}[{}]", event.topic, event.partition));
        let key = event.key.as_deref().unwrap_or("null key");
        let pill = if event.poison { " ☠" } else { "" };
        lines.push(format!("PS->>{lane}: {} {} ({key}){pill}", event.id, event.message));
    }
    let mut notes: BTreeMap<(u64, String), Vec<String>> = BTreeMap::new();
    for violation in &run.violations {
        if let Some(event) = &violation.event {
            let related = violation.related.first().map_or(String::new(), |r| format!(" {r}"));
            let why = match violation.code {
                crate::outcome::Code::OrderOvertake => format!("({related} not processed)").replace("( ", "("),
                crate::outcome::Code::OrderInversion => format!("after{related}"),
                _ => format!("({})", violation.detail),
            };
            notes
                .entry((violation.step, event.clone()))
                .or_default()
                .push(format!("{} {event} {why}", violation.code.as_str()));
        }
    }
    let mut open_rects = 0usize;
    let mut index = 0;
    while index < timeline.len() {
        let entry = &timeline[index];
        let mut repeat = 1;
        if entry.action == Action::Failed {
            while timeline.get(index + repeat).is_some_and(|next| {
                next.action == Action::Failed && next.actor == entry.actor && next.event == entry.event
            }) {
                repeat += 1;
            }
        }
        if let Some(line) = entry_line(&participants, entry, repeat, &mut open_rects) {
            lines.extend(line);
        }
        if matches!(entry.action, Action::Processed | Action::Replayed)
            && let Some(event) = &entry.event
            && let Some(texts) = notes.remove(&(entry.step, event.clone()))
        {
            let over = if entry.actor == "replayer" {
                "RP".to_owned()
            } else {
                participants.member_id(&entry.actor).unwrap_or_else(|| "RP".to_owned())
            };
            for text in texts {
                lines.push(format!("Note over {over}: {}", label(&text)));
            }
        }
        index += repeat;
    }
    lines.extend((0..open_rects).map(|_| "end".to_owned()));
    let messages = lines.iter().filter(|line| line.contains("->>")).count();
    if messages > MERMAID_MAX_MESSAGES {
        return Err(format!(
            "the trace has {messages} messages, more than {MERMAID_MAX_MESSAGES}: select keys with `--keys`"
        ));
    }
    let mut out = String::from("sequenceDiagram\n");
    out.push_str("  participant PS as producer\n");
    for (id, lane) in &participants.lanes {
        let _ = writeln!(out, "  participant {id} as {}", label(lane));
    }
    for (member, id) in &participants.members {
        let _ = writeln!(out, "  participant {id} as {}", label(member));
    }
    for (partition, name) in &participants.dlq {
        let _ = writeln!(out, "  participant DLQ{partition} as {}", label(name));
    }
    out.push_str("  participant RP as replayer\n  participant OP as operator\n");
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
    Ok(out)
}

fn dlq_partition(detail: Option<&str>) -> String {
    let partition = detail
        .and_then(|text| text.rsplit_once('[').map(|(_, rest)| rest))
        .and_then(|rest| rest.split(']').next())
        .unwrap_or("0");
    format!("DLQ{partition}")
}

/// The reason part of a DLQ trace detail (`poison`, `parked behind e3`), without the location.
fn reason(detail: &str) -> String {
    label(detail.rsplit_once(' ').map_or(detail, |(reason, _)| reason))
}

fn entry_line(parts: &Participants, entry: &TraceEntry, repeat: usize, open_rects: &mut usize) -> Option<Vec<String>> {
    let event = entry.event.as_deref().unwrap_or("");
    let lane = entry.lane.as_deref().map(|lane| parts.lane_id(lane));
    let member = parts.member_id(&entry.actor);
    let consumer = member.clone().unwrap_or_else(|| label(&entry.actor).replace(['.', '-', ' '], "_"));
    let detail = entry.detail.as_deref().unwrap_or("");
    let line = match entry.action {
        Action::Processed => format!("{}->>{consumer}: {event} → processed", lane.unwrap_or_else(|| consumer.clone())),
        Action::Failed if repeat > 1 => format!("{}->>{consumer}: {event} → fails ×{repeat}", lane.unwrap_or_default()),
        Action::Failed => format!("{}->>{consumer}: {event} → fails", lane.unwrap_or_else(|| consumer.clone())),
        Action::DlqWrite => {
            format!("{consumer}->>{}: {event} ({})", dlq_partition(entry.detail.as_deref()), reason(detail))
        }
        Action::Diverted => {
            let lane = lane.unwrap_or_default();
            let dlq = dlq_partition(entry.detail.as_deref());
            return Some(vec![
                format!("{lane}->>{consumer}: {event} (key parked)"),
                format!("{consumer}->>{dlq}: {event} ({})", reason(detail)),
            ]);
        }
        Action::RetryWrite => format!("{consumer}->>{consumer}: {event} → retry topic {}", label(detail)),
        Action::Skipped => format!("Note over {consumer}: skip {event}"),
        Action::Halted => format!("Note over {consumer}: halted at {event} until a fix"),
        Action::Park => {
            *open_rects += 1;
            return Some(vec![format!("Note over {consumer}: {}", label(detail)), "rect rgb(255,240,200)".to_owned()]);
        }
        Action::Unpark => {
            let mut lines = vec![];
            let unparked = detail.contains("→ unparked") || entry.actor == "operator";
            let text = if entry.actor == "operator" {
                format!("Note over OP: {}", label(detail))
            } else {
                format!("{}->>{consumer}: {}", lane.unwrap_or_default(), label(detail))
            };
            if unparked && *open_rects > 0 {
                *open_rects -= 1;
                lines.push("end".to_owned());
            }
            lines.push(text);
            return Some(lines);
        }
        Action::UnparkWrite => format!("RP->>{}: {}", lane.unwrap_or_default(), label(detail)),
        Action::Replayed => format!("{}->>RP: replay {event} → processed", dlq_partition(entry.detail.as_deref())),
        Action::ReplayFailed => format!("{}->>RP: replay {event} → fails", dlq_partition(entry.detail.as_deref())),
        Action::Republished => format!("RP->>{}: republish {event}", lane.unwrap_or_default()),
        Action::DedupHit => format!("Note over {consumer}: {event} deduplicated"),
        Action::Crashed => format!("Note over {consumer}: crash"),
        Action::Rebalanced => "Note over OP: rebalance".to_owned(),
        Action::Fix => "OP->>OP: deployFix".to_owned(),
        Action::ReplayStart => "OP->>RP: replayDlq".to_owned(),
        Action::Producer => format!("Note over PS: producer {}", label(detail)),
        Action::Delivered | Action::Committed => return None,
    };
    Some(vec![line])
}
