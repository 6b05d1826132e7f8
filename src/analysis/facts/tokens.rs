//! The fact finders read the article's document model ([`crate::text::doc`]): one
//! tokenizer, forms and lexicon flags computed once. This module only names those types
//! for the finders and keeps the word-level helpers (weekday, month) in one place.

pub use crate::text::doc::Word as Token;

/// Crude English stem of any word (lowercased first); see [`crate::text::doc::stem`].
pub fn stem(word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        let l = word.to_lowercase().replace('\u{2019}', "'");
        crate::text::doc::stem(&l)
    } else {
        crate::text::doc::stem(word)
    }
}

/// Words that carry no content for matching facts (`assets/lexicon/stopwords.txt`).
pub fn is_stopword(w: &str) -> bool {
    crate::analysis::lexicon::STOPWORDS.contains(w)
}

/// Weekday index (Monday = 0) of a weekday word (any case, possessive allowed).
pub fn weekday(w: &str) -> Option<u32> {
    let w = crate::analysis::lexicon::strip_possessive(w);
    if !(6..=9).contains(&w.len()) {
        return None;
    }
    WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(w))
        .map(|i| i as u32)
}

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn month(w: &str) -> Option<u32> {
    crate::analysis::lexicon::month_number(w)
}

/// Tokens of `text` for unit tests of the finders: a document model of `text` kept
/// alive for the test's duration.
#[cfg(test)]
pub fn tokenize(text: &str, span: crate::text::Span) -> Vec<Token<'static>> {
    let doc: &'static crate::text::doc::Doc<'static> = Box::leak(Box::new(
        crate::text::doc::Doc::new(Box::leak(text.to_string().into_boxed_str())),
    ));
    doc.words_in(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_in_any_case_and_possessive() {
        assert_eq!(weekday("Tuesday's"), Some(1));
        assert_eq!(weekday("SUNDAY"), Some(6));
        assert_eq!(weekday("Sundays"), None);
    }

    #[test]
    fn stems_fold_case() {
        assert_eq!(stem("Warned"), stem("warning"));
    }
}
