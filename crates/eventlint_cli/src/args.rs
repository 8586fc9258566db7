//! Command-line arguments (CLI spec §2), declared with clap.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "eventlint",
    version,
    about = "Lint event catalogs and Avro schemas; simulate ordering under retries and DLQs"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Lint catalogs and schemas (the default command).
    Check(CheckArgs),
    /// Show a rule's documentation, or list every rule.
    Rule(RuleArgs),
    /// Run simulator scenarios: per-key ordering under retries, DLQs and key parking.
    Simulate(crate::simulate::SimulateArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Avro reader/writer compatibility, as Java and the Schema Registry decide it: one pair, a mode, or a batch.
    Compat(CompatArgs),
    /// Draw the model as a graph: message flow between services, or the Event Modeling layer.
    Graph(GraphArgs),
    /// Print the JSON Schema (draft-07) of catalogs, scenarios or `eventlint.toml`, for editors.
    Schema {
        #[arg(value_enum)]
        format: crate::schema::SchemaKind,
    },
    /// Write a starter `eventlint.toml` and `catalog.yaml` (with editor schemas) into the current directory.
    Init(crate::init::InitArgs),
}

#[derive(Args, Debug, Clone, Default)]
pub struct GraphArgs {
    /// Files and directories to load (default: `[catalog] include`, else the project root).
    pub paths: Vec<PathBuf>,
    /// `flow` draws services, topics and messages; `model` draws screens, commands, events, views and automations.
    #[arg(long, value_enum, default_value_t = GraphView::Flow)]
    pub view: GraphView,
    /// Keep only this message, service or topic and its neighbours.
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// How many steps from `--focus` to keep.
    #[arg(long, default_value_t = 1)]
    pub depth: u32,
    #[arg(long, alias = "format", value_enum, default_value_t = GraphFormat::Mermaid)]
    pub output_format: GraphFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GraphView {
    #[default]
    Flow,
    Model,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GraphFormat {
    #[default]
    Mermaid,
    Dot,
    Json,
}

#[derive(Args, Debug, Clone, Default)]
pub struct RuleArgs {
    /// The rule to document; without it, every rule is listed.
    pub name: Option<String>,
    /// List every rule.
    #[arg(long, conflicts_with = "name")]
    pub all: bool,
    /// `json` prints metadata and the page as JSON.
    #[arg(long, alias = "format", value_enum)]
    pub output_format: Option<RuleFormat>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFormat {
    Text,
    Json,
}

impl Default for Command {
    fn default() -> Self {
        Command::Check(CheckArgs::default())
    }
}

#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
    /// Use this configuration file, or override one setting with `KEY = VALUE` (TOML).
    #[arg(long, global = true, value_name = "FILE|KEY=VALUE")]
    pub config: Vec<String>,
    /// Ignore every configuration file.
    #[arg(long, global = true)]
    pub isolated: bool,
    /// Write the report to this file instead of stdout.
    #[arg(long, global = true, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Colour human formats: `auto` on a terminal unless `NO_COLOR` is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Less output on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More output on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Source snippets with labels, help and notes (miette).
    Full,
    /// One `file:line:col: severity[rule] message` line per finding.
    Concise,
    /// One `eventlint.check/v1` JSON document.
    Json,
    /// One JSON finding per line.
    JsonLines,
    /// GitHub Actions workflow commands (annotations) and a step summary.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// SARIF 2.1.0, e.g. for GitHub code scanning.
    Sarif,
    /// JUnit XML, one test suite per file.
    Junit,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
}

#[derive(Args, Debug, Clone, Default)]
pub struct CheckArgs {
    /// Files and directories to load (default: `[catalog] include`, else the project root).
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, alias = "format", value_enum)]
    pub output_format: Option<OutputFormat>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    pub fail_level: Option<FailLevel>,
    /// Exit 0 even with findings (still 2 on errors).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print one line per rule (count, rule, severity) instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Rules or categories to run, replacing `[lint] select` (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub select: Option<Vec<String>>,
    /// Rules or categories to add to the selection (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub extend_select: Vec<String>,
    /// Rules or categories to leave out (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub ignore: Vec<String>,
    /// Hide the findings recorded in this baseline file (default: `[check] baseline`).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Compare with an earlier version of the project: a git revision or a directory.
    #[arg(long, value_name = "REV|DIR")]
    pub against: Option<String>,
    /// Report only findings that touch files changed since the merge base with `--since` (or `[check] against`).
    #[arg(long, conflicts_with = "staged")]
    pub changed: bool,
    /// The base of `--changed`.
    #[arg(long, value_name = "REF", requires = "changed")]
    pub since: Option<String>,
    /// Report only findings that touch staged files.
    #[arg(long)]
    pub staged: bool,
    /// List every input with its role and exit.
    #[arg(long)]
    pub show_files: bool,
    /// Print the resolved configuration and exit.
    #[arg(long)]
    pub show_settings: bool,
}

