//! The features an article is matched on: names (capitalised tokens and entity names,
//! folded), salient content words and numbers. Common words are left to the index's
//! document frequencies to down-weight; only function words are dropped here.

use crate::analysis::ArticleAnalysis;
use crate::analysis::names;
use crate::ingest::Article;
use std::collections::{BTreeSet, HashSet};

/// What kind of evidence a feature is; names weigh most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeatureKind {
    Name,
    Number,
    Term,
}

impl FeatureKind {
    pub fn weight(self) -> f64 {
        match self {
            FeatureKind::Name => 2.0,
            FeatureKind::Number => 1.5,
            FeatureKind::Term => 1.0,
        }
    }

    fn prefix(self) -> char {
        match self {
            FeatureKind::Name => 'n',
            FeatureKind::Number => '#',
            FeatureKind::Term => 'w',
        }
    }

    pub fn of_key(key: &str) -> FeatureKind {
        match key.as_bytes().first() {
            Some(b'n') => FeatureKind::Name,
            Some(b'#') => FeatureKind::Number,
            _ => FeatureKind::Term,
        }
    }
}

/// Function words and news boilerplate: never features. Weekdays and months carry
/// time, which is compared separately, not as shared vocabulary.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "neither",
    "never",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "said",
    "says",
    "say",
    "saying",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "mr",
    "mrs",
    "ms",
    "dr",
    "added",
    "week",
    "weeks",
    "year",
    "years",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "first",
    "second",
    "third",
    "time",
    "people",
    "told",
    "statement",
    "reporters",
    "news",
    "reported",
    "report",
    "reports",
    "according",
    "including",
    "there",
    "would",
    "could",
];

fn is_stopword(folded: &str) -> bool {
    use once_cell::sync::Lazy;
    static SET: Lazy<HashSet<&'static str>> = Lazy::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(folded)
}

/// A crude plural strip so "miners"/"miner" and "talks"/"talk" meet.
fn stem(word: &str) -> &str {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

struct Token<'a> {
    text: &'a str,
    sentence_start: bool,
}

/// Splits text into word tokens (letters/digits, with inner apostrophes, hyphens and
/// digit separators kept), noting which start a sentence or line.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut at_start = true;
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_joiner = matches!(c, '\'' | '\u{2019}' | '-' | ',' | '.');
        let word_char = c.is_alphanumeric();
        if word_char {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            // "1,200" and "3.5" stay one token; "don't" and "Saint-Denis" too.
            let prev = text[..i].chars().next_back();
            let digit_sep = matches!(c, ',' | '.')
                && prev.is_some_and(|p| p.is_ascii_digit())
                && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
            let word_sep = matches!(c, '\'' | '\u{2019}' | '-');
            if inner_joiner && next_is_word && (digit_sep || word_sep) {
                continue;
            }
            out.push(Token {
                text: &text[s..i],
                sentence_start: at_start,
            });
            start = None;
            at_start = false;
        }
        if matches!(
            c,
            '.' | '!' | '?' | '\n' | ':' | ';' | '\u{2014}' | '|' | '#' | '-'
        ) {
            at_start = true;
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            sentence_start: at_start,
        });
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn number_key(word: &str) -> Option<String> {
    if !word.chars().next()?.is_ascii_digit() {
        return None;
    }
    let digits: String = word
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    // Single digits are everywhere; they say nothing about the event.
    (digits.len() >= 2).then(|| digits.to_string())
}

/// The feature keys of one article (each a kind prefix plus a folded form), deduplicated.
pub fn extract(article: &Article, analysis: &ArticleAnalysis) -> Vec<String> {
    let mut feats: BTreeSet<String> = BTreeSet::new();
    let mut add = |kind: FeatureKind, s: &str| {
        feats.insert(format!("{}:{}", kind.prefix(), s));
    };
    let title = article.title.as_deref().unwrap_or("");
    let mut text = String::with_capacity(title.len() + article.text.len() + 2);
    // The title is often also the text's first line; a second copy adds nothing.
    if !article.text.starts_with(title) {
        text.push_str(title);
        text.push('\n');
    }
    text.push_str(&article.text);
    let toks = tokens(&text);
    // Words capitalised mid-sentence are names wherever they appear capitalised.
    let mid_caps: HashSet<String> = toks
        .iter()
        .filter(|t| !t.sentence_start && is_capitalised(t.text))
        .map(|t| names::fold(t.text))
        .collect();
    for t in &toks {
        if let Some(n) = number_key(t.text) {
            add(FeatureKind::Number, &n);
            continue;
        }
        let folded = names::fold(t.text);
        if folded.chars().count() < 2 || is_stopword(&folded) {
            continue;
        }
        let capital = is_capitalised(t.text);
        if capital && (!t.sentence_start || mid_caps.contains(&folded)) {
            add(FeatureKind::Name, &folded);
        } else {
            // Terms keep their spelling: the name folding's ue/oe rules would mangle words.
            let lower = t.text.to_lowercase();
            if lower.len() >= 4 && lower.chars().all(char::is_alphabetic) {
                add(FeatureKind::Term, stem(&lower));
            }
        }
    }
    for e in &analysis.entities {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            for part in names::fold(name).split(' ') {
                if part.chars().count() >= 2 && !is_stopword(part) {
                    add(FeatureKind::Name, part);
                }
            }
        }
    }
    feats.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            id: "a".into(),
            path: "a".into(),
            format: crate::ingest::Format::Txt,
            title: None,
            source: None,
            published: None,
            url: None,
            text: text.into(),
            warnings: vec![],
        }
    }

    #[test]
    fn names_terms_and_numbers() {
        let f = extract(
            &article(
                "Rescuers reached the shaft. The crew met Ola Nordmann in Bergen, 1,200 metres down.",
            ),
            &ArticleAnalysis::default(),
        );
        assert!(f.contains(&"n:bergen".to_string()));
        assert!(f.contains(&"n:nordmann".to_string()));
        assert!(f.contains(&"#:1200".to_string()) || f.contains(&"#:1,200".to_string()));
        assert!(f.contains(&"w:rescuer".to_string()), "{f:?}");
        assert!(f.contains(&"w:metre".to_string()));
        assert!(!f.iter().any(|x| x.ends_with(":the")));
    }

    #[test]
    fn sentence_initial_capital_is_a_name_only_if_seen_mid_sentence() {
        let f = extract(
            &article("Oslo agreed. Floods hit the coast near Oslo."),
            &ArticleAnalysis::default(),
        );
        assert!(f.contains(&"n:oslo".to_string()));
        assert!(f.contains(&"w:flood".to_string()));
    }
}
