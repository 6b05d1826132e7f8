//! The document model the fact finders read: every token of an article from the one
//! tokenizer ([`super::tokenize`]), with its lowercase form, its stem and its lexicon
//! flags computed once per article, so no later stage lowercases, stems or looks a word
//! up again.

use super::{Span, Token, TokenKind, tokenize};
use crate::analysis::lexicon;

/// Lexicon flags of one token (bits of [`Word::flags`]).
pub mod flag {
    /// A function word that carries no content for matching facts (`stopwords.txt`).
    pub const STOP: u16 = 1;
    /// A negation word ("not", "never", "didn't"; `negations.txt` or an `n't` ending).
    pub const NEGATION: u16 = 1 << 1;
    /// Starts with a digit ("1,050", "9.30am", "2-1").
    pub const NUMBER: u16 = 1 << 2;
    /// First character uppercase.
    pub const CAP: u16 = 1 << 3;
    /// Letters, digits (not punctuation).
    pub const WORD: u16 = 1 << 4;
}

/// One token with the forms every stage needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    /// As written.
    pub text: &'a str,
    /// Lowercased, curly apostrophes made straight.
    pub lower: &'a str,
    /// Crude English stem of the lowercase form ([`stem`]).
    pub stem: &'a str,
    pub flags: u16,
}

/// An article's tokens and their forms (lowercase and stems live in one arena each).
pub struct Doc<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    arena: String,
    /// Per token: lowercase range and stem range in `arena`.
    forms: Vec<(u32, u32, u32, u32)>,
    flags: Vec<u16>,
}

impl<'t> Doc<'t> {
    /// Tokenizes `text` once and computes every token's forms.
    pub fn new(text: &'t str) -> Self {
        let tokens = tokenize(text, Span::new(0, text.len()));
        let mut arena = String::with_capacity(text.len() * 2);
        let mut forms = Vec::with_capacity(tokens.len());
        let mut flags = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let w = t.text(text);
            let l0 = arena.len();
            push_lower(&mut arena, w);
            let l1 = arena.len();
            let lower = &arena[l0..l1];
            let f = word_flags(t, w, lower);
            // the stem is a prefix of the lowercase form, or that prefix plus "y"
            let (keep, add_y) = stem_parts(lower);
            let (s0, s1) = if add_y {
                let s0 = arena.len();
                arena.extend_from_within(l0..l0 + keep);
                arena.push('y');
                (s0, arena.len())
            } else {
                (l0, l0 + keep)
            };
            forms.push((l0 as u32, l1 as u32, s0 as u32, s1 as u32));
            flags.push(f);
        }
        Doc {
            text,
            tokens,
            arena,
            forms,
            flags,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens themselves (span, word or punctuation, capitalised), as the tokenizer
    /// gave them.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Token `i` with its forms.
    pub fn word(&self, i: usize) -> Word<'_> {
        let t = self.tokens[i];
        let (l0, l1, s0, s1) = self.forms[i];
        Word {
            span: t.span,
            text: t.text(self.text),
            lower: &self.arena[l0 as usize..l1 as usize],
            stem: &self.arena[s0 as usize..s1 as usize],
            flags: self.flags[i],
        }
    }

    /// The tokens lying inside `span` (a sentence, a clause), in order.
    pub fn words_in(&self, span: Span) -> Vec<Word<'_>> {
        let a = self.tokens.partition_point(|t| t.span.start < span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        // sized once (the filter hides the count from `collect`): called per sentence
        let mut out = Vec::with_capacity(b - a);
        out.extend(
            (a..b)
                .filter(|&i| self.tokens[i].span.end <= span.end)
                .map(|i| self.word(i)),
        );
        out
    }
}

impl Word<'_> {
    pub fn is_word(&self) -> bool {
        self.flags & flag::WORD != 0
    }
    pub fn is_punct(&self) -> bool {
        !self.is_word()
    }
    pub fn is_capitalized(&self) -> bool {
        self.flags & flag::CAP != 0
    }
    pub fn is_number(&self) -> bool {
        self.flags & flag::NUMBER != 0
    }
    pub fn is_stop(&self) -> bool {
        self.flags & flag::STOP != 0
    }
    pub fn is_negation(&self) -> bool {
        self.flags & flag::NEGATION != 0
    }
}

