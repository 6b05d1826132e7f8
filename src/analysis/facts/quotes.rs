//! Quotations as facts: their words (normalised so that contractions and UK/US spelling
//! do not count as differences) and their speaker. Uses the article's quotes when the
//! quotes stage found them; otherwise a light fallback finds quoted stretches and the
//! name right after ("...," said X) or before ("X said: ...").

use super::people::{Roster, mentions};
use super::tokens::Token;
use super::{Detail, Fact, FactKind};
use crate::analysis::entities::Entity;
use crate::analysis::quotes::{Quote, QuoteKind};
use crate::text::doc::Doc;
use crate::text::{Span, TextModel};

const OPEN: [char; 3] = ['"', '\u{201c}', '\u{201e}'];
const CLOSE: [char; 2] = ['"', '\u{201d}'];

/// Spans of quoted text: from the article's quotes, else found in the paragraphs.
pub(crate) fn quote_spans(text: &str, model: &TextModel, quotes: &[Quote]) -> Vec<Span> {
    let given: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .map(|q| q.span)
        .collect();
    if !given.is_empty() {
        return given;
    }
    let mut out = Vec::new();
    for p in &model.paragraphs {
        let ps = p.text(text);
        let mut open: Option<usize> = None;
        for (i, c) in ps.char_indices() {
            match open {
                None if OPEN.contains(&c) => open = Some(i + c.len_utf8()),
                Some(o) if CLOSE.contains(&c) => {
                    out.push(Span::new(p.start + o, p.start + i));
                    open = None;
                }
                _ => {}
            }
        }
        // a quote running on to the next paragraph
        if let Some(o) = open {
            out.push(Span::new(p.start + o, p.end));
        }
    }
    out
}

fn is_cue(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "asked"
            | "insisted"
            | "explained"
            | "warned"
            | "wrote"
    )
}

fn name_in(tokens: &[Token], roster: &mut Roster) -> Option<String> {
    mentions(tokens, roster).first().map(|m| m.name.clone())
}

/// The speaker named right after the quote ("," said X / X said) or before it (X said:).
fn fallback_speaker(doc: &Doc, q: Span, roster: &mut Roster) -> Option<(String, usize)> {
    let text = doc.text();
    let close = text[q.end..]
        .chars()
        .next()
        .map(char::len_utf8)
        .unwrap_or(0);
    let after_end = (q.end + close + 80).min(text.len());
    let mut e = after_end;
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let after = doc.words_in(Span::new(q.end + close, e));
    let stop = after
        .iter()
        .position(|t| matches!(t.text, "." | "\u{201c}" | "\"" | ";" | "?" | "!"))
        .unwrap_or(after.len());
    let after = &after[..stop];
    let cue = after.iter().position(|t| is_cue(t.lower));
    if let Some(c) = cue
        && c <= 6
    {
        // "," said X  or  "," X said
        if let Some(n) = name_in(&after[c + 1..(c + 7).min(after.len())], roster) {
            return Some((n, after[c].span.end));
        }
        if let Some(n) = name_in(&after[..c], roster) {
            return Some((n, after[c].span.end));
        }
    }
    // X said: "..."
    let mut s = q.start.saturating_sub(close + 80);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let open = text[..q.start]
        .chars()
        .next_back()
        .map(char::len_utf8)
        .unwrap_or(0);
    let before = doc.words_in(Span::new(s, q.start.saturating_sub(open).max(s)));
    if before
        .last()
        .is_some_and(|t| t.text == ":" || t.text == ",")
    {
        let from = before
            .iter()
            .rposition(|t| matches!(t.text, "." | "\u{201d}" | "\""))
            .map(|p| p + 1)
            .unwrap_or(0);
        let seg = &before[from..];
        if seg.iter().any(|t| is_cue(t.lower)) {
            let ms = mentions(seg, roster);
            if let Some(m) = ms.last() {
                return Some((m.name.clone(), q.start));
            }
        }
    }
    None
}

/// '"...," he said' / '"...," said she': the end of the attribution.
fn pronoun_cue(doc: &Doc, q: Span) -> Option<usize> {
    let text = doc.text();
    let close = text[q.end..]
        .chars()
        .next()
        .map(char::len_utf8)
        .unwrap_or(0);
    let mut e = (q.end + close + 30).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let after = doc.words_in(Span::new(q.end + close, e));
    let words: Vec<&Token> = after.iter().filter(|t| t.is_word()).take(2).collect();
    if after.first().is_some_and(|t| t.text == ".") {
        return None;
    }
    match words.as_slice() {
        [a, b] if matches!(a.lower, "he" | "she") && is_cue(b.lower) => Some(b.span.end),
        [a, b] if is_cue(a.lower) && matches!(b.lower, "he" | "she") => Some(b.span.end),
        _ => None,
    }
}

/// Words of a quotation for comparison: lowercase, contractions expanded, UK/US folded.
#[cfg(test)]
pub fn normalise(text: &str) -> Vec<String> {
    normalise_words(&Doc::new(text).words_in(Span::new(0, text.len())))
}

