//! The text model every analysis stage works on: paragraphs and sentences as byte
//! ranges into the article text, plus byte <-> char offset conversion for the JSON
//! contract (which counts Unicode scalar values).

pub mod doc;
pub mod lines;
pub mod offsets;
pub mod sentences;
pub mod tokens;

pub use offsets::CharIndex;
pub use tokens::{Token, TokenKind, tokenize};

/// A half-open byte range `[start, end)` into an article's text. Always on char boundaries.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// A sentence: its byte span and the index of the paragraph it lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Paragraphs (separated by blank lines, or by single newlines in plain copy) and sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextModel {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
}

impl TextModel {
    pub fn new(text: &str) -> Self {
        let paragraphs = sentences::paragraphs(text);
        let mut out = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            for s in sentences::split_sentences(text, *p) {
                out.push(Sentence {
                    span: s,
                    paragraph: i,
                });
            }
        }
        TextModel {
            paragraphs,
            sentences: out,
        }
    }

    /// Index of the paragraph containing byte `pos` (or the last one before it).
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        match self.paragraphs.binary_search_by(|p| p.start.cmp(&pos)) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }

    /// Index of the sentence containing byte `pos` (or the last one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        match self.sentences.binary_search_by(|s| s.span.start.cmp(&pos)) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }
}
