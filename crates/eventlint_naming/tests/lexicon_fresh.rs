//! Checks that the committed word lists in `data/` are exactly what the generator makes from WordNet 3.0.
//! Needs Debian's `wordnet-base` (`/usr/share/wordnet`), so it is ignored by default:
//! `cargo test -p eventlint_naming --test lexicon_fresh -- --ignored`.

#[allow(dead_code)]
#[path = "../examples/generate_lexicon.rs"]
mod generator;

use std::fs;
use std::path::Path;

#[test]
#[ignore = "needs /usr/share/wordnet from Debian's wordnet-base"]
fn committed_lists_match_the_generator() {
    let out = tempfile::tempdir().expect("temporary directory");
    generator::generate(Path::new("/usr/share/wordnet"), out.path()).expect("generate the lists");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["verbs.txt", "verbs-also-nouns.txt", "adjectives-not-nouns.txt", "irregular-past.txt"] {
        let fresh = fs::read_to_string(out.path().join(file)).expect("generated list");
        let committed = fs::read_to_string(data.join(file)).expect("committed list");
        assert!(fresh == committed, "`data/{file}` is stale: rerun examples/generate_lexicon.rs");
    }
}
