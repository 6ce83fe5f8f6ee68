//! Name handling shared by the loader's suggestions and the query-side name resolution.

mod resolve;

pub use resolve::{Candidate, Match, Matching, NameIndex, ResolveError, Resolved};

use deunicode::deunicode;

/// Folds a name for matching: ASCII transliteration, lower case, punctuation and runs of
/// spaces collapsed to one space (`"Díaz-Canel"` and `"diaz canel"` fold alike).
///
/// ```
/// assert_eq!(whomet::names::fold("Kim Jong-un"), "kim jong un");
/// assert_eq!(whomet::names::fold("  Díaz–Canel, Miguel "), "diaz canel miguel");
/// ```
pub fn fold(name: &str) -> String {
    let ascii = deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' || c == '.' {
            // Apostrophes and dots join: "O'Neill" ~ "ONeill", "U.S." ~ "US".
        } else {
            pending_space = true;
        }
    }
    out
}

/// Similarity of two folded names in `0.0..=1.0` (Jaro-Winkler on the folded forms).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// The up to `limit` candidates closest to `needle`, best first, ties by candidate text;
/// only those similar enough to be a plausible typo are kept.
pub fn closest<'a>(
    needle: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let folded = fold(needle);
    let mut scored: Vec<(f64, &'a str)> = candidates
        .into_iter()
        .map(|c| (similarity(&folded, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Formats suggestions as ` (did you mean "a" or "b"?)`, or nothing when there are none.
pub fn did_you_mean(suggestions: &[&str]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!(" (did you mean \"{one}\"?)"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("\"{s}\"")).collect();
            let (last, rest) = quoted.split_last().expect("non-empty");
            format!(" (did you mean {} or {last}?)", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Díaz-Canel"), fold("diaz canel"));
        assert_eq!(fold("KIM JONG-UN"), "kim jong un");
        assert_eq!(fold("Ri Su-yong"), "ri su yong");
    }

    #[test]
    fn suggests_near_ids() {
        let ids = ["kim-jong-un", "kim-yong-nam", "kim-yong-chol", "xi-jinping"];
        assert_eq!(closest("kim-jong-uun", ids, 3)[0], "kim-jong-un");
        assert!(closest("zzzz", ids, 3).is_empty());
        assert_eq!(
            did_you_mean(&["a", "b", "c"]),
            " (did you mean \"a\", \"b\" or \"c\"?)"
        );
    }
}
