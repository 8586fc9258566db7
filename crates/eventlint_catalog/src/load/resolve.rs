//! Merges the files' entities into one model (names are global, each in its namespace), then resolves every
//! reference, consumer groups (§6.2) and the values entities inherit from others (owner, domain, visibility).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use eventlint_diagnostics::{Diagnostic, FileId, Span, did_you_mean};
use indexmap::IndexMap;

use super::file::FileEntities;
use crate::model::*;

fn duplicate(what: &str, name: &str, first: Span, second: Span, path: &str) -> Diagnostic {
    Diagnostic::load("duplicate-definition", format!("{what} `{name}` is defined twice"))
        .with_primary(second, "defined again here")
        .with_label(first, "first defined here")
        .with_help(format!("rename or remove one of the two definitions of `{name}`"))
        .with_note("names are global across all catalog files of the model")
        .with_path(path)
}

/// Inserts entities into a namespace, reporting names that are already taken.
fn insert_all<T>(
    map: &mut IndexMap<String, T>,
    entities: Vec<T>,
    what: &str,
    decl: impl Fn(&T) -> &Decl,
    diagnostics: &mut Vec<Diagnostic>,
) {
    map.reserve(entities.len());
    for entity in entities {
        let d = decl(&entity);
        if let Some(first) = map.get(&d.name) {
            diagnostics.push(duplicate(what, &d.name, decl(first).name_span, d.name_span, &d.path));
            continue;
        }
        map.insert(d.name.clone(), entity);
    }
}

/// Builds the model from every file's entities and resolves it.
pub fn merge(files: Vec<FileEntities>, diagnostics: &mut Vec<Diagnostic>) -> Model {
    let mut model = Model::default();
    // Messages, views, automations and screens share one namespace.
    let mut shared: IndexMap<String, (Span, &'static str)> = IndexMap::new();
    for entities in files {
        let FileEntities { catalog, services, topics, messages, constraints, views, automations, screens } = entities;
        model.files.push(catalog);
        insert_all(&mut model.services, services, "service", |s| &s.decl, diagnostics);
        insert_all(&mut model.topics, topics, "topic", |t| &t.decl, diagnostics);
        insert_all(&mut model.constraints, constraints, "constraint", |c| &c.decl, diagnostics);
        let mut claim = |decl: &Decl, what: &'static str| match shared.get(&decl.name) {
            Some(&(first, first_what)) => {
                let message =
                    if first_what == what { what.to_owned() } else { format!("{what} (already a {first_what})") };
                diagnostics.push(duplicate(&message, &decl.name, first, decl.name_span, &decl.path));
                false
            }
            None => {
                shared.insert(decl.name.clone(), (decl.name_span, what));
                true
            }
        };
        model.messages.reserve(messages.len());
        for message in messages {
            if claim(&message.decl, "message") {
                model.messages.insert(message.decl.name.clone(), message);
            }
        }
        for view in views {
            if claim(&view.decl, "view") {
                model.views.insert(view.decl.name.clone(), view);
            }
        }
        for automation in automations {
            if claim(&automation.decl, "automation") {
                model.automations.insert(automation.decl.name.clone(), automation);
            }
        }
        for screen in screens {
            if claim(&screen.decl, "screen") {
                model.screens.insert(screen.decl.name.clone(), screen);
            }
        }
    }
    index_groups(&mut model, diagnostics);
    let names = Names::of(&model, &shared);
    names.check_references(&model, diagnostics);
    resolve_consumer_groups(&mut model, diagnostics);
    resolve_messages(&mut model);
    model
}

/// Fills `group_services`, reporting a group id declared by two services.
fn index_groups(model: &mut Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut first_decl: HashMap<String, Span> = HashMap::new();
    for service in model.services.values() {
        for group in service.consumer_groups.values() {
            let id = &group.decl.name;
            if let Some(&first) = first_decl.get(id) {
                diagnostics.push(duplicate("consumer group", id, first, group.decl.name_span, &group.decl.path));
                continue;
            }
            first_decl.insert(id.clone(), group.decl.name_span);
            model.group_services.insert(id.clone(), service.decl.name.clone());
        }
    }
}

