//! `eventlint init`: a starter configuration and catalog with editor schemas (CLI spec §2.6, §11).

use std::io::Write;
use std::path::Path;

use clap::Args;
use eventlint_schema::Format;

use crate::Outcome;

#[derive(Args, Debug, Clone, Default)]
pub struct InitArgs {
    /// Also write the payments example (catalog, schemas and scenarios) under `examples/payments/`.
    #[arg(long)]
    pub example: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// The directory of the offline schemas that the modelines point at.
const SCHEMA_DIR: &str = ".eventlint";

const CONFIG: &str = include_str!("init/eventlint.toml");
const CATALOG: &str = include_str!("init/catalog.yaml");

/// The payments example, as in this repository.
const EXAMPLE: &[(&str, &str)] = &[
    ("payments.catalog.yaml", include_str!("../../../examples/payments/payments.catalog.yaml")),
    ("poison-pill.scenario.yaml", include_str!("../../../examples/payments/poison-pill.scenario.yaml")),
    ("in-memory-park.scenario.yaml", include_str!("../../../examples/payments/in-memory-park.scenario.yaml")),
    ("schemas/AuthorizePayment.avsc", include_str!("../../../examples/payments/schemas/AuthorizePayment.avsc")),
    ("schemas/CapturePayment.avsc", include_str!("../../../examples/payments/schemas/CapturePayment.avsc")),
    ("schemas/InitiatePayment.avsc", include_str!("../../../examples/payments/schemas/InitiatePayment.avsc")),
    ("schemas/Money.avsc", include_str!("../../../examples/payments/schemas/Money.avsc")),
    ("schemas/PaymentAuthorized.avsc", include_str!("../../../examples/payments/schemas/PaymentAuthorized.avsc")),
    ("schemas/PaymentCaptured.avsc", include_str!("../../../examples/payments/schemas/PaymentCaptured.avsc")),
    ("schemas/PaymentDeclined.avsc", include_str!("../../../examples/payments/schemas/PaymentDeclined.avsc")),
    ("schemas/PaymentInitiated.avsc", include_str!("../../../examples/payments/schemas/PaymentInitiated.avsc")),
    ("schemas/PaymentStatusChanged.avsc", include_str!("../../../examples/payments/schemas/PaymentStatusChanged.avsc")),
    ("schemas/PaymentUpdated.avsc", include_str!("../../../examples/payments/schemas/PaymentUpdated.avsc")),
    ("schemas/RefundIssued.avsc", include_str!("../../../examples/payments/schemas/RefundIssued.avsc")),
    ("schemas/RefundRequested.avsc", include_str!("../../../examples/payments/schemas/RefundRequested.avsc")),
    ("schemas/SendPaymentReceipt.avsc", include_str!("../../../examples/payments/schemas/SendPaymentReceipt.avsc")),
    (
        "schemas/history/PaymentAuthorized-2.0.0.avsc",
        include_str!("../../../examples/payments/schemas/history/PaymentAuthorized-2.0.0.avsc"),
    ),
];

const PRE_COMMIT: &str = "\
To lint on every commit, add to `.pre-commit-config.yaml`:

repos:
  - repo: https://github.com/OWNER/eventlint
    rev: v0.1.0
    hooks:
      - id: eventlint-against-head
";

/// Every file `init` writes, relative to the current directory.
fn files(args: &InitArgs) -> Vec<(String, String)> {
    let mut files =
        vec![("eventlint.toml".to_owned(), CONFIG.to_owned()), ("catalog.yaml".to_owned(), CATALOG.to_owned())];
    files.extend(Format::ALL.map(|format| (format!("{SCHEMA_DIR}/{}", format.file_name()), format.schema_json())));
    if args.example {
        files.extend(EXAMPLE.iter().map(|(path, text)| (format!("examples/payments/{path}"), (*text).to_owned())));
    }
    files
}

pub fn run(args: &InitArgs) -> Outcome {
    let files = files(args);
    let existing: Vec<&str> =
        files.iter().map(|(path, _)| path.as_str()).filter(|path| Path::new(path).exists()).collect();
    let mut stderr = std::io::stderr();
    if !existing.is_empty() && !args.force {
        let _ = writeln!(stderr, "error: `eventlint init` does not overwrite existing files:");
        for path in existing {
            let _ = writeln!(stderr, "  {path}");
        }
        let _ = writeln!(stderr, "  help: move them away, or pass `--force` to overwrite them");
        return Outcome::Failed;
    }
    for (path, text) in &files {
        let path = Path::new(path);
        let written = match path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            Some(dir) => std::fs::create_dir_all(dir).and_then(|()| std::fs::write(path, text)),
            None => std::fs::write(path, text),
        };
        if let Err(error) = written {
            let _ = writeln!(stderr, "error: cannot write `{}`: {error}", path.display());
            return Outcome::Failed;
        }
    }
    let mut stdout = std::io::stdout();
    let created = files.iter().map(|(path, _)| format!("  {path}\n")).collect::<String>();
    match write!(stdout, "wrote\n{created}\n{PRE_COMMIT}") {
        Ok(()) => Outcome::Clean,
        Err(_) => Outcome::Failed,
    }
}
