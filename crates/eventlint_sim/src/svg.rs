//! SVG swimlane timeline of one traced run (dlq-simulator §12.4): lanes over time with attempts, DLQ writes,
//! replays and parked spans, then a per-key order view; no scripts, integer coordinates, deterministic.

use std::fmt::Write;

use crate::outcome::{Action, TraceEntry};
use crate::report::RunReport;

/// Timelines needing more elements than this are refused.
pub const SVG_MAX_ELEMENTS: usize = 2000;

const MARGIN: i64 = 140;
const LANE_HEIGHT: i64 = 28;
const TOP: i64 = 40;
const MAX_WIDTH: i64 = 4000;
const MIN_WIDTH: i64 = 780;
const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#86bcb6", "#d37295",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Where a lane sits, and its title.
struct Lanes {
    titles: Vec<String>,
}

impl Lanes {
    fn index(&self, title: &str) -> Option<i64> {
        self.titles.iter().position(|t| t == title).map(|index| index as i64)
    }

    fn y(&self, title: &str) -> Option<i64> {
        self.index(title).map(|index| TOP + index * LANE_HEIGHT)
    }
}

fn dlq_lane(entry: &TraceEntry) -> Option<String> {
    entry
        .detail
        .as_deref()
        .and_then(|detail| detail.rsplit(' ').next())
        .and_then(|loc| loc.split('@').next())
        .map(str::to_owned)
}

