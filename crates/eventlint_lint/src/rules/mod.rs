//! The built-in rules, one file per rule, and what scored rules share.

pub(crate) mod avro;
pub(crate) mod compat;
pub(crate) mod flow;
pub(crate) mod modelling;
pub(crate) mod ordering;
pub(crate) mod style;

/// The fired signals of a scored rule (rules/README.md §4), printed as one `evidence:` note.
#[derive(Default)]
pub(crate) struct Score {
    signals: Vec<(String, u32)>,
}

impl Score {
    pub(crate) fn add(&mut self, signal: impl Into<String>, weight: u32) {
        self.signals.push((signal.into(), weight));
    }

    pub(crate) fn total(&self) -> u32 {
        self.signals.iter().map(|(_, weight)| weight).sum()
    }

    /// `evidence: sole consumer `dispatcher` (+1) · name cue `Requested` (+1) = 2 ≥ 2`.
    pub(crate) fn evidence(&self, threshold: u32) -> String {
        let signals: Vec<String> =
            self.signals.iter().map(|(signal, weight)| format!("{signal} (+{weight})")).collect();
        format!("evidence: {} = {} ≥ {threshold}", signals.join(" · "), self.total())
    }
}

/// `a`, `a`, `b` → "`a`, `b`" (for messages listing names).
pub(crate) fn code_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

/// An owned word list from a default constant.
pub(crate) fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|word| word.to_string()).collect()
}

/// Whether a field name is snake_case with at least one separator.
pub(crate) fn is_snake_case(name: &str) -> bool {
    name.contains('_') && !name.chars().any(|c| c.is_ascii_uppercase())
}
