//! `eventlint compat` (CLI spec §2.2): reads the schema files, builds one schema set per side (the file and its
//! `--import`s), and prints `eventlint_compat`'s answer for one pair, a registry mode, or a JSONL batch.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use eventlint_avro::SchemaSet;
use eventlint_compat::{
    CheckError, Checker, Compatibility, Direction, Mode, PairError, Schema, Side, answer_json, answer_line, check_mode,
    incompatibilities_json,
};
use eventlint_diagnostics::{Diagnostic, FileId, Limits, Severity, Sources, render_full, resolve_all};
use serde_json::json;

use crate::Outcome;
use crate::args::{CompatArgs, CompatFormat, GlobalArgs, OutputFormat};
use crate::check::{decide, emit, write_report};
use crate::formats::{self, CatalogueDocs, Report, RuleDocs, Summary};

pub fn run(global: &GlobalArgs, args: &CompatArgs) -> Outcome {
    if let Some(pairs) = &args.pairs {
        if global.output_file.is_some() {
            eprintln!(
                "error: `--output-file` does not apply to `--pairs`\n  help: redirect stdout, which is answered line by line"
            );
            return Outcome::Failed;
        }
        return run_pairs(pairs);
    }
    let mut loader = Loader::default();
    let imports = loader.import_files(&args.import);
    let color = formats::use_color(global.color);
    if let (Some(reader), Some(writer)) = (&args.reader, &args.writer) {
        let (Some(reader_set), Some(writer_set)) = (loader.load(reader, &imports), loader.load(writer, &imports))
        else {
            return loader.fail(global, args, color);
        };
        let result = eventlint_compat::check(reader_set.schema(), writer_set.schema());
        if let Err(error) = &result {
            eprintln!("error: unresolvable: {error}\n  help: {}", error.help());
            return Outcome::Failed;
        }
        let pair = Pairing {
            reader: reader.display().to_string(),
            writer: writer.display().to_string(),
            located_on: (Side::Reader, reader_set.schema()),
            labels: ["reader", "writer"],
            result,
        };
        return Comparison { mode: None, pairings: vec![pair] }.report(global, args, &loader.sources, color);
    }
    let (Some(mode_name), Some(new)) = (&args.mode, &args.new) else { return Outcome::Failed };
    let Some(mode) = Mode::parse(&mode_name.to_ascii_uppercase()) else {
        eprintln!(
            "error: unknown mode `{mode_name}`\n  help: use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"
        );
        return Outcome::Failed;
    };
    let new_set = loader.load(new, &imports);
    let previous: Vec<Option<Loaded>> = args.previous.iter().map(|path| loader.load(path, &imports)).collect();
    let (Some(new_set), Some(previous)) = (new_set, previous.into_iter().collect::<Option<Vec<_>>>()) else {
        return loader.fail(global, args, color);
    };
    let schemas: Vec<Schema<'_>> = previous.iter().map(Loaded::schema).collect();
    let path_of = |index: usize| args.previous.get(index).map_or(String::new(), |path| path.display().to_string());
    let new_path = new.display().to_string();
    // Findings are located on the new schema, which is what the change edits: the reader going backward, the
    // writer going forward.
    let pairings = check_mode(mode, new_set.schema(), &schemas)
        .checks
        .into_iter()
        .map(|check| match check.direction {
            Direction::Backward => Pairing {
                reader: new_path.clone(),
                writer: path_of(check.version),
                located_on: (Side::Reader, new_set.schema()),
                labels: ["reader (new)", "writer (previous)"],
                result: check.result,
            },
            Direction::Forward => Pairing {
                reader: path_of(check.version),
                writer: new_path.clone(),
                located_on: (Side::Writer, new_set.schema()),
                labels: ["writer (new)", "reader (previous)"],
                result: check.result,
            },
        })
        .collect();
    Comparison { mode: Some(mode), pairings }.report(global, args, &loader.sources, color)
}

/// Every reader/writer check of one run: the one pair, or the checks a registry mode made.
struct Comparison<'a> {
    mode: Option<Mode>,
    pairings: Vec<Pairing<'a>>,
}

