//! `eventlint simulate`: loads scenario files and their catalogs, runs them with the simulator, renders the report,
//! shrinks failures into scenario files and decides the exit code (CLI spec §2.3, dlq-simulator §10–§12).

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use clap::{Args, ValueEnum};
use eventlint_diagnostics::{Diagnostic, Kind, Severity, Sources, resolve_all};
use eventlint_project::{FileRole, InputFile, ProjectOptions, classify, decode, load_project};
use eventlint_sim::{
    Counterexample, ExploreOptions, Policy, Report, RunOptions, RunReport, Scenario, ScenarioFile, SimSetup, Verdict,
    Workload, explore, load_scenario, render_json, render_json_lines, render_mermaid, render_scenario_yaml, render_svg,
    render_text, run_scenario,
};
use sha2::{Digest, Sha256};

use crate::Outcome;
use crate::args::{GlobalArgs, OutputFormat};
use crate::check::write_report;
use crate::discover::{self, Setup, display_path, input_files};
use crate::formats::{self, CatalogueDocs, Summary, xml_escape};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Re-runs allowed while shrinking one failure (dlq-simulator §10).
const SHRINK_BUDGET: usize = 2000;

#[derive(Args, Debug, Clone, Default)]
pub struct SimulateArgs {
    /// Scenario files, or directories searched for YAML files with a top-level `scenario` key
    /// (default: `[catalog] include`, else the project root).
    pub scenarios: Vec<PathBuf>,
    /// Replace the scenario's seed.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Run seeds `seed … seed+N−1` (default: the scenario's `run.seeds`, else 1).
    #[arg(long, value_name = "N")]
    pub seeds: Option<u64>,
    /// Restrict `run.policies` to these (repeatable).
    #[arg(long = "policy", value_name = "NAME")]
    pub policies: Vec<String>,
    /// Cap every run at N steps; an incomplete run fails.
    #[arg(long, value_name = "N")]
    pub max_steps: Option<u64>,
    /// Keep the full timeline in the report.
    #[arg(long)]
    pub trace: bool,
    /// Shrink a failing run to a minimal scenario (default for generated workloads).
    #[arg(long, overrides_with = "no_shrink")]
    pub shrink: bool,
    /// Never shrink.
    #[arg(long)]
    pub no_shrink: bool,
    /// Write the shrunk scenario as YAML (default `<name>.min.yaml` next to the scenario).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub write_shrunk: Option<Option<PathBuf>>,
    /// Overwrite the file of `--write-shrunk`.
    #[arg(long)]
    pub force: bool,
    /// Run every scenario twice and exit 2 if the reports differ.
    #[arg(long)]
    pub check_determinism: bool,
    /// Try N seeds (and, for explicit streams, injected crash points) against the expectations; shrink a failure.
    #[arg(long, value_name = "N")]
    pub explore: Option<u64>,
    /// List every key in the JSON, not only keys with a violation, a park or a collateral delay.
    #[arg(long)]
    pub all_keys: bool,
    /// At most N violation records per run in the JSON; `violations_truncated` counts the rest.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_violations: usize,
    /// Report format.
    #[arg(long, alias = "format", value_enum, default_value_t = SimulateFormat::Text)]
    pub output_format: SimulateFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SimulateFormat {
    /// One block per run: header, counts, verdict, violations.
    #[default]
    Text,
    /// A JSON array of `eventlint.simulation/v1` run objects.
    Json,
    /// One run object per line.
    JsonLines,
    /// JUnit XML: one test case per run and expectation block.
    Junit,
    /// A Mermaid sequence diagram of one run.
    Mermaid,
    /// An SVG swimlane timeline of one run.
    Svg,
}

pub fn run(global: &GlobalArgs, args: &SimulateArgs) -> Outcome {
    let setup = discover::setup(global, &args.scenarios);
    if !setup.diagnostics.is_empty() {
        return print_diagnostics(global, &setup.sources, &setup.diagnostics);
    }
    let scenarios: Vec<InputFile> = input_files(&setup, &args.scenarios)
        .into_iter()
        .filter(|input| match &input.contents {
            Ok(bytes) => classify(&input.path, &String::from_utf8_lossy(bytes)) == FileRole::Scenario,
            Err(_) => true,
        })
        .collect();
    if scenarios.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "error: no scenario found\n  help: name a scenario file, or a directory with YAML files that start with \
             `scenario: 1`"
        );
        return Outcome::Failed;
    }
    let mut runs = vec![];
    let mut counterexamples = vec![];
    let mut outcome = Outcome::Clean;
    for input in scenarios {
        match simulate_file(&setup, global, args, input) {
            Ok(result) => {
                runs.extend(result.report.runs);
                counterexamples.extend(result.counterexample);
            }
            Err(failed) => outcome = worse(outcome, failed),
        }
    }
    let report = Report { runs };
    if outcome != Outcome::Failed && report.exit_code() == 1 {
        outcome = Outcome::Findings;
    }
    match render(args.output_format, &report, &counterexamples) {
        Ok(text) => worse(outcome, write_report(global, &text, outcome)),
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{message}");
            Outcome::Failed
        }
    }
}

