//! The `eventlint.toml` schema and the configuration loader (`eventlint_config`) accept the same keys in every table.

use eventlint_config::{Config, ConfigFile};
use eventlint_diagnostics::{Diagnostic, FileId};
use eventlint_schema::Format;
use serde_json::Value;

use super::assert_same_keys;

/// Every table of `eventlint.toml`, written out once.
const FULL_CONFIG: &str = r#"
extend = "../base.toml"

[catalog]
include = ["catalogs"]
exclude = ["catalogs/legacy/**"]

[lint]
profile = "ddd"
select = ["recommended"]
extend-select = ["style"]
ignore = ["missing-doc"]
fail-level = "error"
require-reason = true

[lint.severity]
missing-owner = "info"

[lint.per-file-ignores]
"legacy/*.yaml" = ["missing-doc"]

[[lint.overrides]]
files = ["telemetry/*.yaml"]
profile = "telemetry"

[lint.rules.clickbait-event]
words = ["updated"]

[lint.profiles.ddd]
extend-select = ["naming"]

[breaking]
ignore-drafts = false

[model]
event-suffixes = ["Happened"]

[envelope]
fields = ["traceId"]

[naming]
style = "PascalCase"

[avro]
require-doc = true

[check]
against = "origin/main"
baseline = "eventlint-baseline.json"

[output]
format = "concise"

[simulate]
max-steps = 1000
shrink = false

[limits]
max-file-bytes = 1000000
max-depth = 64
max-expanded-nodes = 100000
"#;

fn load(config: &Value) -> Vec<Diagnostic> {
    let text = toml::to_string(config).unwrap();
    let (file, mut diagnostics) = ConfigFile::parse(FileId(0), &text, "");
    diagnostics.extend(file.apply_to(&mut Config::default()));
    diagnostics
}

#[test]
fn config_schema_and_loader_accept_the_same_keys_in_every_table() {
    let config = serde_json::to_value(toml::from_str::<toml::Table>(FULL_CONFIG).unwrap()).unwrap();
    assert_same_keys(Format::Config, &config, 9, &[], load);
}
