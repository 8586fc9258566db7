//! `eventlint schema <catalog|scenario|config>`: the format names of the command line (CLI spec §2.7).

use clap::ValueEnum;
use eventlint_schema::Format;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// `*.catalog.yaml`.
    Catalog,
    /// `*.scenario.yaml`.
    Scenario,
    /// `eventlint.toml`.
    Config,
}

impl SchemaKind {
    pub fn format(self) -> Format {
        match self {
            SchemaKind::Catalog => Format::Catalog,
            SchemaKind::Scenario => Format::Scenario,
            SchemaKind::Config => Format::Config,
        }
    }
}