fn worse(a: Outcome, b: Outcome) -> Outcome {
    if (a as u8) >= (b as u8) { a } else { b }
}

/// A scenario's runs (or, with `--explore`, its shrunk counterexample) and the counterexample found, if any.
struct FileResult {
    report: Report,
    counterexample: Option<Counterexample>,
}

/// A scenario ready to run: the loaded file, the group under test and the report identity.
struct Loaded {
    file: ScenarioFile,
    setup: SimSetup,
    options: RunOptions,
    /// The scenario file on disk, for the default `--write-shrunk` name and the relative catalog path.
    path: PathBuf,
    catalog: PathBuf,
}

/// Loads, runs and (when asked) shrinks one scenario; `Err` is the exit code of a problem already reported.
fn simulate_file(
    setup: &Setup,
    global: &GlobalArgs,
    args: &SimulateArgs,
    input: InputFile,
) -> Result<FileResult, Outcome> {
    let mut loaded = load(setup, global, input)?;
    apply_flags(&mut loaded, args)?;
    let result = run_loaded(&loaded, args)?;
    if args.check_determinism {
        let again = run_loaded(&loaded, args)?;
        if render_json(&again.report) != render_json(&result.report) {
            let _ = writeln!(
                std::io::stderr(),
                "error: `{}` gave different reports on two runs\n  help: please report a bug with this version and \
                 the scenario",
                loaded.options.scenario_path
            );
            return Err(Outcome::Failed);
        }
    }
    if let (Some(found), Some(target)) = (&result.counterexample, &args.write_shrunk) {
        write_shrunk(&loaded, found, target, args.force)?;
    }
    Ok(result)
}

