//! Command-line arguments (CLI spec §2), declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    Full,
    Concise,
    Json,
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
    /// List every input with its role and exit.
    #[arg(long)]
    pub show_files: bool,
    /// Print the resolved configuration and exit.
    #[arg(long)]
    pub show_settings: bool,
}
