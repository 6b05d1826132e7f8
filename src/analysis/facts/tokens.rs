//! Word tokens with byte spans, and the small word-level helpers every fact finder uses
//! (stems, capitalisation, function words).

use crate::text::Span;

/// One word, number or punctuation mark of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// The token as written.
    pub text: String,
    /// Lowercased, curly apostrophes made straight.
    pub lower: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
    pub fn is_punct(&self) -> bool {
        !self.is_word()
    }
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn is_number(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '.' | ',' | '\u{2011}')
}

/// Splits `text[span]` into tokens. Words keep inner hyphens and apostrophes
/// ("long-haul", "don't"); numbers keep inner separators ("1,050", "6.2").
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = b;
        let mut j = i + 1;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if is_joiner(cj) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                    // '.' and ',' join only digits ("1,050"); '-' and apostrophes join words.
                    let digit_sep = matches!(cj, '.' | ',');
                    if digit_sep && !(numeric && chars[j + 1].1.is_ascii_digit()) {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let end = if j < chars.len() { chars[j].0 } else { s.len() };
        let t = &s[start..end];
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            text: t.to_string(),
            lower: t.to_lowercase().replace('\u{2019}', "'"),
        });
        i = j;
    }
    out
}

/// Crude English stem: enough to match warned/warning/warn, cancelled/cancel.
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase().replace('\u{2019}', "'");
    let w = w.strip_suffix("'s").unwrap_or(&w).to_string();
    let n = w.chars().count();
    if n <= 3 {
        return w;
    }
    for suf in [
        "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s",
    ] {
        if let Some(base) = w.strip_suffix(suf)
            && base.chars().count() >= 3
        {
            let mut b = base.to_string();
            if suf == "ies" || suf == "ied" {
                b.push('y');
            }
            // cancelled -> cancel, travelled -> travel
            let bytes = b.as_bytes();
            if bytes.len() >= 4
                && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
                && matches!(
                    bytes[bytes.len() - 1],
                    b'l' | b'p' | b't' | b'n' | b'g' | b'm'
                )
            {
                b.pop();
            }
            return b.trim_end_matches('e').to_string();
        }
    }
    w.trim_end_matches('e').to_string()
}

/// Words that carry no content for matching facts.
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "as"
            | "that"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "it's"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "said"
            | "says"
            | "say"
            | "told"
            | "tell"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "her"
            | "them"
            | "us"
            | "his"
            | "their"
            | "our"
            | "my"
            | "your"
            | "who"
            | "which"
            | "what"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "than"
            | "then"
            | "there"
            | "here"
            | "also"
            | "about"
            | "into"
            | "over"
            | "under"
            | "up"
            | "down"
            | "out"
            | "off"
            | "so"
            | "if"
            | "not"
            | "no"
            | "none"
            | "never"
            | "nobody"
            | "neither"
            | "nor"
            | "all"
            | "any"
            | "some"
            | "more"
            | "most"
            | "other"
            | "such"
            | "only"
            | "just"
            | "very"
            | "one"
            | "per"
            | "cent"
            | "percent"
            | "according"
            | "added"
            | "because"
            | "still"
            | "already"
            | "yet"
            | "now"
            | "until"
            | "since"
            | "around"
            | "during"
            | "through"
            | "between"
            | "each"
            | "every"
            | "own"
            | "same"
            | "much"
            | "many"
            | "mr"
            | "ms"
            | "mrs"
            | "dr"
            | "new"
    )
}

/// Weekday index (Monday = 0) of a weekday word.
pub fn weekday(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w = w.strip_suffix("'s").unwrap_or(&w).replace('\u{2019}', "'");
    let w = w.strip_suffix("'s").unwrap_or(&w);
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .position(|d| *d == w)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn keeps_numbers_and_hyphenated_words() {
        assert_eq!(
            words("cancel 1,050 long-haul flights, don't."),
            vec!["cancel", "1,050", "long-haul", "flights", ",", "don't", "."]
        );
        assert_eq!(words("6.2 metres."), vec!["6.2", "metres", "."]);
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(stem("warned"), stem("warning"));
        assert_eq!(stem("cancelled"), stem("cancel"));
        assert_eq!(stem("flights"), stem("flight"));
    }
}