fn load(setup: &Setup, global: &GlobalArgs, input: InputFile) -> Result<Loaded, Outcome> {
    let limits = setup.config.limits;
    let display = input.path.clone();
    let bytes = match input.contents {
        Ok(bytes) => bytes,
        Err(problem) => {
            let _ = writeln!(std::io::stderr(), "error: cannot read `{display}`: {problem:?}");
            return Err(Outcome::Failed);
        }
    };
    let scenario_sha256 = hex_sha256(&bytes);
    let (text, decode_error) = decode("scenario", bytes.clone());
    let mut sources = Sources::new();
    let file = sources.add(display.clone(), text.as_str());
    if let Some((offset, diagnostic)) = decode_error {
        let diagnostic = diagnostic.with_primary(eventlint_diagnostics::Span::at(file, offset), "not UTF-8");
        return Err(print_diagnostics(global, &sources, &[diagnostic]));
    }
    let (scenario, diagnostics) = load_scenario(file, &text, &limits);
    let Some(scenario) = scenario.filter(|_| !has_errors(&diagnostics)) else {
        return Err(print_diagnostics(global, &sources, &diagnostics));
    };
    let path = setup.root.join(&display);
    let scenario_dir = path.parent().unwrap_or(&setup.root).to_path_buf();
    let catalog = normalize(&scenario_dir.join(&scenario.catalog.name));
    if !catalog.exists() {
        let diagnostic =
            Diagnostic::load("unreadable-file", format!("catalog `{}` does not exist", scenario.catalog.name))
                .with_primary(scenario.catalog.span, "no such file or directory")
                .with_help("give a catalog file or directory relative to the scenario file")
                .with_path(&scenario.catalog.path);
        return Err(print_diagnostics(global, &sources, &[diagnostic]));
    }
    let (inputs, catalog_sha256) = catalog_inputs(setup, &catalog);
    let mut inputs = inputs;
    inputs.push(InputFile { path: display.clone(), contents: Ok(bytes) });
    let read_extra = |path: &str| discover::read_limited(&setup.root.join(path), limits.max_file_bytes).ok();
    let (mut project, diagnostics) = load_project(inputs, &read_extra, &ProjectOptions { limits });
    let load_errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.kind == Kind::Load).collect();
    if !load_errors.is_empty() {
        return Err(print_diagnostics(global, &project.sources, &load_errors));
    }
    let file = project.sources.find(&display).unwrap_or_else(|| project.sources.add(display.clone(), text.as_str()));
    let (Some(scenario), _) = load_scenario(file, &text, &limits) else {
        return Err(Outcome::Failed);
    };
    let sim_setup = match SimSetup::from_model(&project.model, &scenario.group.name) {
        Ok(sim_setup) => sim_setup,
        Err(message) => {
            let diagnostic = Diagnostic::load("dangling-reference", message)
                .with_primary(scenario.group.span, "group under test")
                .with_help("name a consumer group of the catalog")
                .with_path(&scenario.group.path);
            return Err(print_diagnostics(global, &project.sources, &[diagnostic]));
        }
    };
    let diagnostics = scenario.check(&sim_setup);
    if !diagnostics.is_empty() {
        return Err(print_diagnostics(global, &project.sources, &diagnostics));
    }
    let options = RunOptions {
        tool_version: VERSION.to_owned(),
        scenario_path: display,
        scenario_sha256,
        catalog_path: display_path(&setup.root, &catalog),
        catalog_sha256,
        trace: scenario.trace,
        ..RunOptions::default()
    };
    Ok(Loaded { file: scenario, setup: sim_setup, options, path, catalog })
}

/// The catalog (a file, or every catalog of a directory) and every Avro schema beside it, with the SHA-256 of
/// the catalog bytes in path order.
fn catalog_inputs(setup: &Setup, catalog: &Path) -> (Vec<InputFile>, String) {
    let directory = if catalog.is_dir() { catalog } else { catalog.parent().unwrap_or(catalog) };
    let named = display_path(&setup.root, catalog);
    let mut hasher = Sha256::new();
    let mut inputs = input_files(setup, &[directory.to_path_buf()]);
    inputs.retain(|input| {
        if input.path.ends_with(".avsc") {
            return true;
        }
        let Ok(bytes) = &input.contents else { return input.path == named };
        let is_catalog = classify(&input.path, &String::from_utf8_lossy(bytes)) == FileRole::Catalog;
        let wanted = is_catalog && (catalog.is_dir() || input.path == named);
        if wanted {
            hasher.update(bytes);
        }
        wanted
    });
    let digest: String = hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect();
    (inputs, digest)
}

