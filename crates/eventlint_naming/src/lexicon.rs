//! The classifier's word lists (spec §5.2): WordNet-derived lists compiled in from `data/`, the curated overlays,
//! and the `[naming]` configuration that extends or replaces the overlays.
//!
//! The WordNet lists are sorted, newline-separated text, embedded deflated (`build.rs`), inflated once on first use
//! and searched in place by binary search.

use std::cmp::Ordering;
use std::sync::LazyLock;

/// A word list of `data/`, deflated by `build.rs`.
macro_rules! deflated_list {
    ($file:literal) => {
        LazyLock::new(|| inflate(include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".deflate"))))
    };
}

/// Single-word verb lemmas from WordNet 3.0 `index.verb`.
static WORDNET_VERBS: LazyLock<String> = deflated_list!("verbs.txt");
/// WordNet verb lemmas that are also noun lemmas (`order`, `page`, `initiate`).
static VERBS_ALSO_NOUNS: LazyLock<String> = deflated_list!("verbs-also-nouns.txt");
/// WordNet adjective lemmas that are not noun lemmas (`helpful`, `unavailable`, `pending`).
static ADJECTIVES_NOT_NOUNS: LazyLock<String> = deflated_list!("adjectives-not-nouns.txt");
/// `form lemma` pairs of irregular past forms from WordNet `verb.exc` (`sent send`, `withdrawn withdraw`).
static IRREGULAR_PAST: LazyLock<String> = deflated_list!("irregular-past.txt");

/// The text of a list that `build.rs` deflated; it cannot be corrupt, but an empty list would beat a panic.
fn inflate(deflated: &[u8]) -> String {
    miniz_oxide::inflate::decompress_to_vec(deflated)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// Software verbs WordNet lacks (curated overlay `extra-verbs`).
pub const EXTRA_VERBS: &[&str] = &[
    "autofill",
    "backfill",
    "checkout",
    "deprovision",
    "dequeue",
    "enqueue",
    "login",
    "logout",
    "offboard",
    "onboard",
    "prefill",
    "provision",
    "reauthorize",
    "rebook",
    "reindex",
    "relist",
    "reopen",
    "reprice",
    "reroute",
    "reschedule",
    "resend",
    "resubmit",
    "resync",
    "rollback",
    "signin",
    "signout",
    "signup",
    "unarchive",
    "unassign",
    "undelete",
    "unflag",
    "unfollow",
    "unlink",
    "unlist",
    "unpause",
    "unpublish",
    "unsubscribe",
    "upsert",
];

/// `-ed` words that are not participles in names (curated overlay `not-past`).
pub const NOT_PAST: &[&str] = &[
    "advanced", "based", "bed", "detailed", "embed", "feed", "hundred", "limited", "need", "nested", "red", "related",
    "seed", "shed", "speed",
];

/// Verbs whose past participle is the base form (`PasswordReset`, `LimitSet`). WordNet's `verb.exc` omits them
/// because they need no exception. Nouns that share the spelling (`cost`, `offset`, `spread`, `bid`) are left out.
pub const SAME_FORM_PASTS: &[&str] =
    &["cut", "hit", "let", "preset", "put", "quit", "read", "reset", "set", "shut", "split", "upset"];

/// Verbs that almost always start a command (curated overlay `command-verbs`).
pub const COMMAND_VERBS: &[&str] = &[
    "accept",
    "activate",
    "add",
    "adjust",
    "allocate",
    "amend",
    "apply",
    "approve",
    "archive",
    "assign",
    "attach",
    "authenticate",
    "authorise",
    "authorize",
    "block",
    "book",
    "calculate",
    "cancel",
    "capture",
    "change",
    "charge",
    "check",
    "checkout",
    "claim",
    "clear",
    "close",
    "collect",
    "complete",
    "compute",
    "confirm",
    "connect",
    "convert",
    "correct",
    "create",
    "deactivate",
    "decline",
    "decrement",
    "deduct",
    "delete",
    "deliver",
    "deny",
    "deploy",
    "deposit",
    "deprovision",
    "dequeue",
    "detach",
    "disable",
    "disconnect",
    "dispatch",
    "downgrade",
    "download",
    "edit",
    "enable",
    "enqueue",
    "enrol",
    "enroll",
    "evaluate",
    "execute",
    "export",
    "extend",
    "fetch",
    "finalise",
    "finalize",
    "flag",
    "fulfil",
    "fulfill",
    "generate",
    "grant",
    "handle",
    "hold",
    "import",
    "increment",
    "initiate",
    "insert",
    "install",
    "invalidate",
    "invite",
    "issue",
    "join",
    "lock",
    "login",
    "logout",
    "mark",
    "merge",
    "migrate",
    "modify",
    "move",
    "notify",
    "onboard",
    "open",
    "pause",
    "pay",
    "place",
    "process",
    "provision",
    "publish",
    "purge",
    "reactivate",
    "reassign",
    "rebuild",
    "recalculate",
    "receive",
    "redeem",
    "refresh",
    "refund",
    "register",
    "reindex",
    "reissue",
    "reject",
    "release",
    "remind",
    "remove",
    "rename",
    "renew",
    "reopen",
    "replace",
    "reprocess",
    "request",
    "reschedule",
    "resend",
    "reserve",
    "reset",
    "resolve",
    "restart",
    "restore",
    "resubmit",
    "resume",
    "retry",
    "revert",
    "revoke",
    "rollback",
    "rotate",
    "run",
    "save",
    "schedule",
    "send",
    "set",
    "settle",
    "share",
    "ship",
    "signup",
    "start",
    "stop",
    "submit",
    "subscribe",
    "suspend",
    "sync",
    "terminate",
    "transfer",
    "trigger",
    "unassign",
    "unblock",
    "uninstall",
    "unlink",
    "unlock",
    "unpublish",
    "unsubscribe",
    "update",
    "upgrade",
    "upload",
    "upsert",
    "validate",
    "verify",
    "void",
    "vote",
    "withdraw",
];

/// Words that name a condition rather than an event (curated overlay `condition-words`). `active` is added to the
/// spec's list because WordNet also lists it as a noun, which would otherwise hide `AccountActive`.
pub const CONDITION_WORDS: &[&str] = &[
    "active",
    "available",
    "busy",
    "due",
    "empty",
    "exceeded",
    "full",
    "high",
    "idle",
    "insufficient",
    "invalid",
    "late",
    "low",
    "missing",
    "offline",
    "online",
    "overdue",
    "ready",
    "stale",
    "unavailable",
];

/// Particles that may follow a participle (`ItemAddedToCart`, `UserSignedUp`).
pub const PARTICLES: &[&str] = &[
    "after", "against", "as", "at", "back", "before", "by", "down", "during", "for", "from", "in", "into", "off", "on",
    "onto", "out", "over", "to", "up", "via", "with", "within", "without",
];

/// A list that the `[naming]` configuration extends, or replaces when `replace` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordListOverlay {
    words: Vec<String>,
    replace: bool,
}

