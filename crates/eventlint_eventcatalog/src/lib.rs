//! EventCatalog folders as eventlint catalogs (catalog-format §17, avro-compat §4.5).
//!
//! Teams that document their messages with EventCatalog keep one folder per resource: `events/<Name>/index.mdx`
//! (also `commands/`, `queries/`, nested under `services/` or `domains/`), `services/<Name>/index.mdx`,
//! `channels/<Name>/index.mdx`, `domains/<Name>/index.mdx`, and older versions as copies in
//! `<Name>/versioned/<version>/index.mdx`. This crate reads their YAML frontmatter with eventlint's span-aware parser
//! and writes it as eventlint catalog trees, one per current page, whose nodes keep the spans of the frontmatter.
//! The catalog loader (`eventlint_catalog::load_model`) then reads those trees like any catalog file, so the model,
//! its load errors and every rule are the same; versioned copies become `history` entries of their message, each
//! with its own schema file. No I/O: the caller hands the files' text in `Sources`.
//!
//! EventCatalog accepts many keys eventlint has no use for; they are ignored. Pages without frontmatter, or whose
//! frontmatter has no `version`, are not EventCatalog resources (a documentation site's `index.md`) and are skipped.

mod page;
mod translate;

pub use page::{Collection, PagePath, page_path};
pub use translate::import;

#[cfg(test)]
mod tests;