/// Applies `--seed`, `--policy`, `--max-steps`, `--trace`, `--all-keys` and `--max-violations`.
fn apply_flags(loaded: &mut Loaded, args: &SimulateArgs) -> Result<(), Outcome> {
    let scenario = &mut loaded.file.scenario;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(max_steps) = args.max_steps {
        scenario.run.max_steps = Some(max_steps);
    }
    if !args.policies.is_empty() {
        let declared: Vec<&str> = scenario.run.policies.iter().map(|p| p.as_str()).collect();
        let mut kept = vec![];
        for name in &args.policies {
            match Policy::parse(name).filter(|policy| scenario.run.policies.contains(policy)) {
                Some(policy) if !kept.contains(&policy) => kept.push(policy),
                Some(_) => {}
                None => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: `{}` does not run policy `{name}`\n  help: use one of {}",
                        loaded.options.scenario_path,
                        declared.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                    );
                    return Err(Outcome::Failed);
                }
            }
        }
        scenario.run.policies.retain(|policy| kept.contains(policy));
    }
    let needs_timeline = matches!(args.output_format, SimulateFormat::Mermaid | SimulateFormat::Svg);
    loaded.options.trace |= args.trace || needs_timeline;
    loaded.options.all_keys = args.all_keys;
    loaded.options.max_violations = args.max_violations;
    Ok(())
}

/// Runs every seed, or explores; a failing run is shrunk when shrinking is on.
fn run_loaded(loaded: &Loaded, args: &SimulateArgs) -> Result<FileResult, Outcome> {
    let scenario = &loaded.file.scenario;
    if let Some(seeds) = args.explore {
        let counterexample = explore_failures(loaded, seeds)?;
        let report = match &counterexample {
            Some(found) => Report { runs: vec![found.run.clone()] },
            None => {
                let _ = writeln!(
                    std::io::stderr(),
                    "explored {seeds} seeds of `{}`: every run passes",
                    loaded.options.scenario_path
                );
                run_seeds(loaded, scenario, 1)?
            }
        };
        return Ok(FileResult { report, counterexample });
    }
    let seeds = args.seeds.unwrap_or(loaded.file.seeds).max(1);
    let report = run_seeds(loaded, scenario, seeds)?;
    let shrinking = if args.no_shrink {
        false
    } else {
        args.shrink
            || args.write_shrunk.is_some()
            || loaded.file.shrink.unwrap_or(matches!(scenario.workload, Workload::Generate(_)))
    };
    let counterexample = match report.runs.iter().find(|run| run.verdict == Verdict::Fail) {
        Some(failed) if shrinking => {
            let mut single = scenario.clone();
            single.seed = failed.header.seed;
            shrink_seed(loaded, &single)?
        }
        _ => None,
    };
    Ok(FileResult { report, counterexample })
}

fn run_seeds(loaded: &Loaded, scenario: &Scenario, seeds: u64) -> Result<Report, Outcome> {
    let mut runs = vec![];
    for offset in 0..seeds {
        let mut seeded = scenario.clone();
        seeded.seed = scenario.seed.wrapping_add(offset);
        let report =
            run_scenario(&loaded.setup, &seeded, &loaded.options).map_err(|errors| run_errors(loaded, &errors))?;
        runs.extend(report.runs);
    }
    Ok(Report { runs })
}

/// Shrinks the first failing run of one seed.
fn shrink_seed(loaded: &Loaded, scenario: &Scenario) -> Result<Option<Counterexample>, Outcome> {
    let options = ExploreOptions { seeds: 1, injected_crashes: 0, max_reruns: SHRINK_BUDGET };
    explore(&loaded.setup, scenario, &loaded.options, &options).map_err(|errors| run_errors(loaded, &errors))
}

/// `--explore N`: N seeds as written, then, for explicit streams, N seeds with one injected crash point each.
fn explore_failures(loaded: &Loaded, seeds: u64) -> Result<Option<Counterexample>, Outcome> {
    let scenario = &loaded.file.scenario;
    let mut options = ExploreOptions { seeds, injected_crashes: 0, max_reruns: SHRINK_BUDGET };
    let found = explore(&loaded.setup, scenario, &loaded.options, &options).map_err(|e| run_errors(loaded, &e))?;
    if found.is_some() || !matches!(scenario.workload, Workload::Stream(_)) {
        return Ok(found);
    }
    options.injected_crashes = 1;
    explore(&loaded.setup, scenario, &loaded.options, &options).map_err(|e| run_errors(loaded, &e))
}

