//! Limits on hostile input (catalog-format §1, `[limits]` in `eventlint.toml`): exceeding one is `load/limit-exceeded`.

/// Bounds every parser enforces so that no input can hang eventlint or exhaust its memory or stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_depth: usize,
    pub max_expanded_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 16 * 1024 * 1024, max_depth: 128, max_expanded_nodes: 1_000_000 }
    }
}