/// [`normalise`] on tokens of the document model.
pub fn normalise_words(tokens: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens {
        if !t.is_word() {
            continue;
        }
        let w = t.lower.replace('\u{2019}', "'");
        let (base, tail) = match w.split_once('\'') {
            Some((b, "t")) if b.ends_with('n') => {
                let b = match b {
                    "won" => "will".to_string(),
                    "can" => "can".to_string(),
                    "shan" => "shall".to_string(),
                    _ => b[..b.len() - 1].to_string(),
                };
                (b, Some("not"))
            }
            Some((b, "re")) => (b.to_string(), Some("are")),
            Some((b, "ve")) => (b.to_string(), Some("have")),
            Some((b, "ll")) => (b.to_string(), Some("will")),
            Some((b, "m")) => (b.to_string(), Some("am")),
            Some((b, "d")) => (b.to_string(), Some("would")),
            Some((b, "s")) => (b.to_string(), None),
            _ => (w.clone(), None),
        };
        out.push(us_spelling(&base));
        if let Some(t) = tail {
            out.push(t.to_string());
        }
    }
    out
}

fn us_spelling(w: &str) -> String {
    let mut s = w.to_string();
    if s.len() > 4 {
        for (uk, us) in [
            ("our", "or"),
            ("ours", "ors"),
            ("ise", "ize"),
            ("ised", "ized"),
            ("ising", "izing"),
            ("isation", "ization"),
            ("tre", "ter"),
            ("tres", "ters"),
            ("ogue", "og"),
            ("ence", "ense"),
            ("lled", "led"),
            ("lling", "ling"),
            ("mme", "m"),
        ] {
            if let Some(b) = s.strip_suffix(uk) {
                s = format!("{b}{us}");
                break;
            }
        }
    }
    s
}

/// The sentences of a quotation (compared one by one: reports often quote only part).
fn pieces(text: &str, span: Span) -> Vec<Span> {
    let s = span.text(text);
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1).is_none_or(|c| *c == b' ') {
            out.push(Span::new(span.start + start, span.start + i + 1));
            start = i + 1;
            while start < b.len() && b[start] == b' ' {
                start += 1;
            }
        }
    }
    if start < s.len() {
        out.push(Span::new(span.start + start, span.end));
    }
    out
}

/// Quotations as a fact kind: found once per article from the quote layer (not per
/// sentence) and matched by their words in `conflicts::quotes`, not slot by slot.
pub struct Quotes;

impl super::kind::ClaimKind for Quotes {
    fn kind(&self) -> FactKind {
        FactKind::Quote
    }

    fn conflict(&self) -> crate::analysis::conflicts::ConflictKind {
        crate::analysis::conflicts::ConflictKind::QuoteWording
    }

    fn find(&self, _s: &super::Sent) -> Vec<Fact> {
        vec![]
    }

    fn cross_only(&self) -> bool {
        false
    }

    fn by_slot(&self) -> bool {
        false
    }
}

pub(crate) fn extract(
    doc: &Doc,
    quotes: &[Quote],
    entities: &[Entity],
    spans: &[Span],
    named: &[(usize, String)],
    roster: &mut Roster,
) -> Vec<Fact> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut push = |span: Span, evidence: Span, speaker: String| {
        for p in pieces(text, span) {
            let words = normalise_words(&doc.words_in(p));
            if words.len() < 5 {
                continue;
            }
            let ev = if p.end == span.end && evidence.end > span.end {
                Span::new(p.start, evidence.end)
            } else {
                p
            };
            out.push(Fact {
                evidence: ev,
                kind: FactKind::Quote,
                subject: speaker.clone(),
                slot: super::Slot::Quote,
                value: p.text(text).to_string(),
                positive: true,
                hedged: false,
                anchor: None,
                detail: Detail::Quote {
                    speaker: speaker.clone(),
                    words,
                },
            });
        }
    };
    let attributed: Vec<&Quote> = quotes
        .iter()
        .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
        .collect();
    if !attributed.is_empty() {
        for q in attributed {
            let Some(e) = q.speaker.and_then(|i| entities.get(i)) else {
                continue;
            };
            let evidence = match q.mention {
                Some(m) if m.start >= q.span.end && m.start - q.span.end < 40 => {
                    Span::new(q.span.start, m.end)
                }
                _ => q.span,
            };
            push(q.span, evidence, e.name.clone());
        }
        return out;
    }
    let mut last_speaker: Option<String> = None;
    let mut prev_end = 0;
    for &q in spans {
        let found = fallback_speaker(doc, q, roster).or_else(|| {
            // '"...," he said': the last person named before the quote
            pronoun_cue(doc, q).and_then(|end| {
                named
                    .iter()
                    .rev()
                    .find(|(pos, _)| *pos < q.start)
                    .map(|(_, n)| (n.clone(), end))
            })
        });
        let speaker = match found {
            Some((n, end)) => {
                let evidence = if end > q.end {
                    Span::new(q.start, end)
                } else {
                    q
                };
                last_speaker = Some(n.clone());
                prev_end = q.end;
                Some((n, evidence))
            }
            // the second part of an interrupted quote: '"...," said X, "..."'
            None if q.start.saturating_sub(prev_end) < 60 && last_speaker.is_some() => {
                prev_end = q.end;
                last_speaker.clone().map(|n| (n, q))
            }
            None => None,
        };
        if let Some((n, ev)) = speaker {
            push(q, ev, n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn contractions_and_spelling_fold() {
        assert_eq!(
            normalise("We don't favour it"),
            normalise("We do not favor it")
        );
        assert_eq!(normalise("the centre"), normalise("the center"));
    }
}
