//! Whole-crate tests: the examples of the repository and the executable rule pages.

mod compat;
mod conformance;
mod demonstrations;
mod doc_examples;
mod engine;
mod examples;
mod ordering;
mod precision;
