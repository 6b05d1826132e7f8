//! Paragraph and sentence splitting. (First version; the quotes work refines it.)

use super::Span;

/// Paragraphs: runs of non-blank lines. In copy where every line is its own paragraph
/// (no blank lines at all), each non-empty line is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trim(text, Span::new(s, pos)));
            }
        } else if start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(trim(text, Span::new(s, text.len())));
    }
    out
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

/// Sentences of one paragraph.
pub fn split_sentences(text: &str, para: Span) -> Vec<Span> {
    let p = &text[para.start..para.end];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'?' || b == b'!' || b == b'\n' {
            // include closing quotes/brackets after the terminator
            let mut j = i + 1;
            while j < p.len() {
                let c = p[j..].chars().next().unwrap();
                if matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = p[j..].chars().next().is_none_or(char::is_whitespace);
            if next_is_space {
                let s = trim(text, Span::new(para.start + start, para.start + j));
                if !s.is_empty() {
                    out.push(s);
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    let s = trim(text, Span::new(para.start + start, para.end));
    if !s.is_empty() {
        out.push(s);
    }
    out
}
