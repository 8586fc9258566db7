//! Closed vocabularies (`blocking | topics`) as Rust enums that the reader can parse with a did-you-mean.

/// An enum whose values are spelled by a fixed list of words.
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every word with its value, in the order the format documents them.
    const WORDS: &'static [(&'static str, Self)];

    fn from_word(word: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(w, _)| *w == word).map(|&(_, value)| value)
    }

    fn words() -> impl Iterator<Item = &'static str> {
        Self::WORDS.iter().map(|&(word, _)| word)
    }
}

/// Declares an enum with its spellings: `vocabulary! { pub enum RetryMode { Blocking = "blocking", … } }`.
///
/// The enum gets `Vocabulary`, `as_str` and `Display`.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::Vocabulary for $name {
            const WORDS: &'static [(&'static str, Self)] = &[$(($word, $name::$variant)),+];
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