/// Every declared name of one namespace: a set for lookups, the declaration order for did-you-mean.
struct Namespace<'m> {
    set: HashSet<&'m str>,
    ordered: Vec<&'m str>,
}

impl<'m> Namespace<'m> {
    fn new(names: impl Iterator<Item = &'m String>) -> Self {
        let ordered: Vec<&str> = names.map(String::as_str).collect();
        Namespace { set: ordered.iter().copied().collect(), ordered }
    }
}

/// Every declared name, by namespace, for reference checks and did-you-mean.
struct Names<'m> {
    services: Namespace<'m>,
    topics: Namespace<'m>,
    messages: Namespace<'m>,
    shared: Namespace<'m>,
}

impl<'m> Names<'m> {
    fn of(model: &'m Model, shared: &'m IndexMap<String, (Span, &'static str)>) -> Self {
        Names {
            services: Namespace::new(model.services.keys()),
            topics: Namespace::new(model.topics.keys()),
            messages: Namespace::new(model.messages.keys()),
            shared: Namespace::new(shared.keys()),
        }
    }

    fn check<'r>(
        &self,
        refs: impl IntoIterator<Item = &'r Ref>,
        names: &Namespace<'_>,
        what: &str,
        section: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for r in refs {
            if !names.set.contains(r.name.as_str()) {
                diagnostics.push(dangling(r, what, section, &names.ordered));
            }
        }
    }

    fn check_references(&self, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
        let (services, topics, messages, shared) = (&self.services, &self.topics, &self.messages, &self.shared);
        for service in model.services.values() {
            for group in service.consumer_groups.values() {
                let dlq_topics = group.dlq.iter().flat_map(|d| d.topic.iter().chain(&d.park_topic));
                self.check(group.retry.topics.iter().chain(dlq_topics), topics, "topic", "topics", diagnostics);
            }
        }
        for m in model.messages.values() {
            self.check(&m.producers, services, "service", "services", diagnostics);
            self.check(m.consumers.iter().map(|c| &c.service), services, "service", "services", diagnostics);
            let topic_refs = m.topic.iter().chain(&m.reply_to).chain(m.history.iter().filter_map(|h| h.topic.as_ref()));
            self.check(topic_refs, topics, "topic", "topics", diagnostics);
            let replaced_by = m.deprecated.iter().filter_map(|d| d.replaced_by.as_ref());
            let message_refs = m.triggered_by.iter().chain(&m.emits).chain(replaced_by);
            self.check(message_refs, messages, "message", "messages", diagnostics);
        }
        for c in model.constraints.values() {
            self.check(&c.consumers, services, "service", "services", diagnostics);
            let named: Vec<&Ref> = match &c.order {
                Some(ConstraintOrder::Fsm(fsm)) => fsm
                    .start
                    .iter()
                    .chain(fsm.next.values().flat_map(|s| std::iter::once(&s.state).chain(&s.next)))
                    .collect(),
                Some(ConstraintOrder::Precedes(p)) => p.first.iter().chain(&p.then).collect(),
                None => Vec::new(),
            };
            self.check(named, messages, "message", "messages", diagnostics);
        }
        for v in model.views.values() {
            self.check(&v.service, services, "service", "services", diagnostics);
            self.check(&v.from, shared, "message", "messages", diagnostics);
        }
        for a in model.automations.values() {
            self.check(&a.service, services, "service", "services", diagnostics);
            self.check(
                a.when.iter().chain(&a.reads).chain(&a.issues),
                shared,
                "message or view",
                "messages",
                diagnostics,
            );
        }
        for s in model.screens.values() {
            self.check(s.issues.iter().chain(&s.shows), shared, "message or view", "messages", diagnostics);
        }
    }
}

fn dangling(r: &Ref, what: &str, section: &str, names: &[&str]) -> Diagnostic {
    let help = match did_you_mean(&r.name, names.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("declare `{}` in `{section}`, or fix the name", r.name),
    };
    Diagnostic::load("dangling-reference", format!("unknown {what} `{}`", r.name))
        .with_primary(r.span, "not declared anywhere in the model")
        .with_help(help)
        .with_path(&r.path)
}

