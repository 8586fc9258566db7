//! `eventlint check`: load the project, run the rules, print the findings, decide the exit code.

use std::io::Write;

use eventlint_diagnostics::{Diagnostic, Severity, resolve_all};
use eventlint_project::{ProjectOptions, load_project};

use crate::Outcome;
use crate::args::{CheckArgs, FailLevel, GlobalArgs, OutputFormat};
use crate::discover::{self, input_files};
use crate::output::{self, Summary};

pub fn run(global: &GlobalArgs, args: &CheckArgs) -> Outcome {
    let setup = discover::setup(global);
    let color = output::use_color(global.color);
    let format = args.output_format.or_else(|| format_from_env_or_config(&setup.config)).unwrap_or(OutputFormat::Full);
    if !setup.diagnostics.is_empty() {
        let resolved = resolve_all(&setup.sources, &setup.diagnostics, false);
        let summary = Summary::count(&resolved, Severity::Error, Outcome::Failed as u8);
        return write_report(
            global,
            &output::render(format, &setup.sources, &resolved, &summary, color),
            Outcome::Failed,
        );
    }
    let inputs = input_files(&setup, &args.paths);
    if args.show_files {
        let listing: String = inputs.iter().map(|input| format!("{}\n", input.path)).collect();
        return write_report(global, &listing, Outcome::Clean);
    }
    if args.show_settings {
        return write_report(global, &format!("root: {}\n{:#?}\n", setup.root.display(), setup.config), Outcome::Clean);
    }
    let limits = setup.config.limits;
    let read_extra = |path: &str| discover::read_limited(&setup.root.join(path), limits.max_file_bytes).ok();
    let (project, diagnostics) = load_project(inputs, &read_extra, &ProjectOptions { limits });
    let fail_level = match args.fail_level {
        Some(FailLevel::Error) => Severity::Error,
        Some(FailLevel::Warning) => Severity::Warning,
        Some(FailLevel::Info) => Severity::Info,
        None => setup.config.fail_level,
    };
    let outcome = decide(&diagnostics, fail_level, args.exit_zero);
    let resolved = resolve_all(&project.sources, &diagnostics, false);
    let summary = Summary::count(&resolved, fail_level, outcome as u8);
    write_report(global, &output::render(format, &project.sources, &resolved, &summary, color), outcome)
}

/// 2 on any load error, else 1 when a finding reaches the fail level (unless `--exit-zero`), else 0.
fn decide(diagnostics: &[Diagnostic], fail_level: Severity, exit_zero: bool) -> Outcome {
    if diagnostics.iter().any(Diagnostic::is_load_error) {
        Outcome::Failed
    } else if !exit_zero && diagnostics.iter().any(|d| d.severity >= fail_level) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn format_from_env_or_config(config: &eventlint_config::Config) -> Option<OutputFormat> {
    let env = std::env::var("EVENTLINT_OUTPUT_FORMAT").ok();
    let name = env.or_else(|| config.output_format.as_ref().map(|s| s.value.clone()))?;
    <OutputFormat as clap::ValueEnum>::from_str(&name, true).ok()
}

/// Writes the report to `--output-file` (whole, or not at all) or stdout.
pub(crate) fn write_report(global: &GlobalArgs, report: &str, outcome: Outcome) -> Outcome {
    let written = match &global.output_file {
        Some(path) => {
            let temporary = path.with_extension("eventlint-tmp");
            std::fs::write(&temporary, report).and_then(|()| std::fs::rename(&temporary, path))
        }
        None => std::io::stdout().write_all(report.as_bytes()),
    };
    match written {
        Ok(()) => outcome,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write the report: {error}");
            Outcome::Failed
        }
    }
}
