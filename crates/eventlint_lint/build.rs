//! Deflates the rule pages (`rules/<name>.md`) into `OUT_DIR` as one stream, with a table of where each page lies in
//! the inflated text: deflated, they shrink from 298 KB to 44 KB, which keeps the playground's WebAssembly module
//! within its budget.

use std::path::Path;
use std::{env, fs};

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let rules = Path::new("../../rules");
    println!("cargo::rerun-if-changed={}", rules.display());
    let mut pages: Vec<(String, String)> = fs::read_dir(rules)
        .expect("read rules/")
        .map(|entry| entry.expect("list rules/").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .map(|path| {
            let name = path.file_stem().and_then(|stem| stem.to_str()).expect("UTF-8 page name").to_owned();
            let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("read `{}`: {error}", path.display()));
            (name, text)
        })
        .collect();
    pages.sort();
    let mut text = String::new();
    let mut table = String::from(
        "/// Each page's rule name and byte range in the inflated text, by name.\nconst PAGE_RANGES: &[(&str, usize, usize)] = &[\n",
    );
    for (name, page) in &pages {
        table.push_str(&format!("    ({name:?}, {}, {}),\n", text.len(), text.len() + page.len()));
        text.push_str(page);
    }
    table.push_str("];\n");
    fs::write(Path::new(&out).join("rule-pages.rs"), table).expect("write to OUT_DIR");
    let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
    fs::write(Path::new(&out).join("rule-pages.deflate"), deflated).expect("write to OUT_DIR");
}