/// The group of every consumer entry (§6.2), creating implicit groups for services that declare none.
fn resolve_consumer_groups(model: &mut Model, diagnostics: &mut Vec<Diagnostic>) {
    let delivery_defaults: HashMap<FileId, Option<Setting<Delivery>>> = model
        .files
        .iter()
        .map(|f| (f.file, f.defaults.delivery.as_ref().map(|d| Setting::inherited(d.value, d.span))))
        .collect();
    let mut implicit: Vec<(String, Span)> = Vec::new();
    for message in model.messages.values_mut() {
        for consumer in &mut message.consumers {
            let Some(service) = model.services.get(&consumer.service.name) else { continue };
            let groups = &service.consumer_groups;
            consumer.group = match &consumer.group {
                Some(explicit) => {
                    if !groups.contains_key(&explicit.value) {
                        diagnostics.push(unknown_group(
                            service,
                            explicit,
                            &consumer.path,
                            model.group_services.get(&explicit.value),
                        ));
                        None
                    } else {
                        Some(explicit.clone())
                    }
                }
                None if groups.len() == 1 => {
                    groups.values().next().map(|g| Setting::inherited(g.decl.name.clone(), g.decl.name_span))
                }
                None if groups.is_empty() => {
                    implicit.push((service.decl.name.clone(), consumer.service.span));
                    Some(Setting::built_in(service.decl.name.clone()))
                }
                None => {
                    diagnostics.push(ambiguous_group(service, consumer, &message.decl.name));
                    None
                }
            };
        }
    }
    for (service_name, first_use) in implicit {
        if model.services.get(&service_name).is_some_and(|s| s.consumer_groups.contains_key(&service_name)) {
            continue;
        }
        if let Some(owner) = model.group_services.get(&service_name) {
            let declared = model.group(&service_name).map(|(_, g)| g.decl.name_span).unwrap_or(first_use);
            diagnostics.push(
                Diagnostic::load(
                    "duplicate-definition",
                    format!(
                        "the implicit group of `{service_name}` clashes with the group `{service_name}` of `{owner}`"
                    ),
                )
                .with_primary(first_use, "implies a group named after the service")
                .with_label(declared, "declared here")
                .with_help(format!("declare a consumer group with another id for `{service_name}`"))
                .with_path(format!("/services/{service_name}/consumerGroups/{service_name}")),
            );
            continue;
        }
        let Some(service) = model.services.get_mut(&service_name) else { continue };
        let delivery = delivery_defaults.get(&service.decl.file).cloned().flatten();
        let group = implicit_group(service, delivery);
        model.group_services.insert(service_name.clone(), service_name.clone());
        service.consumer_groups.insert(service_name, group);
    }
}

fn unknown_group(service: &Service, group: &Setting<String>, path: &str, owner: Option<&String>) -> Diagnostic {
    let span = group.span().unwrap_or(service.decl.name_span);
    let declared: Vec<&str> = service.consumer_groups.keys().map(String::as_str).collect();
    let help = match (owner, did_you_mean(&group.value, declared.iter().copied())) {
        (_, Some(suggestion)) => format!("did you mean `{suggestion}`?"),
        (Some(owner), None) => {
            format!("name a group of `{}`, or make this entry consume as `{owner}`", service.decl.name)
        }
        (None, None) => format!("declare `{}` under `services.{}.consumerGroups`", group.value, service.decl.name),
    };
    let message = match owner {
        Some(owner) => format!("group `{}` belongs to `{owner}`, not to `{}`", group.value, service.decl.name),
        None => format!("`{}` declares no consumer group `{}`", service.decl.name, group.value),
    };
    Diagnostic::load("dangling-reference", message)
        .with_primary(span, "no such group on this service")
        .with_help(help)
        .with_path(format!("{path}/group"))
}