fn push_lower(out: &mut String, w: &str) {
    if w.is_ascii() {
        // copied whole, then lowercased in place: no per-char push
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in w.chars() {
        if c == '\u{2019}' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn word_flags(t: &Token, w: &str, lower: &str) -> u16 {
    let mut f = 0;
    if t.kind == TokenKind::Word {
        f |= flag::WORD;
        if t.cap {
            f |= flag::CAP;
        }
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            f |= flag::NUMBER;
        }
        if lexicon::STOPWORDS.contains(lower) {
            f |= flag::STOP;
        }
        if lexicon::NEGATIONS.contains(lower) || lower.ends_with("n't") {
            f |= flag::NEGATION;
        }
    }
    f
}

/// Crude English stem of a lowercase word: enough to match warned/warning/warn,
/// cancelled/cancel.
pub fn stem(w: &str) -> String {
    let (keep, add_y) = stem_parts(w);
    let mut s = String::with_capacity(keep + 1);
    s.push_str(&w[..keep]);
    if add_y {
        s.push('y');
    }
    s
}

/// [`stem`] without allocating: the stem is the first `keep` bytes of `w`, followed by
/// "y" when `add_y` ("parties" -> "party").
fn stem_parts(w: &str) -> (usize, bool) {
    let w = w.strip_suffix("'s").unwrap_or(w);
    let n = w.chars().count();
    if n <= 3 {
        return (w.len(), false);
    }
    for suf in [
        "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s",
    ] {
        if let Some(base) = w.strip_suffix(suf)
            && base.chars().count() >= 3
        {
            if suf == "ies" || suf == "ied" {
                // ends in "y": no doubled consonant to drop, no "e" to trim
                return (base.len(), true);
            }
            // cancelled -> cancel, travelled -> travel
            let bytes = base.as_bytes();
            let mut b = base;
            if bytes.len() >= 4
                && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
                && matches!(
                    bytes[bytes.len() - 1],
                    b'l' | b'p' | b't' | b'n' | b'g' | b'm'
                )
            {
                b = &base[..base.len() - 1];
            }
            return (b.trim_end_matches('e').len(), false);
        }
    }
    (w.trim_end_matches('e').len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_forms_and_flags_computed_once() {
        let d = Doc::new("The U.S. Board didn’t approve 1,050 new Posts.");
        let w: Vec<Word> = d.words_in(Span::new(0, d.text().len()));
        let texts: Vec<&str> = w.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            [
                "The", "U.S.", "Board", "didn’t", "approve", "1,050", "new", "Posts", "."
            ]
        );
        assert_eq!(w[3].lower, "didn't");
        assert!(w[3].is_negation() && !w[4].is_negation());
        assert!(w[0].is_stop() && w[0].is_capitalized() && !w[2].is_stop());
        assert!(w[5].is_number() && w[5].is_word());
        assert!(w[8].is_punct());
        assert_eq!(w[7].stem, "post");
    }

    #[test]
    fn words_in_keeps_to_the_span() {
        let d = Doc::new("One two. Three four.");
        let w: Vec<&str> = d
            .words_in(Span::new(9, 20))
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["Three", "four", "."]);
    }

    #[test]
    fn doc_stems_equal_stem_of_the_lowercase_form() {
        let d = Doc::new("Parties studied the Committee's filings; Ministries cancelled fees.");
        for i in 0..d.len() {
            let w = d.word(i);
            assert_eq!(w.stem, stem(w.lower), "{}", w.text);
        }
        let stems: Vec<&str> = (0..d.len()).map(|i| d.word(i).stem).collect();
        assert_eq!(stems[0], "party");
        assert_eq!(stems[1], "study");
        assert_eq!(stems[6], "ministry");
        assert_eq!(stems[7], "cancel");
    }

    #[test]
    fn each_spelling_keeps_its_own_case_flags_and_forms() {
        let d = Doc::new("Not parties. not Parties, parties didn't.");
        let w: Vec<Word> = (0..d.len()).map(|i| d.word(i)).collect();
        assert_eq!((w[0].lower, w[0].stem), ("not", "not"));
        assert!(w[0].is_capitalized() && w[0].is_negation());
        assert!(!w[3].is_capitalized() && w[3].is_negation());
        assert_eq!((w[4].text, w[4].stem), ("Parties", "party"));
        assert_eq!((w[6].text, w[6].lower), ("parties", "parties"));
        assert_eq!(w[1].span, Span::new(4, 11));
        assert_eq!(w[6].span, Span::new(26, 33));
        assert!(w[7].is_negation() && w[8].is_punct());
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(stem("warned"), stem("warning"));
        assert_eq!(stem("cancelled"), stem("cancel"));
        assert_eq!(stem("flights"), stem("flight"));
    }
}
