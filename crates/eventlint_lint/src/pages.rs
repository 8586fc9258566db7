//! The rule pages (`rules/<name>.md`): `build.rs` embeds them as one deflated stream (uncompressed, they would be a
//! fifth of the playground's module), inflated once on first use.

use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/rule-pages.rs"));

static PAGES: LazyLock<String> = LazyLock::new(|| {
    let deflated = include_bytes!(concat!(env!("OUT_DIR"), "/rule-pages.deflate"));
    // `build.rs` wrote the stream, so it inflates; were it corrupt, no pages would beat a panic.
    miniz_oxide::inflate::decompress_to_vec(deflated)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
});

/// The page of rule `name`, empty when `rules/` has none.
pub(crate) fn page(name: &str) -> &'static str {
    let Ok(index) = PAGE_RANGES.binary_search_by(|(page, ..)| page.cmp(&name)) else { return "" };
    let (_, start, end) = PAGE_RANGES[index];
    PAGES.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_the_files_of_rules() {
        assert_eq!(page("clickbait-event"), include_str!("../../../rules/clickbait-event.md"));
        assert_eq!(page("alias-collision"), include_str!("../../../rules/alias-collision.md"));
        assert_eq!(page("unknown-rule"), "");
    }
}
