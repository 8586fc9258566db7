//! The Avro name grammar (spec 1.12 "Names"), ASCII only, and a fix-up that suggests a valid spelling.

/// A name part, field name or enum symbol: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// A namespace: empty (the null namespace) or dot-separated valid names.
pub fn is_valid_namespace(namespace: &str) -> bool {
    namespace.is_empty() || namespace.split('.').all(is_valid_name)
}

/// A full name: a valid name, optionally preceded by a namespace and a dot.
pub fn is_valid_full_name(full_name: &str) -> bool {
    full_name.split('.').all(is_valid_name)
}

/// A valid name close to `name` (`ship-date` → `shipDate`, `Café` → `Cafe`, `1abc` → `_1abc`), if one can be made.
pub(crate) fn suggest_name(name: &str) -> Option<String> {
    let mut suggestion = String::new();
    let mut capitalise_next = false;
    for c in name.chars() {
        let folded = fold_accent(c);
        match folded {
            Some(letters) => {
                for letter in letters.chars() {
                    if capitalise_next && !suggestion.is_empty() {
                        suggestion.push(letter.to_ascii_uppercase());
                    } else {
                        suggestion.push(letter);
                    }
                    capitalise_next = false;
                }
            }
            None => capitalise_next = true,
        }
    }
    if suggestion.starts_with(|c: char| c.is_ascii_digit()) {
        suggestion.insert(0, '_');
    }
    (is_valid_name(&suggestion) && suggestion != name).then_some(suggestion)
}

/// The ASCII spelling of a name character (`é` → `e`), or `None` for a separator.
fn fold_accent(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() || c == '_' {
        return Some(c.to_string());
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => return None,
    };
    Some(folded.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_is_ascii_and_namespaces_reject_empty_or_digit_segments() {
        assert!(is_valid_name("_a1") && is_valid_name("A"));
        assert!(!is_valid_name("") && !is_valid_name("1a") && !is_valid_name("a-b") && !is_valid_name("Café"));
        assert!(is_valid_namespace("") && is_valid_namespace("com.acme"));
        assert!(!is_valid_namespace("a..b") && !is_valid_namespace("1a.b") && !is_valid_namespace(".a"));
        assert!(is_valid_full_name("a.b.C") && !is_valid_full_name("a.b.") && !is_valid_full_name(""));
    }

    #[test]
    fn suggestions_are_valid_names() {
        assert_eq!(suggest_name("ship-date").as_deref(), Some("shipDate"));
        assert_eq!(suggest_name("Café").as_deref(), Some("Cafe"));
        assert_eq!(suggest_name("1abc").as_deref(), Some("_1abc"));
        assert_eq!(suggest_name("Shipment Dispatched").as_deref(), Some("ShipmentDispatched"));
        assert_eq!(suggest_name("---"), None);
    }
}