impl WordListOverlay {
    /// Adds `words` to the built-in list.
    pub fn extend<I: IntoIterator<Item = S>, S: AsRef<str>>(words: I) -> Self {
        Self::new(words, false)
    }

    /// Uses `words` instead of the built-in list.
    pub fn replace<I: IntoIterator<Item = S>, S: AsRef<str>>(words: I) -> Self {
        Self::new(words, true)
    }

    fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(words: I, replace: bool) -> Self {
        let mut words: Vec<String> = words.into_iter().map(|word| word.as_ref().to_lowercase()).collect();
        words.sort_unstable();
        words.dedup();
        Self { words, replace }
    }

    fn contains(&self, builtin: &[&str], word: &str) -> bool {
        self.words.binary_search_by(|probe| probe.as_str().cmp(word)).is_ok()
            || (!self.replace && builtin.binary_search(&word).is_ok())
    }
}

/// The `[naming]` overlays (spec §6.2): each extends or replaces one curated list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamingOverlays {
    pub extra_verbs: WordListOverlay,
    pub command_verbs: WordListOverlay,
    pub not_past: WordListOverlay,
    pub condition_words: WordListOverlay,
}

/// Word lookups with the `[naming]` overlays applied. [`Lexicon::default`] is the built-in lexicon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    overlays: NamingOverlays,
}

impl Lexicon {
    pub fn new(overlays: NamingOverlays) -> Self {
        Self { overlays }
    }

    /// A verb lemma: WordNet or `extra-verbs`.
    pub fn is_verb(&self, word: &str) -> bool {
        contains_line(&WORDNET_VERBS, word) || self.overlays.extra_verbs.contains(EXTRA_VERBS, word)
    }

