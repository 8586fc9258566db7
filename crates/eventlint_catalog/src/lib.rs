//! The eventlint catalog: the model of services, topics, groups, messages, constraints and the Event Modeling
//! layer (catalog-format.md), and the loader that merges every catalog file into one resolved model.

mod model;
mod vocab;

pub use model::*;
