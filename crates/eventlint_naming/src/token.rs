//! Splits a message name into lowercase word tokens with byte ranges (spec §5.1), so rules can compare words and
//! underline the cue token in the original name.

use std::ops::Range;

/// One lowercase word of a name and where it sits in the original name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word, lowercased.
    pub text: String,
    /// Byte range of the word in the name that was tokenised.
    pub span: Range<usize>,
}

/// Tokenises a name written in PascalCase, camelCase, snake_case, kebab-case, dotted or slashed form.
///
/// Version segments and version tokens (`v2`, `V10`, `1.0.0`, a trailing number) are dropped. An Avro full name keeps
/// only its last segment when that segment holds two or more words; other dotted or slashed names keep their last
/// three segments.
pub fn tokenize(name: &str) -> Vec<Token> {
    let segments: Vec<Vec<Token>> = split_segments(name)
        .filter(|(_, segment)| !is_version_segment(segment))
        .map(|(offset, segment)| split_words(segment, offset))
        .filter(|words| !words.is_empty())
        .collect();
    match segments.last() {
        Some(last) if last.len() >= 2 => last.clone(),
        _ => segments.into_iter().rev().take(3).rev().flatten().collect(),
    }
}

/// Segments between `.` and `/`, with their byte offsets.
fn split_segments(name: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    name.split(['.', '/']).map(move |segment| {
        let start = offset;
        offset += segment.len() + 1;
        (start, segment)
    })
}

fn is_version_segment(segment: &str) -> bool {
    let digits = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharKind {
    Upper,
    Lower,
    Digit,
}

fn char_kind(c: char) -> Option<CharKind> {
    if c.is_ascii_digit() {
        Some(CharKind::Digit)
    } else if c.is_uppercase() {
        Some(CharKind::Upper)
    } else if c.is_alphanumeric() {
        Some(CharKind::Lower)
    } else {
        None
    }
}

/// Splits one segment into words: at separators, lower→upper, letter↔digit, and before the capitalised word that
/// follows an acronym (`HTTPRequest`). A plural acronym stays whole (`IDs`). Version tokens are dropped.
fn split_words(segment: &str, offset: usize) -> Vec<Token> {
    let chars: Vec<(usize, char, Option<CharKind>)> =
        segment.char_indices().map(|(at, c)| (at, c, char_kind(c))).collect();
    let kind_at = |i: usize| chars.get(i).and_then(|&(_, _, kind)| kind);
    let mut pieces: Vec<(Range<usize>, bool)> = Vec::new(); // (range, glued to the previous piece)
    let mut start: Option<usize> = None;
    let mut glued = false;
    for (i, &(at, _, kind)) in chars.iter().enumerate() {
        let Some(kind) = kind else {
            if let Some(begin) = start.take() {
                pieces.push((begin..at, glued));
            }
            glued = false;
            continue;
        };
        if let Some(begin) = start {
            let previous = kind_at(i.wrapping_sub(1));
            let boundary = match (previous, kind) {
                (Some(CharKind::Lower), CharKind::Upper) => true,
                (Some(CharKind::Digit), CharKind::Upper | CharKind::Lower) => true,
                (Some(CharKind::Upper | CharKind::Lower), CharKind::Digit) => true,
                (Some(CharKind::Upper), CharKind::Upper) => {
                    kind_at(i + 1) == Some(CharKind::Lower) && !is_plural_acronym_end(&chars, i + 1)
                }
                _ => false,
            };
            if boundary {
                pieces.push((begin..at, glued));
                glued = true;
                start = Some(at);
            }
        } else {
            start = Some(at);
        }
    }
    if let Some(begin) = start {
        pieces.push((begin..segment.len(), glued));
    }
    drop_version_pieces(segment, pieces)
        .into_iter()
        .filter_map(|(range, _)| {
            let text = segment.get(range.clone())?.to_lowercase();
            Some(Token { text, span: range.start + offset..range.end + offset })
        })
        .collect()
}

/// `IDs`: a lone lowercase `s` after an acronym, followed by a non-lowercase character or the end.
fn is_plural_acronym_end(chars: &[(usize, char, Option<CharKind>)], i: usize) -> bool {
    matches!(chars.get(i), Some((_, 's', _))) && !matches!(chars.get(i + 1), Some((_, _, Some(CharKind::Lower))))
}

/// Drops `v` + number pieces (`OrderV2Created`, `order_v2`) and a trailing number (`OrderPlaced2`).
fn drop_version_pieces(segment: &str, pieces: Vec<(Range<usize>, bool)>) -> Vec<(Range<usize>, bool)> {
    let text = |range: &Range<usize>| segment.get(range.clone()).unwrap_or("");
    let is_number = |range: &Range<usize>| text(range).bytes().all(|b| b.is_ascii_digit());
    let mut kept: Vec<(Range<usize>, bool)> = Vec::with_capacity(pieces.len());
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        let is_v = text(&piece.0).eq_ignore_ascii_case("v");
        if is_v && iter.peek().is_some_and(|next| next.1 && is_number(&next.0)) {
            iter.next();
            continue;
        }
        kept.push(piece);
    }
    if kept.len() > 1 && kept.last().is_some_and(|(range, _)| is_number(range)) {
        kept.pop();
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expect: &str) {
        let tokens = tokenize(name);
        let words: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
        assert_eq!(words.join(" "), expect, "{name}");
        for token in &tokens {
            let original = name.get(token.span.clone()).map(str::to_lowercase);
            assert_eq!(original.as_deref(), Some(token.text.as_str()), "{name}: span of {token:?}");
        }
    }

    #[test]
    fn cases_and_separators() {
        check("OrderPlaced", "order placed");
        check("orderPlaced", "order placed");
        check("order_placed", "order placed");
        check("order-placed", "order placed");
        check("ORDER_PLACED", "order placed");
        check("Order Placed", "order placed");
        check("payment_id", "payment id");
        check("", "");
        check("___", "");
    }

    #[test]
    fn acronyms() {
        check("HTTPRequestSent", "http request sent");
        check("CashWithdrawnFromATM", "cash withdrawn from atm");
        check("UserIDsMerged", "user ids merged");
        check("APIKeyRotated", "api key rotated");
        check("URL", "url");
    }

    #[test]
    fn digits_and_versions() {
        check("OrderV2Created", "order created");
        check("OrderPlacedV2", "order placed");
        check("order_placed_v10", "order placed");
        check("OrderPlaced2", "order placed");
        check("S3ObjectCreated", "s 3 object created");
        check("Step2Completed", "step 2 completed");
        check("V2", "");
        check("release v 2", "release v");
    }

    #[test]
    fn segments() {
        check("com.acme.shipping.ShipmentDispatched", "shipment dispatched");
        check("com.acme.shipping.v1.ShipmentDispatched", "shipment dispatched");
        check("google.cloud.storage.object.v1.finalized", "storage object finalized");
        check("mediawiki/page/delete", "mediawiki page delete");
        check("orders.1.0.0", "orders");
        check("shipment.dispatched", "shipment dispatched");
    }

    #[test]
    fn non_ascii_never_breaks_spans() {
        check("CaféOpened", "café opened");
        check("Ünterschrift_geändert", "ünterschrift geändert");
        check("注文Created", "注文 created");
    }
}