/// Renders the run as an SVG document; needs the run's timeline.
pub fn render_svg(run: &RunReport) -> Result<String, String> {
    let Some(timeline) = &run.timeline else {
        return Err("the run has no timeline: run with `--trace` (or `trace: true`)".to_owned());
    };
    let mut partitions: Vec<(String, u32)> = run.events.iter().map(|e| (e.topic.clone(), e.partition)).collect();
    partitions.sort_unstable();
    partitions.dedup();
    let mut titles: Vec<String> = partitions.iter().map(|(topic, p)| format!("{topic}[{p}]")).collect();
    let mut retry: Vec<String> = timeline
        .iter()
        .filter(|entry| entry.action == Action::RetryWrite)
        .filter_map(|entry| entry.detail.clone())
        .collect();
    retry.sort_unstable();
    retry.dedup();
    titles.extend(retry);
    let mut dlq: Vec<(u32, String)> =
        run.dlq.iter().map(|entry| (entry.partition, format!("{}[{}]", entry.topic, entry.partition))).collect();
    dlq.sort_unstable();
    dlq.dedup();
    titles.extend(dlq.into_iter().map(|(_, title)| title));
    titles.push("replayer".to_owned());
    let lanes = Lanes { titles };

    let steps = run.counts.steps.max(1) as i64;
    let px = ((MAX_WIDTH - MARGIN - 20) / steps).clamp(4, 24);
    // Wide enough for the title and the legend even for short runs.
    let width = (MARGIN + px * (steps + 1) + 20).max(MIN_WIDTH);
    let lanes_bottom = TOP + LANE_HEIGHT * lanes.titles.len() as i64;
    let mut keys: Vec<&str> = vec![];
    for event in &run.events {
        if let Some(key) = event.key.as_deref()
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    }
    let colour = |event: &str| {
        let key = run.events.iter().find(|e| e.id == event).and_then(|e| e.key.as_deref());
        key.and_then(|key| keys.iter().position(|k| *k == key)).map_or("#999999", |index| PALETTE[index % 12])
    };
    let x_of = |step: u64| MARGIN + (step as i64 - 1).max(0) * px;
    let mut body: Vec<String> = vec![];

    for (index, title) in lanes.titles.iter().enumerate() {
        let y = TOP + index as i64 * LANE_HEIGHT;
        let fill = if index % 2 == 0 { "#f7f7f7" } else { "#ffffff" };
        body.push(format!(r#"<rect x="0" y="{y}" width="{width}" height="{LANE_HEIGHT}" fill="{fill}"/>"#));
        body.push(format!(
            r#"<text x="4" y="{}" font-family="monospace" font-size="10">{}</text>"#,
            y + 18,
            escape(title)
        ));
    }
    for stats in &run.keys {
        let Some(parked_at) = stats.parked_at else { continue };
        let until = stats.unparked_at.unwrap_or(run.counts.steps);
        let Some(event) = run.events.iter().find(|e| e.key.as_deref() == Some(stats.key.as_str())) else { continue };
        let Some(y) = lanes.y(&format!("{}[{}]", event.topic, event.partition)) else { continue };
        let x = x_of(parked_at);
        let band = (x_of(until) + px - x).max(px);
        body.push(format!(
            r#"<rect x="{x}" y="{y}" width="{band}" height="{LANE_HEIGHT}" fill="url(#parked)"><title>{} parked from step {parked_at} to {until}</title></rect>"#,
            escape(&stats.key)
        ));
    }
    for entry in timeline {
        let Some(event) = entry.event.as_deref() else { continue };
        let (lane, dashed, failed) = match entry.action {
            Action::Processed | Action::Failed | Action::Diverted | Action::DedupHit => {
                let lane = if entry.actor.contains(':') { entry.lane.clone() } else { Some(entry.actor.clone()) };
                (lane, false, entry.action == Action::Failed)
            }
            Action::Replayed | Action::ReplayFailed => {
                (Some("replayer".to_owned()), true, entry.action == Action::ReplayFailed)
            }
            Action::DlqWrite => (dlq_lane(entry), false, false),
            _ => continue,
        };
        let Some(y) = lane.as_deref().and_then(|lane| lanes.y(lane)) else { continue };
        let x = x_of(entry.step);
        let (top, w, h) = (y + 4, px - 2, LANE_HEIGHT - 8);
        let codes: Vec<String> = run
            .violations
            .iter()
            .filter(|v| v.step == entry.step && v.event.as_deref() == Some(event))
            .filter(|_| matches!(entry.action, Action::Processed | Action::Replayed))
            .map(|v| format!("{}: {}", v.code.as_str(), v.detail))
            .collect();
        let message = run.events.iter().find(|e| e.id == event).map_or("", |e| e.message.as_str());
        let key = run.events.iter().find(|e| e.id == event).and_then(|e| e.key.as_deref()).unwrap_or("-");
        let mut tip = format!("{event} {message} key={key} step {} {}", entry.step, entry.action.as_str());
        if let Some(lane) = &entry.lane {
            let _ = write!(tip, " {lane}@{}", entry.offset.unwrap_or(0));
        }
        for code in &codes {
            let _ = write!(tip, "\n{code}");
        }
        let fill = if failed { "none" } else { colour(event) };
        let stroke = if codes.is_empty() { "#333333" } else { "#d00000" };
        let stroke_width = if codes.is_empty() { 1 } else { 2 };
        let dash = if dashed { r#" stroke-dasharray="3 2""# } else { "" };
        let mut element = format!(
            r#"<g><title>{}</title><rect x="{x}" y="{top}" width="{w}" height="{h}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>"#,
            escape(&tip)
        );
        if failed {
            let _ = write!(
                element,
                r#"<line x1="{x}" y1="{top}" x2="{}" y2="{}" stroke="{}"/>"#,
                x + w,
                top + h,
                colour(event)
            );
        }
        let text = if w >= 48 { format!("{event} {}", short_type(message)) } else { event.to_owned() };
        if w >= 16 {
            let _ = write!(
                element,
                r#"<text x="{}" y="{}" font-family="monospace" font-size="9">{}</text>"#,
                x + 2,
                top + 13,
                escape(&text)
            );
        }
        if !codes.is_empty() {
            let _ = write!(
                element,
                r##"<text x="{}" y="{}" font-family="sans-serif" font-size="11" fill="#d00000">!</text>"##,
                x + w - 5,
                top - 1
            );
        }
        element.push_str("</g>");
        body.push(element);
        let arrow = match entry.action {
            Action::DlqWrite | Action::Diverted => entry.lane.as_deref().zip(dlq_lane(entry)),
            _ => None,
        };
        if let Some((from, to)) = arrow
            && let (Some(y1), Some(y2)) = (lanes.y(from), lanes.y(&to))
        {
            body.push(format!(
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#666666" marker-end="url(#arrow)"/>"##,
                x + w / 2,
                y1 + LANE_HEIGHT / 2,
                x + w / 2,
                y2 + 4
            ));
        }
        if matches!(entry.action, Action::Replayed | Action::ReplayFailed)
            && let (Some(y1), Some(y2)) = (dlq_lane(entry).and_then(|lane| lanes.y(&lane)), lanes.y("replayer"))
        {
            body.push(format!(
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#666666" stroke-dasharray="3 2" marker-end="url(#arrow)"/>"##,
                x + w / 2,
                y1 + LANE_HEIGHT / 2,
                x + w / 2,
                y2 + 4
            ));
        }
    }

    // View 2: per-key order, produce order on top, first-run order below.
    let affected: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|key| {
            run.keys.iter().any(|stats| stats.key == *key && (stats.violations > 0 || stats.parked_at.is_some()))
        })
        .collect();
    let order_top = lanes_bottom + 50;
    body.push(format!(
        r#"<text x="6" y="{}" font-family="sans-serif" font-size="12" font-weight="bold">per-key order: produce order (top) vs first run (bottom)</text>"#,
        order_top - 14
    ));
    let row_height = 56;
    for (row, key) in affected.iter().enumerate() {
        let y = order_top + row as i64 * row_height;
        body.push(format!(
            r#"<text x="6" y="{}" font-family="monospace" font-size="11">{}</text>"#,
            y + 26,
            escape(key)
        ));
        let events: Vec<&str> =
            run.events.iter().filter(|e| e.key.as_deref() == Some(*key)).map(|e| e.id.as_str()).collect();
        let mut first_runs: Vec<&str> = vec![];
        for entry in timeline {
            if matches!(entry.action, Action::Processed | Action::Replayed)
                && let Some(event) = entry.event.as_deref()
                && events.contains(&event)
                && !first_runs.contains(&event)
            {
                first_runs.push(event);
            }
        }
        for (index, event) in events.iter().enumerate() {
            let x = MARGIN + 10 + index as i64 * 40;
            let ran = first_runs.iter().position(|e| e == event);
            let fill = if ran.is_some() { colour(event) } else { "none" };
            body.push(format!(
                r#"<circle cx="{x}" cy="{}" r="5" fill="{fill}" stroke="{}"><title>{event} (produced {})</title></circle>"#,
                y + 8,
                colour(event),
                index + 1
            ));
            body.push(format!(
                r#"<text x="{}" y="{}" font-family="monospace" font-size="9">{}</text>"#,
                x - 6,
                y,
                escape(event)
            ));
            if let Some(position) = ran {
                let x2 = MARGIN + 10 + position as i64 * 40;
                body.push(format!(r##"<line x1="{x}" y1="{}" x2="{x2}" y2="{}" stroke="#555555"/>"##, y + 13, y + 39));
                body.push(format!(
                    r#"<circle cx="{x2}" cy="{}" r="5" fill="{}"><title>{event} ran {}</title></circle>"#,
                    y + 44,
                    colour(event),
                    position + 1
                ));
            }
        }
    }
    let legend_y = order_top + affected.len() as i64 * row_height + 20;
    let legend = [
        r##"<rect x="6" y="LY" width="14" height="12" fill="#4e79a7" stroke="#333333"/><text x="24" y="LT" font-family="sans-serif" font-size="11">handler run (colour = key)</text>"##,
        r##"<rect x="200" y="LY" width="14" height="12" fill="none" stroke="#333333"/><text x="218" y="LT" font-family="sans-serif" font-size="11">failed attempt</text>"##,
        r##"<rect x="330" y="LY" width="14" height="12" fill="#4e79a7" stroke="#333333" stroke-dasharray="3 2"/><text x="348" y="LT" font-family="sans-serif" font-size="11">replayed</text>"##,
        r##"<rect x="430" y="LY" width="14" height="12" fill="url(#parked)"/><text x="448" y="LT" font-family="sans-serif" font-size="11">key parked</text>"##,
        r##"<rect x="540" y="LY" width="14" height="12" fill="#ffffff" stroke="#d00000" stroke-width="2"/><text x="558" y="LT" font-family="sans-serif" font-size="11">! violation (hover for codes)</text>"##,
    ];
    for item in legend {
        body.push(item.replace("LY", &legend_y.to_string()).replace("LT", &(legend_y + 10).to_string()));
    }
    if body.len() > SVG_MAX_ELEMENTS {
        return Err(format!(
            "the timeline needs {} elements, more than {SVG_MAX_ELEMENTS}: select keys with `--keys`",
            body.len()
        ));
    }
    let height = legend_y + 30;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    out.push('\n');
    out.push_str(concat!(
        r##"<defs><pattern id="parked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"##,
        r##"<rect width="6" height="6" fill="#fff3cd"/><line x1="0" y1="0" x2="0" y2="6" stroke="#e0a800" stroke-width="2"/></pattern>"##,
        r##"<marker id="arrow" markerWidth="6" markerHeight="6" refX="5" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#666666"/></marker></defs>"##,
        "\n"
    ));
    let _ = writeln!(
        out,
        r#"<text x="6" y="20" font-family="sans-serif" font-size="13" font-weight="bold">{} — {} (seed {}, {} steps)</text>"#,
        escape(&run.header.group),
        escape(&run.name),
        run.header.seed,
        run.counts.steps
    );
    for element in body {
        out.push_str(&element);
        out.push('\n');
    }
    out.push_str("</svg>\n");
    Ok(out)
}

/// A four-letter abbreviation of a message type: its second capitalized word (`PaymentAuthorized` → `Auth`).
fn short_type(message: &str) -> String {
    let mut parts = message.char_indices().filter(|(_, c)| c.is_uppercase()).map(|(i, _)| i).collect::<Vec<_>>();
    parts.push(message.len());
    let word = parts.windows(2).nth(1).map_or(message, |w| &message[w[0]..w[1]]);
    word.chars().take(4).collect()
}
