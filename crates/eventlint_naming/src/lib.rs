//! The naming classifier (rule catalogue §5): tokenises message names and decides their grammatical shape, so naming
//! and modelling rules can tell facts from instructions and states. No I/O, no runtime data files; builds for wasm32.
//!
//! ```
//! use eventlint_naming::{Shape, classify};
//!
//! let shape = classify("ItemAddedToCart");
//! assert_eq!(shape.shape, Shape::Past);
//! assert_eq!(shape.cue_token().map(|token| token.text.as_str()), Some("added"));
//! assert_eq!(shape.lemma.as_deref(), Some("add"));
//! assert_eq!(shape.subject_tokens().len(), 1);
//! ```

mod classify;
pub mod lexicon;
mod token;
pub mod vocab;

pub use classify::{Classification, Classifier, Shape, TokenIndex, classify};
pub use lexicon::{Lexicon, NamingOverlays, WordListOverlay};
pub use token::{Token, tokenize};
