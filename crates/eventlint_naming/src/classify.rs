//! Decides the grammatical shape of a message name (spec §5.3): past fact, state, progressive, instruction, bare
//! verb or noun phrase, with the cue token, its lemma and the subject tokens that rules read.

use std::ops::Range;

use crate::lexicon::{Lexicon, is_adjective_not_noun, is_ly_adverb, is_particle};
use crate::token::{Token, tokenize};

/// Index of a token in [`Classification::tokens`].
pub type TokenIndex = usize;

/// The grammatical shape of a name, in the order the classifier tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A past participle or past tense, last or before a particle or `-ly` adverb: `OrderPlaced`, `UserSignedUp`.
    Past,
    /// A condition or adjective at the end, or a condition before a particle: `InventoryLow`, `OrderReadyForShipping`.
    StateAdjective,
    /// A last token in `-ing` whose stem is a verb: `OrderProcessing`.
    Progressive,
    /// A command verb first, or a verb that is not a noun first: `PlaceOrder`, `submit-review`.
    Imperative,
    /// A verb that is not a noun last (object-action style): `order-create`, `mediawiki/page/delete`.
    BaseVerb,
    /// Anything else: `PageView`, `OrderStatus`, `Shipment`.
    NounPhrase,
}

impl Shape {
    /// The kebab-case name used in evidence notes and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Past => "past",
            Shape::StateAdjective => "state-adjective",
            Shape::Progressive => "progressive",
            Shape::Imperative => "imperative",
            Shape::BaseVerb => "base-verb",
            Shape::NounPhrase => "noun-phrase",
        }
    }
}

/// What the classifier says about one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub shape: Shape,
    /// The name's tokens (spec §5.1).
    pub tokens: Vec<Token>,
    /// The token that decided the shape: the participle, the state word, the verb. `None` for a noun phrase.
    pub cue: Option<TokenIndex>,
    /// The cue's lemma: `place` for `placed`, `send` for `sent`, `process` for `processing`, the word itself for a
    /// state word or a base verb. `None` for a noun phrase.
    pub lemma: Option<String>,
    /// The subject tokens: those before the cue (spec §3.2), or every token of a noun phrase.
    pub subject: Range<TokenIndex>,
}

impl Classification {
    pub fn cue_token(&self) -> Option<&Token> {
        self.cue.and_then(|index| self.tokens.get(index))
    }

    pub fn subject_tokens(&self) -> &[Token] {
        self.tokens.get(self.subject.clone()).unwrap_or_default()
    }

    /// The tokens after the cue (`to cart` in `ItemAddedToCart`); empty without a cue.
    pub fn tokens_after_cue(&self) -> &[Token] {
        self.cue.and_then(|index| self.tokens.get(index + 1..)).unwrap_or_default()
    }
}

/// The naming classifier with its lexicon. Build it once per run and share it; classifying does not mutate it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classifier {
    lexicon: Lexicon,
}

