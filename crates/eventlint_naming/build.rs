//! Deflates the WordNet word lists of `data/` into `OUT_DIR`: the lexicon embeds them compressed (a third of their
//! size), which keeps the playground's WebAssembly module within its budget.

use std::path::Path;
use std::{env, fs};

const LISTS: [&str; 4] = ["verbs.txt", "verbs-also-nouns.txt", "adjectives-not-nouns.txt", "irregular-past.txt"];

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for list in LISTS {
        let source = Path::new("data").join(list);
        println!("cargo::rerun-if-changed={}", source.display());
        let text = fs::read(&source).unwrap_or_else(|error| panic!("cannot read `{}`: {error}", source.display()));
        let deflated = miniz_oxide::deflate::compress_to_vec(&text, 10);
        fs::write(Path::new(&out).join(format!("{list}.deflate")), deflated).expect("write to OUT_DIR");
    }
}