/// One reader/writer check, with the files' paths and where its findings are located.
struct Pairing<'a> {
    reader: String,
    writer: String,
    /// The side findings are located on and its schema: the reader of a pair, the new schema of a mode.
    located_on: (Side, Schema<'a>),
    /// Labels of the side findings are located on, and of the other side.
    labels: [&'static str; 2],
    result: Result<Compatibility, CheckError>,
}

impl Pairing<'_> {
    fn is_compatible(&self) -> bool {
        self.result.as_ref().is_ok_and(Compatibility::is_compatible)
    }

    /// One `incompatible-change` finding per incompatibility, or one saying the check has no answer.
    fn findings(&self) -> Vec<Diagnostic> {
        let headline = format!("`{}` cannot read data written with `{}`", self.reader, self.writer);
        let (side, schema) = self.located_on;
        match &self.result {
            Ok(result) => result
                .incompatibilities
                .iter()
                .map(|found| {
                    let message = format!("{headline}: {}", found.describe());
                    found.to_diagnostic(message, side, schema.set, self.labels.map(str::to_owned))
                })
                .collect(),
            Err(error) => {
                let span = schema.set.node(schema.root).span;
                vec![
                    Diagnostic::error(
                        "incompatible-change",
                        format!("{headline}: the check cannot be answered: {error}"),
                    )
                    .with_primary(span, self.labels[0])
                    .with_help(error.help())
                    .with_path(schema.set.path(schema.root)),
                ]
            }
        }
    }
}

impl Comparison<'_> {
    fn is_compatible(&self) -> bool {
        self.pairings.iter().all(Pairing::is_compatible)
    }

    /// Writes the report in the requested format and returns the exit code.
    fn report(&self, global: &GlobalArgs, args: &CompatArgs, sources: &Sources, color: bool) -> Outcome {
        let format = match (args.output_format, args.statistics) {
            (CompatFormat::Findings(format), _) => format,
            (CompatFormat::Json, true) => OutputFormat::Json,
            (CompatFormat::Text, true) => OutputFormat::Concise,
            (CompatFormat::Json, false) => return self.write(global, args, self.json()),
            (CompatFormat::Text, false) => return self.write(global, args, self.text(sources, color)),
        };
        let category = CatalogueDocs.rule_doc("incompatible-change").and_then(|doc| doc.category);
        let mut findings: Vec<Diagnostic> = self.pairings.iter().flat_map(Pairing::findings).collect();
        // `check`'s rule engine fills the category in; these findings do not pass through it.
        for finding in &mut findings {
            finding.category.clone_from(&category);
        }
        report_findings(global, args, format, sources, &findings)
    }

    fn write(&self, global: &GlobalArgs, args: &CompatArgs, text: String) -> Outcome {
        let outcome = if self.is_compatible() || args.exit_zero { Outcome::Clean } else { Outcome::Findings };
        write_report(global, &text, outcome)
    }

    /// CLI spec §2.2: a batch line's object for a pair; `{"mode", "compatible", "checks"}` for a mode.
    fn json(&self) -> String {
        let Some(mode) = self.mode else {
            let answers = self.pairings.iter().map(|pair| {
                let answer = pair.result.clone().map_err(|error| PairError::Unresolvable(error.to_string()));
                format!("{}\n", answer_json(None, &answer))
            });
            return answers.collect();
        };
        let checks: Vec<_> = self
            .pairings
            .iter()
            .map(|pair| {
                let mut object =
                    json!({"reader": pair.reader, "writer": pair.writer, "compatible": pair.is_compatible()});
                match &pair.result {
                    Ok(result) => object["incompatibilities"] = incompatibilities_json(result),
                    Err(error) => object["error"] = json!(format!("unresolvable: {error}")),
                }
                object
            })
            .collect();
        format!("{}\n", json!({"mode": mode.name(), "compatible": self.is_compatible(), "checks": checks}))
    }

    /// One `TYPE  location  message` line per incompatibility with its snippets, then the verdict; a mode names
    /// each check first.
    fn text(&self, sources: &Sources, color: bool) -> String {
        let verdict = |compatible: bool| if compatible { "compatible" } else { "incompatible" };
        let mut out = String::new();
        for pair in &self.pairings {
            if self.mode.is_some() {
                out.push_str(&format!("{} reads {}: {}\n", pair.reader, pair.writer, verdict(pair.is_compatible())));
            }
            match &pair.result {
                Ok(result) => {
                    for (found, finding) in result.incompatibilities.iter().zip(pair.findings()) {
                        out.push_str(&format!("{}  {}  {}\n", found.kind.java_name(), found.location, found.message));
                        out.push_str(&render_full(sources, &finding, color, formats::width()));
                    }
                }
                Err(error) => out.push_str(&format!("  unresolvable: {error}\n")),
            }
        }
        match self.mode {
            Some(mode) => out.push_str(&format!("{}: {}\n", mode.name(), verdict(self.is_compatible()))),
            None => out.push_str(&format!("{}\n", verdict(self.is_compatible()))),
        }
        out
    }
}

