//! The payments example (CLI spec §2.2): `PaymentAuthorized` 2.1.0 added `riskScore` without a default, so it cannot
//! read 2.0.0 records. The reader resolves `Money` from its own file; the 2.0.0 snapshot inlines it.

mod support;

use std::path::PathBuf;

use eventlint_compat::{IncompatibilityType, check};
use support::Sets;

#[test]
fn payment_authorized_cannot_read_version_2_0_0() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/payments/schemas");
    let read = |name: &str| std::fs::read_to_string(root.join(name));
    let (Ok(reader), Ok(money), Ok(writer)) =
        (read("PaymentAuthorized.avsc"), read("Money.avsc"), read("history/PaymentAuthorized-2.0.0.avsc"))
    else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "examples/payments not found at {}", root.display());
        eprintln!("skipped: examples/payments not found at {}", root.display());
        return;
    };
    let mut sets = Sets::default();
    let reader_index = sets.add(&[&reader, &money]);
    let writer_index = sets.add(&[&writer]);
    let result = check(sets.schema(reader_index), sets.schema(writer_index)).expect("answerable");
    let found: Vec<_> = result
        .incompatibilities
        .iter()
        .map(|found| (found.kind, found.location.as_str(), found.java_location.as_str(), found.message.as_str()))
        .collect();
    assert_eq!(found, [(IncompatibilityType::ReaderFieldMissingDefaultValue, "/fields/6", "/fields/6", "riskScore")]);
    let span = result.incompatibilities[0].reader_span;
    assert_eq!(&reader[span.start as usize..span.end as usize], "\"riskScore\"");
}
