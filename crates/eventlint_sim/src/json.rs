//! The `eventlint.simulation/v1` JSON report (dlq-simulator §12.2): one self-contained object per run, with
//! `report_sha256` over the canonical serialization of everything else.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::outcome::{Collateral, DlqRecord, KeyStats, TraceEntry, Violation};
use crate::prng::PRNG_ID;
use crate::report::{Label, Report, RunReport, Verdict};

/// The schema id of a run object.
pub const SCHEMA_ID: &str = "eventlint.simulation/v1";

/// The JSON array of run objects, pretty-printed, with a trailing newline.
pub fn render_json(report: &Report) -> String {
    let runs: Vec<Value> = report.runs.iter().map(run_object).collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(runs)).unwrap_or_default();
    text.push('\n');
    text
}

/// One compact run object per line (`json-lines`).
pub fn render_json_lines(report: &Report) -> String {
    report.runs.iter().map(|run| format!("{}\n", run_object(run))).collect()
}

/// The run object with its `report_sha256`.
pub fn run_object(run: &RunReport) -> Value {
    let mut object = run_payload(run);
    let digest = Sha256::digest(Value::Object(object.clone()).to_string().as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    object.insert("report_sha256".into(), Value::String(hex));
    Value::Object(object)
}

fn opt<T: Into<Value>>(value: Option<T>) -> Value {
    value.map_or(Value::Null, Into::into)
}

fn run_payload(run: &RunReport) -> Map<String, Value> {
    let header = &run.header;
    let settings = &run.settings;
    let mut policy = Map::new();
    policy.insert("preset".into(), json!(run.preset.as_str()));
    policy.insert("processing".into(), json!(settings.processing.as_str()));
    policy.insert("delivery".into(), json!(settings.delivery.as_str()));
    policy.insert(
        "retry".into(),
        json!({"mode": settings.retry.mode.as_str(), "maxAttempts": settings.retry.max_attempts}),
    );
    policy.insert("onExhausted".into(), json!(settings.on_exhausted.as_str()));
    policy.insert(
        "dlq".into(),
        settings.dlq.as_ref().map_or(Value::Null, |dlq| {
            json!({
                "topic": dlq.topic, "partition": dlq.partition.as_str(), "parkByKey": dlq.park_by_key,
                "parkStore": dlq.park_store.as_str(), "unpark": dlq.unpark.as_str(),
                "replay": {"via": dlq.replay.via.as_str(), "order": dlq.replay.order.as_str()}
            })
        }),
    );
    let expectations: Vec<Value> = run
        .expectations
        .iter()
        .map(|result| {
            let mut entry = Map::new();
            entry.insert("block".into(), json!(result.block));
            entry.insert("assert".into(), json!(result.assert));
            if let Some(value) = &result.value {
                let key = if result.assert == "perKeyOrder" { "mode" } else { "value" };
                entry.insert(key.into(), json!(value));
            }
            if let Some(actual) = result.actual {
                entry.insert("actual".into(), json!(actual));
            }
            entry.insert("ok".into(), json!(result.ok));
            Value::Object(entry)
        })
        .collect();
    let counts = &run.counts;
    let mut by_code = Map::new();
    for count in &run.by_code {
        by_code.insert(
            count.code.as_str().into(),
            json!({"events": count.events, "keys": count.keys, "expected": count.expected}),
        );
    }
    let mut constraints = Map::new();
    for (id, count) in &run.constraints {
        constraints.insert(id.clone(), json!(count));
    }
    let shown = run.violations.len().min(run.max_violations);
    let mut keys = Map::new();
    for stats in &run.keys {
        keys.insert(stats.key.clone(), key_object(stats));
    }
    let mut object = Map::new();
    object.insert("schema".into(), json!(SCHEMA_ID));
    object.insert("tool".into(), json!({"name": "eventlint", "version": header.tool_version}));
    object.insert("prng".into(), json!(PRNG_ID));
    object.insert("seed".into(), json!(header.seed));
    object.insert("scenario".into(), json!({"path": header.scenario_path, "sha256": header.scenario_sha256}));
    object.insert("catalog".into(), json!({"path": header.catalog_path, "sha256": header.catalog_sha256}));
    object.insert("group".into(), json!(header.group));
    object.insert("run".into(), json!(run.name));
    object.insert("policy".into(), Value::Object(policy));
    object.insert("label".into(), json!(if run.label == Label::AsDesigned { "as-designed" } else { "unexpected" }));
    object.insert("verdict".into(), json!(if run.verdict == Verdict::Pass { "pass" } else { "fail" }));
    object.insert("complete".into(), json!(!run.incomplete));
    object.insert("expectations".into(), Value::Array(expectations));
    object.insert(
        "counts".into(),
        json!({
            "produced": counts.produced, "processed": counts.processed, "handler_runs": counts.handler_runs,
            "attempts": counts.attempts, "duplicates": counts.duplicates, "dedup_hits": counts.dedup_hits,
            "lost": counts.lost, "stuck": counts.stuck, "pending": counts.pending, "replayed": counts.replayed,
            "crashes": counts.crashes, "rebalances": counts.rebalances, "steps": counts.steps,
            "dlq": {"entries": counts.dlq.entries, "poison": counts.dlq.poison, "parked": counts.dlq.parked,
                    "duplicate_writes": counts.dlq.duplicate_writes}
        }),
    );
    object.insert("by_code".into(), Value::Object(by_code));
    object.insert("constraints".into(), Value::Object(constraints));
    object.insert("violations".into(), run.violations.iter().take(shown).map(violation_object).collect());
    object.insert("violations_truncated".into(), json!(run.violations.len() - shown));
    object.insert("keys".into(), Value::Object(keys));
    object.insert("collateral".into(), collateral_summary(run));
    object.insert("dlq".into(), run.dlq.iter().map(dlq_object).collect());
    object.insert("notes".into(), json!(run.notes));
    object.insert(
        "timeline".into(),
        run.timeline.as_ref().map_or(Value::Null, |timeline| timeline.iter().map(trace_object).collect()),
    );
    object.insert(
        "shrunk_from".into(),
        run.shrunk_from.as_ref().map_or(
            Value::Null,
            |from| json!({"seed": from.seed, "events": from.events, "steps": from.steps, "faults": from.faults}),
        ),
    );
    object
}

fn collateral_summary(run: &RunReport) -> Value {
    let Collateral { events, total_delay, max_delay } = &run.collateral;
    let keys = run.keys.iter().filter(|stats| stats.collateral.is_some()).count();
    json!({"keys": keys, "events": events, "total_delay": total_delay, "max_delay": max_delay})
}

fn key_object(stats: &KeyStats) -> Value {
    json!({
        "partition": stats.partition,
        "events": stats.events,
        "violations": stats.violations,
        "first_violation": stats.first_violation.as_ref().map_or(Value::Null, |(code, event, step)| {
            json!({"code": code.as_str(), "event": event, "step": step})
        }),
        "parked_at": stats.parked_at,
        "unparked_at": stats.unparked_at,
        "parked_events": stats.parked_events,
        "max_park_duration": stats.max_park_duration,
        "collateral": stats.collateral.as_ref().map_or(Value::Null, |c| {
            json!({"events": c.events, "total_delay": c.total_delay, "max_delay": c.max_delay})
        }),
    })
}

fn violation_object(violation: &Violation) -> Value {
    json!({
        "code": violation.code.as_str(),
        "key": violation.key,
        "event": violation.event,
        "message": violation.message,
        "seq": violation.seq,
        "step": violation.step,
        "partition": violation.partition,
        "offset": violation.offset,
        "origin": violation.origin.as_str(),
        "related": violation.related,
        "constraint": violation.constraint,
        "detail": violation.detail,
        "expected": violation.expected,
    })
}

fn dlq_object(entry: &DlqRecord) -> Value {
    let mut object = Map::new();
    object.insert("topic".into(), json!(entry.topic));
    object.insert("partition".into(), json!(entry.partition));
    object.insert("offset".into(), json!(entry.offset));
    object.insert("event".into(), json!(entry.event));
    object.insert("key".into(), json!(entry.key));
    object.insert("reason".into(), json!(entry.reason.as_str()));
    object.insert("attempts".into(), json!(entry.attempts));
    if let Some(detail) = &entry.detail {
        object.insert("detail".into(), json!(detail));
    }
    if let Some(pill) = &entry.parked_behind {
        object.insert("parked_behind".into(), json!(pill));
    }
    Value::Object(object)
}

fn trace_object(entry: &TraceEntry) -> Value {
    json!({
        "step": entry.step,
        "actor": entry.actor,
        "lane": entry.lane,
        "offset": entry.offset,
        "event": entry.event,
        "action": entry.action.as_str(),
        "attempt": opt(entry.attempt),
        "detail": entry.detail,
    })
}
