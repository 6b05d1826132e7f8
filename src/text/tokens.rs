//! Word and punctuation tokens with byte spans, for the analysis stages.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters/digits, with inner apostrophes, hyphens and dotted abbreviations ("U.S."),
    /// and numbers with their digit-group separators ("1,050", "4.75").
    Word,
    /// Any other single non-space character.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// First character is uppercase.
    pub cap: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.text(text)
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

/// The char at byte `i` of `s` and its length (ASCII fast path).
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// Tokens of `text[span]`, with spans into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut i = 0;
    while let Some((c, cl)) = char_at(s, i) {
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + cl),
                kind: TokenKind::Punct,
                cap: false,
            });
            i += cl;
            continue;
        }
        let start = i;
        let mut end = i + cl;
        let mut dotted = false;
        let mut run_len = 1; // chars since the last inner dot
        let numeric = c.is_ascii_digit();
        while let Some((n, nl)) = char_at(s, end) {
            if n.is_alphanumeric() {
                end += nl;
                run_len += 1;
                continue;
            }
            let after = char_at(s, end + nl);
            if inner_joiner(n) && after.is_some_and(|(a, _)| a.is_alphanumeric()) {
                end += nl;
                run_len = 0;
                continue;
            }
            // Numbers keep their separators: "1,050", "4.75", "6,2" (a decimal comma).
            if numeric && matches!(n, ',' | '.') && after.is_some_and(|(a, _)| a.is_ascii_digit()) {
                end += nl;
                continue;
            }
            // Dotted abbreviations: "U.S.", "a.m.": single letters between dots.
            if n == '.' && run_len == 1 && c.is_alphabetic() {
                let after_after = char_at(s, end + 2).map(|x| x.0);
                if after.is_some_and(|(a, _)| a.is_alphabetic()) && after_after == Some('.') {
                    end += 1;
                    dotted = true;
                    run_len = 0;
                    continue;
                }
                if dotted {
                    end += 1;
                }
            }
            break;
        }
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind: TokenKind::Word,
            cap: c.is_uppercase(),
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect()
    }

    #[test]
    fn words_keep_inner_marks_and_dotted_abbreviations() {
        assert_eq!(
            words("The U.S. union's vice-chair said: don't."),
            vec![
                "The",
                "U.S.",
                "union's",
                "vice-chair",
                "said",
                ":",
                "don't",
                "."
            ]
        );
        assert_eq!(words("J. R. Smith"), vec!["J", ".", "R", ".", "Smith"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("1,050 seats, 4.75 points, 6,2 km at 9.30am in 2019."),
            vec![
                "1,050", "seats", ",", "4.75", "points", ",", "6,2", "km", "at", "9.30am", "in",
                "2019", "."
            ]
        );
        // a separator not followed by a digit is punctuation
        assert_eq!(words("in 2019, then"), vec!["in", "2019", ",", "then"]);
        assert_eq!(words("Flight A320.5"), vec!["Flight", "A320", ".", "5"]);
    }
}