impl Classifier {
    pub fn new(lexicon: Lexicon) -> Self {
        Self { lexicon }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Classifies one name (spec §5.3).
    pub fn classify(&self, name: &str) -> Classification {
        let tokens = tokenize(name);
        let words: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
        let (shape, cue, lemma) = self.shape_of(&words);
        let subject = match cue {
            Some(index) => 0..index,
            None => 0..tokens.len(),
        };
        Classification { shape, tokens, cue, lemma, subject }
    }

    fn shape_of(&self, words: &[&str]) -> (Shape, Option<TokenIndex>, Option<String>) {
        let found = |shape, index: usize, lemma: String| (shape, Some(index), Some(lemma));
        if let Some((index, lemma)) = self.past_cue(words) {
            return found(Shape::Past, index, lemma);
        }
        if let Some(index) = self.state_cue(words) {
            return found(Shape::StateAdjective, index, words.get(index).copied().unwrap_or_default().to_owned());
        }
        let last = words.len().checked_sub(1);
        let last_word = last.and_then(|index| words.get(index).copied());
        if let (Some(index), Some(lemma)) = (last, last_word.and_then(|word| self.lexicon.progressive_lemma(word))) {
            return found(Shape::Progressive, index, lemma);
        }
        if let Some(&first) = words.first() {
            let verb_first = words.len() >= 2 && self.lexicon.is_verb_not_noun(first);
            if self.lexicon.is_command_verb(first) || verb_first {
                return found(Shape::Imperative, 0, first.to_owned());
            }
        }
        if let (Some(index), Some(word)) = (last, last_word)
            && self.lexicon.is_verb_not_noun(word)
        {
            return found(Shape::BaseVerb, index, word.to_owned());
        }
        (Shape::NounPhrase, None, None)
    }

    /// Step 1: the rightmost past form that ends the name or precedes a particle or an `-ly` adverb.
    fn past_cue(&self, words: &[&str]) -> Option<(TokenIndex, String)> {
        words.iter().enumerate().rev().find_map(|(index, word)| {
            let next = words.get(index + 1);
            let in_position = next.is_none_or(|next| is_particle(next) || is_ly_adverb(next));
            if !in_position {
                return None;
            }
            self.lexicon.past_lemma(word).map(|lemma| (index, lemma))
        })
    }

    /// Step 2: a condition or a pure adjective at the end, or a condition word before a particle.
    fn state_cue(&self, words: &[&str]) -> Option<TokenIndex> {
        let first = words.first()?;
        if words.len() < 2 || self.lexicon.is_command_verb(first) {
            return None;
        }
        let last = words.len() - 1;
        let last_word = words.get(last)?;
        if self.lexicon.is_condition_word(last_word) || is_adjective_not_noun(last_word) {
            return Some(last);
        }
        words.windows(2).position(|pair| self.lexicon.is_condition_word(pair[0]) && is_particle(pair[1]))
    }
}

/// Classifies `name` with the built-in lexicon. Rules that honour `[naming]` overlays use a [`Classifier`].
pub fn classify(name: &str) -> Classification {
    Classifier::default().classify(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{NamingOverlays, WordListOverlay};

    /// Renders a classification as `shape cue=<word> lemma=<lemma> subject=<words> after=<words>`.
    fn render(shape: &Classification) -> String {
        let words = |tokens: &[Token]| tokens.iter().map(|token| token.text.as_str()).collect::<Vec<_>>().join(" ");
        format!(
            "{} cue={} lemma={} subject=[{}] after=[{}]",
            shape.shape.as_str(),
            shape.cue_token().map_or("-", |token| token.text.as_str()),
            shape.lemma.as_deref().unwrap_or("-"),
            words(shape.subject_tokens()),
            words(shape.tokens_after_cue()),
        )
    }

    fn check(name: &str, expect: &str) {
        assert_eq!(render(&classify(name)), expect, "{name}");
    }

    #[test]
    fn past_with_subject_and_lemma() {
        check("OrderPlaced", "past cue=placed lemma=place subject=[order] after=[]");
        check("CustomerBalanceUpdated", "past cue=updated lemma=update subject=[customer balance] after=[]");
        check("ItemAddedToCart", "past cue=added lemma=add subject=[item] after=[to cart]");
        check("ParcelHeldAtCustoms", "past cue=held lemma=hold subject=[parcel] after=[at customs]");
        check("NotificationSent", "past cue=sent lemma=send subject=[notification] after=[]");
        check("OrderCancelled", "past cue=cancelled lemma=cancel subject=[order] after=[]");
        check("PaymentApplied", "past cue=applied lemma=apply subject=[payment] after=[]");
        check("PasswordReset", "past cue=reset lemma=reset subject=[password] after=[]");
        check("Confirmed", "past cue=confirmed lemma=confirm subject=[] after=[]");
    }

    #[test]
    fn other_shapes_with_subject_and_lemma() {
        check("InventoryLow", "state-adjective cue=low lemma=low subject=[inventory] after=[]");
        check("OrderReadyForShipping", "state-adjective cue=ready lemma=ready subject=[order] after=[for shipping]");
        check("OrderProcessing", "progressive cue=processing lemma=process subject=[order] after=[]");
        check("PlaceOrder", "imperative cue=place lemma=place subject=[] after=[order]");
        check("order-create", "base-verb cue=create lemma=create subject=[order] after=[]");
        check("OrderStatus", "noun-phrase cue=- lemma=- subject=[order status] after=[]");
        check("", "noun-phrase cue=- lemma=- subject=[] after=[]");
    }

    #[test]
    fn single_tokens() {
        check("Submit", "imperative cue=submit lemma=submit subject=[] after=[]");
        check("Create", "imperative cue=create lemma=create subject=[] after=[]");
        check("Low", "noun-phrase cue=- lemma=- subject=[low] after=[]");
        check("Status", "noun-phrase cue=- lemma=- subject=[status] after=[]");
    }

    #[test]
    fn cue_span_points_into_the_name() {
        let name = "com.acme.HTTPRequestSent";
        let shape = classify(name);
        let span = shape.cue_token().map(|token| token.span.clone());
        assert_eq!(span.and_then(|span| name.get(span)), Some("Sent"));
    }

    #[test]
    fn overlays_change_the_shape() {
        let classifier = Classifier::new(Lexicon::new(NamingOverlays {
            command_verbs: WordListOverlay::extend(["order"]),
            not_past: WordListOverlay::extend(["Shipped"]),
            condition_words: WordListOverlay::extend(["blocked"]),
            extra_verbs: WordListOverlay::extend(["geocode"]),
        }));
        let shape_of = |name: &str| classifier.classify(name).shape;
        assert_eq!(shape_of("OrderPizza"), Shape::Imperative);
        assert_eq!(classify("OrderPizza").shape, Shape::NounPhrase);
        assert_eq!(shape_of("ParcelShipped"), Shape::NounPhrase);
        assert_eq!(shape_of("AddressGeocoded"), Shape::Past);
        assert_eq!(classify("AddressGeocoded").shape, Shape::NounPhrase);
        assert_eq!(shape_of("UserBlockedFromChat"), Shape::Past);
        let replaced = Classifier::new(Lexicon::new(NamingOverlays {
            command_verbs: WordListOverlay::replace(["order"]),
            ..NamingOverlays::default()
        }));
        assert_eq!(replaced.classify("SubmitOrder").shape, Shape::Imperative, "submit is a verb but not a noun");
        assert_eq!(replaced.classify("BookCarrier").shape, Shape::NounPhrase, "book is no longer a command verb");
    }

    #[test]
    fn odd_input_never_panics() {
        let pieces =
            ["", "A", "a", "1", "V", "v2", ".", "/", "_", "-", " ", "é", "É", "ß", "注", "ed", "ing", "IDs", "\u{0}"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let name = format!("{a}{b}{c}");
                    let shape = classify(&name);
                    for token in &shape.tokens {
                        assert!(name.get(token.span.clone()).is_some(), "{name:?}: {token:?}");
                    }
                    assert!(shape.subject.end <= shape.tokens.len());
                }
            }
        }
    }
}
