//! `eventlint compat` (CLI spec §2.2): reads the schema files, builds one schema set per side (the file and its
//! `--import`s), and prints `eventlint_compat`'s answer for one pair, a registry mode, or a JSONL batch.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use eventlint_avro::SchemaSet;
use eventlint_compat::{
    Checker, Compatibility, Direction, Mode, Schema, answer_json, answer_line, check_mode, incompatibilities_json,
};
use eventlint_diagnostics::{Diagnostic, FileId, Limits, Sources, render_full};
use serde_json::json;

use crate::Outcome;
use crate::args::{CompatArgs, CompatFormat, GlobalArgs};
use crate::formats;

pub fn run(global: &GlobalArgs, args: &CompatArgs) -> Outcome {
    if let Some(pairs) = &args.pairs {
        return run_pairs(pairs);
    }
    let mut loader = Loader::default();
    let imports = loader.import_files(&args.import);
    let color = formats::use_color(global.color);
    if let (Some(reader), Some(writer)) = (&args.reader, &args.writer) {
        let (Some(reader_set), Some(writer_set)) = (loader.load(reader, &imports), loader.load(writer, &imports))
        else {
            return loader.fail(color);
        };
        return match eventlint_compat::check(reader_set.schema(), writer_set.schema()) {
            Ok(result) => print_pair(&loader.sources, &result, args.format, color),
            Err(error) => {
                eprintln!("error: unresolvable: {error}");
                Outcome::Failed
            }
        };
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
        return loader.fail(color);
    };
    let schemas: Vec<Schema<'_>> = previous.iter().map(Loaded::schema).collect();
    let result = check_mode(mode, new_set.schema(), &schemas);
    let path_of = |index: usize| args.previous.get(index).map_or(String::new(), |path| path.display().to_string());
    let new_path = new.display().to_string();
    let checks: Vec<_> = result
        .checks
        .iter()
        .map(|check| {
            let (reader, writer) = match check.direction {
                Direction::Backward => (new_path.clone(), path_of(check.version)),
                Direction::Forward => (path_of(check.version), new_path.clone()),
            };
            (reader, writer, check)
        })
        .collect();
    match args.format {
        CompatFormat::Json => {
            let checks: Vec<_> = checks
                .iter()
                .map(|(reader, writer, check)| {
                    let mut object = json!({"reader": reader, "writer": writer, "compatible": check.is_compatible()});
                    match &check.result {
                        Ok(result) => object["incompatibilities"] = incompatibilities_json(result),
                        Err(error) => object["error"] = json!(format!("unresolvable: {error}")),
                    }
                    object
                })
                .collect();
            println!("{}", json!({"mode": mode.name(), "compatible": result.is_compatible(), "checks": checks}));
        }
        CompatFormat::Text => {
            for (reader, writer, check) in &checks {
                let verdict = if check.is_compatible() { "compatible" } else { "incompatible" };
                println!("{reader} reads {writer}: {verdict}");
                match &check.result {
                    Ok(result) => print_incompatibilities(&loader.sources, result, color),
                    Err(error) => println!("  unresolvable: {error}"),
                }
            }
            let verdict = if result.is_compatible() { "compatible" } else { "incompatible" };
            println!("{}: {verdict}", mode.name());
        }
    }
    if result.is_compatible() { Outcome::Clean } else { Outcome::Findings }
}

fn print_pair(sources: &Sources, result: &Compatibility, format: CompatFormat, color: bool) -> Outcome {
    match format {
        CompatFormat::Json => println!("{}", answer_json(None, &Ok(result.clone()))),
        CompatFormat::Text => {
            print_incompatibilities(sources, result, color);
            println!("{}", if result.is_compatible() { "compatible" } else { "incompatible" });
        }
    }
    if result.is_compatible() { Outcome::Clean } else { Outcome::Findings }
}

/// One `TYPE  location  message` line per incompatibility, each with a snippet of the reader and writer nodes.
fn print_incompatibilities(sources: &Sources, result: &Compatibility, color: bool) {
    for found in &result.incompatibilities {
        println!("{}  {}  {}", found.kind.java_name(), found.location, found.message);
        let diagnostic = Diagnostic::error("incompatible-change", found.message.clone())
            .with_primary(found.reader_span, "reader")
            .with_label(found.writer_span, "writer");
        print!("{}", render_full(sources, &diagnostic, color, 100));
    }
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

    /// Prints the load errors and returns exit code 2.
    fn fail(&self, color: bool) -> Outcome {
        for diagnostic in &self.diagnostics {
            eprint!("{}", render_full(&self.sources, diagnostic, color, 100));
        }
        Outcome::Failed
    }
}
