//! Reads a scenario file (catalog-format §16) with the shared YAML reader into a [`Scenario`], collecting every
//! problem as a located `load/*` diagnostic, then checks its names against the group's [`SimSetup`].

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Span, did_you_mean};
use eventlint_yaml::{MapReader, NodeKind, ReadCtx, Value, YamlNode, parse};

use crate::partition::Partitioner;
use crate::scenario::{
    At, ConstraintSelection, CrashPoint, Cures, EventFault, ExpectBlock, Fault, FaultAction, FaultTrigger, Generate,
    Interleave, Lifecycle, MemberRef, Operation, OperationAction, OrderExpectation, Overrides, Policy, Popularity,
    ReplayDlq, RunSettings, Scenario, Schedule, ScheduleMode, StreamEvent, Workload,
};
use crate::setup::{ConstraintRule, GroupSettings, ReplayOrder, ReplayVia, SimSetup, ms_to_steps};

/// Where a name of the scenario was written, for diagnostics after loading.
#[derive(Clone, Debug, PartialEq)]
pub struct NameSpan {
    pub name: String,
    pub span: Span,
    pub path: String,
}

/// A loaded scenario file: the scenario, its catalog and group, and the spans of every name it references.
#[derive(Clone, Debug)]
pub struct ScenarioFile {
    pub scenario: Scenario,
    /// `catalog:` as written, relative to the scenario file.
    pub catalog: NameSpan,
    pub group: NameSpan,
    /// `run.seeds` (default 1).
    pub seeds: u64,
    pub shrink: Option<bool>,
    pub trace: bool,
    messages: Vec<NameSpan>,
    explicit_partitions: Vec<(String, Span)>,
    event_refs: Vec<NameSpan>,
    members: Vec<NameSpan>,
    constraints: Vec<NameSpan>,
    topics: Vec<NameSpan>,
    /// Span of each explicit schedule step, for "not runnable at step N" errors.
    pub schedule_steps: Vec<Span>,
}

fn invalid(value: &Value, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    value.invalid(message, help)
}

