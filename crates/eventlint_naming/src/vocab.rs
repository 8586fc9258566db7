//! Default word lists of the rules that read name shapes (modelling and style rules), kept beside the classifier so
//! rules share one copy. Each list is the default of a rule option; rules that let users change it take a
//! `Vec<String>` seeded from these constants.

/// `crud-sourcing` option `crud-verbs`: lemmas of row-change events.
pub const CRUD_VERBS: &[&str] =
    &["change", "create", "delete", "insert", "modify", "patch", "save", "update", "upsert"];

/// `crud-sourcing`: CRUD lemmas that hide what happened (+1 signal).
pub const HIDING_VERBS: &[&str] = &["change", "modify", "patch", "save", "update"];

/// `state-obsession` gate: lemmas that report a new state.
pub const STATE_CHANGE_VERBS: &[&str] = &["adjust", "change", "modify", "set", "update"];

/// `property-sourcing` candidates: lemmas of a per-property edit.
pub const PROPERTY_CHANGE_VERBS: &[&str] = &["change", "modify", "set", "update"];

/// `state-obsession` option `state-nouns`.
pub const STATE_NOUNS: &[&str] = &[
    "amount",
    "balance",
    "capacity",
    "count",
    "inventory",
    "level",
    "limit",
    "points",
    "quantity",
    "score",
    "state",
    "status",
    "stock",
    "total",
];

/// `state-obsession` option `cause-words`: last tokens of a field that records a cause.
pub const CAUSE_WORDS: &[&str] = &["cause", "channel", "kind", "reason", "source", "trigger", "type"];

/// `passive-aggressive-event` option `name-cues`: last tokens that read as a request.
pub const REQUEST_CUES: &[&str] = &["due", "needed", "pending", "requested", "required"];

/// `missing-subject-id` option `id-suffixes`.
pub const ID_SUFFIXES: &[&str] = &["code", "id", "key", "number", "ref"];

fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

pub fn is_crud_verb(lemma: &str) -> bool {
    contains(CRUD_VERBS, lemma)
}

pub fn is_hiding_verb(lemma: &str) -> bool {
    contains(HIDING_VERBS, lemma)
}

pub fn is_state_change_verb(lemma: &str) -> bool {
    contains(STATE_CHANGE_VERBS, lemma)
}

pub fn is_property_change_verb(lemma: &str) -> bool {
    contains(PROPERTY_CHANGE_VERBS, lemma)
}

pub fn is_state_noun(word: &str) -> bool {
    contains(STATE_NOUNS, word)
}

pub fn is_cause_word(word: &str) -> bool {
    contains(CAUSE_WORDS, word)
}

pub fn is_request_cue(word: &str) -> bool {
    contains(REQUEST_CUES, word)
}

pub fn is_id_suffix(word: &str) -> bool {
    contains(ID_SUFFIXES, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            CRUD_VERBS,
            HIDING_VERBS,
            STATE_CHANGE_VERBS,
            PROPERTY_CHANGE_VERBS,
            STATE_NOUNS,
            CAUSE_WORDS,
            REQUEST_CUES,
            ID_SUFFIXES,
        ] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
    }

    #[test]
    fn predicates() {
        assert!(is_crud_verb("upsert") && !is_crud_verb("cancel"));
        assert!(is_hiding_verb("update") && !is_hiding_verb("create"));
        assert!(is_state_change_verb("adjust") && !is_state_change_verb("create"));
        assert!(is_property_change_verb("set") && !is_property_change_verb("adjust"));
        assert!(is_state_noun("balance") && !is_state_noun("address"));
        assert!(is_cause_word("reason") && !is_cause_word("amount"));
        assert!(is_request_cue("requested") && !is_request_cue("placed"));
        assert!(is_id_suffix("ref") && !is_id_suffix("name"));
    }
}