/// Renders findings (incompatibilities or load errors) through `check`'s formats: every one is an error, so the
/// fail level is `error`.
fn report_findings(
    global: &GlobalArgs,
    args: &CompatArgs,
    format: OutputFormat,
    sources: &Sources,
    findings: &[Diagnostic],
) -> Outcome {
    let resolved = resolve_all(sources, findings, false);
    let outcome = decide(&resolved, Severity::Error, args.exit_zero);
    let summary = Summary::count(&resolved, Severity::Error, outcome as u8);
    let report = Report {
        sources,
        diagnostics: &resolved,
        summary: &summary,
        fail_level: Severity::Error,
        docs: &CatalogueDocs,
        color: formats::use_color(global.color),
        width: formats::width(),
    };
    emit(global, format, &report, args.statistics, outcome)
}

/// The batch form: one answer line per non-blank input line, flushed as it goes; exit 2 if any line got no verdict.
fn run_pairs(input: &str) -> Outcome {
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(input) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(error) => {
                eprintln!("error: cannot read `{input}`: {error}");
                return Outcome::Failed;
            }
        }
    };
    let mut checker = Checker::new();
    let mut stdout = std::io::stdout().lock();
    let mut outcome = Outcome::Clean;
    for line in reader.lines() {
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                eprintln!("error: cannot read `{input}`: {error}");
                return Outcome::Failed;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let (id, answer) = answer_line(&mut checker, &line);
        if answer.is_err() {
            outcome = Outcome::Failed;
        }
        if writeln!(stdout, "{}", answer_json(id, &answer)).and_then(|()| stdout.flush()).is_err() {
            return Outcome::Failed;
        }
    }
    outcome
}

/// A built schema set and the file whose top-level schema is checked.
struct Loaded {
    set: SchemaSet,
    file: FileId,
}

impl Loaded {
    fn schema(&self) -> Schema<'_> {
        Schema { set: &self.set, root: self.set.root(self.file).unwrap_or(eventlint_avro::NodeId(0)) }
    }
}

#[derive(Default)]
struct Loader {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    failed: bool,
}

impl Loader {
    /// The `.avsc` files named by `--import`, directories walked in path order.
    fn import_files(&mut self, imports: &[PathBuf]) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for import in imports {
            if import.is_dir() {
                let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(import)
                    .build()
                    .filter_map(Result::ok)
                    .map(|entry| entry.into_path())
                    .filter(|path| path.extension().is_some_and(|extension| extension == "avsc"))
                    .collect();
                found.sort();
                files.extend(found);
            } else {
                files.push(import.clone());
            }
        }
        files
    }

    /// Parses `main` and `imports` into one schema set; `None` (with diagnostics) when anything fails to load.
    fn load(&mut self, main: &Path, imports: &[PathBuf]) -> Option<Loaded> {
        let mut values = Vec::new();
        for path in std::iter::once(main).chain(imports.iter().map(PathBuf::as_path)) {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("error: cannot read `{}`: {error}", path.display());
                    self.failed = true;
                    return None;
                }
            };
            let file = self.sources.add(path.display().to_string(), text.clone());
            let (value, diagnostics) = eventlint_json::parse(file, &text, &Limits::default());
            let broken = value.is_none() || diagnostics.iter().any(Diagnostic::is_load_error);
            self.diagnostics.extend(diagnostics);
            match value {
                Some(value) if !broken => values.push((file, value)),
                _ => {
                    self.failed = true;
                    return None;
                }
            }
        }
        let files: Vec<(FileId, &eventlint_json::JsonValue)> =
            values.iter().map(|(file, value)| (*file, value)).collect();
        let (set, diagnostics) = SchemaSet::build(&files);
        let file = values.first()?.0;
        if diagnostics.iter().any(Diagnostic::is_load_error) {
            self.diagnostics.extend(diagnostics);
            self.failed = true;
            return None;
        }
        Some(Loaded { set, file })
    }

    /// Reports the load errors, in the requested format when it is one of `check`'s, else on stderr; exit code 2.
    fn fail(&self, global: &GlobalArgs, args: &CompatArgs, color: bool) -> Outcome {
        // An unreadable file has no finding; its error is on stderr already.
        if let (CompatFormat::Findings(format), false) = (args.output_format, self.diagnostics.is_empty()) {
            report_findings(global, args, format, &self.sources, &self.diagnostics);
            return Outcome::Failed;
        }
        for diagnostic in &self.diagnostics {
            eprint!("{}", render_full(&self.sources, diagnostic, color, 100));
        }
        Outcome::Failed
    }
}