/// `eventlint compat` (CLI spec §2.2): exactly one of `--reader`/`--writer`, `--mode`/`--new`/`--previous`, `--pairs`.
#[derive(Args, Debug, Clone, Default)]
#[command(group(ArgGroup::new("form").required(true).args(["reader", "mode", "pairs"])))]
pub struct CompatArgs {
    /// The schema that reads (the new one, for a BACKWARD check).
    #[arg(long, value_name = "FILE", requires = "writer", conflicts_with_all = ["mode", "pairs"])]
    pub reader: Option<PathBuf>,
    /// The schema the data was written with.
    #[arg(long, value_name = "FILE", requires = "reader")]
    pub writer: Option<PathBuf>,
    /// A Schema Registry compatibility level, such as `BACKWARD` or `FULL_TRANSITIVE`.
    #[arg(long, value_name = "MODE", requires = "new", conflicts_with = "pairs")]
    pub mode: Option<String>,
    /// The proposed schema, for `--mode`.
    #[arg(long, value_name = "FILE", requires = "mode")]
    pub new: Option<PathBuf>,
    /// Previous versions, oldest first, for `--mode`.
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "mode")]
    pub previous: Vec<PathBuf>,
    /// Files or directories of `.avsc` files in which referenced named types are looked up.
    #[arg(long, value_name = "FILE|DIR")]
    pub import: Vec<PathBuf>,
    /// A JSONL batch of `{"reader", "writer"}` lines (`-` for stdin); one answer line per input line.
    #[arg(long, value_name = "FILE|-")]
    pub pairs: Option<String>,
    /// Report format of the pair and mode forms: `text` (the default) and `json` as CLI spec §2.2 shows them, or any
    /// format of `check`, each incompatibility an `incompatible-change` finding.
    #[arg(long, alias = "format", value_enum, default_value_t = CompatFormat::Text, conflicts_with = "pairs")]
    pub output_format: CompatFormat,
    /// Exit 0 even when incompatible (still 2 on errors).
    #[arg(long, conflicts_with = "pairs")]
    pub exit_zero: bool,
    /// Print one line per rule (count, rule, severity) instead of the findings.
    #[arg(long, conflicts_with = "pairs")]
    pub statistics: bool,
}

/// `compat`'s report formats: its own two, then every format of `check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompatFormat {
    #[default]
    Text,
    Json,
    /// A format of `check`, on the incompatibilities as findings.
    Findings(OutputFormat),
}

impl ValueEnum for CompatFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            CompatFormat::Text,
            CompatFormat::Json,
            CompatFormat::Findings(OutputFormat::Full),
            CompatFormat::Findings(OutputFormat::Concise),
            CompatFormat::Findings(OutputFormat::JsonLines),
            CompatFormat::Findings(OutputFormat::Github),
            CompatFormat::Findings(OutputFormat::Gitlab),
            CompatFormat::Findings(OutputFormat::Sarif),
            CompatFormat::Findings(OutputFormat::Junit),
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            CompatFormat::Text => Some(
                clap::builder::PossibleValue::new("text")
                    .help("One `TYPE  location  message` line per incompatibility with its snippets, then the verdict"),
            ),
            CompatFormat::Json => Some(
                clap::builder::PossibleValue::new("json")
                    .help("One JSON object: `{compatible, incompatibilities}`, or `{mode, compatible, checks}`"),
            ),
            CompatFormat::Findings(format) => format.to_possible_value(),
        }
    }
}