fn unknown(kind: &str, name: &NameSpan, candidates: &[&str]) -> Diagnostic {
    let help = match did_you_mean(&name.name, candidates.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None if candidates.is_empty() => format!("declare the {kind} first"),
        None => format!("use one of {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::load("dangling-reference", format!("unknown {kind} `{}`", name.name))
        .with_primary(name.span, format!("no such {kind}"))
        .with_help(help)
        .with_path(&name.path)
}

/// A non-negative integer that fits `u64`.
fn read_u64(value: &Value, cx: &mut ReadCtx) -> Option<u64> {
    match value.node.kind() {
        NodeKind::Int { value: number, .. } if *number >= 0 => Some(*number as u64),
        _ => {
            cx.report(invalid(
                value,
                format!("expected a non-negative integer, found {}", value.node.type_name()),
                "use an integer ≥ 0",
            ));
            None
        }
    }
}

fn scalar_text(node: &YamlNode) -> Option<String> {
    match node.kind() {
        NodeKind::Str(text) => Some(text.clone()),
        NodeKind::Bool(value) => Some(value.to_string()),
        NodeKind::Int { raw, .. } | NodeKind::Float { raw, .. } => Some(raw.clone()),
        _ => None,
    }
}

/// Reads `scenario` YAML; `None` when the file does not parse as a scenario at all.
pub fn load_scenario(file: FileId, text: &str, limits: &Limits) -> (Option<ScenarioFile>, Vec<Diagnostic>) {
    let (root, mut diagnostics) = parse(file, text, limits);
    let Some(root) = root else { return (None, diagnostics) };
    let mut cx = ReadCtx::new(file);
    let mut loader = Loader { cx: &mut cx, step_ms: 100 };
    let scenario = loader.read(&root);
    diagnostics.extend(cx.diagnostics);
    (scenario, diagnostics)
}

struct Loader<'c> {
    cx: &'c mut ReadCtx,
    step_ms: u64,
}

impl Loader<'_> {
    fn name(&mut self, map: &mut MapReader, key: &'static str, required: bool) -> Option<NameSpan> {
        let value = if required { map.required(key, self.cx)? } else { map.get(key, self.cx)? };
        let text = value.str(self.cx)?;
        Some(NameSpan { name: text.value, span: text.span, path: value.path.clone() })
    }

    fn name_of(&mut self, value: &Value) -> Option<NameSpan> {
        let text = value.str(self.cx)?;
        Some(NameSpan { name: text.value, span: text.span, path: value.path.clone() })
    }

    fn read(&mut self, root: &YamlNode) -> Option<ScenarioFile> {
        let root_value = Value::root(root);
        let mut map = root_value.map(self.cx)?;
        if let Some(version) = map.required("scenario", self.cx)
            && let Some(number) = version.int_min(1, self.cx)
            && number.value != 1
        {
            self.cx.report(
                Diagnostic::load(
                    "unsupported-version",
                    format!("scenario format version {} is not supported", number.value),
                )
                .with_primary(number.span, "this tool reads version 1")
                .with_help("write `scenario: 1`")
                .with_path("/scenario"),
            );
        }
        let name = map.opt_str("name", self.cx).map(|n| n.value).unwrap_or_default();
        let catalog = self.name(&mut map, "catalog", true);
        let group = self.name(&mut map, "group", true);
        let seed = map.get("seed", self.cx).and_then(|value| read_u64(&value, self.cx)).unwrap_or(0);
        if let Some(time) = map.get("time", self.cx).and_then(|value| value.map(self.cx)) {
            let mut time = time.without_extensions();
            if let Some(step) = time.opt_duration("step", self.cx) {
                self.step_ms = u64::try_from(step.value.as_millis()).unwrap_or(u64::MAX).max(1);
            }
            time.finish(self.cx);
        }
        let mut refs = Refs::default();
        let overrides = match map.get("overrides", self.cx) {
            Some(value) => self.overrides(&value, group.as_ref(), &mut refs),
            None => Overrides::default(),
        };
        let stream = map.get("stream", self.cx);
        let generate = map.get("generate", self.cx);
        let workload = match (stream, generate) {
            (Some(stream), Some(generate)) => {
                self.cx.report(
                    Diagnostic::load("conflicting-keys", "a scenario has either `stream` or `generate`, not both")
                        .with_primary(generate.key_span.unwrap_or(generate.span()), "second workload")
                        .with_label(stream.key_span.unwrap_or(stream.span()), "first workload")
                        .with_help("remove one of them")
                        .with_path("/generate"),
                );
                Workload::Stream(self.stream(&stream, &mut refs))
            }
            (Some(stream), None) => Workload::Stream(self.stream(&stream, &mut refs)),
            (None, Some(generate)) => {
                self.generate(&generate, &mut refs).map_or(Workload::Stream(vec![]), Workload::Generate)
            }
            (None, None) => {
                self.cx.report(map.missing("stream"));
                Workload::Stream(vec![])
            }
        };
        let mut schedule_steps = vec![];
        let schedule = map.get("schedule", self.cx).and_then(|value| value.map(self.cx)).map(|mut schedule| {
            let mode = schedule.opt_vocab::<ScheduleMode>("mode", self.cx).map_or(ScheduleMode::Seeded, |m| m.value);
            let steps: Vec<String> = schedule
                .get("steps", self.cx)
                .and_then(|value| value.seq(self.cx))
                .unwrap_or_default()
                .iter()
                .filter_map(|item| item.str(self.cx))
                .map(|step| {
                    schedule_steps.push(step.span);
                    step.value
                })
                .collect();
            schedule.finish(self.cx);
            Schedule { mode, steps }
        });
        let faults = self.list(&mut map, "faults", &mut refs, Self::fault);
        let operations = self.list(&mut map, "operations", &mut refs, Self::operation);
        let mut seeds = 1;
        let mut shrink = None;
        let mut trace = false;
        let run = match map.get("run", self.cx).and_then(|value| value.map(self.cx)) {
            Some(mut run) => {
                let settings = self.run(&mut run, &mut seeds, &mut shrink, &mut trace);
                run.finish(self.cx);
                settings
            }
            None => RunSettings::default(),
        };
        let expect = self.list(&mut map, "expect", &mut refs, Self::expect_block);
        map.finish(self.cx);
        Some(ScenarioFile {
            scenario: Scenario {
                name,
                seed,
                step_ms: self.step_ms,
                overrides,
                workload,
                schedule: schedule.unwrap_or_default(),
                faults,
                operations,
                run,
                expect,
            },
            catalog: catalog?,
            group: group?,
            seeds,
            shrink,
            trace,
            messages: refs.messages,
            explicit_partitions: refs.explicit_partitions,
            event_refs: refs.events,
            members: refs.members,
            constraints: refs.constraints,
            topics: refs.topics,
            schedule_steps,
        })
    }

    fn list<T>(
        &mut self,
        map: &mut MapReader,
        key: &'static str,
        refs: &mut Refs,
        item: fn(&mut Self, &Value, &mut Refs) -> Option<T>,
    ) -> Vec<T> {
        let Some(value) = map.get(key, self.cx) else { return vec![] };
        if matches!(value.node.kind(), NodeKind::Null) {
            return vec![];
        }
        value.seq(self.cx).unwrap_or_default().iter().filter_map(|entry| item(self, entry, refs)).collect()
    }

    fn overrides(&mut self, value: &Value, group: Option<&NameSpan>, refs: &mut Refs) -> Overrides {
        let mut overrides = Overrides::default();
        let Some(mut map) = value.map(self.cx).map(MapReader::without_extensions) else { return overrides };
        if let Some(topics) = map.get("topics", self.cx) {
            for (name, topic) in topics.entries(self.cx) {
                refs.topics.push(NameSpan { name: name.value.clone(), span: name.span, path: topic.path.clone() });
                let Some(mut fields) = topic.map(self.cx).map(MapReader::without_extensions) else { continue };
                let partitions = fields.opt_int_min("partitions", 1, self.cx).map(|p| p.value);
                let partitioner = fields.opt_vocab::<Partitioner>("partitioner", self.cx).map(|p| p.value);
                fields.finish(self.cx);
                overrides.topics.push((name.value, partitions, partitioner));
            }
        }
        if let Some(groups) = map.get("groups", self.cx) {
            for (name, fields) in groups.entries(self.cx) {
                if group.is_some_and(|group| group.name != name.value) {
                    self.cx.report(
                        Diagnostic::load(
                            "invalid-value",
                            format!("overrides name group `{}`, not the group under test", name.value),
                        )
                        .with_primary(name.span, "not the scenario's `group`")
                        .with_help(format!("override `{}` instead", group.map_or("", |g| g.name.as_str())))
                        .with_path(&fields.path),
                    );
                    continue;
                }
                let mut flat = vec![];
                self.flatten(&fields, String::new(), &mut flat);
                let mut probe = GroupSettings::default();
                for (path, value_text, at) in flat {
                    if let Err(error) = probe.apply(&name.value, &path, &value_text) {
                        self.cx.report(invalid(
                            &at,
                            format!("`{path}`: {error}"),
                            "use a group field of catalog-format §4.2 with a valid value",
                        ));
                        continue;
                    }
                    overrides.group.push((path, value_text));
                }
            }
        }
        if let Some(services) = map.get("services", self.cx) {
            for (_, service) in services.entries(self.cx) {
                let Some(mut fields) = service.map(self.cx).map(MapReader::without_extensions) else { continue };
                if let Some(producer) = fields.get("producer", self.cx) {
                    for (field, value) in producer.entries(self.cx) {
                        let text = scalar_text(value.node).unwrap_or_default();
                        let mut probe = SimSetup {
                            group: String::new(),
                            topics: vec![],
                            messages: vec![],
                            settings: GroupSettings::default(),
                            constraints: vec![],
                            producer: Default::default(),
                        };
                        match probe.override_producer(&field.value, &text) {
                            Ok(()) => overrides.producer.push((field.value, text)),
                            Err(error) => self.cx.report(invalid(
                                &value,
                                error,
                                "use `idempotent`, `maxInFlight`, `client`, `partitioner` or `outbox`",
                            )),
                        }
                    }
                }
                fields.finish(self.cx);
            }
        }
        map.finish(self.cx);
        overrides
    }

    /// Flattens nested group overrides into dotted paths with scalar values.
    fn flatten<'n>(&mut self, value: &Value<'n>, prefix: String, out: &mut Vec<(String, String, Value<'n>)>) {
        match value.node.kind() {
            NodeKind::Map(_) if prefix.split('.').count() < 4 => {
                for (key, child) in value.entries(self.cx) {
                    let path = if prefix.is_empty() { key.value } else { format!("{prefix}.{}", key.value) };
                    self.flatten(&child, path, out);
                }
            }
            _ => match scalar_text(value.node) {
                Some(text) => out.push((prefix, text, value.clone())),
                None => self.cx.report(invalid(
                    value,
                    format!("`{prefix}`: expected a value, found {}", value.node.type_name()),
                    "write a scalar value",
                )),
            },
        }
    }

    fn stream(&mut self, value: &Value, refs: &mut Refs) -> Vec<StreamEvent> {
        let mut events: Vec<StreamEvent> = vec![];
        let mut ids: Vec<(String, Span)> = vec![];
        for item in value.seq(self.cx).unwrap_or_default() {
            let Some(mut map) = item.map(self.cx).map(MapReader::without_extensions) else { continue };
            let id = self.name(&mut map, "id", true);
            let message = self.name(&mut map, "message", true);
            let key = match map.required("key", self.cx) {
                Some(value) if matches!(value.node.kind(), NodeKind::Null) => None,
                Some(value) => scalar_text(value.node).or_else(|| value.str(self.cx).map(|s| s.value)),
                None => None,
            };
            let partition = map.get("partition", self.cx).and_then(|value| {
                let number = read_u64(&value, self.cx)?;
                Some((u32::try_from(number).unwrap_or(u32::MAX), value.span()))
            });
            let at = map.get("at", self.cx).and_then(|value| self.at(&value)).and_then(|at| match at {
                At::Step(step) => Some(step),
                _ => None,
            });
            let fault = map.get("fault", self.cx).map_or(EventFault::None, |value| self.event_fault(&value));
            map.finish(self.cx);
            let (Some(id), Some(message)) = (id, message) else { continue };
            if let Some((_, first)) = ids.iter().find(|(existing, _)| *existing == id.name) {
                self.cx.report(
                    Diagnostic::load("duplicate-definition", format!("event id `{}` is used twice", id.name))
                        .with_primary(id.span, "second use")
                        .with_label(*first, "first use")
                        .with_help("give every event a unique `id`")
                        .with_path(&id.path),
                );
            }
            ids.push((id.name.clone(), id.span));
            if let Some((_, span)) = partition {
                refs.explicit_partitions.push((message.name.clone(), span));
            }
            refs.messages.push(message.clone());
            events.push(StreamEvent {
                id: id.name,
                message: message.name,
                key,
                partition: partition.map(|p| p.0),
                at,
                fault,
            });
        }
        events
    }

    fn event_fault(&mut self, value: &Value) -> EventFault {
        let Some(mut map) = value.map(self.cx).map(MapReader::without_extensions) else { return EventFault::None };
        let class = map.opt_str("class", self.cx).map(|c| c.value);
        let poison = map.get("poison", self.cx);
        let transient = map.get("transient", self.cx);
        let fault = match (poison, transient) {
            (Some(poison), None) => {
                let detail = scalar_text(poison.node).unwrap_or_default();
                EventFault::Poison { class, detail }
            }
            (None, Some(transient)) => {
                let failures = transient.int_min(1, self.cx).map_or(1, |n| n.value);
                EventFault::Transient { failures, class }
            }
            (Some(_), Some(transient)) => {
                self.cx.report(invalid(&transient, "a fault is either `poison` or `transient`", "keep one of them"));
                EventFault::None
            }
            (None, None) => {
                self.cx.report(map.missing("poison"));
                EventFault::None
            }
        };
        map.finish(self.cx);
        fault
    }

    fn generate(&mut self, value: &Value, refs: &mut Refs) -> Option<Generate> {
        let mut map = value.map(self.cx)?.without_extensions();
        let events = map.required("events", self.cx).and_then(|v| read_u64(&v, self.cx)).unwrap_or(0);
        let (mut key_count, mut key_prefix, mut popularity) = (1000, "k-".to_owned(), Popularity::Uniform);
        if let Some(mut keys) = map.get("keys", self.cx).and_then(|v| v.map(self.cx)).map(MapReader::without_extensions)
        {
            key_count = keys.opt_int_min("count", 1, self.cx).map_or(key_count, |c| c.value);
            key_prefix = keys.opt_str("prefix", self.cx).map_or(key_prefix, |p| p.value);
            if let Some(value) = keys.get("popularity", self.cx) {
                popularity = match value.node.kind() {
                    NodeKind::Str(text) if text == "uniform" => Popularity::Uniform,
                    NodeKind::Map(_) => {
                        let mut zipf = value.map(self.cx)?.without_extensions();
                        let exponent =
                            zipf.get("zipf", self.cx).and_then(|v| v.number_min(0.0, self.cx)).map_or(1.0, |e| e.value);
                        zipf.finish(self.cx);
                        Popularity::Zipf(exponent)
                    }
                    _ => {
                        self.cx.report(invalid(
                            &value,
                            "expected `uniform` or `{ zipf: <exponent> }`",
                            "write `uniform` or `{ zipf: 1.1 }`",
                        ));
                        Popularity::Uniform
                    }
                };
            }
            keys.finish(self.cx);
        }
        let lifecycle = match (map.get("lifecycle", self.cx), map.get("sequence", self.cx)) {
            (Some(lifecycle), _) => {
                let name = self.name_of(&lifecycle)?;
                refs.constraints.push(name.clone());
                Lifecycle::Constraint(name.name)
            }
            (None, Some(sequence)) => {
                let names: Vec<NameSpan> =
                    sequence.seq(self.cx).unwrap_or_default().iter().filter_map(|item| self.name_of(item)).collect();
                refs.messages.extend(names.iter().cloned());
                Lifecycle::Sequence(names.into_iter().map(|n| n.name).collect())
            }
            (None, None) => {
                self.cx.report(map.missing("lifecycle"));
                return None;
            }
        };
        let interleave = map.opt_vocab::<Interleave>("interleave", self.cx).map_or(Interleave::Random, |i| i.value);
        let rate = map.get("rate", self.cx).and_then(|value| self.rate(&value));
        let (mut poison, mut transient, mut geometric, mut max) = (0.0, 0.0, 0.5, 1);
        if let Some(mut faults) =
            map.get("faults", self.cx).and_then(|v| v.map(self.cx)).map(MapReader::without_extensions)
        {
            poison = faults.get("poison", self.cx).and_then(|v| v.number_min(0.0, self.cx)).map_or(0.0, |p| p.value);
            if let Some(mut spec) =
                faults.get("transient", self.cx).and_then(|v| v.map(self.cx)).map(MapReader::without_extensions)
            {
                transient = spec.get("p", self.cx).and_then(|v| v.number_min(0.0, self.cx)).map_or(0.0, |p| p.value);
                if let Some(mut failures) =
                    spec.get("failures", self.cx).and_then(|v| v.map(self.cx)).map(MapReader::without_extensions)
                {
                    geometric = failures
                        .get("geometric", self.cx)
                        .and_then(|v| v.number_min(0.0, self.cx))
                        .map_or(0.5, |g| g.value);
                    max = failures.opt_int_min("max", 1, self.cx).map_or(1, |m| m.value);
                    failures.finish(self.cx);
                }
                spec.finish(self.cx);
            }
            faults.finish(self.cx);
        }
        map.finish(self.cx);
        Some(Generate {
            events,
            key_count,
            key_prefix,
            popularity,
            lifecycle,
            interleave,
            rate,
            poison,
            transient,
            transient_geometric: geometric,
            transient_max: max,
        })
    }

    /// `N/step`.
    fn rate(&mut self, value: &Value) -> Option<u32> {
        let text = scalar_text(value.node).unwrap_or_default();
        let parsed = text.strip_suffix("/step").and_then(|n| n.trim().parse::<u32>().ok()).filter(|n| *n >= 1);
        if parsed.is_none() {
            self.cx.report(invalid(
                value,
                format!("expected a rate such as `1/step`, found `{text}`"),
                "write `N/step` with N ≥ 1",
            ));
        }
        parsed
    }

    /// `at:` as a step, a duration, a percentage or `end`.
    fn at(&mut self, value: &Value) -> Option<At> {
        match value.node.kind() {
            NodeKind::Int { value: step, .. } if *step >= 0 => return Some(At::Step(*step as u64)),
            NodeKind::Str(text) if text == "end" => return Some(At::End),
            NodeKind::Str(text) if text.ends_with('%') => {
                if let Ok(percent) = text.trim_end_matches('%').parse::<u32>()
                    && percent <= 100
                {
                    return Some(At::Percent(percent));
                }
            }
            NodeKind::Str(text) => {
                if let Some(duration) = eventlint_yaml::parse_duration(text) {
                    let ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
                    return Some(At::Step(ms_to_steps(ms, self.step_ms).max(1)));
                }
            }
            _ => {}
        }
        self.cx.report(invalid(
            value,
            "expected a step, a duration, a percentage or `end`",
            "write `12`, `30s`, `50%` or `end`",
        ));
        None
    }

    fn member(&mut self, value: &Value, refs: &mut Refs) -> Option<MemberRef> {
        let name = self.name_of(value)?;
        if name.name == "any" {
            return Some(MemberRef::Any);
        }
        refs.members.push(name.clone());
        Some(MemberRef::Named(name.name))
    }

    /// Reads every one of `keys`, of which a mapping has exactly one: the first one written, with a conflict reported
    /// for each further one, or a missing key when none is.
    fn one_of<'n>(
        &mut self,
        map: &mut MapReader<'n>,
        keys: &[&'static str],
        rule: &str,
    ) -> Option<(&'static str, Value<'n>)> {
        let mut present: Vec<(&'static str, Value<'n>)> =
            keys.iter().filter_map(|&key| Some((key, map.get(key, self.cx)?))).collect();
        present.sort_by_key(|(_, value)| value.key_span.map(|span| span.start));
        let choices = keys.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
        let mut present = present.into_iter();
        let Some((first_key, first)) = present.next() else {
            self.cx
                .report(map.missing(keys.first().copied().unwrap_or_default()).with_note(format!("{rule}: {choices}")));
            return None;
        };
        for (key, value) in present {
            self.cx.report(
                Diagnostic::load("conflicting-keys", format!("{rule}: {choices}"))
                    .with_primary(value.key_span.unwrap_or(value.span()), format!("`{key}` as well"))
                    .with_label(first.key_span.unwrap_or(first.span()), format!("`{first_key}` here"))
                    .with_help(format!("keep `{first_key}` or `{key}`, in separate entries if both are meant"))
                    .with_path(&value.path),
            );
        }
        Some((first_key, first))
    }

    fn fault(&mut self, value: &Value, refs: &mut Refs) -> Option<Fault> {
        let mut map = value.map(self.cx)?.without_extensions();
        let at = map.get("at", self.cx);
        let after = map.get("afterEvent", self.cx);
        let point = map.opt_vocab::<CrashPoint>("point", self.cx);
        let per_step = map.get("perStep", self.cx).and_then(|v| v.number_min(0.0, self.cx));
        let every = map.get("everySteps", self.cx).and_then(|v| read_u64(&v, self.cx));
        let trigger = if let Some(after) = after {
            let event = self.name_of(&after)?;
            refs.events.push(event.clone());
            let Some(point) = point else {
                self.cx.report(map.missing("point"));
                return None;
            };
            FaultTrigger::AfterEvent { event: event.name, point: point.value }
        } else if let Some(at) = at {
            FaultTrigger::At(self.at(&at)?)
        } else if let Some(p) = per_step {
            FaultTrigger::PerStep(p.value)
        } else if let Some(every) = every {
            FaultTrigger::EverySteps(every)
        } else {
            self.cx.report(map.missing("at"));
            return None;
        };
        let (key, value) = self.one_of(&mut map, &["crash", "rebalance", "producer"], "a fault has one action")?;
        let action = if key == "crash" {
            FaultAction::Crash(self.member(&value, refs)?)
        } else if key == "rebalance" {
            let rebalance = value;
            match rebalance.node.kind() {
                NodeKind::Str(text) if text == "leave-join" => FaultAction::LeaveJoin,
                _ => {
                    let mut fields = rebalance.map(self.cx)?.without_extensions();
                    let action = match (fields.get("leave", self.cx), fields.get("join", self.cx)) {
                        (Some(leave), None) => FaultAction::Leave(self.member(&leave, refs)?),
                        (None, Some(join)) => FaultAction::Join(join.int_min(1, self.cx)?.value),
                        _ => {
                            self.cx.report(invalid(
                                &rebalance,
                                "a rebalance has one of `leave` or `join`",
                                "write `{ leave: <member> }` or `{ join: 1 }`",
                            ));
                            return None;
                        }
                    };
                    fields.finish(self.cx);
                    action
                }
            }
        } else {
            match value.node.as_str() {
                Some("reorder") => FaultAction::ProducerReorder,
                Some("duplicate") => FaultAction::ProducerDuplicate,
                _ => {
                    self.cx.report(invalid(
                        &value,
                        "expected `reorder` or `duplicate`",
                        "write `producer: reorder` or `producer: duplicate`",
                    ));
                    return None;
                }
            }
        };
        map.finish(self.cx);
        Some(Fault { trigger, action })
    }

    fn operation(&mut self, value: &Value, _refs: &mut Refs) -> Option<Operation> {
        let mut map = value.map(self.cx)?.without_extensions();
        let at = match map.required("at", self.cx) {
            Some(at) => self.at(&at)?,
            None => return None,
        };
        let (key, value) =
            self.one_of(&mut map, &["deployFix", "replayDlq", "unpark"], "an operation does one thing")?;
        let action = if key == "deployFix" {
            let mut fields = value.map(self.cx)?.without_extensions();
            let classes: Vec<String> = fields
                .required("cures", self.cx)
                .map(|cures| cures.names(self.cx).into_iter().map(|item| item.value.value).collect())
                .unwrap_or_default();
            fields.finish(self.cx);
            if classes.iter().any(|class| class == "poison") && classes.len() == 1 {
                OperationAction::DeployFix(Cures::AllPoison)
            } else {
                OperationAction::DeployFix(Cures::Classes(classes))
            }
        } else if key == "replayDlq" {
            let mut fields = value.map(self.cx)?.without_extensions();
            let order = fields.opt_vocab::<ReplayOrder>("order", self.cx).map(|o| o.value);
            let via = fields.opt_vocab::<ReplayVia>("via", self.cx).map(|v| v.value);
            let rate = fields.get("rate", self.cx).and_then(|v| self.rate(&v)).unwrap_or(1);
            let only_cured = fields.opt_bool("onlyCured", self.cx).is_none_or(|b| b.value);
            fields.finish(self.cx);
            OperationAction::ReplayDlq(ReplayDlq { order, via, rate, only_cured })
        } else {
            let unpark = value;
            let mut fields = unpark.map(self.cx)?.without_extensions();
            let key = fields.opt_str("key", self.cx).map(|k| k.value);
            let all = fields.opt_str("keys", self.cx);
            fields.finish(self.cx);
            if key.is_none() && all.as_ref().is_none_or(|a| a.value != "all") {
                self.cx.report(invalid(
                    &unpark,
                    "expected `{ key: <value> }` or `{ keys: all }`",
                    "name the key to unpark, or `keys: all`",
                ));
                return None;
            }
            OperationAction::Unpark(key)
        };
        map.finish(self.cx);
        Some(Operation { at, action })
    }

    fn policy_list(&mut self, value: &Value) -> Vec<Policy> {
        let mut policies = vec![];
        for item in value.seq(self.cx).unwrap_or_default() {
            let Some(name) = self.name_of(&item) else { continue };
            match Policy::parse(&name.name) {
                Some(policy) => policies.push(policy),
                None => self.cx.report(unknown("policy", &name, Policy::ALL)),
            }
        }
        policies
    }

    fn run(
        &mut self,
        run: &mut MapReader,
        seeds: &mut u64,
        shrink: &mut Option<bool>,
        trace: &mut bool,
    ) -> RunSettings {
        let mut settings = RunSettings::default();
        if let Some(policies) = run.get("policies", self.cx) {
            settings.policies = self.policy_list(&policies);
        }
        if let Some(sweep) = run.get("sweep", self.cx) {
            for (path, values) in sweep.entries(self.cx) {
                let texts: Vec<(String, Value)> = values
                    .seq(self.cx)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|value| scalar_text(value.node).map(|text| (text, value)))
                    .collect();
                let mut probe = GroupSettings::default();
                for (text, value) in &texts {
                    if let Err(error) = probe.apply("group", &path.value, text) {
                        self.cx.report(invalid(
                            value,
                            format!("`{}`: {error}", path.value),
                            "use a group field of catalog-format §4.2 with a valid value",
                        ));
                    }
                }
                settings.sweep.push((path.value, texts.into_iter().map(|(text, _)| text).collect()));
            }
        }
        *seeds = run.get("seeds", self.cx).and_then(|v| read_u64(&v, self.cx)).unwrap_or(1).max(1);
        settings.max_steps = run.get("maxSteps", self.cx).and_then(|v| read_u64(&v, self.cx));
        *shrink = run.opt_bool("shrink", self.cx).map(|b| b.value);
        *trace = run.opt_bool("trace", self.cx).is_some_and(|b| b.value);
        settings
    }

    fn steps_of(&mut self, value: &Value) -> Option<u64> {
        let duration = value.duration(self.cx)?;
        Some(ms_to_steps(u64::try_from(duration.value.as_millis()).unwrap_or(u64::MAX), self.step_ms))
    }

    fn expect_block(&mut self, value: &Value, refs: &mut Refs) -> Option<ExpectBlock> {
        let mut map = value.map(self.cx)?.without_extensions();
        let mut block = ExpectBlock::default();
        if let Some(policies) = map.get("policies", self.cx) {
            block.policies = self.policy_list(&policies);
        }
        block.no_loss = map.opt_bool("noLoss", self.cx).map(|b| b.value);
        block.per_key_order = map.opt_vocab::<OrderExpectation>("perKeyOrder", self.cx).map(|o| o.value);
        if let Some(constraints) = map.get("constraints", self.cx) {
            block.constraints = Some(if constraints.node.as_str() == Some("all") {
                ConstraintSelection::All
            } else {
                let names: Vec<NameSpan> =
                    constraints.seq(self.cx).unwrap_or_default().iter().filter_map(|item| self.name_of(item)).collect();
                refs.constraints.extend(names.iter().cloned());
                ConstraintSelection::Ids(names.into_iter().map(|n| n.name).collect())
            });
        }
        let mut count =
            |key: &'static str, loader: &mut Self| map.get(key, loader.cx).and_then(|v| read_u64(&v, loader.cx));
        block.max_duplicates = count("maxDuplicates", self);
        block.max_dlq = count("maxDlq", self);
        block.max_dlq_duplicates = count("maxDlqDuplicates", self);
        block.max_stuck = count("maxStuck", self);
        block.max_park_duration = map.get("maxParkDuration", self.cx).and_then(|v| self.steps_of(&v));
        block.replay_complete = map.opt_bool("replayComplete", self.cx).map(|b| b.value);
        block.max_collateral_delay = map.get("maxCollateralDelay", self.cx).and_then(|v| self.steps_of(&v));
        map.finish(self.cx);
        Some(block)
    }
}

