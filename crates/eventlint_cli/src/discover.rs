//! Finding the project: its root, its configuration (with `extend`), and its input files (respecting `.gitignore`).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use eventlint_config::{Config, ConfigFile};
use eventlint_diagnostics::{Diagnostic, Sources, Span};
use eventlint_project::{InputFile, ReadProblem};

use crate::args::GlobalArgs;

pub const CONFIG_FILE: &str = "eventlint.toml";

/// The project root and its resolved configuration; `sources` holds the configuration files for error reports.
pub struct Setup {
    pub root: PathBuf,
    pub config: Config,
    pub config_path: Option<PathBuf>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Root per CLI spec §1: the directory of the configuration file, else the git work tree, else the current directory.
///
/// Discovery starts in the current directory; when `paths` are given and none lies under the root found there
/// (`eventlint check ~/other/project` from elsewhere), it starts at the first path instead, so that project's own
/// configuration and root apply and its paths stay relative to it.
pub fn setup(global: &GlobalArgs, paths: &[PathBuf]) -> Setup {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (files, overrides): (Vec<&String>, Vec<&String>) =
        global.config.iter().partition(|value| !value.contains('=') || Path::new(value).is_file());
    let explicit = files.last().map(|explicit| absolute(&cwd, Path::new(explicit)));
    let (mut config_path, mut root) = find_root(global, explicit.clone(), &cwd);
    let inputs: Vec<PathBuf> = paths.iter().map(|path| absolute(&cwd, path)).collect();
    if let Some(first) = inputs.first().filter(|_| !inputs.iter().any(|input| input.starts_with(&root))) {
        let start = if first.is_dir() { first.clone() } else { first.parent().unwrap_or(first).to_path_buf() };
        (config_path, root) = find_root(global, explicit, &start);
    }
    let mut setup = Setup {
        root,
        config: Config::default(),
        config_path: config_path.clone(),
        sources: Sources::new(),
        diagnostics: Vec::new(),
    };
    if let Some(path) = config_path {
        load_config_chain(&mut setup, &path, 0);
    }
    for (index, text) in overrides.into_iter().enumerate() {
        let file = setup.sources.add(format!("--config #{}", index + 1), text.as_str());
        let (parsed, mut diagnostics) = ConfigFile::parse(file, text, "");
        diagnostics.extend(parsed.apply_to(&mut setup.config));
        setup.diagnostics.extend(diagnostics);
    }
    setup
}

/// Loads `path` after the file it `extend`s, so that it wins; `depth` stops inheritance cycles.
/// The configuration in use and the root, looking up from `start`.
fn find_root(global: &GlobalArgs, explicit: Option<PathBuf>, start: &Path) -> (Option<PathBuf>, PathBuf) {
    let config_path = if global.isolated {
        None
    } else if explicit.is_some() {
        explicit
    } else {
        start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|candidate| candidate.is_file())
    };
    let root = match &config_path {
        Some(path) => path.parent().map_or_else(|| start.to_path_buf(), Path::to_path_buf),
        None => start
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .map_or_else(|| start.to_path_buf(), Path::to_path_buf),
    };
    (config_path, root)
}

fn load_config_chain(setup: &mut Setup, path: &Path, depth: usize) {
    let display = display_path(&setup.root, path);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            let file = setup.sources.add(display.clone(), "");
            setup.diagnostics.push(
                Diagnostic::load("unreadable-file", format!("cannot read `{display}`: {error}"))
                    .with_primary(Span::at(file, 0), ())
                    .with_help("check the path given to `--config` or `extend`"),
            );
            return;
        }
    };
    let base_dir = path.parent().map(|dir| display_path(&setup.root, dir)).unwrap_or_default();
    let file = setup.sources.add(display, text.as_str());
    let (parsed, diagnostics) = ConfigFile::parse(file, &text, &base_dir);
    setup.diagnostics.extend(diagnostics);
    if let Some(extend) = &parsed.extend {
        if depth >= 16 {
            setup.diagnostics.push(
                Diagnostic::load("limit-exceeded", "`extend` chain is deeper than 16 files")
                    .with_primary(extend.span, "extended here")
                    .with_help("remove the `extend` cycle"),
            );
        } else {
            let parent = path.parent().unwrap_or(Path::new("."));
            load_config_chain(setup, &parent.join(&extend.value), depth + 1);
        }
    }
    let diagnostics = parsed.apply_to(&mut setup.config);
    setup.diagnostics.extend(diagnostics);
}

