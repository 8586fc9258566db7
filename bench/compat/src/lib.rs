//! Empty library: this package only holds the side-by-side benchmark in `benches/`.