#[derive(Default)]
struct Refs {
    messages: Vec<NameSpan>,
    explicit_partitions: Vec<(String, Span)>,
    events: Vec<NameSpan>,
    members: Vec<NameSpan>,
    constraints: Vec<NameSpan>,
    topics: Vec<NameSpan>,
}

impl ScenarioFile {
    /// Checks the scenario's names against the group's setup (after the scenario's overrides): messages, event
    /// ids, members, constraints, topics and explicit partitions. Every problem is a located load error.
    pub fn check(&self, setup: &SimSetup) -> Vec<Diagnostic> {
        let mut diagnostics = vec![];
        let messages: Vec<&str> = setup.messages.iter().map(|m| m.name.as_str()).collect();
        for message in &self.messages {
            if !messages.contains(&message.name.as_str()) {
                diagnostics.push(unknown("message", message, &messages));
            }
        }
        let events: Vec<&str> = match &self.scenario.workload {
            Workload::Stream(stream) => stream.iter().map(|e| e.id.as_str()).collect(),
            Workload::Generate(_) => vec![],
        };
        for event in &self.event_refs {
            if !events.contains(&event.name.as_str()) {
                diagnostics.push(unknown("event", event, &events));
            }
        }
        let constraints: Vec<&str> = setup.constraints.iter().map(|c| c.id.as_str()).collect();
        for constraint in &self.constraints {
            if !constraints.contains(&constraint.name.as_str()) {
                diagnostics.push(unknown("constraint", constraint, &constraints));
            }
        }
        let topics: Vec<&str> = setup.topics.iter().map(|t| t.name.as_str()).collect();
        for topic in &self.topics {
            if !topics.contains(&topic.name.as_str()) {
                diagnostics.push(unknown("topic", topic, &topics));
            }
        }
        let instances = self
            .scenario
            .overrides
            .group
            .iter()
            .rev()
            .find(|(path, _)| path == "instances")
            .and_then(|(_, value)| value.parse::<u32>().ok())
            .unwrap_or(setup.settings.instances);
        let joins: u32 =
            self.scenario.faults.iter().map(|f| if let FaultAction::Join(n) = f.action { n } else { 0 }).sum();
        let member_ids: Vec<String> =
            (0..instances.saturating_add(joins)).map(|n| format!("{}-{n}", setup.group)).collect();
        let member_names: Vec<&str> = member_ids.iter().map(String::as_str).collect();
        for member in &self.members {
            if !member_names.contains(&member.name.as_str()) {
                diagnostics.push(unknown("member", member, &member_names));
            }
        }
        for (message, span) in &self.explicit_partitions {
            let topic = setup.message(message).map(|m| m.topic.as_str());
            let overridden = self
                .scenario
                .overrides
                .topics
                .iter()
                .rev()
                .find(|(name, _, partitioner)| Some(name.as_str()) == topic && partitioner.is_some())
                .and_then(|(_, _, partitioner)| *partitioner);
            let partitioner = overridden.or_else(|| topic.and_then(|t| setup.topic(t)).map(|t| t.partitioner));
            if partitioner.is_some_and(|p| p != Partitioner::Explicit) {
                diagnostics.push(
                    Diagnostic::load("invalid-value", "`partition` is only allowed with `partitioner: explicit`")
                        .with_primary(*span, "explicit partition")
                        .with_help("remove `partition`, or override the topic with `partitioner: explicit`"),
                );
            }
        }
        if let Workload::Generate(Generate { lifecycle: Lifecycle::Constraint(id), .. }) = &self.scenario.workload
            && let Some(constraint) = setup.constraints.iter().find(|c| c.id == *id)
            && !matches!(constraint.rule, ConstraintRule::Fsm { .. })
            && let Some(name) = self.constraints.iter().find(|c| c.name == *id)
        {
            diagnostics.push(
                Diagnostic::load("invalid-value", format!("`{id}` is a `precedes` constraint, not an `fsm`"))
                    .with_primary(name.span, "not a lifecycle")
                    .with_help("name an `fsm` constraint, or use `sequence: [...]`")
                    .with_path(&name.path),
            );
        }
        diagnostics
    }
}
