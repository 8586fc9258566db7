//! The eventlint command line: argument parsing, discovery, configuration, output and exit codes.
//!
//! This is the only crate that touches the filesystem, git, the terminal and the process exit code.

mod against;
mod args;
mod changed;
mod check;
mod compat;
mod discover;
mod formats;
mod git;
mod graph;
mod init;
mod rule;
mod schema;
mod simulate;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

/// Exit codes of every subcommand (CLI spec §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Clean = 0,
    Findings = 1,
    Failed = 2,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { Outcome::Failed as u8 } else { 0 });
        }
    };
    let outcome = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|_| {
        let _ = writeln!(
            std::io::stderr(),
            "error: eventlint {} hit an internal error\n  help: please report a bug with this version and the input that caused it",
            env!("CARGO_PKG_VERSION")
        );
        Outcome::Failed
    });
    ExitCode::from(outcome as u8)
}

fn run(cli: Cli) -> Outcome {
    match cli.command.clone().unwrap_or_default() {
        args::Command::Check(check_args) => check::run(&cli.global, &check_args),
        args::Command::Compat(compat_args) => compat::run(&cli.global, &compat_args),
        args::Command::Rule(rule_args) => rule::run(&rule_args),
        args::Command::Graph(graph_args) => graph::run(&cli.global, &graph_args),
        args::Command::Simulate(simulate_args) => simulate::run(&cli.global, &simulate_args),
        args::Command::Schema { format } => print(format.format().schema_json().as_bytes()),
        args::Command::Init(init_args) => init::run(&init_args),
        args::Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "eventlint", &mut out);
            print(&out)
        }
        args::Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
                Ok(()) => print(&out),
                Err(error) => {
                    let _ = writeln!(std::io::stderr(), "error: cannot render the man page: {error}");
                    Outcome::Failed
                }
            }
        }
    }
}

/// Writes generated text to stdout; a closed pipe is an I/O error (exit 2).
fn print(bytes: &[u8]) -> Outcome {
    match std::io::stdout().write_all(bytes) {
        Ok(()) => Outcome::Clean,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write to stdout: {error}");
            Outcome::Failed
        }
    }
}