fn run_errors(loaded: &Loaded, errors: &[String]) -> Outcome {
    for error in errors {
        let _ = writeln!(std::io::stderr(), "error: {}: {error}", loaded.options.scenario_path);
    }
    Outcome::Failed
}

/// Writes the counterexample as a scenario file, never over an existing file without `--force`.
fn write_shrunk(loaded: &Loaded, found: &Counterexample, target: &Option<PathBuf>, force: bool) -> Result<(), Outcome> {
    let destination = target.clone().unwrap_or_else(|| default_shrunk_path(&loaded.path));
    let destination = normalize(&std::env::current_dir().unwrap_or_default().join(destination));
    let catalog = relative_to(destination.parent().unwrap_or(Path::new("/")), &loaded.catalog);
    let violation = match &found.target.constraint {
        Some(constraint) => format!("{} ({constraint})", found.target.code.as_str()),
        None => found.target.code.as_str().to_owned(),
    };
    let header = [
        format!("shrunk by eventlint {VERSION} from `{}`", loaded.options.scenario_path),
        format!("scenario sha256: {}", loaded.options.scenario_sha256),
        format!(
            "original seed {}: {} events, {} steps, {} faults; shrunk in {} re-runs",
            found.original.seed, found.original.events, found.original.steps, found.original.faults, found.reruns
        ),
        format!("violation: {violation}"),
    ];
    let yaml = render_scenario_yaml(&found.scenario, &catalog, &loaded.file.group.name, &header);
    let written = if force {
        let temporary = destination.with_extension("eventlint-tmp");
        std::fs::write(&temporary, &yaml).and_then(|()| std::fs::rename(&temporary, &destination))
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&destination)
            .and_then(|mut file| file.write_all(yaml.as_bytes()))
    };
    match written {
        Ok(()) => {
            let _ =
                writeln!(std::io::stderr(), "wrote the shrunk scenario ({violation}) to `{}`", destination.display());
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                std::io::stderr(),
                "error: `{}` already exists\n  help: pass `--force` to overwrite it, or name another file",
                destination.display()
            );
            Err(Outcome::Failed)
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write `{}`: {error}", destination.display());
            Err(Outcome::Failed)
        }
    }
}

/// `poison-pill.scenario.yaml` → `poison-pill.scenario.min.yaml`, next to it.
fn default_shrunk_path(scenario: &Path) -> PathBuf {
    let name = scenario.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(&name);
    scenario.with_file_name(format!("{stem}.min.yaml"))
}

/// `target` relative to the directory `from`, with `/` (both absolute and normalized).
fn relative_to(from: &Path, target: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    if parts.is_empty() { ".".to_owned() } else { parts.join("/") }
}

fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.kind == Kind::Load || d.severity == Severity::Error)
}

/// Load problems go to stderr in the `full` format of `check`; the exit code is 2.
fn print_diagnostics(global: &GlobalArgs, sources: &Sources, diagnostics: &[Diagnostic]) -> Outcome {
    let resolved = resolve_all(sources, diagnostics, false);
    let summary = Summary::count(&resolved, Severity::Error, Outcome::Failed as u8);
    let report = formats::Report {
        sources,
        diagnostics: &resolved,
        summary: &summary,
        fail_level: Severity::Error,
        docs: &CatalogueDocs,
        color: formats::use_color(global.color),
        width: formats::width(),
    };
    let _ = write!(std::io::stderr(), "{}", formats::render(OutputFormat::Full, &report).text);
    Outcome::Failed
}

/// The report in `format`; Mermaid and SVG draw one run: the shrunk counterexample, else the only run.
fn render(format: SimulateFormat, report: &Report, counterexamples: &[Counterexample]) -> Result<String, String> {
    match format {
        SimulateFormat::Text => Ok(render_text(report)),
        SimulateFormat::Json => Ok(render_json(report)),
        SimulateFormat::JsonLines => Ok(render_json_lines(report)),
        SimulateFormat::Junit => Ok(render_junit(report)),
        SimulateFormat::Mermaid | SimulateFormat::Svg => {
            let run = match (counterexamples, report.runs.as_slice()) {
                ([found], _) => &found.run,
                ([], [run]) => run,
                _ => {
                    return Err(format!(
                        "error: `{}` draws one run, and this report has {}\n  help: select one scenario and one \
                         run with `--policy`, or shrink a failure with `--explore`",
                        if format == SimulateFormat::Svg { "svg" } else { "mermaid" },
                        report.runs.len()
                    ));
                }
            };
            let drawn = if format == SimulateFormat::Svg { render_svg(run) } else { render_mermaid(run) };
            drawn.map_err(|message| format!("error: {message}"))
        }
    }
}

