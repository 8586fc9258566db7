//! The eventlint catalog: the model of services, topics, groups, messages, constraints and the Event Modeling
//! layer (catalog-format.md), and the loader that merges every catalog file into one resolved model.

mod facts;
mod load;
mod model;
mod vocab;

pub use load::{NameKind, check_key_path, check_name, load_catalogs, load_model};
pub use model::*;
