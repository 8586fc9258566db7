//! "did you mean" suggestions for unknown keys, names and rule selectors.

/// The closest candidate by normalised edit distance, if it is close enough to be a likely typo; never `wrong` itself.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let normalise =
        |s: &str| s.chars().filter(|c| !matches!(c, '_' | '-')).flat_map(char::to_lowercase).collect::<String>();
    let wrong_norm = normalise(wrong);
    candidates
        .into_iter()
        .filter(|&candidate| candidate != wrong)
        .map(|candidate| {
            let candidate_norm = normalise(candidate);
            let score =
                if candidate_norm == wrong_norm { 1.0 } else { strsim::jaro_winkler(&wrong_norm, &candidate_norm) };
            (candidate, score)
        })
        .filter(|&(_, score)| score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(candidate, _)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_camel_case_for_snake_case() {
        let keys = ["maxAttempts", "mode", "backoff", "topics"];
        assert_eq!(did_you_mean("max_attempts", keys), Some("maxAttempts"));
        assert_eq!(did_you_mean("bakoff", keys), Some("backoff"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn never_suggests_the_name_itself() {
        assert_eq!(did_you_mean("mode", ["mode"]), None);
        assert_eq!(did_you_mean("mode", ["mode", "modes"]), Some("modes"));
    }
}
