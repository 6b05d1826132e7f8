//! Word lists shipped as data files under `assets/lexicon/` and compiled into the binary
//! (nothing is read at run time). One entry per line, `#` starts a comment.

use once_cell::sync::Lazy;
use std::collections::HashSet;

/// Lines of a lexicon file: trimmed, without blanks and comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A set of lexicon entries, looked up case-insensitively (entries are lowercase,
/// except the given-name lists, which are kept as written and also lowercased).
pub struct WordSet {
    words: HashSet<String>,
}

impl WordSet {
    fn from(data: &'static str) -> Self {
        WordSet {
            words: entries(data).map(|w| w.to_lowercase()).collect(),
        }
    }

    /// Whether `word` (any case, possessive `'s` ignored) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let w = strip_possessive(word);
        if w.bytes().all(|b| !b.is_ascii_uppercase()) && w.is_ascii() {
            return self.words.contains(w);
        }
        self.words.contains(&w.to_lowercase())
    }
}

/// `union's` -> `union`, `Jones’` -> `Jones`.
pub fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(s) = w.strip_suffix(suffix)
            && !s.is_empty()
        {
            return s;
        }
    }
    w
}

pub static CUE_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/cue_verbs.txt")));
pub static CUE_PHRASES: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    entries(include_str!("../../assets/lexicon/cue_phrases.txt"))
        .map(|l| l.split_whitespace().collect())
        .collect()
});
pub static TITLES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/titles.txt")));
pub static ORG_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/org_heads.txt")));
pub static FEMALE_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/given_names_female.txt")));
pub static MALE_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/given_names_male.txt")));
pub static STOP_CAPS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/stop_caps.txt")));
pub static NOMINAL_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/nominal_heads.txt")));
pub static REPORTING_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/reporting_verbs.txt")));
pub static SCARE_CUES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/scare_cues.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_and_match_case_insensitively() {
        assert!(CUE_VERBS.contains("said"));
        assert!(CUE_VERBS.contains("Told"));
        assert!(TITLES.contains("Minister"));
        assert!(ORG_HEADS.contains("ministry's"));
        assert!(FEMALE_NAMES.contains("Anna"));
        assert!(MALE_NAMES.contains("Tomáš"));
        assert!(!CUE_VERBS.contains("table"));
    }
}