    /// A verb lemma that WordNet does not also list as a noun (`create`, `submit`, but not `order`).
    pub fn is_verb_not_noun(&self, word: &str) -> bool {
        self.is_verb(word) && !contains_line(&VERBS_ALSO_NOUNS, word)
    }

    pub fn is_command_verb(&self, word: &str) -> bool {
        self.overlays.command_verbs.contains(COMMAND_VERBS, word)
    }

    pub fn is_condition_word(&self, word: &str) -> bool {
        self.overlays.condition_words.contains(CONDITION_WORDS, word)
    }

    pub fn is_not_past(&self, word: &str) -> bool {
        self.overlays.not_past.contains(NOT_PAST, word)
    }

    /// The lemma of a past participle or past tense form (`placed` → `place`, `sent` → `send`, `cancelled` →
    /// `cancel`), following spec §5.3 step 1 without the position test.
    pub fn past_lemma(&self, word: &str) -> Option<String> {
        if self.is_not_past(word) {
            return None;
        }
        if let Some(lemma) = irregular_past_lemma(word).filter(|lemma| self.is_verb(lemma)) {
            return Some(lemma.to_owned());
        }
        if SAME_FORM_PASTS.binary_search(&word).is_ok() {
            return Some(word.to_owned());
        }
        let stem = word.strip_suffix("ed")?;
        let candidates = [
            stem.to_owned(),
            format!("{stem}e"),
            word.strip_suffix("ied").map(|stem| format!("{stem}y")).unwrap_or_default(),
            undouble(stem).unwrap_or_default().to_owned(),
        ];
        candidates.into_iter().find(|candidate| !candidate.is_empty() && self.is_verb(candidate))
    }

    /// The verb of a progressive form (`processing` → `process`, `shipping` → `ship`, `saving` → `save`).
    pub fn progressive_lemma(&self, word: &str) -> Option<String> {
        let stem = word.strip_suffix("ing")?;
        let candidates = [stem.to_owned(), format!("{stem}e"), undouble(stem).unwrap_or_default().to_owned()];
        candidates.into_iter().find(|candidate| candidate.len() > 1 && self.is_verb(candidate))
    }
}

/// The lemma of an irregular past form from WordNet `verb.exc` (`paid` → `pay`).
pub fn irregular_past_lemma(word: &str) -> Option<&'static str> {
    find_line(&IRREGULAR_PAST, word).and_then(|line| line.split(' ').nth(1))
}

/// An adjective that WordNet does not also list as a noun (`helpful`, `unavailable`; not `active`).
pub fn is_adjective_not_noun(word: &str) -> bool {
    contains_line(&ADJECTIVES_NOT_NOUNS, word)
}

pub fn is_particle(word: &str) -> bool {
    PARTICLES.binary_search(&word).is_ok()
}

/// An `-ly` adverb that may follow a participle (`RoomReservedTentatively`).
pub fn is_ly_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly")
}

/// `shipp` → `ship`, `cancell` → `cancel`: drops a doubled final consonant.
fn undouble(stem: &str) -> Option<&str> {
    let bytes = stem.as_bytes();
    match bytes {
        [.., a, b] if a == b && a.is_ascii_alphabetic() && !b"aeiou".contains(a) => stem.get(..stem.len() - 1),
        _ => None,
    }
}

fn contains_line(list: &str, word: &str) -> bool {
    find_line(list, word).is_some()
}

