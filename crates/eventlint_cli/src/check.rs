//! `eventlint check`: load the project, run the rules, print the findings, decide the exit code.

use std::io::Write;

use eventlint_diagnostics::{Kind, ResolvedDiagnostic, Severity, Sources, resolve_all};
use eventlint_lint::{Baseline, CliSelection, Settings, lint_project, write_baseline};
use eventlint_project::{BaseInputs, ProjectOptions, load_project_with_base};

use crate::Outcome;
use crate::against::{self, Against};
use crate::args::{CheckArgs, FailLevel, GlobalArgs, OutputFormat};
use crate::changed::{changed_files, touches};
use crate::discover::{self, input_files};
use crate::formats::{self, CatalogueDocs, Report, Summary};

pub fn run(global: &GlobalArgs, args: &CheckArgs) -> Outcome {
    let setup = discover::setup(global, &args.paths);
    let format = match output_format(args, &setup.config) {
        Ok(format) => format,
        Err(message) => return fail(&message),
    };
    let fail_level = match args.fail_level {
        Some(FailLevel::Error) => Severity::Error,
        Some(FailLevel::Warning) => Severity::Warning,
        Some(FailLevel::Info) => Severity::Info,
        None => setup.config.fail_level,
    };
    if !setup.diagnostics.is_empty() {
        let resolved = resolve_all(&setup.sources, &setup.diagnostics, false);
        return report(global, args, format, &setup.sources, &resolved, fail_level, Hidden::default());
    }
    let inputs = input_files(&setup, &args.paths);
    if args.show_files {
        let listing: String = inputs.iter().map(|input| format!("{}\n", input.path)).collect();
        return write_report(global, &listing, Outcome::Clean);
    }
    if args.show_settings {
        return write_report(global, &format!("root: {}\n{:#?}\n", setup.root.display(), setup.config), Outcome::Clean);
    }
    let against = match Against::resolve(&setup, args, global.quiet) {
        Ok(against) => against,
        Err(error) => return fail(&error.to_string()),
    };
    let changed = match changed_files(&setup, args) {
        Ok(changed) => changed,
        Err(error) => return fail(&error.to_string()),
    };
    let selection = CliSelection {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let (settings, config_errors) = Settings::new(&setup.config, &selection);
    if !config_errors.is_empty() {
        let resolved = resolve_all(&setup.sources, &config_errors, false);
        return report(global, args, format, &setup.sources, &resolved, fail_level, Hidden::default());
    }
    let baseline = match read_baseline(&setup, args) {
        Ok(baseline) => baseline,
        Err(message) => return fail(&message),
    };
    let limits = setup.config.limits;
    let read_extra = |path: &str| discover::read_limited(&setup.root.join(path), limits.max_file_bytes).ok();
    let base_files = match against.as_ref().map(|against| against.files(&setup, &args.paths)).transpose() {
        Ok(files) => files,
        Err(error) => return fail(&error.to_string()),
    };
    let read_base_extra = |path: &str| against.as_ref().and_then(|against| against.read_extra(path));
    let base = against.as_ref().zip(base_files).map(|(against, files)| BaseInputs {
        label: against.label.clone(),
        prefix: against.prefix.clone(),
        files,
        read_extra: &read_base_extra,
    });
    let (project, mut diagnostics) = load_project_with_base(inputs, &read_extra, base, &ProjectOptions { limits });
    if let Some(base) = &project.base {
        against::warn_about(&project.sources, base);
    }
    let mut hidden = Hidden::default();
    if !diagnostics.iter().any(|d| d.is_load_error()) {
        let result = lint_project(&project, &settings, baseline.as_ref());
        if let Some(path) = &args.write_baseline {
            let text = write_baseline(&project.sources, &result.diagnostics);
            return match write_file(path, &text) {
                Ok(()) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "wrote {} findings to `{}`",
                        result.diagnostics.len(),
                        path.display()
                    );
                    Outcome::Clean
                }
                Err(error) => fail(&format!("error: cannot write `{}`: {error}\n", path.display())),
            };
        }
        hidden = Hidden { suppressed: result.suppressed, baselined: result.baselined, stale: result.stale.len() };
        diagnostics = result.diagnostics;
    }
    let mut resolved = resolve_all(&project.sources, &diagnostics, false);
    if let Some(changed) = changed {
        resolved.retain(|d| touches(d, &changed));
    }
    report(global, args, format, &project.sources, &resolved, fail_level, hidden)
}

/// Findings that rules produced but the report leaves out, for the summary.
#[derive(Default)]
struct Hidden {
    suppressed: usize,
    baselined: usize,
    stale: usize,
}

