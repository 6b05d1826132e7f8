//! Paragraph and sentence splitting.
//!
//! Paragraphs are runs of non-blank lines; in copy without any blank line, every
//! non-empty line is a paragraph. Sentences end at `.`, `?`, `!` (or `…`) followed by
//! space, after any closing quotes/brackets, unless the period belongs to an
//! abbreviation ("Mr.", "Gen.", "Jan. 5"), an initial ("J. R. Smith"), a decimal or
//! an ellipsis that the next lowercase word continues.

use super::Span;
use crate::analysis::lexicon;

/// Paragraph spans of `text`, trimmed of surrounding whitespace: runs of non-blank lines, split
/// further where a line closes a sentence in copy that was not hard-wrapped (see
/// [`super::lines`]); in copy without any blank line, every non-empty line is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let single_lines = !has_blank_line_between(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let close = |out: &mut Vec<Span>, block: Span| {
        let block = trim(text, block);
        if !block.is_empty() {
            out.extend(super::lines::line_runs(text, block));
        }
    };
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                close(&mut out, Span::new(s, pos));
            }
        } else if single_lines {
            if let Some(s) = start.take() {
                close(&mut out, Span::new(s, pos));
            }
            start = Some(pos);
        } else if start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        close(&mut out, Span::new(s, text.len()));
    }
    out
}

/// True when some blank line separates two non-blank lines.
fn has_blank_line_between(text: &str) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            if seen_text {
                blank_after_text = true;
            }
        } else {
            if blank_after_text {
                return true;
            }
            seen_text = true;
        }
    }
    false
}

fn trim(text: &str, s: Span) -> Span {
    let slice = &text[s.start..s.end];
    if slice.trim().is_empty() {
        return Span::new(s.start, s.start);
    }
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    Span::new(s.start + lead, s.end - trail)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '“' | '‘' | '›' | ')' | ']'
    )
}

/// The word (letters, digits, inner periods) that ends right before byte `end` of `p`.
fn word_before(p: &str, end: usize) -> &str {
    let bytes = p.as_bytes();
    let mut s = end;
    while s > 0 {
        let prev = p[..s].chars().next_back().unwrap_or(' ');
        if prev.is_alphanumeric() || (prev == '.' && s < end && s > 1 && bytes[s - 2] != b'.') {
            s -= prev.len_utf8();
        } else {
            break;
        }
    }
    p[s..end].trim_start_matches('.')
}

