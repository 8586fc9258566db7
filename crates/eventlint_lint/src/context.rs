//! The inputs a rule reads: the resolved model, the current schemas, each message's value schema, the sources and
//! the settings, plus facts computed once per run (name shapes, the model graph).

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use eventlint_avro::{NodeId, SchemaSet};
use eventlint_catalog::{Message, Model};
use eventlint_diagnostics::{Diagnostic, Sources, Span, SubjectType};
use eventlint_naming::Classification;

use crate::flow_graph::FlowGraph;
use crate::rule::RuleDef;
use crate::settings::Settings;

/// Everything one lint run reads. Build it with [`Context::new`]; rules never read files.
pub struct Context<'a> {
    pub model: &'a Model,
    pub schemas: &'a SchemaSet,
    /// Message name → the node of its value schema in `schemas` (filled by the project assembly).
    pub message_schemas: &'a BTreeMap<String, NodeId>,
    pub sources: &'a Sources,
    pub settings: &'a Settings,
    /// The model of the base revision (`--against`), for rules that compare revisions; `None` runs them not at all.
    pub base: Option<&'a Model>,
    shapes: HashMap<&'a str, Classification>,
    /// The shape of a name outside the model (never asked for by the rules, which read model messages).
    unnamed: Classification,
    flow: OnceCell<FlowGraph>,
}

impl<'a> Context<'a> {
    pub fn new(
        model: &'a Model,
        schemas: &'a SchemaSet,
        message_schemas: &'a BTreeMap<String, NodeId>,
        sources: &'a Sources,
        settings: &'a Settings,
    ) -> Self {
        let shapes = model.messages.keys().map(|name| (name.as_str(), settings.classifier.classify(name))).collect();
        let unnamed = settings.classifier.classify("");
        Context {
            model,
            schemas,
            message_schemas,
            sources,
            settings,
            base: None,
            shapes,
            unnamed,
            flow: OnceCell::new(),
        }
    }

    /// The same run, compared against the model of a base revision.
    pub fn with_base(mut self, base: &'a Model) -> Self {
        self.base = Some(base);
        self
    }

    /// The name shape of a message (rules/README.md §5), classified once per run with the `[naming]` overlays.
    pub fn shape(&self, message: &Message) -> &Classification {
        self.shapes.get(message.decl.name.as_str()).unwrap_or(&self.unnamed)
    }

    /// The model graph, built on first use and shared by every `flow` rule of the run.
    pub fn flow(&self) -> &FlowGraph {
        self.flow.get_or_init(|| FlowGraph::build(self.model))
    }

    /// A rule's options (its defaults, overlaid with `[lint.rules.<rule>]`).
    pub fn options<T: for<'de> serde::Deserialize<'de> + Default>(&self, rule: &RuleDef) -> T {
        self.settings.options(rule.name)
    }

    /// The span of a name token inside a message's key (`Send` in `SendDeliveryNotice`); the key if quoted oddly.
    pub fn token_span(&self, message: &Message, token: &std::ops::Range<usize>) -> Span {
        let key = message.decl.name_span;
        let written = self.sources.slice(key);
        let offset = match written.find(message.decl.name.as_str()) {
            Some(offset) => offset,
            None => return key,
        };
        let start = key.start as usize + offset + token.start;
        Span::new(key.file, start, start + token.len())
    }

    /// A finding about a message, pointing at its key in the catalog (rules/README.md §4).
    pub fn message_finding(&self, rule: &RuleDef, message: &Message, text: String, label: &str) -> Diagnostic {
        Diagnostic::lint(rule.name, rule.severity, text)
            .with_category(rule.category.as_str())
            .with_primary(message.decl.name_span, label.to_owned())
            .with_path(message.decl.path.clone())
            .with_subject(SubjectType::Message, message.decl.name.clone())
    }
}