/// JUnit XML: one suite per scenario, one test case per run and expectation block it is covered by.
fn render_junit(report: &Report) -> String {
    let mut suites: Vec<(&str, Vec<String>)> = vec![];
    let mut failures = 0;
    let mut tests = 0;
    for run in &report.runs {
        let scenario = run.header.scenario_path.as_str();
        if suites.last().is_none_or(|(path, _)| *path != scenario) {
            suites.push((scenario, vec![]));
        }
        let cases = junit_cases(run);
        tests += cases.len();
        failures += cases.iter().filter(|case| case.contains("<failure")).count();
        if let Some((_, all)) = suites.last_mut() {
            all.extend(cases);
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"eventlint simulate\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    for (scenario, cases) in &suites {
        let failed = cases.iter().filter(|case| case.contains("<failure")).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">\n",
            xml_escape(scenario),
            cases.len()
        ));
        for case in cases {
            out.push_str(case);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// One case per expectation block that covers the run, or one for the run's label when none does.
fn junit_cases(run: &RunReport) -> Vec<String> {
    let scenario = xml_escape(&run.header.scenario_path);
    let base = format!("{} seed={}", run.name, run.header.seed);
    let unexpected: Vec<String> = run
        .violations
        .iter()
        .filter(|v| !v.expected)
        .map(|v| format!("{} {} {}", v.code.as_str(), v.event.as_deref().unwrap_or("-"), v.detail))
        .collect();
    let mut blocks: Vec<usize> = run.expectations.iter().map(|result| result.block).collect();
    blocks.dedup();
    let mut groups: Vec<(String, Vec<String>)> = vec![];
    if blocks.is_empty() || !unexpected.is_empty() || run.incomplete {
        let mut problems = unexpected;
        if run.incomplete {
            problems.push("incomplete: the run reached `maxSteps` before quiescence".to_owned());
        }
        groups.push((base.clone(), problems));
    }
    for block in blocks {
        let broken: Vec<String> = run
            .expectations
            .iter()
            .filter(|result| result.block == block && !result.ok)
            .map(|result| {
                let value = result.value.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
                let actual = result.actual.map(|a| format!(" (was {a})")).unwrap_or_default();
                format!("{}{value}{actual}", result.assert)
            })
            .collect();
        groups.push((format!("{base} expect[{block}]"), broken));
    }
    groups
        .into_iter()
        .map(|(name, problems)| {
            let open =
                format!("    <testcase name=\"{}\" classname=\"{scenario}\" file=\"{scenario}\"", xml_escape(&name));
            if problems.is_empty() {
                format!("{open}/>\n")
            } else {
                let message = problems.join("; ");
                format!(
                    "{open}>\n      <failure type=\"simulation\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    xml_escape(&message),
                    xml_escape(&problems.join("\n"))
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_walk_up_to_the_common_directory() {
        assert_eq!(relative_to(Path::new("/p/examples/payments"), Path::new("/p/examples/payments/c.yaml")), "c.yaml");
        assert_eq!(
            relative_to(Path::new("/p/tests"), Path::new("/p/examples/payments/c.yaml")),
            "../examples/payments/c.yaml"
        );
    }

    #[test]
    fn shrunk_files_are_named_after_the_scenario() {
        assert_eq!(
            default_shrunk_path(Path::new("/p/poison-pill.scenario.yaml")),
            PathBuf::from("/p/poison-pill.scenario.min.yaml")
        );
    }
}
