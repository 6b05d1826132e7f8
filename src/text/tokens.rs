//! Word and punctuation tokens with byte spans, for the analysis stages.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters/digits, with inner apostrophes, hyphens and dotted abbreviations ("U.S.").
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

/// Tokens of `text[span]`, with spans into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut dotted = false;
            loop {
                let rest = &s[end..];
                let mut chars = rest.chars();
                let Some(n) = chars.next() else { break };
                if n.is_alphanumeric() {
                    end += n.len_utf8();
                    continue;
                }
                let after = chars.next();
                if inner_joiner(n) && after.is_some_and(char::is_alphanumeric) {
                    end += n.len_utf8();
                    continue;
                }
                // Dotted abbreviations: "U.S.", "a.m.": single letters between dots.
                if n == '.' {
                    let word = &s[i..end];
                    let last_run = word.rsplit('.').next().unwrap_or(word);
                    if last_run.chars().count() == 1
                        && word.chars().next().is_some_and(char::is_alphabetic)
                    {
                        if after.is_some_and(char::is_alphabetic)
                            && chars.next().is_some_and(|c| c == '.')
                        {
                            end += 1;
                            dotted = true;
                            continue;
                        }
                        if dotted {
                            end += 1;
                        }
                    }
                }
                break;
            }
            // skip the chars we consumed
            while let Some(&(j, _)) = it.peek() {
                if j < end {
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                span: Span::new(span.start + i, span.start + end),
                kind: TokenKind::Word,
                cap: c.is_uppercase(),
            });
        } else {
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                kind: TokenKind::Punct,
                cap: false,
            });
        }
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
}
