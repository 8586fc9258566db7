//! Regenerates the committed word lists in `data/` from a WordNet 3.0 installation (lexicon build step, spec §5.2).
//!
//! Run: `cargo run -p eventlint_naming --example generate_lexicon -- /usr/share/wordnet crates/eventlint_naming/data`
//! (Debian package `wordnet-base`). The build itself never needs WordNet: it reads only the committed lists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [wordnet, out] = args.as_slice() else {
        eprintln!("usage: generate_lexicon <wordnet dir> <output data dir>");
        process::exit(2);
    };
    if let Err(message) = generate(Path::new(wordnet), Path::new(out)) {
        eprintln!("error: {message}");
        process::exit(1);
    }
}

pub fn generate(wordnet: &Path, out: &Path) -> Result<(), String> {
    let verbs = index_lemmas(&wordnet.join("index.verb"))?;
    let nouns = index_lemmas(&wordnet.join("index.noun"))?;
    let adjectives = index_lemmas(&wordnet.join("index.adj"))?;
    let past_forms = past_exceptions(&wordnet.join("verb.exc"), &verbs)?;

    let verbs_also_nouns: BTreeSet<&String> = verbs.intersection(&nouns).collect();
    let pure_adjectives: BTreeSet<&String> = adjectives.difference(&nouns).collect();

    write_list(&out.join("verbs.txt"), verbs.iter())?;
    write_list(&out.join("verbs-also-nouns.txt"), verbs_also_nouns.into_iter())?;
    write_list(&out.join("adjectives-not-nouns.txt"), pure_adjectives.into_iter())?;
    let pairs: Vec<String> = past_forms.iter().map(|(form, lemma)| format!("{form} {lemma}")).collect();
    write_list(&out.join("irregular-past.txt"), pairs.iter())
}

/// Single-word, lowercase ASCII lemmas of a WordNet `index.*` file (collocations and odd spellings dropped).
fn index_lemmas(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = read(path)?;
    Ok(text
        .lines()
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split(' ').next())
        .filter(|lemma| is_plain_word(lemma))
        .map(str::to_owned)
        .collect())
}

/// Past forms of `verb.exc` (`sent send`): `-ing` and third-person `-s` forms are dropped, as are lemmas that are not
/// single-word verbs. A form listed with several lemmas keeps the first in sort order.
fn past_exceptions(path: &Path, verbs: &BTreeSet<String>) -> Result<BTreeMap<String, String>, String> {
    let text = read(path)?;
    let mut pairs = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.split(' ');
        let (Some(form), Some(lemma)) = (fields.next(), fields.next()) else { continue };
        let is_present = form.ends_with("ing") || (form.ends_with('s') && form != "was");
        if is_present || !is_plain_word(form) || !verbs.contains(lemma) || form == lemma {
            continue;
        }
        pairs.entry(form.to_owned()).or_insert_with(|| lemma.to_owned());
    }
    Ok(pairs)
}

fn is_plain_word(word: &str) -> bool {
    word.len() > 1 && word.bytes().all(|b| b.is_ascii_lowercase())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|error| format!("cannot read `{}`: {error}", path.display()))
}

/// Writes one word per line in byte order, the order the lexicon's binary search expects.
fn write_list<'a>(path: &PathBuf, words: impl Iterator<Item = &'a String>) -> Result<(), String> {
    let mut sorted: Vec<&String> = words.collect();
    sorted.sort();
    sorted.dedup();
    let mut text = String::with_capacity(sorted.len() * 10);
    for word in sorted {
        text.push_str(word);
        text.push('\n');
    }
    fs::write(path, text).map_err(|error| format!("cannot write `{}`: {error}", path.display()))
}