/// Binary search in sorted, newline-terminated text for the line whose first space-separated field is `key`.
fn find_line<'a>(list: &'a str, key: &str) -> Option<&'a str> {
    let bytes = list.as_bytes();
    // `low` and `high` always sit on line starts (or the end of the text).
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = bytes.get(low..middle)?.iter().rposition(|&b| b == b'\n').map_or(low, |at| low + at + 1);
        let end = bytes.get(start..high)?.iter().position(|&b| b == b'\n').map_or(high, |at| start + at);
        let line = list.get(start..end)?;
        let field = line.split(' ').next().unwrap_or(line);
        match field.cmp(key) {
            Ordering::Equal => return Some(line),
            Ordering::Less => low = end + 1,
            Ordering::Greater => high = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(list: &str) -> Vec<&str> {
        list.lines().collect()
    }

    #[test]
    fn every_embedded_list_is_sorted_unique_and_lowercase() {
        for list in
            [&WORDNET_VERBS, &VERBS_ALSO_NOUNS, &ADJECTIVES_NOT_NOUNS, &IRREGULAR_PAST].map(|list| list.as_str())
        {
            let keys: Vec<&str> = lines(list).iter().map(|line| line.split(' ').next().unwrap_or(line)).collect();
            assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "list out of order near {:?}", keys.first());
            assert!(keys.iter().all(|key| key.bytes().all(|b| b.is_ascii_lowercase())));
            assert!(list.ends_with('\n'));
        }
        for list in [EXTRA_VERBS, NOT_PAST, SAME_FORM_PASTS, COMMAND_VERBS, CONDITION_WORDS, PARTICLES] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "curated list out of order: {list:?}");
        }
    }

    #[test]
    fn embedded_lists_inflate_to_the_committed_files() {
        assert_eq!(*WORDNET_VERBS, include_str!("../data/verbs.txt"));
        assert_eq!(*VERBS_ALSO_NOUNS, include_str!("../data/verbs-also-nouns.txt"));
        assert_eq!(*ADJECTIVES_NOT_NOUNS, include_str!("../data/adjectives-not-nouns.txt"));
        assert_eq!(*IRREGULAR_PAST, include_str!("../data/irregular-past.txt"));
    }

    #[test]
    fn binary_search_finds_every_line_and_nothing_else() {
        for list in [&WORDNET_VERBS, &VERBS_ALSO_NOUNS, &IRREGULAR_PAST].map(|list| list.as_str()) {
            for line in lines(list) {
                assert_eq!(find_line(list, line.split(' ').next().unwrap_or(line)), Some(line));
            }
        }
        for absent in ["", "a", "zzzz", "placedd", "createx", "aaa"] {
            assert_eq!(find_line(&WORDNET_VERBS, absent), None, "{absent}");
        }
    }

    fn check_past(word: &str, expect: Option<&str>) {
        assert_eq!(Lexicon::default().past_lemma(word).as_deref(), expect, "{word}");
    }

    #[test]
    fn past_lemmas() {
        check_past("placed", Some("place"));
        check_past("applied", Some("apply"));
        check_past("shipped", Some("ship"));
        check_past("cancelled", Some("cancel"));
        check_past("canceled", Some("cancel"));
        check_past("sent", Some("send"));
        check_past("paid", Some("pay"));
        check_past("built", Some("build"));
        check_past("held", Some("hold"));
        check_past("withdrawn", Some("withdraw"));
        check_past("reset", Some("reset"));
        check_past("created", Some("create"));
        check_past("requested", Some("request"));
        check_past("need", None);
        check_past("based", None);
        check_past("nested", None);
        check_past("order", None);
        check_past("ed", None);
    }

    fn check_progressive(word: &str, expect: Option<&str>) {
        assert_eq!(Lexicon::default().progressive_lemma(word).as_deref(), expect, "{word}");
    }

    #[test]
    fn progressive_lemmas() {
        check_progressive("processing", Some("process"));
        check_progressive("shipping", Some("ship"));
        check_progressive("saving", Some("save"));
        check_progressive("thing", None);
        check_progressive("ing", None);
    }

    #[test]
    fn overlays_extend_or_replace() {
        let lexicon = Lexicon::new(NamingOverlays {
            extra_verbs: WordListOverlay::extend(["Geocode"]),
            command_verbs: WordListOverlay::replace(["order"]),
            ..NamingOverlays::default()
        });
        assert!(lexicon.is_verb("geocode"));
        assert!(lexicon.is_verb("checkout"));
        assert!(lexicon.is_command_verb("order"));
        assert!(!lexicon.is_command_verb("submit"));
        assert!(!Lexicon::default().is_verb("geocode"));
    }

    #[test]
    fn parts_of_speech() {
        let lexicon = Lexicon::default();
        assert!(lexicon.is_verb_not_noun("create"));
        assert!(!lexicon.is_verb_not_noun("order"));
        assert!(is_adjective_not_noun("helpful"));
        assert!(!is_adjective_not_noun("active"));
        assert_eq!(irregular_past_lemma("sent"), Some("send"));
        assert_eq!(irregular_past_lemma("sending"), None);
    }
}
