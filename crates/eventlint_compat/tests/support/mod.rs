//! Builds schema sets from JSON text for the integration tests: one file per set, or several files resolved together.

use eventlint_avro::SchemaSet;
use eventlint_compat::Schema;
use eventlint_diagnostics::{FileId, Limits};
use eventlint_json::JsonValue;

/// Resolved schema sets that outlive the [`Schema`]s borrowed from them.
#[derive(Default)]
pub struct Sets {
    sets: Vec<SchemaSet>,
}

impl Sets {
    /// Parses `texts` as the files of one schema set (the first is the root) and returns its index.
    pub fn add(&mut self, texts: &[&str]) -> usize {
        self.try_add(texts).unwrap_or_else(|error| panic!("{error}"))
    }

    /// [`Sets::add`], or the first load error.
    pub fn try_add(&mut self, texts: &[&str]) -> Result<usize, String> {
        let mut values = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let (value, errors) = eventlint_json::parse(FileId(index as u32), text, &Limits::default());
            match (value, errors.first()) {
                (Some(value), None) => values.push(value),
                (_, error) => return Err(format!("{error:?}")),
            }
        }
        let files: Vec<(FileId, &JsonValue)> =
            values.iter().enumerate().map(|(index, value)| (FileId(index as u32), value)).collect();
        let (set, errors) = SchemaSet::build(&files);
        if let Some(error) = errors.first() {
            return Err(error.message.clone());
        }
        self.sets.push(set);
        Ok(self.sets.len() - 1)
    }

    pub fn schema(&self, index: usize) -> Schema<'_> {
        let set = &self.sets[index];
        Schema { set, root: set.root(FileId(0)).expect("the first file has a root") }
    }
}
