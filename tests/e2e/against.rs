//! End-to-end tests of `check --against REV|DIR` (CLI spec §7) in throwaway git repositories: the base project is
//! read from a revision or a directory, and its schemas and catalog facts are compared with the work tree's.

use std::path::Path;
use std::process::Command;

use crate::common::{Project, eventlint_in, example_dir};

const SCHEMA: &str = "schemas/ShipmentDispatched.avsc";
const NOTE_FIELD: &str = r#"    {"name": "note","#;

/// The clean example (which has no findings of its own) committed on `main`.
fn clean_repo() -> Project {
    let project = Project::new();
    copy_example(project.dir.path());
    project.git(&["init", "-q", "-b", "main"]).git(&["add", "."]).git(&["commit", "-qm", "base"]);
    project
}

fn copy_example(to: &Path) {
    let from = example_dir("clean");
    for path in ["shipping.catalog.yaml", "schemas/DispatchShipment.avsc", SCHEMA] {
        std::fs::create_dir_all(to.join(path).parent().expect("parent")).expect("mkdir");
        std::fs::copy(from.join(path), to.join(path)).expect("copy");
    }
}

/// Adds `weightGrams: int` without a default to `ShipmentDispatched` at `path`: a break under `FULL_TRANSITIVE`.
fn add_weight(project: &Project, path: &str) {
    let text = std::fs::read_to_string(project.path(path)).expect("schema");
    let weight = r#"    {"name": "weightGrams", "type": "int", "doc": "Weight of the parcel."},"#;
    project.write(path, text.replace(NOTE_FIELD, &format!("{weight}\n{NOTE_FIELD}")));
}

/// `eventlint check --output-format concise ARGS`: the exit code, stdout and stderr.
fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = eventlint_in(dir, &[&["check", "--output-format", "concise"], args].concat()).output().expect("run");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

/// The findings of [`add_weight`] against a base with the unchanged schema, whose schema file is shown as
/// `base_schema`: the break, and the unchanged version.
fn breaking_change(base_schema: &str) -> (i32, String, String) {
    let report = format!(
        "schemas/ShipmentDispatched.avsc:12:14: error[incompatible-change] `ShipmentDispatched` 1.0.0 cannot read \
         1.0.0 ({base_schema}) data: field `weightGrams` has no default (READER_FIELD_MISSING_DEFAULT_VALUE at \
         /fields/5), but `shipping.events.v1` is FULL_TRANSITIVE\n\
         shipping.catalog.yaml:59:14: warning[version-not-bumped] the schema of `ShipmentDispatched` changed, but its \
         version is still 1.0.0\nFound 2 findings: 1 error, 1 warning.\n"
    );
    (1, report, String::new())
}

/// The files of the secondary labels of every finding in a JSON report.
fn label_files(report: &serde_json::Value) -> Vec<String> {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let labels = diagnostics.iter().flat_map(|d| d["labels"].as_array().into_iter().flatten());
    labels.map(|label| label["file"].as_str().unwrap_or("").to_owned()).collect()
}