/// Sentences of one paragraph.
pub fn split_sentences(text: &str, para: Span) -> Vec<Span> {
    let p = &text[para.start..para.end];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // to the next byte that may end a sentence ('…' opens with 0xE2); no other
        // byte is looked at
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'.' | b'?' | b'!' | 0xE2))
        {
            Some(d) => i += d,
            None => break,
        }
        let b = bytes[i];
        let is_ellipsis_char = bytes[i..].starts_with("…".as_bytes());
        if b == b'.' || b == b'?' || b == b'!' || is_ellipsis_char {
            let term_len = if is_ellipsis_char {
                '…'.len_utf8()
            } else {
                1
            };
            // A run of periods is an ellipsis.
            let mut j = i + term_len;
            while j < bytes.len() && bytes[j] == b'.' {
                j += 1;
            }
            let ellipsis = is_ellipsis_char || j - i >= 3;
            // include closing quotes/brackets after the terminator
            let mut k = j;
            while k < p.len() {
                let c = p[k..].chars().next().unwrap_or(' ');
                if is_closer(c) {
                    k += c.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = p[k..].chars().next().is_none_or(char::is_whitespace);
            if next_is_space && ends_sentence(p, i, k, b, ellipsis) {
                let s = trim(text, Span::new(para.start + start, para.start + k));
                if !s.is_empty() {
                    out.push(s);
                }
                start = k;
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    let s = trim(text, Span::new(para.start + start, para.end));
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Decides whether the terminator at `i` (its closers end at `k`) ends a sentence.
fn ends_sentence(p: &str, i: usize, k: usize, b: u8, ellipsis: bool) -> bool {
    let next_word = next_word(p, k);
    let next_first = next_word.chars().next();
    let next_lower = next_first.is_some_and(|c| c.is_lowercase());
    let next_digit = next_first.is_some_and(|c| c.is_ascii_digit());
    if b != b'.' || ellipsis {
        // "?" or "!" or "...": a lowercase continuation does not start a sentence.
        return !next_lower;
    }
    let closers = k > i + 1;
    let w = word_before(p, i);
    if next_lower {
        return false;
    }
    if closers {
        // `... end." Next` : the quote closes the sentence.
        return true;
    }
    // Initials: a single capital letter ("J. R. Smith").
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return false;
    }
    // lowercased on the stack: this runs at every period
    let mut buf = [0u8; 6];
    let lw = match buf.get_mut(..w.len()) {
        Some(b) => {
            for (d, s) in b.iter_mut().zip(w.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            std::str::from_utf8(b).unwrap_or("")
        }
        None => "",
    };
    if !lw.is_empty() && lexicon::ABBREVIATIONS.contains(lw) {
        if lexicon::SENTENCE_FINAL_ABBREVIATIONS.contains(lw) {
            // "in the U.S. The ..." ends; "U.S. Secretary" does not: only a common
            // sentence opener after it counts as a new sentence.
            return is_sentence_opener(next_word);
        }
        // Month + number: "Jan. 5".
        return false;
    }
    if next_digit {
        // "No. 5", a list number: decimals never reach here (no space after the dot).
        return true;
    }
    true
}

fn next_word(p: &str, k: usize) -> &str {
    let rest = p[k..].trim_start();
    let rest = rest.trim_start_matches(['"', '\'', '“', '‘', '«', '„', '(', '[']);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "But"
            | "And"
            | "In"
            | "On"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "This"
            | "That"
            | "There"
            | "Those"
            | "These"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "As"
            | "At"
            | "For"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Some"
            | "Many"
            | "Most"
            | "Officials"
            | "Still"
            | "Yet"
            | "So"
            | "Now"
            | "Since"
            | "Meanwhile"
            | "However"
            | "Other"
            | "One"
            | "Two"
            | "Mr"
            | "Ms"
            | "Mrs"
            | "Dr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for p in paragraphs(t) {
            for s in split_sentences(t, p) {
                v.push(s.text(t));
            }
        }
        v
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Mr. J. R. Smith met Gen. Lee on Jan. 5 in the U.S. capital. He paid 3.5 dollars.";
        assert_eq!(
            sents(t),
            vec![
                "Mr. J. R. Smith met Gen. Lee on Jan. 5 in the U.S. capital.",
                "He paid 3.5 dollars."
            ]
        );
    }

    #[test]
    fn us_at_sentence_end_splits_before_opener() {
        let t = "He flew to the U.S. The trip was short.";
        assert_eq!(sents(t), vec!["He flew to the U.S.", "The trip was short."]);
    }

    #[test]
    fn quotes_end_sentences() {
        let t = "\"We will win,\" she said. \"It is over.\" Next came rain.";
        assert_eq!(
            sents(t),
            vec![
                "\"We will win,\" she said.",
                "\"It is over.\"",
                "Next came rain."
            ]
        );
    }

    #[test]
    fn ellipsis_followed_by_lowercase_continues() {
        let t = "We waited... and waited. Then... Nothing.";
        assert_eq!(
            sents(t),
            vec!["We waited... and waited.", "Then...", "Nothing."]
        );
    }

    #[test]
    fn single_newline_copy_gives_one_paragraph_per_line() {
        let t = "First line.\nSecond line.\nThird.";
        assert_eq!(paragraphs(t).len(), 3);
        let t2 = "A para\nwrapped.\n\nB para.";
        assert_eq!(paragraphs(t2).len(), 2);
        // Below a blank line, entries that each close a sentence stay paragraphs of their own.
        let t3 = "Headline\n\n10:02 Crews arrive.\n10:30 Road shut.\n";
        assert_eq!(paragraphs(t3).len(), 3);
    }
}
