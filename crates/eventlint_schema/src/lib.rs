//! JSON Schemas (draft-07) of the file formats, for editors (CLI spec §11): generated from small document types
//! that describe the keys of each format. Structural only: references are the loader's job.

mod catalog;
mod config;
mod scenario;
mod shape;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;

/// The formats that have a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Catalog,
    Scenario,
    Config,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Catalog, Format::Scenario, Format::Config];

    /// The file name of the committed schema under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Catalog => "catalog.schema.json",
            Format::Scenario => "scenario.schema.json",
            Format::Config => "eventlint-toml.schema.json",
        }
    }

    /// The schema as pretty-printed JSON with a trailing newline.
    pub fn schema_json(self) -> String {
        let generator =
            SchemaSettings::draft07().with_transform(RecursiveTransform(shape::tidy_unions)).into_generator();
        let schema = match self {
            Format::Catalog => generator.into_root_schema_for::<catalog::CatalogDocument>(),
            Format::Scenario => generator.into_root_schema_for::<scenario::ScenarioDocument>(),
            Format::Config => generator.into_root_schema_for::<config::ConfigDocument>(),
        };
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}