/// `path` relative to `root` with `/`, or as given when it lies outside the root.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let text = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    if text.is_empty() { ".".to_owned() } else { text }
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let mut normal = PathBuf::new();
    for component in joined.components() {
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

/// The walked roots: `PATHS`, else `[catalog] include` (relative to the configuration file), else the root.
pub fn input_roots(setup: &Setup, paths: &[PathBuf]) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if !paths.is_empty() {
        paths.iter().map(|p| absolute(&cwd, p)).collect()
    } else if !setup.config.include.is_empty() {
        let config_dir = setup.config_path.as_ref().and_then(|p| p.parent()).unwrap_or(&setup.root);
        setup.config.include.iter().map(|include| absolute(config_dir, Path::new(&include.value))).collect()
    } else {
        vec![setup.root.clone()]
    }
}

/// Every `.yaml`, `.yml` and `.avsc` file and EventCatalog page under the inputs, sorted, with excluded paths left out.
pub fn input_files(setup: &Setup, paths: &[PathBuf]) -> Vec<InputFile> {
    walk_inputs(setup, &setup.root, &input_roots(setup, paths))
}

/// Walks `roots` for input files, as paths relative to `tree`: the project root, or a directory that holds an
/// earlier copy of the project (`--against DIR`).
pub fn walk_inputs(setup: &Setup, tree: &Path, roots: &[PathBuf]) -> Vec<InputFile> {
    let filter = InputFilter::new(setup);
    let mut found: Vec<(String, Result<PathBuf, String>)> = Vec::new();
    for root in roots {
        let mut walker = ignore::WalkBuilder::new(root);
        walker.hidden(true).git_ignore(true).git_global(false).git_exclude(true).require_git(false).follow_links(true);
        walker.parents(true).ignore(false);
        for entry in walker.build() {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let display = display_path(tree, entry.path());
                    if filter.accepts(&display) {
                        found.push((display, Ok(entry.into_path())));
                    }
                }
                Ok(_) => {}
                Err(error) => {
                    let path = walk_error_path(&error).unwrap_or_else(|| root.clone());
                    found.push((display_path(tree, &path), Err(error.to_string())));
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.dedup_by(|a, b| a.0 == b.0);
    found
        .into_iter()
        .map(|(path, location)| InputFile {
            contents: location
                .map_err(ReadProblem::Unreadable)
                .and_then(|p| read_limited(&p, setup.config.limits.max_file_bytes)),
            path,
        })
        .collect()
}

/// Which paths are inputs: `.yaml`, `.yml` and `.avsc` files and EventCatalog pages that no `[catalog] exclude`
/// glob matches.
pub struct InputFilter {
    exclude: globset::GlobSet,
}

impl InputFilter {
    pub fn new(setup: &Setup) -> Self {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in &setup.config.exclude {
            if let Ok(glob) = globset::GlobBuilder::new(&pattern.value).literal_separator(true).build() {
                builder.add(glob);
            }
        }
        InputFilter { exclude: builder.build().unwrap_or_else(|_| globset::GlobSet::empty()) }
    }

    pub fn accepts(&self, path: &str) -> bool {
        let input = [".avsc", ".yaml", ".yml"].iter().any(|ext| path.ends_with(ext))
            || eventlint_project::is_eventcatalog_page(path);
        input && !self.exclude.is_match(path)
    }
}

fn walk_error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        _ => None,
    }
}

/// Reads a file unless it is larger than `max_bytes`: a huge file is refused without being read.
pub fn read_limited(path: &Path, max_bytes: usize) -> Result<Vec<u8>, ReadProblem> {
    let file = std::fs::File::open(path).map_err(|e| ReadProblem::Unreadable(e.to_string()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max_bytes as u64 {
        return Err(ReadProblem::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_bytes as u64 + 1).read_to_end(&mut bytes).map_err(|e| ReadProblem::Unreadable(e.to_string()))?;
    if bytes.len() > max_bytes {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}