/// `--baseline FILE`, else `[check] baseline` (when that file exists); a malformed file is an error.
fn read_baseline(setup: &discover::Setup, args: &CheckArgs) -> Result<Option<Baseline>, String> {
    let path = match (&args.baseline, &setup.config.baseline) {
        (Some(path), _) => path.clone(),
        (None, Some(configured)) if setup.root.join(&configured.value).is_file() => setup.root.join(&configured.value),
        _ => return Ok(None),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("error: cannot read the baseline `{}`: {error}\n", path.display()))?;
    Baseline::parse(&text).map(Some).map_err(|error| {
        format!(
            "error: `{}` is not an eventlint baseline: {error}\n  help: write it with `--write-baseline`\n",
            path.display()
        )
    })
}

/// Counts the findings, renders them in `format` (or their statistics), writes them and returns the exit code.
fn report(
    global: &GlobalArgs,
    args: &CheckArgs,
    format: OutputFormat,
    sources: &Sources,
    resolved: &[ResolvedDiagnostic],
    fail_level: Severity,
    hidden: Hidden,
) -> Outcome {
    let outcome = decide(resolved, fail_level, args.exit_zero);
    let mut summary = Summary::count(resolved, fail_level, outcome as u8);
    summary.suppressed = hidden.suppressed;
    summary.baselined = hidden.baselined;
    summary.stale = hidden.stale;
    let report = Report {
        sources,
        diagnostics: resolved,
        summary: &summary,
        fail_level,
        docs: &CatalogueDocs,
        color: formats::use_color(global.color),
        width: formats::width(),
    };
    emit(global, format, &report, args.statistics, outcome)
}

/// Writes `report` in `format` (or its statistics) to `--output-file` or stdout, its notes to stderr and, for
/// `github`, its step summary to `$GITHUB_STEP_SUMMARY`; returns `outcome`, or 2 when the report cannot be written.
pub(crate) fn emit(
    global: &GlobalArgs,
    format: OutputFormat,
    report: &Report,
    statistics: bool,
    outcome: Outcome,
) -> Outcome {
    if statistics {
        return write_report(global, &formats::render_statistics(format, report), outcome);
    }
    let rendered = formats::render(format, report);
    for note in &rendered.stderr_notes {
        let _ = writeln!(std::io::stderr(), "{note}");
    }
    if let (Some(markdown), Some(path)) = (&rendered.step_summary, std::env::var_os("GITHUB_STEP_SUMMARY")) {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(markdown.as_bytes()));
        if let Err(error) = appended {
            let _ = writeln!(std::io::stderr(), "warning: cannot append to `$GITHUB_STEP_SUMMARY`: {error}");
        }
    }
    write_report(global, &rendered.text, outcome)
}

/// 2 on any load error, else 1 when a finding reaches the fail level (unless `--exit-zero`), else 0.
pub(crate) fn decide(diagnostics: &[ResolvedDiagnostic], fail_level: Severity, exit_zero: bool) -> Outcome {
    if diagnostics.iter().any(|d| d.kind == Kind::Load) {
        Outcome::Failed
    } else if !exit_zero && diagnostics.iter().any(|d| d.severity >= fail_level) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// `--output-format`, else `EVENTLINT_OUTPUT_FORMAT`, else `[output] format`, else `full`.
fn output_format(args: &CheckArgs, config: &eventlint_config::Config) -> Result<OutputFormat, String> {
    if let Some(format) = args.output_format {
        return Ok(format);
    }
    let parse = |name: &str| <OutputFormat as clap::ValueEnum>::from_str(name, false).ok();
    if let Some(name) = std::env::var("EVENTLINT_OUTPUT_FORMAT").ok().filter(|name| !name.is_empty()) {
        return parse(&name).ok_or_else(|| {
            format!(
                "error: `EVENTLINT_OUTPUT_FORMAT` is `{name}`, which is not an output format\n  help: use one of \
                 `full`, `concise`, `json`, `json-lines`, `github`, `gitlab`, `sarif`, `junit`\n"
            )
        });
    }
    Ok(config.output_format.as_ref().and_then(|setting| parse(&setting.value)).unwrap_or(OutputFormat::Full))
}

fn fail(message: &str) -> Outcome {
    let _ = write!(std::io::stderr(), "{message}");
    Outcome::Failed
}

/// Writes a whole file or nothing: a temporary file renamed into place.
fn write_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let temporary = path.with_extension("eventlint-tmp");
    std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, path))
}

/// Writes the report to `--output-file` (whole, or not at all) or stdout.
pub(crate) fn write_report(global: &GlobalArgs, report: &str, outcome: Outcome) -> Outcome {
    let written = match &global.output_file {
        Some(path) => write_file(path, report),
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
