//! Stable finding identities: SHA-256 of rule, file and logical path, never line numbers (CLI spec §5.2).

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// `fingerprint = hex(first 16 bytes of SHA-256("eventlint-fp/1\n" + rule + "\n" + file + "\n" + path [+ "\n#n"]))`.
pub fn fingerprint(rule: &str, file: &str, logical_path: &str, duplicate: usize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"eventlint-fp/1\n");
    hasher.update(rule.as_bytes());
    hasher.update(b"\n");
    hasher.update(file.as_bytes());
    hasher.update(b"\n");
    hasher.update(logical_path.as_bytes());
    if duplicate > 0 {
        hasher.update(format!("\n#{duplicate}").as_bytes());
    }
    hasher.finalize()[..16].iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Hands out fingerprints in output order, numbering the n-th repeat of one (rule, file, path) so all stay unique.
#[derive(Default)]
pub struct Fingerprinter {
    seen: HashMap<(String, String, String), usize>,
}

impl Fingerprinter {
    pub fn next(&mut self, rule: &str, file: &str, logical_path: &str) -> String {
        let count = self.seen.entry((rule.to_owned(), file.to_owned(), logical_path.to_owned())).or_insert(0);
        let fp = fingerprint(rule, file, logical_path, *count);
        *count += 1;
        fp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_cli_spec_example() {
        assert_eq!(
            fingerprint("key-mismatch-with-topic", "payments.catalog.yaml", "/messages/PaymentStatusChanged/key", 0),
            "7b60849218570f4b7ad817e97e470e52"
        );
    }

    #[test]
    fn repeats_get_distinct_fingerprints() {
        let mut fp = Fingerprinter::default();
        let first = fp.next("r", "f", "/p");
        let second = fp.next("r", "f", "/p");
        assert_ne!(first, second);
        assert_eq!(second, fingerprint("r", "f", "/p", 1));
    }
}