fn ambiguous_group(service: &Service, consumer: &Consumer, message: &str) -> Diagnostic {
    let ids: Vec<String> = service.consumer_groups.keys().map(|g| format!("`{g}`")).collect();
    let mut diagnostic = Diagnostic::load(
        "ambiguous-reference",
        format!("`{}` has several consumer groups; say which one consumes `{message}`", service.decl.name),
    )
    .with_primary(consumer.service.span, "which group?")
    .with_help(format!("add `group:` with one of {}", ids.join(", ")))
    .with_path(&consumer.path);
    for group in service.consumer_groups.values() {
        diagnostic = diagnostic.with_label(group.decl.name_span, "a group of this service");
    }
    diagnostic
}

/// The group a consumer entry implies for a service without groups: named after the service, every default.
fn implicit_group(service: &Service, delivery: Option<Setting<Delivery>>) -> ConsumerGroup {
    let path = format!("{}/consumerGroups/{}", service.decl.path, service.decl.name);
    ConsumerGroup {
        decl: Decl { path: path.clone(), ..service.decl.clone() },
        service: service.decl.name.clone(),
        implicit: true,
        instances: Setting::built_in(1),
        assignor: Setting::built_in(Assignor::Range),
        processing: Setting::built_in(Processing::Partition),
        delivery: delivery.unwrap_or(Setting::built_in(Delivery::AtLeastOnce)),
        idempotent: Setting::built_in(false),
        commit: Commit {
            span: None,
            policy: Setting::built_in(CommitPolicy::Every(1)),
            on_revoke: Setting::built_in(true),
        },
        max_poll_interval: Setting::built_in(Duration::from_secs(300)),
        session_timeout: Setting::built_in(Duration::from_secs(45)),
        retry: Retry {
            span: None,
            path: format!("{path}/retry"),
            mode: Setting::built_in(RetryMode::Blocking),
            max_attempts: Setting::built_in(1),
            backoff: Backoff {
                span: None,
                kind: Setting::built_in(BackoffType::Fixed),
                initial: Setting::built_in(Duration::ZERO),
                increment: None,
                multiplier: None,
                max: None,
                extensions: Vec::new(),
            },
            topics: Vec::new(),
            extensions: Vec::new(),
        },
        on_exhausted: Setting::built_in(OnExhausted::Stop),
        dlq: None,
        extensions: Vec::new(),
    }
}

/// Owner and domain (§6.5) and visibility (DECISIONS 7) of every message.
fn resolve_messages(model: &mut Model) {
    type OwnerAndDomain = (Option<Setting<String>>, Option<Setting<String>>);
    let file_headers: HashMap<FileId, OwnerAndDomain> = model
        .files
        .iter()
        .map(|f| {
            let inherit = |v: &Option<eventlint_yaml::Spanned<String>>| {
                v.as_ref().map(|v| Setting::inherited(v.value.clone(), v.span))
            };
            (f.file, (inherit(&f.owner), inherit(&f.domain)))
        })
        .collect();
    for message in model.messages.values_mut() {
        let owning_service = if message.kind.value.is_owned_by_producer() {
            message.producers.first().and_then(|p| model.services.get(&p.name))
        } else {
            let mut handlers = message.consumers.iter().map(|c| c.service.name.as_str());
            let first = handlers.next();
            first.filter(|_| handlers.next().is_none()).and_then(|h| model.services.get(h))
        };
        let (file_owner, file_domain) = file_headers.get(&message.decl.file).cloned().unwrap_or_default();
        let rebase = |s: &Setting<String>| match s.span() {
            Some(span) => Setting::inherited(s.value.clone(), span),
            None => Setting::built_in(s.value.clone()),
        };
        if message.owner.is_none() {
            message.owner = owning_service.and_then(|s| s.owner.as_ref()).map(rebase).or(file_owner);
        }
        message.domain = owning_service.and_then(|s| s.domain.as_ref()).map(rebase).or(file_domain);
        if !message.visibility.is_explicit() {
            let topic = message.topic.as_ref().and_then(|t| model.topics.get(&t.name));
            if let Some(visibility) = topic.map(|t| &t.visibility).filter(|v| v.is_explicit()) {
                message.visibility = rebase_copy(visibility);
            }
        }
    }
}

fn rebase_copy<T: Copy>(setting: &Setting<T>) -> Setting<T> {
    match setting.span() {
        Some(span) => Setting::inherited(setting.value, span),
        None => Setting::built_in(setting.value),
    }
}