fn git_output(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git").args(args).current_dir(dir).output().expect("git");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_breaking_change_against_head_points_into_the_base() {
    let project = clean_repo();
    add_weight(&project, SCHEMA);
    project.git(&["add", SCHEMA]);
    let status = git_output(project.dir.path(), &["status", "--porcelain"]);
    assert_eq!(
        concise(project.dir.path(), &["--against", "HEAD"]),
        breaking_change("HEAD:schemas/ShipmentDispatched.avsc")
    );
    let (code, report) = project.json(&["--against", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(label_files(&report), ["HEAD:schemas/ShipmentDispatched.avsc"]);
    assert_eq!(git_output(project.dir.path(), &["status", "--porcelain"]), status, "the base touched the work tree");
    // Without `--against` there is nothing to compare with.
    assert_eq!(concise(project.dir.path(), &[]).0, 0);
}

#[test]
fn an_unchanged_project_has_nothing_to_report() {
    let project = clean_repo();
    assert_eq!(
        concise(project.dir.path(), &["--against", "HEAD"]),
        (0, "All checks passed.\n".to_owned(), String::new())
    );
}

#[test]
fn a_moved_schema_still_compares_with_its_message() {
    let project = clean_repo();
    project.git(&["branch", "release/1.0"]).git(&["mv", SCHEMA, "ShipmentDispatched.avsc"]);
    let catalog = std::fs::read_to_string(project.path("shipping.catalog.yaml")).expect("catalog");
    project.write("shipping.catalog.yaml", catalog.replace(SCHEMA, "ShipmentDispatched.avsc"));
    add_weight(&project, "ShipmentDispatched.avsc");
    let (code, report) = project.json(&["--against", "release/1.0"]);
    assert_eq!(code, 1);
    assert_eq!(label_files(&report), ["release/1.0:schemas/ShipmentDispatched.avsc"]);
    assert_eq!(report["diagnostics"][0]["file"], "ShipmentDispatched.avsc");
}

#[test]
fn a_directory_is_an_earlier_copy_of_the_project() {
    let project = Project::new();
    copy_example(project.dir.path());
    add_weight(&project, SCHEMA);
    let release = tempfile::tempdir().expect("temp dir");
    copy_example(release.path());
    let base = release.path().display().to_string();
    assert_eq!(
        concise(project.dir.path(), &["--against", &base]),
        breaking_change(&format!("{base}/schemas/ShipmentDispatched.avsc"))
    );
    let (_, report) = project.json(&["--against", &base]);
    assert_eq!(label_files(&report), [format!("{base}/schemas/ShipmentDispatched.avsc")]);
}

#[test]
fn a_revision_outside_git_suggests_a_directory() {
    let project = Project::new();
    let (code, stdout, stderr) = concise(project.dir.path(), &["--against", "origin/main"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("error: cannot compare against `origin/main`: `"), "{stderr}");
    assert!(
        stderr.ends_with(
            "` is not in a git repository\n  help: pass a directory that holds the earlier version instead of a revision\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_shallow_clone_says_how_to_fetch_the_base_and_that_advice_works() {
    let origin = clean_repo();
    origin.git(&["checkout", "-qb", "release"]).git(&["checkout", "-q", "main"]);
    let clones = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", origin.dir.path().display());
    let cloned = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(clones.path())
        .status()
        .expect("clone");
    assert!(cloned.success());
    let clone = clones.path().join("shallow");
    let (code, _, stderr) = concise(&clone, &["--against", "origin/release"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: cannot compare against `origin/release`: the revision is not in this shallow clone\n  \
         help: fetch the history it needs, e.g. actions/checkout with `fetch-depth: 0`,\n        \
         or `git fetch --no-tags --depth=1 origin release` and `--against FETCH_HEAD`\n"
    );
    let fetched = Command::new("git")
        .args(["fetch", "-q", "--no-tags", "--depth=1", "origin", "release"])
        .current_dir(&clone)
        .status()
        .expect("fetch");
    assert!(fetched.success());
    let dispatched = clone.join(SCHEMA);
    let text = std::fs::read_to_string(&dispatched).expect("schema");
    let weight = r#"    {"name": "weightGrams", "type": "int", "doc": "Weight of the parcel."},"#;
    std::fs::write(&dispatched, text.replace(NOTE_FIELD, &format!("{weight}\n{NOTE_FIELD}"))).expect("write");
    assert_eq!(
        concise(&clone, &["--against", "FETCH_HEAD"]),
        breaking_change("FETCH_HEAD:schemas/ShipmentDispatched.avsc")
    );
}

#[test]
fn an_unborn_head_is_an_empty_base_with_a_note() {
    let project = Project::new();
    copy_example(project.dir.path());
    project.git(&["init", "-q", "-b", "main"]).git(&["add", "."]);
    assert_eq!(
        concise(project.dir.path(), &["--against", "HEAD"]),
        (
            0,
            "All checks passed.\n".to_owned(),
            "note: `HEAD` has no commit yet, so the base of `--against HEAD` is empty\n".to_owned()
        )
    );
}

#[test]
fn a_base_that_does_not_load_is_a_warning_and_its_messages_are_not_compared() {
    let project = clean_repo();
    let good = std::fs::read_to_string(project.path(SCHEMA)).expect("schema");
    project.write(SCHEMA, "{\"type\": \"record\",\n").git(&["commit", "-qam", "broken schema"]);
    project.write(SCHEMA, good);
    add_weight(&project, SCHEMA);
    assert_eq!(
        concise(project.dir.path(), &["--against", "HEAD"]),
        (
            0,
            "All checks passed.\n".to_owned(),
            "HEAD:schemas/ShipmentDispatched.avsc:1:1: warning[load/json-syntax] unterminated object\n\
             warning: the base `HEAD` does not load cleanly (1 load error), so these messages are not compared: \
             `ShipmentDispatched`\n"
                .to_owned()
        )
    );
}

#[test]
fn a_changed_partition_count_is_found_against_the_base() {
    let project = clean_repo();
    let catalog = std::fs::read_to_string(project.path("shipping.catalog.yaml")).expect("catalog");
    let events = "  shipping.events.v1:\n    summary: Facts about shipments, keyed by shipment.\n    partitions: 6\n";
    assert!(catalog.contains(events));
    project.write("shipping.catalog.yaml", catalog.replace(events, &events.replace("6\n", "12\n")));
    let (code, stdout, _) = concise(project.dir.path(), &["--against", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "shipping.catalog.yaml:41:17: warning[partitioning-changed] the partitions of `shipping.events.v1` changed \
         from `6` to `12`, so keys move to other partitions\nFound 1 finding: 1 warning.\n"
    );
}

#[test]
fn check_against_in_the_configuration_is_the_default_base() {
    let project = clean_repo();
    add_weight(&project, SCHEMA);
    project.write("eventlint.toml", "[check]\nagainst = \"HEAD\"\n");
    assert_eq!(concise(project.dir.path(), &[]), breaking_change("HEAD:schemas/ShipmentDispatched.avsc"));
}
